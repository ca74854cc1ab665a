"""Open data: every product in every language as JSON (with its JSON Schema) and as a CSV Excel opens.

Texts are exported as written (per language, no fallback), with absolute page URLs per language.
"""

from __future__ import annotations

import csv
import io
import json
from decimal import Decimal
from typing import Any

from generator.catalog import Catalog, ProductEntry
from generator.media import Media
from generator.pages import BUMDES, MEDIA_DIR, product_url

JSON_FILE = "products.json"
SCHEMA_FILE = "products.schema.json"
CSV_FILE = "products.csv"
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _num(value: Decimal | None) -> float | int | None:
    if value is None:
        return None
    return int(value) if value == value.to_integral_value() else float(value)


def product_record(catalog: Catalog, media: Media, product: ProductEntry) -> dict[str, Any]:
    """One product as plain JSON data."""
    base = catalog.config.base_url.rstrip("/")
    langs = [lang.code for lang in catalog.languages]
    data = product.data
    bumdes = catalog.bumdes[product.bumdes_id]
    regency = catalog.regencies.get(product.regency_code)
    province = catalog.provinces.get(product.province_code)
    photos = []
    for photo in data.photos:
        processed = media.get(product.folder, photo)
        if processed:
            photos.append({"url": f"{base}/{MEDIA_DIR}/{processed.largest().name}", "alt": dict(photo.alt)})
    video = media.video(product.folder, data.video) if data.video else None
    price = data.price
    return {
        "id": product.id,
        "url": {lang: f"{base}/{lang}/{product_url(product.id)}" for lang in langs},
        "category": {"id": data.category, "name": dict(catalog.config.vocabularies.categories[data.category].name)},
        "name": dict(data.name),
        "summary": dict(data.summary),
        "description": dict(data.description),
        "bumdes": {
            "id": bumdes.id,
            "name": dict(bumdes.data.name),
            "legal_name": bumdes.data.legal_name,
            "nib": bumdes.data.nib,
            "url": {lang: f"{base}/{lang}/{BUMDES.format(id=bumdes.id)}" for lang in langs},
            "village": {"code": bumdes.data.village, "name": bumdes.village_name},
            "regency": {"code": product.regency_code, "name": dict(regency.name) if regency else {}},
            "province": {"code": product.province_code, "name": dict(province.name) if province else {}},
        },
        "hs_code": data.hs_code,
        "moq": {"quantity": _num(data.moq.quantity), "unit": data.moq.unit},
        "capacity": {"quantity": _num(data.capacity.quantity), "unit": data.capacity.unit, "period": data.capacity.period},
        "lead_time_days": {"min": data.lead_time.min_days, "max": data.lead_time.max_days},
        "price": {"on_request": price.on_request, "min": _num(price.min), "max": _num(price.max),
                  "currency": price.currency, "unit": price.unit, "incoterm": price.incoterm},
        "shipping": [{"incoterm": s.incoterm, "place": s.place if isinstance(s.place, str) else dict(s.place)} for s in data.shipping],
        "packaging": dict(data.packaging),
        "shelf_life_months": data.shelf_life_months,
        "storage": dict(data.storage) if data.storage else None,
        "season": sorted(set(data.season)),
        "specifications": [{"name": dict(s.name), "value": s.value if isinstance(s.value, str) else dict(s.value)}
                           for s in data.specifications],
        "samples": {"policy": data.samples.policy, "note": dict(data.samples.note) if data.samples.note else None},
        "certifications": [{"type": c.type, "number": c.number, "issuer": c.issuer,
                            "valid_until": c.valid_until.isoformat() if c.valid_until else None} for c in product.certifications],
        "gacc_registration": data.gacc_registration,
        "markets": list(data.markets),
        "availability": data.availability,
        "verified": data.verified.isoformat(),
        "alibaba_url": data.alibaba_url,
        "photos": photos,
        "video": None if video is None or data.video is None else {
            "url": f"{base}/{MEDIA_DIR}/{video.name}", "type": video.mime, "seconds": round(video.seconds, 1),
            "width": video.width, "height": video.height, "bytes": video.size, "caption": dict(data.video.caption)},
    }


