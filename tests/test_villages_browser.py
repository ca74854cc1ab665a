"""The village-code finder in a real headless Chromium: typing a name shows the code, the button copies it.

The finder is the one the build writes into the sample site (conftest.sample_site, like `make build`), served
on 127.0.0.1 with the rest of the site.
Screenshots before and after a search, at 390 and 1280 px, land in screenshots/ (git-ignored).
"""

from __future__ import annotations

import json
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect

from browser_support import ROOT, require_axe, require_chromium, serve_directory
from generator import official
from generator.pages import VILLAGE_FINDER

pytestmark = [pytest.mark.browser]

SCREENSHOTS = ROOT / "screenshots"
RECORD_VIOLATIONS = """window.__violations = [];
document.addEventListener('securitypolicyviolation', e => window.__violations.push(
  e.violatedDirective + ' ' + (e.blockedURI || 'inline') + ' ' + location.pathname));"""
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


@pytest.fixture(scope="module")
def finder(sample_site) -> str:
    """The finder's address in the built sample site, on a local server."""
    require_chromium()
    with serve_directory(sample_site) as base:
        yield f"{base}{VILLAGE_FINDER}"


@pytest.fixture
def context(browser):  # noqa: F811 - pytest fixture injection
    """A phone-sized Indonesian browser that may read the clipboard and records policy violations."""
    context = browser.new_context(viewport={"width": 390, "height": 844}, locale="id-ID",
                                  permissions=["clipboard-read", "clipboard-write"])
    context.add_init_script(RECORD_VIOLATIONS)
    yield context
    context.close()


def open_finder(context, finder: str):
    page = context.new_page()
    page.goto(finder)
    page.locator("#vf-province option").nth(1).wait_for(state="attached")  # the index is in
    return page


def result(page, text: str):
    return page.locator(".vf-result", has_text=text)


@pytest.mark.parametrize("width", [390, 1280])
def test_typing_tanjung_padang_shows_its_code_and_copies_it(context, finder, width):
    requested: list[str] = []
    context.on("request", lambda request: requested.append(request.url))
    page = open_finder(context, finder)
    page.set_viewport_size({"width": width, "height": 900})
    SCREENSHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"village-finder-{width}-before.png"), full_page=True, animations="disabled")

    page.locator("#vf-q").press_sequentially("tanjung padang")
    sirenja = result(page, "Sirenja")
    sirenja.wait_for()
    assert sirenja.locator("h2").inner_text().startswith("Tanjung Padang")
    assert sirenja.locator("code").inner_text() == "72.03.11.2006"
    assert "Kecamatan Sirenja · Kabupaten Donggala · Provinsi Sulawesi Tengah" in sirenja.inner_text()
    assert result(page, "Tasik Putri Puyu").locator("code").inner_text() == "14.10.08.2001"  # the one in Riau
    assert page.locator("#vf-status").inner_text() == "2 desa/kelurahan ditemukan. 2 found."

    copy = sirenja.get_by_role("button", name="Salin · Copy 72.03.11.2006")
    copy.click()
    expect(page.locator("#vf-copied")).to_contain_text("72.03.11.2006")
    assert page.evaluate("navigator.clipboard.readText()") == "72.03.11.2006"
    assert copy.inner_text() == "Tersalin · Copied"
    page.screenshot(path=str(SCREENSHOTS / f"village-finder-{width}-after.png"), full_page=True, animations="disabled")

    assert page.evaluate("document.documentElement.scrollWidth") <= width
    assert page.evaluate("window.__violations") == []
    assert [u for u in requested if urlsplit(u).hostname != "127.0.0.1"] == []
    data = sorted(urlsplit(u).path.removeprefix(f"/{VILLAGE_FINDER}data/") for u in requested if "/data/" in u)
    # The index, the names files of what was typed so far (letter by letter), the two provinces' kecamatan.
    assert data[0] == "index.json" and {"kecamatan/14.json", "kecamatan/72.json"} <= set(data)
    assert all(path.startswith(("names/", "kecamatan/", "index.json")) for path in data) and len(data) <= 8


def test_the_search_works_from_the_keyboard_alone(context, finder):
    page = open_finder(context, finder)
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.className") == "vf-skip"
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "vf-q"
    page.keyboard.type("Desa Tanjung Padang")
    page.keyboard.press("Enter")
    result(page, "Sirenja").wait_for()
    for _ in range(8):  # past the search button and the narrowing switch, to the first result's button
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.classList.contains('vf-copy')"):
            break
    focused = page.evaluate("""() => { const e = document.activeElement; const s = getComputedStyle(e);
        return {code: e.dataset.code, outline: s.outlineStyle, width: parseFloat(s.outlineWidth)}; }""")
    assert focused["code"] == "14.10.08.2001" and focused["outline"] != "none" and focused["width"] >= 2
    page.keyboard.press("Enter")
    expect(page.locator("#vf-copied")).to_contain_text("14.10.08.2001")
    assert page.evaluate("navigator.clipboard.readText()") == "14.10.08.2001"
    assert page.evaluate("window.__violations") == []


