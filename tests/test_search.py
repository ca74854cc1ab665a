"""Search as a buyer uses it, in headless Chromium: in every language, by name, BUMDes, region, category and HS code."""

from __future__ import annotations

import json

import pytest

from browser_support import require_chromium, serve_directory

pytestmark = [pytest.mark.browser, pytest.mark.slow]

@pytest.fixture(scope="module")
def server(site):
    require_chromium()
    with serve_directory(site) as base:
        yield base.rstrip("/")


def search(browser, server: str, lang: str, query: str) -> list[str]:
    page = browser.new_page()
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    page.goto(f"{server}/{lang}/")
    page.fill("[data-vc-search] input", query)
    page.wait_for_selector(".pagefind-ui__result-link", timeout=15_000)
    page.wait_for_function("() => !document.querySelector('.pagefind-ui__result-title.pagefind-ui__loading')")
    links = page.eval_on_selector_all(".pagefind-ui__result-link", "els => els.map(e => e.getAttribute('href'))")
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


def test_each_language_has_its_own_index(site):
    entry = json.loads((site / "pagefind/pagefind-entry.json").read_text())
    assert set(entry["languages"]) == {"id", "en", "zh"}
