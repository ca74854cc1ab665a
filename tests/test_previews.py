"""Link previews of products and BUMDes without a photo: a card with the name, category (or BUMDes) and province in
each language, shared by pages that say the same, cached, on the page's record."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from PIL import Image

from conftest import CONFIG, CRAB, PRODUCT, REGION, TODAY, jpeg_bytes, write_catalog
from generator.build import BuildReport, build_site, check_catalog, localizers, process_cards
from generator.cards import FONTS_DIR, CardTexts, choose_text, missing_glyphs
from generator.catalog import build_catalog
from generator.deps import CARD
from generator.issues import Severity
from generator.localize import load_strings
from generator.pagecache import PageCache
from generator.media import bumdes_card, product_card
from generator.previews import TextSource, alternate_names, plan_cards

PHOTO_LESS = ("cengkeh-kering", "minyak-sereh-wangi", "rumput-laut-spinosum-kering")
"""Sample products without a photo (issue #23)."""
OG_IMAGE = re.compile(r'<meta property="og:image" content="([^"]+)">')
TWITTER_IMAGE = re.compile(r'<meta name="twitter:image" content="([^"]+)">')
K = "products/bumdes-maju/kelor-powder.yml"
CRAB_FILE = "products/bumdes-maju/kepiting-hidup.yml"
WITH_PHOTO = PRODUCT + "photos:\n  - {file: kelor.jpg, alt: {id: Bubuk kelor, en: Moringa powder}}\n"
FROZEN_FILE = "products/bumdes-maju/kepiting-beku.yml"
FROZEN = CRAB.replace("id: kepiting-hidup", "id: kepiting-beku").replace(
    "name: {id: Kepiting bakau hidup, en: Live mud crab, zh: 活青蟹}", "name: {id: Kepiting beku, en: Frozen mud crab, zh: 冷冻青蟹}")
"""A second seafood product of the same BUMDes (so the same province), without a photo."""
LANGS = ("id", "en", "zh")


def preview_of(site: Path, lang: str, url: str) -> Path:
    """The file the page's og:image names, in site/media/ (the twitter image must be the same)."""
    html = (site / lang / url / "index.html").read_text(encoding="utf-8")
    found = OG_IMAGE.findall(html)
    assert len(found) == 1, f"{lang}/{url}: og:image {found}"
    # X falls back to Open Graph: one image tag, and the card that shows it large.
    assert TWITTER_IMAGE.findall(html) == [] and '<meta name="twitter:card" content="summary_large_image">' in html
    assert found[0].startswith("https://") and "/media/" in found[0]
    return site / "media" / found[0].rsplit("/media/", 1)[1]


def image_facts(path: Path) -> tuple[str | None, tuple[int, int]]:
    with Image.open(io.BytesIO(path.read_bytes())) as image:
        return image.format, image.size


def test_every_product_and_bumdes_page_of_the_sample_shares_a_1200_by_630_picture(sample_site):
    for lang in ("id", "en", "zh"):
        for page in sorted((sample_site / lang / "products").glob("*/index.html")) + sorted((sample_site / lang / "bumdes").glob("*/index.html")):
            url = page.parent.relative_to(sample_site / lang).as_posix()
            path = preview_of(sample_site, lang, url)
            assert path.is_file(), f"{lang}/{url}: {path.name} missing"
            # A photo's preview is a JPEG; a card is a PNG (cards.render_card).
            expected = "PNG" if path.name.endswith("-card.png") else "JPEG"
            assert image_facts(path) == (expected, (1200, 630)), f"{lang}/{url}"


def sample_card(site: Path, lang: str, url: str) -> str:
    path = preview_of(site, lang, url)
    assert path.name.endswith("-card.png"), f"{lang}/{url}: {path.name}"
    return path.name


@pytest.mark.parametrize("product", PHOTO_LESS)
def test_a_sample_product_without_a_photo_has_a_card_in_each_language(sample_site, product):
    cards = {lang: preview_of(sample_site, lang, f"products/{product}") for lang in LANGS}
    assert all(path.name.endswith("-card.png") for path in cards.values())
    assert len({path.name for path in cards.values()}) == 3  # the words are in the page's language
    assert len({path.read_bytes() for path in cards.values()}) == 3


def test_every_sample_product_and_bumdes_without_a_photo_has_its_own_card(sample_site):
    bumdes = ("bumdes-harum-pegayon", "bumdes-tunas-gayo-wih-ilang", "bumdes-saiyo-sakato-batang-barus",
              "bumdes-agung-makmur-burno", "bumdes-cengkeh-emas-lakatan")
    for lang in LANGS:
        # Two BUMDes of Aceh (11) no longer share one: each card says its own name.
        seen = [sample_card(sample_site, lang, f"bumdes/{b}") for b in bumdes]
        seen += [sample_card(sample_site, lang, f"products/{p}") for p in PHOTO_LESS]
        assert len(set(seen)) == len(seen) == 8
    # 3 products and 5 BUMDes, in 3 languages.
    assert len(list((sample_site / "media").glob("*-card.png"))) == 24


def plans_of(root: Path):
    catalog = build_catalog(check_catalog(root, today=TODAY), today=TODAY)
    strings = {code: load_strings(root / "theme/strings", code) for code in LANGS}
    return catalog, plan_cards(catalog, localizers(catalog, strings))


def test_a_card_says_the_name_the_category_and_the_province_in_the_pages_language(tmp_path):
    root = write_catalog(tmp_path / "catalog", {K: WITH_PHOTO, "products/bumdes-maju/kelor.jpg": jpeg_bytes(), CRAB_FILE: CRAB,
                                                FROZEN_FILE: FROZEN}, with_theme=True)
    catalog, plans = plans_of(root)
    # The moringa has a photo: no card. Each crab and the BUMDes has its own, in each language.
    assert sorted(plans) == sorted((kind, subject, lang) for lang in LANGS for kind, subject in
                                   (("product", "kepiting-hidup"), ("product", "kepiting-beku"), ("bumdes", "bumdes-maju")))
    assert product_card(catalog.products["kepiting-hidup"], "zh") == ("product", "kepiting-hidup", "zh")
    zh = plans[("product", "kepiting-hidup", "zh")].texts
    assert (zh.name, zh.kind, zh.place, zh.site_title) == ("活青蟹", "海产品", "中苏拉威西省", "测试目录")
    assert (zh.name_alternates, zh.kind_alternates) == (("Kepiting bakau hidup", "Live mud crab"), ("Hasil laut", "Seafood"))
    en = plans[("product", "kepiting-beku", "en")].texts
    assert (en.name, en.kind, en.place, en.site_title) == ("Frozen mud crab", "Seafood", "Central Sulawesi", "Test Catalog")
    bumdes = plans[bumdes_card(catalog.bumdes["bumdes-maju"], "zh")].texts
    assert (bumdes.name, bumdes.kind, bumdes.place) == (catalog.bumdes["bumdes-maju"].data.name["zh"], "村办企业（BUMDes）", "中苏拉威西省")
    assert plans[("bumdes", "bumdes-maju", "en")].texts.kind == "Village-owned enterprise (BUMDes)"
    # Where each text is written, for the font warning.
    assert [(s.path, s.field) for s in plans[("product", "kepiting-hidup", "zh")].sources] == [
        (CRAB_FILE, "name.zh"), ("site_config.yml", "vocabularies.categories.seafood.name.zh"),
        ("regions/72-sulawesi-tengah.yml", "province.name.zh"), ("site_config.yml", "title.zh")]
    assert plans[("bumdes", "bumdes-maju", "id")].sources[1] == TextSource("theme/strings/id.yml", "bumdes.card")


def test_alternate_names_leave_out_the_pages_own_and_a_latin_one_is_drawn_first():
    alternates = alternate_names({"zh": "干丁香", "id": "Cengkeh kering", "en": "Dried cloves"}, "en")
    assert alternates == ("干丁香", "Cengkeh kering")
    assert alternate_names("MD-2", "zh") == ()
    # Where the page's own name cannot be drawn, the Latin one is tried before the Chinese.
    covered = {ord(c) for c in "abcdefghijklmnopqrstuvwxyz CDGIKNLOST干丁香"}
    assert choose_text(("Dried cloves ☃", *alternates), covered) == (2, "Cengkeh kering", "")


def test_characters_the_card_font_lacks_are_named_for_the_warning():
    covered = {ord(c) for c in "abcdefghijklmnopqrstuvwxyz ABCDEFGHIJKLMNOPQRSTUVWXYZ,海产品"}
    texts = CardTexts("Kopi ☃", "Hasil laut", "Aceh", "Katalog", name_alternates=("Coffee ☃",))
    assert missing_glyphs(texts, covered) == "☃"
    # A name the font lacks falls back to another language's: nothing is left out.
    assert missing_glyphs(CardTexts("Kopi ☃", "Hasil laut", "Aceh", "Katalog", name_alternates=("Coffee",)), covered) == ""
    assert missing_glyphs(CardTexts("Kopi", "Laut ☃", "Aceh", "Katalog", kind_alternates=("Sea",)), covered) == ""


def build(root: Path) -> BuildReport:
    report = BuildReport()
    issues = build_site(root, out=None, today=TODAY, report=report)
    assert [i.format("en") for i in issues if i.severity is not Severity.INFO] == []
    return report


def cards_of(root: Path, url: str) -> dict[str, str]:
    return {lang: preview_of(root / "site", lang, url).name for lang in LANGS}


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


def test_a_card_is_drawn_again_only_in_the_languages_whose_words_changed(tmp_path):
    root = write_catalog(tmp_path / "catalog", {K: WITH_PHOTO, "products/bumdes-maju/kelor.jpg": jpeg_bytes(), CRAB_FILE: CRAB,
                                                FROZEN_FILE: FROZEN}, with_theme=True)
    first = build(root)
    assert (first.cards_drawn, first.cards_reused) == (9, 0)  # two crabs and the BUMDes, in three languages
    crab, frozen = cards_of(root, "products/kepiting-hidup"), cards_of(root, "products/kepiting-beku")
    assert len(set(crab.values()) | set(frozen.values())) == 6
    assert build(root).cards_drawn == 0
    # The page's record names the card it shows, so a page whose card changes is rebuilt.
    records = PageCache(root / ".cache/pages/all/zh").read_records()
    assert (CARD, "product/kepiting-hidup/zh") in records["products/kepiting-hidup/"]
    assert (CARD, "bumdes/bumdes-maju/zh") in records["bumdes/bumdes-maju/"]
    assert not [r for r in records["products/kelor-powder/"] if r[0] == CARD]

    # A new Chinese name: that crab's Chinese card only.
    edit(root / CRAB_FILE, "zh: 活青蟹", "zh: 鲜活青蟹")
    assert build(root).cards_drawn == 1
    renamed = cards_of(root, "products/kepiting-hidup")
    assert renamed["zh"] != crab["zh"] and (renamed["id"], renamed["en"]) == (crab["id"], crab["en"])
    assert cards_of(root, "products/kepiting-beku") == frozen
    assert (root / "site/media" / renamed["zh"]).is_file() and not (root / "site/media" / crab["zh"]).exists()

    # Another category: that crab's three cards.
    edit(root / CRAB_FILE, "category: seafood", "category: moringa")
    report = build(root)
    assert (report.cards_drawn, report.cards_reused) == (3, 6)
    moringa = cards_of(root, "products/kepiting-hidup")
    assert not set(moringa.values()) & set(renamed.values()) and cards_of(root, "products/kepiting-beku") == frozen

    # The category's Chinese name changes: the Chinese card of the product in it, no other.
    edit(root / "site_config.yml", "seafood: {name: {id: Hasil laut, en: Seafood, zh: 海产品}", "seafood: {name: {id: Hasil laut, en: Seafood, zh: 海鲜}")
    assert build(root).cards_drawn == 1
    after = cards_of(root, "products/kepiting-beku")
    assert after["zh"] != frozen["zh"] and (after["id"], after["en"]) == (frozen["id"], frozen["en"])
    assert cards_of(root, "products/kepiting-hidup") == moringa

    # The province's English name changes: the English cards of that province, the BUMDes's too, and no other.
    bumdes = cards_of(root, "bumdes/bumdes-maju")
    edit(root / "regions/72-sulawesi-tengah.yml", "en: Central Sulawesi", "en: Central Sulawesi Province")
    assert build(root).cards_drawn == 3  # both crabs and the BUMDes, in English
    now = cards_of(root, "bumdes/bumdes-maju")
    assert now["en"] != bumdes["en"] and now["zh"] == bumdes["zh"]
    assert cards_of(root, "products/kepiting-hidup")["zh"] == moringa["zh"]


def test_the_build_says_how_many_cards_it_drew_and_reused(tmp_path):
    root = write_catalog(tmp_path / "catalog", {CRAB_FILE: CRAB}, with_theme=True)
    for drawn, reused in ((9, 0), (0, 9)):  # the crab and the BUMDes, in three languages (the moringa has a photo)
        done = [i for i in build_site(root, out=None, today=TODAY, report=BuildReport()) if i.code == "build.done"]
        assert len(done) == 1 and f"link-preview cards: {drawn} drawn, {reused} reused from cache" in done[0].format("en")
        assert f"kartu pratinjau tautan: {drawn} dibuat, {reused} dari cache" in done[0].format("id")


def test_a_text_the_card_font_cannot_draw_is_one_warning_naming_the_file_and_field_it_is_written_in(tmp_path):
    config = CONFIG.replace("seafood: {name: {id: Hasil laut, en: Seafood, zh: 海产品}", "seafood: {name: {id: Laut ☃, en: Sea ☃, zh: 海☃}")
    region = REGION.replace("zh: 中苏拉威西省", "zh: 中苏拉威西省☃")
    crab = CRAB.replace("zh: 活青蟹}", "zh: 活青蟹🦀}").replace("en: Live mud crab,", "en: Live mud crab 🦀,").replace(
        "id: Kepiting bakau hidup,", "id: Kepiting bakau hidup 🦀,")
    root = write_catalog(tmp_path / "catalog", {"site_config.yml": config, "regions/72-sulawesi-tengah.yml": region,
                                                CRAB_FILE: crab, FROZEN_FILE: FROZEN}, with_theme=True)
    catalog, plans = plans_of(root)
    report = BuildReport()
    names, issues = process_cards(catalog, plans, root / FONTS_DIR, tmp_path / "cache", report)
    # One warning for each text, not one for each product or page that shows it.
    assert [(i.path, i.field, i.severity) for i in issues] == [
        *((CRAB_FILE, f"name.{lang}", Severity.WARNING) for lang in ("en", "id", "zh")),
        ("regions/72-sulawesi-tengah.yml", "province.name.zh", Severity.WARNING),
        *(("site_config.yml", f"vocabularies.categories.seafood.name.{lang}", Severity.WARNING) for lang in ("en", "id", "zh"))]
    assert "🦀" in issues[0].format("en") and "☃" in issues[3].format("en") and "theme/fonts" in issues[0].format("id")
    # The cards are still made, without the character: never an empty box.
    assert (tmp_path / "cache" / names[("product", "kepiting-hidup", "zh")]).is_file()
    assert report.cards_drawn == 12  # two crabs, the moringa (no photo here) and the BUMDes, in three languages
