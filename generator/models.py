"""The on-disk shapes of every file kind: SiteConfig, Region file, Bumdes and Product.

Unknown keys are errors. Every scalar arrives as text from ``load`` and is converted here, with rules
that keep the meaning a village contributor intended (``1.000`` is refused as ambiguous rather than read
as one). These models are also the source of the published JSON Schemas (``schemas/``).
"""

from __future__ import annotations

import datetime as dt
import re
import types
import typing
import unicodedata
from decimal import Decimal, InvalidOperation
from functools import lru_cache
from typing import Annotated, Literal

import phonenumbers
from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field, WithJsonSchema, model_validator
from pydantic_core import PydanticCustomError

ID_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"
LANG_PATTERN = r"^[a-z]{2,3}(-[A-Za-z0-9]+)*$"
HS_PATTERN = r"^[0-9]{4}([0-9]{2}([0-9]{2,4})?)?$"
VILLAGE_PATTERN = r"^[0-9]{2}\.[0-9]{2}\.[0-9]{2}\.[0-9]{4}$"
REGENCY_PATTERN = r"^[0-9]{2}\.[0-9]{2}$"
PROVINCE_PATTERN = r"^[0-9]{2}$"
INCOTERMS_2020 = ("EXW", "FCA", "FAS", "FOB", "CFR", "CIF", "CPT", "CIP", "DAP", "DPU", "DDP")
EMAIL_RE = re.compile(r"^[A-Za-z0-9._%+\-]+@[A-Za-z0-9\-]+(\.[A-Za-z0-9\-]+)*\.[A-Za-z]{2,}$")
_NUMBER_RE = re.compile(r"^[0-9]+(\.[0-9]+)?$")
_AMBIGUOUS_RE = re.compile(r"^[0-9]{1,3}([.,][0-9]{3})+$")


def parse_number(value: object) -> object:
    """Text → Decimal, refusing thousands separators whose meaning differs between id and en."""
    if not isinstance(value, str):
        return value
    text = value.strip()
    if _AMBIGUOUS_RE.match(text):
        raise PydanticCustomError("ambiguous_number", "ambiguous number", {"value": text})
    if not _NUMBER_RE.match(text):
        raise PydanticCustomError("number", "not a number", {"value": text})
    try:
        return Decimal(text)
    except InvalidOperation:  # pragma: no cover - the pattern already guarantees digits
        raise PydanticCustomError("number", "not a number", {"value": text}) from None


def parse_whole(value: object) -> object:
    """Text → int, digits only (no signs, separators or decimals)."""
    if not isinstance(value, str):
        return value
    text = value.strip()
    if _AMBIGUOUS_RE.match(text):
        raise PydanticCustomError("ambiguous_number", "ambiguous number", {"value": text})
    if not text.isascii() or not text.isdigit():
        raise PydanticCustomError("integer", "not a whole number", {"value": text})
    return int(text)


def check_https(value: str) -> str:
    """Accept only absolute https:// links with a host; anything else could be a script or a trap."""
    text = value.strip()
    match = re.match(r"^https://([^/?#\s@]+)([/?#][^\s]*)?$", text)
    if not match or "." not in match.group(1):
        raise PydanticCustomError("url", "not an https link", {"value": text})
    return text


ALIBABA_DOMAINS = ("alibaba.com", "1688.com")
"""Where an ``alibaba_url`` may point: Alibaba's international and Chinese marketplaces (and their subdomains,
such as a storefront <name>.en.alibaba.com). A look-alike host (alibaba.com.evil.example) is refused."""
WECHAT_DOMAINS = ("u.wechat.com", "weixin.qq.com")
"""Where a WeChat contact link may point: the link WeChat puts in an account's own QR code."""


def on_domains(url: str, domains: tuple[str, ...]) -> bool:
    """Whether an https link's host is one of ``domains`` or a subdomain of one."""
    host = url.split("://", 1)[1].split("/", 1)[0].split("?", 1)[0].split("#", 1)[0].lower().rstrip(".")
    return any(host == domain or host.endswith("." + domain) for domain in domains)


