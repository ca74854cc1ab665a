"""Where pages live: the paths users see, defined here and nowhere else, and what a page is.

Every page exists in every language at the same path, so the language switch and hreflang links can
always point at the same page. Which pages exist, and of which kind, is kinds.py's.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Callable, Iterator

from generator.catalog import Catalog

HOME = ""
PRODUCTS = "products/"
PRODUCT = "products/{id}/"
CATEGORY = "categories/{slug}/"
REGIONS = "regions/"
PROVINCE = "regions/{province}/"
REGENCY = "regions/{province}/{regency}/"
BUMDES = "bumdes/{id}/"
HOW_TO_BUY = "how-to-buy/"
ABOUT = "about/"
CONTACT = "contact/"
INQUIRY_LIST = "inquiry/"
"""The buyer's inquiry list: products gathered from any page, asked for in one message."""
ROWS_FILE = "rows.json"
"""Beside the all-products page (products/rows.json): its products after the cards, which catalog.js fetches when a
buyer filters or asks. At 10,000 products they were 3.4 MB of the page's HTML, parsed before it showed anything."""
TEXT_PAGES = {"how-to-buy": HOW_TO_BUY, "about": ABOUT, "after-inquiry": CONTACT, "how-summary": HOME}
"""Which page shows each project-written text (sources.THEME_PAGES)."""
MEDIA_DIR = "media"
"""Images live once in site/media/, shared by every language."""
DATA_DIR = "data"
CONTRIBUTORS_DIR = "kontributor"
"""Pages for the people who add to the catalog, outside the languages (Indonesian first, English beside)."""
VILLAGE_FINDER = f"{CONTRIBUTORS_DIR}/kode-desa/"
"""The contributors' village-code finder (villages.py): one page in Indonesian and English, outside the languages."""


@dataclass(frozen=True)
class PageKind:
    """A kind of page, declared once in kinds.py: its template, how its view is made, how it is built."""

    name: str
    template: str
    """Its body template in theme/templates/."""
    view: Callable[..., Any] = field(compare=False, repr=False)
    """Makes the page's view in one language from a views.PageContext (see views.py)."""
    shell: bool = False
    """Made from a page shell MkDocs renders once per folder (shells.py): only pages outside the nav."""
    in_nav: bool = False
    """In the site's navigation: MkDocs needs its source to link the nav on every page, so it is rendered
    in every build (never restored from the page cache)."""


@dataclass(frozen=True)
class Page:
    """One page in every language: its URL path (relative to the language root) and how to fill it."""

    url: str
    kind: PageKind
    subject: Any = None
    parents: tuple[tuple[str, str], ...] = field(default=())
    """Breadcrumb ancestors as (url, label key or '<province|regency|category>:<code>'), nearest last."""

    @property
    def source_path(self) -> str:
        """The Markdown file under docs/ that MkDocs turns into ``url``."""
        return self.url + "index.md"


def relative_url(from_url: str, to_url: str) -> str:
    """Link from one page URL to another within a language ("" is the language home)."""
    # Page URLs are plain folder paths (no "." or ".." parts), so comparing their parts is enough; it is
    # called for every link of every page, and posixpath.relpath resolves both against the working folder.
    source = [part for part in from_url.split("/") if part]
    target = [part for part in to_url.split("/") if part]
    common = 0
    while common < len(source) and common < len(target) and source[common] == target[common]:
        common += 1
    parts = [".."] * (len(source) - common) + target[common:]
    if not parts:
        return "./"
    return "/".join(parts) + ("/" if to_url.endswith("/") or to_url == "" else "")


def product_url(product_id: str) -> str:
    """URL path of a product page inside a language."""
    return PRODUCT.format(id=product_id)


def province_url(catalog: Catalog, code: str) -> str | None:
    """URL of a province page, when that province has BUMDes."""
    province = catalog.provinces.get(code)
    return PROVINCE.format(province=province.slug) if province else None


def regency_url(catalog: Catalog, code: str) -> str | None:
    """URL of a regency page."""
    regency = catalog.regencies.get(code)
    if regency is None:
        return None
    province = catalog.provinces[regency.province_code]
    return REGENCY.format(province=province.slug, regency=regency.slug)


def authored_texts(catalog: Catalog, pages: list[Page]) -> Iterator[tuple[str, tuple[str | int, ...], str, str, str]]:
    """Every text a person wrote in Markdown, where it came from and the page that shows it in its language:
    (source file, field location, language, text, page URL). The links in these are the ones to check."""
    planned = {page.url for page in pages}
    for product in catalog.products.values():
        for lang, text in product.data.description.items():
            yield product.source, ("description",), lang, text, product_url(product.id)
    for bumdes in catalog.bumdes.values():
        for lang, text in bumdes.data.description.items():
            yield bumdes.source, ("description",), lang, text, BUMDES.format(id=bumdes.id)
    for places, url_of in ((catalog.provinces, province_url), (catalog.regencies, regency_url)):
        for code, place in places.items():
            url = url_of(catalog, code)
            if place.description and url in planned:  # a region without BUMDes has no page
                for lang, text in place.description.items():
                    yield place.source, (*place.loc, "description"), lang, text, url
