"""Machine-readable views of the site: sitemap.xml with hreflang alternates, robots.txt, an Atom feed per language.

XML is built with ElementTree, so every catalog text is escaped by the serializer.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from typing import Iterable

from generator.catalog import Catalog
from generator.history import Freshness, to_datetime
from generator.pages import Page, product_url

SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"
XHTML_NS = "http://www.w3.org/1999/xhtml"
ATOM_NS = "http://www.w3.org/2005/Atom"
FEED_SIZE = 50


def _base(catalog: Catalog) -> str:
    return catalog.config.base_url.rstrip("/") + "/"


def render_sitemap(catalog: Catalog, pages: Iterable[Page], freshness: Freshness) -> str:
    """Every page of every language with its alternates (hreflang) and the date its sources last changed."""
    ET.register_namespace("", SITEMAP_NS)
    ET.register_namespace("xhtml", XHTML_NS)
    urlset = ET.Element(f"{{{SITEMAP_NS}}}urlset")
    base = _base(catalog)
    languages = [lang.code for lang in catalog.languages]
    for page in pages:
        lastmod = freshness.of_page(page.kind, page.subject, catalog)
        for lang in languages:
            url = ET.SubElement(urlset, f"{{{SITEMAP_NS}}}url")
            ET.SubElement(url, f"{{{SITEMAP_NS}}}loc").text = f"{base}{lang}/{page.url}"
            if lastmod:
                ET.SubElement(url, f"{{{SITEMAP_NS}}}lastmod").text = to_datetime(lastmod).strftime("%Y-%m-%dT%H:%M:%SZ")
            for other in languages:
                ET.SubElement(url, f"{{{XHTML_NS}}}link", rel="alternate", hreflang=other, href=f"{base}{other}/{page.url}")
            ET.SubElement(url, f"{{{XHTML_NS}}}link", rel="alternate", hreflang="x-default", href=base)
    ET.indent(urlset, space="  ")
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(urlset, encoding="unicode") + "\n"


def render_robots(catalog: Catalog) -> str:
    """Allow everything and point crawlers at the sitemap."""
    return f"User-agent: *\nAllow: /\n\nSitemap: {_base(catalog)}sitemap.xml\n"


def render_atom(catalog: Catalog, lang: str, title: str, freshness: Freshness,
                names: dict[str, str], summaries: dict[str, str]) -> str:
    """The newest products of one language, newest first (new and updated alike)."""
    ET.register_namespace("", ATOM_NS)
    base = _base(catalog)
    feed = ET.Element(f"{{{ATOM_NS}}}feed", {"{http://www.w3.org/XML/1998/namespace}lang": lang})
    newest = sorted(catalog.products, key=lambda pid: (-freshness.products[pid], pid))[:FEED_SIZE]
    ET.SubElement(feed, f"{{{ATOM_NS}}}title").text = title
    ET.SubElement(feed, f"{{{ATOM_NS}}}id").text = f"{base}{lang}/"
    ET.SubElement(feed, f"{{{ATOM_NS}}}link", rel="self", href=f"{base}{lang}/feed.xml")
    ET.SubElement(feed, f"{{{ATOM_NS}}}link", rel="alternate", href=f"{base}{lang}/")
    updated = max((freshness.products[p] for p in newest), default=freshness.site)
    ET.SubElement(feed, f"{{{ATOM_NS}}}updated").text = _stamp(updated)
    author = ET.SubElement(feed, f"{{{ATOM_NS}}}author")
    ET.SubElement(author, f"{{{ATOM_NS}}}name").text = catalog.config.dealer.name
    for product_id in newest:
        url = f"{base}{lang}/{product_url(product_id)}"
        entry = ET.SubElement(feed, f"{{{ATOM_NS}}}entry")
        ET.SubElement(entry, f"{{{ATOM_NS}}}title").text = names[product_id]
        ET.SubElement(entry, f"{{{ATOM_NS}}}id").text = url
        ET.SubElement(entry, f"{{{ATOM_NS}}}link", rel="alternate", href=url)
        ET.SubElement(entry, f"{{{ATOM_NS}}}updated").text = _stamp(freshness.products[product_id])
        ET.SubElement(entry, f"{{{ATOM_NS}}}summary").text = summaries[product_id]
    ET.indent(feed, space="  ")
    return '<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(feed, encoding="unicode") + "\n"


def _stamp(timestamp: int) -> str:
    return to_datetime(timestamp).strftime("%Y-%m-%dT%H:%M:%SZ")
