"""Search as a buyer uses it, in headless Chromium: in every language, by name in any language, synonym,
scientific name, BUMDes, region, category and HS code; names rank above body text; results show the photo,
category and BUMDes; without JavaScript the listing's links stand in for the box."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from browser_support import require_chromium, serve_directory
from generator.localize import plain_text
from generator.search import SearchResult, name_pieces, record_path, render_record, searchable

pytestmark = [pytest.mark.browser, pytest.mark.slow]

LANGS = ("id", "en", "zh")


@pytest.fixture(scope="module")
def server(site):
    require_chromium()
    with serve_directory(site) as base:
        yield base.rstrip("/")


@pytest.fixture(scope="module")
def sample_server(sample_site):
    require_chromium()
    with serve_directory(sample_site) as base:
        yield base.rstrip("/")


def type_query(page, query: str) -> None:
    """Type a query into the search box and wait until the list answers it."""
    page.fill("[data-vc-search] input", query)
    page.wait_for_function("q => document.querySelector('.vc-search__drawer').getAttribute('data-query') === q",
                           arg=query, timeout=15_000)


def links(page) -> list[str]:
    return page.eval_on_selector_all(".vc-search__link", "els => els.map(e => e.getAttribute('href'))")


def search(browser, server: str, lang: str, query: str, *, titles: bool = False) -> list[str]:
    page = browser.new_page()
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    page.goto(f"{server}/{lang}/")
    type_query(page, query)
    found = page.eval_on_selector_all(".vc-search__title", "els => els.map(e => e.textContent)") if titles else links(page)
    assert all(url.startswith(server) for url in requests), [u for u in requests if not u.startswith(server)]
    page.close()
    return found


# --- the small test catalog (tests/conftest.py) ---------------------------------------------------------


@pytest.mark.parametrize(("lang", "query", "expected"), [
    ("en", "moringa", "products/kelor-powder/"), ("id", "kelor", "products/kelor-powder/"),
    ("zh", "辣木", "products/kelor-powder/"),  # the product name in each language
    ("en", "Maju", "products/kelor-powder/"),  # the BUMDes
    ("en", "Sigi", "products/kelor-powder/"),  # the regency
    ("zh", "中苏拉威西", "regions/sulawesi-tengah/"),  # the province
    ("en", "121190", "products/kelor-powder/"),  # the HS code
])
def test_search_finds_the_page(browser, server, lang, query, expected):
    links = search(browser, server, lang, query)
    assert f"/{lang}/{expected}" in links, links


def test_search_stays_in_the_page_language(browser, server):
    links = search(browser, server, "zh", "辣木")
    assert links and all(link.startswith("/zh/") for link in links), links


def test_search_category_word_finds_the_other_product(browser, server):
    links = search(browser, server, "en", "seafood")
    assert "/en/products/kepiting-hidup/" in links, links


@pytest.mark.parametrize("lang", LANGS)
def test_each_language_has_its_own_index(site, lang):
    entry = json.loads((site / lang / "pagefind/pagefind-entry.json").read_text())
    assert set(entry["languages"]) == {lang}


def test_a_result_is_titled_with_the_product_name_in_the_page_language(browser, server):
    assert "辣木叶粉" in " ".join(search(browser, server, "zh", "辣木", titles=True))


def test_a_result_title_from_the_catalog_is_shown_as_text_never_as_markup(browser, server):
    page = browser.new_page()
    page.goto(f"{server}/en/")
    type_query(page, "Crab Co")
    title = page.eval_on_selector(".vc-search__title", "e => e.textContent")
    assert '"Co"' in title and "&lt;script&gt;" in title, title
    assert page.eval_on_selector_all(".vc-search__drawer script", "els => els.length") == 0
    page.close()


def test_pages_without_their_own_content_are_not_results(browser, server):
    # The home page and the all-products listing repeat product names; only the products themselves answer.
    links = search(browser, server, "en", "moringa")
    assert "/en/" not in links and "/en/products/" not in links, links


def test_search_records_are_work_files_not_published_pages(site):
    assert (site.parent / ".build" / "search" / "all" / "en" / "products.kelor-powder.html").is_file()
    assert not (site / "search").exists()


def test_a_search_record_escapes_catalog_text():
    result = SearchResult(names=('Kepiting "x"><img src=x onerror=alert(1)>',), codes=("030633",),
                          detail=('Seafood" onload="x', "<b>Maju</b>"), photo='a"b')
    record = render_record("en", "Crab & <script>alert(1)</script>", ("Fish <img src=x onerror=alert(1)>",), result)
    assert "<script>" not in record and "<img" not in record and "<b>" not in record
    assert "Crab &amp; &lt;script&gt;" in record and "Fish &lt;img" in record
    assert 'content="Seafood&#34; onload=&#34;x · &lt;b&gt;Maju&lt;/b&gt;"' in record
    assert 'content="a&#34;b"' in record


def test_names_outweigh_codes_which_outweigh_texts_and_results_show_no_searchable_path():
    record = render_record("en", "Live crab", ("Caught among mangroves.",),
                           SearchResult(names=("Kepiting", "螃蟹"), codes=("030633",), detail=("Seafood",), photo="28d9efab68e6cf20"))
    assert '<p data-pagefind-weight="7">Kepiting</p><p data-pagefind-weight="7">螃蟹</p>' in record
    assert '<p data-pagefind-weight="5">030633</p><p data-pagefind-weight="1">Caught among mangroves.</p>' in record
    # Every metadata value is searchable: the page's path is the record's file name instead (search.js reads it back).
    assert record_path(Path("records"), "products/crab/") == Path("records/products.crab.html")
    assert "-320" not in record
    assert '<meta data-pagefind-meta="photo[content]" content="28d9efab68e6cf20">' in record


def test_search_builds_the_same_bytes_twice(site):
    # Pagefind 1.5.2 writes filter fields in a new order each run: records carry none.
    assert not any((site / lang / "pagefind" / "filter").exists() for lang in LANGS)


@pytest.mark.parametrize(("text", "kept"), [
    ("dried below 45 °C, packed in 25 kg bags", "dried below packed bags"),
    ("低于45°C的温度干燥", "低于 的温度干燥"),
    ("Grade 1 (Biji Hijau), 2–4 mm, pH 5", "Grade (Biji Hijau),"),
    ("Kepiting (Scylla serrata)", "Kepiting (Scylla serrata)"),
    ("蟹", "蟹"),
])
def test_units_numbers_and_short_words_are_left_out_of_searched_text(text, kept):
    assert searchable(text) == kept


def test_plain_text_keeps_link_words_and_drops_markdown_marks():
    assert plain_text("Organic **moringa** from [Sigi](https://example.org/x_y).\n\n### Grade") == "Organic moringa from Sigi. Grade"


# --- the sample catalog (products/, glossary/synonyms.yml): what buyers type, first result on every site ----

CRAB, KELOR, LEAVES, AVOCADO, BANANA = "kepiting-bakau-hidup", "bubuk-daun-kelor", "daun-kelor-kering", "alpukat-segar", "tepung-pisang"
COFFEE, CLOVES, CLOVE_OIL, PATCHOULI, CITRONELLA = "kopi-arabika-gayo", "cengkeh-kering", "minyak-daun-cengkeh", "minyak-nilam", "minyak-sereh-wangi"
COTTONII, SPINOSUM, SUGAR_BLOCKS = "rumput-laut-cottonii-kering", "rumput-laut-spinosum-kering", "gula-kelapa-cetak"

QUERIES = [
    # Latin script: names in any catalog language, synonyms, scientific names.
    ("crab", CRAB), ("mud crab", CRAB), ("kepiting", CRAB), ("Scylla serrata", CRAB),
    ("moringa powder", KELOR), ("moringa leaves", LEAVES), ("avocado", AVOCADO), ("alpukat", AVOCADO),
    ("Persea americana", AVOCADO), ("banana flour", BANANA), ("plantain", BANANA), ("patchouli", PATCHOULI),
    ("nilam", PATCHOULI), ("Pogostemon cablin", PATCHOULI), ("citronella", CITRONELLA), ("serai wangi", CITRONELLA),
    ("arabica", COFFEE), ("green coffee", COFFEE), ("cottonii", COTTONII), ("Kappaphycus alvarezii", COTTONII),
    ("spinosum", SPINOSUM), ("clove leaf oil", CLOVE_OIL), ("coconut sugar blocks", SUGAR_BLOCKS),
    # Chinese: names and synonyms, on the Indonesian and English sites too.
    ("螃蟹", CRAB), ("青蟹", CRAB), ("蟹", CRAB), ("牛油果", AVOCADO), ("鳄梨", AVOCADO), ("香蕉粉", BANANA),
    ("广藿香", PATCHOULI), ("香茅", CITRONELLA), ("咖啡生豆", COFFEE), ("丁香叶油", CLOVE_OIL), ("卡帕藻", COTTONII),
    ("麒麟菜", SPINOSUM), ("辣木干叶", LEAVES),
    # HS codes, alone (whole, its first four digits, with a dot) and mixed with a name in either script.
    ("030633", CRAB), ("0306", CRAB), ("080440", AVOCADO), ("0804.40", AVOCADO), ("090111", COFFEE),
    ("110630", BANANA), ("crab 030633", CRAB), ("螃蟹 0306", CRAB), ("牛油果 0804", AVOCADO), ("咖啡 0901", COFFEE),
    ("clove 0907", CLOVES), ("丁香 090710", CLOVES), ("香蕉 1106", BANANA),
]


@pytest.mark.parametrize("lang", LANGS)
def test_the_first_result_is_the_product_a_buyer_means(browser, sample_server, lang):
    page = browser.new_page()
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    page.goto(f"{sample_server}/{lang}/products/")
    wrong = []
    for query, product in QUERIES:
        type_query(page, query)
        found = links(page)
        if not found or found[0] != f"/{lang}/products/{product}/":
            wrong.append((query, product, found[:3]))
    assert wrong == [], wrong
    assert all(url.startswith(sample_server) for url in requests), [u for u in requests if not u.startswith(sample_server)]
    page.close()


@pytest.mark.parametrize("lang", LANGS)
def test_a_name_outranks_a_mention_and_units_match_nothing(browser, sample_server, lang):
    page = browser.new_page()
    page.goto(f"{sample_server}/{lang}/")
    # The crab's BUMDes tells of crabs at length; the product named crab still comes first, and no dried
    # product answers through the °C of its drying temperature.
    type_query(page, "crab")
    found = links(page)
    assert found[0] == f"/{lang}/products/{CRAB}/", found
    assert not any(name in link for link in found for name in (KELOR, LEAVES, BANANA, AVOCADO)), found
    type_query(page, "kg")
    assert links(page) == []
    assert "kg" in page.eval_on_selector(".vc-search__status", "e => e.textContent")
    page.close()


def test_a_result_shows_the_photo_category_and_bumdes(browser, sample_server):
    page = browser.new_page(viewport={"width": 390, "height": 844})
    page.goto(f"{sample_server}/zh/")
    type_query(page, "螃蟹")
    first = page.locator(".vc-search__result").first
    assert first.locator(".vc-search__detail").text_content() == "海产品 · 托鲁埃村 Bakau Jaya 村办企业"
    photo = first.locator("img.vc-search__photo")
    assert photo.get_attribute("src").startswith("/media/") and photo.get_attribute("src").endswith("-320.webp")
    page.wait_for_function("img => img.complete && img.naturalWidth > 0", arg=photo.element_handle())
    page.close()


@pytest.mark.parametrize("lang", LANGS)
def test_without_javascript_the_listing_the_categories_and_the_regions_stand_in_for_the_box(browser, sample_server, lang):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{sample_server}/{lang}/products/{CRAB}/")
    assert not page.locator("[data-vc-search] input").is_visible()
    assert page.locator(".vc-browse").is_visible()
    hrefs = page.eval_on_selector_all(".vc-browse a", "els => els.map(e => e.href)")
    assert [h.removeprefix(sample_server) for h in hrefs] == [f"/{lang}/products/", f"/{lang}/#cat-title", f"/{lang}/regions/"]
    page.goto(hrefs[1])
    categories = page.eval_on_selector_all("#cat-title + ul a", "els => els.map(e => e.href)")
    assert any(h.endswith(f"/{lang}/categories/seafood/") for h in categories), categories
    for href in [*hrefs, *categories]:
        assert page.request.get(href).ok, href
    context.close()


def test_chinese_names_are_also_indexed_in_pieces_the_browser_may_cut_a_query_into():
    # zh: Pagefind's dictionary and the browser's cut differently; every character is a word as well.
    assert name_pieces("干制长心卡帕藻（Eucheuma cottonii）", "zh") == ("干 制 长 心 卡 帕 藻",)
    # Elsewhere a query finds the words it begins: every tail of a run is a word as well.
    assert name_pieces("有机辣木叶粉", "en") == ("机辣木叶粉", "辣木叶粉", "木叶粉", "叶粉", "粉")
    assert name_pieces("Live Mud Crab", "zh") == ()
