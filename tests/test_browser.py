"""The built site in a real headless Chromium: what a buyer clicks, types and prints, with a keyboard or a screen reader.

A small catalog (two products in two categories, one photo) is built once and served on 127.0.0.1.
Screenshots of every page kind land in screenshots/ (git-ignored) for a person to look at.
"""

from __future__ import annotations

from urllib.parse import unquote, urlsplit

import pytest

from browser_support import ROOT, require_axe, require_chromium, serve_directory
from conftest import PRODUCT, TODAY, jpeg_bytes, write_catalog
from generator.build import build_site
from generator.issues import Severity

pytestmark = [pytest.mark.browser, pytest.mark.slow]

LANGS = ("id", "en", "zh")
PRODUCT_ID = "kelor-powder"
OTHER_ID = "mud-crab"
AGENT_EMAIL = "palu@example.com"
PAGE_URL = "https://example.org/catalog/{lang}/products/kelor-powder/"
PAGES = {
    "home": "",
    "products": "products/",
    "category": "categories/moringa/",
    "regions": "regions/",
    "province": "regions/sulawesi-tengah/",
    "regency": "regions/sulawesi-tengah/sigi/",
    "bumdes": "bumdes/bumdes-maju/",
    "product": f"products/{PRODUCT_ID}/",
    "how-to-buy": "how-to-buy/",
    "about": "about/",
    "contact": "contact/",
}
WIDTHS = (390, 1280)
SCREENSHOTS = ROOT / "screenshots"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]

CRAB = (PRODUCT.replace("id: kelor-powder", f"id: {OTHER_ID}")
        .replace("category: moringa", "category: seafood")
        .replace("{id: Bubuk daun kelor, en: Moringa leaf powder, zh: 辣木叶粉}",
                 "{id: Kepiting bakau hidup, en: Live mud crab, zh: 鲜活青蟹}")
        .replace('hs_code: "121190"', 'hs_code: "030633"'))
KELOR_WITH_PHOTO = PRODUCT + "photos:\n  - {file: kelor.jpg, alt: {id: Bubuk kelor dalam mangkuk, en: Moringa powder in a bowl}}\n"


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> str:
    """The small catalog built once and served on 127.0.0.1; yields the base URL."""
    require_chromium()
    root = write_catalog(tmp_path_factory.mktemp("browser") / "catalog", {
        f"products/bumdes-maju/{PRODUCT_ID}.yml": KELOR_WITH_PHOTO,
        "products/bumdes-maju/kelor.jpg": jpeg_bytes((1400, 1000)),
        f"products/bumdes-maju/{OTHER_ID}.yml": CRAB,
    }, with_theme=True)
    issues = build_site(root, out=None, today=TODAY)
    assert [i for i in issues if i.severity is not Severity.INFO] == []
    with serve_directory(root / "site") as base:
        yield base


