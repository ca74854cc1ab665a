"""What goes on each page in one language: the render context, made of plain values and escaped text.

Templates only print what is prepared here; every link is already relative to the page that shows it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Mapping

from markupsafe import Markup

from generator import pages as P
from generator import structured as S
from generator.catalog import BumdesEntry, Catalog, ProductEntry
from generator.images import ProcessedPhoto
from generator.inquiry import BLANK, MessageFields, build_inquiry, compose, mailto_link, qr_data_uri, whatsapp_link
from generator.localize import Localizer, plain_text, render_rich
from generator.models import Contact, Photo

PLACEHOLDER_TOKENS = ("quantity", "destination", "incoterm", "sample", "message")
LISTING_CARDS = 48
"""Cards with photos per listing page; further products are listed one line each (see _macros rows)."""


def listing_views(env: PageEnv, link: Linker, products: list[ProductEntry]) -> dict[str, list[dict[str, Any]]]:
    """The first products as cards, the rest as one-line rows (a 10,000-product listing stays light)."""
    return {"items": [card_view(env, link, p) for p in products[:LISTING_CARDS]],
            "more": [row_view(env, link, p) for p in products[LISTING_CARDS:]]}


def row_view(env: PageEnv, link: Linker, product: ProductEntry) -> dict[str, Any]:
    """A one-line listing entry: the card's texts and link, without the photo."""
    row = dict(_card_text(env, product.id))
    row["url"] = link.to(P.product_url(product.id))
    return row


@dataclass(frozen=True)
class Media:
    """Processed photos by source file, shared by every language."""

    photos: Mapping[Path, ProcessedPhoto]

    def get(self, folder: Path, photo: Photo) -> ProcessedPhoto | None:
        """The processed outputs of one photo entry, if it was processed."""
        return self.photos.get((folder / photo.file).resolve())


@dataclass(frozen=True)
class PageEnv:
    """Everything shared by the pages of one language."""

    catalog: Catalog
    loc: Localizer
    media: Media
    theme_pages: Path
    cards: dict[str, dict[str, Any]] = field(default_factory=dict)
    """Card texts already made in this language, by product id."""

    @property
    def lang(self) -> str:
        """The language code."""
        return self.loc.code


class Linker:
    """Links from one page: to other pages of the same language, to media, and absolute URLs."""

    def __init__(self, catalog: Catalog, lang: str, page_url: str):
        self.catalog = catalog
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
        return f"{self.catalog.config.base_url.rstrip('/')}/{self.lang}/{url}"

    def absolute_media(self, name: str) -> str:
        """Absolute URL of a media file (for link previews and structured data)."""
        return f"{self.catalog.config.base_url.rstrip('/')}/{P.MEDIA_DIR}/{name}"


def picture_view(processed: ProcessedPhoto | None, photo: Photo, env: PageEnv, link: Linker) -> dict[str, Any] | None:
    """<picture> data: srcsets per format, the fallback, the intrinsic size and the alt text."""
    if processed is None:
        return None
    webp = processed.of_format("webp")
    jpeg = processed.of_format("jpeg")
    fallback = jpeg[min(1, len(jpeg) - 1)]
    return {
        "webp_srcset": ", ".join(f"{link.media(v.name)} {v.width}w" for v in webp),
        "jpeg_srcset": ", ".join(f"{link.media(v.name)} {v.width}w" for v in jpeg),
        "src": link.media(fallback.name),
        "width": jpeg[-1].width,
        "height": jpeg[-1].height,
        "alt": env.loc.plain(photo.alt),
        "alt_lang": env.catalog.source_language if env.loc.is_fallback(photo.alt) else None,
    }


def place_line(env: PageEnv, regency_code: str, province_code: str) -> str:
    """"Sigi Regency, Central Sulawesi" in the page language."""
    regency = env.catalog.regencies.get(regency_code)
    province = env.catalog.provinces.get(province_code)
    parts = [env.loc.place(regency.name) if regency else regency_code, env.loc.place(province.name) if province else province_code]
    return ", ".join(parts)


def amount_text(env: PageEnv, quantity: Any, unit: str) -> str:
    """"500 kg" with the number in the page's locale."""
    return f"{env.loc.number(quantity)} {env.loc.plain(env.catalog.config.vocabularies.units[unit].name)}"


