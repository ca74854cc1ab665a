"""The built site in a real headless Chromium: what a buyer clicks, types, sends and prints, with a keyboard
or a screen reader.

A small catalog (tests/trade_catalog.py: three products in two provinces, a certificate PDF, price tiers, two
contacts) is built once and served on 127.0.0.1. Screenshots of every page kind land in screenshots/
(git-ignored) for a person to look at.
"""

from __future__ import annotations

import re
from urllib.parse import unquote, urlsplit

import pytest

from browser_support import ROOT, require_axe, require_chromium, serve_directory
from conftest import TODAY, write_catalog
from generator.build import build_site
from generator.inquiry import Line, MessageLayout, compose
from generator.issues import Severity
from trade_catalog import AGENT_EMAIL, CONTAINER, DEALER_ALIBABA, DEALER_EMAIL, trade_files

pytestmark = [pytest.mark.browser, pytest.mark.slow]

LANGS = ("id", "en", "zh")
PRODUCT_ID = "kelor-powder"
OTHER_ID = "mud-crab"
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
    "inquiry-list": "inquiry/",
}
WIDTHS = (390, 1280)
SCREENSHOTS = ROOT / "screenshots"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]

@pytest.fixture(scope="module")
def site(tmp_path_factory) -> str:
    """The small catalog built once and served on 127.0.0.1; yields the base URL."""
    require_chromium()
    root = write_catalog(tmp_path_factory.mktemp("browser") / "catalog", trade_files(), with_theme=True)
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


@pytest.mark.parametrize("width", WIDTHS)
def test_root_chooser_never_breaks_a_prompt_and_fits_one_line_on_a_desktop(browser, site, width):  # noqa: F811
    # "选择语言" used to break after "选" at 1280 px: Chinese may break between any two characters.
    context = browser.new_context(locale="fr-FR", viewport={"width": width, "height": 800})
    page = context.new_page()
    page.goto(site)
    prompts = page.evaluate("""() => [...document.querySelectorAll('h1 > span')].map(
        s => [s.lang, s.textContent, s.getClientRects().length, s.getBoundingClientRect().height])""")
    assert [lang for lang, *_ in prompts] == list(LANGS)
    assert [(lang, rects) for lang, _, rects, _ in prompts] == [(lang, 1) for lang in LANGS]
    line = max(height for *_, height in prompts)
    heading = page.locator("main h1").bounding_box()["height"]
    if width >= 1280:
        assert heading < 1.5 * line, f"the heading takes {heading / line:.1f} lines at {width} px"
    SCREENSHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"root-chooser-{width}.png"))
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

MESSAGE = "Need 2 pallets & a +5% spare?\n\nCall #3 = ok; 谢谢\n\n\nRegards"
"""A message with blank lines (one and two), '+', '&', '#', '%' and Chinese: each must arrive as typed."""


def static_links(site: str, url: str) -> dict[str, str]:
    """The send links as the build wrote them, before any script ran."""
    import re
    import urllib.request
    from html import unescape

    html = urllib.request.urlopen(f"{site}{url}").read().decode("utf-8")
    return {kind: unescape(href) for kind, href in re.findall(r'data-send="(\w+)" href="([^"]*)"', html)}


def sent(page) -> dict[str, str]:
    return {kind: page.locator(f'.vc-inquiry [data-send="{kind}"]').first.get_attribute("href") for kind in ("email", "whatsapp", "alibaba")}


def page_layout(page) -> tuple[MessageLayout, dict[str, str]]:
    """The message a product page fills, read back into Python: the language's layout (kit.js) with
    the page's subject, and the values the page itself gives (the product, its producer, its page)."""
    data = page.evaluate("""() => {
      const section = document.querySelector('[data-inquiry]');
      return {layout: window.vcKit.layout, product: section.dataset.product, producer: section.dataset.producer,
              samples: section.hasAttribute('data-samples'), page: document.querySelector('link[rel="canonical"]').href};
    }""")
    lines = tuple(Line(text=line.get("text", ""), label=tuple(line.get("label", ())), value=line.get("value"), field=line.get("field"),
                       block=line.get("block", False)) for line in data["layout"]["lines"]
                  if data["samples"] or line.get("field") != "sample")
    layout = MessageLayout(subject=f"{data['layout']['subject']}: {data['product']}", lines=lines)
    return layout, {"product": data["product"], "producer": data["producer"], "page": data["page"]}


@pytest.mark.parametrize("lang", LANGS)
def test_the_script_and_the_build_compose_the_same_message(page, site, lang):
    """Without JavaScript the links open with the build's lines on what the product is; the script, before the
    buyer types, writes the same lines first and the form's blanks after them (one layout, two implementations)."""
    url = f"{lang}/products/{PRODUCT_ID}/"
    before = static_links(site, url)
    page.goto(f"{site}{url}")
    page.wait_for_function("document.querySelector('.vc-send__copy') && !document.querySelector('.vc-send__copy').hidden")
    after = sent(page)
    assert before["email"].startswith(f"mailto:{AGENT_EMAIL}?subject=") and after["alibaba"] == before.get("alibaba")
    static_mail, script_mail = query_parts(before["email"])[1], query_parts(after["email"])[1]
    assert script_mail["subject"] == static_mail["subject"]
    for opener, full in ((static_mail["body"], script_mail["body"]),
                         (query_parts(before["whatsapp"])[1]["text"], query_parts(after["whatsapp"])[1]["text"])):
        assert full.startswith(opener.rstrip("\r\n")) and full.count("…") >= 10
        assert f"({PRODUCT_ID})" in opener and PAGE_URL.format(lang=lang) in opener and "…" not in opener


