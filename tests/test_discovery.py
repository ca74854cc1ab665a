"""What search engines, link previews, feed readers and sourcing spreadsheets read from the built site."""

from __future__ import annotations

import csv
import io
import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import jsonschema
import pytest
from lxml import etree

from conftest import TODAY, TRICKY
from generator import feeds
from generator.build import check_catalog
from generator.catalog import build_catalog
from generator.feeds import render_sitemaps
from generator.kinds import plan_pages

pytestmark = pytest.mark.slow

BASE = "https://example.org/catalog/"
LANGS = ("id", "en", "zh")


def jsonld_blocks(page: Path) -> list[dict]:
    text = page.read_text(encoding="utf-8")
    blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', text, re.S)
    return [json.loads(b) for b in blocks]


def test_sitemap_is_valid_against_the_sitemaps_org_schema(site):
    schema = etree.XMLSchema(etree.parse(str(Path(__file__).parent / "schemas" / "sitemap.xsd")))
    document = etree.parse(str(site / "sitemap.xml"))
    assert schema.validate(document), schema.error_log


def test_sitemap_lists_every_page_of_every_language_with_alternates(site):
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}
    root = ET.parse(site / "sitemap.xml").getroot()
    locs = {u.find("s:loc", ns).text for u in root.findall("s:url", ns)}
    built = {f"{BASE}{p.parent.relative_to(site).as_posix()}/" for lang in LANGS for p in (site / lang).rglob("index.html")}
    assert locs == built
    for url in root.findall("s:url", ns):
        loc = url.find("s:loc", ns).text
        assert loc.startswith("https://")
        links = {l.get("hreflang"): l.get("href") for l in url.findall("x:link", ns)}
        assert set(links) == {*LANGS, "x-default"}
        assert loc in links.values()
        lastmod = url.find("s:lastmod", ns)
        # Outside git, a project text has no date to give; every page that shows catalog data has one.
        if lastmod is not None or "/products/" in loc or "/bumdes/" in loc:
            assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", lastmod.text)


