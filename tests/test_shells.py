"""Product and BUMDes pages filled into shells: the same bytes as MkDocs makes them, or no site at all."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from conftest import CONFIG, CRAB, K, TODAY, TRICKY_PRODUCT, jpeg_bytes
from generator.build import build_site
from generator.issues import Severity
from generator.render import SLOTS, slot_value
from generator.shells import BODY_TOKEN, Shell, ShellError, Shells, markdown_normalized, shell_front, split_shell

SLOT_TOKENS = {slot.name: slot.token for slot in SLOTS}

pytestmark = pytest.mark.slow

FRONT = {"title": "Crab &amp; Co", "description": "Fresh.", "hide": ["navigation", "toc"],
         "vc": {"og_type": "product", "og_image": None, "jsonld": '{"@type":"Product"}'}}


def catalog_files(extra: dict[str, str | bytes]) -> dict[str, str | bytes]:
    """The tricky catalog of the `site` fixture (escaping, a photo, two products), plus ``extra``."""
    return {
        K: TRICKY_PRODUCT,
        "products/bumdes-maju/kelor.jpg": jpeg_bytes((1400, 1000)),
        "products/bumdes-maju/kepiting-hidup.yml": CRAB,
        **extra,
    }


def every_file(site: Path) -> dict[str, bytes]:
    return {str(path.relative_to(site)): path.read_bytes() for path in sorted(site.rglob("*")) if path.is_file()}


@pytest.mark.parametrize("base_url", ["https://example.org/catalog/", "https://example.org/kat'a&log/désa/"])
def test_shells_make_the_same_site_as_mkdocs_page_by_page(make_catalog, monkeypatch, tmp_path: Path, base_url: str) -> None:
    # A tab in a description: Python-Markdown expands it, so the filled body must too. The product with a
    # photo has every per-page value, the crab without one shares its link-preview card instead.
    tabbed = CRAB.replace("id: kepiting-hidup", "id: kepiting-tab").replace(
        "  en: Organic moringa leaf powder.\n", '  en: "Claws\\tbound, **live** & \'fresh\'."\n')
    config = CONFIG.replace("base_url: https://example.org/catalog/", f'base_url: "{base_url}"')
    root = make_catalog(catalog_files({"products/bumdes-maju/kepiting-tab.yml": tabbed, "site_config.yml": config}), with_theme=True)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    issues = build_site(root, out=tmp_path / "filled", today=TODAY)
    assert [i.format("en") for i in issues if i.severity is not Severity.INFO] == []
    # The page cache would hand the second build the first one's pages: start it without.
    for cache in (root / ".cache" / "pages", root / ".build" / "search"):
        shutil.rmtree(cache)
    assert build_site(root, out=tmp_path / "mkdocs", today=TODAY, shells=False)[-1].severity is Severity.INFO
    filled, built = every_file(tmp_path / "filled"), every_file(tmp_path / "mkdocs")
    assert filled.keys() == built.keys()
    assert [name for name in filled if filled[name] != built[name]] == []
    # The comparison covered the pages shells make, with the text that is easiest to get wrong.
    page = filled["en/products/kelor-powder/index.html"].decode()
    assert "<title>Crab &amp; &#34;Co&#34; &#39;x&#39;" in page and "<script>alert" not in page
    assert "Claws   bound" in filled["en/products/kepiting-tab/index.html"].decode()
    assert "en/bumdes/bumdes-maju/index.html" in filled and "zh/categories/seafood/index.html" in filled
    assert [name for name in filled if name.startswith("id/regions/") and name.count("/") == 4]  # a regency page
    assert not [name for name in filled if "VCSHELL" in name or b"VCSLOT" in filled[name]]
    # Both kinds of product page, and the escaped base URL in the attributes a shell fills.
    assert b'property="og:image"' in filled["en/products/kelor-powder/index.html"]
    assert re.search(rb'property="og:image" content="[^"]+/media/[0-9a-f]{16}-card\.png"', filled["en/products/kepiting-hidup/index.html"])
    if "'" in base_url:
        assert b'content="https://example.org/kat&#39;a&amp;log/d\xc3\xa9sa/media/' in filled["en/products/kelor-powder/index.html"]


def test_a_shell_without_the_body_stops_the_build_and_keeps_the_previous_site(make_catalog) -> None:
    root = make_catalog(catalog_files({}), with_theme=True)
    assert build_site(root, out=None, today=TODAY)[-1].severity is Severity.INFO
    before = every_file(root / "site")
    # An override that drops the page content (as a careless theme change could).
    override = root / "theme" / "overrides" / "main.html"
    override.write_text(override.read_text(encoding="utf-8") + "\n{% block content %}{% endblock %}\n", encoding="utf-8")
    issues = build_site(root, out=None, today=TODAY)
    broken = [i for i in issues if i.code == "build.shell_broken"]
    assert broken and all(i.severity is Severity.ERROR for i in broken)
    assert "VCSLOTBODY" in broken[0].format("en") and "generator/shells.py" in broken[0].format("en")
    assert every_file(root / "site") == before


def test_a_front_matter_field_that_is_not_a_slot_is_never_copied_from_another_page() -> None:
    """A value added to the front matter later, not declared as a slot, splits pages into shells of their own."""
    shells = Shells()
    body = '<div id="vc-content">\n<h1>x</h1>\n</div>'
    shells.add("products/a/", {**FRONT, "vc": {**FRONT["vc"], "badge": "new"}}, body)
    shells.add("products/b/", {**FRONT, "vc": {**FRONT["vc"], "badge": "old"}}, body)
    shells.add("products/c/", {**FRONT, "vc": {**FRONT["vc"], "badge": "old"}}, body)
    fronts = [front for _, front, _ in shells.sources()]
    assert [front["vc"]["badge"] for front in fronts] == ["new", "old"]


def test_a_body_the_passthrough_would_not_pass_whole_is_left_to_mkdocs() -> None:
    shells = Shells()
    assert not shells.add("products/crab/", FRONT, '<div id="vc-content">\n<p>a</p>\n\n<p>b</p>\n</div>')
    assert shells.add("products/crab/", FRONT, '<div id="vc-content">\n<h1>Crab</h1>\n</div>')
    assert not shells.add("", FRONT, '<div id="vc-content">\n<p>home</p>\n</div>')
    # A body that is not one generated block goes through Python-Markdown, which changes it.
    assert not shells.add("products/crab/", FRONT, '<div class="other">\n<h1>Crab</h1>\n</div>')
    assert len(shells.sources()) == 1


def test_pages_with_different_values_present_get_different_shells() -> None:
    shells = Shells()
    body = '<div id="vc-content">\n<h1>x</h1>\n</div>'
    shells.add("products/a/", FRONT, body)
    shells.add("products/b/", FRONT, body)
    shells.add("products/c/", {**FRONT, "vc": {**FRONT["vc"], "og_image": "https://x/og.jpg"}}, body)
    shells.add("bumdes/d/", FRONT, body)
    shells.add("products/e/", FRONT, '<div id="vc-content">\n<p>no heading</p>\n</div>')
    sources = shells.sources()
    assert len(sources) == 4
    url, front, shell_body = sources[1]
    assert url.startswith("products/VCSHELL") and front["vc"]["og_image"] == SLOT_TOKENS["og_image"]
    assert front["title"] == SLOT_TOKENS["title"] and "Crab" not in str(front)
    assert sources[3][2] == BODY_TOKEN  # Material adds its own heading to a body without one


def test_a_shell_missing_a_value_it_should_show_is_refused() -> None:
    present = tuple(slot for slot in SLOTS if slot_value(FRONT, slot))
    shell = Shell(0, "products/", shell_front(FRONT, present), BODY_TOKEN, present)
    whole = (f"<title>{SLOT_TOKENS['title']}</title><meta content=\"{SLOT_TOKENS['description']}\">"
             f"<script>{SLOT_TOKENS['jsonld']}</script><a href=\"{shell.token}/\">{BODY_TOKEN}")
    assert split_shell(whole, shell)[1::2] == [SLOT_TOKENS["title"], SLOT_TOKENS["description"], SLOT_TOKENS["jsonld"], shell.token, BODY_TOKEN]
    with pytest.raises(ShellError, match="VCSLOTDESCRIPTION"):
        split_shell(whole.replace(SLOT_TOKENS["description"], "Fresh."), shell)
    with pytest.raises(ShellError):
        split_shell(whole + BODY_TOKEN, shell)


@pytest.mark.parametrize(("body", "expected"), [
    ("<p>a</p>\n<p>b</p>", "<p>a</p>\n<p>b</p>"),
    ("<p>a\tb</p>", "<p>a    b</p>"),
    ("<p>a\r\nb\x02</p>", "<p>a\nb</p>"),
])
def test_bodies_are_normalised_as_python_markdown_does(body: str, expected: str) -> None:
    import markdown

    assert markdown_normalized(body) == expected
    lines = markdown.preprocessors.NormalizeWhitespace(markdown.Markdown()).run(body.split("\n"))
    assert "\n".join(lines).strip("\n") == expected