@pytest.mark.parametrize("lang", LANGS)
def test_the_form_is_drawn_for_the_product(page, site, lang):
    """One form per language (kit.js), made each product's: units that fit it, its Incoterms, and the
    sample question only where samples are offered; form first, the ways to send it after."""
    page.goto(f"{site}{lang}/products/{PRODUCT_ID}/")
    page.wait_for_selector(".vc-inquiry [data-inquiry-form]")
    order = page.evaluate("""() => {
      const form = document.querySelector('.vc-inquiry [data-inquiry-form]');
      const send = document.querySelector('.vc-inquiry .vc-send');
      return !!(form.compareDocumentPosition(send) & Node.DOCUMENT_POSITION_FOLLOWING);
    }""")
    assert order
    units = page.locator("#q-unit option").evaluate_all("options => options.map(o => o.value)")
    assert units[:2] == ["kg", "tonne"] and "container-20ft" in units and "litre" not in units
    assert page.locator("#q-unit").input_value() == "kg"  # the MOQ's unit
    terms = page.locator("#q-incoterm option").evaluate_all("options => options.map(o => o.value)")
    assert terms[:2] == ["", "FOB Pantoloan, Palu"] and len(terms) == 3  # the last: "other, please advise"
    assert page.locator("#q-sample").count() == 1
    page.goto(f"{site}{lang}/products/{OTHER_ID}/")  # mud crab: tonnes, no samples
    page.wait_for_selector(".vc-inquiry [data-inquiry-form]")
    assert page.locator("#q-unit").input_value() == "tonne"
    assert page.locator("#q-sample").count() == 0
    # Its message has one line fewer: no sample line.
    crab = query_parts(page.locator('.vc-inquiry [data-send="email"]').get_attribute("href"))[1]["body"]
    page.goto(f"{site}{lang}/products/{PRODUCT_ID}/")
    page.wait_for_selector(".vc-inquiry [data-inquiry-form]")
    kelor = query_parts(page.locator('.vc-inquiry [data-send="email"]').get_attribute("href"))[1]["body"]
    assert crab.count("\r\n") == kelor.count("\r\n") - 1 and crab.count("…") == kelor.count("…") - 1


@pytest.mark.parametrize("lang", LANGS)
def test_each_channel_sends_exactly_what_the_buyer_typed(browser, site, lang, tmp_path):  # noqa: F811
    context = browser.new_context(viewport={"width": 390, "height": 844}, locale="en-US")
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=site.rstrip("/"))
    page = context.new_page()
    page.goto(f"{site}{lang}/products/{PRODUCT_ID}/")
    page.fill("#q-quantity", "7.5")
    page.select_option("#q-unit", "tonne")
    page.fill("#q-destination", "Qingdao, CN")
    other = page.locator("#q-incoterm option").last
    page.select_option("#q-incoterm", other.get_attribute("value"))
    page.fill("#q-target-price", "US$ 3.10/kg CFR")
    page.fill("#q-delivery", "2027-03")
    documents = page.locator('input[name="documents"]')
    documents.nth(0).check()
    documents.nth(1).check()
    page.check("#q-sample")
    page.fill("#q-name", "Li Wei")
    page.fill("#q-company", "Crab & Co #1")
    page.fill("#q-country", "China")
    page.select_option("#q-reply-via", index=1)
    page.fill("#q-reply", "liwei_88")
    page.fill("#q-message", MESSAGE)
    links = sent(page)

    # What the dealer must receive, composed in Python from the page's own layout and the typed values.
    # 7.5 takes the plural where the language has one ("7.5 tonnes"), as the page says amounts.
    chosen = page.locator("#q-unit option:checked")
    unit = chosen.get_attribute("data-plural") or chosen.inner_text()
    assert (unit == "tonnes") == (lang == "en")
    values = {
        "quantity": f"7.5 {unit}", "destination": "Qingdao, CN", "incoterm": other.get_attribute("value"),
        "target_price": "US$ 3.10/kg CFR", "delivery": "2027-03",
        "documents": ", ".join(documents.nth(i).get_attribute("value") for i in (0, 1)),
        "sample": page.locator("#q-sample").get_attribute("data-yes"),
        "buyer_name": "Li Wei", "company": "Crab & Co #1", "country": "China",
        "reply": page.locator("#q-reply-via option:checked").get_attribute("value") + ": liwei_88", "message": MESSAGE,
    }
    layout, about = page_layout(page)
    assert about["page"] == PAGE_URL.format(lang=lang)
    subject, body = compose(layout, {**values, **about})
    plain = body.replace("\r\n", "\n")
    assert f"\n{MESSAGE}\n" in plain and re.search(rf"\nQuantity: 7\.5 {unit}\n|\(Quantity\): 7\.5 {unit}\n", plain)
    assert "Crab & Co #1" in plain and "…" not in plain

    address, mail = query_parts(links["email"])
    assert address == f"mailto:{AGENT_EMAIL}" and mail == {"subject": subject, "body": body}
    number, chat = query_parts(links["whatsapp"])
    assert number == "https://wa.me/6281341005678" and chat == {"text": plain}
    for link in (links["email"], links["whatsapp"]):
        assert "+" not in link.partition("?")[2], f"'+' in {link}: spaces must be %20"

    page.locator('.vc-inquiry [data-send="copy"]').click()
    page.wait_for_function("document.querySelector('[data-send-status]').textContent.length > 0")
    assert page.evaluate("navigator.clipboard.readText()") == plain
    # Alibaba: the product's storefront in a new tab, the message copied first to paste there.
    alibaba = page.locator('.vc-inquiry [data-send="alibaba"]')
    assert links["alibaba"] == DEALER_ALIBABA
    assert alibaba.get_attribute("target") == "_blank" and alibaba.get_attribute("rel") == "noopener noreferrer"
    context.close()


