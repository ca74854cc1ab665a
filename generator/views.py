"""What goes on each page in one language: typed views of plain values and escaped text, for the templates.

Templates only print what a view holds: strings (escaped as they are printed), Markup already made safe
here (sanitised rich text, a fallback marked as untranslated) and links already relative to the page that
shows them. A view reaches the catalog only through its page's ``CatalogReader`` (deps.py), so everything
it reads is on the page's record; what every page reads (site_config.yml, the regions, the theme) is in
the build's fingerprint.
"""

from __future__ import annotations

import json
import math
from operator import attrgetter
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any, Mapping

from markupsafe import Markup

from generator import pages as P
from generator import structured as S
from generator.catalog import BumdesEntry, Catalog, ProductEntry
from generator.deps import CatalogReader
from generator.documents import ProcessedDocument
from generator.inquiry import BLANK, Line, MessageLayout, compose, label_text, mailto_link, qr_image, whatsapp_link
from generator.localize import Localizer, plain_text, render_rich
from generator.media import CardFor, bumdes_card, product_card
from generator.models import Contact, Photo, Video, format_phone
from generator.search import THUMB_WIDTH, SearchResult
from generator.videos import ProcessedVideo, duration_text

PLACEHOLDER_TOKENS = ("quantity", "destination", "incoterm", "sample", "message")
LISTING_CARDS = 48
"""Cards with photos per listing page; further products are listed one line each (see _macros rows)."""


# --- the parts pages share -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Picture:
    """A <picture>: its WebP srcset (every browser in use decodes WebP), the src of one width, the intrinsic
    size and the alt text."""

    srcset: str
    src: str
    width: int
    height: int
    alt: str
    alt_lang: str | None
    """The alt text's language when it is a fallback to the source language."""


@dataclass(frozen=True)
class CardText:
    """The language-dependent part of a product card, the same on every page that shows it (made once)."""

    id: str
    name: Markup
    category: str
    category_name: str
    bumdes: str
    place: str
    province: str
    regency_code: str
    certs: str
    incoterms: str
    availability: str
    moq_label: str
    moq: str
    price_label: str
    price: str
    moq_unit: str
    """The MOQ's unit (a vocabulary key): the inquiry list asks for this product in it first."""
    moq_family: str
    """The MOQ's unit family (mass, volume, count, a container size): the listing filter compares within it."""
    moq_base: str
    """The MOQ in the family's smallest unit (500 kg, 5 tonnes → 5000), for the filter."""
    contact: str
    """Who answers inquiries for it ("dealer" or an agent's id), for the inquiry list."""
    plain_name: str
    """The name as plain text, for sorting (a card's button takes the name from its title: inquiry.js)."""

    @property
    def row_detail(self) -> str:
        """A one-line row's words after the name (the listings' rows and rows.json say the same)."""
        return f"{self.bumdes} · {self.place} · {self.moq_label} {self.moq}"


@dataclass(frozen=True)
class Card(CardText):
    """A product card (or a one-line row, without a picture) on one page: its link and photo."""

    url: str = ""
    picture: Picture | None = None


@dataclass(frozen=True)
class Crumb:
    """One step of the breadcrumb trail; the page itself has no link."""

    url: str | None
    label: str


@dataclass(frozen=True)
class PlaceLink:
    """A province, regency or BUMDes in a list: its name, its page and a line under it."""

    name: str
    url: str | None
    summary: str = ""
    regencies: tuple["PlaceLink", ...] = ()


@dataclass(frozen=True)
class Option:
    """One choice of a listing filter."""

    value: str
    label: str
    parent: str | None = None
    """For a regency: its province, so picking a province narrows the regencies."""
    family: str = ""
    """For a unit: its family, within which the MOQ filter compares."""
    base: str = ""
    """For a unit: how many of its family's smallest unit it is."""


@dataclass(frozen=True)
class Filter:
    """A listing filter control with the values that occur."""

    name: str
    label: str
    kind: str
    options: tuple[Option, ...] = ()


@dataclass(frozen=True)
class PageView:
    """One page in one language: its head data, its body view, and the words it is found by."""

    title: str
    description: str
    body: Any
    """The typed view the page's template prints (its fields are the template's names)."""
    og_image: str | None = None
    og_type: str = "website"
    search: tuple[str, ...] = ()
    """The texts a buyer finds this page by, besides its title; pages without them are not in the search index."""
    result: SearchResult | None = None
    """A product's names, synonyms and codes for search, and what its search result shows (search.py)."""
    jsonld: tuple[dict[str, Any], ...] = ()
    """The page's schema.org nodes besides its breadcrumb trail (a product, an organization)."""
    crumbs: tuple[Crumb, ...] = ()
    structured: dict[str, Any] | None = None
    """The whole JSON-LD document (its nodes and the breadcrumb trail)."""
    files: tuple[tuple[str, str], ...] = ()
    """(name, text) of files written into the page's folder with it. Only a kind rendered in every build (in the
    nav) may have them: a page restored from the page cache would lose them."""


# --- what a language shares, and what one page has -----------------------------------------------------


@dataclass
class LanguageEnv:
    """Everything shared by the pages of one language."""

    catalog: Catalog
    loc: Localizer
    theme_pages: Path
    cards: dict[str, CardText] = field(default_factory=dict)
    """Card texts already made in this language, by product id."""

    @property
    def lang(self) -> str:
        """The language code."""
        return self.loc.code


class Linker:
    """Links from one page: to other pages of the same language, to media, and absolute URLs."""

    def __init__(self, catalog: Catalog, lang: str, page_url: str):
        self.base = catalog.config.base_url.rstrip("/")
        self.lang = lang
        self.page_url = page_url
        self.depth = len([part for part in f"{lang}/{page_url}".split("/") if part])

    def to(self, url: str | None) -> str | None:
        """Relative link to another page of this language."""
        return None if url is None else P.relative_url(self.page_url, url)

    def media(self, name: str) -> str:
        """Relative link to a file in site/media/."""
        return "../" * self.depth + f"{P.MEDIA_DIR}/{name}"

    def absolute(self, url: str) -> str:
        """Absolute URL of a page of this language."""
        return f"{self.base}/{self.lang}/{url}"

    def absolute_media(self, name: str) -> str:
        """Absolute URL of a media file (for link previews and structured data)."""
        return f"{self.base}/{P.MEDIA_DIR}/{name}"


@dataclass
class PageContext:
    """What a view builder has for one page: the language, the recording catalog reader and the links."""

    env: LanguageEnv
    read: CatalogReader
    link: Linker
    page: P.Page

    @property
    def loc(self) -> Localizer:
        """The page's language."""
        return self.env.loc

    @property
    def config(self):
        """site_config.yml (in the fingerprint: not recorded)."""
        return self.env.catalog.config

    @property
    def synonyms(self) -> Mapping[str, tuple[str, ...]]:
        """Each product's words from glossary/ (in the fingerprint: not recorded; the names they match are read)."""
        return self.env.catalog.synonyms

    @property
    def regions(self) -> Catalog:
        """Provinces and regencies (regions/, in the fingerprint: not recorded) as the catalog holds them."""
        return self.env.catalog


def make_view(env: LanguageEnv, read: CatalogReader, page: P.Page) -> PageView:
    """The page's view in the env's language; what it read is left in ``read.reads``."""
    ctx = PageContext(env=env, read=read, link=Linker(env.catalog, env.lang, page.url), page=page)
    view: PageView = page.kind.view(ctx, page)
    if view.files and not page.kind.in_nav:
        raise ValueError(f"{page.kind.name} pages come from the page cache, which keeps no files beside them")
    crumbs = tuple(crumbs_view(ctx, page, view.title)) if page.parents else ()
    trail = [(_crumb_label(ctx, key), ctx.link.absolute(url)) for url, key in page.parents]
    trail.append((view.title, ctx.link.absolute(page.url)))
    return PageView(title=view.title, description=view.description, body=view.body, og_image=view.og_image,
                    og_type=view.og_type, search=view.search, result=view.result, jsonld=view.jsonld, crumbs=crumbs,
                    structured=S.graph(*view.jsonld, S.breadcrumb_list(trail)), files=view.files)


