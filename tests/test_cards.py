"""Link-preview cards: size, format, no metadata, the same bytes every time, the spliced PNG, line breaking, glyphs,
fallbacks, cache."""

from __future__ import annotations

import dataclasses
import hashlib
import importlib.util
import io
import math
import multiprocessing
import pickle
import random
import struct
import zlib
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import pytest
import yaml
from PIL import Image, ImageChops, ImageDraw

from generator import cards
from generator.cards import (CardFonts, CardTexts, card_key, choose_text, draw_card, fit_lines, fit_name, load_fonts, plan_card,
                             process_card, render_card, segment, wrap_lines)

ROOT = Path(__file__).resolve().parent.parent
FONTS = load_fonts(ROOT / cards.FONTS_DIR)

CRAB_ZH = CardTexts("活青蟹", "海产品", "中苏拉威西省", "印尼乡村出口产品目录", ("Kepiting bakau hidup", "Live mud crab"), ("Seafood", "Hasil laut"))
CRAB_EN = CardTexts("Live mud crab", "Seafood", "Central Sulawesi", "Village Export Catalog", ("Kepiting bakau hidup", "活青蟹"),
                    ("Hasil laut", "海产品"))
CRAB_ID = CardTexts("Kepiting bakau hidup", "Hasil laut", "Sulawesi Tengah", "Katalog Ekspor Desa", ("Live mud crab", "活青蟹"),
                    ("Seafood", "海产品"))
# Names far longer than most, and a long category and place: the layout still holds.
LONG_ZH = CardTexts("干制长心卡帕藻（Eucheuma cottonii），莱康湾养殖45天，晾架晒干，卡帕型卡拉胶原料，压缩捆装，每个20英尺集装箱约11吨",
                    "海藻及海藻制品（干制、盐渍）", "中苏拉威西省 班盖群岛县", "印尼乡村出口产品目录", ("Dried Eucheuma cottonii seaweed",))
LONG_ID = CardTexts("Minyak atsiri nilam (patchouli) hasil penyulingan uap tradisional BUMDes Kabupaten Kepulauan Selayar kualitas ekspor",
                    "Minyak atsiri dan bahan aromatik alami lainnya untuk industri parfum",
                    "Kabupaten Kepulauan Selayar, Sulawesi Selatan", "Katalog Ekspor Desa", ("Patchouli essential oil",))
SAMPLES = (CRAB_ZH, CRAB_EN, CRAB_ID, LONG_ZH, LONG_ID)


def units(text: str) -> float:
    """A font-free measure: a Chinese character is 2 units wide, anything else 1."""
    return float(sum(2 if cards.is_wide(c) else 1 for c in text))


def face(size: int):
    return cards._face(FONTS, size)


# --- the PNG -------------------------------------------------------------------------------------------------


