"""Search as a buyer uses it, in headless Chromium: in every language, by name, BUMDes, region, category and HS code."""

from __future__ import annotations

import json

import pytest

from browser_support import require_chromium, serve_directory
from generator.localize import plain_text
from generator.search import render_record

pytestmark = [pytest.mark.browser, pytest.mark.slow]

@pytest.fixture(scope="module")
def server(site):
    require_chromium()
    with serve_directory(site) as base:
        yield base.rstrip("/")


def search(browser, server: str, lang: str, query: str, *, titles: bool = False) -> list[str]:
    page = browser.new_page()
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    page.goto(f"{server}/{lang}/")
    page.fill("[data-vc-search] input", query)
    page.wait_for_selector(".pagefind-ui__result-link", timeout=15_000)
    page.wait_for_function("() => !document.querySelector('.pagefind-ui__result-title.pagefind-ui__loading')")
    links = page.eval_on_selector_all(".pagefind-ui__result-link", "els => els.map(e => e.getAttribute('href'))")
    # The record's page field became the link; it is not shown under the result.
    assert page.eval_on_selector_all(".pagefind-ui__result-tag", "els => els.map(e => e.textContent)") == []
    if titles:
        links = page.eval_on_selector_all(".pagefind-ui__result-link", "els => els.map(e => e.textContent.trim())")
    assert all(url.startswith(server) for url in requests), [u for u in requests if not u.startswith(server)]
    page.close()
    return links


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


@pytest.mark.parametrize("lang", ["id", "en", "zh"])
def test_each_language_has_its_own_index(site, lang):
    entry = json.loads((site / lang / "pagefind/pagefind-entry.json").read_text())
    assert set(entry["languages"]) == {lang}


def test_a_result_is_titled_with_the_product_name_in_the_page_language(browser, server):
    assert "辣木叶粉" in " ".join(search(browser, server, "zh", "辣木", titles=True))


def test_pages_without_their_own_content_are_not_results(browser, server):
    # The home page and the all-products listing repeat product names; only the products themselves answer.
    links = search(browser, server, "en", "moringa")
    assert "/en/" not in links and "/en/products/" not in links, links


def test_search_records_are_work_files_not_published_pages(site):
    assert (site.parent / ".build" / "search" / "all" / "en" / "products.kelor-powder.html").is_file()
    assert not (site / "search").exists()


def test_a_search_record_escapes_catalog_text():
    record = render_record("en", 'products/x"><script>/', "Crab <script>alert(1)</script>", ("a & b", "<img src=x onerror=alert(1)>"))
    assert "<script>" not in record and "<img" not in record
    assert "Crab &lt;script&gt;" in record and "a &amp; b" in record
    assert 'content="products/x&#34;&gt;&lt;script&gt;/"' in record


def test_plain_text_keeps_link_words_and_drops_markdown_marks():
    assert plain_text("Organic **moringa** from [Sigi](https://example.org/x_y).\n\n### Grade") == "Organic moringa from Sigi. Grade"