def hosts_of(service: str, domains: tuple[str, ...], example: str):
    """A check that a link of a named service leads to that service's own hosts."""

    def check(value: str) -> str:
        if not on_domains(value, domains):
            raise PydanticCustomError("url_host", "not a link of the service",
                                      {"value": value, "service": service, "allowed": " / ".join(domains), "example": example})
        return value

    check.__doc__ = f"A {service} link must lead to {service} ({', '.join(domains)})."
    return check


check_alibaba = hosts_of("Alibaba", ALIBABA_DOMAINS, "https://www.alibaba.com/product-detail/…")
check_wechat_link = hosts_of("WeChat", WECHAT_DOMAINS, "https://u.wechat.com/…")


def check_one_line(value: str) -> str:
    """Short text is one line: it reaches e-mail subjects, page titles and link previews."""
    if "\n" in value or "\r" in value:
        raise PydanticCustomError("line_break", "line break in one-line text", {"value": value})
    return value


FILE_NAME_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$")


def check_file_name(value: str) -> str:
    """A file beside the YAML: letters, digits, dots, hyphens and underscores only, nothing a shell or a path reads."""
    if not FILE_NAME_RE.match(value) or ".." in value:
        raise PydanticCustomError("file_name", "not a plain file name", {"value": value, "suggestion": safe_file_name(value)})
    return value


def safe_file_name(name: str) -> str:
    """What a refused file name could be renamed to (``WhatsApp Image 1.jpeg`` → ``whatsapp-image-1.jpeg``)."""
    stem, _, suffix = name.rpartition(".")
    if not stem or not re.fullmatch(r"[A-Za-z0-9]{1,5}", suffix):
        stem, suffix = name, ""
    clean = re.sub(r"[^a-z0-9]+", "-", unicodedata.normalize("NFKD", stem).encode("ascii", "ignore").decode().lower()).strip("-")
    return (clean[:60].strip("-") or "photo") + (f".{suffix.lower()}" if suffix else "")


def parse_flag(value: object) -> object:
    """Only true or false: yes, on, y or 1 could mean either to someone, so they are refused."""
    if isinstance(value, bool):
        return value
    if value in ("true", "false"):
        return value == "true"
    raise PydanticCustomError("flag", "not true or false", {"value": str(value)})


WECHAT_RE = r"^[A-Za-z][A-Za-z0-9_-]{5,19}$"
"""WeChat's own rule for an ID: 6-20 letters, digits, _ or -, starting with a letter."""


def check_email(value: str) -> str:
    """A plain address: no display names, no header tricks."""
    text = value.strip()
    if not EMAIL_RE.match(text):
        raise PydanticCustomError("email", "not an e-mail address", {"value": text})
    return text


def check_phone(value: str) -> str:
    """A dialable international number written with + and its country code; stored as E.164 (``+6281234567890``).

    ``0812…`` (no country code) and ``+62 0812…`` (a trunk 0 after it) are refused rather than guessed:
    WhatsApp links need the exact international number.
    """
    text = value.strip()
    try:
        number = phonenumbers.parse(text, None)
    except phonenumbers.NumberParseException:
        raise PydanticCustomError("phone", "not a phone number", {"value": text}) from None
    if not phonenumbers.is_valid_number(number):
        raise PydanticCustomError("phone", "not a phone number", {"value": text})
    e164 = phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
    if re.sub(r"[^0-9]", "", text) != e164[1:]:
        raise PydanticCustomError("phone_trunk", "a digit that is not dialled", {"value": text, "suggestion": format_phone(e164)})
    return e164


@lru_cache(maxsize=4096)
def format_phone(e164: str) -> str:
    """An E.164 number as people read it (``+62 811-4500-1234``)."""
    # Cached: every product page shows the dealer's number, and phonenumbers takes ~45 µs to parse and
    # format one (~1 CPU-second per language at 10,000 products).
    return phonenumbers.format_number(phonenumbers.parse(e164, None), phonenumbers.PhoneNumberFormat.INTERNATIONAL)