@dataclass(frozen=True)
class SiteLinks:
    """Links every page may show: to the listing, how to buy and the contact page."""

    products: str | None
    how_to_buy: str | None
    contact: str | None


def template_context(env: LanguageEnv, page: P.Page, view: PageView) -> dict[str, Any]:
    """The names a page's template prints: its body view's fields, the trail, links and UI strings."""
    link = Linker(env.catalog, env.lang, page.url)
    return {
        **vars(view.body),
        "crumbs": view.crumbs,
        "loc": env.loc,
        "t": env.loc.ui,
        "links": SiteLinks(products=link.to(P.PRODUCTS), how_to_buy=link.to(P.HOW_TO_BUY), contact=link.to(P.CONTACT)),
    }


def picture_view(ctx: PageContext, folder: Path, photo: Photo) -> Picture | None:
    """<picture> data of one photo entry (None if it was not processed)."""
    processed = ctx.read.photo(folder, photo)
    if processed is None:
        return None
    link, loc = ctx.link, ctx.loc
    webp = processed.of_format("webp")
    return Picture(
        srcset=", ".join(f"{link.media(v.name)} {v.width}w" for v in webp),
        src=link.media(webp[min(1, len(webp) - 1)].name),
        width=webp[-1].width,
        height=webp[-1].height,
        alt=loc.plain(photo.alt),
        alt_lang=loc.fallback_lang(photo.alt),
    )


def _preview(ctx: PageContext, folder: Path, photos: list[Photo]) -> str | None:
    """The link-preview image: the first photo's 1200 × 630 crop, absolute."""
    processed = ctx.read.photo(folder, photos[0]) if photos else None
    return ctx.link.absolute_media(processed.preview.name) if processed else None


def _preview_or_card(ctx: PageContext, card: CardFor, folder: Path, photos: list[Photo]) -> str | None:
    """The link preview of a product's or BUMDes's own page: its first photo, else ``card`` (its name, category or
    "BUMDes", and province in this language)."""
    if photos:
        return _preview(ctx, folder, photos)
    name = ctx.read.card(card)
    return ctx.link.absolute_media(name) if name else None


def place_line(ctx: PageContext, regency_code: str, province_code: str) -> str:
    """"Sigi Regency, Central Sulawesi" in the page language."""
    regency = ctx.regions.regencies.get(regency_code)
    province = ctx.regions.provinces.get(province_code)
    # Chinese names the province first, with no separator (中苏拉威西省Sigi县): the order is a UI string.
    return ctx.loc.t("common.place", regency=ctx.loc.place(regency.name) if regency else regency_code,
                     province=ctx.loc.place(province.name) if province else province_code)


def amount_text(ctx: PageContext, quantity: Any, unit: str) -> str:
    """"500 kg", "3 tonnes" with the number in the page's locale; "1 × 20 ft container" where the unit starts
    with a digit."""
    term = ctx.config.vocabularies.units[unit]
    name = ctx.loc.unit(term.name, term.plural, quantity)
    return f"{ctx.loc.number(quantity)} {'× ' if name[:1].isdigit() else ''}{name}"


def price_text(ctx: PageContext, product: ProductEntry) -> str:
    """The price range, single price or 'on request', formatted in the page's locale."""
    price = product.data.price
    loc = ctx.loc
    if price.on_request or price.min is None or price.currency is None or price.unit is None:
        return loc.t("product.price_on_request")
    unit = loc.plain(ctx.config.vocabularies.units[price.unit].name)
    low = loc.money(price.min, price.currency)
    if price.max is not None and price.max != price.min:
        return loc.t("product.price_range", min=low, max=loc.money(price.max, price.currency), unit=unit, incoterm=price.incoterm)
    return loc.t("product.price_single", min=low, unit=unit, incoterm=price.incoterm)


def card_text(ctx: PageContext, product_id: str) -> CardText:
    """The language-dependent part of a card (made once per language; read again for this page's record)."""
    product = ctx.read.product(product_id)
    bumdes = ctx.read.bumdes(product.bumdes_id)
    cached = ctx.env.cards.get(product_id)
    if cached is not None:
        return cached
    data, loc = product.data, ctx.loc
    text = CardText(
        id=product_id,
        name=loc.text(data.name),
        category=data.category,
        category_name=loc.plain(ctx.config.vocabularies.categories[data.category].name),
        bumdes=loc.plain(bumdes.data.name),
        place=place_line(ctx, product.regency_code, product.province_code),
        province=product.province_code,
        regency_code=product.regency_code,
        certs=" ".join(sorted({c.type for c in product.certifications})),
        incoterms=" ".join(sorted({s.incoterm for s in data.shipping})),
        availability=data.availability,
        moq_label=loc.t("product.moq"),
        moq=amount_text(ctx, data.moq.quantity, data.moq.unit),
        price_label=loc.t("product.price"),
        price=price_text(ctx, product),
        moq_unit=data.moq.unit,
        moq_family=ctx.config.vocabularies.units[data.moq.unit].family,
        moq_base=str(data.moq.quantity * ctx.config.vocabularies.units[data.moq.unit].base),
        contact=_contact_key(ctx, bumdes),
        plain_name=loc.plain(data.name),
    )
    ctx.env.cards[product_id] = text
    return text


def card_view(ctx: PageContext, product: ProductEntry) -> Card:
    """A product card: photo, name, producer, place and two key facts, plus filter attributes."""
    first = product.data.photos[0] if product.data.photos else None
    return Card(**vars(card_text(ctx, product.id)), url=ctx.link.to(P.product_url(product.id)) or "",
                picture=picture_view(ctx, product.folder, first) if first else None)


def row_view(ctx: PageContext, product: ProductEntry) -> Card:
    """A one-line listing entry: the card's texts and link, without the photo."""
    return Card(**vars(card_text(ctx, product.id)), url=ctx.link.to(P.product_url(product.id)) or "")


@dataclass(frozen=True)
class Listing:
    """The first products as cards, the rest as one-line rows (a 10,000-product listing stays light)."""

    items: tuple[Card, ...]
    more: tuple[Card, ...]


def listing_view(ctx: PageContext, products: list[ProductEntry]) -> Listing:
    """Cards for the first products, rows for the rest, in the order of their names in this language."""
    key = ctx.loc.sort_key
    products = sorted(products, key=lambda p: (key(card_text(ctx, p.id).plain_name), p.id))
    return Listing(items=tuple(card_view(ctx, p) for p in products[:LISTING_CARDS]),
                   more=tuple(row_view(ctx, p) for p in products[LISTING_CARDS:]))


def crumbs_view(ctx: PageContext, page: P.Page, label: str) -> list[Crumb]:
    """Breadcrumb trail: the page's parents, then the page itself (not a link)."""
    return [*(Crumb(url=ctx.link.to(url), label=_crumb_label(ctx, key)) for url, key in page.parents), Crumb(url=None, label=label)]


def _crumb_label(ctx: PageContext, key: str) -> str:
    kind, _, ident = key.partition(":")
    if kind == "province":
        return ctx.loc.place(ctx.regions.provinces[ident].name)
    if kind == "regency":
        return ctx.loc.place(ctx.regions.regencies[ident].name)
    if kind == "category":
        return ctx.loc.plain(ctx.config.vocabularies.categories[ident].name)
    return ctx.loc.t(key)


