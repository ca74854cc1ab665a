"""The pull-request preview: a copy of the built site that works opened from disk, and which pages changed.

The published site links to folders (`products/kelor/`), which a web server answers with the folder's
index.html; a browser opening a downloaded preview from disk shows a directory listing instead. The preview
copy names `index.html` in every relative link to a folder. Only attribute values change (never a script or
a style, whose hashes the pages' Content-Security-Policy pins), and site/ itself is left as it is: it is
what gets published, and its pages are hard links into the page cache.

Which pages changed compares the built pages of the pull request's base with those of the pull request,
file by file: the build is reproducible (the same sources give the same bytes), so a page that differs is
a page the pull request changed.
"""

from __future__ import annotations

import html
import os
import re
import shutil
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

from generator import write

PAGE_FILE = "index.html"
LINK_ATTRIBUTES = ("href", "action")
"""Attributes that lead to another page (src and srcset name files, never folders)."""
_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.\-]*:")
SHOWN_PER_KIND = 50
"""Pages listed per kind of change in the run summary; the rest are counted."""


def disk_link(url: str) -> str | None:
    """The link as it works from disk (``../kelor/`` → ``../kelor/index.html``); None when it needs nothing:
    absolute and site-root links, links to files, and links within the page."""
    if not url or url.startswith(("#", "/", "?")) or _SCHEME.match(url):
        return None
    cut = min((i for i in (url.find("?"), url.find("#")) if i >= 0), default=len(url))
    path, rest = url[:cut], url[cut:]
    if path in (".", "..") or path.endswith(("/.", "/..")):
        path += "/"
    if not path.endswith("/"):
        return None
    return f"{path}{PAGE_FILE}{rest}"


class _StartTags(HTMLParser):
    """Where each start tag with a folder link sits in the page, and its text as written."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[tuple[tuple[int, int], str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if any(name in LINK_ATTRIBUTES and value and disk_link(value) for name, value in attrs):
            self.found.append((self.getpos(), self.get_starttag_text() or ""))

    handle_startendtag = handle_starttag


def disk_page(text: str) -> str:
    """A page whose relative folder links name their index.html; everything else byte for byte the same."""
    parser = _StartTags()
    parser.feed(text)
    parser.close()
    if not parser.found:
        return text
    # The parser counts lines at "\n" only (a page's text may hold other line separators).
    starts = [0]
    for line in text.split("\n"):
        starts.append(starts[-1] + len(line) + 1)
    out, done = [], 0
    for (line, column), tag in parser.found:
        at = starts[line - 1] + column
        out += [text[done:at], _disk_tag(tag)]
        done = at + len(tag)
    out.append(text[done:])
    return "".join(out)


_ATTRIBUTE = re.compile(r"""(\s(?:%s)\s*=\s*)("[^"]*"|'[^']*'|[^\s"'=<>`]+)""" % "|".join(LINK_ATTRIBUTES), re.I)


def _disk_tag(tag: str) -> str:
    def replace(match: re.Match[str]) -> str:
        written = match.group(2)
        quote = written[0] if written[0] in "\"'" else ""
        value = html.unescape(written[1:-1] if quote else written)
        changed = disk_link(value)
        if changed is None:
            return match.group(0)
        return f'{match.group(1)}"{html.escape(changed, quote=True)}"'

    return _ATTRIBUTE.sub(replace, tag)


def write_disk_preview(site: Path, out: Path) -> int:
    """Copy ``site`` to ``out`` (replaced whole), every HTML page with disk links; the number of pages."""
    staging = write.new_staging(out)
    pages = 0
    try:
        for folder, _, names in os.walk(site):
            for name in names:
                source = Path(folder, name)
                target = staging / source.relative_to(site)
                if name.endswith(".html"):
                    write.create_file(target, disk_page(source.read_text(encoding="utf-8")).encode("utf-8"))
                    pages += 1
                else:
                    write.copy_file(source, target)
        write.swap_into_place(staging, out)
    finally:
        if staging.exists():
            shutil.rmtree(staging, ignore_errors=True)
    return pages


@dataclass
class PageChanges:
    """The pages (by their folder URL) a pull request adds, changes and removes."""

    added: list[str] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)


def _pages(site: Path) -> dict[str, Path]:
    """Every page by its folder URL ("" for the root, "en/products/kelor/")."""
    pages = {}
    for path in site.rglob(PAGE_FILE):
        folder = path.parent.relative_to(site).as_posix()
        if path.is_file():
            pages["" if folder == "." else folder + "/"] = path
    return pages


def compare_pages(before: Path, after: Path) -> PageChanges:
    """Every page of ``after`` that ``before`` lacks or holds with other bytes, and those it no longer has."""
    old, new = _pages(before), _pages(after)
    return PageChanges(
        added=sorted(new.keys() - old.keys()),
        changed=sorted(url for url in new.keys() & old.keys() if new[url].read_bytes() != old[url].read_bytes()),
        removed=sorted(old.keys() - new.keys()),
    )


def render_summary(changes: PageChanges | None, pages: int) -> str:
    """The run summary (GitHub Markdown): how to open the preview, then the changed pages, Indonesian first."""
    lines = [
        "## Pratinjau situs · Site preview",
        "",
        "Unduh artefak `site-preview-pr-…` di bawah, ekstrak, lalu buka `index.html` di peramban. "
        "Pencarian hanya bekerja di situs yang diterbitkan.",
        "",
        "Download the `site-preview-pr-…` artifact below, extract it and open `index.html` in a browser. "
        f"Search works only on the published site. ({pages} pages)",
        "",
    ]
    if changes is None:
        lines += ["Situs cabang dasar tidak bisa dibangun, jadi halaman yang berubah tidak diketahui. "
                  "· The base branch's site could not be built, so the changed pages are unknown.", ""]
        return "\n".join(lines) + "\n"
    total = len(changes.added) + len(changes.changed) + len(changes.removed)
    if not total:
        lines += ["Tidak ada halaman yang berubah. · No page changed.", ""]
    for title, urls in (("Halaman baru · New pages", changes.added), ("Halaman berubah · Changed pages", changes.changed),
                        ("Halaman dihapus · Removed pages", changes.removed)):
        if not urls:
            continue
        lines += [f"### {title} ({len(urls)})", ""]
        lines += [f"- `{_code_text(url)}{PAGE_FILE}`" for url in urls[:SHOWN_PER_KIND]]
        if len(urls) > SHOWN_PER_KIND:
            lines.append(f"- … {len(urls) - SHOWN_PER_KIND} lagi · more")
        lines.append("")
    return "\n".join(lines) + "\n"


def _code_text(text: str) -> str:
    """A path as Markdown code: no backtick or line break can end it early."""
    return text.replace("`", "'").replace("\n", " ").replace("\r", " ")


def make_preview(site: Path, out: Path, before: Path | None) -> str:
    """Write the disk preview of ``site`` into ``out``; the run summary, compared with ``before`` when given
    (a site built from the base branch) and unknown when that site is missing."""
    pages = write_disk_preview(site, out)
    changes = compare_pages(before, site) if before is not None and (before / PAGE_FILE).is_file() else None
    return render_summary(changes, pages)
