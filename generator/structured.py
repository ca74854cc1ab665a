"""schema.org structured data (JSON-LD) for product, BUMDes and every page's breadcrumb trail.

Returns plain dicts; render.json_for_script turns them into JSON that no text can break out of.
"""

from __future__ import annotations

from typing import Any

from generator.catalog import BumdesEntry, ProductEntry
from generator.history import stamp

AVAILABILITY = {
    "available": "https://schema.org/InStock",
    "seasonal": "https://schema.org/PreOrder",
    "limited": "https://schema.org/LimitedAvailability",
    "sold-out": "https://schema.org/OutOfStock",
}


def breadcrumb_list(items: list[tuple[str, str]]) -> dict[str, Any]:
    """BreadcrumbList from (name, absolute URL) pairs, home first."""
    return {
        "@type": "BreadcrumbList",
        "itemListElement": [
            {"@type": "ListItem", "position": index, "name": name, "item": url}
            for index, (name, url) in enumerate(items, start=1)
        ],
    }


def graph(*nodes: dict[str, Any]) -> dict[str, Any]:
    """One JSON-LD document holding several nodes."""
    return {"@context": "https://schema.org", "@graph": list(nodes)}


def organization(name: str, url: str, legal_name: str | None = None, place: dict[str, Any] | None = None) -> dict[str, Any]:
    """An Organization (a BUMDes or the dealer)."""
    node: dict[str, Any] = {"@type": "Organization", "name": name, "url": url}
    if legal_name:
        node["legalName"] = legal_name
    if place:
        node["location"] = place
    return node


def place(village: str, regency: str, province: str) -> dict[str, Any]:
    """A Place with an Indonesian postal address (village, regency, province)."""
    return {
        "@type": "Place",
        "name": village,
        "address": {
            "@type": "PostalAddress",
            "addressLocality": f"{village}, {regency}",
            "addressRegion": province,
            "addressCountry": "ID",
        },
    }


def video_object(*, name: str, description: str, url: str, mime: str, seconds: float, uploaded: int,
                 thumbnail: str | None) -> dict[str, Any]:
    """A product's film, dated by the last commit that changed its file (``uploaded``, Unix time): search
    engines show a video result only with name, thumbnail and uploadDate."""
    node: dict[str, Any] = {"@type": "VideoObject", "name": name, "description": description, "contentUrl": url,
                            "encodingFormat": mime, "duration": f"PT{max(1, round(seconds))}S"}
    if uploaded:
        node["uploadDate"] = stamp(uploaded)
    if thumbnail:
        node["thumbnailUrl"] = thumbnail
    return node


def product_node(product: ProductEntry, *, name: str, description: str, url: str, category: str, images: list[str],
                 bumdes_name: str, bumdes_url: str, dealer: dict[str, Any], moq_unit: str,
                 video: dict[str, Any] | None = None) -> dict[str, Any]:
    """A Product with its maker, origin, key trade facts and offer (or price on request)."""
    data = product.data
    price = data.price
    offer: dict[str, Any] = {
        "@type": "Offer",
        "url": url,
        "availability": AVAILABILITY[data.availability],
        "seller": dealer,
        "eligibleQuantity": {"@type": "QuantitativeValue", "minValue": float(data.moq.quantity), "unitText": moq_unit},
    }
    if price.on_request or price.min is None:
        offer["priceSpecification"] = {"@type": "PriceSpecification", "description": "Price on request"}
    else:
        offer["priceCurrency"] = price.currency
        offer["price"] = str(price.min)
        offer["priceSpecification"] = {
            "@type": "UnitPriceSpecification",
            "priceCurrency": price.currency,
            "minPrice": str(price.min),
            "maxPrice": str(price.max if price.max is not None else price.min),
            "unitText": price.unit,
            "description": f"{price.incoterm}",
        }
    maker = {"@type": "Organization", "name": bumdes_name, "url": bumdes_url}
    node: dict[str, Any] = {
        "@type": "Product",
        "@id": url + "#product",
        "name": name,
        "description": description,
        "sku": product.id,
        "url": url,
        "category": category,
        # The BUMDes makes it and sells it under its name; "brand" is what search engines read (one copy: ~150
        # bytes of each of 30,000 pages at 10,000 products, the same organisation as "manufacturer" said twice).
        "brand": maker,
        "countryOfOrigin": {"@type": "Country", "name": "Indonesia", "identifier": "ID"},
        "additionalProperty": [
            {"@type": "PropertyValue", "name": "HS code", "propertyID": "HS2022", "value": data.hs_code},
            {"@type": "PropertyValue", "name": "Minimum order quantity", "value": float(data.moq.quantity), "unitText": moq_unit},
            {"@type": "PropertyValue", "name": "Lead time (days)", "minValue": data.lead_time.min_days, "maxValue": data.lead_time.max_days},
        ],
        "offers": offer,
    }
    if images:
        node["image"] = images
    if video:
        node["subjectOf"] = video
    return node


def bumdes_node(bumdes: BumdesEntry, *, name: str, url: str, regency: str, province: str, images: list[str]) -> dict[str, Any]:
    """The BUMDes as an Organization located at its village."""
    node = organization(name, url, bumdes.data.legal_name, place(bumdes.village_name, regency, province))
    node["@id"] = url + "#organization"
    if bumdes.data.founded:
        node["foundingDate"] = str(bumdes.data.founded)
    if images:
        node["image"] = images
    return node