def test_inquiry_links_work_without_javascript(browser, site):  # noqa: F811
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{site}en/products/{PRODUCT_ID}/")
    email = page.locator('.vc-inquiry [data-send="email"]')
    whatsapp = page.locator('.vc-inquiry [data-send="whatsapp"]')
    assert email.is_visible() and whatsapp.is_visible()
    assert page.locator('.vc-inquiry [data-send="copy"]').is_hidden()  # copying needs the script
    # Both open with what the product is, who makes it and its page; the buyer writes the rest.
    _, mail = query_parts(email.get_attribute("href"))
    chat = query_parts(whatsapp.get_attribute("href"))[1]["text"]
    assert mail["subject"] == f"Quote request: Moringa leaf powder ({PRODUCT_ID})"
    for body in (mail["body"].replace("\r\n", "\n"), chat):
        assert body.startswith("Hello, I would like a quotation for:\n\n")
        assert f"\nProduct: Moringa leaf powder ({PRODUCT_ID})\nProducer: Maju Village Enterprise, " in body
        assert body.endswith(f"\nPage: {PAGE_URL.format(lang='en')}\n") and "…" not in body
    # The form needs the script to send anything, so without it there is none to fill in for nothing.
    assert page.locator("[data-inquiry-form]").count() == 0
    context.close()


def add_from_card(page, product_id: str) -> None:
    page.locator(f'.vc-card__add[data-basket-add="{product_id}"]').first.click()


def test_a_product_without_a_photo_shows_its_price_on_a_phones_first_screen(browser, site):  # noqa: F811
    context = browser.new_context(viewport={"width": 390, "height": 844}, locale="zh-CN")
    page = context.new_page()
    page.goto(f"{site}zh/products/{OTHER_ID}/")
    assert page.locator(".vc-gallery img").count() == 0  # the crab has no photo
    band = page.locator(".vc-gallery .vc-placeholder").bounding_box()
    assert band["height"] <= band["width"] / 3  # a band saying so, not a box as tall as a photo
    first_fact = page.locator(".vc-facts dl > div").first.bounding_box()
    bar = page.locator("[data-stickybar]").bounding_box()
    assert first_fact["y"] + first_fact["height"] <= bar["y"]  # above the sticky inquiry bar, without scrolling
    context.close()


@pytest.mark.parametrize("width", [360, 390])
def test_the_phones_inquiry_bar_never_hides_the_end_of_the_page(browser, site, width):  # noqa: F811
    """The sticky bar's two buttons wrap to two lines at most in every language ("Tambah ke daftar
    permintaan" is the longest), and the bar fits the room the page keeps for it below its footer."""
    context = browser.new_context(viewport={"width": width, "height": 844})
    page = context.new_page()
    for lang in ("id", "en", "zh"):
        page.goto(f"{site}{lang}/products/{PRODUCT_ID}/")
        page.wait_for_selector(".vc-stickybar [data-basket-add]:not([hidden])")
        page.evaluate("window.scrollTo(0, document.documentElement.scrollHeight)")
        bar, buttons, last = page.evaluate("""() => {
            const words = [...document.querySelectorAll('.md-content *, .md-footer *')].filter(e =>
                !e.closest('[data-stickybar]') && e.offsetParent !== null && [...e.childNodes].some(n => n.nodeType === 3 && n.textContent.trim()));
            return [document.querySelector('[data-stickybar]').getBoundingClientRect().top,
                    Array.from(document.querySelectorAll('[data-stickybar] .vc-button')).map(b => b.getBoundingClientRect().height),
                    Math.max(...words.map(e => e.getBoundingClientRect().bottom))]; }""")
        assert len(buttons) == 2, lang
        # Scrolled to the end, the last words of the page (the footer's note that prices are indicative) stand above the bar.
        assert last <= bar, f"{lang}: the page's last words end at {last} px, the bar starts at {bar} px"
    context.close()


def test_the_search_hint_fits_a_phones_search_box(browser, site):  # noqa: F811
    context = browser.new_context(viewport={"width": 360, "height": 800})
    page = context.new_page()
    for lang in ("id", "en", "zh"):
        page.goto(f"{site}{lang}/")
        hint, width, room = page.evaluate("""() => {
            const box = document.querySelector('input[placeholder]'), style = getComputedStyle(box);
            const ruler = document.createElement('canvas').getContext('2d');
            ruler.font = `${style.fontWeight} ${style.fontSize} ${style.fontFamily}`;
            return [box.placeholder, ruler.measureText(box.placeholder).width,
                    box.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight)]; }""")
        assert hint and width <= room, f"{lang}: “{hint}” is {width:.0f} px in a box of {room:.0f} px"
    context.close()


