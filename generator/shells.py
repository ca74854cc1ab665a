"""Product, BUMDes and region pages filled into a page shell that MkDocs and Material render once per language.

At 10,000 products a language has ~12,400 pages, and Material's templates cost ~4 ms a page whatever the
page holds: three languages on two cores spent two minutes in MkDocs. Yet every product page (and every
BUMDes, category, province or regency page) comes out of Material like the others of its kind in the same
folder except for a few values: its URL, its body and the slots of its front matter (render.SLOTS: title,
description, social image, JSON-LD). So for each folder and combination of everything else in the front
matter, MkDocs builds one shell page whose slot values are tokens; each real page is then that shell with
the tokens replaced by the page's slot values, which the theme prints as they are (render.Slot), in
~0.1 ms. Anything added to the front matter that is not a slot splits pages into more shells: it can
never be copied from whichever page made the shell.

This is an optimisation only, never a second way of making pages: the sources of shell pages are the
same front matter and body as any other page, and a test builds a site both ways and compares every
byte. A shell that lost a token (a changed override or Material release) stops the build with an error
instead of publishing pages without their content.
"""

from __future__ import annotations

import functools
import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterator

from markdown import Markdown
from markdown.preprocessors import NormalizeWhitespace

from generator.csp import with_policy
from generator.minify import collapse_whitespace
from generator.passthrough import is_generated_body
from generator.render import SLOTS, Slot, slot_value

URL_TOKEN = "VCSHELL"
"""A shell's folder name (with its number): upper case, so no page slug (lower case only) can equal it."""

BODY_TOKEN = '<div id="vc-content">VCSLOTBODY</div>'
"""A shell page's body: one generated block, which the passthrough extension hands through verbatim."""
BODY_TOKEN_H1 = '<div id="vc-content"><h1>VCSLOTBODY</h1></div>'
"""The body of a shell for pages with their own heading (Material adds an <h1> to pages without one)."""


@dataclass(frozen=True)
class Filling:
    """What one page puts into its shell: its folder name and its values by token."""

    url: str
    values: dict[str, str]


@dataclass
class Shell:
    """One combination of section and shared front matter: its source and the pages that use it."""

    number: int
    section: str
    front: dict[str, Any]
    body: str
    present: tuple[Slot, ...]
    """The slots its pages have (a value absent from a page is absent from its shell: MkDocs prints nothing)."""
    pages: list[Filling] = field(default_factory=list)

    @property
    def token(self) -> str:
        return f"{URL_TOKEN}{self.number}X"

    @property
    def url(self) -> str:
        return f"{self.section}{self.token}/"


class ShellError(Exception):
    """A shell page came out of MkDocs without one of its tokens: the pages cannot be filled safely."""


class Shells:
    """Collects shell-built pages while a language renders, then fills them once MkDocs built the shells."""

    def __init__(self) -> None:
        self._shells: dict[tuple, Shell] = {}

    def add(self, url: str, front: dict[str, Any], body: str) -> bool:
        """Take the page at ``url`` (section/slug/) if a shell can make it; False means MkDocs must build it."""
        section, _, rest = url.rpartition("/")[0].rpartition("/")
        body = markdown_normalized(body)
        # Only a body the passthrough hands over whole comes out of MkDocs as the same bytes; one with code
        # of its own would need that code's hash in its policy, which the shell's does not have.
        if not rest or not is_generated_body(body) or "<script" in body or "<style" in body:
            return False
        heading = "<h1" in body  # Material's content partial adds a heading unless the body has one
        present = tuple(slot for slot in SLOTS if slot_value(front, slot))
        shared = shell_front(front, present)
        # Everything but the slots is the shell's own: pages that differ in anything else get another shell.
        key = (section, json.dumps(shared, sort_keys=True), heading)
        shell = self._shells.get(key)
        if shell is None:
            shell = Shell(len(self._shells), section + "/", shared, BODY_TOKEN_H1 if heading else BODY_TOKEN, present)
            self._shells[key] = shell
        values = {slot.token: slot_value(front, slot) for slot in present}
        values[shell.body] = body
        shell.pages.append(Filling(url, values))
        return True

    def urls(self) -> set[str]:
        """The URLs of the pages the shells make."""
        return {filling.url for shell in self._shells.values() for filling in shell.pages}

    def sources(self) -> list[tuple[str, dict[str, Any], str]]:
        """Each shell's page URL, front matter and body, to be written as Markdown sources beside the other pages."""
        return [(shell.url, shell.front, shell.body) for shell in self._shells.values()]

    def filled(self, site: Path) -> Iterator[tuple[str, bytes]]:
        """Each collected page's URL and HTML, made from the shells MkDocs built into ``site``."""
        for shell in self._shells.values():
            # The shell's policy is every page's: they share its inline scripts, and bodies bring none (add).
            # Whitespace is collapsed once here for all its pages (tokens hold none, bodies come collapsed).
            html = collapse_whitespace((site / shell.url / "index.html").read_text(encoding="utf-8"))
            parts = split_shell(with_policy(html), shell)
            for filling in shell.pages:
                values = {**filling.values, shell.token: filling.url.rstrip("/").rpartition("/")[2]}
                html = "".join(values[part] if i % 2 else part for i, part in enumerate(parts))
                # As MkDocs writes its pages (a lone surrogate from a YAML escape becomes a character reference).
                yield filling.url, html.encode("utf-8", errors="xmlcharrefreplace")


def shell_front(front: dict[str, Any], present: tuple[Slot, ...]) -> dict[str, Any]:
    """A page's front matter with each present slot's value replaced by its token (absent ones stay absent)."""
    shared = json.loads(json.dumps(front))  # a deep copy of plain data
    for slot in present:
        target = shared
        for key in slot.path[:-1]:
            target = target[key]
        target[slot.path[-1]] = slot.token
    return shared


def split_shell(html: str, shell: Shell) -> list[str]:
    """The shell's HTML as literal text at even positions and tokens at odd ones; ShellError if one is missing."""
    expected = [shell.token, shell.body, *(slot.token for slot in shell.present)]
    missing = [token for token in expected if token not in html]
    if missing or html.count(shell.body) != 1:
        raise ShellError(f"{shell.url}: {', '.join(missing) or 'the body twice'}")
    pattern = "|".join(re.escape(token) for token in [shell.body, shell.token, *(slot.token for slot in shell.present)])
    return re.split(f"({pattern})", html)


def markdown_normalized(body: str) -> str:
    """The body as Python-Markdown's first preprocessor leaves it, which is what the passthrough stashes."""
    if not any(char in body for char in "\t\r\x02\x03"):
        return body.strip("\n")  # render_body already dropped blank lines, so nothing else changes
    return "\n".join(NormalizeWhitespace(_markdown()).run(body.split("\n"))).strip("\n")


@functools.cache
def _markdown() -> Markdown:
    return Markdown()  # the defaults MkDocs keeps (tab length 4)