@pytest.fixture
def page(browser):  # noqa: F811 - pytest fixture injection
    """A fresh page in a desktop-sized English browser context."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="en-US")
    yield context.new_page()
    context.close()


# Lazy images load too, so that screenshots show them and every request is made.
LOAD_EVERY_IMAGE = """async () => {
  for (const img of document.querySelectorAll('img[loading="lazy"]')) img.loading = 'eager';
  await Promise.all([...document.images].map(img => img.decode().catch(() => null)));
}"""


def path_of(url: str) -> str:
    return urlsplit(url).path


def query_parts(link: str) -> tuple[str, dict[str, str]]:
    """(address or path, {key: decoded value}) without form decoding: '+' stays '+' as RFC 6068 says."""
    head, _, query = link.partition("?")
    parts: dict[str, str] = {}
    for pair in query.split("&"):
        key, _, value = pair.partition("=")
        assert key not in parts, f"{key} appears twice in {link}"
        parts[key] = unquote(value)
    return head, parts


# Navigation ---------------------------------------------------------------------------------------------

@pytest.mark.parametrize("lang", LANGS)
def test_root_chooser_leads_to_a_product_in_every_language(browser, site, lang):  # noqa: F811
    # A French browser matches no language, so the chooser stays and the buyer picks one.
    context = browser.new_context(locale="fr-FR", viewport={"width": 390, "height": 844})
    page = context.new_page()
    page.goto(site)
    assert path_of(page.url) == "/"
    page.locator(f'a[hreflang="{lang}"]').click()
    page.wait_for_url(f"**/{lang}/")
    page.locator(f'.vc-card__link[href*="products/{PRODUCT_ID}/"]').first.click()
    page.wait_for_url(f"**/{lang}/products/{PRODUCT_ID}/")
    assert path_of(page.url) == f"/{lang}/products/{PRODUCT_ID}/"
    assert page.locator("html").get_attribute("lang") == lang
    context.close()


@pytest.mark.parametrize(("locale", "lang"), [("zh-CN", "zh"), ("id-ID", "id"), ("en-GB", "en")])
def test_root_redirects_to_the_browser_language(browser, site, locale, lang):  # noqa: F811
    context = browser.new_context(locale=locale)
    page = context.new_page()
    page.goto(site)
    page.wait_for_url(f"**/{lang}/")
    assert path_of(page.url) == f"/{lang}/"
    context.close()


@pytest.mark.parametrize(("start", "target", "name"), [("en", "zh", "中文"), ("zh", "en", "English"),
                                                       ("id", "en", "English")])
def test_language_menu_goes_to_the_same_product(page, site, start, target, name):
    page.goto(f"{site}{start}/products/{PRODUCT_ID}/")
    page.locator(".md-header__option .md-select > button").click()
    link = page.locator(".md-select__list").get_by_role("link", name=name, exact=True)
    link.click()
    page.wait_for_url(f"**/{target}/products/{PRODUCT_ID}/")
    assert path_of(page.url) == f"/{target}/products/{PRODUCT_ID}/"
    assert page.locator("html").get_attribute("lang") == target


# Inquiry ------------------------------------------------------------------------------------------------

MESSAGE = "Need 2 pallets & a +5% spare?\nCall #3 = ok; 谢谢"


def test_inquiry_links_carry_exactly_what_the_buyer_typed(page, site):
    page.goto(f"{site}en/products/{PRODUCT_ID}/")
    page.fill("#q-quantity", "750")
    page.select_option("#q-unit", "kg")
    page.fill("#q-destination", "Rotterdam, NL")
    page.select_option("#q-incoterm", "FOB Pantoloan, Palu")
    page.check("#q-sample")
    page.fill("#q-message", MESSAGE)
    email = page.locator('[data-channel="email"]').get_attribute("href")
    whatsapp = page.locator('[data-channel="whatsapp"]').get_attribute("href")

    for link in (email, whatsapp):
        assert "+" not in link, f"'+' in {link}: spaces must be %20"
        assert "%20" in link
    address, mail = query_parts(email)
    assert address == f"mailto:{AGENT_EMAIL}"
    assert set(mail) == {"subject", "body"}
    assert mail["subject"] == f"Quote request: Moringa leaf powder ({PRODUCT_ID})"
    number, chat = query_parts(whatsapp)
    assert number == "https://wa.me/6281341005678" and set(chat) == {"text"}

    mail_body = mail["body"].replace("\r\n", "\n")
    assert "\r" not in chat["text"]
    for body in (mail_body, chat["text"]):
        assert f"Product: Moringa leaf powder ({PRODUCT_ID})" in body
        assert f"Page: {PAGE_URL.format(lang='en')}" in body
        assert "\nQuantity: 750 kg\n" in body
        assert "\nDestination port: Rotterdam, NL\n" in body
        assert "\nIncoterm: FOB Pantoloan, Palu\n" in body
        assert "\nSample wanted: Yes\n" in body
        assert f"\n{MESSAGE}\n" in body


def test_inquiry_links_work_without_javascript(browser, site):  # noqa: F811
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{site}en/products/{PRODUCT_ID}/")
    email = page.locator('[data-channel="email"]')
    whatsapp = page.locator('[data-channel="whatsapp"]')
    assert email.is_visible() and whatsapp.is_visible()
    for link in (email.get_attribute("href"), whatsapp.get_attribute("href")):
        text = unquote(link)
        assert f"({PRODUCT_ID})" in text and "Moringa leaf powder" in text
        assert "+" not in link
    context.close()


def decode_qr(element, tmp_path) -> list[str]:
    """What a phone's scanner reads from the QR image as the browser shows it (zbar, an independent decoder)."""
    import shutil
    import subprocess

    if shutil.which("zbarimg") is None:
        pytest.fail("zbarimg is missing: install Debian's zbar-tools (.ci/run does)", pytrace=False)
    shot = tmp_path / "qr.png"
    element.screenshot(path=str(shot))
    result = subprocess.run(["zbarimg", "--raw", "-q", str(shot)], capture_output=True, text=True)
    return result.stdout.splitlines()


