"""What buyers can search for: one small record per page, indexed by Pagefind without re-reading the site.

Pagefind reading the finished pages spent minutes and gigabytes at 10,000 products parsing the theme's
header, footer and every listing's product cards again. Instead each page view names the few texts a
buyer would search it by (a product's name, summary, description, category, BUMDes, region, HS code);
they are written as tiny HTML records, one flat file per page in .build/search/all/<lang>/, which Pagefind
(its stable command line, not its internal service protocol) indexes with the page's language and title;
the browser fetches only the chunks a query needs. Each record names its page (relative to the language
root) in a `page` metadata field, which theme/assets/search.js turns into the result's link: a folder per
record, as Pagefind would need to derive the URL from the path, cost a build 37,000 folders to make and
Pagefind as many to walk.

The records stay between builds with an index of the page-cache key each was made for: a rebuild
rewrites only the records of pages that changed instead of writing 12,000 files per language again.
"""

from __future__ import annotations

import json
from pathlib import Path

from markupsafe import escape

from generator import write

SEARCH_RECORDS_DIR = "search"
"""Under the work folder (.build/): the records Pagefind indexes; never published."""


PAGE_META = "page"
"""The record's metadata field holding its page's URL relative to the language root (read by search.js)."""
RECORDS_FORMAT = 2
"""Bumped whenever record files change name or shape: a records folder of another format is emptied."""


def render_record(lang: str, url: str, title: str, texts: tuple[str, ...]) -> str:
    """One page's record: its language, its page, its title (the result's heading) and the words it is found by."""
    body = "".join(f"<p>{escape(text)}</p>" for text in texts if text)
    return (f'<!doctype html><html lang="{escape(lang)}"><head><meta charset="utf-8"><title>{escape(title)}</title>'
            f'<meta data-pagefind-meta="{PAGE_META}[content]" content="{escape(url)}"></head>'
            f"<body><h1>{escape(title)}</h1>{body}</body></html>\n")


def write_record(records_dir: Path, lang: str, url: str, title: str, texts: tuple[str, ...]) -> None:
    """Write the record of the page at ``url`` (replacing any)."""
    # A record may be a hard link into the page cache: create_file replaces it, never writes into it.
    write.create_file(record_path(records_dir, url), render_record(lang, url, title, texts).encode())


def record_path(records_dir: Path, url: str) -> Path:
    """Where the record of the page at ``url`` lives in one language's records folder: products/kelor/ →
    products.kelor.html (URL segments are slugs, never holding a dot)."""
    return records_dir / f"{url.strip('/').replace('/', '.') or 'index'}.html"


class KeptRecords:
    """One language's records folder and the page-cache key each record in it was made for."""

    def __init__(self, folder: Path):
        self.folder = folder
        self.index = folder.with_name(f"{folder.name}.keys.json")

    def open(self) -> dict[str, str]:
        """The key of each record in place, by URL; an emptied folder when that is unknown.

        The index is removed before any record changes and written back by ``close``: a build stopped in
        between leaves no index, and the next build starts from an empty folder instead of trusting it.
        """
        try:
            index = json.loads(self.index.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            index = None
        self.index.unlink(missing_ok=True)
        kept = index.get("keys") if isinstance(index, dict) and index.get("format") == RECORDS_FORMAT else None
        if not isinstance(kept, dict) or not self.folder.is_dir():
            write.reset_dir(self.folder)
            return {}
        return kept

    def remove(self, url: str) -> None:
        """Drop the record of the page at ``url`` (a page gone, or one about to be written again)."""
        record_path(self.folder, url).unlink(missing_ok=True)

    def close(self, keys: dict[str, str]) -> None:
        """Record which key each record now in the folder was made for ("" for pages never cached)."""
        write.write_text(self.index, json.dumps({"format": RECORDS_FORMAT, "keys": keys}, sort_keys=True))