def theme_page(ctx: PageContext, name: str) -> Markup:
    """A project-written text (theme/pages/<lang>/<name>.md), falling back to the source language, whose
    file rules.check_theme_pages requires."""
    env = ctx.env
    for lang in (env.lang, env.catalog.source_language):
        path = ctx.read.text(env.theme_pages, name, lang)
        if path is not None:
            html = Markup(render_rich(path.read_text(encoding="utf-8")))
            if lang != env.lang:
                return Markup('<div class="vc-fallback" lang="{}">{}</div><p class="vc-fallback__note">{}</p>').format(
                    lang, html, env.loc.t("common.not_translated"))
            return html
    return Markup("")


# --- the pages -------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class CategoryChip:
    """A category on the home page, with its product count."""

    slug: str
    name: str
    url: str | None
    count: int


@dataclass(frozen=True)
class HomeBody:
    """The home page."""

    site_title: str
    categories: tuple[CategoryChip, ...]
    featured: tuple[Card, ...]
    provinces: tuple[PlaceLink, ...]
    how_summary: Markup


def category_chips(ctx: PageContext, catalog: Catalog) -> tuple[CategoryChip, ...]:
    """Every category with products, in the vocabulary's order, with its count and page."""
    return tuple(
        CategoryChip(slug=slug, name=ctx.loc.plain(term.name), url=ctx.link.to(P.CATEGORY.format(slug=slug)),
                     count=len(catalog.products_by_category[slug]))
        for slug, term in ctx.config.vocabularies.categories.items() if catalog.products_by_category[slug]
    )


def featured_products(catalog: Catalog, limit: int = 8) -> list[ProductEntry]:
    """Products for the home page: one per category first (those with photos first), then the rest."""
    chosen: list[ProductEntry] = []
    for ids in catalog.products_by_category.values():
        candidates = sorted((catalog.products[i] for i in ids), key=lambda p: (not p.data.photos, p.id))
        if candidates:
            chosen.append(candidates[0])
    rest = [p for p in catalog.products.values() if p not in chosen]
    return (chosen + rest)[:limit]


def home_view(ctx: PageContext, page: P.Page) -> PageView:
    """The home page: categories, featured products, provinces, how to buy."""
    catalog = ctx.read.everything()
    categories = category_chips(ctx, catalog)
    featured = featured_products(catalog)
    first_photo = next((p for p in featured if p.data.photos), None)
    og = _preview(ctx, first_photo.folder, first_photo.data.photos) if first_photo else None
    title = ctx.loc.plain(ctx.config.title)
    body = HomeBody(site_title=title, categories=categories, featured=tuple(card_view(ctx, p) for p in featured),
                    provinces=_province_list(ctx, catalog), how_summary=theme_page(ctx, "how-summary"))
    return PageView(title=title, description=ctx.loc.plain(ctx.config.description), body=body, og_image=og)


def _province_list(ctx: PageContext, catalog: Catalog) -> tuple[PlaceLink, ...]:
    used = catalog.bumdes_by_regency
    result = []
    for province in catalog.provinces.values():
        regencies = [catalog.regencies[c] for c in province.regency_codes if c in used]
        if not regencies:
            continue
        count = len(catalog.products_by_province.get(province.code, ()))
        result.append(PlaceLink(
            name=ctx.loc.place(province.name),
            url=ctx.link.to(P.province_url(catalog, province.code)),
            summary=ctx.loc.count("common.products_count", count),
            regencies=tuple(PlaceLink(name=ctx.loc.place(r.name), url=ctx.link.to(P.regency_url(catalog, r.code))) for r in regencies),
        ))
    return tuple(result)


@dataclass(frozen=True)
class RowsFile:
    """The all-products listing's products after its cards, in a file beside the page instead of its HTML."""

    name: str
    count: int
    lead: str
    """Without JavaScript: "9,952 more products. Every category:" before the category links (each with its full count)."""
    show: str
    """The button that fetches them: "Show 9,952 more products"."""
    categories: tuple[CategoryChip, ...]


@dataclass(frozen=True)
class ListingBody(Listing):
    """All products, or one category's."""

    title: str = ""
    lead: str = ""
    filters: tuple[Filter, ...] = ()
    rest: RowsFile | None = None


ROW_FIELDS = {"url": "url", "name": "plain_name", "detail": "row_detail", "category": "category", "province": "province",
              "regency": "regency_code", "certs": "certs", "incoterms": "incoterms", "availability": "availability",
              "moqFamily": "moq_family", "moqBase": "moq_base"}
"""A row's values in rows.json and the Card attribute each comes from; after the first three, the filter's data
attributes (as ``dataset`` names them)."""


def products_view(ctx: PageContext, page: P.Page) -> PageView:
    """Every product, with filters: its first products as cards, the rest in P.ROWS_FILE (always rendered: in the nav)."""
    catalog = ctx.read.everything()
    products = list(catalog.products.values())
    title, lead = ctx.loc.t("listing.all_title"), ctx.loc.t("listing.all_lead")
    listing = listing_view(ctx, products)
    rest, files = None, ()
    if listing.more:
        count = len(listing.more)
        rest = RowsFile(name=P.ROWS_FILE, count=count, lead=ctx.loc.count("listing.rest_lead", count),
                        show=ctx.loc.count("listing.rest_show", count), categories=category_chips(ctx, catalog))
        files = ((P.ROWS_FILE, rows_json(listing.more)),)
    body = ListingBody(items=listing.items, more=(), title=title, lead=lead, filters=_filters(ctx, products), rest=rest)
    return PageView(title=title, description=lead, body=body, files=files)


def rows_json(rows: tuple[Card, ...]) -> str:
    """The rows as catalog.js draws them: the texts of an HTML row and its filter attributes, one array each."""
    row = attrgetter(*ROW_FIELDS.values())
    return json.dumps({"fields": list(ROW_FIELDS), "rows": [row(r) for r in rows]}, ensure_ascii=False, separators=(",", ":"))


def category_view(ctx: PageContext, page: P.Page) -> PageView:
    """One category's products."""
    term = ctx.config.vocabularies.categories[page.subject]
    title = ctx.loc.plain(term.name)
    lead = ctx.loc.t("listing.category_lead", category=title)
    listing = listing_view(ctx, ctx.read.products_in_category(page.subject))
    return PageView(title=title, description=lead, search=(lead,),
                    body=ListingBody(items=listing.items, more=listing.more, title=title, lead=lead))


def _filters(ctx: PageContext, products: list[ProductEntry]) -> tuple[Filter, ...]:
    """Filter controls with only the values that occur in the catalog."""
    regions, loc = ctx.regions, ctx.loc
    vocab = ctx.config.vocabularies
    used = lambda values: sorted(set(values))  # noqa: E731
    provinces = used(p.province_code for p in products)
    regencies = used(p.regency_code for p in products)
    return (
        Filter("category", loc.t("listing.filter_category"), "select",
               tuple(Option(s, loc.plain(vocab.categories[s].name)) for s in used(p.data.category for p in products))),
        Filter("province", loc.t("listing.filter_province"), "select",
               tuple(Option(c, loc.place(regions.provinces[c].name)) for c in provinces if c in regions.provinces)),
        Filter("regency", loc.t("listing.filter_regency"), "select",
               tuple(Option(c, loc.place(regions.regencies[c].name), parent=c[:2]) for c in regencies if c in regions.regencies)),
        Filter("certification", loc.t("listing.filter_certification"), "select",
               tuple(Option(s, loc.plain(vocab.certifications[s].name)) for s in used(c.type for p in products for c in p.certifications))),
        Filter("incoterm", loc.t("listing.filter_incoterm"), "select",
               tuple(Option(s, loc.plain(vocab.incoterms[s].name)) for s in used(x.incoterm for p in products for x in p.data.shipping))),
        Filter("availability", loc.t("listing.filter_availability"), "select",
               tuple(Option(a, loc.t(f"product.availability_{a}")) for a in used(p.data.availability for p in products))),
        Filter("moq", loc.t("listing.filter_moq"), "moq",
               tuple(Option(key, loc.plain(unit.name), family=unit.family, base=str(unit.base)) for key, unit in vocab.units.items()
                     if any(vocab.units[p.data.moq.unit].family == unit.family for p in products))),
    )