@pytest.mark.parametrize("lang", LANGS)
def test_the_wechat_qr_is_a_full_qr_code_that_decodes_to_the_configured_contact_link(page, site, lang, tmp_path):
    page.goto(f"{site}{lang}/products/{PRODUCT_ID}/")
    qr = page.locator(".vc-channel--wechat img.vc-qr")
    assert decode_qr(qr, tmp_path) == ["https://u.wechat.com/AgenPaluTest"]
    assert qr.evaluate("img => img.naturalWidth") >= 148  # quiet zone of four modules included


def test_without_a_contact_link_the_wechat_id_is_shown_with_how_to_find_it_and_no_qr(page, site):
    page.goto(f"{site}en/contact/")
    dealer = page.locator(".vc-contact-card").first
    assert dealer.locator("img.vc-qr").count() == 0
    assert "DealerUji" in dealer.inner_text() and "search the ID" in dealer.inner_text()


# Filters ------------------------------------------------------------------------------------------------

def card(page, product_id: str):
    return page.locator(f'.vc-card:has(a[href*="{product_id}/"])')


def test_listing_filter_hides_other_cards_and_survives_a_reload(page, site):
    page.goto(f"{site}en/products/")
    assert page.locator("form[data-filters]").is_visible()
    assert card(page, PRODUCT_ID).is_visible() and card(page, OTHER_ID).is_visible()
    page.select_option("#f-category", "seafood")
    assert card(page, PRODUCT_ID).is_hidden()
    assert card(page, OTHER_ID).is_visible()
    assert urlsplit(page.url).query == "category=seafood"
    page.reload()
    assert page.locator("#f-category").input_value() == "seafood"
    assert card(page, PRODUCT_ID).is_hidden()
    assert card(page, OTHER_ID).is_visible()
    page.locator("form[data-filters] button[type=reset]").click()
    page.wait_for_function("!location.search")
    assert card(page, PRODUCT_ID).is_visible()


def test_listing_without_javascript_shows_every_card_and_no_filters(browser, site):  # noqa: F811
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{site}en/products/?category=seafood")
    assert page.locator("form[data-filters]").is_hidden()
    assert card(page, PRODUCT_ID).is_visible() and card(page, OTHER_ID).is_visible()
    context.close()


# Privacy ------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("lang", LANGS)
def test_no_request_leaves_the_local_server(page, site, lang):
    # Catches web fonts, CDNs, analytics, and Material's bundle, which fetches sitemap.xml next to every
    # absolute hreflang link (squidfunk/mkdocs-material#8576): a request to the public host on every view.
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    page.goto(site)  # the root chooser, which sends this English browser on to /en/
    for url in PAGES.values():
        page.goto(f"{site}{lang}/{url}")
        page.evaluate(LOAD_EVERY_IMAGE)
    foreign = [u for u in requested if urlsplit(u).scheme not in ("data", "blob") and urlsplit(u).hostname != "127.0.0.1"]
    assert foreign == []
    assert len(requested) > len(PAGES)


