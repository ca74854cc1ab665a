"""Product, BUMDes and region pages filled into a page shell that MkDocs and Material render once per language.

At 10,000 products a language has ~12,400 pages, and Material's templates cost ~4 ms a page whatever the
page holds: three languages on two cores spent two minutes in MkDocs. Yet every product page (and every
BUMDes, category, province or regency page) comes out of Material like the others of its kind in the same
folder except for a few values: its URL, title, description, social image, JSON-LD and body. So for each
folder and combination of which of those a page has, MkDocs builds one shell page whose values are
unique tokens; each real page is then that shell with the tokens replaced by the
values MkDocs would have printed (the same escaped strings, the same body bytes), in ~0.1 ms.

This is an optimisation only, never a second way of making pages: the sources of shell pages are the
same front matter and body as any other page, and a test builds a site both ways and compares every
byte. A shell that lost a token (a changed override or Material release) stops the build with an error
instead of publishing pages without their content.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterator

from markdown import Markdown
from markdown.preprocessors import NormalizeWhitespace

from generator.csp import with_policy
from generator.passthrough import is_generated_body

SHELL_KINDS = frozenset({"product", "bumdes", "category", "province", "regency"})
"""Page kinds built from shells: all are outside the nav, so Material marks nothing active on them.

Pages share a shell only with pages in the same folder (every regency of one province, for example):
relative links from a page depend on its folder."""

URL_TOKEN = "VCSHELL"
"""A shell's folder name (with its number): upper case, so no page slug (lower case only) can equal it."""

SLOT_TOKENS = {"title": "VCSLOTTITLE", "description": "VCSLOTDESCRIPTION", "og_image": "VCSLOTOGIMAGE", "jsonld": "VCSLOTJSONLD"}
"""Front-matter strings of a shell page; letters only, so every escape or URL filter leaves them alone."""

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
    """One combination of section and present values: its source front matter and the pages that use it."""

    number: int
    section: str
    front: dict[str, Any]
    body: str
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
        vc = front["vc"]
        heading = "<h1" in body  # Material's content partial adds a heading unless the body has one
        key = (section, bool(front["description"]), vc["og_type"], bool(vc["og_image"]), bool(vc["jsonld"]), tuple(front["hide"]), heading)
        shell = self._shells.get(key)
        if shell is None:
            shell = Shell(len(self._shells), section + "/", shell_front(front), BODY_TOKEN_H1 if heading else BODY_TOKEN)
            self._shells[key] = shell
        values = {SLOT_TOKENS["title"]: front["title"], SLOT_TOKENS["description"]: front["description"],
                  SLOT_TOKENS["og_image"]: vc["og_image"] or "", SLOT_TOKENS["jsonld"]: vc["jsonld"] or "", shell.body: body}
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
            parts = split_shell(with_policy((site / shell.url / "index.html").read_text(encoding="utf-8")), shell)
            for filling in shell.pages:
                values = {**filling.values, shell.token: filling.url.rstrip("/").rpartition("/")[2]}
                html = "".join(values[part] if i % 2 else part for i, part in enumerate(parts))
                # As MkDocs writes its pages (a lone surrogate from a YAML escape becomes a character reference).
                yield filling.url, html.encode("utf-8", errors="xmlcharrefreplace")


def shell_front(front: dict[str, Any]) -> dict[str, Any]:
    """A page's front matter with its values replaced by tokens (absent values stay absent)."""
    vc = front["vc"]
    return {
        **front,
        "title": SLOT_TOKENS["title"],
        "description": SLOT_TOKENS["description"] if front["description"] else "",
        "vc": {**vc, "og_image": SLOT_TOKENS["og_image"] if vc["og_image"] else None,
               "jsonld": SLOT_TOKENS["jsonld"] if vc["jsonld"] else None},
    }


def split_shell(html: str, shell: Shell) -> list[str]:
    """The shell's HTML as literal text at even positions and tokens at odd ones; ShellError if one is missing."""
    expected = [shell.token, shell.body, SLOT_TOKENS["title"]]
    expected += [SLOT_TOKENS[name] for name in ("description", "og_image", "jsonld") if _present(shell.front, name)]
    missing = [token for token in expected if token not in html]
    if missing or html.count(shell.body) != 1:
        raise ShellError(f"{shell.url}: {', '.join(missing) or 'the body twice'}")
    pattern = "|".join(re.escape(token) for token in [shell.body, shell.token, *SLOT_TOKENS.values()])
    return re.split(f"({pattern})", html)


def _present(front: dict[str, Any], name: str) -> bool:
    return bool(front[name] if name == "description" else front["vc"][name])


def markdown_normalized(body: str) -> str:
    """The body as Python-Markdown's first preprocessor leaves it, which is what the passthrough stashes."""
    if not any(char in body for char in "\t\r\x02\x03"):
        return body.strip("\n")  # render_body already dropped blank lines, so nothing else changes
    return "\n".join(NormalizeWhitespace(_markdown()).run(body.split("\n"))).strip("\n")


@functools.cache
def _markdown() -> Markdown:
    return Markdown()  # the defaults MkDocs keeps (tab length 4)