# Editors read YAML themselves: numbers may arrive there as numbers or as quoted text, so the published
# schema accepts both; the generator reads every value as text and converts it here.
Number = Annotated[
    Decimal,
    BeforeValidator(parse_number),
    Field(ge=0),
    WithJsonSchema({"anyOf": [{"type": "number", "minimum": 0}, {"type": "string", "pattern": r"^[0-9]+(\.[0-9]+)?$"}]}),
]
Whole = Annotated[
    int,
    BeforeValidator(parse_whole),
    WithJsonSchema({"anyOf": [{"type": "integer", "minimum": 0}, {"type": "string", "pattern": r"^[0-9]+$"}]}),
]
Flag = Annotated[bool, BeforeValidator(parse_flag), WithJsonSchema({"anyOf": [{"type": "boolean"}, {"enum": ["true", "false"]}]})]
Text = Annotated[str, Field(min_length=1, max_length=300), AfterValidator(check_one_line)]
LongText = Annotated[str, Field(min_length=1, max_length=8000)]
Slug = Annotated[str, Field(pattern=ID_PATTERN, min_length=2, max_length=80)]
LangCode = Annotated[str, Field(pattern=LANG_PATTERN)]
HttpsUrl = Annotated[str, AfterValidator(check_https), Field(max_length=500)]
AlibabaUrl = Annotated[HttpsUrl, AfterValidator(check_alibaba)]
WechatLink = Annotated[HttpsUrl, AfterValidator(check_wechat_link)]
FileName = Annotated[str, Field(min_length=1, max_length=100), AfterValidator(check_file_name)]
WechatId = Annotated[str, Field(pattern=WECHAT_RE)]
Email = Annotated[str, AfterValidator(check_email), Field(max_length=200)]
Phone = Annotated[str, AfterValidator(check_phone), Field(max_length=40)]
Localized = dict[LangCode, Text]
"""Short text per language code; the source language is required (checked with the config)."""
LocalizedLong = dict[LangCode, LongText]
"""Longer text (limited Markdown) per language code."""
Month = Annotated[Whole, Field(ge=1, le=12)]
CountryCode = Annotated[str, Field(pattern=r"^[A-Z]{2}$")]
CurrencyCode = Annotated[str, Field(pattern=r"^[A-Z]{3}$")]
Incoterm = Literal["EXW", "FCA", "FAS", "FOB", "CFR", "CIF", "CPT", "CIP", "DAP", "DPU", "DDP"]


class Shape(BaseModel):
    """Base of every file shape: unknown keys are errors, values are immutable once read."""

    model_config = ConfigDict(extra="forbid", frozen=True, use_attribute_docstrings=True, str_strip_whitespace=True)


# --- site_config.yml -------------------------------------------------------------------------------


class Language(Shape):
    """One language the site is published in."""

    code: LangCode
    """Language code used in URLs and in text fields (e.g. id, en, zh)."""
    name: Text
    """The language's own name, shown in the language switch (e.g. Bahasa Indonesia, 中文)."""
    locale: Text
    """Babel/CLDR locale for numbers, dates and currencies (e.g. id_ID, en_US, zh_Hans_CN)."""
    theme_language: Text
    """Material for MkDocs' interface language code (e.g. id, en, zh)."""
    direction: Literal["ltr", "rtl"] = "ltr"
    """Writing direction: ltr, or rtl for Arabic and Hebrew."""
    og_locale: Text
    """OpenGraph locale for link previews (e.g. id_ID, en_US, zh_CN)."""
    fallback: list[LangCode] = []
    """Where a reader of this language looks when a text is missing, in order, before the source language
    (e.g. [en] for zh: a Chinese reader takes English before Indonesian). Still marked as not translated."""
    regency_names: dict[Annotated[str, Field(pattern=r"^[A-Z][a-z]+$")], Annotated[str, Field(pattern=r"\{name\}")]] = Field(
        default={}, json_schema_extra={"per_language": False})
    """How a regency or city without a name of its own in this language is named, by the word its official
    Indonesian name starts with: {Kabupaten: "{name}县", Kota: "{name}市"} makes "Kabupaten Sigi" "Sigi县".
    A name in regions/ wins (an established name: 望加锡市 for Kota Makassar)."""
    territories: dict[Annotated[str, Field(pattern=r"^[A-Z]{2}$")], Text] = Field(default={}, json_schema_extra={"per_language": False})
    """Country and territory names that replace the locale's own (ISO 3166 code → name), e.g. TW: 中国台湾."""


