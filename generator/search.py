"""What buyers can search for: one small record per page, indexed by Pagefind without re-reading the site.

Pagefind reading the finished pages spent minutes and gigabytes at 10,000 products parsing the theme's
header, footer and every listing's product cards again. Instead each page view names the few texts a
buyer would search it by (a product's name, summary, description, category, BUMDes, region, HS code);
they are written as tiny HTML records under .build/search/<lang>/<page url>/index.html, so Pagefind
(its stable command line, not its internal service protocol) maps each to the page's URL, language and
title, and fetches only the chunks a query needs in the browser.
"""

from __future__ import annotations

from pathlib import Path

from markupsafe import escape

from generator import write

SEARCH_RECORDS_DIR = "search"
"""Under the work folder (.build/): the records Pagefind indexes; never published."""


def render_record(lang: str, title: str, texts: tuple[str, ...]) -> str:
    """One page's record: its language, its title (the result's heading) and the words it is found by."""
    body = "".join(f"<p>{escape(text)}</p>" for text in texts if text)
    return (f'<!doctype html><html lang="{escape(lang)}"><head><meta charset="utf-8"><title>{escape(title)}</title></head>'
            f"<body><h1>{escape(title)}</h1>{body}</body></html>\n")


def write_record(records_dir: Path, lang: str, url: str, title: str, texts: tuple[str, ...]) -> None:
    """Write one record where Pagefind will read the page URL ``/<lang>/<url>`` from its path."""
    write.write_text(records_dir / lang / url / "index.html", render_record(lang, title, texts))