def price_text(env: PageEnv, product: ProductEntry) -> str:
    """The price range, single price or 'on request', formatted in the page's locale."""
    price = product.data.price
    loc = env.loc
    if price.on_request or price.min is None or price.currency is None or price.unit is None:
        return loc.t("product.price_on_request")
    unit = loc.plain(env.catalog.config.vocabularies.units[price.unit].name)
    low = loc.money(price.min, price.currency)
    if price.max is not None and price.max != price.min:
        return loc.t("product.price_range", min=low, max=loc.money(price.max, price.currency), unit=unit, incoterm=price.incoterm)
    return loc.t("product.price_single", min=low, unit=unit, incoterm=price.incoterm)


def card_view(env: PageEnv, link: Linker, product: ProductEntry) -> dict[str, Any]:
    """A product card: photo, name, producer, place and two key facts, plus filter attributes."""
    card = dict(_card_text(env, product.id))
    data = product.data
    first = data.photos[0] if data.photos else None
    card["url"] = link.to(P.product_url(product.id))
    card["picture"] = picture_view(env.media.get(product.folder, first), first, env, link) if first else None
    return card


def _card_text(env: PageEnv, product_id: str) -> dict[str, Any]:
    """The language-dependent part of a card, the same on every page that shows it (made once)."""
    cache = env.cards
    if product_id in cache:
        return cache[product_id]
    catalog = env.catalog
    product = catalog.products[product_id]
    data = product.data
    bumdes = catalog.bumdes[product.bumdes_id]
    card = {
        "id": product_id,
        "name": env.loc.text(data.name),
        "category": data.category,
        "category_name": env.loc.plain(catalog.config.vocabularies.categories[data.category].name),
        "bumdes": env.loc.plain(bumdes.data.name),
        "place": place_line(env, product.regency_code, product.province_code),
        "province": product.province_code,
        "regency_code": product.regency_code,
        "certs": " ".join(sorted({c.type for c in product.certifications})),
        "incoterms": " ".join(sorted({s.incoterm for s in data.shipping})),
        "availability": data.availability,
        "moq_value": str(data.moq.quantity),
        "moq_label": env.loc.t("product.moq"),
        "moq": amount_text(env, data.moq.quantity, data.moq.unit),
        "price_label": env.loc.t("product.price"),
        "price": price_text(env, product),
    }
    cache[product_id] = card
    return card


def crumbs_view(env: PageEnv, link: Linker, page: P.Page, label: str) -> list[dict[str, Any]]:
    """Breadcrumb trail: the page's parents, then the page itself (not a link)."""
    crumbs = []
    for url, key in page.parents:
        crumbs.append({"url": link.to(url), "label": _crumb_label(env, key)})
    crumbs.append({"url": None, "label": label})
    return crumbs


def _crumb_label(env: PageEnv, key: str) -> str:
    kind, _, ident = key.partition(":")
    catalog = env.catalog
    if kind == "province":
        return env.loc.place(catalog.provinces[ident].name)
    if kind == "regency":
        return env.loc.place(catalog.regencies[ident].name)
    if kind == "category":
        return env.loc.plain(catalog.config.vocabularies.categories[ident].name)
    return env.loc.t(key)


def theme_page(env: PageEnv, name: str) -> Markup:
    """A project-written text (theme/pages/<lang>/<name>.md), falling back to the source language (whose
    file rules.check_theme_pages requires)."""
    for lang in (env.lang, env.catalog.source_language):
        path = env.theme_pages / lang / f"{name}.md"
        if path.is_file():
            html = Markup(render_rich(path.read_text(encoding="utf-8")))
            if lang != env.lang:
                return Markup('<div class="vc-fallback" lang="{}">{}</div><p class="vc-fallback__note">{}</p>').format(
                    lang, html, env.loc.t("common.not_translated"))
            return html
    return Markup("")


@dataclass(frozen=True)
class PageView:
    """One rendered page's head data and body context."""

    title: str
    description: str
    context: dict[str, Any]
    og_image: str | None = None
    og_type: str = "website"
    search: tuple[str, ...] = ()
    """The texts a buyer finds this page by, besides its title; pages without them are not in the search index."""


def page_view(env: PageEnv, page: P.Page) -> PageView:
    """Title, description and template context of ``page`` in the env's language."""
    link = Linker(env.catalog, env.lang, page.url)
    builder = _BUILDERS[page.kind]
    view = builder(env, link, page)
    view.context.update(loc=env.loc, t=env.loc.ui, links={
        "products": link.to(P.PRODUCTS), "how_to_buy": link.to(P.HOW_TO_BUY), "contact": link.to(P.CONTACT),
    })
    view.context.setdefault("crumbs", crumbs_view(env, link, page, view.title) if page.parents else [])
    view.context["jsonld"] = structured_data(env, link, page, view)
    return view