class Contact(Shape):
    """How buyers reach the dealer or a regional agent."""

    name: Text
    """Company or person that receives inquiries."""
    email: Email
    """Address that receives e-mail inquiries."""
    whatsapp: Phone | None = None
    """WhatsApp number with country code (e.g. +62 812 3456 7890)."""
    wechat: WechatId | None = None
    """WeChat ID (6-20 letters, digits, _ or -, starting with a letter); WhatsApp is blocked in mainland China."""
    wechat_link: WechatLink | None = None
    """The link inside the account's own WeChat QR code (WeChat → Me → QR code; e.g. https://u.wechat.com/…):
    the site's QR code encodes it, so scanning adds the contact. Without it only the ID is shown."""
    alibaba_url: AlibabaUrl | None = None
    """The dealer's Alibaba storefront (https, on alibaba.com or 1688.com)."""
    address: Localized | None = None
    """Office address per language."""
    hours: Localized | None = None
    """Office hours per language, with the time zone (e.g. Mon–Fri 08:00–17:00 WITA)."""


class Person(Shape):
    """Someone at the dealer a buyer can ask for by name."""

    name: Text
    """Name as the person uses it (e.g. Sari Wulandari)."""
    role: Localized
    """What they do, per language (e.g. Export manager)."""
    languages: list[LangCode] = []
    """Languages they answer in (language codes, e.g. [id, en, zh])."""
    email: Email | None = None
    """Their own address, if buyers may write to them directly."""


class Dealer(Contact):
    """The authorised dealer: who receives inquiries, and what a buyer checks before trusting them."""

    legal_name: Text | None = None
    """Registered company name (e.g. PT Mitra Ekspor Nusantara)."""
    registration: Text | None = None
    """Company registration as printed, with its kind (e.g. NIB 9120001234567)."""
    since: Annotated[Whole, Field(ge=1900, le=2100)] | None = None
    """Year the dealer started exporting (shown as "exporting since 2012")."""
    response_time: Localized | None = None
    """The reply a buyer can expect, per language (e.g. Within one working day)."""
    payment_terms: list[Slug] = []
    """Payment terms offered unless a product says otherwise, from vocabularies.payment_terms (e.g. tt, lc)."""
    people: list[Person] = []
    """Named contacts."""


class Agent(Contact):
    """A regional agent who takes inquiries for some provinces or BUMDes instead of the dealer."""

    id: Slug
    """Agent id, referenced from a BUMDes file's ``agent`` field."""
    provinces: list[Annotated[str, Field(pattern=PROVINCE_PATTERN)]] = []
    """Province codes (e.g. "72") whose BUMDes this agent serves by default."""


class Term(Shape):
    """One entry of a controlled vocabulary with its name in every language."""

    name: Localized
    """The term's name per language."""


class Category(Term):
    """A product category."""

    food: Flag = False
    """Products are food (GACC registration is needed for China)."""


class Unit(Term):
    """A unit of quantity, and how it converts to the others of its family."""

    family: Slug
    """Units of one family convert into each other (mass: kg, tonne); a container size is a family of its own."""
    base: Number
    """How many of the family's base unit one of this is (kg: 1, tonne: 1000)."""
    plural: Localized = Field(default={}, json_schema_extra={"per_language": False})
    """The name for more than one, in languages that inflect it (en: tonnes); a symbol (kg) has none."""


class Issuer(Term):
    """A body that issues certificates or analyses, with its name per language (an institution's name is
    translated, not left in Indonesian on an English or Chinese page)."""

    verify_hosts: list[Annotated[str, Field(pattern=r"^[a-z0-9.-]+\.[a-z]{2,}$")]] = []
    """Hosts of the issuer's own site where a certificate can be checked; a verify_url must be on one of them."""


