"""Which link-preview cards a build needs and what each says: one for every product and every BUMDes without a
photo, in every language, with its name, its category (or what a BUMDes is) and its province in that language.

The words are chosen here; cards.py draws them. A card is named by what it draws, so two products that say the
same share one file, and a product renamed in one language gets a new card in that language only.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterator, Mapping

from generator.cards import CardTexts
from generator.catalog import BumdesEntry, Catalog, ProductEntry
from generator.localize import Localizer
from generator.media import CardFor, bumdes_card, product_card
from generator.sources import CONFIG_FILE, STRINGS_DIR


@dataclass(frozen=True)
class TextSource:
    """Where one of a card's texts is written: the file and field a warning about it names."""

    path: str
    field: str


@dataclass(frozen=True)
class PlannedCard:
    """One card's words and where each was written (name, category, place, title: the order of
    cards.missing_glyphs_by_text)."""

    texts: CardTexts
    sources: tuple[TextSource, TextSource, TextSource, TextSource]


def plan_cards(catalog: Catalog, localizers: Mapping[str, Localizer]) -> dict[CardFor, PlannedCard]:
    """Every card the site shows (media.product_card, media.bumdes_card), with its words; entries with a photo need none."""
    vocab = catalog.config.vocabularies
    plans: dict[CardFor, PlannedCard] = {}
    for code, loc in localizers.items():
        title = (loc.plain(catalog.config.title), TextSource(CONFIG_FILE, f"title.{code}"))
        # What many cards share, worked out once a language: ~35,000 cards at 10,000 products.
        kinds = {key: (loc.plain(category.name), alternate_names(category.name, code),
                       TextSource(CONFIG_FILE, f"vocabularies.categories.{key}.name.{code}")) for key, category in vocab.categories.items()}
        places: dict[str, tuple[str, TextSource]] = {}
        for card, entry, (kind, kind_alternates, kind_source) in _photo_less(catalog, loc, code, kinds):
            if entry.province_code not in places:
                places[entry.province_code] = (_province(catalog, loc, entry.province_code),
                                               _province_source(catalog, entry.province_code, code))
            place, place_source = places[entry.province_code]
            plans[card] = PlannedCard(
                texts=CardTexts(name=loc.plain(entry.data.name), kind=kind, place=place, site_title=title[0],
                                name_alternates=alternate_names(entry.data.name, code), kind_alternates=kind_alternates),
                sources=(TextSource(entry.source, f"name.{code}"), kind_source, place_source, title[1]))
    return plans


Kind = tuple[str, tuple[str, ...], TextSource]
"""What a card's subject is, in one language (a category's name, or the BUMDes label), its alternates, and where it
is written."""


def _photo_less(catalog: Catalog, loc: Localizer, code: str, kinds: Mapping[str, Kind]
                ) -> Iterator[tuple[CardFor, ProductEntry | BumdesEntry, Kind]]:
    """Each product and BUMDes without a photo, with its card in ``code`` and what it is."""
    for product in catalog.products.values():
        if not product.data.photos:
            yield product_card(product, code), product, kinds[product.data.category]
    bumdes_kind = (loc.t("bumdes.card"), (), TextSource(f"{STRINGS_DIR}/{code}.yml", "bumdes.card"))
    for bumdes in catalog.bumdes.values():
        if not bumdes.data.photos:
            yield bumdes_card(bumdes, code), bumdes, bumdes_kind


def _province(catalog: Catalog, loc: Localizer, code: str) -> str:
    province = catalog.provinces.get(code)
    return loc.place(province.name) if province else code


def _province_source(catalog: Catalog, code: str, lang: str) -> TextSource:
    province = catalog.provinces.get(code)
    return TextSource(province.source if province else CONFIG_FILE, f"province.name.{lang}")


def alternate_names(name: Mapping[str, str] | str, lang: str) -> tuple[str, ...]:
    """The name in the other languages: what a card draws when its font lacks a character of the page's own (a rare
    hanzi outside the font's GB2312 set falls back to another language's name, Latin first, not to a box)."""
    if isinstance(name, str):
        return ()
    return tuple(text for code, text in name.items() if code != lang and text)