@dataclass(frozen=True)
class RegionsBody:
    """The regions overview."""

    provinces: tuple[PlaceLink, ...]


def regions_view(ctx: PageContext, page: P.Page) -> PageView:
    """Every province with BUMDes, and its regencies."""
    body = RegionsBody(provinces=_province_list(ctx, ctx.read.everything()))
    return PageView(title=ctx.loc.t("regions.title"), description=ctx.loc.t("regions.lead"), body=body)


@dataclass(frozen=True)
class ProvinceBody(Listing):
    """A province: its regencies with BUMDes and their products."""

    name: str = ""
    description: Markup | None = None
    regencies: tuple[PlaceLink, ...] = ()


def province_view(ctx: PageContext, page: P.Page) -> PageView:
    """A province page."""
    regions = ctx.regions
    province = regions.provinces[page.subject]
    enterprises = ctx.read.bumdes_in_province(province.code)
    counts: dict[str, int] = {}
    for bumdes in enterprises:
        counts[bumdes.regency_code] = counts.get(bumdes.regency_code, 0) + len(bumdes.product_ids)
    regencies = tuple(
        PlaceLink(name=ctx.loc.place(regions.regencies[code].name), url=ctx.link.to(P.regency_url(regions, code)),
                  summary=ctx.loc.count("common.products_count", counts[code]))
        for code in province.regency_codes if code in counts
    )
    listing = listing_view(ctx, ctx.read.products_in_province(province.code))
    name = ctx.loc.place(province.name)
    search = (name, plain_text(ctx.loc.plain(province.description)))
    body = ProvinceBody(items=listing.items, more=listing.more, name=name,
                        description=ctx.loc.rich(province.description) if province.description else None, regencies=regencies)
    return PageView(title=name, description=ctx.loc.plain(province.description) or name, search=search, body=body)


@dataclass(frozen=True)
class RegencyBody(Listing):
    """A regency or city: its BUMDes and their products."""

    name: str = ""
    province_name: str = ""
    description: Markup | None = None
    enterprises: tuple[PlaceLink, ...] = ()


def regency_view(ctx: PageContext, page: P.Page) -> PageView:
    """A regency page."""
    regency = ctx.regions.regencies[page.subject]
    enterprises = tuple(
        PlaceLink(name=ctx.loc.plain(b.data.name), url=ctx.link.to(P.BUMDES.format(id=b.id)), summary=b.village_name)
        for b in ctx.read.bumdes_in_regency(regency.code)
    )
    listing = listing_view(ctx, ctx.read.products_in_regency(regency.code))
    name = ctx.loc.place(regency.name)
    province_name = ctx.loc.place(ctx.regions.provinces[regency.province_code].name)
    search = (name, province_name, plain_text(ctx.loc.plain(regency.description)))
    body = RegencyBody(items=listing.items, more=listing.more, name=name, province_name=province_name,
                       description=ctx.loc.rich(regency.description) if regency.description else None, enterprises=enterprises)
    return PageView(title=name, description=ctx.loc.plain(regency.description) or name, search=search, body=body)


@dataclass(frozen=True)
class BumdesBody(Listing):
    """A BUMDes's page: who they are, where, and their products."""

    name: Markup = Markup("")
    village_line: str = ""
    legal_name: str = ""
    nib: str | None = None
    founded: int | None = None
    contact_name: str = ""
    description: Markup = Markup("")
    pictures: tuple[Picture, ...] = ()


def bumdes_view(ctx: PageContext, page: P.Page) -> PageView:
    """A BUMDes page."""
    bumdes = ctx.read.bumdes(page.subject)
    data, loc = bumdes.data, ctx.loc
    pictures = tuple(p for p in (picture_view(ctx, bumdes.folder, photo) for photo in data.photos) if p)
    village_line = f"{bumdes.village_name}, {place_line(ctx, bumdes.regency_code, bumdes.province_code)}"
    title = loc.plain(data.name)
    products = ctx.read.products_of_bumdes(bumdes.id)
    search = (data.legal_name, village_line, plain_text(loc.plain(data.description)), *(loc.plain(p.data.name) for p in products))
    listing = listing_view(ctx, products)
    body = BumdesBody(items=listing.items, more=listing.more, name=loc.text(data.name), village_line=village_line,
                      legal_name=data.legal_name, nib=data.nib, founded=data.founded, contact_name=bumdes.contact.name,
                      description=loc.rich(data.description), pictures=pictures)
    regency = ctx.regions.regencies.get(bumdes.regency_code)
    province = ctx.regions.provinces.get(bumdes.province_code)
    node = S.bumdes_node(
        bumdes, name=title, url=ctx.link.absolute(page.url),
        regency=loc.place(regency.name) if regency else bumdes.regency_code,
        province=loc.place(province.name) if province else bumdes.province_code,
        images=_absolute_images(ctx, bumdes.folder, data.photos),
    )
    return PageView(title=title, description=f"{data.legal_name} · {village_line}", body=body,
                    og_image=_preview_or_card(ctx, bumdes_card(bumdes, ctx.env.lang), bumdes.folder, data.photos), og_type="profile", search=search, jsonld=(node,))


def _film(ctx: PageContext, product: ProductEntry) -> tuple[Video, ProcessedVideo] | None:
    """The product's video and its published copy (None without one, or if it was not processed)."""
    video = product.data.video
    processed = ctx.read.video(product.folder, video) if video else None
    return (video, processed) if video is not None and processed is not None else None


def _video_node(ctx: PageContext, product: ProductEntry, name: str, preview: str | None) -> dict[str, Any] | None:
    """The product's film for JSON-LD: its caption, file, length and first photo, or the page's link
    preview (``preview``, its card) when it has none: search engines show no video without a thumbnail."""
    film = _film(ctx, product)
    if film is None:
        return None
    video, processed = film
    thumbnail = _absolute_images(ctx, product.folder, product.data.photos[:1])
    return S.video_object(name=name, description=ctx.loc.plain(video.caption), url=ctx.link.absolute_media(processed.name),
                          mime=processed.mime, seconds=processed.seconds, uploaded=processed.uploaded,
                          thumbnail=thumbnail[0] if thumbnail else preview)


def _absolute_images(ctx: PageContext, folder: Path, photos: list[Photo]) -> list[str]:
    urls = []
    for photo in photos:
        processed = ctx.read.photo(folder, photo)
        if processed:
            urls.append(ctx.link.absolute_media(processed.largest().name))
    return urls


@dataclass(frozen=True)
class ShippingTerm:
    """An Incoterm offered, with its name and place."""

    term: str
    name: str
    place: str


@dataclass(frozen=True)
class CertificateLine:
    """A certificate still valid on the build's date."""

    name: str
    number: str
    issuer: str
    validity: str
    issued: str | None = None
    verify_url: str | None = None
    document: "DocumentLink | None" = None


@dataclass(frozen=True)
class DocumentLink:
    """A published scan of a certificate or report: where it is, its first page, what it is."""

    url: str
    preview: Picture | None
    label: str