class Vocabularies(Shape):
    """The controlled lists contributors choose from."""

    categories: dict[Slug, Category]
    """Product categories (e.g. seafood, moringa, essential-oils)."""
    certifications: dict[Slug, Term]
    """Certification kinds (e.g. halal, organic, haccp, bpom, sni)."""
    issuers: dict[Slug, Issuer] = {}
    """Bodies that issue certificates and analyses (e.g. bpjph, bpom), with their names and verification sites."""
    units: dict[Slug, Unit]
    """Units for quantities and prices (e.g. kg, tonne, litre, container-20ft)."""
    periods: dict[Slug, Term]
    """Periods for supply capacity (e.g. week, month, year)."""
    incoterms: dict[Incoterm, Term]
    """Incoterms 2020 rules offered on the site, with their names per language."""
    payment_terms: dict[Slug, Term] = {}
    """Payment terms (e.g. tt: T/T bank transfer, lc: letter of credit, trade-assurance)."""
    export_documents: dict[Slug, Term] = {}
    """Documents that can travel with a shipment (e.g. coo-form-e, phytosanitary, health-certificate, coa)."""


class SiteConfig(Shape):
    """site_config.yml: the site's languages, dealer, vocabularies and address."""

    title: Localized
    """Site title per language."""
    description: Localized
    """One-sentence description per language (used in search results and link previews)."""
    base_url: HttpsUrl
    """Where the site is published, e.g. https://catalog.example.org/ (https only)."""
    source_language: LangCode
    """Language every text must have; contributors write it first (id)."""
    languages: list[Language] = Field(min_length=1)
    """Languages the site is published in; the first one is the default."""
    sample_data: Flag = False
    """true while the catalog holds sample data: every page then shows a notice."""
    dealer: Dealer
    """The authorised dealer who receives every inquiry, and the facts a buyer checks about them."""
    agents: list[Agent] = []
    """Optional regional agents who take inquiries for some provinces or BUMDes."""
    vocabularies: Vocabularies
    """Controlled lists: categories, certifications, units, periods, Incoterms."""
    currencies: list[CurrencyCode] = Field(min_length=1)
    """Currencies prices may be given in (ISO 4217)."""


# --- regions/<code>-<slug>.yml ---------------------------------------------------------------------


class RegionEntry(Shape):
    """A province or a regency/city with its official code and names."""

    code: str
    """Official Kemendagri code ("72" for a province, "72.10" for a regency)."""
    name: Localized
    """Official Indonesian name under id; English and Chinese where they differ."""
    description: LocalizedLong | None = None
    """Optional text for the region's page, per language."""


class RegionFile(Shape):
    """regions/<code>-<slug>.yml: one province and all its regencies and cities."""

    province: RegionEntry
    """The province."""
    regencies: list[RegionEntry] = Field(min_length=1)
    """Every regency (kabupaten) and city (kota) of the province."""


# --- products/<bumdes-id>/bumdes.yml ---------------------------------------------------------------


class Photo(Shape):
    """A photo stored beside the YAML file, with its description for people who cannot see it."""

    file: FileName
    """File name inside the BUMDes folder: letters, digits, ., - and _ only (e.g. kelor-powder-1.jpg)."""
    alt: Localized
    """What the photo shows, per language (read aloud by screen readers)."""


class Video(Shape):
    """A short film of the product stored beside the YAML file, shown on its page; nothing loads until played."""

    file: FileName
    """File name inside the BUMDes folder: an MP4 or WebM video of at most 20 MB and 60 seconds (e.g. kelor-panen.mp4)."""
    caption: Localized
    """What the video shows, per language (shown under it, and read by those who cannot watch it)."""


