"""Every kind of page, declared once: its template, how its view is made, whether a shell makes it; and
which pages of each kind the catalog has (the same list in every language)."""

from __future__ import annotations

from generator import views
from generator.catalog import Catalog
from generator.pages import (ABOUT, BUMDES, CATEGORY, CONTACT, HOME, HOW_TO_BUY, INQUIRY_LIST, PRODUCTS, PROVINCE, REGENCY,
                             REGIONS, Page, PageKind, product_url)

HOME_PAGE = PageKind("home", "home.html.j2", views.home_view, in_nav=True)
ALL_PRODUCTS = PageKind("products", "listing.html.j2", views.products_view, in_nav=True)
CATEGORY_PAGE = PageKind("category", "listing.html.j2", views.category_view, shell=True)
REGIONS_PAGE = PageKind("regions", "regions.html.j2", views.regions_view, in_nav=True)
PROVINCE_PAGE = PageKind("province", "province.html.j2", views.province_view, shell=True)
REGENCY_PAGE = PageKind("regency", "regency.html.j2", views.regency_view, shell=True)
BUMDES_PAGE = PageKind("bumdes", "bumdes.html.j2", views.bumdes_view, shell=True)
PRODUCT_PAGE = PageKind("product", "product.html.j2", views.product_view, shell=True)
INFO_PAGE = PageKind("info", "info.html.j2", views.info_view, in_nav=True)
CONTACT_PAGE = PageKind("contact", "contact.html.j2", views.contact_view, in_nav=True)
INQUIRY_LIST_PAGE = PageKind("inquiry-list", "inquiry_list.html.j2", views.inquiry_list_view, in_nav=True)

KINDS = (HOME_PAGE, ALL_PRODUCTS, CATEGORY_PAGE, REGIONS_PAGE, PROVINCE_PAGE, REGENCY_PAGE, BUMDES_PAGE, PRODUCT_PAGE,
         INFO_PAGE, CONTACT_PAGE, INQUIRY_LIST_PAGE)
"""Every kind of page there is."""


def plan_pages(catalog: Catalog) -> list[Page]:
    """Every page of the site, in a stable order (the same in every language)."""
    home = ((HOME, "nav.home"),)
    pages = [
        Page(HOME, HOME_PAGE),
        Page(PRODUCTS, ALL_PRODUCTS, parents=home),
        Page(REGIONS, REGIONS_PAGE, parents=home),
        Page(HOW_TO_BUY, INFO_PAGE, subject="how-to-buy", parents=home),
        Page(ABOUT, INFO_PAGE, subject="about", parents=home),
        Page(CONTACT, CONTACT_PAGE, parents=home),
        Page(INQUIRY_LIST, INQUIRY_LIST_PAGE, parents=home),
    ]
    for slug, product_ids in catalog.products_by_category.items():
        if product_ids:
            pages.append(Page(CATEGORY.format(slug=slug), CATEGORY_PAGE, subject=slug, parents=(*home, (PRODUCTS, "nav.products"))))
    used_regencies = catalog.bumdes_by_regency
    for province in catalog.provinces.values():
        if not any(code in used_regencies for code in province.regency_codes):
            continue
        province_url = PROVINCE.format(province=province.slug)
        pages.append(Page(province_url, PROVINCE_PAGE, subject=province.code, parents=(*home, (REGIONS, "nav.regions"))))
        for code in province.regency_codes:
            if code in used_regencies:
                regency = catalog.regencies[code]
                pages.append(Page(REGENCY.format(province=province.slug, regency=regency.slug), REGENCY_PAGE, subject=code,
                                  parents=(*home, (REGIONS, "nav.regions"), (province_url, f"province:{province.code}"))))
    for bumdes in catalog.bumdes.values():
        pages.append(Page(BUMDES.format(id=bumdes.id), BUMDES_PAGE, subject=bumdes.id,
                          parents=(*home, *_place_parents(catalog, bumdes.regency_code))))
    for product in catalog.products.values():
        pages.append(Page(product_url(product.id), PRODUCT_PAGE, subject=product.id,
                          parents=(*home, (PRODUCTS, "nav.products"),
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
