"""Which link-preview cards a build needs and what each says: one for every product and BUMDes without a photo,
in every language. The words are chosen here; cards.py draws them.
"""

from __future__ import annotations

from typing import Mapping

from generator.cards import CardTexts, is_wide
from generator.catalog import Catalog
from generator.localize import Localizer
from generator.media import CARD_BUMDES, CARD_PRODUCT, CardFor


def plan_cards(catalog: Catalog, localizers: Mapping[str, Localizer]) -> dict[CardFor, CardTexts]:
    """The texts of every card the site shows, by (kind, id, language); entries with a photo have none."""
    vocab = catalog.config.vocabularies
    plans: dict[CardFor, CardTexts] = {}
    for code, loc in localizers.items():
        title = loc.plain(catalog.config.title)
        for product in catalog.products.values():
            if product.data.photos:
                continue
            province = catalog.provinces.get(product.province_code)
            plans[(CARD_PRODUCT, product.id, code)] = CardTexts(
                name=loc.plain(product.data.name),
                category=loc.plain(vocab.categories[product.data.category].name),
                place=loc.place(province.name) if province else product.province_code,
                site_title=title,
                alternates=alternate_names(product.data.name, code),
            )
        for bumdes in catalog.bumdes.values():
            if bumdes.data.photos:
                continue
            regency = catalog.regencies.get(bumdes.regency_code)
            province = catalog.provinces.get(bumdes.province_code)
            place = [loc.place(regency.name) if regency else bumdes.regency_code,
                     loc.place(province.name) if province else bumdes.province_code]
            plans[(CARD_BUMDES, bumdes.id, code)] = CardTexts(
                name=loc.plain(bumdes.data.name),
                category=loc.t("bumdes.card"),
                place=", ".join(place),
                site_title=title,
                alternates=alternate_names(bumdes.data.name, code),
            )
    return plans


def alternate_names(name: Mapping[str, str] | str, lang: str) -> tuple[str, ...]:
    """The name in the other languages, Latin-script ones first: what a card draws when its font lacks a character
    of the page's own (a rare hanzi outside the font's GB2312 set falls back to the English name, not to a box)."""
    if isinstance(name, str):
        return ()
    others = [text for code, text in name.items() if code != lang and text]
    return tuple(sorted(others, key=lambda text: any(is_wide(c) for c in text)))
