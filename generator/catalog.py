"""The resolved catalog: references joined, indexes built, everything sorted. The only thing pages see."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType
from typing import Mapping

from generator import official
from generator.glossary import compile_glossary
from generator.models import Bumdes, Certification, Contact, Language, Product, RegionEntry, SiteConfig
from generator.checked import Validated


@dataclass(frozen=True)
class Regency:
    """A regency or city that has at least one BUMDes, or is listed in regions/."""

    code: str
    slug: str
    name: Mapping[str, str]
    description: Mapping[str, str] | None
    province_code: str
    source: str
    """The region file that describes it, and where in it (regencies[i])."""
    loc: tuple[str | int, ...]


@dataclass(frozen=True)
class Province:
    """A province with its regencies."""

    code: str
    slug: str
    name: Mapping[str, str]
    description: Mapping[str, str] | None
    regency_codes: tuple[str, ...]
    source: str
    """The region file that describes it."""
    loc: tuple[str | int, ...] = ("province",)


@dataclass(frozen=True)
class BumdesEntry:
    """A BUMDes with its place resolved and its inquiry contact chosen."""

    id: str
    data: Bumdes
    folder: Path
    source: str
    village_name: str
    regency_code: str
    province_code: str
    contact: Contact
    product_ids: tuple[str, ...]


@dataclass(frozen=True)
class ProductEntry:
    """A product with its BUMDes and place."""

    id: str
    data: Product
    folder: Path
    source: str
    bumdes_id: str
    regency_code: str
    province_code: str
    certifications: tuple[Certification, ...]
    """The certificates still valid on the build's date: pages, search and open data show only these."""


def valid_certifications(product: Product, today: dt.date) -> tuple[Certification, ...]:
    """The product's certificates that have not expired by ``today`` (an expired one is never shown as valid)."""
    return tuple(c for c in product.certifications if c.valid_until is None or c.valid_until >= today)


@dataclass(frozen=True)
class Catalog:
    """Everything the site shows, resolved and sorted; built only from a validated catalog."""

    config: SiteConfig
    root: Path
    languages: tuple[Language, ...]
    provinces: Mapping[str, Province]
    regencies: Mapping[str, Regency]
    bumdes: Mapping[str, BumdesEntry]
    products: Mapping[str, ProductEntry]
    products_by_category: Mapping[str, tuple[str, ...]]
    products_by_province: Mapping[str, tuple[str, ...]]
    products_by_regency: Mapping[str, tuple[str, ...]]
    bumdes_by_province: Mapping[str, tuple[str, ...]]
    bumdes_by_regency: Mapping[str, tuple[str, ...]]
    """Indexes by place: region pages, counts and dates read these instead of scanning the catalog."""
    synonyms: Mapping[str, tuple[str, ...]]
    """Each product's words from glossary/synonyms.yml (glossary.py), by product id; search finds it by them."""

    @property
    def source_language(self) -> str:
        """The language every text has."""
        return self.config.source_language

    def language(self, code: str) -> Language:
        """The Language with this code."""
        return next(lang for lang in self.languages if lang.code == code)


