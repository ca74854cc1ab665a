"""Text in the page's language: UI strings, catalog text with marked fallback, and locale formatting."""

from __future__ import annotations

import datetime as dt
import functools
import re
import unicodedata
from decimal import Decimal
from pathlib import Path
from typing import Any, Mapping

import markdown
import nh3
import yaml
from babel import Locale
from babel.lists import format_list
from babel.dates import format_date, get_month_names
from babel.numbers import format_currency, format_decimal, get_currency_symbol
from markupsafe import Markup, escape

from generator.models import Language

PLURAL_FORMS = ("zero", "one", "two", "few", "many", "other")
"""CLDR's plural categories, the keys under a UI string that has forms."""
RICH_TAGS = {"p", "br", "strong", "em", "ul", "ol", "li", "a", "blockquote", "code", "h3", "h4"}


def load_strings(strings_dir: Path, code: str) -> dict[str, str]:
    """The flat key → text table of one language (theme/strings/<code>.yml), read safely."""
    path = strings_dir / f"{code}.yml"
    if not path.is_file():
        return {}
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    return {str(k): str(v) for k, v in _flatten(data)}


def _flatten(data: Any, prefix: str = "") -> list[tuple[str, Any]]:
    if isinstance(data, dict):
        items: list[tuple[str, Any]] = []
        for key, value in data.items():
            items += _flatten(value, f"{prefix}{key}.")
        return items
    return [(prefix[:-1], data)]


_MARKDOWN = markdown.Markdown(extensions=["sane_lists"], output_format="html")
"""One converter, reset between texts: building a Markdown instance costs more than converting a description."""


_WIDE = "\u2e80-\u9fff\u3000-\u30ff\uac00-\ud7af\uf900-\ufaff\uff00-\uffef"
_WIDE_LINE_BREAK = re.compile(f"(?<=[{_WIDE}])\n(?=[{_WIDE}])")
"""A line break inside a paragraph between two Chinese (Japanese, Korean) characters: a browser shows it as a
space ("质量， 收取"), where Chinese has none."""


@functools.lru_cache(maxsize=4096)
def render_rich(text: str) -> str:
    """Limited Markdown → sanitised HTML: an allow-list of tags, https links only, rel=nofollow."""
    html = _MARKDOWN.reset().convert(_WIDE_LINE_BREAK.sub("", text))
    return nh3.clean(
        html,
        tags=RICH_TAGS,
        attributes={"a": {"href"}},
        url_schemes={"https"},
        link_rel="nofollow noopener noreferrer",
    )


_MARKUP = re.compile(r"!?\[([^\]]*)\]\([^)]*\)|[*_`>#]+")


def plain_text(markdown_text: str) -> str:
    """Limited Markdown as plain words (search records): link texts kept, emphasis and heading marks dropped."""
    return " ".join(_MARKUP.sub(lambda m: m.group(1) or " ", markdown_text).split())


@functools.lru_cache(maxsize=65536)
def _sort_key(text: str, language: str) -> tuple:
    # Cached: a product's name is sorted in every listing it is in (all products, category, province,
    # regency, BUMDes), and pinyin is ~0.3 ms a name.
    if language == "zh":
        from pypinyin import Style, lazy_pinyin

        # Words that are not Chinese (BUMDes names, "Moringa") stay as written and sort by letter.
        return (tuple(word.casefold() for word in lazy_pinyin(text, style=Style.TONE3)), text)
    folded = "".join(ch for ch in unicodedata.normalize("NFKD", text) if not unicodedata.combining(ch)).casefold()
    return (folded, text)


