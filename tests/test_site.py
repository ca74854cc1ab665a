"""The built site, end to end: real `mkdocs build --strict` of a small catalog in every language."""

from __future__ import annotations

import hashlib
import json
import os
import re
import signal
import subprocess
import sys
import time
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin, urlparse

import pytest

from conftest import CONFIG, PRODUCT, TODAY, TRICKY, TRICKY_PRODUCT, jpeg_bytes, write_catalog
from generator.build import build_site
from generator.issues import Severity

pytestmark = pytest.mark.slow

K = "products/bumdes-maju/kelor-powder.yml"
LANGS = ("id", "en", "zh")

class Links(HTMLParser):
    """Collects tags and attributes from HTML."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    def find(self, tag: str, **wanted: str) -> list[dict[str, str | None]]:
        return [a for t, a in self.tags if t == tag and all(a.get(k.rstrip("_")) == v for k, v in wanted.items())]


def parse(path: Path) -> Links:
    parser = Links()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


def html_files(site: Path, lang: str) -> set[str]:
    return {p.relative_to(site / lang).as_posix() for p in (site / lang).rglob("index.html")}


def test_every_page_exists_in_every_language_at_the_same_path(site):
    pages = {lang: html_files(site, lang) for lang in LANGS}
    assert pages["id"] == pages["en"] == pages["zh"]
    for expected in ("index.html", "products/index.html", "products/kelor-powder/index.html",
                     "bumdes/bumdes-maju/index.html", "categories/moringa/index.html", "regions/index.html",
                     "regions/sulawesi-tengah/index.html", "regions/sulawesi-tengah/sigi/index.html",
                     "how-to-buy/index.html", "about/index.html", "contact/index.html"):
        assert expected in pages["en"], expected


def test_root_page_offers_every_language_without_javascript(site):
    root = parse(site / "index.html")
    links = {a["hreflang"]: a["href"] for a in root.find("a") if a.get("hreflang")}
    assert links == {"id": "id/", "en": "en/", "zh": "zh/"}


@pytest.mark.parametrize("lang", LANGS)
def test_language_switch_links_to_the_same_page(site, lang):
    page = site / lang / "products/kelor-powder/index.html"
    base = f"http://x/{lang}/products/kelor-powder/"
    switch = {a["hreflang"]: a["href"] for a in parse(page).find("a") if "vc-lang-link" in (a.get("class") or "")}
    assert set(switch) == set(LANGS)
    for other, href in switch.items():
        target = urlparse(urljoin(base, href)).path
        assert target == f"/{other}/products/kelor-powder/"
        assert (site / target.strip("/") / "index.html").is_file()


@pytest.mark.parametrize("lang", LANGS)
def test_html_lang_hreflang_and_canonical(site, lang):
    text = (site / lang / "products/kelor-powder/index.html").read_text(encoding="utf-8")
    assert f'<html lang="{lang}"' in text
    tree = parse(site / lang / "products/kelor-powder/index.html")
    alternates = {a["hreflang"]: a["href"] for a in tree.find("link", rel="alternate") if a.get("hreflang")}
    assert alternates == {
        "id": "https://example.org/catalog/id/products/kelor-powder/",
        "en": "https://example.org/catalog/en/products/kelor-powder/",
        "zh": "https://example.org/catalog/zh/products/kelor-powder/",
        "x-default": "https://example.org/catalog/",
    }
    assert tree.find("link", rel="canonical")[0]["href"] == f"https://example.org/catalog/{lang}/products/kelor-powder/"


def test_missing_translation_falls_back_to_the_source_and_is_marked(site):
    zh = (site / "zh/products/kelor-powder/index.html").read_text(encoding="utf-8")
    # The description has id and en only: zh shows the Indonesian text inside an element marked lang="id".
    assert re.search(r'<div class="vc-fallback" lang="id"><p>Bubuk daun kelor <strong>organik</strong>.</p></div>'
                     r'<p class="vc-fallback__note">（尚未翻译）</p>', zh)
    en = (site / "en/products/kelor-powder/index.html").read_text(encoding="utf-8")
    assert "vc-fallback" not in en.split('id="about-title"')[1].split("</section>")[0]


@pytest.mark.parametrize(("lang", "moq", "price"), [
    ("en", "500 kg", "US$3.50 – US$4.20 per kg, FOB"),
    ("id", "500 kg", "US$3,50 – US$4,20 per kg, FOB"),
    ("zh", "500 公斤", "US$3.50 – US$4.20 / 公斤，FOB"),
])
def test_numbers_currencies_and_units_follow_the_locale(site, lang, moq, price):
    text = (site / lang / "products/kelor-powder/index.html").read_text(encoding="utf-8")
    assert f"<dd>{moq}</dd>" in text
    # "US$", never a bare "$" that could be any dollar; "Request a quote" stands beside the price.
    assert re.search(rf'<dd><span class="vc-price">{re.escape(price)}</span> <a class="vc-quote-link" href="#inquiry">', text)


@pytest.mark.parametrize(("lang", "capacity", "date", "markets"), [
    ("en", "2,000 kg per month", "October 1, 2026", "China and Singapore"),
    ("id", "2.000 kg per bulan", "1 Oktober 2026", "Tiongkok dan Singapura"),
    ("zh", "每月 2,000 公斤", "2026年10月1日", "中国和新加坡"),
])
def test_capacity_dates_and_markets_follow_the_locale(site, lang, capacity, date, markets):
    text = (site / lang / "products/kelor-powder/index.html").read_text(encoding="utf-8")
    assert f"<dd>{capacity}</dd>" in text
    assert date in text
    assert f"<dd>{markets}</dd>" in text


def test_catalog_text_is_escaped_everywhere(site):
    for page in (site / "en").rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        assert "<script>alert" not in text, page
        assert "49" not in re.findall(r"Crab[^<]{0,40}", text), page
    product = (site / "en/products/kelor-powder/index.html").read_text(encoding="utf-8")
    assert "Crab &amp; &#34;Co&#34; &#39;x&#39; {{7*7}} {quantity} &amp;lt;script&amp;gt;" in product
    # The <title> is printed by Material's template: the text must still come out inert.
    title = re.search(r"<title>(.*?)</title>", product, re.S).group(1)
    assert "<" not in title.replace("&lt;", "")


def test_rich_text_is_sanitised_and_links_are_safe(site):
    text = (site / "en/products/kelor-powder/index.html").read_text(encoding="utf-8")
    assert '<p>Organic <strong>moringa</strong> with a <a href="https://example.com/?a=1&amp;b=2" rel="nofollow noopener noreferrer">link</a>.</p>' in text


def test_pictures_have_sizes_alt_text_and_no_layout_shift(site):
    tree = parse(site / "en/products/kelor-powder/index.html")
    img = [a for a in tree.find("img") if "media/" in (a.get("src") or "")][0]
    assert img["alt"] == "Moringa powder in a bowl"
    assert img["width"] == "1400" and img["height"] == "1000"
    assert img["fetchpriority"] == "high"
    # WebP only, which every browser in use decodes: no JPEG fallback that no browser would fetch.
    assert img["src"].endswith("-640.webp") and not tree.find("source")
    assert " 320w" in img["srcset"] and " 1024w" in img["srcset"] and ".jpg" not in img["srcset"]
    for url in [img["src"], *re.findall(r"(\.\./[^ ,\"]+)", img["srcset"])]:
        assert (site / "en/products/kelor-powder" / url).resolve().is_file()
    zh = parse(site / "zh/products/kelor-powder/index.html")
    zh_img = [a for a in zh.find("img") if "media/" in (a.get("src") or "")][0]
    assert zh_img["alt"] == "Bubuk kelor dalam mangkuk" and zh_img["lang"] == "id"


def test_images_are_shared_not_copied_per_language(site):
    assert not list((site / "en").rglob("*.webp"))
    assert list((site / "media").glob("*.webp"))


def test_the_only_photo_jpegs_are_the_link_previews(site):
    photos = list((site / "media").glob("*.webp"))
    jpegs = list((site / "media").glob("*.jpg"))
    assert photos and jpegs and all(path.name.endswith("-og.jpg") for path in jpegs)


def test_sample_notice_is_shown_when_flagged(site):
    assert "vc-sample-notice" in (site / "en/index.html").read_text(encoding="utf-8")


def test_no_request_to_another_host(site):
    base = "https://example.org/catalog/"
    for page in site.rglob("*.html"):
        for tag, attrs in parse(page).tags:
            for attr in ("src", "srcset"):
                value = attrs.get(attr) or ""
                for url in re.split(r",\s*", value):
                    url = url.split(" ")[0]
                    assert not url.startswith(("http:", "https:", "//")), (page, url)
            if tag == "link" and attrs.get("rel") in ("stylesheet", "preconnect", "preload", "icon"):
                assert not (attrs.get("href") or "").startswith(("http", "//")) or (attrs["href"]).startswith(base), page


def test_right_to_left_language_is_a_config_entry_plus_a_strings_file(tmp_path):
    config = CONFIG.replace(
        "  - {code: zh,",
        "  - {code: ar, name: العربية, locale: ar, theme_language: ar, direction: rtl, og_locale: ar_AR}\n  - {code: zh,",
    )
    root = write_catalog(tmp_path / "catalog", {
        "site_config.yml": config,
        "theme/strings/ar.yml": "nav:\n  home: الرئيسية\nproduct:\n  moq: الحد الأدنى للطلب\n",
    }, with_theme=True)
    issues = build_site(root, out=None, today=TODAY)
    assert [i for i in issues if i.severity is not Severity.INFO] == []
    page = (root / "site/ar/products/kelor-powder/index.html").read_text(encoding="utf-8")
    assert '<html lang="ar"' in page
    assert '<body dir="rtl"' in page
    assert "الحد الأدنى للطلب" in page
    assert 'hreflang="ar"' in (root / "site/en/products/kelor-powder/index.html").read_text(encoding="utf-8")


def tree_digest(folder: Path) -> str:
    digest = hashlib.sha256()
    for path in sorted(folder.rglob("*")):
        digest.update(path.relative_to(folder).as_posix().encode())
        if path.is_file():
            digest.update(path.read_bytes())
    return digest.hexdigest()


def test_a_broken_file_leaves_the_previous_site_untouched(tmp_path):
    root = write_catalog(tmp_path / "catalog", with_theme=True)
    assert not [i for i in build_site(root, out=None, today=TODAY) if i.severity is Severity.ERROR]
    before = tree_digest(root / "site")
    (root / K).write_text(PRODUCT.replace("hs_code:", "hs_code: [", 1), encoding="utf-8")
    issues = build_site(root, out=None, today=TODAY)
    assert any(i.severity is Severity.ERROR for i in issues)
    assert tree_digest(root / "site") == before


def test_a_failing_mkdocs_build_leaves_the_previous_site_untouched(tmp_path):
    root = write_catalog(tmp_path / "catalog", with_theme=True)
    assert not [i for i in build_site(root, out=None, today=TODAY) if i.severity is Severity.ERROR]
    before = tree_digest(root / "site")
    (root / "theme/overrides/main.html").write_text("{% extends 'base.html' %}{% block extrahead %}{{ nope(",
                                                   encoding="utf-8")
    issues = build_site(root, out=None, today=TODAY)
    assert [i.code for i in issues if i.severity is Severity.ERROR] == ["build.mkdocs_failed"] * 3
    assert tree_digest(root / "site") == before
    assert not list(root.glob(".site.staging-*"))


def test_a_killed_build_leaves_the_previous_site_untouched(tmp_path):
    root = write_catalog(tmp_path / "catalog", with_theme=True)
    assert not [i for i in build_site(root, out=None, today=TODAY) if i.severity is Severity.ERROR]
    before = tree_digest(root / "site")
    (root / "products/bumdes-maju/kelor-powder.yml").write_text(PRODUCT.replace("Bubuk daun kelor,", "Bubuk kelor baru,"),
                                                                encoding="utf-8")
    process = subprocess.Popen([sys.executable, "-m", "generator", "--root", str(root), "--today", TODAY.isoformat(), "build"],
                               cwd=Path(__file__).parent.parent, start_new_session=True,
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and not any((root / "site").parent.glob(".site.staging-*/*")):
        time.sleep(0.02)
    assert process.poll() is None, "the build finished before it could be killed"
    os.killpg(process.pid, signal.SIGKILL)
    process.wait()
    assert tree_digest(root / "site") == before


def channels(site: Path, lang: str) -> list[tuple[str, str]]:
    text = (site / lang / "products/kelor-powder/index.html").read_text(encoding="utf-8")
    section = text.split('id="inquiry"')[1].split('<ul class="vc-send">')[1].split("</ul>")[0]
    return re.findall(r'class="vc-send__item vc-send__item--(\w+)', section), text


@pytest.mark.parametrize(("lang", "order"), [  # no Alibaba storefront in this catalog, so no Alibaba button
    ("en", ["email", "whatsapp", "copy"]),
    ("id", ["email", "whatsapp", "copy"]),
    ("zh", ["email", "copy", "whatsapp"]),
])
def test_send_buttons_in_the_order_buyers_of_the_language_use(site, lang, order):
    found, text = channels(site, lang)
    assert found == order


def test_product_page_mailto_names_product_bumdes_place_and_page(site):
    from html import unescape
    from test_inquiry import mailto_parts

    _, text = channels(site, "en")
    href = unescape(re.search(r'data-send="email" href="(mailto:[^"]+)"', text).group(1))
    address, query = mailto_parts(href)
    assert address == "palu@example.com"
    assert query["subject"] == [f"Quote request: {' '.join(TRICKY.split())} (kelor-powder)"]
    body = query["body"][0].replace("\r\n", "\n")
    assert f"Product: {TRICKY} (kelor-powder)" in body
    assert "Producer: Maju Village Enterprise, Sigi Regency, Central Sulawesi" in body
    # Without JavaScript the link opens with these lines only: the form that adds the rest needs the script.
    assert body.endswith("\nPage: https://example.org/catalog/en/products/kelor-powder/\n") and "…" not in body


def test_chinese_messages_carry_english_labels_for_the_dealers_staff(site):
    from html import unescape
    from test_inquiry import mailto_parts

    _, text = channels(site, "zh")
    href = unescape(re.search(r'data-send="email" href="(mailto:[^"]+)"', text).group(1))
    _, query = mailto_parts(href)
    body = query["body"][0].replace("\r\n", "\n")
    assert body.startswith("您好，我想询价：\nHello, I would like a quotation for:\n\n")
    assert "产品 (Product): " in body
    assert query["subject"][0].startswith("询价 / Quote request: ")
    # The form's lines, which the script adds, are labelled the same way (the language's kit).
    kit = (site / "zh" / "assets" / "vc" / "kit.js").read_text(encoding="utf-8")
    layout = json.loads(kit.partition("window.vcKit = ")[2].rstrip().rstrip(";"))["layout"]
    assert ["数量", "Quantity"] in [line.get("label") for line in layout["lines"]]
    assert layout["subject"] == "询价 / Quote request"


def test_whatsapp_link_goes_to_the_regional_agent(site):
    from html import unescape

    _, text = channels(site, "en")
    href = unescape(re.search(r'data-send="whatsapp" href="(https://wa.me/[^"]+)"', text).group(1))
    assert href.startswith("https://wa.me/6281341005678?text=Hello%2C%20I%20would%20like%20a%20quotation%20for%3A%0A%0A")


def test_the_same_sources_build_byte_identical_output(tmp_path):
    """Time zone, locale, hash seed and file times must not leak into the output."""
    digests = []
    for index, (tz, lang, seed) in enumerate([("UTC", "C.UTF-8", "1"), ("Asia/Jakarta", "id_ID.UTF-8", "2")]):
        root = write_catalog(tmp_path / f"catalog{index}", {"products/bumdes-maju/kelor.jpg": jpeg_bytes((1000, 800)),
                                                           K: TRICKY_PRODUCT}, with_theme=True)
        for path in root.rglob("*"):
            os.utime(path, (1_600_000_000 + index * 1000, 1_600_000_000 + index * 1000))
        env = {**os.environ, "TZ": tz, "LANG": lang, "PYTHONHASHSEED": seed}
        env.pop("SOURCE_DATE_EPOCH", None)
        result = subprocess.run([sys.executable, "-m", "generator", "--root", str(root), "--today", TODAY.isoformat(), "build"],
                                cwd=Path(__file__).parent.parent, env=env, capture_output=True, text=True)
        assert result.returncode == 0, result.stdout + result.stderr
        digests.append({p.relative_to(root / "site").as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
                        for p in (root / "site").rglob("*") if p.is_file()})
    assert digests[0].keys() == digests[1].keys()
    assert [name for name in digests[0] if digests[0][name] != digests[1][name]] == []


def test_long_listings_continue_as_one_line_per_product(tmp_path, monkeypatch):
    import json

    import generator.views as views
    from conftest import CRAB, PRODUCT
    from generator.links import check_site_links

    monkeypatch.setattr(views, "LISTING_CARDS", 1)
    leaves = PRODUCT.replace("id: kelor-powder", "id: kelor-leaves").replace("Moringa leaf powder", "Moringa dried leaves")
    root = write_catalog(tmp_path / "catalog", {"products/bumdes-maju/kepiting-hidup.yml": CRAB,
                                                "products/bumdes-maju/kelor-leaves.yml": leaves}, with_theme=True)
    assert not [i for i in build_site(root, out=None, today=TODAY) if i.severity is Severity.ERROR]
    row = r'<li class="vc-row"[^>]*data-category="(\w+)"[^>]*><a href="([^"]+)">'
    # A category's page goes on in its HTML: by name, "…dried leaves" is the card, "…leaf powder" the row.
    category = (root / "site/en/categories/moringa/index.html").read_text(encoding="utf-8")
    assert category.count('class="vc-card"') == 1
    assert re.findall(row, category) == [("moringa", "../../products/kelor-powder/")]
    # The all-products page keeps its rows in rows.json beside it, in every language, and leads to them by
    # category without JavaScript.
    for lang, lead in (("en", "2 more products. Every category:"), ("id", "2 produk lainnya. Semua kategori:"),
                       ("zh", "另有 2 个产品。全部类别：")):
        page = (root / f"site/{lang}/products/index.html").read_text(encoding="utf-8")
        assert page.count('class="vc-card"') == 1 and 'class="vc-row"' not in page
        assert 'data-rows="rows.json" data-rows-count="2"' in page and f"<p>{lead}</p>" in page
        chips = r'class="vc-chip vc-chip--(\w+)" href="([^"]+)">[^<]+<span class="vc-chip__count">(\d+)<'
        assert re.findall(chips, page) == [("moringa", "../categories/moringa/", "2"), ("seafood", "../categories/seafood/", "1")]
    data = json.loads((root / "site/en/products/rows.json").read_text(encoding="utf-8"))
    rows = [dict(zip(data["fields"], r)) for r in data["rows"]]
    # By name, "Live mud crab" is the card.
    assert [(r["url"], r["name"], r["category"], r["moqFamily"], r["moqBase"]) for r in rows] == [
        ("kelor-leaves/", "Moringa dried leaves", "moringa", "mass", "500"),
        ("kelor-powder/", "Moringa leaf powder", "moringa", "mass", "500")]
    assert rows[0]["detail"] == "Maju Village Enterprise · Sigi Regency, Central Sulawesi · Minimum order 500 kg"
    zh = json.loads((root / "site/zh/products/rows.json").read_text(encoding="utf-8"))
    assert [dict(zip(zh["fields"], r))["name"] for r in zh["rows"]] == ["辣木叶粉", "辣木叶粉"]
    # A row says what the HTML row of a category page says.
    assert re.search(r'<a href="../../products/kelor-powder/">Moringa leaf powder</a> <span>([^<]+)</span>', category)[1] == rows[1]["detail"]
    assert check_site_links(root / "site", base_path="/catalog/") == []
    # The link check reads the rows too.
    broken = root / "site/zh/products/rows.json"
    good = broken.read_text(encoding="utf-8")
    broken.write_text(good.replace('"kelor-leaves/"', '"kelor-leaf/"'), encoding="utf-8")
    assert check_site_links(root / "site", base_path="/catalog/") == ["zh/products/rows.json:1: kelor-leaf/: no such file"]
    broken.write_text(good, encoding="utf-8")
    # A rebuild that finds nothing changed (every other page from the page cache) writes the file again.
    before = (root / "site/en/products/rows.json").read_bytes()
    assert not [i for i in build_site(root, out=None, today=TODAY) if i.severity is Severity.ERROR]
    assert (root / "site/en/products/rows.json").read_bytes() == before


def test_alibaba_link_falls_back_from_product_to_agent_to_dealer(tmp_path):
    config = CONFIG.replace("  wechat: DealerUji\n", "  wechat: DealerUji\n  alibaba_url: https://dealer.en.alibaba.com/\n")
    root = write_catalog(tmp_path / "catalog", {
        "site_config.yml": config,
        "products/bumdes-maju/kepiting-hidup.yml": __import__("conftest").CRAB + "alibaba_url: https://dealer.en.alibaba.com/product/7.html\n",
    }, with_theme=True)
    assert not [i for i in build_site(root, out=None, today=TODAY) if i.severity is Severity.ERROR]
    own = (root / "site/en/products/kepiting-hidup/index.html").read_text(encoding="utf-8")
    dealer = (root / "site/en/products/kelor-powder/index.html").read_text(encoding="utf-8")
    assert 'data-send="alibaba" href="https://dealer.en.alibaba.com/product/7.html"' in own
    assert 'data-send="alibaba" href="https://dealer.en.alibaba.com/"' in dealer


def test_the_wechat_qr_code_is_one_file_that_every_page_links_to(site):
    from generator.inquiry import qr_image

    qr = qr_image("https://u.wechat.com/AgenPaluTest")
    assert (site / "media" / qr.name).read_bytes() == qr.svg
    for lang in ("id", "en", "zh"):
        page = (site / lang / "products/kelor-powder/index.html").read_text(encoding="utf-8")
        assert f'<img class="vc-qr" src="../../../media/{qr.name}" width="148" height="148"' in page
        assert "data:image" not in page
