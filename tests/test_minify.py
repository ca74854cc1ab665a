"""minify.py: built pages lose the indentation between tags and nothing a browser reads.

The proof is on real pages: the sample catalog built with and without the collapse, every page parsed and
compared (text, every tag and attribute in order, so every link, and the exact text of scripts, styles,
<pre> and <textarea>).
"""

from __future__ import annotations

import shutil
from html.parser import HTMLParser
from pathlib import Path

import pytest

from conftest import TODAY
from generator import build, render, shells
from generator.build import build_site
from generator.csp import policy_for
from generator.issues import Severity
from generator.minify import collapse_whitespace

ROOT = Path(__file__).resolve().parent.parent


class Dom(HTMLParser):
    """What a browser makes of a page: tags with their attributes, text, and verbatim element contents."""

    VERBATIM = {"pre", "textarea", "script", "style"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, list[tuple[str, str | None]]]] = []
        self.text: list[str] = []
        self.verbatim: list[str] = []
        self._open: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, attrs))
        if tag in self.VERBATIM:
            self._open.append(tag)
            self.verbatim.append("")

    def handle_endtag(self, tag):
        self.tags.append((f"/{tag}", []))
        if self._open and self._open[-1] == tag:
            self._open.pop()

    def handle_data(self, data):
        if self._open:
            self.verbatim[-1] += data
        else:
            self.text.append(data)

    @classmethod
    def of(cls, html: str) -> "Dom":
        dom = cls()
        dom.feed(html)
        dom.close()
        return dom

    def words(self) -> list[str]:
        """The text as a browser shows it outside <pre>: whitespace runs are one space."""
        return " ".join(self.text).split()

    def links(self) -> list[str]:
        return [value or "" for _, attrs in self.tags for name, value in attrs if name in ("href", "src", "srcset")]


# --- the rule ------------------------------------------------------------------------------------------


def test_indentation_between_tags_becomes_one_line_break():
    html = '<ul>\n    <li><a href="a/">A</a></li>\n\n    <li>B</li>\n  </ul>\n  <p>x</p>'
    assert collapse_whitespace(html) == '<ul>\n<li><a href="a/">A</a></li>\n<li>B</li>\n</ul>\n<p>x</p>'


@pytest.mark.parametrize("html", [
    "<pre>\n  <b>kept</b>\n    </pre>",
    "<textarea>\n   <i>\n   </textarea>",
    "<script>\n  if (a) {\n  }\n</script>",
    '<style>\n  a { }\n  </style>',
    "<p>two  words\n    inside text</p>",  # text whitespace: shown as one space already, and where a shell's tokens sit
    '<img alt="a\n   b">',
    "<b>a</b> <i>b</i>",  # a space between inline elements, no line break: it is shown
])
def test_what_a_browser_keeps_or_shows_is_left_as_it_is(html):
    assert collapse_whitespace(html) == html


def test_verbatim_elements_end_where_they_end():
    html = "<pre>x</pre>\n   <div>\n   </div>\n  <SCRIPT>\n  1\n</SCRIPT>\n  <p>"
    assert collapse_whitespace(html) == "<pre>x</pre>\n<div>\n</div>\n<SCRIPT>\n  1\n</SCRIPT>\n<p>"


def test_collapsing_twice_changes_nothing_more():
    html = "<div>\n  <p>a</p>\n\t\n  <pre> x\n  </pre>  \n  </div>"
    assert collapse_whitespace(collapse_whitespace(html)) == collapse_whitespace(html)


# --- real pages ----------------------------------------------------------------------------------------


def build_sample(target: Path) -> Path:
    """The repository's sample catalog built into ``target``; its site folder."""
    target.mkdir(parents=True)
    for name in ("products", "regions", "theme"):
        shutil.copytree(ROOT / name, target / name)
    shutil.copy(ROOT / "site_config.yml", target / "site_config.yml")
    issues = build_site(target, out=None, today=TODAY)
    assert [i.format("en") for i in issues if i.severity is Severity.ERROR] == []
    return target / "site"


@pytest.fixture(scope="module")
def both_ways(tmp_path_factory) -> tuple[Path, Path]:
    """The sample site as built, and as built before this module existed (the collapse a no-op)."""
    work = tmp_path_factory.mktemp("minify")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SOURCE_DATE_EPOCH", "1700000000")
        after = build_sample(work / "after")
        for module in (build, render, shells):  # language workers fork, so they inherit the patch
            patch.setattr(module, "collapse_whitespace", lambda html: html)
        before = build_sample(work / "before")
    return before, after


def test_every_page_reads_the_same_and_links_the_same(both_ways):
    before, after = both_ways
    pages = sorted(path.relative_to(before) for path in before.rglob("*.html") if "pagefind" not in path.parts)
    assert sorted(path.relative_to(after) for path in after.rglob("*.html") if "pagefind" not in path.parts) == pages
    assert len(pages) > 100 and Path("en/products/minyak-nilam/index.html") in pages
    for name in pages:
        old, new = Dom.of((before / name).read_text(encoding="utf-8")), Dom.of((after / name).read_text(encoding="utf-8"))
        assert new.words() == old.words(), name
        assert new.tags == old.tags, name  # every element and attribute, in order: every link, the policy too
        assert new.links() == old.links() and new.verbatim == old.verbatim, name


def test_pages_are_smaller_and_their_policy_still_matches_their_scripts(both_ways):
    before, after = both_ways
    product = "en/products/minyak-nilam/index.html"
    old, new = (before / product).read_text(encoding="utf-8"), (after / product).read_text(encoding="utf-8")
    assert len(new.encode()) < 0.95 * len(old.encode())
    for html in (new, (after / "index.html").read_text(encoding="utf-8"), (after / "en/404.html").read_text(encoding="utf-8")):
        assert f'content="{policy_for(html)}"' in html
    assert ">\n    <" not in new and ">\n\n" not in new  # Material's indentation between tags
