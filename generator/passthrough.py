"""A Markdown extension that hands the generator's page bodies to MkDocs without parsing them again.

Every generated page body is one raw HTML block (``<div id="vc-content" …>…</div>``, see render.py).
Python-Markdown would keep that block verbatim anyway, but only after feeding it through Python's
``html.parser`` twice (its own raw-HTML preprocessor and MkDocs' anchor scan): two thirds of MkDocs' time
on a catalog page. This preprocessor stashes such a body whole before either runs, so the output is the
same bytes, made in a fraction of the time. Documents that are not one generated block are left alone.
Without the extension (another Markdown engine, Zensical) the site is identical, only slower to build.
"""

from __future__ import annotations

from markdown import Extension, Markdown
from markdown.preprocessors import Preprocessor

BODY_START = '<div id="vc-content"'
BODY_END = "</div>"
# After normalize_whitespace (30), before MkDocs' anchor scan (21) and Python-Markdown's html_block (20).
PRIORITY = 25


class GeneratedBodyPreprocessor(Preprocessor):
    """Stash a document that is exactly one generated HTML block; pass anything else through."""

    def run(self, lines: list[str]) -> list[str]:
        text = "\n".join(lines).strip("\n")
        if not is_generated_body(text):
            return lines
        return [self.md.htmlStash.store(text)]


def is_generated_body(text: str) -> bool:
    """Whether ``text`` (after Python-Markdown's whitespace preprocessor) is one generated block, passed whole."""
    return text.startswith(BODY_START) and text.endswith(BODY_END) and "\n\n" not in text


class PassthroughExtension(Extension):
    """Registers the preprocessor."""

    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802 - Python-Markdown's name
        md.preprocessors.register(GeneratedBodyPreprocessor(md), "vc_generated_body", PRIORITY)


def makeExtension(**kwargs: object) -> PassthroughExtension:  # noqa: N802 - Python-Markdown's entry point
    """The entry point Python-Markdown calls for ``generator.passthrough`` in markdown_extensions."""
    return PassthroughExtension(**kwargs)
