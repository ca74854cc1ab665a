"""Which pages exist in every language, where they live, and what goes on them (the render context).

Paths that users see are defined here and nowhere else. Every page exists in every language at the same
path, so the language switch and hreflang links can always point at the same page.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Iterator

from generator.catalog import BumdesEntry, Catalog, ProductEntry

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
TEXT_PAGES = {"how-to-buy": HOW_TO_BUY, "about": ABOUT, "after-inquiry": CONTACT, "how-summary": HOME}
"""Which page shows each project-written text (sources.THEME_PAGES)."""
MEDIA_DIR = "media"
"""Images live once in site/media/, shared by every language."""
DATA_DIR = "data"


@dataclass(frozen=True)
class Page:
    """One page in every language: its URL path (relative to the language root) and how to fill it."""

    url: str
    kind: str
    template: str
    subject: Any = None
    parents: tuple[tuple[str, str], ...] = field(default=())
    """Breadcrumb ancestors as (url, label key or 'subject:<kind>:<id>'), nearest last."""

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


def plan_pages(catalog: Catalog) -> list[Page]:
    """Every page of the site, in a stable order (the same in every language)."""
    pages = [
        Page(HOME, "home", "home.html.j2"),
        Page(PRODUCTS, "products", "listing.html.j2", parents=((HOME, "nav.home"),)),
        Page(REGIONS, "regions", "regions.html.j2", parents=((HOME, "nav.home"),)),
        Page(HOW_TO_BUY, "how-to-buy", "info.html.j2", subject="how-to-buy", parents=((HOME, "nav.home"),)),
        Page(ABOUT, "about", "info.html.j2", subject="about", parents=((HOME, "nav.home"),)),
        Page(CONTACT, "contact", "contact.html.j2", parents=((HOME, "nav.home"),)),
    ]
    for slug, product_ids in catalog.products_by_category.items():
        if product_ids:
            pages.append(Page(CATEGORY.format(slug=slug), "category", "listing.html.j2", subject=slug,
                              parents=((HOME, "nav.home"), (PRODUCTS, "nav.products"))))
    used_regencies = catalog.bumdes_by_regency
    for province in catalog.provinces.values():
        if not any(code in used_regencies for code in province.regency_codes):
            continue
        province_url = PROVINCE.format(province=province.slug)
        pages.append(Page(province_url, "province", "province.html.j2", subject=province.code,
                          parents=((HOME, "nav.home"), (REGIONS, "nav.regions"))))
        for code in province.regency_codes:
            if code in used_regencies:
                regency = catalog.regencies[code]
                pages.append(Page(REGENCY.format(province=province.slug, regency=regency.slug), "regency",
                                  "regency.html.j2", subject=code,
                                  parents=((HOME, "nav.home"), (REGIONS, "nav.regions"), (province_url, f"province:{province.code}"))))
    for bumdes in catalog.bumdes.values():
        pages.append(Page(BUMDES.format(id=bumdes.id), "bumdes", "bumdes.html.j2", subject=bumdes.id,
                          parents=((HOME, "nav.home"), *_place_parents(catalog, bumdes.regency_code))))
    for product in catalog.products.values():
        pages.append(Page(product_url(product.id), "product", "product.html.j2", subject=product.id,
                          parents=((HOME, "nav.home"), (PRODUCTS, "nav.products"),
                                   (CATEGORY.format(slug=product.data.category), f"category:{product.data.category}"))))
    return pages


def _place_parents(catalog: Catalog, regency_code: str) -> tuple[tuple[str, str], ...]:
    regency = catalog.regencies.get(regency_code)
    if regency is None:
        return ((REGIONS, "nav.regions"),)
    province = catalog.provinces[regency.province_code]
    return (
        (REGIONS, "nav.regions"),
        (PROVINCE.format(province=province.slug), f"province:{province.code}"),
        (REGENCY.format(province=province.slug, regency=regency.slug), f"regency:{regency.code}"),
    )


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


def featured_products(catalog: Catalog, limit: int = 8) -> list[ProductEntry]:
    """Products for the home page: one per category first (those with photos first), then the rest."""
    chosen: list[ProductEntry] = []
    for ids in catalog.products_by_category.values():
        candidates = sorted((catalog.products[i] for i in ids), key=lambda p: (not p.data.photos, p.id))
        if candidates:
            chosen.append(candidates[0])
    rest = [p for p in catalog.products.values() if p not in chosen]
    return (chosen + rest)[:limit]


def products_of_bumdes(catalog: Catalog, bumdes: BumdesEntry) -> list[ProductEntry]:
    """The products of one BUMDes, sorted by id."""
    return [catalog.products[i] for i in bumdes.product_ids]



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