class Bumdes(Shape):
    """products/<bumdes-id>/bumdes.yml: the village-owned enterprise behind the products."""

    id: Slug
    """Equal to the folder name, kebab-case (e.g. bumdes-maju-bersama-sigi)."""
    name: Localized
    """Trading name per language."""
    legal_name: Text
    """Registered legal name (e.g. BUM Desa Maju Bersama)."""
    nib: Annotated[str, Field(pattern=r"^[0-9]{13}$")] | None = None
    """Business registration number (NIB, 13 digits) where known."""
    village: Annotated[str, Field(pattern=VILLAGE_PATTERN)]
    """Official Kemendagri code of the desa (e.g. 72.10.01.2009)."""
    founded: Annotated[Whole, Field(ge=1945, le=2100)] | None = None
    """Year the BUMDes was founded."""
    description: LocalizedLong
    """About the BUMDes per language (limited Markdown: paragraphs, bold, italic, lists, https links)."""
    photos: list[Photo] = []
    """Photos of the BUMDes, its people or its place."""
    agent: Slug | None = None
    """Id of the regional agent (site_config.yml agents) who handles its inquiries, if not the dealer."""


# --- products/<bumdes-id>/<product-id>.yml ---------------------------------------------------------


class Amount(Shape):
    """A quantity with its unit."""

    quantity: Number
    """How many (digits; a dot only for decimals)."""
    unit: Slug
    """Unit from site_config.yml vocabularies.units (e.g. kg)."""


class Capacity(Amount):
    """How much the BUMDes can supply in a period."""

    period: Slug
    """Period from site_config.yml vocabularies.periods (e.g. month)."""


class LeadTime(Shape):
    """Days from confirmed order to goods ready at the port of loading."""

    min_days: Annotated[Whole, Field(ge=0, le=365)]
    """Shortest lead time in days."""
    max_days: Annotated[Whole, Field(ge=0, le=365)]
    """Longest lead time in days."""

    @model_validator(mode="after")
    def _ordered(self) -> "LeadTime":
        if self.max_days < self.min_days:
            raise PydanticCustomError("range", "max below min", {"min": self.min_days, "max": self.max_days})
        return self


class Price(Shape):
    """Either 'on request' or a range per unit under one Incoterm."""

    on_request: Flag = False
    """true when the dealer quotes each inquiry; then leave min, max, currency, unit and incoterm out."""
    min: Number | None = None
    """Lowest price per unit."""
    max: Number | None = None
    """Highest price per unit (leave out for a single price)."""
    currency: CurrencyCode | None = None
    """ISO 4217 currency (e.g. USD)."""
    unit: Slug | None = None
    """Unit the price is for (e.g. kg)."""
    incoterm: Incoterm | None = None
    """Incoterm the price is quoted under (e.g. FOB)."""

    @model_validator(mode="after")
    def _either(self) -> "Price":
        ranged = [self.min, self.currency, self.unit, self.incoterm]
        if self.on_request == any(v is not None for v in ranged + [self.max]) or (
            not self.on_request and any(v is None for v in ranged)
        ):
            raise PydanticCustomError("price", "on request or a full range")
        if self.min is not None and self.max is not None and self.max < self.min:
            raise PydanticCustomError("range", "max below min", {"min": self.min, "max": self.max})
        return self


class Shipping(Shape):
    """An Incoterm offered with its named place (port of loading for FOB/FCA, destination for CIF…)."""

    incoterm: Incoterm
    """Incoterms 2020 rule (e.g. FOB)."""
    place: Text | Localized
    """Named port or place (e.g. Pantoloan, Palu): plain text, or per language where names differ (id: Pelabuhan
    Pantoloan, Palu; zh: 帕卢 Pantoloan 港)."""


class Specification(Shape):
    """One row of the specification table."""

    name: Localized
    """What is measured (e.g. Moisture), per language."""
    value: Text | Localized
    """The value: plain text when it reads the same in every language (≤ 8 %, 60 mesh), else per language."""


class Samples(Shape):
    """Whether a buyer can get samples before ordering."""

    policy: Literal["free", "paid", "none"]
    """free, paid (buyer pays the courier or the goods) or none."""
    note: Localized | None = None
    """Details per language (e.g. 200 g, courier paid by the buyer)."""


