"""The pull-request preview: opened from disk every link reaches a file, and the run summary lists the pages
a change touched (compared with a build of the base)."""

from __future__ import annotations

import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from browser_support import require_chromium
from conftest import CRAB, K, PRODUCT, ROOT, TODAY, jpeg_bytes, write_catalog
from generator.build import build_site
from generator.issues import Severity
from generator.preview import PageChanges, compare_pages, disk_link, disk_page, make_preview, render_summary


class Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.links: list[str] = []

    def handle_starttag(self, tag, attrs):
        values = dict(attrs)
        for name in ("href", "src", "action"):
            if values.get(name) and not (tag == "link" and values.get("rel") in ("canonical", "alternate")):
                self.links.append(values[name])
        self.links += [part.strip().split(" ")[0] for part in (values.get("srcset") or "").split(",") if part.strip()]


def links_to_folders_or_nothing(site: Path) -> list[str]:
    """Relative links that a browser reading files from disk cannot open as a page: a folder, or nothing."""
    problems = []
    for page in sorted(site.rglob("*.html")):
        collector = Links()
        collector.feed(page.read_text(encoding="utf-8"))
        for link in collector.links:
            parts = urlsplit(link)
            if parts.scheme or link.startswith(("/", "#")) or not parts.path:
                continue
            target = (page.parent / unquote(parts.path)).resolve()
            if not target.is_file():
                problems.append(f"{page.relative_to(site)}: {link}")
    return problems


@pytest.mark.parametrize(("url", "expected"), [
    ("../kelor-powder/", "../kelor-powder/index.html"), ("./", "./index.html"), (".", "./index.html"), ("..", "../index.html"), ("../..", "../../index.html"),
    ("../?kategori=moringa#hasil", "../index.html?kategori=moringa#hasil"), ("products/x/#photos", "products/x/index.html#photos"),
    ("../assets/vc/catalog.css", None), ("#main", None), ("", None), ("/catalog/en/", None),
    ("https://example.org/catalog/en/", None), ("mailto:dealer@example.com", None), ("data:,", None), ("?q=1", None),
])
def test_a_link_to_a_folder_names_its_index_html(url, expected):
    assert disk_link(url) == expected


def test_only_link_attributes_change_never_a_script_or_the_rest_of_the_page():
    page = ('<!doctype html>\n<html><head><script>var a = "<a href=\'../x/\'>";</script></head>\u2028\n<body>'
            '<a class="c" href="../x/?a=1&amp;b=2">x</a> <form action="./"><a href=../y/ data-k="v">y</a>'
            '<img src="../m.webp" alt="../z/"></body></html>\n')
    assert disk_page(page) == page.replace('href="../x/?a=1&amp;b=2"', 'href="../x/index.html?a=1&amp;b=2"').replace(
        'action="./"', 'action="./index.html"').replace("href=../y/", 'href="../y/index.html"')


@pytest.fixture(scope="module")
def two_builds(tmp_path_factory) -> tuple[Path, Path, Path]:
    """A catalog built twice, before and after a pull request that renames one product and adds another."""
    root = tmp_path_factory.mktemp("preview") / "catalog"
    photo = {"products/bumdes-maju/kelor.jpg": jpeg_bytes((1200, 900))}
    with_photo = PRODUCT + "photos:\n  - {file: kelor.jpg, alt: {id: Bubuk kelor, en: Moringa powder}}\n"
    write_catalog(root, {K: with_photo, **photo}, with_theme=True)
    before = root.parent / "site-base"
    assert [i for i in build_site(root, out=before, today=TODAY) if i.severity is Severity.ERROR] == []
    write_catalog(root, {K: with_photo.replace("en: Moringa leaf powder", "en: Shade-dried moringa leaf"),
                         "products/bumdes-maju/kepiting-hidup.yml": CRAB, **photo}, with_theme=True)
    assert [i for i in build_site(root, out=None, today=TODAY) if i.severity is Severity.ERROR] == []
    return root, before, root / "site"