# Content-Security-Policy ------------------------------------------------------------------------------

RECORD_VIOLATIONS = """window.__violations = [];
document.addEventListener('securitypolicyviolation', e => window.__violations.push(
  e.violatedDirective + ' ' + (e.blockedURI || 'inline') + ' ' + location.pathname));"""


def violations(page) -> list[str]:
    return page.evaluate("window.__violations")


@pytest.mark.parametrize("lang", LANGS)
def test_search_quote_form_and_language_menu_work_under_the_policy_with_no_violation(browser, site, lang):  # noqa: F811
    context = browser.new_context(viewport={"width": 390, "height": 844}, locale="en-US")
    context.add_init_script(RECORD_VIOLATIONS)
    page = context.new_page()
    found: list[str] = []
    for url in [*PAGES.values(), "404.html"]:
        page.goto(f"{site}{lang}/{url}")
        page.evaluate(LOAD_EVERY_IMAGE)
        policy = page.locator('meta[http-equiv="Content-Security-Policy"]').get_attribute("content") or ""
        assert "default-src 'self'" in policy and "'unsafe-inline'" not in policy, url
        found += violations(page)
    # Search: Pagefind's code, its WebAssembly and its index, all under the policy.
    page.goto(f"{site}{lang}/")
    page.fill("[data-vc-search] input", "121190")
    page.wait_for_selector(".pagefind-ui__result-link", timeout=15_000)
    assert page.locator(".pagefind-ui__result-link").count() >= 1
    found += violations(page)
    # The quote form rewrites the links as the buyer types.
    page.goto(f"{site}{lang}/products/{PRODUCT_ID}/")
    before = page.locator('[data-channel="email"]').get_attribute("href")
    page.fill("#q-quantity", "750")
    assert page.locator('[data-channel="email"]').get_attribute("href") != before
    found += violations(page)
    # The language menu leads to the same page in another language.
    other = "en" if lang != "en" else "zh"
    page.set_viewport_size({"width": 1280, "height": 900})
    page.locator(".md-header__option .md-select > button").click()
    page.locator(f'.md-select__list a[hreflang="{other}"]').click()
    page.wait_for_url(f"**/{other}/products/{PRODUCT_ID}/")
    found += violations(page)
    page.goto(site)
    found += violations(page)
    context.close()
    assert found == []


def test_an_inline_script_slipped_into_a_page_does_not_run(browser, site, tmp_path):  # noqa: F811
    import urllib.request

    html = urllib.request.urlopen(f"{site}en/products/{PRODUCT_ID}/").read().decode("utf-8")
    assert "window.__pwned" not in html
    forged = tmp_path / "en" / "products" / PRODUCT_ID
    forged.mkdir(parents=True)
    (forged / "index.html").write_text(html.replace("</h1>", "</h1><script>window.__pwned = 1</script>", 1), encoding="utf-8")
    context = browser.new_context()
    context.add_init_script(RECORD_VIOLATIONS)
    page = context.new_page()
    with serve_directory(tmp_path) as base:
        page.goto(f"{base}en/products/{PRODUCT_ID}/")
        assert page.evaluate("window.__pwned") is None
        assert any(v.startswith("script-src") for v in violations(page)), violations(page)
    context.close()


# Accessibility ------------------------------------------------------------------------------------------

@pytest.mark.parametrize("lang", LANGS)
def test_no_serious_accessibility_violation_on_any_page_kind(browser, site, lang):  # noqa: F811
    axe = require_axe()
    # axe is injected as an inline script, which the pages' policy (rightly) refuses: the test's own tool
    # is let through, nothing else changes.
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="en-US", bypass_csp=True)
    page = context.new_page()
    found = []
    for kind, url in PAGES.items():
        page.goto(f"{site}{lang}/{url}")
        page.add_script_tag(path=str(axe))
        result = page.evaluate("tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", AXE_TAGS)
        for violation in result["violations"]:
            if violation["impact"] in ("serious", "critical"):
                targets = [" ".join(node["target"]) for node in violation["nodes"][:5]]
                found.append(f"{lang}/{url or '(home)'} [{kind}]: {violation['impact']} {violation['id']}: "
                             f"{violation['help']} → {targets}")
    context.close()
    assert not found, "\n".join(found)