class Certification(Shape):
    """A certificate the product holds (or its producer holds for this product)."""

    type: Slug
    """Kind from site_config.yml vocabularies.certifications (e.g. halal)."""
    number: Text
    """Certificate number as printed."""
    issuer: Slug
    """Who issued it, from site_config.yml vocabularies.issuers (e.g. bpjph, bpom, control-union)."""
    issued: dt.date | None = None
    """Date of issue YYYY-MM-DD, as printed."""
    valid_until: dt.date | None = None
    """Expiry date YYYY-MM-DD; leave out only for certificates that never expire."""
    file: FileName | None = None
    """A scan of the certificate beside this file: PDF, or a JPEG/PNG/WebP photo of it (e.g. halal-2026.pdf)."""
    verify_url: HttpsUrl | None = None
    """Where the issuer's own site confirms it (https, on a host the issuer lists in site_config.yml)."""


class AnalysisResult(Shape):
    """One measured value of a laboratory analysis."""

    name: Localized
    """What was measured (e.g. Moisture, Total plate count), per language."""
    value: Text | Localized
    """The result with its unit as printed (e.g. 6.2 %, < 10 CFU/g): plain text when it reads the same in every
    language, else per language (e.g. negative)."""


class Analysis(Shape):
    """A certificate of analysis (COA) from a laboratory, for a sample of the product."""

    lab: Slug
    """The laboratory, from site_config.yml vocabularies.issuers (e.g. sucofindo)."""
    number: Text | None = None
    """Report number as printed."""
    sample_date: dt.date
    """Date the sample was taken YYYY-MM-DD."""
    file: FileName | None = None
    """The report beside this file: PDF, or a JPEG/PNG/WebP photo of it."""
    results: list[AnalysisResult] = []
    """The main results, as printed (the file has them all)."""
    verify_url: HttpsUrl | None = None
    """Where the laboratory's own site confirms it (https, on a host the laboratory lists in site_config.yml)."""


class PriceTier(Shape):
    """A price for an order of at least some quantity, under one Incoterm at one place."""

    min_quantity: Number
    """The smallest order this price is for, in ``unit`` (e.g. 500)."""
    price: Number
    """The price per ``unit`` (e.g. 3.2)."""
    currency: CurrencyCode
    """ISO 4217 currency (e.g. USD)."""
    unit: Slug
    """Unit of the quantity and the price, from vocabularies.units (e.g. kg)."""
    incoterm: Incoterm
    """Incoterms 2020 rule of this price (e.g. FOB, CFR)."""
    place: Text | Localized
    """The named port or place (e.g. Pantoloan, Palu for FOB; Qingdao for CFR): plain text, or per language."""


class ContainerLoad(Shape):
    """How much goes in one container."""

    container: Slug
    """The container, a unit of its own family in vocabularies.units (e.g. container-20ft, container-40ft-hc)."""
    quantity: Number
    """How much one container holds (e.g. 18)."""
    unit: Slug
    """Unit of ``quantity`` from vocabularies.units (e.g. tonne)."""
    net_weight_kg: Number | None = None
    """Net weight of the goods in kg."""
    gross_weight_kg: Number | None = None
    """Gross weight with packaging in kg."""


