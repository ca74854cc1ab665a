"""Each language right for its reader: place names by rule, the fallback chain, plurals, lists, colons and
territory names through the locale and site_config.yml, and a scan of every built Chinese page for the
mistakes a Chinese reader would see."""

from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path

import pytest
from lxml import html

from generator.localize import Localizer, load_strings
from generator.models import Language

ROOT = Path(__file__).resolve().parent.parent
STRINGS = ROOT / "theme" / "strings"

ZH = Language(code="zh", name="中文", locale="zh_Hans_CN", theme_language="zh", og_locale="zh_CN", fallback=["en"],
              regency_names={"Kabupaten": "{name}县", "Kota": "{name}市"},
              territories={"TW": "中国台湾", "HK": "中国香港", "MO": "中国澳门"})
EN = Language(code="en", name="English", locale="en_US", theme_language="en", og_locale="en_US")
ID = Language(code="id", name="Bahasa Indonesia", locale="id_ID", theme_language="id", og_locale="id_ID")


def localizer(language: Language) -> Localizer:
    return Localizer(language, "id", load_strings(STRINGS, language.code), load_strings(STRINGS, "en"))


# --- place names ------------------------------------------------------------------------------------------


@pytest.mark.parametrize("official, expected", [
    ("Kabupaten Sigi", "Sigi县"),
    ("Kabupaten Parigi Moutong", "Parigi Moutong县"),
    ("Kota Palu", "Palu市"),
])
def test_a_regency_without_a_chinese_name_is_named_by_the_rule(official, expected):
    english = official.split(" ", 1)[1] + (" Regency" if official.startswith("Kabupaten") else " City")
    assert localizer(ZH).place({"id": official, "en": english}) == expected


def test_an_established_name_in_regions_wins_over_the_rule():
    assert localizer(ZH).place({"id": "Kota Makassar", "en": "Makassar City", "zh": "望加锡市"}) == "望加锡市"


def test_a_language_without_a_rule_falls_back_to_english_then_indonesian():
    assert localizer(EN).place({"id": "Kabupaten Sigi", "en": "Sigi Regency"}) == "Sigi Regency"
    assert localizer(EN).place({"id": "Kabupaten Sigi"}) == "Kabupaten Sigi"
    assert localizer(ZH).place({"id": "Sulawesi Tengah", "en": "Central Sulawesi"}) == "Central Sulawesi"  # no rule word


def test_the_place_line_follows_each_languages_order():
    assert localizer(ZH).t("common.place", regency="Sigi县", province="中苏拉威西省") == "中苏拉威西省Sigi县"
    assert localizer(EN).t("common.place", regency="Sigi Regency", province="Central Sulawesi") == "Sigi Regency, Central Sulawesi"


# --- the fallback chain -----------------------------------------------------------------------------------


def test_a_chinese_reader_gets_english_before_indonesian_still_marked():
    loc = localizer(ZH)
    texts = {"id": "Bubuk kelor", "en": "Moringa powder"}
    assert loc.plain(texts) == "Moringa powder"
    marked = str(loc.text(texts))
    assert 'lang="en"' in marked and "Moringa powder" in marked and loc.t("common.not_translated") in marked
    assert loc.fallback_lang(texts) == "en"
    assert 'lang="en"' in str(loc.rich(texts))


def test_without_english_the_chain_ends_at_the_source_language():
    loc = localizer(ZH)
    assert loc.plain({"id": "Bubuk kelor"}) == "Bubuk kelor"
    assert 'lang="id"' in str(loc.text({"id": "Bubuk kelor"}))
    assert loc.fallback_lang({"id": "Bubuk kelor", "zh": "辣木粉"}) is None


def test_an_english_reader_without_a_chain_gets_the_source_language():
    assert localizer(EN).plain({"id": "Bubuk kelor", "zh": "辣木粉"}) == "Bubuk kelor"


# --- grammar and typography through the locale ------------------------------------------------------------


@pytest.mark.parametrize("language, count, expected", [
    (EN, 1, "1 product"), (EN, 2, "2 products"), (EN, 0, "0 products"), (EN, 1000, "1,000 products"),
    (ID, 1, "1 produk"), (ID, 2, "2 produk"), (ID, 1000, "1.000 produk"),
    (ZH, 1, "1 个产品"), (ZH, 2, "2 个产品"),
])
def test_counts_take_the_languages_plural_form(language, count, expected):
    assert localizer(language).count("common.products_count", count) == expected


def test_the_listings_script_gets_every_plural_form():
    assert localizer(EN).plural_forms("listing.filter_count") == {"one": "{count} product shown", "other": "{count} products shown"}
    assert localizer(ZH).plural_forms("listing.filter_count") == {"other": "显示 {count} 个产品"}