def test_every_link_of_the_preview_opens_a_file_while_the_site_keeps_folder_urls(two_builds, tmp_path):
    root, _, site = two_builds
    before = {path: path.read_bytes() for path in site.rglob("*.html")}
    preview = tmp_path / "preview"
    make_preview(site, preview, None)
    assert links_to_folders_or_nothing(site) != []  # what a downloaded site/ did: folders
    assert links_to_folders_or_nothing(preview) == []
    assert {path: path.read_bytes() for path in site.rglob("*.html")} == before  # the site to publish is untouched
    assert sorted(p.relative_to(preview) for p in preview.rglob("*")) == sorted(p.relative_to(site) for p in site.rglob("*"))


def test_the_summary_lists_the_pages_the_change_touched(two_builds, tmp_path):
    _, before, site = two_builds
    changes = compare_pages(before, site)
    assert changes.added == sorted(f"{lang}/{page}/" for lang in ("en", "id", "zh")
                                   for page in ("products/kepiting-hidup", "categories/seafood"))
    assert changes.removed == []
    # The renamed product's own pages, and the listings, BUMDes, category and region pages that show it.
    assert {f"{lang}/products/kelor-powder/" for lang in ("en", "id", "zh")} <= set(changes.changed)
    assert {"en/", "en/products/", "en/bumdes/bumdes-maju/", "en/categories/moringa/"} <= set(changes.changed)
    assert "id/about/" not in changes.changed and "kontributor/kode-desa/" not in changes.changed
    summary = make_preview(site, tmp_path / "preview", before)
    assert "### Halaman baru · New pages (6)\n\n- `en/categories/seafood/index.html`\n- `en/products/kepiting-hidup/index.html`\n" in summary
    assert "- `zh/products/kelor-powder/index.html`" in summary
    assert "Halaman dihapus" not in summary


def test_the_summary_says_when_nothing_changed_or_the_base_could_not_be_built():
    assert "Tidak ada halaman yang berubah. · No page changed." in render_summary(PageChanges(), 10)
    unknown = render_summary(None, 10)
    assert "could not be built, so the changed pages are unknown" in unknown and "###" not in unknown
    many = render_summary(PageChanges(changed=[f"en/products/p{i:03}/" for i in range(60)]), 200)
    assert "### Halaman berubah · Changed pages (60)" in many and "- … 10 lagi · more" in many
    assert many.count("\n- `") == 50


def test_the_command_writes_the_preview_and_appends_the_summary(two_builds, tmp_path):
    root, before, _ = two_builds
    summary = tmp_path / "summary.md"
    summary.write_text("earlier step\n", encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "generator", "--root", str(root), "preview", "--out", str(tmp_path / "p"),
                             "--before", str(before), "--summary", str(summary)], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    text = summary.read_text(encoding="utf-8")
    assert text.startswith("earlier step\n## Pratinjau situs · Site preview\n") and "kepiting-hidup" in text
    assert (tmp_path / "p" / "index.html").is_file()


@pytest.mark.browser
def test_chromium_opens_the_preview_from_disk_and_follows_it_to_a_product(browser, two_builds, tmp_path):
    require_chromium()
    _, _, site = two_builds
    preview = tmp_path / "preview"
    make_preview(site, preview, None)
    context = browser.new_context(locale="id-ID")
    page = context.new_page()
    page.goto((preview / "index.html").as_uri())
    page.wait_for_url("**/id/index.html")  # the language chooser's redirect names the file, too
    page.locator('.vc-card__link[href*="products/kelor-powder/"]').first.click()
    page.wait_for_url("**/id/products/kelor-powder/index.html")
    assert page.locator("h1").first.inner_text().startswith("Bubuk daun kelor")
    page.locator(".md-header__option .md-select > button").click()
    page.locator(".md-select__list").get_by_role("link", name="English", exact=True).click()
    page.wait_for_url("**/en/products/kelor-powder/index.html")
    assert page.locator("html").get_attribute("lang") == "en"
    # The inquiry list works from disk too: its tab counts, and its rows link to files, not folders.
    page.locator(".vc-facts__actions [data-basket-add]").click()
    page.goto((preview / "en" / "inquiry" / "index.html").as_uri())
    assert page.locator(".md-tabs__link").filter(has_text="Inquiry").first.text_content().strip().endswith("(1)")
    href = page.locator(".vc-basket__item a").first.get_attribute("href")
    assert href.endswith("/products/kelor-powder/index.html"), href
    context.close()