class Product(Shape):
    """products/<bumdes-id>/<product-id>.yml: everything an importer needs before asking for a quote."""

    id: Slug
    """Equal to the file name without .yml, kebab-case, unique in the catalog."""
    category: Slug
    """Category from site_config.yml vocabularies.categories."""
    name: Localized
    """Product name per language."""
    summary: Localized
    """One sentence per language, shown on product cards."""
    description: LocalizedLong
    """Full description per language (limited Markdown)."""
    photos: list[Photo] = []
    """Product photos, the best first."""
    video: Video | None = None
    """A short film (MP4 or WebM, at most 20 MB and 60 seconds): the harvest, the processing, the packing."""
    hs_code: Annotated[str, Field(pattern=HS_PATTERN)]
    """HS 2022 code: 4 or 6 digits, or an 8–10 digit national extension; write it in quotes ("121190")."""
    moq: Amount
    """Minimum order quantity."""
    capacity: Capacity
    """Supply capacity per period."""
    lead_time: LeadTime
    """Lead time in days."""
    price: Price
    """Price range or on request."""
    shipping: list[Shipping] = Field(min_length=1)
    """Incoterms offered, each with its named port or place."""
    packaging: Localized
    """How the goods are packed per language (e.g. 25 kg kraft bags, 20 bags per pallet)."""
    shelf_life_months: Annotated[Whole, Field(ge=0, le=240)] | None = None
    """Shelf life in months; leave out for live or fresh goods with a shelf life under a month."""
    storage: Localized | None = None
    """Storage conditions per language."""
    season: list[Month] = Field(min_length=1)
    """Months (1–12) in which the product can be supplied; all 12 for all year."""
    specifications: list[Specification] = []
    """Specification table rows (moisture, mesh size, grade…)."""
    samples: Samples
    """Samples policy."""
    certifications: list[Certification] = []
    """Certificates held."""
    analyses: list[Analysis] = []
    """Laboratory analyses (certificates of analysis) of recent samples."""
    price_tiers: list[PriceTier] = []
    """Prices by order quantity, Incoterm and place, as importers compare them."""
    payment_terms: list[Slug] = []
    """Payment terms from vocabularies.payment_terms (e.g. tt, lc); leave out to use the dealer's."""
    container_load: list[ContainerLoad] = []
    """How much fits in a 20 ft or 40 ft HC container."""
    export_documents: list[Slug] = []
    """Documents supplied with each shipment, from vocabularies.export_documents (e.g. coo-form-e, phytosanitary)."""
    gacc_registration: Annotated[str, Field(pattern=r"^[A-Z0-9]{6,20}$")] | None = None
    """GACC registration number of the producer (needed for food sold to China)."""
    markets: list[CountryCode] = []
    """Target or current export markets (ISO 3166 alpha-2, e.g. CN, SG)."""
    availability: Literal["available", "seasonal", "limited", "sold-out"]
    """available, seasonal, limited or sold-out."""
    verified: dt.date
    """Date the facts above were last checked with the BUMDes (YYYY-MM-DD)."""
    alibaba_url: AlibabaUrl | None = None
    """The product's own Alibaba listing, if any (https, on alibaba.com or 1688.com)."""


# --- glossary/synonyms.yml --------------------------------------------------------------------------


SearchTerm = Annotated[str, Field(min_length=1, max_length=60), AfterValidator(check_one_line)]


class Synonym(Shape):
    """One thing buyers look for under several names: any of them finds every product named by one of them."""

    names: dict[LangCode, list[SearchTerm]] = Field(min_length=1)
    """What buyers type, per language (e.g. zh: [螃蟹, 蟹, 青蟹], en: [crab, mud crab], id: [kepiting])."""
    scientific: list[SearchTerm] = []
    """Scientific names, found on every language's site (e.g. Scylla serrata)."""


class Glossary(Shape):
    """glossary/synonyms.yml: the words search understands besides the catalog's own texts."""

    synonyms: dict[Slug, Synonym]
    """Each entry under a short id of your choice (e.g. crab, moringa, avocado)."""


def unwrap(annotation: object) -> object:
    """A field's annotation without Optional and Annotated, so its model or container shows."""
    while True:
        origin = typing.get_origin(annotation)
        if origin is typing.Annotated:
            annotation = typing.get_args(annotation)[0]
            continue
        args = [a for a in typing.get_args(annotation) if a is not type(None)]
        if origin in (typing.Union, types.UnionType) and len(args) == 1:
            annotation = args[0]
            continue
        return annotation


FILE_KINDS: dict[str, type[Shape]] = {
    "site_config": SiteConfig,
    "region": RegionFile,
    "bumdes": Bumdes,
    "product": Product,
    "glossary": Glossary,
}
"""Every file kind by the name its JSON Schema is published under (schemas/<name>.schema.json)."""