@dataclass(frozen=True)
class AnalysisView:
    """A laboratory analysis (certificate of analysis) of a recent sample."""

    lab: str
    number: str | None
    sample_date: str
    results: tuple["SpecRow", ...]
    verify_url: str | None
    document: DocumentLink | None


@dataclass(frozen=True)
class PriceRow:
    """One tier of a price list: from how much, at what price."""

    quantity: str
    price: str


@dataclass(frozen=True)
class PriceGroup:
    """Prices under one Incoterm at one place (FOB Pantoloan, Palu), tier by tier."""

    term: str
    term_name: str
    place: str
    rows: tuple[PriceRow, ...]


@dataclass(frozen=True)
class PersonLine:
    """A named contact at the dealer."""

    name: str
    role: str
    languages: str
    """What they speak, named in the page's language ("speaks Indonesian and English"); empty when not said."""


@dataclass(frozen=True)
class DealerView:
    """What a buyer checks about the dealer before trusting them."""

    name: str
    legal_name: str
    registration: str | None
    since: int | None
    response_time: str
    alibaba: str | None
    payment_terms: tuple[str, ...]
    people: tuple[PersonLine, ...]
    contact_url: str | None
    email: str = ""
    """For the printed sheet's letterhead: the dealer's address, number and site in this language."""
    whatsapp_display: str | None = None
    website: str = ""


@dataclass(frozen=True)
class SpecRow:
    """One row of the specification table."""

    name: Markup
    value: Markup


@dataclass(frozen=True)
class ContactView:
    """Who receives a product's inquiries (the dealer or a regional agent) and how to reach them."""

    key: str
    """"dealer" or the agent's id: the inquiry list groups products by it."""
    name: str
    email: str
    whatsapp: str | None
    """Digits only, as wa.me wants them."""
    whatsapp_display: str | None
    """The number as people read it (+62 813-4100-5678)."""
    wechat: str | None
    wechat_qr: QrPicture | None
    alibaba: str | None


@dataclass(frozen=True)
class Choice:
    """One option of a form field: its value as the message states it, and its label."""

    value: str
    label: str
    family: str = ""
    """For a unit: its family (mass, volume, a container size), so a list offers only units that fit."""
    base: str = ""
    """For a unit: how many of its family's base unit it is (tonne: 1000), to compare a quantity with the MOQ."""
    plural: str = ""
    """For a unit: its name for more than one where the language has one ("tonnes"), to say the MOQ."""


@dataclass(frozen=True)
class InquiryView:
    """The quote section of a product page: what is this product's own; the form every product page shares is
    drawn by inquiry.js from the language's InquiryKit."""

    product_id: str
    product_name: str
    product_line: str
    """The product as the message names it: "Name (id)"; also the subject's end."""
    producer_line: str
    """Its BUMDes and place, as the message names them."""
    contact: ContactView
    mailto: str
    """The e-mail link, opening with what the product is (inquiry.js writes the whole message into it)."""
    whatsapp: str | None
    """The WhatsApp link, the same way."""
    alibaba: str | None
    unit: str
    """The MOQ's unit (a vocabulary key): the form asks in it first, and so does the inquiry list."""
    moq: str
    """The MOQ's quantity in that unit: the form says when the buyer asks for less."""
    family: str
    """Its family: the form and the inquiry list offer units of this family and containers."""
    terms: str
    """The product's Incoterms with their places ("FOB Pantoloan"), as JSON for the form's choice."""
    samples: bool
    """Whether the product's samples policy offers samples (then the form asks about one)."""
    send_order: tuple[str, ...]


@dataclass(frozen=True)
class InquiryKit:
    """What the quote form of every product page in one language shares, written once as inquiry.js's kit
    (render.kit_script) instead of into every page: at 10,000 products that is ~5 KB a page, and the
    form only works with JavaScript anyway (without it the links open with what the product is)."""

    layout: MessageLayout
    """The message; the product, its producer and its page are fields the page fills (inquiry_view)."""
    units: tuple[Choice, ...]
    """Every unit with its family; inquiry.js offers the product's own family, then containers."""
    documents: tuple[Choice, ...]
    other_incoterm: Choice
    blank: str
    yes: str
    no: str


@dataclass(frozen=True)
class QrPicture:
    """A contact's QR code on a page: the link to its file in site/media/ and its side in CSS pixels."""

    src: str
    size: int


def qr_picture(ctx: PageContext, content: str) -> QrPicture:
    """The QR code of ``content`` (build.write_shared writes its file, inquiry.qr_files)."""
    image = qr_image(content)
    return QrPicture(src=ctx.link.media(image.name), size=image.size)


def contact_line(ctx: PageContext, key: str, contact: Contact) -> ContactView:
    """A contact as the inquiry and contact pages show it."""
    return ContactView(
        key=key, name=contact.name, email=contact.email,
        whatsapp="".join(ch for ch in contact.whatsapp if ch.isdigit()) if contact.whatsapp else None,
        whatsapp_display=format_phone(contact.whatsapp) if contact.whatsapp else None,
        wechat=contact.wechat,
        wechat_qr=qr_picture(ctx, contact.wechat_link) if contact.wechat and contact.wechat_link else None,
        alibaba=contact.alibaba_url,
    )


def _contact_key(ctx: PageContext, bumdes: BumdesEntry) -> str:
    agents = {id(agent): agent.id for agent in ctx.config.agents}
    return agents.get(id(bumdes.contact), "dealer")


def send_order(ctx: PageContext) -> tuple[str, ...]:
    """The ways to send an inquiry, in the order buyers reading this language use them. WhatsApp is blocked
    in mainland China and mailto: does nothing where webmail (QQ Mail, 163) is the norm: Chinese pages lead
    with e-mail, then copying the message for WeChat or webmail, then Alibaba."""
    if ctx.env.lang.startswith("zh"):
        return ("email", "copy", "alibaba", "whatsapp")
    return ("email", "whatsapp", "copy", "alibaba")


ABOUT_FIELDS = ("product", "producer", "page")
"""The message's lines on what it is about, which the page fills (data-product, data-producer, its canonical URL)."""


def subject_word(loc: Localizer) -> str:
    """"询价 / Quote request": the subject's start, with English beside the page's language."""
    word, english = loc.t("inquiry.subject_word"), loc.english("inquiry.subject_word")
    return word if word == english else f"{word} / {english}"


def message_layout(loc: Localizer, *, subject: str, about: tuple[Line, ...], samples: bool, quantity: bool = True) -> MessageLayout:
    """The lines of an inquiry: greeting, what it is about, what the buyer wants, who they are, their message.
    Without ``quantity`` (the inquiry list, whose products each carry their own) there is no quantity line."""
    both = loc.both
    wants = [Line(label=both(f"inquiry.{name}"), field=name)
             for name in ("quantity", "destination", "incoterm", "target_price", "delivery", "documents")
             if quantity or name != "quantity"]
    if samples:
        wants.append(Line(label=both("inquiry.sample"), field="sample"))
    who = [Line(label=both(f"inquiry.{name}"), field=name) for name in ("buyer_name", "company", "country", "reply")]
    return MessageLayout(subject=subject, lines=(*greeting_lines(loc), Line(), *about, Line(), *wants, Line(), *who, Line(),
                                                 Line(label=both("inquiry.message"), field="message", block=True)))


def greeting_lines(loc: Localizer) -> tuple[Line, ...]:
    """The greeting, and the English one on a line of its own: "您好，我想询价： (Hello, …:)" reads as neither language."""
    greeting, english = loc.t("inquiry.greeting"), loc.english("inquiry.greeting")
    return (Line(text=greeting),) if greeting == english else (Line(text=greeting), Line(text=english))