def structured_data(env: PageEnv, link: Linker, page: P.Page, view: PageView) -> dict[str, Any]:
    """JSON-LD for the page: its subject (product or BUMDes) and the breadcrumb trail."""
    catalog = env.catalog
    trail = [(_crumb_label(env, key), link.absolute(url)) for url, key in page.parents]
    trail.append((view.title, link.absolute(page.url)))
    nodes = [S.breadcrumb_list(trail)]
    if page.kind == "product":
        product = catalog.products[page.subject]
        bumdes = catalog.bumdes[product.bumdes_id]
        dealer = catalog.config.dealer
        images = _absolute_images(env, link, product.folder, product.data.photos)
        nodes.insert(0, S.product_node(
            product, name=view.title, description=view.description, url=link.absolute(page.url),
            category=env.loc.plain(catalog.config.vocabularies.categories[product.data.category].name), images=images,
            bumdes_name=env.loc.plain(bumdes.data.name), bumdes_url=link.absolute(P.BUMDES.format(id=bumdes.id)),
            dealer=S.organization(dealer.name, link.absolute(P.CONTACT)),
            moq_unit=env.loc.plain(catalog.config.vocabularies.units[product.data.moq.unit].name),
        ))
    elif page.kind == "bumdes":
        bumdes = catalog.bumdes[page.subject]
        regency = catalog.regencies.get(bumdes.regency_code)
        province = catalog.provinces.get(bumdes.province_code)
        nodes.insert(0, S.bumdes_node(
            bumdes, name=view.title, url=link.absolute(page.url),
            regency=env.loc.place(regency.name) if regency else bumdes.regency_code,
            province=env.loc.place(province.name) if province else bumdes.province_code,
            images=_absolute_images(env, link, bumdes.folder, bumdes.data.photos),
        ))
    return S.graph(*nodes)


def _absolute_images(env: PageEnv, link: Linker, folder: Path, photos: list[Photo]) -> list[str]:
    urls = []
    for photo in photos:
        processed = env.media.get(folder, photo)
        if processed:
            urls.append(link.absolute_media(processed.of_format("jpeg")[-1].name))
    return urls


def _home(env: PageEnv, link: Linker, page: P.Page) -> PageView:
    catalog = env.catalog
    categories = [
        {"slug": slug, "name": env.loc.plain(term.name), "url": link.to(P.CATEGORY.format(slug=slug)),
         "count": len(catalog.products_by_category[slug])}
        for slug, term in catalog.config.vocabularies.categories.items() if catalog.products_by_category[slug]
    ]
    featured = [card_view(env, link, p) for p in P.featured_products(catalog)]
    first_photo = next((c for c in P.featured_products(catalog) if c.data.photos), None)
    og = None
    if first_photo:
        processed = env.media.get(first_photo.folder, first_photo.data.photos[0])
        og = link.absolute_media(processed.preview.name) if processed else None
    title = env.loc.plain(catalog.config.title)
    return PageView(title=title, description=env.loc.plain(catalog.config.description), og_image=og, context={
        "site_title": title, "categories": categories, "featured": featured,
        "provinces": _province_list(env, link), "how_summary": theme_page(env, "how-summary"),
    })


def _province_list(env: PageEnv, link: Linker) -> list[dict[str, Any]]:
    catalog = env.catalog
    used = catalog.bumdes_by_regency
    result = []
    for province in catalog.provinces.values():
        regencies = [catalog.regencies[c] for c in province.regency_codes if c in used]
        if not regencies:
            continue
        count = len(catalog.products_by_province.get(province.code, ()))
        result.append({
            "name": env.loc.place(province.name),
            "url": link.to(P.province_url(catalog, province.code)),
            "summary": env.loc.t("common.products_count", count=count),
            "regencies": [{"name": env.loc.place(r.name), "url": link.to(P.regency_url(catalog, r.code))} for r in regencies],
        })
    return result


def _listing(env: PageEnv, link: Linker, page: P.Page) -> PageView:
    catalog = env.catalog
    loc = env.loc
    if page.kind == "category":
        term = catalog.config.vocabularies.categories[page.subject]
        products = [catalog.products[i] for i in catalog.products_by_category[page.subject]]
        title = loc.plain(term.name)
        lead = loc.t("listing.category_lead", category=title)
        filters: list[dict[str, Any]] = []
    else:
        products = list(catalog.products.values())
        title = loc.t("listing.all_title")
        lead = loc.t("listing.all_lead")
        filters = _filters(env, products)
    search = (lead,) if page.kind == "category" else ()
    return PageView(title=title, description=lead, search=search, context={
        "title": title, "lead": lead, **listing_views(env, link, products), "filters": filters,
    })