@pytest.mark.parametrize("lang", ["zh"])
def test_the_inquiry_list_asks_what_a_product_form_asks_but_the_quantity(page, site, lang):
    """One form markup (_inquiry_form.html.j2) in both places: the list's quantities are per product instead."""
    fields = """form => Array.from(form.querySelectorAll('[name]')).map(f => [f.name, f.value && f.type === 'checkbox' ? f.value : '',
      f.placeholder || '', f.labels && f.labels.length ? f.labels[0].textContent.trim() : ''])"""
    page.goto(f"{site}{lang}/products/{PRODUCT_ID}/")
    page.wait_for_selector(".vc-inquiry [data-inquiry-form]")
    product = page.locator(".vc-inquiry [data-inquiry-form]").evaluate(fields)
    page.goto(f"{site}{lang}/inquiry/")
    listed = page.locator("[data-inquiry-list] [data-inquiry-form]").evaluate(fields)
    # Names, checkbox values, examples (placeholders) and labels, in order.
    assert [f for f in product if f[0] not in ("quantity", "unit")] == listed
    terms = page.locator("[data-inquiry-list] #q-incoterm option").evaluate_all("options => options.map(o => o.value)")
    assert len(terms) > 3 and terms[0] == ""  # every Incoterm, then "other"


def test_the_inquiry_list_sends_one_message_per_contact_with_each_quantity(browser, site):  # noqa: F811
    context = browser.new_context(viewport={"width": 390, "height": 844}, locale="en-US")
    page = context.new_page()
    # Added on English pages: two products from the agent's province, one a container from the dealer's.
    page.goto(f"{site}en/products/")
    add_from_card(page, PRODUCT_ID)
    add_from_card(page, CONTAINER)
    page.goto(f"{site}en/products/{OTHER_ID}/")
    page.locator(".vc-facts__actions [data-basket-add]").click()
    assert page.locator(".vc-facts__actions [data-basket-add]").get_attribute("aria-pressed") == "true"
    zh = {}  # each product's Chinese name, as its Chinese page names it
    for product in (PRODUCT_ID, OTHER_ID, CONTAINER):
        page.goto(f"{site}zh/products/{product}/")
        zh[product] = page.locator("[data-inquiry]").get_attribute("data-name")
    assert all(re.search("[\u4e00-\u9fff]", name) for name in zh.values()), zh
    # Read on the Chinese list page: the list is kept in the browser, shared across languages, and names the
    # products as that page's language does, though they were added on English pages.
    page.goto(f"{site}zh/inquiry/")
    rows = page.locator(".vc-basket__item")
    assert rows.count() == 3
    page.wait_for_function("names => [...document.querySelectorAll('.vc-basket__item a')].every(a => names.includes(a.textContent))",
                           arg=list(zh.values()))
    assert page.locator(".md-tabs__link").filter(has_text="询价单").text_content().strip() == "询价单 (3)"
    quantities = {PRODUCT_ID: ("800", "kg"), OTHER_ID: ("2", "tonne"), CONTAINER: ("3", "container-20ft")}
    for index in range(3):
        row = rows.nth(index)
        product = row.locator("a").get_attribute("href").rstrip("/").rsplit("/", 1)[1]
        amount, unit = quantities[product]
        row.locator("input").fill(amount)
        row.locator("select").select_option(unit)
        units = row.locator("select option").evaluate_all("options => options.map(o => o.value)")
        assert "litre" not in units and "container-20ft" in units  # no litres of crab
        containers = [u.startswith("container") for u in units]
        assert containers == sorted(containers)  # as on the product's page: its own family, then containers
    page.fill("#q-destination", "上海")
    page.fill("#q-message", MESSAGE)
    groups = page.locator(".vc-send-group")
    assert groups.count() == 2
    # Whom each message goes to, about how many products, and the number WhatsApp will open.
    assert page.locator("[data-send-several]").text_content() == "这些产品由 2 个不同的联系人负责：请分别发送下面的 2 条询价。"
    headers = sorted(groups.locator(".vc-send-group__to").all_text_contents())
    assert headers == ["发送给 Agen Palu · 2 件产品", "发送给 Dealer Uji · 1 件产品"], headers
    numbers = groups.locator('[data-show="whatsapp_display"]').all_text_contents()
    assert all(re.fullmatch(r"\+62 8\d\d-\d{4}-\d{4}", number) for number in numbers), numbers
    messages = {}
    for index in range(2):
        href = groups.nth(index).locator('[data-send="email"]').get_attribute("href")
        address, mail = query_parts(href)
        messages[address.removeprefix("mailto:")] = mail["body"].replace("\r\n", "\n")
    assert set(messages) == {AGENT_EMAIL, DEALER_EMAIL}
    agent, dealer = messages[AGENT_EMAIL], messages[DEALER_EMAIL]
    kg, tonne, container = (page.locator(f'.vc-basket__item select option[value="{key}"]').first.inner_text()
                            for key in ("kg", "tonne", "container-20ft"))
    assert f"1. {zh[PRODUCT_ID]} ({PRODUCT_ID}) — 800 {kg}\n   {site}zh/products/{PRODUCT_ID}/" in agent
    assert f"2. {zh[OTHER_ID]} ({OTHER_ID}) — 2 {tonne}\n   {site}zh/products/{OTHER_ID}/" in agent
    assert CONTAINER not in agent and PRODUCT_ID not in dealer
    assert f"1. {zh[CONTAINER]} ({CONTAINER}) — 3 × {container}\n" in dealer
    for body in (agent, dealer):
        assert "数量 (Quantity)" not in body  # each product's quantity is on its own line, not asked again below
        assert "\n目的国和港口 (Destination country and port): 上海\n" in body
        assert f"\n{MESSAGE}\n" in body
    # Removing a product takes it out of the list and its message.
    rows.filter(has=page.locator(f'a[href$="/{CONTAINER}/"]')).locator("button").click()
    assert page.locator(".vc-send-group").count() == 1 and rows.count() == 2
    context.close()