def about_lines(loc: Localizer) -> tuple[Line, ...]:
    """What a product page's message is about: the product, its producer, its page."""
    return tuple(Line(label=loc.both(f"inquiry.{name}"), field=name) for name in ABOUT_FIELDS)


def inquiry_kit(loc: Localizer, vocab: Any) -> InquiryKit:
    """The quote form and message every product page of this language shares."""
    return InquiryKit(
        layout=message_layout(loc, subject=subject_word(loc), samples=True, about=about_lines(loc)),
        units=tuple(Choice(value=key, label=loc.plain(term.name), family=term.family, base=str(term.base),
                           plural=term.plural.get(loc.code, "")) for key, term in vocab.units.items()),
        documents=tuple(Choice(value=label_text(both_names(loc, d.name)), label=loc.plain(d.name)) for d in vocab.export_documents.values()),
        other_incoterm=Choice(value=label_text(loc.both("inquiry.incoterm_other")), label=loc.t("inquiry.incoterm_other")),
        blank=BLANK, yes=label_text(loc.both("inquiry.answer_yes")), no=label_text(loc.both("inquiry.answer_no")),
    )


def inquiry_view(ctx: PageContext, page: P.Page, product: ProductEntry, bumdes: BumdesEntry) -> InquiryView:
    """The quote section: the product's own part of the form, and the links that send its message."""
    loc = ctx.loc
    data = product.data
    contact = contact_line(ctx, _contact_key(ctx, bumdes), bumdes.contact)
    vocab = ctx.config.vocabularies
    name = loc.plain(data.name)
    samples = data.samples.policy != "none"
    about = {"product": f"{name} ({product.id})",
             "producer": f"{loc.plain(bumdes.data.name)}, {place_line(ctx, product.regency_code, product.province_code)}",
             "page": ctx.link.absolute(page.url)}
    # Without JavaScript there is no form to fill in, so the links open with what the message is about: the
    # same first lines inquiry.js writes, and the buyer writes the rest (the dealer asks what is missing).
    subject, opener = compose(MessageLayout(subject=f"{subject_word(loc)}: {about['product']}",
                                            lines=(*greeting_lines(loc), Line(), *about_lines(loc))), about)
    # The product's own listing, else the regional agent's storefront, else the dealer's.
    alibaba = data.alibaba_url or bumdes.contact.alibaba_url or ctx.config.dealer.alibaba_url
    return InquiryView(
        product_id=product.id, product_name=name, product_line=about["product"], producer_line=about["producer"],
        contact=contact, mailto=mailto_link(contact.email, subject, opener),
        whatsapp=whatsapp_link(bumdes.contact.whatsapp, opener) if bumdes.contact.whatsapp else None,
        alibaba=alibaba, unit=data.moq.unit, moq=format(data.moq.quantity.normalize(), "f"), family=vocab.units[data.moq.unit].family,
        terms=json_for_attribute([incoterm_choice(loc, s.incoterm, s.place) for s in data.shipping]),
        samples=samples, send_order=send_order(ctx),
    )


def incoterm_choice(loc: Localizer, incoterm: str, place: str | Mapping[str, str]) -> str | list[str]:
    """An Incoterm with its place as the quote form offers it: shown in this language ("FOB 帕卢 Pantoloan 港"),
    and sent with the English beside it ("FOB 帕卢 Pantoloan 港 (Pantoloan port, Palu)") when the place is
    written per language, as the message's labels are; a place written once is both."""
    if isinstance(place, str):
        return f"{incoterm} {place}"
    shown, sent = f"{incoterm} {loc.plain(place)}", f"{incoterm} {label_text(both_names(loc, place))}"
    return shown if sent == shown else [shown, sent]


def both_names(loc: Localizer, names: Any) -> tuple[str, ...]:
    """A vocabulary term's name in this language and in English (once when they are the same)."""
    local, english = loc.plain(names), names.get("en") or loc.plain(names)
    return (local,) if local == english else (local, english)


def json_for_attribute(data: Any) -> str:
    """Compact JSON for a data attribute (the template escapes it as it prints it)."""
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=True)


@dataclass(frozen=True)
class VideoView:
    """A product's video: where it is, what the browser is told it is, the first photo as its poster, and what
    a buyer is told before pressing play (nothing loads until then)."""

    src: str
    mime: str
    poster: str | None
    width: int | None
    height: int | None
    """The film's own size as shown (else the poster's)."""
    shape: str
    """The standard shape nearest to it (16x9, 4x3, 1x1, 3x4, 9x16), a class that fixes the player's box:
    a poster's or film's own size would otherwise win over width and height once loaded, and the page's
    policy allows no style attribute that could carry the exact ratio."""
    caption: Markup
    about: str
    """Length, format and size (0:42 · MP4, 3.1 MB): what pressing play costs on mobile data."""


VIDEO_SHAPES = ((16, 9), (4, 3), (1, 1), (3, 4), (9, 16))
"""The player's shapes, wide to upright (catalog.css has a class for each)."""


def nearest_shape(width: int | None, height: int | None) -> str:
    """The shape of VIDEO_SHAPES nearest to width × height (by ratio, on a log scale); 16x9 when unknown."""
    if not width or not height:
        return "16x9"
    w, h = min(VIDEO_SHAPES, key=lambda shape: abs(math.log(width * shape[1] / (height * shape[0]))))
    return f"{w}x{h}"


def video_view(ctx: PageContext, product: ProductEntry) -> VideoView | None:
    """<video> data of a product's video (None without one, or if it was not processed)."""
    film = _film(ctx, product)
    if film is None:
        return None
    video, processed = film
    first = ctx.read.photo(product.folder, product.data.photos[0]) if product.data.photos else None
    # The poster loads with the page, unlike the video: a light (640 px) WebP of the first photo, one the
    # gallery's srcset may already have fetched.
    webp = first.of_format("webp") if first else []
    poster = webp[min(1, len(webp) - 1)] if webp else None
    loc = ctx.loc
    kind = processed.name.rsplit(".", 1)[1].upper().replace("WEBM", "WebM")
    width = processed.width or (poster.width if poster else None)
    height = processed.height or (poster.height if poster else None)
    megabytes = loc.number(Decimal(max(1, round(processed.size / 100_000))) / 10)
    return VideoView(
        src=ctx.link.media(processed.name), mime=processed.mime,
        poster=ctx.link.media(poster.name) if poster else None,
        width=width, height=height, shape=nearest_shape(width, height),
        caption=loc.text(video.caption),
        about=loc.t("product.video_about", duration=duration_text(processed.seconds), kind=kind, mb=megabytes),
    )


@dataclass(frozen=True)
class ProductFacts:
    """Everything the product page says about the product, ready to print."""

    name: Markup
    summary: Markup
    category: str
    category_url: str | None
    category_name: str
    bumdes_name: Markup
    bumdes_url: str | None
    regency_url: str | None
    place: str
    availability: str
    pictures: tuple[Picture, ...]
    video: VideoView | None
    moq: str
    capacity: str
    price: str
    lead_time: str
    shipping: tuple[ShippingTerm, ...]
    hs_code: str
    season: str
    certifications: tuple[CertificateLine, ...]
    analyses: tuple[AnalysisView, ...]
    price_groups: tuple[PriceGroup, ...]
    payment_terms: tuple[str, ...]
    container_load: tuple[str, ...]
    export_documents: tuple[str, ...]
    gacc_registration: str | None
    samples_policy: str
    samples_note: Markup | None
    markets: str
    verified: str
    specifications: tuple[SpecRow, ...]
    packaging: Markup
    shelf_life: str | None
    storage: Markup | None
    description: Markup
    absolute_url: str