class Localizer:
    """Everything a template needs to say something in one language."""

    def __init__(self, language: Language, source: str, strings: Mapping[str, str], fallback: Mapping[str, str]):
        self.language = language
        self.code = language.code
        self.source = source
        self.strings = strings
        self.fallback_strings = fallback
        self.chain = list(dict.fromkeys([self.code, *language.fallback, source]))
        """The languages a catalog text is looked for in, in order."""
        self.ui: dict[str, str] = {**fallback, **{key: text for key, text in strings.items() if text}}
        """Every UI string in this language, else English (an empty translation counts as missing).
        Templates look them up (``t["nav.home"]``): a dictionary lookup instead of a call, ~50 times on
        every product page."""

    def t(self, key: str, **values: object) -> str:
        """A UI string (plain text; the template escapes it), English-or-source when untranslated."""
        template = self.ui.get(key)
        if template is None:
            raise KeyError(f"UI string {key!r} is missing from theme/strings")
        return template.format(**values) if values else template

    def english(self, key: str) -> str:
        """A UI string in English, to stand beside this language's where a reader may need both."""
        return self.fallback_strings.get(key) or self.t(key)

    def both(self, key: str) -> tuple[str, ...]:
        """A label in this language and in English (once, on an English page)."""
        local, english = self.t(key), self.english(key)
        return (local,) if local == english else (local, english)

    def pick(self, texts: Mapping[str, str]) -> tuple[str, str]:
        """The language and text a reader of this page gets: this language, then its fallback chain
        (site_config.yml), then the source language, then whatever there is."""
        for code in self.chain:
            if texts.get(code):
                return code, texts[code]
        code = next(iter(texts))
        return code, texts[code]

    def plain(self, texts: Mapping[str, str] | str | None) -> str:
        """Catalog text for attributes and titles: this language, else along the fallback chain."""
        if isinstance(texts, str):
            return texts  # language-neutral text (a number with its unit)
        if not texts:
            return ""
        return self.pick(texts)[1]

    def place(self, texts: Mapping[str, str] | None) -> str:
        """A place name: this language's, else named by this language's rule from the official Indonesian
        name ("Kabupaten Sigi" → "Sigi县"), else along the fallback chain, without a marker (a proper noun)."""
        if not texts:
            return ""
        if texts.get(self.code):
            return texts[self.code]
        official = texts.get("id", "")
        word, _, name = official.partition(" ")
        rule = self.language.regency_names.get(word)
        if rule and name:
            return rule.format(name=name)
        return self.pick(texts)[1]

    def is_fallback(self, texts: Mapping[str, str] | str | None) -> bool:
        """True when this language's text is missing and another language's is shown instead."""
        return bool(texts) and not isinstance(texts, str) and not texts.get(self.code)  # type: ignore[union-attr]

    def text(self, texts: Mapping[str, str] | str | None) -> Markup:
        """Inline catalog text; a fallback is wrapped with its own lang and a visible note."""
        if not self.is_fallback(texts):
            return escape(self.plain(texts))
        lang, value = self.pick(texts)  # type: ignore[arg-type]
        return Markup('<span class="vc-fallback" lang="{}">{}</span><span class="vc-fallback__note">{}</span>').format(
            lang, value, self.t("common.not_translated")
        )

    def fallback_lang(self, texts: Mapping[str, str] | str | None) -> str | None:
        """The language of the text shown when it is a fallback (for a lang attribute), else None."""
        return self.pick(texts)[0] if self.is_fallback(texts) else None  # type: ignore[arg-type]

    def rich(self, texts: Mapping[str, str] | None) -> Markup:
        """Block catalog text (limited Markdown), sanitised; a fallback is marked like ``text``."""
        if not self.is_fallback(texts):
            return Markup(render_rich(self.plain(texts)))
        lang, value = self.pick(texts)  # type: ignore[arg-type]
        return Markup('<div class="vc-fallback" lang="{}">{}</div><p class="vc-fallback__note">{}</p>').format(
            lang, Markup(render_rich(value)), self.t("common.not_translated")
        )

    def count(self, key: str, count: int) -> str:
        """A UI string about ``count`` things in this language's plural form ("1 product", "2 products"):
        theme/strings may give the key's forms by CLDR category (one, few, many, other)."""
        forms = self.plural_forms(key)
        template = forms.get(_plural_form(self.language.locale, count)) or forms["other"]
        return template.format(count=self.number(count))

    def plural_forms(self, key: str) -> dict[str, str]:
        """Every plural form of a UI string, unfilled, by CLDR category: this language's own (a language
        without plurals gives one text), else English's."""
        for table in (self.strings, self.fallback_strings):
            forms = {form: text for form in PLURAL_FORMS if (text := table.get(f"{key}.{form}"))}
            if "other" in forms:
                return forms
            if table.get(key):
                return {"other": table[key]}
        raise KeyError(f"UI string {key!r} is missing from theme/strings")

    def unit(self, names: Mapping[str, str], plurals: Mapping[str, str], quantity: Decimal | int | None = None) -> str:
        """A unit's name for ``quantity`` of it: the plural where this language has one and the number asks for it."""
        if quantity is not None and plurals.get(self.code) and _plural_form(self.language.locale, quantity) != "one":
            return plurals[self.code]
        return self.plain(names)

    def number(self, value: Decimal | int) -> str:
        """A number in this locale (1.000,5 in id; 1,000.5 in en)."""
        return _format_decimal(str(value), self.language.locale)

    def money(self, value: Decimal, currency: str) -> str:
        """An amount with its currency in this locale, the currency never ambiguous (US$ 3.50, not $3.50)."""
        return _format_currency(str(value), currency, self.language.locale)

    def date(self, value: dt.date) -> str:
        """A date in this locale's long form (28 November 2026; 2026年11月28日)."""
        return _format_date(value, self.language.locale)

    def countries(self, codes: list[str]) -> list[str]:
        """ISO 3166 country codes as this locale's country names (an unknown code stays as written)."""
        names = _country_names(self.language.locale)
        own = self.language.territories
        return [own.get(code) or names.get(code, code) for code in codes]

    def languages(self, codes: list[str]) -> list[str]:
        """Language codes as this locale names them (id → Indonesian, 印度尼西亚语, Indonesia; an unknown code stays as written)."""
        names = _language_names(self.language.locale)
        return [names.get(code, code) for code in codes]

    def list(self, items: list[str]) -> str:
        """Items joined as this language joins them ("a, b and c"; "中国、新加坡和日本")."""
        return _format_list(tuple(items), self.language.locale) if items else ""

    def sort_key(self, text: str) -> tuple:
        """Where ``text`` goes in a list sorted as this language's readers expect: Chinese by pinyin (tones
        included, as dictionaries order them), other languages letter by letter without accents or case."""
        return _sort_key(text, self.language.locale.split("_")[0])

    def months(self, months: list[int]) -> str:
        """Harvest months as text; all twelve read as 'all year'."""
        if len(set(months)) == 12:
            return self.t("product.all_year")
        names = get_month_names("wide", locale=self.language.locale)
        return self.list([names[m] for m in sorted(set(months))])