def test_what_the_buyer_wrote_on_a_product_page_goes_to_the_inquiry_list(browser, site):  # noqa: F811
    """The product's quantity goes with it into the list; the rest of the form (who, where, documents, the
    message) is the list form's start, and a reload or another language's list keeps it."""
    context = browser.new_context(viewport={"width": 390, "height": 844}, locale="zh-CN")
    page = context.new_page()
    page.goto(f"{site}zh/products/{OTHER_ID}/")
    page.fill("#q-quantity", "12")
    page.select_option("#q-unit", "tonne")
    page.fill("#q-destination", "上海")
    page.fill("#q-company", "上海海鲜贸易有限公司")
    page.fill("#q-reply", "buyer@example.cn")
    page.locator('input[name="documents"]').first.check()
    page.fill("#q-message", MESSAGE)
    page.locator(".vc-stickybar [data-basket-add]").click()
    for url in (f"{site}zh/inquiry/", f"{site}zh/inquiry/", f"{site}en/inquiry/"):  # the second time: a reload
        page.goto(url)
        row = page.locator(".vc-basket__item")
        assert row.count() == 1
        assert row.locator("input").input_value() == "12" and row.locator("select").input_value() == "tonne"
        assert page.input_value("#q-destination") == "上海" and page.input_value("#q-company") == "上海海鲜贸易有限公司"
        assert page.input_value("#q-reply") == "buyer@example.cn" and page.input_value("#q-message") == MESSAGE
        checked = page.locator('input[name="documents"]').evaluate_all("boxes => boxes.map(box => box.checked)")
        assert checked[0] and not any(checked[1:])  # the same document, named in the page's language
        wechat = page.locator('.vc-send-group [data-show="wechat"]').first
        assert wechat.text_content() == ("微信号: AgenPalu" if "/zh/" in url else "WeChat ID: AgenPalu")  # the crab's agent
        # "Reply by" was chosen on a Chinese page; the English one keeps a choice of its own, never none.
        assert page.locator("#q-reply-via").input_value() != ""
        body = query_parts(page.locator('.vc-send-group [data-send="email"]').first.get_attribute("href"))[1]["body"]
        assert f"({OTHER_ID}) — 12 " in body and "上海海鲜贸易有限公司" in body and "buyer@example.cn" in body
    context.close()


def test_a_price_tiers_quantity_stays_on_one_line_on_a_phone(browser, site):  # noqa: F811
    """"1,000 公斤起" broken before 起 reads as two facts."""
    context = browser.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    for lang in LANGS:
        page.goto(f"{site}{lang}/products/{PRODUCT_ID}/")
        lines = page.locator("table.vc-prices th").evaluate_all("""cells => cells.map(cell => {
            const range = document.createRange(); range.selectNodeContents(cell);
            return new Set([...range.getClientRects()].map(r => Math.round(r.top))).size; })""")
        assert lines and set(lines) == {1}, (lang, lines)
    context.close()