def _filters(env: PageEnv, products: list[ProductEntry]) -> list[dict[str, Any]]:
    """Filter controls with only the values that occur in the catalog."""
    catalog = env.catalog
    loc = env.loc
    vocab = catalog.config.vocabularies
    used = lambda values: sorted(set(values))  # noqa: E731
    provinces = used(p.province_code for p in products)
    regencies = used(p.regency_code for p in products)
    return [
        {"name": "category", "label": loc.t("listing.filter_category"), "kind": "select",
         "options": [{"value": s, "label": loc.plain(vocab.categories[s].name)} for s in used(p.data.category for p in products)]},
        {"name": "province", "label": loc.t("listing.filter_province"), "kind": "select",
         "options": [{"value": c, "label": loc.place(catalog.provinces[c].name)} for c in provinces if c in catalog.provinces]},
        {"name": "regency", "label": loc.t("listing.filter_regency"), "kind": "select",
         "options": [{"value": c, "label": loc.place(catalog.regencies[c].name), "parent": c[:2]} for c in regencies if c in catalog.regencies]},
        {"name": "certification", "label": loc.t("listing.filter_certification"), "kind": "select",
         "options": [{"value": s, "label": loc.plain(vocab.certifications[s].name)} for s in used(c.type for p in products for c in p.certifications)]},
        {"name": "incoterm", "label": loc.t("listing.filter_incoterm"), "kind": "select",
         "options": [{"value": s, "label": loc.plain(vocab.incoterms[s].name)} for s in used(x.incoterm for p in products for x in p.data.shipping)]},
        {"name": "availability", "label": loc.t("listing.filter_availability"), "kind": "select",
         "options": [{"value": a, "label": loc.t(f"product.availability_{a}")} for a in used(p.data.availability for p in products)]},
        {"name": "moq", "label": loc.t("listing.filter_moq"), "kind": "number", "options": []},
    ]


def _regions(env: PageEnv, link: Linker, page: P.Page) -> PageView:
    title = env.loc.t("regions.title")
    return PageView(title=title, description=env.loc.t("regions.lead"), context={"provinces": _province_list(env, link)})


def _province(env: PageEnv, link: Linker, page: P.Page) -> PageView:
    catalog = env.catalog
    province = catalog.provinces[page.subject]
    used = catalog.bumdes_by_regency
    regencies = []
    for code in province.regency_codes:
        if code in used:
            count = len(catalog.products_by_regency.get(code, ()))
            regencies.append({"name": env.loc.place(catalog.regencies[code].name), "url": link.to(P.regency_url(catalog, code)),
                              "summary": env.loc.t("common.products_count", count=count)})
    products = [catalog.products[i] for i in catalog.products_by_province.get(province.code, ())]
    name = env.loc.place(province.name)
    search = (name, plain_text(env.loc.plain(province.description)))
    return PageView(title=name, description=env.loc.plain(province.description) or name, search=search, context={
        "name": name, "description": env.loc.rich(province.description) if province.description else None,
        "regencies": regencies, **listing_views(env, link, products),
    })


def _regency(env: PageEnv, link: Linker, page: P.Page) -> PageView:
    catalog = env.catalog
    regency = catalog.regencies[page.subject]
    enterprises = [
        {"name": env.loc.plain(b.data.name), "url": link.to(P.BUMDES.format(id=b.id)), "village": b.village_name}
        for b in (catalog.bumdes[i] for i in catalog.bumdes_by_regency.get(regency.code, ()))
    ]
    products = [catalog.products[i] for i in catalog.products_by_regency.get(regency.code, ())]
    name = env.loc.place(regency.name)
    province_name = env.loc.place(catalog.provinces[regency.province_code].name)
    search = (name, province_name, plain_text(env.loc.plain(regency.description)))
    return PageView(title=name, description=env.loc.plain(regency.description) or name, search=search, context={
        "name": name, "province_name": province_name,
        "description": env.loc.rich(regency.description) if regency.description else None,
        "enterprises": enterprises, **listing_views(env, link, products),
    })