def test_keyboard_reaches_skip_link_first_and_focus_is_visible(page, site):
    page.goto(f"{site}en/products/{PRODUCT_ID}/")
    page.keyboard.press("Tab")
    first = page.evaluate("""() => { const e = document.activeElement;
        return {cls: e.className, text: e.textContent.trim(), href: e.getAttribute('href'), outline: getComputedStyle(e).outlineStyle,
                visible: e.getBoundingClientRect().top >= 0 && e.getBoundingClientRect().height > 0}; }""")
    assert "md-skip" in first["cls"], f"first Tab stop is {first}"
    assert first["text"] == "Skip to content"
    assert first["outline"] != "none" and first["visible"]
    assert page.locator(first["href"]).count() == 1, f"the skip link's target {first['href']} is missing"

    seen: dict[str, int] = {"A": 0, "BUTTON": 0}
    for _ in range(80):
        page.keyboard.press("Tab")
        focused = page.evaluate("""() => { const e = document.activeElement; const s = getComputedStyle(e);
            return {tag: e.tagName, html: e.outerHTML.slice(0, 120), style: s.outlineStyle, width: parseFloat(s.outlineWidth)}; }""")
        if focused["tag"] in seen:
            seen[focused["tag"]] += 1
            assert focused["style"] != "none" and focused["width"] >= 2, f"no visible focus on {focused['html']}"
    assert seen["A"] >= 10 and seen["BUTTON"] >= 1, seen


# Screenshots --------------------------------------------------------------------------------------------

@pytest.mark.parametrize("width", WIDTHS)
def test_screenshots_of_every_page_kind_without_sideways_scrolling(browser, site, width):  # noqa: F811
    SCREENSHOTS.mkdir(exist_ok=True)
    context = browser.new_context(viewport={"width": width, "height": 900}, locale="en-US")
    page = context.new_page()
    overflowing = []
    for lang in LANGS:
        for kind, url in PAGES.items():
            page.goto(f"{site}{lang}/{url}")
            page.evaluate(LOAD_EVERY_IMAGE)
            page.screenshot(path=str(SCREENSHOTS / f"{lang}-{kind}-{width}.png"), full_page=True, animations="disabled")
            scroll_width = page.evaluate("document.documentElement.scrollWidth")
            if scroll_width > width:
                overflowing.append(f"{lang}-{kind}: {scroll_width} px")
    context.close()
    assert not overflowing, f"wider than {width} px: {overflowing}"


# Print --------------------------------------------------------------------------------------------------

def pdf_pages(pdf: bytes) -> int:
    """Page objects in a PDF: every "/Type /Page" that is not the "/Type /Pages" tree node."""
    return pdf.count(b"/Type /Page") - pdf.count(b"/Type /Pages")


@pytest.mark.parametrize("lang", LANGS)
def test_product_prints_as_one_page_spec_sheet(page, site, lang):
    page.goto(f"{site}{lang}/products/{PRODUCT_ID}/")
    page.emulate_media(media="print")
    assert page.locator(".vc-inquiry__form").is_hidden()
    assert page.locator(".md-header").is_hidden()
    print_url = page.locator(".vc-print-url")
    assert print_url.is_visible()
    assert PAGE_URL.format(lang=lang) in print_url.inner_text()
    email = page.locator('[data-channel="email"]')
    assert email.is_visible() and AGENT_EMAIL in email.inner_text()
    assert "+6281341005678" in page.locator('[data-channel="whatsapp"]').inner_text()
    pdf = page.pdf(format="A4", print_background=True)
    assert pdf_pages(pdf) == 1