@dataclass(frozen=True)
class ProductBody:
    """A product page."""

    view: ProductFacts
    related: tuple[Card, ...]
    q: InquiryView
    dealer: DealerView
    basket_url: str | None


def price_groups(ctx: PageContext, product: ProductEntry) -> tuple[PriceGroup, ...]:
    """The price tiers by Incoterm and place, each from its smallest quantity up."""
    loc, vocab = ctx.loc, ctx.config.vocabularies
    groups: dict[tuple[str, str], list] = {}
    for tier in product.data.price_tiers:
        groups.setdefault((tier.incoterm, loc.plain(tier.place)), []).append(tier)
    result = []
    for (term, place), tiers in groups.items():
        rows = tuple(PriceRow(
            quantity=loc.t("product.tier_from", amount=amount_text(ctx, tier.min_quantity, tier.unit)),
            price=loc.t("product.per_unit", price=loc.money(tier.price, tier.currency), unit=loc.plain(vocab.units[tier.unit].name)),
        ) for tier in sorted(tiers, key=lambda t: t.min_quantity * vocab.units[t.unit].base))
        result.append(PriceGroup(term=term, term_name=loc.plain(vocab.incoterms[term].name), place=place, rows=rows))
    return tuple(result)


def container_lines(ctx: PageContext, product: ProductEntry) -> tuple[str, ...]:
    """"1 × 20 ft container: 18 tonne (net 18,000 kg, gross 18,600 kg)"."""
    loc = ctx.loc
    lines = []
    for load in product.data.container_load:
        net, gross = load.net_weight_kg, load.gross_weight_kg
        if net is not None and gross is not None:
            weights = loc.t("product.net_gross_weight", net=loc.number(net), gross=loc.number(gross))
        elif net is not None or gross is not None:
            weights = loc.t("product.net_weight", kg=loc.number(net)) if net is not None else loc.t("product.gross_weight", kg=loc.number(gross))
        else:
            weights = ""
        holds = loc.t("product.container_holds", container=amount_text(ctx, 1, load.container), amount=amount_text(ctx, load.quantity, load.unit))
        lines.append(loc.t("product.container_weights", load=holds, weights=weights) if weights else holds)
    return tuple(lines)


def dealer_view(ctx: PageContext) -> DealerView:
    """The dealer's credentials (site_config.yml, read as the contacts)."""
    loc = ctx.loc
    dealer = ctx.read.contacts()[0]
    vocab = ctx.config.vocabularies
    return DealerView(
        name=dealer.name, legal_name=dealer.legal_name or dealer.name, registration=dealer.registration, since=dealer.since,
        response_time=loc.plain(dealer.response_time), alibaba=dealer.alibaba_url,
        payment_terms=tuple(loc.plain(vocab.payment_terms[t].name) for t in dealer.payment_terms if t in vocab.payment_terms),
        # "speaks Indonesian and English" in the page's language, not each language's own name for itself.
        people=tuple(PersonLine(name=p.name, role=loc.plain(p.role),
                                languages=loc.t("dealer.speaks", languages=loc.list(loc.languages(p.languages))) if p.languages else "")
                     for p in dealer.people),
        contact_url=ctx.link.to(P.CONTACT),
        email=dealer.email, whatsapp_display=format_phone(dealer.whatsapp) if dealer.whatsapp else None,
        website=ctx.link.absolute("").split("://", 1)[-1],
    )


def product_view(ctx: PageContext, page: P.Page) -> PageView:
    """A product page: facts a buyer checks, photos, the quote form and the BUMDes's other products."""
    loc, link = ctx.loc, ctx.link
    product = ctx.read.product(page.subject)
    data = product.data
    bumdes = ctx.read.bumdes(product.bumdes_id)
    vocab = ctx.config.vocabularies
    lead = data.lead_time
    category_name = loc.plain(vocab.categories[data.category].name)
    place = place_line(ctx, product.regency_code, product.province_code)
    issuers = vocab.issuers
    certifications = tuple(CertificateLine(
        name=loc.plain(vocab.certifications[c.type].name), number=c.number,
        issuer=loc.plain(issuers[c.issuer].name) if c.issuer in issuers else c.issuer,
        validity=loc.t("product.valid_until", date=loc.date(c.valid_until)) if c.valid_until else loc.t("product.no_expiry"),
        issued=loc.t("product.issued", date=loc.date(c.issued)) if c.issued else None,
        verify_url=c.verify_url, document=document_link(ctx, product.folder, c.file, loc.t("product.view_certificate")) if c.file else None,
    ) for c in product.certifications)
    analyses = tuple(AnalysisView(
        lab=loc.plain(issuers[a.lab].name) if a.lab in issuers else a.lab, number=a.number, sample_date=loc.date(a.sample_date),
        results=tuple(SpecRow(name=loc.text(r.name), value=loc.text(r.value)) for r in a.results), verify_url=a.verify_url,
        document=document_link(ctx, product.folder, a.file, loc.t("product.view_report")) if a.file else None,
    ) for a in data.analyses)
    payment = data.payment_terms or ctx.config.dealer.payment_terms
    facts = ProductFacts(
        name=loc.text(data.name),
        summary=loc.text(data.summary),
        category=data.category,
        category_url=link.to(P.CATEGORY.format(slug=data.category)),
        category_name=category_name,
        bumdes_name=loc.text(bumdes.data.name),
        bumdes_url=link.to(P.BUMDES.format(id=bumdes.id)),
        regency_url=link.to(P.regency_url(ctx.regions, product.regency_code)),
        place=place,
        availability=data.availability,
        pictures=tuple(p for p in (picture_view(ctx, product.folder, photo) for photo in data.photos) if p),
        video=video_view(ctx, product),
        moq=amount_text(ctx, data.moq.quantity, data.moq.unit),
        capacity=loc.t("product.capacity_value", amount=amount_text(ctx, data.capacity.quantity, data.capacity.unit),
                       period=loc.plain(vocab.periods[data.capacity.period].name)),
        price=price_text(ctx, product),
        lead_time=loc.t("product.lead_time_value", min=lead.min_days, max=lead.max_days) if lead.max_days != lead.min_days
        else loc.t("product.lead_time_single", min=lead.min_days),
        shipping=tuple(ShippingTerm(term=s.incoterm, name=loc.plain(vocab.incoterms[s.incoterm].name), place=loc.plain(s.place)) for s in data.shipping),
        hs_code=data.hs_code,
        season=loc.months(list(data.season)),
        certifications=certifications,
        analyses=analyses,
        price_groups=price_groups(ctx, product),
        payment_terms=tuple(loc.plain(vocab.payment_terms[t].name) for t in payment if t in vocab.payment_terms),
        container_load=container_lines(ctx, product),
        export_documents=tuple(loc.plain(vocab.export_documents[d].name) for d in data.export_documents if d in vocab.export_documents),
        gacc_registration=data.gacc_registration,
        samples_policy=data.samples.policy,
        samples_note=loc.text(data.samples.note) if data.samples.note else None,
        markets=loc.list(loc.countries(data.markets)),
        verified=loc.date(data.verified),
        specifications=tuple(SpecRow(name=loc.text(row.name), value=loc.text(row.value)) for row in data.specifications),
        packaging=loc.text(data.packaging),
        shelf_life=loc.t("product.shelf_life_value", months=data.shelf_life_months) if data.shelf_life_months else None,
        storage=loc.text(data.storage) if data.storage else None,
        description=loc.rich(data.description),
        absolute_url=link.absolute(page.url),
    )
    # The BUMDes's other products, four of them: only those four are read.
    siblings = [i for i in ctx.read.product_ids_of_bumdes(bumdes.id) if i != product.id][:4]
    related = tuple(card_view(ctx, ctx.read.product(i)) for i in siblings)
    title = loc.plain(data.name)
    search = (loc.plain(data.summary), plain_text(loc.plain(data.description)), category_name, loc.plain(bumdes.data.name),
              bumdes.village_name, place, data.hs_code, *(c.name for c in certifications))
    og_image = _preview_or_card(ctx, product_card(product, ctx.env.lang), product.folder, data.photos)
    node = S.product_node(
        product, name=title, description=loc.plain(data.summary), url=link.absolute(page.url), category=category_name,
        images=_absolute_images(ctx, product.folder, data.photos), bumdes_name=loc.plain(bumdes.data.name),
        bumdes_url=link.absolute(P.BUMDES.format(id=bumdes.id)),
        dealer=S.organization(ctx.config.dealer.name, link.absolute(P.CONTACT)),
        moq_unit=loc.plain(vocab.units[data.moq.unit].name), video=_video_node(ctx, product, title, og_image),
    )
    body = ProductBody(view=facts, related=related, q=inquiry_view(ctx, page, product, bumdes), dealer=dealer_view(ctx),
                       basket_url=link.to(P.INQUIRY_LIST))
    return PageView(title=title, description=loc.plain(data.summary), body=body, og_type="product",
                    og_image=og_image, search=search,
                    result=search_result(ctx, product, category_name, loc.plain(bumdes.data.name)), jsonld=(node,))


