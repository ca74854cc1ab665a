"""Check a built site: every internal link, anchor, image and srcset entry resolves to a file (and id)."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

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
        for attr in ("href", "src"):
            if values.get(attr) and not (tag == "link" and values.get("rel") in ("canonical", "alternate")):
                self.links.append((line, values[attr] or ""))
        for attr in ("srcset",):
            for part in (values.get(attr) or "").split(","):
                url = part.strip().split(" ")[0]
                if url:
                    self.links.append((line, url))


def check_site_links(site: Path, base_path: str = "/") -> list[str]:
    """Problems as ``page:line: link: reason``; an empty list when everything resolves.

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
    for page in sorted(site.rglob("*.html")):
        for line, link in parse(page).links:
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
