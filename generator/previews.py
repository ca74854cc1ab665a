"""Which link-preview cards a build needs and what each says: one for every (category, province, language) that
a product without a photo has, and one for every (province, language) that a BUMDes without a photo has.

A card says what and where, not whose: the product's or BUMDes's name is the preview's title (og:title),
which WhatsApp and WeChat show beside the picture. So the number of cards is bounded by the vocabulary
(categories × provinces × languages), not by the size of the catalog. The words are chosen here; cards.py
draws them.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Mapping

from generator.cards import CardTexts, is_wide
from generator.catalog import Catalog
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
    """One card's words and where each was written (headline, place, title: the order of cards.missing_glyphs_by_text)."""

    texts: CardTexts
    sources: tuple[TextSource, TextSource, TextSource]


def plan_cards(catalog: Catalog, localizers: Mapping[str, Localizer]) -> dict[CardFor, PlannedCard]:
    """Every card the site shows (media.product_card, media.bumdes_card), with its words; entries with a photo need none."""
    vocab = catalog.config.vocabularies
    plans: dict[CardFor, PlannedCard] = {}
    for code, loc in localizers.items():
        title = (loc.plain(catalog.config.title), TextSource(CONFIG_FILE, f"title.{code}"))
        for product in catalog.products.values():
            card = product_card(product, code)
            if product.data.photos or card in plans:
                continue
            category = product.data.category
            plans[card] = PlannedCard(
                texts=CardTexts(headline=loc.plain(vocab.categories[category].name), place=_province(catalog, loc, product.province_code),
                                site_title=title[0], alternates=alternate_names(vocab.categories[category].name, code)),
                sources=(TextSource(CONFIG_FILE, f"vocabularies.categories.{category}.name.{code}"),
                         _province_source(catalog, product.province_code, code), title[1]),
            )
        for bumdes in catalog.bumdes.values():
            card = bumdes_card(bumdes, code)
            if bumdes.data.photos or card in plans:
                continue
            plans[card] = PlannedCard(
                texts=CardTexts(headline=loc.t("bumdes.card"), place=_province(catalog, loc, bumdes.province_code),
                                site_title=title[0]),
                sources=(TextSource(f"{STRINGS_DIR}/{code}.yml", "bumdes.card"),
                         _province_source(catalog, bumdes.province_code, code), title[1]),
            )
    return plans


def _province(catalog: Catalog, loc: Localizer, code: str) -> str:
    province = catalog.provinces.get(code)
    return loc.place(province.name) if province else code


def _province_source(catalog: Catalog, code: str, lang: str) -> TextSource:
    province = catalog.provinces.get(code)
    return TextSource(province.source if province else CONFIG_FILE, f"province.name.{lang}")


def alternate_names(name: Mapping[str, str] | str, lang: str) -> tuple[str, ...]:
    """The name in the other languages, Latin-script ones first: what a card draws when its font lacks a character
    of the page's own (a rare hanzi outside the font's GB2312 set falls back to the English name, not to a box)."""
    if isinstance(name, str):
        return ()
    others = [text for code, text in name.items() if code != lang and text]
    return tuple(sorted(others, key=lambda text: any(is_wide(c) for c in text)))