def test_a_kelurahan_is_said_to_have_no_bumdes(context, finder):
    page = open_finder(context, finder)
    page.fill("#vf-q", "kelurahan besusu barat")
    besusu = result(page, "Besusu Barat")
    besusu.wait_for()
    assert "vf-result--kelurahan" in besusu.get_attribute("class")
    assert besusu.locator("code").inner_text() == "72.71.01.1004"
    assert besusu.locator(".vf-badge").text_content() == "Kelurahan · urban ward"
    assert "kelurahan tidak punya BUMDes" in besusu.locator(".vf-result__warning").inner_text()


def test_many_villages_of_one_name_are_narrowed_by_province_and_regency(context, finder):
    page = open_finder(context, finder)
    page.fill("#vf-q", "sukamaju")
    expect(page.locator(".vf-result")).to_have_count(50)
    assert "Pilih provinsi atau kabupaten" in page.locator("#vf-status").inner_text()
    assert page.locator("#vf-narrow").get_attribute("open") is not None
    page.select_option("#vf-province", "32")
    page.select_option("#vf-regency", "32.05")
    expect(page.locator(".vf-result code")).to_have_text(["32.05.13.2005", "32.05.19.2014", "32.05.37.2001"])
    assert page.locator("#vf-status").inner_text().startswith("3 desa/kelurahan ditemukan")
    # The search is in the address: a reload (or a shared link) shows the same.
    assert urlsplit(page.url).query == "q=sukamaju&provinsi=32&kabupaten=32.05"
    page.reload()
    expect(page.locator(".vf-result")).to_have_count(3)
    assert page.input_value("#vf-regency") == "32.05"


def test_a_short_beginning_asks_for_more_letters_and_an_unknown_name_says_so(context, finder):
    page = open_finder(context, finder)
    page.fill("#vf-q", "t")
    expect(page.locator("#vf-status")).to_contain_text("paling sedikit 2 huruf")
    page.fill("#vf-q", "su")  # "su" begins thousands of names: its file is split by the third letter
    expect(page.locator("#vf-status")).to_contain_text("Banyak nama desa diawali “su”: ketik satu huruf lagi.")
    assert page.locator(".vf-result").count() == 0
    page.fill("#vf-q", "ta")  # split too, but the kelurahan "Ta" and the desa "Watang Ta" end there
    expect(page.locator("#vf-status")).to_contain_text("2 desa/kelurahan ditemukan; ketik lebih banyak huruf")
    assert page.locator(".vf-result code").all_text_contents() == ["73.08.21.1002", "73.08.20.2016"]  # the same name first
    page.fill("#vf-q", "qxzvw")
    expect(page.locator("#vf-status")).to_contain_text("Tidak ada desa")
    assert page.locator(".vf-result").count() == 0


def test_the_page_in_javascript_and_python_compares_names_the_same_way(context, finder):
    page = open_finder(context, finder)
    names = sorted(set(official.village_names().values())) + [
        "Tánjung Pädang", "Ba’u", "  DESA  Pombewe ", "Nagari Tiku Selatan", "İstanbul", "Grong-Grong", "Kelurahan", "ǅemal"]
    # As one JSON text: Playwright takes ten times longer to hand over 60,000 little arrays.
    in_browser = json.loads(page.evaluate(
        "names => JSON.stringify(names.map(n => [window.villageFinder.nameWords(n), window.villageFinder.nameKeys(n)]))", names))
    differ = [(name, got) for name, got in zip(names, in_browser)
              if got != [official.name_words(name), official.name_keys(name)]]
    assert differ == []


def test_no_serious_accessibility_violation_before_and_after_a_search(browser, finder):  # noqa: F811
    axe = require_axe()
    # axe is injected as an inline script, which the page's policy (rightly) refuses: the test's tool is let through.
    context = browser.new_context(viewport={"width": 390, "height": 844}, locale="id-ID", bypass_csp=True)
    page = open_finder(context, finder)
    found = []
    for step in ("before", "after"):
        if step == "after":
            page.fill("#vf-q", "besusu")
            page.locator(".vf-result").first.wait_for()
        page.add_script_tag(path=str(axe))
        report = page.evaluate("tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", AXE_TAGS)
        found += [f"{step}: {v['impact']} {v['id']}: {v['help']} → {[n['target'] for n in v['nodes'][:3]]}"
                  for v in report["violations"] if v["impact"] in ("serious", "critical")]
    context.close()
    assert not found, "\n".join(found)


def test_the_finder_in_the_built_site_leads_back_to_the_catalog(context, finder):
    page = open_finder(context, finder)
    page.locator(".vf-header__home").click()
    # The root of the built site, whose language chooser sends an Indonesian browser on to the Indonesian home.
    page.wait_for_url("**/id/")
    assert urlsplit(page.url).path == "/id/"
    assert page.locator("html").get_attribute("lang") == "id"