@pytest.mark.parametrize("language, quantity, expected", [
    (EN, 1, "tonne"), (EN, 3, "tonnes"), (EN, Decimal("1.5"), "tonnes"), (ZH, 3, "吨"), (ID, 3, "ton"),
])
def test_a_unit_takes_its_plural_where_the_language_has_one(language, quantity, expected):
    assert localizer(language).unit({"id": "ton", "en": "tonne", "zh": "吨"}, {"en": "tonnes"}, quantity) == expected


def test_lists_use_the_languages_separators():
    assert localizer(ZH).list(["中国", "新加坡", "日本"]) == "中国、新加坡和日本"
    assert localizer(EN).list(["China", "Singapore", "Japan"]) == "China, Singapore, and Japan"
    assert localizer(ZH).months([1, 2, 3]) == "一月、二月和三月"


def test_territories_are_named_as_the_reader_expects():
    assert localizer(ZH).countries(["CN", "TW", "HK", "MO", "SG"]) == ["中国", "中国台湾", "中国香港", "中国澳门", "新加坡"]
    assert localizer(EN).countries(["TW"]) == ["Taiwan"]


def test_labels_end_with_the_languages_colon():
    assert localizer(ZH).t("common.colon") == "："
    assert localizer(EN).t("common.colon") == ": "


def test_the_sample_config_names_the_rule_and_the_chain():
    from generator.schemas import read_config

    config = read_config(ROOT)
    zh = next(language for language in config.languages if language.code == "zh")
    assert zh.fallback == ["en"] and set(zh.regency_names) == {"Kabupaten", "Kota"}
    assert zh.territories["TW"] == "中国台湾"


# --- every built Chinese page, scanned --------------------------------------------------------------------

CJK = r"[\u3400-\u9fff]"
LATIN_PLACE = re.compile(r"\b(?:Kabupaten|Kota) [A-Z]|\b[A-Z][a-z]+ (?:Regency|City)\b")
ASCII_SEPARATOR = re.compile(CJK + r"[ ]?[,;:][ ]?" + CJK)
PLURAL_MISTAKE = re.compile(r"\b1 (?:products|village enterprises)\b|\b(?:[02-9]|\d{2,}) (?:tonne|litre|piece|20 ft container)\b")


def page_texts(site: Path, lang: str):
    for path in sorted((site / lang).rglob("*.html")):
        tree = html.fromstring(path.read_bytes())
        for bad in tree.xpath("//script|//style|//*[@lang and @lang!='%s' and not(self::html)]" % lang):
            bad.drop_tree()  # marked fallbacks and the language chooser are another language on purpose
        yield path.relative_to(site).as_posix(), " ".join(tree.text_content().split())


def find_mistakes(text: str) -> list[str]:
    return ([m.group(0) for m in LATIN_PLACE.finditer(text)] + [m.group(0) for m in ASCII_SEPARATOR.finditer(text)]
            + [m.group(0) for m in PLURAL_MISTAKE.finditer(text)])


def test_the_scan_catches_each_mistake():
    assert find_mistakes("产地：Sigi Regency, 中苏拉威西省") == ["Sigi Regency"]
    assert find_mistakes("位于 Kabupaten Sigi") == ["Kabupaten S"]
    assert find_mistakes("市场：中国, 新加坡") == ["国, 新"]
    assert find_mistakes("市场: 中国") == ["场: 中"]
    assert find_mistakes("市场：中国、新加坡") == []
    assert find_mistakes("1 products") == ["1 products"]
    assert find_mistakes("3 tonne per month") == ["3 tonne"]
    assert find_mistakes("中苏拉威西省Sigi县 · 1 个产品") == []


def test_no_chinese_page_shows_latin_place_names_ascii_separators_or_plural_mistakes(sample_site):
    found = {where: mistakes for where, text in page_texts(sample_site, "zh") if (mistakes := find_mistakes(text))}
    assert found == {}


def test_no_english_page_has_a_plural_mistake(sample_site):
    found = {where: hits for where, text in page_texts(sample_site, "en") if (hits := PLURAL_MISTAKE.findall(text))}
    assert found == {}


@pytest.mark.parametrize(("written", "shown"), [
    ("质量，\n收取货款。", "<p>质量，收取货款。</p>"),  # no space a browser would show between Chinese characters
    ("**询价**\n在任意产品页面", "<p><strong>询价</strong>\n在任意产品页面</p>"),  # after markup: left as written
    ("moringa\npowder", "<p>moringa\npowder</p>"),  # between words the line break stays a space
    ("辣木\nmoringa", "<p>辣木\nmoringa</p>"),
])
def test_a_line_break_inside_a_chinese_paragraph_adds_no_space(written, shown):
    from generator.localize import render_rich

    assert render_rich(written) == shown