def png_chunks(data: bytes) -> list[bytes]:
    """The chunk types of a PNG file, in order."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    found, at = [], 8
    while at < len(data):
        (length,) = struct.unpack(">I", data[at:at + 4])
        found.append(data[at + 4:at + 8])
        at += 12 + length
    return found


@pytest.mark.parametrize("texts", SAMPLES, ids=["zh", "en", "id", "long-zh", "long-id"])
def test_a_card_is_a_1200_by_630_palette_png_without_metadata(texts):
    data = render_card(texts, FONTS)
    with Image.open(io.BytesIO(data)) as image:
        assert (image.format, image.mode, image.size) == ("PNG", "P", (1200, 630))
        assert len(image.getpalette()) // 3 == len(cards.RAMPS) * cards.RAMP_LEVELS <= 256
    # No text, time, colour-profile or EXIF chunk: nothing about the machine that made it.
    assert set(png_chunks(data)) == {b"IHDR", b"PLTE", b"IDAT", b"IEND"}
    assert len(data) < 45_000  # WhatsApp shows no picture over 300 kB; a card is 15-35 kB


def idat(data: bytes) -> bytes:
    at, found = 8, b""
    while at < len(data):
        (length,) = struct.unpack(">I", data[at:at + 4])
        if data[at + 4:at + 8] == b"IDAT":
            found += data[at + 8:at + 8 + length]
        at += 12 + length
    return found


@pytest.mark.parametrize("texts", SAMPLES, ids=["zh", "en", "id", "long-zh", "long-id"])
def test_the_spliced_png_is_one_valid_zlib_stream_of_exactly_the_drawn_card(texts):
    data = render_card(texts, FONTS)
    # zlib checks the stream's end and its Adler-32 (the bands' sums combined): a wrong splice raises here.
    rows = zlib.decompress(idat(data))
    assert len(rows) == 630 * 1201 and rows[::1201] == bytes(630)  # every row: filter byte 0, then 1200 indices
    drawn = draw_card(texts, FONTS)
    assert b"".join(rows[y * 1201 + 1:(y + 1) * 1201] for y in range(630)) == drawn.tobytes()
    with Image.open(io.BytesIO(data)) as image:
        assert ImageChops.difference(image.convert("RGB"), drawn.convert("RGB")).getbbox() is None


def test_adler32_of_joined_bytes_is_combined_from_the_parts():
    rng = random.Random(7)
    for length_a, length_b in ((0, 5), (5, 0), (1, 1), (12_010, 70_000), (65_521, 65_522), (200_000, 131_042)):
        a, b = rng.randbytes(length_a), rng.randbytes(length_b)
        assert cards.adler32_combine(zlib.adler32(a), zlib.adler32(b), len(b)) == zlib.adler32(a + b)


def test_pasted_glyphs_are_what_pillow_draws():
    # The glyph cache must not change the look: the basic layout draws the same pixels at the same places.
    for text, size in (("活青蟹（泥蟹）", 100), ("Kepiting bakau hidup 500 g", 88), ("Minyak atsiri, ekspor", 36)):
        line = cards.TextLine(text, 0, size, size, cards.INK, (0, 0, 1300, 2 * size))
        canvas = Image.new("L", (1301, 2 * size), cards._coverage_to_index(cards.SAND, cards.INK)[0])
        cards._paint(canvas, line, FONTS)
        expected = Image.new("L", (1300, 2 * size), 0)
        ImageDraw.Draw(expected).text((0, size), text, font=face(size), fill=255, anchor="ls")
        assert canvas.crop((1, 0, 1301, 2 * size)).tobytes() == expected.point(cards._coverage_to_index(cards.SAND, cards.INK)).tobytes(), text


def test_every_text_lies_on_a_flat_colour_of_the_backdrop():
    shapes = cards._shapes().copy()
    shapes.putpalette(cards.palette())
    for region, background in ((cards.NAME_REGION, cards.SAND), (cards.KIND_REGION, cards.SAND), (cards.PLACE_REGION, cards.SAND),
                               (cards.TITLE_REGION, cards.GREEN)):
        colours = shapes.crop(region).convert("RGB").getcolors()
        assert colours == [(colours[0][0], background)], region


def test_the_same_texts_give_the_same_bytes_cold_or_warm_and_in_another_process():
    warm = render_card(CRAB_ZH, FONTS)
    for cache in (cards._FACES, cards._GLYPHS, cards._INKED, cards._ADVANCES, cards._BACKDROPS):
        cache.clear()
    cards._base.cache_clear()
    cards._shapes.cache_clear()
    cards._pin.cache_clear()
    assert render_card(CRAB_ZH, FONTS) == warm
    with ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context("spawn")) as pool:
        assert pool.submit(render_card, CRAB_ZH, pickle.loads(pickle.dumps(FONTS))).result() == warm


def test_different_texts_give_different_cards():
    assert render_card(CRAB_ZH, FONTS) != render_card(dataclasses.replace(CRAB_ZH, place="北苏拉威西省"), FONTS)
    assert render_card(CRAB_ZH, FONTS) != render_card(dataclasses.replace(CRAB_ZH, name="冷冻青蟹"), FONTS)


def test_cards_of_one_backdrop_share_its_bytes_outside_the_name():
    # What makes a card cheap: only the name's rows are drawn and compressed again (docs/performance.md).
    first, second = draw_card(CRAB_ZH, FONTS), draw_card(dataclasses.replace(CRAB_ZH, name="冷冻青蟹"), FONTS)
    changed = ImageChops.difference(first.convert("RGB"), second.convert("RGB")).getbbox()
    assert changed is not None and cards.NAME_REGION[1] <= changed[1] and changed[3] <= cards.NAME_REGION[3]


# --- line breaking (a font-free measure) -------------------------------------------------------------------


def test_chinese_without_spaces_breaks_between_characters():
    assert wrap_lines("印尼乡村出口产品目录", units, 8) == ["印尼乡村", "出口产品", "目录"]


def test_chinese_punctuation_never_starts_a_line_and_an_opening_bracket_never_ends_one():
    assert wrap_lines("青蟹，活的。", units, 6) == ["青蟹，", "活的。"]
    assert wrap_lines("青蟹，活的。", units, 5) == ["青", "蟹，", "活", "的。"]  # the comma goes down with 蟹
    assert wrap_lines("海藻（干）", units, 6) == ["海藻", "（干）"]
    assert segment("A（干）") == ["A", "（干）"]


def test_latin_breaks_at_spaces_and_keeps_words_whole():
    assert wrap_lines("Kepiting bakau hidup", units, 14) == ["Kepiting bakau", "hidup"]
    assert wrap_lines("  Kepiting \n bakau\thidup ", units, 100) == ["Kepiting bakau hidup"]


def test_a_long_indonesian_word_is_cut_by_characters_with_a_hyphen():
    lines = wrap_lines("Keanekaragamanhayati laut", units, 8)
    assert lines == ["Keaneka-", "ragaman-", "hayati", "laut"]
    assert all(units(line) <= 8 for line in lines)


def test_a_compound_breaks_after_its_hyphen_but_a_range_does_not():
    assert wrap_lines("Kepiting-bakau", units, 10) == ["Kepiting-", "bakau"]
    assert segment("80-100 kg") == ["80-100 ", "kg"]


def test_mixed_chinese_and_latin():
    # Chinese breaks by characters, the Latin inside it at its space, and the brackets stay with their words.
    assert wrap_lines("长心卡帕藻（Eucheuma cottonii）干品", units, 20) == ["长心卡帕藻（Eucheuma", "cottonii）干品"]
    assert wrap_lines("长心卡帕藻（Eucheuma cottonii）干品", units, 12) == ["长心卡帕藻", "（Eucheuma", "cottonii）干", "品"]
    assert wrap_lines("25公斤 PE 袋", units, 6) == ["25公斤", "PE 袋"]


def test_a_name_too_long_for_three_lines_ends_in_an_ellipsis_of_its_script():
    zh, cut = fit_lines("印尼乡村出口产品目录印尼乡村出口产品目录", units, 8, 2)
    assert cut and zh == ["印尼乡村", "出口产…"]
    latin, cut = fit_lines("Kepiting bakau hidup segar dari Sulawesi", units, 16, 2)
    assert cut and latin == ["Kepiting bakau", "hidup segar..."]
    short, cut = fit_lines("Kopi", units, 16, 2)
    assert not cut and short == ["Kopi"]


def test_the_name_takes_the_largest_size_at_which_it_fits():
    assert fit_name("活青蟹", lambda size: face(size).getlength).size == cards.NAME_SIZES[0][0]
    long = fit_name(LONG_ID.name, lambda size: face(size).getlength)
    assert long.size == cards.NAME_SIZES[-1][0] and len(long.lines) == 3 and long.truncated
    assert long.lines[-1].endswith("...")


def test_a_name_on_two_lines_is_balanced_and_no_word_is_cut_for_it():
    # Greedy breaking would leave "segar" alone; the narrowest wrap with as many lines shares the words out.
    assert fit_name("Kepiting bakau hidup segar", lambda size: units, 20, ((1, 2),)).lines == ("Kepiting bakau", "hidup segar")
    assert fit_name("Keanekaragamanhayati laut", lambda size: units, 21, ((1, 2),)).lines == ("Keanekaragamanhayati", "laut")
    assert fit_name("印尼乡村出口产品目录", lambda size: units, 16, ((1, 2),)).lines == ("印尼乡村出", "口产品目录")
    assert fit_name("Java-Type Citronella Oil", lambda size: face(size).getlength).lines == ("Java-Type", "Citronella Oil")


@pytest.mark.parametrize("texts", SAMPLES, ids=["zh", "en", "id", "long-zh", "long-id"])
def test_every_line_of_a_card_fits_its_place(texts):
    plan = plan_card(texts, FONTS)
    for line in plan.name + plan.backdrop:
        left, top, right, bottom = face(line.size).getbbox(line.text, anchor="ls")
        region = line.region
        # Inside its region, so nothing of it is cut off: the region only guards the shapes.
        assert region[0] <= line.x + left and line.x + right <= region[2] - 16, line.text
        assert region[1] <= line.baseline + top and line.baseline + bottom <= region[3], line.text
    assert 1 <= len(plan.name) <= 3 and [line.color for line in plan.backdrop] == [cards.GREEN, cards.MUTED, cards.WHITE]
    assert sum(measure_ok(line) for line in plan.name) == len(plan.name)


def measure_ok(line: cards.TextLine) -> bool:
    """The layout's measure (summed advances) is Pillow's getlength of the whole line."""
    return cards._measure(FONTS, line.size)(line.text) == face(line.size).getlength(line.text)


# --- glyphs and the fallback ----------------------------------------------------------------------------------


def glyph_bitmap(char: str) -> bytes:
    mask = face(60).getmask(char)
    return bytes(mask) + bytes(str(mask.size), "ascii")


def test_chinese_characters_render_as_glyphs_not_as_the_missing_glyph_box():
    notdef = glyph_bitmap("\ue000")  # a private-use character: no font here has it
    assert glyph_bitmap("\U0001F980") == notdef  # the comparison can tell: another missing character is the same box
    for char in "活青蟹海产品中苏拉威西省印尼乡村出口目录辣木叶粉棕榈藿麸蔻ÉéKepiting":
        assert glyph_bitmap(char) != notdef, char


def test_the_coverage_the_build_reads_is_the_fonts_cmap():
    ttLib = pytest.importorskip("fontTools.ttLib")
    font = ttLib.TTFont(io.BytesIO(FONTS.data))
    assert FONTS.coverage == {code for code, glyph in font.getBestCmap().items() if glyph != ".notdef"}


def test_the_font_covers_gb2312_and_the_latin_of_indonesian_and_english():
    gb2312 = set()
    for row in range(16, 88):
        for cell in range(1, 95):
            try:
                gb2312.add(ord(bytes([0xA0 + row, 0xA0 + cell]).decode("gb2312")))
            except UnicodeDecodeError:
                pass
    assert len(gb2312) == 6763 and gb2312 <= FONTS.coverage
    assert set(range(0x20, 0x7F)) | set(range(0xA0, 0x100)) <= FONTS.coverage
    assert {ord(c) for c in "，。、：；！？（）《》“”‘’—…·–€°×"} <= FONTS.coverage


def catalog_texts() -> list[tuple[str, str]]:
    """(where, text) of every name, category, place and title of the sample catalog, in every language."""
    found = []
    config = yaml.safe_load((ROOT / "site_config.yml").read_text(encoding="utf-8"))
    found += [("title", t) for t in config["title"].values()]
    found += [(f"category {k}", t) for k, v in config["vocabularies"]["categories"].items() for t in v["name"].values()]
    for path in sorted((ROOT / "regions").glob("*.yml")) + sorted((ROOT / "products").glob("*/*.yml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        places = [data["province"], *data["regencies"]] if "province" in data else [data]
        found += [(path.name, t) for place in places for t in place["name"].values()]
    return found


def test_every_name_place_and_category_of_the_sample_catalog_is_drawn_as_written():
    texts = catalog_texts()
    assert len(texts) > 100
    assert [(where, text) for where, text in texts if choose_text((text,), FONTS.coverage) != (0, text, "")] == []


def test_a_name_with_a_character_the_font_lacks_is_drawn_in_the_next_language_that_it_covers():
    texts = dataclasses.replace(CRAB_ZH, name="活鱲鱼")  # 鱲 is outside GB2312
    assert 0x9C72 not in FONTS.coverage
    plan = plan_card(texts, FONTS)
    assert plan.name_from == 1 and plan.left_out == ""
    assert [line.text for line in plan.name] == ["Kepiting bakau hidup"]
    lacking_kind = plan_card(dataclasses.replace(CRAB_ZH, kind="鱲类"), FONTS)
    assert lacking_kind.backdrop[0].text == "Seafood" and lacking_kind.left_out == ""


def test_letters_with_diacritics_the_font_lacks_become_their_base_letter():
    assert choose_text(("Kopi Šumava",), FONTS.coverage) == (0, "Kopi Sumava", "")
    assert choose_text(("Café Toraja",), FONTS.coverage) == (0, "Café Toraja", "")  # é is in the font: kept
    # An exact alternate is preferred to a folded name.
    assert choose_text(("Kopi Šumava", "Sumava coffee"), FONTS.coverage) == (1, "Sumava coffee", "")


def test_what_no_candidate_covers_is_left_out_and_said():
    assert choose_text(("活青蟹🦀", "Live crab 🦀"), FONTS.coverage) == (0, "活青蟹", "🦀")
    assert choose_text(("Łódź",), FONTS.coverage) == (0, "ódz", "Ł")
    crab = dataclasses.replace(CRAB_ZH, name="活青蟹🦀", name_alternates=())
    assert plan_card(crab, FONTS).left_out == "🦀"
    # Nothing of the missing character is drawn: the card is that of the name without it.
    assert render_card(crab, FONTS) == render_card(dataclasses.replace(crab, name="活青蟹"), FONTS)


def test_every_text_of_the_card_goes_through_the_fallback():
    texts = CardTexts("Kopi 🫘", "Rempah ☕", "Aceh 🌋", "Katalog ✦")
    plan = plan_card(texts, FONTS)
    assert set(plan.left_out) == {"🫘", "☕", "🌋", "✦"}
    assert [line.text for line in plan.name + plan.backdrop] == ["Kopi", "Rempah", "Aceh", "Katalog"]


# --- naming and the cache -------------------------------------------------------------------------------------


def test_the_key_changes_with_every_text_the_font_and_the_settings(monkeypatch):
    key = card_key(CRAB_ID, FONTS)
    assert card_key(dataclasses.replace(CRAB_ID), FONTS) == key
    changed = {name: card_key(dataclasses.replace(CRAB_ID, **{name: "x"}), FONTS) for name in ("name", "kind", "place", "site_title")}
    assert len(set(changed.values()) | {key}) == len(changed) + 1
    # Alternates count only when one is drawn: a Chinese name renamed leaves the Indonesian card.
    assert card_key(dataclasses.replace(CRAB_ID, name_alternates=("Live mud crab", "鲜活青蟹")), FONTS) == key
    assert card_key(dataclasses.replace(CRAB_ID, kind_alternates=("Seafood", "海鲜")), FONTS) == key
    lacking = dataclasses.replace(CRAB_ID, name="鱲")  # outside the font: the first alternate is drawn
    assert card_key(lacking, FONTS) != card_key(dataclasses.replace(lacking, name_alternates=("Fish",)), FONTS)
    assert card_key(lacking, FONTS) == card_key(dataclasses.replace(CRAB_ID, name="Live mud crab", name_alternates=()), FONTS)
    other_font = CardFonts(data=FONTS.data + b"\0", digest=hashlib.sha256(FONTS.data + b"\0").hexdigest(), coverage=FONTS.coverage)
    assert card_key(CRAB_ID, other_font) != key
    assert card_key(CRAB_ID, load_fonts(ROOT / cards.FONTS_DIR)) == key  # read again: same bytes, same key
    monkeypatch.setattr(cards, "SETTINGS_VERSION", cards.SETTINGS_VERSION + "-next")
    cards.settings_fingerprint.cache_clear()  # read once per process: settings change only with the code
    cards._key_prefix.cache_clear()
    assert card_key(CRAB_ID, FONTS) != key
    monkeypatch.undo()
    cards.settings_fingerprint.cache_clear()
    cards._key_prefix.cache_clear()


def test_a_card_is_drawn_once_then_reused_from_the_cache(tmp_path):
    name, reused = process_card(CRAB_EN, FONTS, tmp_path)
    assert (name, reused) == (cards.card_name(card_key(CRAB_EN, FONTS)), False)
    assert (tmp_path / name).read_bytes() == render_card(CRAB_EN, FONTS)
    assert process_card(CRAB_EN, FONTS, tmp_path) == (name, True)
    other, reused = process_card(dataclasses.replace(CRAB_EN, place="North Sulawesi"), FONTS, tmp_path)
    assert other != name and not reused
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([name, other])  # no temporary file left behind


# --- the font files -------------------------------------------------------------------------------------------


def test_the_font_ships_with_its_licence():
    folder = ROOT / cards.FONTS_DIR
    assert sorted(p.name for p in folder.iterdir()) == sorted([cards.FONT_FILE, "OFL.txt"])
    licence = (folder / "OFL.txt").read_text(encoding="utf-8")
    assert "SIL OPEN FONT LICENSE Version 1.1" in licence and "Adobe" in licence


def test_the_committed_subset_is_exactly_what_the_script_makes():
    script = ROOT / "scripts" / "subset_fonts.py"
    spec = importlib.util.spec_from_file_location("subset_fonts", script)
    pytest.importorskip("fontTools")
    subset_fonts = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(subset_fonts)
    if not subset_fonts.SOURCE.is_file():
        pytest.skip(f"{subset_fonts.SOURCE} is not installed (apt-get install fonts-noto-cjk)")
    source = subset_fonts.SOURCE.read_bytes()
    if hashlib.sha256(source).hexdigest() != subset_fonts.SOURCE_SHA256:
        pytest.skip("this machine's fonts-noto-cjk is another version than the subset was made from")
    assert subset_fonts.make_subset(source) == FONTS.data
