"""Check a built site: every internal link, anchor, image, srcset entry and video poster resolves to a file (and id),
and so does every row's link in the all-products page's rows.json.

``check_site_links`` walks a whole site (tests, audits); ``check_authored_links`` is what every build runs:
the links people wrote that lead into the site.
"""

from __future__ import annotations

import json
from html.parser import HTMLParser
from pathlib import Path
from typing import Iterator
from urllib.parse import unquote, urlsplit

from generator.catalog import Catalog
from generator.checked import format_loc
from generator.issues import Issue, make_issue
from generator.load import load_document
from generator.localize import render_rich
from generator.pages import ROWS_FILE, TEXT_PAGES, Page, authored_texts
from generator.sources import THEME_PAGES, THEME_PAGES_DIR

SKIPPED_SCHEMES = ("mailto:", "https:", "http:", "data:", "tel:", "weixin:")


class _Collector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.links: list[tuple[int, str]] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        line = self.getpos()[0]
        if values.get("id"):
            self.ids.add(values["id"] or "")
        if tag == "a" and values.get("name"):
            self.ids.add(values["name"] or "")
        for attr in ("href", "src", "poster"):  # poster: a video's cover photo
            if values.get(attr) and not (tag == "link" and values.get("rel") in ("canonical", "alternate")):
                self.links.append((line, values[attr] or ""))
        for attr in ("srcset",):
            for part in (values.get(attr) or "").split(","):
                url = part.strip().split(" ")[0]
                if url:
                    self.links.append((line, url))


def _row_links(path: Path) -> list[tuple[int, str]]:
    """The links of a rows.json, numbered by row (views.rows_json)."""
    data = json.loads(path.read_text(encoding="utf-8"))
    at = data["fields"].index("url")
    return [(number, row[at]) for number, row in enumerate(data["rows"], 1)]


def check_site_links(site: Path, base_path: str = "/") -> list[str]:
    """Problems as ``page:line: link: reason`` (``rows.json:row: …`` for a row); an empty list when everything resolves.

    ``base_path`` is the path of the site's base URL (``/catalog/`` for https://example.org/catalog/):
    root-relative links, as in the 404 pages, start with it.
    """
    parsed: dict[Path, _Collector] = {}

    def parse(page: Path) -> _Collector:
        if page not in parsed:
            collector = _Collector()
            collector.feed(page.read_text(encoding="utf-8"))
            parsed[page] = collector
        return parsed[page]

    problems = []
    sources = [(page, parse(page).links) for page in sorted(site.rglob("*.html"))]
    sources += [(rows, _row_links(rows)) for rows in sorted(site.rglob(ROWS_FILE))]
    for page, links in sources:
        for line, link in links:
            if link.startswith(SKIPPED_SCHEMES) or link.startswith("//"):
                continue
            parts = urlsplit(link)
            if parts.path.startswith("/"):
                path = unquote(parts.path)
                if path.startswith(base_path):
                    path = path[len(base_path):]
                target = site / path.lstrip("/")
            elif parts.path:
                target = page.parent / unquote(parts.path)
            else:
                target = page
            target = target.resolve()
            if target.is_dir():
                target = target / "index.html"
            where = f"{page.relative_to(site).as_posix()}:{line}: {link}"
            if not target.is_relative_to(site.resolve()):
                problems.append(f"{where}: leaves the site")
            elif not target.is_file():
                problems.append(f"{where}: no such file")
            elif parts.fragment and target.suffix == ".html" and unquote(parts.fragment) not in parse(target).ids:
                problems.append(f"{where}: no element with id '{parts.fragment}'")
    return problems


def check_authored_links(catalog: Catalog, pages: list[Page], site: Path, root: Path) -> list[Issue]:
    """Links that people wrote (descriptions, project texts) into this site: each reaches a built page and section.

    Links the generator makes are right by construction; these are the ones a typo or a removed page breaks.
    Each problem names the file and line to edit.
    """
    base = catalog.config.base_url
    texts = [*authored_texts(catalog, pages), *_project_texts(root, [lang.code for lang in catalog.languages])]
    ids: dict[Path, set[str]] = {}
    issues: list[Issue] = []
    for source, loc, lang, text, url in texts:
        if "](" not in text and "]:" not in text and "<https://" not in text:
            continue  # no link at all: nothing to render
        collector = _Collector()
        collector.feed(render_rich(text))
        for _, href in collector.links:
            if href.startswith("#"):
                path, fragment = f"{lang}/{url}", href[1:]
            elif href.startswith(base):
                path, _, fragment = href[len(base):].partition("#")
                path = path.split("?", 1)[0]
            else:
                continue
            target = site / unquote(path)
            if target.is_dir() or not path or path.endswith("/"):
                target = target / "index.html"
            if not target.resolve().is_relative_to(site.resolve()) or not target.is_file():
                issues.append(_link_issue(root, source, loc, lang, href, "rule.broken_link", anchor=""))
                continue
            if fragment:
                if target not in ids:
                    found = _Collector()
                    found.feed(target.read_text(encoding="utf-8"))
                    ids[target] = found.ids
                if unquote(fragment) not in ids[target]:
                    issues.append(_link_issue(root, source, loc, lang, href, "rule.broken_anchor", anchor=fragment))
    return issues


def _project_texts(root: Path, languages: list[str]) -> Iterator[tuple[str, tuple[str | int, ...], str, str, str]]:
    """theme/pages/<lang>/<name>.md with the page that shows each (same shape as pages.authored_texts)."""
    for lang in languages:
        for name in THEME_PAGES:
            path = root / THEME_PAGES_DIR / lang / f"{name}.md"
            if path.is_file():
                yield f"{THEME_PAGES_DIR}/{lang}/{name}.md", (), lang, path.read_text(encoding="utf-8"), TEXT_PAGES[name]


def _link_issue(root: Path, source: str, loc: tuple[str | int, ...], lang: str, href: str, code: str, anchor: str) -> Issue:
    if loc:  # a YAML field: the line of its text in this language
        position = load_document(root / source).position((*loc, lang))
        field_path = format_loc((*loc, lang))
    else:  # a Markdown file: the line that holds the link
        text = (root / source).read_text(encoding="utf-8")
        at = text.find(href)
        position = (text.count("\n", 0, at) + 1, at - text.rfind("\n", 0, at)) if at >= 0 else (1, 1)
        field_path = ""
    return make_issue(source, position, field_path, code, value=href, anchor=anchor)