def test_a_target_price_stays_with_the_product_it_was_written_for(browser, site):  # noqa: F811
    """A target price typed on the moringa's page goes into the list with the moringa, not into the list's
    form, where it would read as the price asked for every product."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="en-US")
    page = context.new_page()
    page.goto(f"{site}en/products/{PRODUCT_ID}/")
    page.fill("#q-target-price", "US$5.00/kg CIF")
    page.fill("#q-company", "Harbour Foods Ltd")
    page.locator(".vc-facts__actions [data-basket-add]").click()
    page.goto(f"{site}en/products/{OTHER_ID}/")
    page.locator(".vc-facts__actions [data-basket-add]").click()
    page.goto(f"{site}en/inquiry/")
    assert page.input_value("#q-target-price") == "" and page.input_value("#q-company") == "Harbour Foods Ltd"
    assert page.locator("[data-send-several]").is_hidden()  # both go to the same agent: one message, nothing to warn of
    bodies = [query_parts(link.get_attribute("href"))[1]["body"] for link in page.locator('.vc-send-group [data-send="email"]').all()]
    kelor = next(body for body in bodies if f"({PRODUCT_ID})" in body)
    assert f"({PRODUCT_ID})\r\n   Target price: US$5.00/kg CIF\r\n" in kelor
    assert all("US$5.00" not in body.split(f"({OTHER_ID})")[1].split("\r\n\r\n")[0] for body in bodies if f"({OTHER_ID})" in body)
    context.close()


def test_the_buyer_can_clear_what_the_inquiry_list_keeps_of_them(browser, site):  # noqa: F811
    """On a shared computer: the list's form says its details stay in this browser, and one button forgets
    them, for good (a reload brings nothing back) and in every language; the products stay in the list."""
    context = browser.new_context(viewport={"width": 390, "height": 844}, locale="zh-CN")
    page = context.new_page()
    page.goto(f"{site}zh/products/{OTHER_ID}/")
    page.fill("#q-company", "上海海鲜贸易有限公司")
    page.fill("#q-reply", "buyer@example.cn")
    page.locator('input[name="documents"]').first.check()
    page.locator(".vc-stickybar [data-basket-add]").click()
    page.goto(f"{site}zh/inquiry/")
    assert page.input_value("#q-reply") == "buyer@example.cn"
    assert page.locator(".vc-draft").text_content().startswith("您填写的内容只保存在本浏览器中")
    page.get_by_role("button", name="清除我填写的内容").click()
    assert page.input_value("#q-reply") == "" and page.input_value("#q-company") == ""
    assert not any(page.locator('input[name="documents"]').evaluate_all("boxes => boxes.map(box => box.checked)"))
    body = query_parts(page.locator('.vc-send-group [data-send="email"]').first.get_attribute("href"))[1]["body"]
    assert "buyer@example.cn" not in body and "上海海鲜贸易有限公司" not in body
    assert page.evaluate("localStorage.getItem('vc-inquiry-draft')") is None
    for url in (f"{site}zh/inquiry/", f"{site}en/inquiry/"):
        page.goto(url)
        assert page.input_value("#q-reply") == "" and page.input_value("#q-company") == ""
        assert page.locator(".vc-basket__item").count() == 1  # the list itself is kept
    context.close()


@pytest.mark.parametrize(("lang", "said"), [
    ("en", "Below the minimum order of 2 tonnes: "), ("zh", "低于最小起订量 2 吨："), ("id", "Di bawah pesanan minimum 2 ton: ")])
def test_the_quote_form_says_when_the_buyer_asks_for_less_than_the_minimum_order(page, site, lang, said):
    page.goto(f"{site}{lang}/products/{OTHER_ID}/")  # the crab: 2 tonnes at least
    note = page.locator(".vc-inquiry [data-moq-note]")
    for quantity, unit, below in (("1", "tonne", True), ("1999", "kg", True), ("2000", "kg", False), ("3", "tonne", False),
                                  ("1", "container-20ft", False), ("", "tonne", False)):
        page.select_option("#q-unit", unit)
        page.fill("#q-quantity", quantity)
        assert note.is_visible() == below, (quantity, unit)
        if below:
            assert note.text_content().startswith(said)
    # Said, never blocking: the links still carry what the buyer asked for.
    page.fill("#q-quantity", "1")
    page.select_option("#q-unit", "tonne")
    assert "1 " in query_parts(page.locator('.vc-inquiry [data-send="email"]').get_attribute("href"))[1]["body"]


def test_the_quote_form_says_when_a_reply_address_could_not_be_used(page, site):
    page.goto(f"{site}en/products/{PRODUCT_ID}/")
    note = page.locator(".vc-inquiry [data-reply-note]")
    via = page.locator("#q-reply-via option").evaluate_all("options => options.map(o => o.value)")  # e-mail, WeChat, WhatsApp
    for chosen, written, said in ((via[0], "测试", "That is not an e-mail address yet"), (via[0], "buyer@example.cn", None),
                                  (via[2], "0812 3456 7890", "A WhatsApp number starts with +"), (via[2], "+86 138 0013 8000", None),
                                  (via[1], "shanghai_seafood", None)):  # a WeChat id has no shape to check
        page.select_option("#q-reply-via", chosen)
        page.fill("#q-reply", written)
        page.locator("#q-reply").blur()  # said once the buyer leaves the field, not while typing
        assert note.is_visible() == (said is not None), (chosen, written)
        if said:
            assert note.text_content().startswith(said)
    # Said, never blocking: the links carry what the buyer wrote.
    page.select_option("#q-reply-via", via[0])
    page.fill("#q-reply", "测试")
    assert "测试" in query_parts(page.locator('.vc-inquiry [data-send="email"]').get_attribute("href"))[1]["body"]


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
    qr = page.locator(".vc-wechat img.vc-qr")
    assert decode_qr(qr, tmp_path) == ["https://u.wechat.com/AgenPaluTest"]
    assert qr.evaluate("img => img.naturalWidth") >= 148  # quiet zone of four modules included


def test_without_a_contact_link_the_wechat_id_is_shown_with_how_to_find_it_and_no_qr(page, site):
    page.goto(f"{site}en/contact/")
    dealer = page.locator(".vc-contact-card").first
    assert dealer.locator("img.vc-qr").count() == 0
    assert "DealerUji" in dealer.inner_text() and "search the ID" in dealer.inner_text()


def test_every_link_that_leaves_the_site_opens_a_new_tab_without_referrer(page, site):
    for url in (f"en/products/{PRODUCT_ID}/", "en/contact/", "zh/products/" + PRODUCT_ID + "/"):
        page.goto(f"{site}{url}")
        leaving = page.locator('a[href^="http"]').evaluate_all(
            "links => links.filter(a => new URL(a.href).origin !== location.origin)"
            ".map(a => [a.href, a.target, a.rel])")
        assert leaving, url
        assert [link for link in leaving if link[1:] != ["_blank", "noopener noreferrer"]] == [], url


def test_the_certificate_is_a_clean_pdf_with_a_preview_and_the_gallery_switches_photos(page, site):
    import urllib.request

    page.goto(f"{site}en/products/{PRODUCT_ID}/")
    page.evaluate(LOAD_EVERY_IMAGE)
    certificate = page.locator(".vc-doc a[download]")
    assert "PDF, 1 p." in certificate.inner_text()
    pdf = urllib.request.urlopen(certificate.evaluate("a => a.href")).read()
    assert pdf.startswith(b"%PDF-") and b"/JavaScript" not in pdf
    assert page.locator(".vc-doc__thumb img").evaluate("img => img.naturalWidth") > 0
    main = page.locator(".vc-gallery__main img")
    first = main.get_attribute("src")
    page.locator(".vc-gallery__thumb-link").nth(1).click()
    assert main.get_attribute("src") != first and main.get_attribute("alt") == "25 kg bags ready to ship"


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
    page.goto(f"{site}zh/products/?category=seafood")
    assert page.locator(".vc-filters__count").text_content() == "显示 1 个产品"  # Chinese has one form
    page.goto(f"{site}en/products/?category=seafood")
    page.reload()
    assert page.locator("#f-category").input_value() == "seafood"
    assert card(page, PRODUCT_ID).is_hidden()
    assert card(page, OTHER_ID).is_visible()
    page.locator("form[data-filters] button[type=reset]").click()
    page.wait_for_function("!location.search")
    assert card(page, PRODUCT_ID).is_visible()


@pytest.mark.parametrize(("amount", "unit", "shown"), [
    ("1000", "kg", {PRODUCT_ID}),                # 500 kg qualifies; 2 tonnes and a container do not
    ("3", "tonne", {PRODUCT_ID, OTHER_ID}),      # 500 kg and 2 tonnes, compared in kg
    ("1", "container-20ft", {CONTAINER}),        # containers only against containers
    ("100", "kg", set()),
])
def test_the_moq_filter_compares_within_a_unit_family(page, site, amount, unit, shown):
    page.goto(f"{site}en/products/")
    page.fill("#f-moq", amount)
    page.select_option('select[name="moq_unit"]', unit)
    visible = {product for product in (PRODUCT_ID, OTHER_ID, CONTAINER) if card(page, product).is_visible()}
    assert visible == shown
    # The live count speaks English's plural forms: "1 product shown", "2 products shown", "0 products shown".
    expected = f"{len(shown)} product{'' if len(shown) == 1 else 's'} shown"
    assert page.locator(".vc-filters__count").text_content() == expected
    assert page.locator("[data-no-results]").is_visible() == (not shown)
    page.reload()  # the filter is in the address, so a shared link shows the same products
    assert {product for product in (PRODUCT_ID, OTHER_ID, CONTAINER) if card(page, product).is_visible()} == shown


def test_on_a_phone_the_filters_fold_away(browser, site):  # noqa: F811
    context = browser.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    page.goto(f"{site}en/products/")
    fold = page.locator("details.vc-filters-fold")
    assert fold.is_visible() and fold.get_attribute("open") is None
    assert page.locator("#f-category").is_hidden()
    fold.locator("summary").click()
    assert page.locator("#f-category").is_visible()
    context.close()


def test_listing_without_javascript_shows_every_card_and_no_filters(browser, site):  # noqa: F811
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{site}en/products/?category=seafood")
    assert page.locator("form[data-filters]").is_hidden()
    assert card(page, PRODUCT_ID).is_visible() and card(page, OTHER_ID).is_visible()
    context.close()


@pytest.fixture(scope="module")
def long_site(tmp_path_factory) -> str:
    """The same catalog with one card a listing: the all-products page keeps its other two products in rows.json."""
    import generator.views as views

    require_chromium()
    root = write_catalog(tmp_path_factory.mktemp("long") / "catalog", trade_files(), with_theme=True)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(views, "LISTING_CARDS", 1)
        issues = build_site(root, out=None, today=TODAY)
    assert [i for i in issues if i.severity is not Severity.INFO] == []
    with serve_directory(root / "site") as base:
        yield base


def row(page, product_id: str):
    return page.locator(f'.vc-row:has(a[href="{product_id}/"])')


def test_the_all_products_page_fetches_the_rest_only_when_a_buyer_filters_or_asks(page, long_site):
    # By name, "Bulk dried moringa leaves" is the card; "Live mud crab" and "Moringa leaf powder" are in rows.json.
    fetched: list[str] = []
    page.on("request", lambda request: fetched.append(path_of(request.url)) if request.url.endswith(".json") else None)
    page.goto(f"{long_site}en/products/")
    assert page.locator(".vc-filters__count").text_content() == "3 products shown"
    assert page.locator(".vc-row").count() == 0 and fetched == []
    page.select_option("#f-category", "seafood")
    page.wait_for_selector(".vc-row")
    assert row(page, OTHER_ID).is_visible() and row(page, PRODUCT_ID).is_hidden() and card(page, CONTAINER).is_hidden()
    assert page.locator(".vc-filters__count").text_content() == "1 product shown"
    assert fetched == ["/en/products/rows.json"]
    page.select_option("#f-category", "moringa")  # the rows are there now: nothing more is fetched
    assert row(page, PRODUCT_ID).is_visible() and row(page, OTHER_ID).is_hidden() and card(page, CONTAINER).is_visible()
    assert page.locator(".vc-filters__count").text_content() == "2 products shown" and len(fetched) == 1
    row(page, PRODUCT_ID).locator("a").click()
    page.wait_for_url(f"**/en/products/{PRODUCT_ID}/")

    # A shared link with a filter fetches them at once; a buyer without one asks with the button.
    page.goto(f"{long_site}en/products/?category=seafood")
    page.wait_for_selector(".vc-row")
    assert row(page, OTHER_ID).is_visible() and card(page, CONTAINER).is_hidden()
    page.goto(f"{long_site}zh/products/")
    page.get_by_role("button", name="显示其余 2 个产品").click()
    page.wait_for_selector(".vc-row")
    assert page.locator(".vc-row a").all_text_contents() == ["散装辣木干叶", "鲜活青蟹"]  # by pinyin: la, san, xian
    assert page.locator("[data-rows-show]").count() == 0
    assert page.locator(".vc-filters__count").text_content() == "显示 3 个产品"


def test_when_the_rest_cannot_be_fetched_the_cards_are_filtered_alone_and_the_categories_stay(page, long_site):
    # Offline, or a pull request's preview opened from disk (no fetch from file://).
    page.route("**/rows.json", lambda route: route.abort())
    page.goto(f"{long_site}en/products/?category=moringa")
    page.wait_for_function("document.querySelector('.vc-filters__count').textContent !== ''")
    assert page.locator(".vc-filters__count").text_content() == "1 product shown"
    assert card(page, CONTAINER).is_visible() and page.locator(".vc-row").count() == 0
    page.locator(".vc-more a", has_text="Moringa").click()
    page.wait_for_url("**/en/categories/moringa/")


def test_without_javascript_the_categories_lead_to_the_rest(browser, long_site):  # noqa: F811
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{long_site}en/products/")
    assert page.locator("[data-rows-show]").is_hidden()
    assert page.locator(".vc-more p").first.text_content() == "2 more products. Every category:"
    page.locator(".vc-more a", has_text="Seafood").click()
    page.wait_for_url("**/en/categories/seafood/")
    assert card(page, OTHER_ID).is_visible()
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
    page.wait_for_selector(".vc-search__link", timeout=15_000)
    assert page.locator(".vc-search__link").count() >= 1
    found += violations(page)
    # The quote form rewrites the links as the buyer types; the inquiry list draws itself.
    page.goto(f"{site}{lang}/products/{PRODUCT_ID}/")
    email = page.locator('.vc-inquiry [data-send="email"]')
    before = email.get_attribute("href")
    page.fill("#q-quantity", "750")
    assert email.get_attribute("href") != before
    page.locator(".vc-stickybar [data-basket-add]").click()
    found += violations(page)
    page.goto(f"{site}{lang}/inquiry/")
    assert page.locator(".vc-basket__item").count() == 1
    found += violations(page)
    page.goto(f"{site}{lang}/products/{PRODUCT_ID}/")
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


PRINTED = {"id": ("Dicetak: ", "2 Desember 2026"), "en": ("Printed: ", "December 2, 2026"), "zh": ("打印日期：", "2026年12月2日")}
SAMPLE_NOTICE = {"id": "Data contoh", "en": "Sample data", "zh": "示例数据"}


def pdf_text(pdf: bytes, tmp_path) -> str:
    """The PDF's text as poppler's pdftotext reads it, in reading order (the PDF a buyer would print)."""
    import shutil
    import subprocess

    if shutil.which("pdftotext") is None:
        pytest.fail("pdftotext is missing: install Debian's poppler-utils (.ci/run does)", pytrace=False)
    path = tmp_path / "sheet.pdf"
    path.write_bytes(pdf)
    return subprocess.run(["pdftotext", "-enc", "UTF-8", str(path), "-"], capture_output=True, text=True, check=True).stdout


@pytest.mark.parametrize("lang", LANGS)
def test_product_prints_as_one_page_spec_sheet(page, site, lang, tmp_path):
    # The print date is the browser's today (catalog.js): a fixed clock, never the machine's.
    page.clock.set_fixed_time("2026-12-02T09:00:00Z")
    page.goto(f"{site}{lang}/products/{PRODUCT_ID}/")
    page.emulate_media(media="print")
    assert page.locator(".vc-inquiry__form").is_hidden()
    assert page.locator(".md-header").is_hidden()
    print_url = page.locator(".vc-print-url")
    assert print_url.is_visible()
    assert PAGE_URL.format(lang=lang) in print_url.inner_text()
    # Paper has no buttons: the addresses themselves, and the WeChat code to scan.
    contact = page.locator(".vc-print-contact")
    assert contact.is_visible() and AGENT_EMAIL in contact.inner_text() and "+62 813-4100-5678" in contact.inner_text()
    assert page.locator(".vc-send").is_hidden() and page.locator(".vc-wechat img.vc-qr").is_visible()
    pdf = page.pdf(format="A4", print_background=True)
    assert pdf_pages(pdf) == 1
    # On paper too: a sample is marked as one, whose sheet it is and how to reach them, and the day it was printed.
    text = " ".join(pdf_text(pdf, tmp_path).split())
    assert SAMPLE_NOTICE[lang] in text
    assert "PT Dealer Uji Ekspor" in text and "NIB 9120001234567" in text
    assert DEALER_EMAIL in text and "+62 811-4500-1234" in text
    label, date = PRINTED[lang]
    assert f"{label}{date}" in text
    (SCREENSHOTS / f"{lang}-print.pdf").parent.mkdir(exist_ok=True)
    (SCREENSHOTS / f"{lang}-print.pdf").write_bytes(pdf)