def search_result(ctx: PageContext, product: ProductEntry, category_name: str, bumdes_name: str) -> SearchResult:
    """A product as search finds it: by its name in every language and its synonyms; shown with its photo,
    category and BUMDes."""
    data = product.data
    processed = ctx.read.photo(product.folder, data.photos[0]) if data.photos else None
    # A photo narrower than the thumbnail has no variant of its width: the result shows none.
    webp = processed.of_format("webp") if processed else []
    photo = processed.key if webp and webp[0].width == THUMB_WIDTH else None
    names = dict.fromkeys([*data.name.values(), *ctx.synonyms.get(product.id, ())])
    names.pop(ctx.loc.plain(data.name), None)  # the title already says it
    return SearchResult(names=tuple(names), codes=(data.hs_code,), detail=(category_name, bumdes_name), photo=photo)


def document_link(ctx: PageContext, folder: Path, name: str, label: str) -> DocumentLink | None:
    """The published scan of a certificate or report: the clean PDF or the photo, with a preview of page one."""
    processed = ctx.read.file(folder, name)
    if processed is None:
        return None
    link, loc = ctx.link, ctx.loc
    webp = processed.of_format("webp")
    if isinstance(processed, ProcessedDocument):
        kilobytes = loc.number(max(1, round(processed.size / 1000)))
        what = loc.t("product.pdf_size", pages=processed.pages, kb=kilobytes)
        url = link.media(processed.pdf)
    else:
        what = loc.t("product.image_file")
        url = link.media(processed.largest().name)
    preview = Picture(
        srcset=", ".join(f"{link.media(v.name)} {v.width}w" for v in webp),
        src=link.media(webp[0].name), width=webp[-1].width, height=webp[-1].height, alt=label, alt_lang=None,
    ) if webp else None
    return DocumentLink(url=url, preview=preview, label=f"{label} ({what})")


@dataclass(frozen=True)
class InfoBody:
    """A project-written page (how to buy, about)."""

    title: str
    body: Markup


def info_view(ctx: PageContext, page: P.Page) -> PageView:
    """How to buy, or about."""
    title = ctx.loc.t({"how-to-buy": "nav.how_to_buy", "about": "nav.about"}[page.subject])
    body = theme_page(ctx, page.subject)
    return PageView(title=title, description=ctx.loc.plain(ctx.config.description), search=(body.striptags(),),
                    body=InfoBody(title=title, body=body))


@dataclass(frozen=True)
class ContactCard:
    """The dealer or a regional agent on the contact page."""

    contact: ContactView
    mailto: str
    whatsapp_href: str | None
    address: str
    hours: str
    regions: str


@dataclass(frozen=True)
class ContactBody:
    """The contact page."""

    contacts: tuple[ContactCard, ...]
    dealer: DealerView
    after: Markup


def contact_view(ctx: PageContext, page: P.Page) -> PageView:
    """Who takes inquiries: the dealer, with what a buyer checks about them, then the regional agents."""
    loc = ctx.loc
    contacts = []
    dealer, *agents = ctx.read.contacts()
    # The dealer serves everywhere; each agent, its provinces.
    for key, contact, provinces in [("dealer", dealer, []), *((agent.id, agent, agent.provinces) for agent in agents)]:
        subject = loc.t("inquiry.contact_title")
        regions = loc.list([loc.place(ctx.regions.provinces[c].name) for c in provinces if c in ctx.regions.provinces])
        contacts.append(ContactCard(
            contact=contact_line(ctx, key, contact), mailto=mailto_link(contact.email, subject, ""),
            whatsapp_href=whatsapp_link(contact.whatsapp, "") if contact.whatsapp else None,
            address=loc.plain(contact.address), hours=loc.plain(contact.hours), regions=regions,
        ))
    title = loc.t("nav.contact")
    search = (loc.t("inquiry.contact_title"), *(c.contact.name for c in contacts))
    return PageView(title=title, description=loc.t("inquiry.contact_title"), search=search,
                    body=ContactBody(contacts=tuple(contacts), dealer=dealer_view(ctx), after=theme_page(ctx, "after-inquiry")))


@dataclass(frozen=True)
class InquiryListBody:
    """The buyer's inquiry list: filled in the browser from what they added on product pages."""

    layout: str
    """The message layout (inquiry.MessageLayout as JSON); its product lines list the chosen products."""
    contacts: str
    """Every contact by key as JSON, so each product in the list is asked of whoever answers for it."""
    products_url: str | None
    """The listing, relative to this page; a product's page is products/<id>/ beside it."""
    kit: InquiryKit
    """The units, documents and answers of every product page's form: the list's form is the same markup."""
    incoterms: tuple[Choice, ...]
    """Every Incoterm of the vocabulary (a product page offers only its own), before the kit's "other"."""
    send_order: tuple[str, ...]


def inquiry_list_view(ctx: PageContext, page: P.Page) -> PageView:
    """The inquiry list page: one message for several products, each with its quantity."""
    loc = ctx.loc
    vocab = ctx.config.vocabularies
    dealer, *agents = ctx.read.contacts()
    contacts = [contact_line(ctx, "dealer", dealer), *(contact_line(ctx, agent.id, agent) for agent in agents)]
    layout = message_layout(loc, subject=subject_word(loc), samples=True, quantity=False, about=(
        Line(label=loc.both("inquiry.products"), field="items", block=True),
    ))
    # The same form as every product page's (the language's kit), without the one product's quantity.
    kit = inquiry_kit(loc, vocab)
    title = loc.t("inquiry.list_title")
    body = InquiryListBody(
        layout=json_for_attribute(layout.as_json()),
        # An agent without a storefront of its own sends buyers to the dealer's, as product pages do.
        contacts=json_for_attribute({c.key: {"name": c.name, "email": c.email, "whatsapp": c.whatsapp,
                                             "whatsapp_display": c.whatsapp_display, "wechat": c.wechat,
                                             "alibaba": c.alibaba or dealer.alibaba_url} for c in contacts}),
        products_url=ctx.link.to(P.PRODUCTS),
        kit=kit, incoterms=tuple(Choice(value=term, label=loc.plain(t.name)) for term, t in vocab.incoterms.items()),
        send_order=send_order(ctx),
    )
    return PageView(title=title, description=loc.t("inquiry.list_lead"), body=body)