# Babel parses the locale's pattern on every call; a catalog repeats the same quantities and prices on
# product, BUMDes and listing pages. Keyed by the number's text: 1.5 and 1.50 are equal but may print apart.
@functools.lru_cache(maxsize=8192)
def _format_decimal(value: str, locale: str) -> str:
    return format_decimal(Decimal(value), locale=locale)


_AMBIGUOUS_SYMBOLS = frozenset({"$", "¥", "£", "kr"})
"""Symbols several currencies share: an importer must not guess which dollar a price is in."""
UNAMBIGUOUS_LOCALE = "en_IE"
"""A locale whose symbols name their country (US$, CA$, CN¥, JP¥)."""


@functools.lru_cache(maxsize=8192)
def _format_currency(value: str, currency: str, locale: str) -> str:
    text = format_currency(Decimal(value), currency, locale=locale)
    symbol = get_currency_symbol(currency, locale)
    # Chinese readers read ¥ as their own yuan; everyone else gets the country-marked symbol.
    if symbol in _AMBIGUOUS_SYMBOLS and not (currency == "CNY" and locale.startswith("zh")):
        text = text.replace(symbol, get_currency_symbol(currency, UNAMBIGUOUS_LOCALE), 1)
    return text


# A catalog's dates repeat (a verification round checks many products on one day), and Babel parses the
# pattern each time: 10,000 products' "verified" dates took 0.4 s a language.
@functools.lru_cache(maxsize=4096)
def _format_date(value: dt.date, locale: str) -> str:
    return format_date(value, format="long", locale=locale)


@functools.lru_cache(maxsize=4096)
def _format_list(items: tuple[str, ...], locale: str) -> str:
    return format_list(list(items), locale=locale)


@functools.lru_cache(maxsize=4096)
def _plural_form(locale: str, count: Decimal | int) -> str:
    return Locale.parse(locale).plural_form(count)


@functools.lru_cache(maxsize=16)
def _language_names(locale: str) -> Mapping[str, str]:
    return Locale.parse(locale).languages


@functools.lru_cache(maxsize=16)
def _country_names(locale: str) -> Mapping[str, str]:
    return Locale.parse(locale).territories