def _bumdes(env: PageEnv, link: Linker, page: P.Page) -> PageView:
    catalog = env.catalog
    bumdes: BumdesEntry = catalog.bumdes[page.subject]
    pictures = [picture_view(env.media.get(bumdes.folder, ph), ph, env, link) for ph in bumdes.data.photos]
    pictures = [p for p in pictures if p]
    village_line = f"{bumdes.village_name}, {place_line(env, bumdes.regency_code, bumdes.province_code)}"
    title = env.loc.plain(bumdes.data.name)
    og = None
    if bumdes.data.photos:
        processed = env.media.get(bumdes.folder, bumdes.data.photos[0])
        og = link.absolute_media(processed.preview.name) if processed else None
    products = P.products_of_bumdes(catalog, bumdes)
    search = (bumdes.data.legal_name, village_line, plain_text(env.loc.plain(bumdes.data.description)),
              *(env.loc.plain(p.data.name) for p in products))
    return PageView(title=title, description=f"{bumdes.data.legal_name} · {village_line}", og_image=og, og_type="profile",
                    search=search, context={
        "b": {"data": bumdes.data, "village_line": village_line, "contact_name": bumdes.contact.name},
        "pictures": pictures,
        **listing_views(env, link, products),
    })


def _product(env: PageEnv, link: Linker, page: P.Page) -> PageView:
    catalog = env.catalog
    loc = env.loc
    product: ProductEntry = catalog.products[page.subject]
    data = product.data
    bumdes = catalog.bumdes[product.bumdes_id]
    vocab = catalog.config.vocabularies
    pictures = [picture_view(env.media.get(product.folder, ph), ph, env, link) for ph in data.photos]
    pictures = [p for p in pictures if p]
    lead = data.lead_time
    view = {
        "data": data,
        "bumdes": bumdes,
        "bumdes_url": link.to(P.BUMDES.format(id=bumdes.id)),
        "regency_url": link.to(P.regency_url(catalog, product.regency_code)),
        "category_url": link.to(P.CATEGORY.format(slug=data.category)),
        "category_name": loc.plain(vocab.categories[data.category].name),
        "place": place_line(env, product.regency_code, product.province_code),
        "pictures": pictures,
        "moq": amount_text(env, data.moq.quantity, data.moq.unit),
        "capacity": loc.t("product.capacity_value", quantity=loc.number(data.capacity.quantity),
                          unit=loc.plain(vocab.units[data.capacity.unit].name), period=loc.plain(vocab.periods[data.capacity.period].name)),
        "price": price_text(env, product),
        "lead_time": loc.t("product.lead_time_value", min=lead.min_days, max=lead.max_days) if lead.max_days != lead.min_days
        else loc.t("product.lead_time_single", min=lead.min_days),
        "shipping": [{"term": s.incoterm, "name": loc.plain(vocab.incoterms[s.incoterm].name), "place": s.place} for s in data.shipping],
        "season": loc.months(list(data.season)),
        "certifications": [{
            "name": loc.plain(vocab.certifications[c.type].name), "number": c.number, "issuer": c.issuer,
            "validity": loc.t("product.valid_until", date=loc.date(c.valid_until)) if c.valid_until else loc.t("product.no_expiry"),
        } for c in product.certifications],
        "shelf_life": loc.t("product.shelf_life_value", months=data.shelf_life_months) if data.shelf_life_months else None,
        "markets": ", ".join(loc.countries(data.markets)),
        "verified": loc.date(data.verified),
        "absolute_url": link.absolute(page.url),
    }
    related = [card_view(env, link, catalog.products[i]) for i in bumdes.product_ids if i != product.id][:4]
    og = None
    if data.photos:
        processed = env.media.get(product.folder, data.photos[0])
        og = link.absolute_media(processed.preview.name) if processed else None
    title = loc.plain(data.name)
    search = (loc.plain(data.summary), plain_text(loc.plain(data.description)), view["category_name"], loc.plain(bumdes.data.name),
              bumdes.village_name, view["place"], data.hs_code, *(c["name"] for c in view["certifications"]))
    return PageView(title=title, description=loc.plain(data.summary), og_image=og, og_type="product", search=search, context={
        "view": view, "related": related, "inquiry_block": None,
        "q": inquiry_view(env, link, page, product, bumdes),
    })


