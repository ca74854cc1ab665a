"""Machine-readable views of the site: sitemap.xml with hreflang alternates, robots.txt, an Atom feed per language.

The feeds are built with ElementTree, so every catalog text is escaped by the serializer; the sitemap,
which holds only URLs, is written as text with every value escaped.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from typing import Iterable
from xml.sax.saxutils import escape, quoteattr

from generator.catalog import Catalog
from generator.deps import EVERYTHING, PRODUCT, Dependencies
from generator.history import stamp
from generator.pages import Page, product_url

SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"
XHTML_NS = "http://www.w3.org/1999/xhtml"
ATOM_NS = "http://www.w3.org/2005/Atom"
FEED_SIZE = 50


def _base(catalog: Catalog) -> str:
    return catalog.config.base_url.rstrip("/") + "/"


SITEMAP_FILE = "sitemap.xml"
SITEMAP_MAX_URLS = 50_000
SITEMAP_MAX_BYTES = 50_000_000
"""The sitemaps.org limits of one file; a bigger site gets a sitemap index (at ~13,000 products in 3 languages)."""


def render_sitemaps(catalog: Catalog, pages: Iterable[Page], lastmods: dict[str, int]) -> dict[str, str]:
    """sitemap.xml listing every page of every language, or, past one file's limits, an index of parts.

    Each URL carries its alternates (hreflang) and the newest change among what the page showed
    (``lastmods`` by URL, from the pages' records: deps.Dependencies.lastmod).
    """
    # Written as text (every value through quoteattr/escape): ElementTree took 4.5 s for the 37,000
    # URLs of a 10,000-product catalog; the output is the same, indented as ET.indent does.
    base = _base(catalog)
    languages = [lang.code for lang in catalog.languages]
    head = f'<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="{SITEMAP_NS}" xmlns:xhtml="{XHTML_NS}">\n'
    tail = "</urlset>\n"
    parts: list[list[str]] = [[]]
    newest: list[int] = [0]  # each part's newest lastmod, for the index
    size = len(head) + len(tail)
    for page in pages:
        lastmod = lastmods.get(page.url, 0)
        dated = f"    <lastmod>{stamp(lastmod)}</lastmod>\n" if lastmod else ""
        links = "".join(f'    <xhtml:link rel="alternate" hreflang={quoteattr(other)} href={quoteattr(f"{base}{other}/{page.url}")} />\n'
                        for other in languages)
        links += f'    <xhtml:link rel="alternate" hreflang="x-default" href={quoteattr(base)} />\n'
        for lang in languages:
            entry = f"  <url>\n    <loc>{escape(f'{base}{lang}/{page.url}')}</loc>\n{dated}{links}  </url>\n"
            length = len(entry.encode())
            if parts[-1] and (len(parts[-1]) >= SITEMAP_MAX_URLS or size + length > SITEMAP_MAX_BYTES):
                parts.append([])
                newest.append(0)
                size = len(head) + len(tail)
            parts[-1].append(entry)
            newest[-1] = max(newest[-1], lastmod or 0)
            size += length
    if len(parts) == 1:
        return {SITEMAP_FILE: head + "".join(parts[0]) + tail}
    files = {f"sitemap-{number}.xml": head + "".join(entries) + tail for number, entries in enumerate(parts, 1)}
    index = [f'<?xml version="1.0" encoding="UTF-8"?>\n<sitemapindex xmlns="{SITEMAP_NS}">\n']
    for name, part_newest in zip(files, newest):
        index.append(f"  <sitemap>\n    <loc>{escape(base + name)}</loc>\n")
        index.append(f"    <lastmod>{stamp(part_newest)}</lastmod>\n" if part_newest else "")
        index.append("  </sitemap>\n")
    index.append("</sitemapindex>\n")
    return {SITEMAP_FILE: "".join(index), **files}


def render_robots(catalog: Catalog) -> str:
    """Allow everything and point crawlers at the sitemap."""
    return f"User-agent: *\nAllow: /\n\nSitemap: {_base(catalog)}{SITEMAP_FILE}\n"


def render_atom(catalog: Catalog, lang: str, title: str, deps: Dependencies,
                names: dict[str, str], summaries: dict[str, str]) -> str:
    """The newest products of one language, newest first (new and updated alike)."""
    ET.register_namespace("", ATOM_NS)
    base = _base(catalog)
    feed = ET.Element(f"{{{ATOM_NS}}}feed", {"{http://www.w3.org/XML/1998/namespace}lang": lang})
    changed = {pid: deps.time((PRODUCT, pid)) for pid in catalog.products}
    newest = sorted(catalog.products, key=lambda pid: (-changed[pid], pid))[:FEED_SIZE]
    ET.SubElement(feed, f"{{{ATOM_NS}}}title").text = title
    ET.SubElement(feed, f"{{{ATOM_NS}}}id").text = f"{base}{lang}/"
    ET.SubElement(feed, f"{{{ATOM_NS}}}link", rel="self", href=f"{base}{lang}/feed.xml")
    ET.SubElement(feed, f"{{{ATOM_NS}}}link", rel="alternate", href=f"{base}{lang}/")
    updated = max((changed[p] for p in newest), default=deps.time((EVERYTHING, "")))
    ET.SubElement(feed, f"{{{ATOM_NS}}}updated").text = stamp(updated)
    author = ET.SubElement(feed, f"{{{ATOM_NS}}}author")
    ET.SubElement(author, f"{{{ATOM_NS}}}name").text = catalog.config.dealer.name
    for product_id in newest:
        url = f"{base}{lang}/{product_url(product_id)}"
        entry = ET.SubElement(feed, f"{{{ATOM_NS}}}entry")
        ET.SubElement(entry, f"{{{ATOM_NS}}}title").text = names[product_id]
        ET.SubElement(entry, f"{{{ATOM_NS}}}id").text = url
        ET.SubElement(entry, f"{{{ATOM_NS}}}link", rel="alternate", href=url)
        ET.SubElement(entry, f"{{{ATOM_NS}}}updated").text = stamp(changed[product_id])
        ET.SubElement(entry, f"{{{ATOM_NS}}}summary").text = summaries[product_id]
    ET.indent(feed, space="  ")
    return '<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(feed, encoding="unicode") + "\n"
