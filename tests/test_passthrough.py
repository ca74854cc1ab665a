"""The Markdown extension that hands generated page bodies to MkDocs unparsed: same HTML, less work."""

from __future__ import annotations

from pathlib import Path

import markdown
import pytest

from conftest import TODAY
from generator.build import PHOTO_CACHE, BuildReport, check_catalog, process_images, render_language
from generator.catalog import build_catalog
from generator.kinds import plan_pages
from generator.passthrough import GeneratedBodyPreprocessor
from generator.render import PASSTHROUGH

pytestmark = pytest.mark.slow


def convert(text: str, *, passthrough: bool) -> tuple[str, int]:
    """HTML and the number of raw blocks Python-Markdown stashed."""
    md = markdown.Markdown(extensions=["attr_list", *([PASSTHROUGH] if passthrough else [])])
    html = md.convert(text)
    return html, md.htmlStash.html_counter


def body_of(source: str) -> str:
    """A generated Markdown source without its front matter, as MkDocs hands it to Python-Markdown."""
    return source.split("\n---\n", 1)[1]


@pytest.fixture(scope="module")
def docs(site: Path, tmp_path_factory) -> Path:
    """Every page's Markdown source in every language, as the build hands them to MkDocs (it deletes them after)."""
    root = site.parent
    catalog = build_catalog(check_catalog(root, today=TODAY), today=TODAY)
    media, _ = process_images(catalog, root / PHOTO_CACHE, BuildReport())
    out = tmp_path_factory.mktemp("records")
    for language in catalog.languages:
        render_language(catalog, media, plan_pages(catalog), language.code, root, out / "site", out / language.code)
    return root / ".build"


def test_every_generated_page_converts_to_the_same_html_with_and_without_the_extension(docs: Path) -> None:
    sources = sorted(docs.glob("*/docs/**/*.md"))
    assert len(sources) > 30
    for path in sources:
        text = body_of(path.read_text(encoding="utf-8"))
        plain, _ = convert(text, passthrough=False)
        fast, stashed = convert(text, passthrough=True)
        assert fast == plain, path
        # One stash entry: the whole body went through unparsed.
        assert stashed == 1, path


def test_the_tricky_catalog_text_stays_escaped_in_the_passed_through_body(docs: Path) -> None:
    page = (docs / "en" / "docs" / "products" / "kelor-powder" / "index.md").read_text(encoding="utf-8")
    html, _ = convert(body_of(page), passthrough=True)
    assert "<script>alert" not in html
    assert "Crab &amp; &#34;Co&#34; &#39;x&#39;" in html
    assert "&amp;lt;script&amp;gt;alert(1)" in html
    assert "{{7*7}}" in html


@pytest.mark.parametrize("text", [
    "# Title\n\nSome *Markdown* text.\n",
    '<div id="vc-content">\n<p>one</p>\n\n<p>*two*</p>\n</div>\n',
    '<div id="vc-content"><p>unfinished</p>\n',
    '<div class="other">\n<p>x</p>\n</div>\n',
])
def test_documents_that_are_not_one_generated_block_are_left_to_markdown(text: str) -> None:
    md = markdown.Markdown()
    assert GeneratedBodyPreprocessor(md).run(text.split("\n")) == text.split("\n")
    assert convert(text, passthrough=True) == convert(text, passthrough=False)