def inquiry_view(env: PageEnv, link: Linker, page: P.Page, product: ProductEntry, bumdes: BumdesEntry) -> dict[str, Any]:
    """The 'Request a quote' block: links for each channel, in the order buyers of this language use."""
    loc = env.loc
    contact: Contact = bumdes.contact
    data = product.data
    fields = MessageFields(
        product=loc.plain(data.name), product_id=product.id, bumdes=loc.plain(bumdes.data.name),
        regency=place_line(env, product.regency_code, product.province_code), url=link.absolute(page.url),
    )
    subject_t, body_t = loc.t("inquiry.subject"), loc.t("inquiry.body")
    # The product's own listing, else the regional agent's storefront, else the dealer's.
    alibaba = data.alibaba_url or contact.alibaba_url or env.catalog.config.dealer.alibaba_url
    inquiry = build_inquiry(contact, subject_t, body_t, fields, alibaba)
    # The form script fills these tokens; product facts are already in place.
    tokens = {name: "{" + name + "}" for name in PLACEHOLDER_TOKENS}
    partial = MessageFields(**{**fields.__dict__, **tokens})
    subject_partial, body_partial = compose(subject_t, body_t, partial)
    channels = {
        "email": {"kind": "email", "href": inquiry.mailto, "label": f"{loc.t('inquiry.email')}: {contact.email}", "external": False},
        "whatsapp": {"kind": "whatsapp", "href": inquiry.whatsapp, "label": loc.t("inquiry.whatsapp"), "external": True} if inquiry.whatsapp else None,
        "wechat": {"kind": "wechat", "id": inquiry.wechat_id, "qr": inquiry.wechat_qr} if inquiry.wechat_id else None,
        "alibaba": {"kind": "alibaba", "href": inquiry.alibaba, "label": loc.t("inquiry.alibaba"), "external": True} if inquiry.alibaba else None,
    }
    # WhatsApp is blocked in mainland China: Chinese pages lead with e-mail and WeChat.
    order = ("email", "wechat", "alibaba", "whatsapp") if env.lang.startswith("zh") else ("email", "whatsapp", "wechat", "alibaba")
    vocab = env.catalog.config.vocabularies
    return {
        "email": contact.email,
        "whatsapp_digits": "".join(ch for ch in (contact.whatsapp or "") if ch.isdigit()),
        "subject_template": subject_partial,
        "body_template": body_partial,
        "blank": BLANK,
        "contact_name": contact.name,
        "channels": [channels[k] for k in order if channels[k]],
        "units": [{"name": loc.plain(vocab.units[u].name), "selected": u == data.moq.unit} for u in vocab.units],
        "incoterms": [{"value": s.incoterm + " " + s.place, "label": f"{s.incoterm} {s.place}"} for s in data.shipping],
    }


def _info(env: PageEnv, link: Linker, page: P.Page) -> PageView:
    key = {"how-to-buy": "nav.how_to_buy", "about": "nav.about"}[page.subject]
    title = env.loc.t(key)
    body = theme_page(env, page.subject)
    return PageView(title=title, description=env.loc.plain(env.catalog.config.description), search=(body.striptags(),),
                    context={"title": title, "body": body})


def _contact(env: PageEnv, link: Linker, page: P.Page) -> PageView:
    catalog = env.catalog
    loc = env.loc
    contacts = []
    for contact in [catalog.config.dealer, *catalog.config.agents]:
        subject = loc.t("inquiry.contact_title")
        regions = ", ".join(loc.place(catalog.provinces[c].name) for c in getattr(contact, "provinces", []) if c in catalog.provinces)
        contacts.append({
            "name": contact.name, "email": contact.email, "mailto": mailto_link(contact.email, subject, ""),
            "whatsapp": contact.whatsapp, "whatsapp_href": whatsapp_link(contact.whatsapp, "") if contact.whatsapp else None,
            "wechat": contact.wechat, "wechat_qr": qr_data_uri(contact.wechat) if contact.wechat else None,
            "alibaba": contact.alibaba_url, "address": loc.plain(contact.address), "hours": loc.plain(contact.hours),
            "regions": regions,
        })
    title = loc.t("nav.contact")
    search = (loc.t("inquiry.contact_title"), *(c["name"] for c in contacts))
    return PageView(title=title, description=loc.t("inquiry.contact_title"), search=search, context={
        "contacts": contacts, "after": theme_page(env, "after-inquiry"),
    })


_BUILDERS = {
    "home": _home,
    "products": _listing,
    "category": _listing,
    "regions": _regions,
    "province": _province,
    "regency": _regency,
    "bumdes": _bumdes,
    "product": _product,
    "how-to-buy": _info,
    "about": _info,
    "contact": _contact,
}

__all__ = ["Media", "PageEnv", "PageView", "Linker", "page_view"]
