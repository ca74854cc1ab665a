"""Make a built page smaller without changing what a browser shows: indentation between tags goes.

Material's templates indent every tag; on a product page that is about a tenth of its bytes. A run of
whitespace with a line break between two tags becomes one line break: a browser renders either as the
same single space (or nothing, between blocks), so only text inside <pre>, <textarea>, <script> and
<style>, where whitespace is kept as written, is left alone. The rule reads HTML syntax only, never one
theme's markup, so it holds for any theme (Zensical's too). It is also local: whitespace inside text or
attribute values is never touched, so a page shell's tokens (shells.py) and the values put in their
place come out the same whichever is collapsed first, and a shell-made page equals the one MkDocs makes.

A full minifier (minify-html) took 15 % off instead of 8 %, but it unquotes attribute values, where the
shells' tokens sit, so it could only run on every finished page: ~0.6 ms of CPU each, 22 CPU-seconds of a
10,000-product build (docs/performance.md).
"""

from __future__ import annotations

import re

_VERBATIM = re.compile(r"<(pre|textarea|script|style)\b.*?</\1\s*>", re.IGNORECASE | re.DOTALL)
"""Elements whose text a browser keeps as written (script and style: the page's policy hashes them)."""
_BETWEEN_TAGS = re.compile(r">[ \t\r\n\f]*\n[ \t\r\n\f]*<")
"""Whitespace from the end of one tag to the start of the next. A '>' inside an attribute value would be
taken for a tag's end; nothing this site prints has one raw (markupsafe and Material write &gt;)."""


def collapse_whitespace(html: str) -> str:
    """``html`` with every whitespace run that holds a line break between two tags made one line break."""
    parts = []
    start = 0
    for kept in _VERBATIM.finditer(html):
        # The verbatim element's own '<' and the previous one's '>' bound the text between them.
        parts.append(_collapse(html[start:kept.start()], after_tag=start > 0, before_tag=True))
        parts.append(kept.group(0))
        start = kept.end()
    parts.append(_collapse(html[start:], after_tag=start > 0, before_tag=False))
    return "".join(parts)


def _collapse(text: str, *, after_tag: bool, before_tag: bool) -> str:
    framed = _BETWEEN_TAGS.sub(">\n<", (">" if after_tag else "") + text + ("<" if before_tag else ""))
    return framed[1 if after_tag else 0:len(framed) - (1 if before_tag else 0)]
