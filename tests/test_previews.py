"""Link previews of products and BUMDes without a photo: a card in the page's language, cached, on the page's record."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from PIL import Image

from conftest import CRAB, PRODUCT, TODAY, jpeg_bytes, write_catalog
from generator.build import BuildReport, build_site, check_catalog, localizers, process_cards
from generator.cards import FONTS_DIR, CardTexts, missing_glyphs
from generator.catalog import build_catalog
from generator.deps import CARD
from generator.issues import Severity
from generator.localize import load_strings
from generator.pagecache import PageCache
from generator.previews import alternate_names, plan_cards

PHOTO_LESS = ("cengkeh-kering", "minyak-sereh-wangi", "rumput-laut-spinosum-kering")
"""Sample products without a photo (issue #23)."""
OG_IMAGE = re.compile(r'<meta property="og:image" content="([^"]+)">')
TWITTER_IMAGE = re.compile(r'<meta name="twitter:image" content="([^"]+)">')
K = "products/bumdes-maju/kelor-powder.yml"
CRAB_FILE = "products/bumdes-maju/kepiting-hidup.yml"
WITH_PHOTO = PRODUCT + "photos:\n  - {file: kelor.jpg, alt: {id: Bubuk kelor, en: Moringa powder}}\n"


def preview_of(site: Path, lang: str, url: str) -> Path:
    """The file the page's og:image names, in site/media/ (the twitter image must be the same)."""
    html = (site / lang / url / "index.html").read_text(encoding="utf-8")
    found = OG_IMAGE.findall(html)
    assert len(found) == 1, f"{lang}/{url}: og:image {found}"
    assert TWITTER_IMAGE.findall(html) == found
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
            assert image_facts(path) == ("JPEG", (1200, 630)), f"{lang}/{url}"


@pytest.mark.parametrize("product", PHOTO_LESS)
def test_a_sample_product_without_a_photo_shares_its_card_in_each_language(sample_site, product):
    cards = {lang: preview_of(sample_site, lang, f"products/{product}") for lang in ("id", "en", "zh")}
    assert all(path.name.endswith("-card.jpg") for path in cards.values())
    assert len({path.name for path in cards.values()}) == 3  # the name is in the page's language
    assert len({path.read_bytes() for path in cards.values()}) == 3


def test_cards_say_the_name_category_and_province_in_the_pages_language(tmp_path):
    root = write_catalog(tmp_path / "catalog", {K: WITH_PHOTO, "products/bumdes-maju/kelor.jpg": jpeg_bytes(), CRAB_FILE: CRAB},
                         with_theme=True)
    catalog = build_catalog(check_catalog(root, today=TODAY), today=TODAY)
    strings = {code: load_strings(root / "theme/strings", code) for code in ("id", "en", "zh")}
    plans = plan_cards(catalog, localizers(catalog, strings))
    # The moringa has a photo: no card. The crab and the BUMDes (no photo) have one per language.
    assert sorted(plans) == sorted((kind, entry, lang) for kind, entry in (("product", "kepiting-hidup"), ("bumdes", "bumdes-maju"))
                                   for lang in ("id", "en", "zh"))
    zh = plans[("product", "kepiting-hidup", "zh")]
    assert (zh.name, zh.category, zh.place) == ("活青蟹", "海产品", "中苏拉威西省")
    assert zh.alternates == ("Kepiting bakau hidup", "Live mud crab")
    en = plans[("product", "kepiting-hidup", "en")]
    assert (en.name, en.category, en.place, en.site_title) == ("Live mud crab", "Seafood", "Central Sulawesi", "Test Catalog")
    assert plans[("bumdes", "bumdes-maju", "zh")].category == "村办企业（BUMDes）"
    assert plans[("bumdes", "bumdes-maju", "en")].place == "Sigi Regency, Central Sulawesi"


def test_alternate_names_put_latin_script_first_and_leave_out_the_pages_own():
    assert alternate_names({"zh": "干丁香", "id": "Cengkeh kering", "en": "Dried cloves"}, "en") == ("Cengkeh kering", "干丁香")
    assert alternate_names("MD-2", "zh") == ()


def test_characters_the_card_font_lacks_are_named_for_the_warning():
    covered = {ord(c) for c in "abcdefghijklmnopqrstuvwxyz ABCDEFGHIJKLMNOPQRSTUVWXYZ,海产品"}
    texts = CardTexts("Kopi ☃", "海产品", "Aceh", "Katalog", alternates=("Coffee ☃",))
    assert missing_glyphs(texts, covered) == "☃"
    # A name the font lacks falls back to another language's name: nothing is left out.
    assert missing_glyphs(CardTexts("Kopi ☃", "海产品", "Aceh", "Katalog", alternates=("Coffee",)), covered) == ""


def test_cards_are_drawn_once_and_a_changed_name_redraws_only_that_entrys_cards(tmp_path):
    root = write_catalog(tmp_path / "catalog", {K: WITH_PHOTO, "products/bumdes-maju/kelor.jpg": jpeg_bytes(), CRAB_FILE: CRAB},
                         with_theme=True)

    def build() -> BuildReport:
        report = BuildReport()
        issues = build_site(root, out=None, today=TODAY, report=report)
        assert [i.format("en") for i in issues if i.severity is not Severity.INFO] == []
        return report

    first = build()
    assert (first.cards_drawn, first.cards_reused) == (6, 0)  # the crab and the BUMDes, in three languages
    before = preview_of(root / "site", "zh", "products/kepiting-hidup")
    assert build().cards_drawn == 0
    # The page's record names its card, so a page rebuilt for a new card is told apart from one that is not.
    records = PageCache(root / ".cache/pages/all/zh").read_records()
    assert (CARD, "product/kepiting-hidup/zh") in records["products/kepiting-hidup/"]
    assert not [r for r in records["products/kelor-powder/"] if r[0] == CARD]

    path = root / CRAB_FILE
    path.write_text(path.read_text(encoding="utf-8").replace("zh: 活青蟹", "zh: 鲜活青蟹"), encoding="utf-8")
    third = build()
    # The zh name is also the other languages' fallback name: the crab's three cards are new, the BUMDes's kept.
    assert (third.cards_drawn, third.cards_reused) == (3, 3)
    after = preview_of(root / "site", "zh", "products/kepiting-hidup")
    assert after.name != before.name and after.is_file() and not before.exists()


def test_a_name_the_card_font_cannot_draw_in_any_language_is_a_warning_naming_the_file(tmp_path):
    crab = CRAB.replace("name: {id: Kepiting bakau hidup, en: Live mud crab, zh: 活青蟹}",
                        "name: {id: Kepiting ☃, en: Crab ☃, zh: 青蟹☃}")
    root = write_catalog(tmp_path / "catalog", {CRAB_FILE: crab}, with_theme=True)
    catalog = build_catalog(check_catalog(root, today=TODAY), today=TODAY)
    strings = {code: load_strings(root / "theme/strings", code) for code in ("id", "en", "zh")}
    report = BuildReport()
    names, issues = process_cards(catalog, plan_cards(catalog, localizers(catalog, strings)), root / FONTS_DIR,
                                  tmp_path / "cache", report)
    assert [(i.path, i.field, i.severity) for i in issues] == [(CRAB_FILE, f"name.{lang}", Severity.WARNING) for lang in ("id", "en", "zh")]
    assert "☃" in issues[0].format("en") and "theme/fonts" in issues[0].format("id")
    # The card is still made, without the character: never an empty box.
    assert (tmp_path / "cache" / names[("product", "kepiting-hidup", "zh")]).is_file() and report.cards_drawn == 9  # crab, moringa, BUMDes