def test_past_one_files_limit_the_sitemap_becomes_an_index_of_valid_parts(site, monkeypatch):
    root = site.parent
    catalog = build_catalog(check_catalog(root, today=TODAY), today=TODAY)
    pages = plan_pages(catalog)
    lastmods = {page.url: 1_700_000_000 + index for index, page in enumerate(pages)}
    whole = ET.fromstring(render_sitemaps(catalog, pages, lastmods)["sitemap.xml"])
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    every = [u.find("s:loc", ns).text for u in whole.findall("s:url", ns)]
    monkeypatch.setattr(feeds, "SITEMAP_MAX_URLS", 10)
    files = render_sitemaps(catalog, pages, lastmods)
    index = ET.fromstring(files["sitemap.xml"])
    assert index.tag == "{http://www.sitemaps.org/schemas/sitemap/0.9}sitemapindex"
    listed = [s.find("s:loc", ns).text for s in index.findall("s:sitemap", ns)]
    assert listed == [f"{BASE}sitemap-{n}.xml" for n in range(1, len(files))] and len(listed) == -(-len(every) // 10)
    schema = etree.XMLSchema(etree.parse(str(Path(__file__).parent / "schemas" / "sitemap.xsd")))
    found = []
    for loc in listed:
        part = files[loc.removeprefix(BASE)]
        assert schema.validate(etree.fromstring(part.encode())), schema.error_log
        urls = ET.fromstring(part).findall("s:url", ns)
        assert 0 < len(urls) <= 10
        found += [u.find("s:loc", ns).text for u in urls]
    assert found == every
    for entry in index.findall("s:sitemap", ns):
        assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", entry.find("s:lastmod", ns).text)


def test_robots_points_at_the_sitemap(site):
    assert (site / "robots.txt").read_text() == f"User-agent: *\nAllow: /\n\nSitemap: {BASE}sitemap.xml\n"


@pytest.mark.parametrize("lang", LANGS)
def test_every_page_has_parseable_json_ld_with_a_breadcrumb(site, lang):
    for page in (site / lang).rglob("index.html"):
        blocks = jsonld_blocks(page)
        assert len(blocks) == 1, page
        types = [node["@type"] for node in blocks[0]["@graph"]]
        assert "BreadcrumbList" in types, page


def test_product_json_ld_names_maker_origin_and_trade_facts(site):
    graph = jsonld_blocks(site / "en/products/kelor-powder/index.html")[0]["@graph"]
    product = next(n for n in graph if n["@type"] == "Product")
    assert product["name"] == TRICKY
    assert product["brand"]["name"] == "Maju Village Enterprise"
    assert product["brand"]["url"] == f"{BASE}en/bumdes/bumdes-maju/" and "manufacturer" not in product
    assert product["countryOfOrigin"]["identifier"] == "ID"
    assert {p["name"]: p["value"] for p in product["additionalProperty"] if "value" in p}["HS code"] == "121190"
    assert product["offers"]["priceCurrency"] == "USD"
    assert product["offers"]["priceSpecification"]["maxPrice"] == "4.2"
    assert product["image"][0].startswith(f"{BASE}media/")
    crumbs = next(n for n in graph if n["@type"] == "BreadcrumbList")["itemListElement"]
    assert [c["item"] for c in crumbs] == [f"{BASE}en/", f"{BASE}en/products/", f"{BASE}en/categories/moringa/",
                                           f"{BASE}en/products/kelor-powder/"]


def test_price_on_request_is_said_so_in_structured_data(site):
    graph = jsonld_blocks(site / "en/products/kepiting-hidup/index.html")[0]["@graph"]
    offer = next(n for n in graph if n["@type"] == "Product")["offers"]
    assert "price" not in offer
    assert offer["priceSpecification"]["description"] == "Price on request"


def test_bumdes_json_ld_is_an_organization_at_its_village(site):
    graph = jsonld_blocks(site / "zh/bumdes/bumdes-maju/index.html")[0]["@graph"]
    org = next(n for n in graph if n["@type"] == "Organization")
    assert org["legalName"] == "BUM Desa Maju"
    assert org["location"]["address"]["addressRegion"] == "中苏拉威西省"
    assert org["location"]["name"] == "Kalukubula"


def test_json_ld_cannot_close_its_script_block(site):
    text = (site / "en/products/kelor-powder/index.html").read_text(encoding="utf-8")
    block = re.search(r'<script type="application/ld\+json">(.*?)</script>', text, re.S).group(1)
    assert "<" not in block and ">" not in block
    assert "\\u0026lt;script\\u0026gt;" in block


@pytest.mark.parametrize("lang", LANGS)
def test_link_preview_tags(site, lang):
    text = (site / lang / "products/kelor-powder/index.html").read_text(encoding="utf-8")
    meta = dict(re.findall(r'<meta property="(og:[a-z:]+)" content="([^"]*)"', text))
    assert meta["og:url"] == f"{BASE}{lang}/products/kelor-powder/"
    assert meta["og:image"].startswith(f"{BASE}media/") and meta["og:image"].endswith("-og.jpg")
    assert meta["og:locale"] == {"id": "id_ID", "en": "en_US", "zh": "zh_CN"}[lang]
    alternates = re.findall(r'<meta property="og:locale:alternate" content="([^"]*)"', text)
    assert len(alternates) == 2 and meta["og:locale"] not in alternates
    assert '<meta name="twitter:card" content="summary_large_image">' in text
    og_file = site / "media" / meta["og:image"].rsplit("/", 1)[1]
    from PIL import Image

    with Image.open(og_file) as image:
        assert (image.format, image.size) == ("JPEG", (1200, 630))


@pytest.mark.parametrize("lang", LANGS)
def test_atom_feed_per_language_is_advertised_and_parses(site, lang):
    ns = {"a": "http://www.w3.org/2005/Atom"}
    feed = ET.parse(site / lang / "feed.xml").getroot()
    entries = feed.findall("a:entry", ns)
    assert {e.find("a:id", ns).text for e in entries} == {f"{BASE}{lang}/products/kelor-powder/", f"{BASE}{lang}/products/kepiting-hidup/"}
    assert feed.get("{http://www.w3.org/XML/1998/namespace}lang") == lang
    head = (site / lang / "products/kelor-powder/index.html").read_text(encoding="utf-8")
    assert re.search(r'<link rel="alternate" type="application/atom\+xml" title="[^"]+" href="../../feed.xml">', head)


def test_products_json_matches_the_catalog_and_its_schema(site):
    document = json.loads((site / "data/products.json").read_text(encoding="utf-8"))
    schema = json.loads((site / "data/products.schema.json").read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker()).validate(document)
    validated = check_catalog(site.parent, today=__import__("conftest").TODAY)
    assert sorted(p["id"] for p in document["products"]) == sorted(p.model.id for p in validated.products)
    kelor = next(p for p in document["products"] if p["id"] == "kelor-powder")
    assert kelor["name"]["en"] == TRICKY
    assert kelor["url"]["zh"] == f"{BASE}zh/products/kelor-powder/"
    assert kelor["moq"] == {"quantity": 500, "unit": "kg"}
    assert kelor["bumdes"]["village"] == {"code": "72.10.01.2009", "name": "Kalukubula"}
    assert "zh" not in kelor["description"]  # exported as written, no fallback


def test_products_csv_opens_in_excel_and_matches_the_json(site):
    raw = (site / "data/products.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
    document = json.loads((site / "data/products.json").read_text(encoding="utf-8"))
    assert [r["id"] for r in rows] == [p["id"] for p in document["products"]]
    kelor = next(r for r in rows if r["id"] == "kelor-powder")
    assert kelor["name_en"] == TRICKY and kelor["name_zh"] == "辣木叶粉"
    assert kelor["hs_code"] == "121190" and kelor["price_min"] == "3.5" and kelor["shipping"] == "FOB Pantoloan, Palu"
    assert kelor["url_en"] == f"{BASE}en/products/kelor-powder/"


def test_csv_cells_cannot_become_formulas():
    from generator.exports import _cell

    assert _cell("=HYPERLINK(\"http://x\")") == "'=HYPERLINK(\"http://x\")"
    assert _cell("+62 811") == "'+62 811"
    assert _cell("Kelor") == "Kelor"