def slugify(text: str) -> str:
    """ASCII kebab-case for URLs (``Kabupaten Tojo Una-Una`` → ``kabupaten-tojo-una-una``)."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-") or "x"


def build_catalog(validated: Validated, *, today: dt.date) -> Catalog:
    """Join products to BUMDes, BUMDes to villages and regions; sort everything by id; withdraw what expired by ``today``."""
    assert validated.config is not None, "build_catalog needs a valid site_config.yml"
    config = validated.config.model
    regencies: dict[str, Regency] = {}
    provinces: dict[str, Province] = {}
    for region in sorted(validated.regions, key=lambda r: r.model.province.code):
        province = region.model.province
        codes = []
        for index, entry in enumerate(region.model.regencies):
            regencies[entry.code] = _regency(entry, province.code, region.where, ("regencies", index))
            codes.append(entry.code)
        provinces[province.code] = Province(
            code=province.code,
            slug=slugify(province.name[config.source_language]),
            name=MappingProxyType(dict(province.name)),
            description=_frozen(province.description),
            regency_codes=tuple(sorted(codes)),
            source=region.where,
        )

    agents_by_id = {agent.id: agent for agent in config.agents}
    agents_by_province = {code: agent for agent in config.agents for code in agent.provinces}
    products_by_folder: dict[Path, list[str]] = {}
    products: dict[str, ProductEntry] = {}
    bumdes_by_folder = {b.document.path.parent: b for b in validated.bumdes}
    for checked in sorted(validated.products, key=lambda p: p.model.id):
        folder = checked.document.path.parent
        owner = bumdes_by_folder[folder].model
        products[checked.model.id] = ProductEntry(
            id=checked.model.id,
            data=checked.model,
            folder=folder,
            source=checked.where,
            bumdes_id=owner.id,
            regency_code=owner.village[:5],
            province_code=owner.village[:2],
            certifications=valid_certifications(checked.model, today),
        )
        products_by_folder.setdefault(folder, []).append(checked.model.id)

    bumdes: dict[str, BumdesEntry] = {}
    for checked in sorted(validated.bumdes, key=lambda b: b.model.id):
        model = checked.model
        province_code = model.village[:2]
        contact: Contact = (
            agents_by_id.get(model.agent) if model.agent else None
        ) or agents_by_province.get(province_code) or config.dealer
        bumdes[model.id] = BumdesEntry(
            id=model.id,
            data=model,
            folder=checked.document.path.parent,
            source=checked.where,
            village_name=official.village_name(model.village) or model.village,
            regency_code=model.village[:5],
            province_code=province_code,
            contact=contact,
            product_ids=tuple(products_by_folder.get(checked.document.path.parent, [])),
        )

    by_category: dict[str, list[str]] = {slug: [] for slug in config.vocabularies.categories}
    for product in products.values():
        by_category[product.data.category].append(product.id)

    finder = compile_glossary(validated.glossary.model if validated.glossary else None)
    synonyms = {pid: words for pid, product in products.items() if (words := finder.words_for(product.data.name.values()))}

    return Catalog(
        synonyms=MappingProxyType(synonyms),
        products_by_province=_index(products.values(), lambda p: p.province_code),
        products_by_regency=_index(products.values(), lambda p: p.regency_code),
        bumdes_by_province=_index(bumdes.values(), lambda b: b.province_code),
        bumdes_by_regency=_index(bumdes.values(), lambda b: b.regency_code),
        config=config,
        root=validated.root,
        languages=tuple(config.languages),
        provinces=MappingProxyType(provinces),
        regencies=MappingProxyType(regencies),
        bumdes=MappingProxyType(bumdes),
        products=MappingProxyType(products),
        products_by_category=MappingProxyType({k: tuple(v) for k, v in by_category.items()}),
    )


def _index(entries, key) -> Mapping[str, tuple[str, ...]]:
    """Ids grouped by ``key``, in catalog order."""
    groups: dict[str, list[str]] = {}
    for entry in entries:
        groups.setdefault(key(entry), []).append(entry.id)
    return MappingProxyType({k: tuple(v) for k, v in groups.items()})


def _regency(entry: RegionEntry, province_code: str, source: str, loc: tuple[str | int, ...]) -> Regency:
    name = entry.name.get("id", entry.code)
    short = re.sub(r"^(Kabupaten|Kota)( Administrasi)? ", "", name)
    kind = "kota-" if name.startswith("Kota") else ""
    return Regency(
        code=entry.code,
        slug=kind + slugify(short),
        name=MappingProxyType(dict(entry.name)),
        description=_frozen(entry.description),
        province_code=province_code,
        source=source,
        loc=loc,
    )


def _frozen(texts: Mapping[str, str] | None) -> Mapping[str, str] | None:
    return MappingProxyType(dict(texts)) if texts else None