def render_products_json(catalog: Catalog, media: Media) -> str:
    """The whole catalog's products as one JSON document."""
    # One product per line: readable and diffable, and written by json's C encoder (any indent makes it
    # fall back to the pure-Python one, 10 s at 10,000 products).
    products = ",\n".join(_compact(product_record(catalog, media, p)) for p in catalog.products.values())
    schema = f"{catalog.config.base_url.rstrip('/')}/data/{SCHEMA_FILE}"
    return (
        f'{{"$schema":{_compact(schema)},\n'
        f'"languages":{_compact([lang.code for lang in catalog.languages])},\n'
        f'"products":[\n{products}\n],\n'
        f'"source_language":{_compact(catalog.source_language)}}}\n'
    )


def _compact(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def _cell(value: Any) -> str:
    """Spreadsheet-safe text: a cell that starts like a formula is prefixed with ' so Excel shows it as text."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_START) else text


def _in_source(text: str | dict[str, str], catalog: Catalog) -> str:
    """A text that may be per language, in the source language (a CSV cell holds one)."""
    return text if isinstance(text, str) else text.get(catalog.source_language, next(iter(text.values()), ""))


def render_products_csv(catalog: Catalog, media: Media) -> str:
    """One row per product, one column per field and language; UTF-8 with BOM so Excel reads it right."""
    langs = [lang.code for lang in catalog.languages]
    records = [product_record(catalog, media, p) for p in catalog.products.values()]
    localized = ("name", "summary", "packaging", "storage", "description")
    header = ["id", "category"]
    header += [f"{field}_{lang}" for field in localized[:2] for lang in langs]
    header += ["bumdes_id"] + [f"bumdes_name_{lang}" for lang in langs]
    header += ["village_code", "village", "regency_code", "province_code", "hs_code", "moq_quantity", "moq_unit",
               "capacity_quantity", "capacity_unit", "capacity_period", "lead_time_min_days", "lead_time_max_days",
               "price_on_request", "price_min", "price_max", "price_currency", "price_unit", "price_incoterm",
               "shipping", "shelf_life_months", "season", "samples", "certifications", "gacc_registration",
               "markets", "availability", "verified", "alibaba_url"]
    header += [f"{field}_{lang}" for field in localized[2:] for lang in langs]
    header += [f"url_{lang}" for lang in langs]
    header += ["photo_urls", "video_url"]  # after the columns readers already know, so their positions stay
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(header)
    for r in records:
        row: list[Any] = [r["id"], r["category"]["id"]]
        row += [r[field].get(lang, "") for field in localized[:2] for lang in langs]
        row += [r["bumdes"]["id"]] + [r["bumdes"]["name"].get(lang, "") for lang in langs]
        price = r["price"]
        row += [r["bumdes"]["village"]["code"], r["bumdes"]["village"]["name"], r["bumdes"]["regency"]["code"],
                r["bumdes"]["province"]["code"], r["hs_code"], r["moq"]["quantity"], r["moq"]["unit"],
                r["capacity"]["quantity"], r["capacity"]["unit"], r["capacity"]["period"],
                r["lead_time_days"]["min"], r["lead_time_days"]["max"], "true" if price["on_request"] else "false",
                price["min"], price["max"], price["currency"], price["unit"], price["incoterm"],
                "; ".join(f"{s['incoterm']} {_in_source(s['place'], catalog)}" for s in r["shipping"]), r["shelf_life_months"],
                " ".join(str(m) for m in r["season"]), r["samples"]["policy"],
                "; ".join(" ".join(str(x) for x in (c["type"], c["number"], c["issuer"], c["valid_until"] or "") if x)
                          for c in r["certifications"]),
                r["gacc_registration"], " ".join(r["markets"]), r["availability"], r["verified"], r["alibaba_url"]]
        row += [(r[field] or {}).get(lang, "") for field in localized[2:] for lang in langs]
        row += [r["url"][lang] for lang in langs]
        row += [" ".join(photo["url"] for photo in r["photos"]), r["video"]["url"] if r["video"] else None]
        writer.writerow([_cell(v) for v in row])
    return "\ufeff" + buffer.getvalue()


def products_schema(catalog: Catalog) -> dict[str, Any]:
    """JSON Schema of products.json."""
    text = {"type": "object", "additionalProperties": {"type": "string"}}
    text_or_null = {"anyOf": [text, {"type": "null"}]}
    number_or_null = {"anyOf": [{"type": "number"}, {"type": "null"}]}
    string_or_null = {"type": ["string", "null"]}
    urls = {"type": "object", "additionalProperties": {"type": "string", "format": "uri", "pattern": "^https://"}}
    place = {"type": "object", "required": ["code", "name"], "properties": {"code": {"type": "string"}, "name": {}}}
    product = {
        "type": "object",
        "additionalProperties": False,
        "required": ["id", "url", "category", "name", "summary", "description", "bumdes", "hs_code", "moq", "capacity",
                     "lead_time_days", "price", "shipping", "packaging", "season", "samples", "certifications",
                     "markets", "availability", "verified", "photos", "shelf_life_months", "storage",
                     "specifications", "gacc_registration", "alibaba_url", "video"],
        "properties": {
            "id": {"type": "string", "pattern": "^[a-z0-9]+(-[a-z0-9]+)*$"},
            "url": urls,
            "category": {"type": "object", "properties": {"id": {"type": "string"}, "name": text}},
            "name": text, "summary": text, "description": text,
            "bumdes": {"type": "object", "required": ["id", "name", "village", "regency", "province", "url"],
                       "properties": {"id": {"type": "string"}, "name": text, "legal_name": {"type": "string"},
                                      "nib": string_or_null, "url": urls, "village": place, "regency": place,
                                      "province": place}},
            "hs_code": {"type": "string", "pattern": "^[0-9]{4}([0-9]{2}([0-9]{2,4})?)?$"},
            "moq": {"type": "object", "required": ["quantity", "unit"],
                    "properties": {"quantity": {"type": "number"}, "unit": {"type": "string"}}},
            "capacity": {"type": "object", "required": ["quantity", "unit", "period"],
                         "properties": {"quantity": {"type": "number"}, "unit": {"type": "string"}, "period": {"type": "string"}}},
            "lead_time_days": {"type": "object", "properties": {"min": {"type": "integer"}, "max": {"type": "integer"}}},
            "price": {"type": "object", "properties": {"on_request": {"type": "boolean"}, "min": number_or_null,
                                                       "max": number_or_null, "currency": string_or_null,
                                                       "unit": string_or_null, "incoterm": string_or_null}},
            "shipping": {"type": "array", "items": {"type": "object", "properties": {"incoterm": {"type": "string"},
                                                                                     "place": {"type": ["string", "object"]}}}},
            "packaging": text, "storage": text_or_null,
            "shelf_life_months": {"type": ["integer", "null"]},
            "season": {"type": "array", "items": {"type": "integer", "minimum": 1, "maximum": 12}},
            "specifications": {"type": "array"},
            "samples": {"type": "object", "properties": {"policy": {"enum": ["free", "paid", "none"]}}},
            "certifications": {"type": "array", "items": {"type": "object", "required": ["type", "number", "issuer"]}},
            "gacc_registration": string_or_null,
            "markets": {"type": "array", "items": {"type": "string", "pattern": "^[A-Z]{2}$"}},
            "availability": {"enum": ["available", "seasonal", "limited", "sold-out"]},
            "verified": {"type": "string", "format": "date"},
            "alibaba_url": string_or_null,
            "photos": {"type": "array", "items": {"type": "object", "required": ["url", "alt"]}},
            "video": {"anyOf": [{"type": "null"}, {
                "type": "object", "required": ["url", "type", "seconds", "width", "height", "bytes", "caption"],
                "properties": {"url": {"type": "string", "format": "uri", "pattern": "^https://"},
                               "type": {"enum": ["video/mp4", "video/webm"]}, "seconds": {"type": "number"},
                               "width": {"type": ["integer", "null"]}, "height": {"type": ["integer", "null"]},
                               "bytes": {"type": "integer"}, "caption": text}}]},
        },
    }
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": f"{catalog.config.base_url.rstrip('/')}/data/{SCHEMA_FILE}",
        "title": "Village export catalog: products",
        "type": "object",
        "required": ["languages", "source_language", "products"],
        "properties": {
            "$schema": {"type": "string"},
            "languages": {"type": "array", "items": {"type": "string"}},
            "source_language": {"type": "string"},
            "products": {"type": "array", "items": product},
        },
    }


def render_products_schema(catalog: Catalog) -> str:
    """The schema as stable JSON text."""
    return json.dumps(products_schema(catalog), ensure_ascii=False, indent=1, sort_keys=True) + "\n"
