"""Check every catalog file: its shape (the models), then the rules (rules.py), caching what it can by content.

The engine, not the rule book: it reads each file where it is checked (in worker processes for big
catalogs), keeps each file's result under a hash of its bytes, site_config.yml and the checker itself, and
runs the catalog rules on everything. Every problem is collected, none stops the run; the result carries the
valid models for the next steps.
"""

from __future__ import annotations

import datetime as dt
import difflib
import functools
import gc
import hashlib
import json
import re
import typing
from pathlib import Path
from typing import Any, Callable, TypeVar

from pydantic import BaseModel, TypeAdapter, ValidationError

from generator import models, write
from generator.catalog import slugify
from generator.checked import Checked, Validated, format_loc
from generator.issues import MESSAGES, Issue, Severity, make_issue, shorten
from generator.load import Document
from generator.models import Bumdes, Glossary, Product, RegionFile, SiteConfig, unwrap
from generator.rules import CATALOG_RULES, FILE_RULES, is_placeholder
from generator.sources import Sources, read_one
from generator.versions import code_digest
from generator.workers import map_in_workers

M = TypeVar("M", bound=BaseModel)

CACHE_FILE = ".cache/check.json"
CACHE_FORMAT = 1
"""Bumped when the cache file changes shape; a file of another format is ignored."""
_KINDS: dict[str, type[BaseModel]] = {"regions": RegionFile, "bumdes": Bumdes, "products": Product}


def validate_sources(sources: Sources, *, today: dt.date, use_cache: bool = True) -> Validated:
    """Shape-check every document and run the per-file rules (cached by content), then the cross-file rules."""
    result = Validated(root=sources.root, issues=list(sources.issues))
    if sources.config is not None:
        result.config = _check_shape(sources, sources.config, SiteConfig, result.issues, partial=False)
    if sources.glossary is not None:
        result.glossary = _check_shape(sources, sources.glossary, Glossary, result.issues, partial=False)
    if result.config is not None:
        config_only = Validated(root=sources.root, config=result.config)
        for rule in FILE_RULES:
            result.issues.extend(rule(config_only, sources))
    cache = CheckCache(sources.root, _cache_salt(sources, result)) if use_cache else None
    if cache is not None:
        cache.load(trusted=CACHE_FILE not in sources.tracked)
        result.remember = cache.problems_of
    _check_files(sources, result, cache)
    for rule in CATALOG_RULES:
        result.issues.extend(rule(result, sources, today))
    if cache is not None:
        # A one-BUMDes preview must not forget the rest of the catalog.
        cache.save(keep_unused=sources.partial)
    return result


# --- the cache ---------------------------------------------------------------------------------------


class CheckCache:
    """Each file's result and each remembered answer of the last check, as plain JSON checked when read.

    Never code (no pickle): a cache is data from disk like any other, so it is read as untrusted text, and
    one that git tracks is not read at all (rules.check_build_state reports it).
    """

    def __init__(self, root: Path, salt: bytes):
        self.path = root / CACHE_FILE
        self.salt = salt
        self.old: dict[str, Any] = {"files": {}, "answers": {}}
        self.new: dict[str, Any] = {"files": {}, "answers": {}}

    def key(self, *parts: bytes) -> str:
        """The cache key of some bytes under this checker and site_config.yml."""
        return hashlib.sha256(self.salt + b"\0".join(parts)).hexdigest()

    def load(self, *, trusted: bool) -> None:
        """Read the previous check's results, unless there is no salt or git tracks the file."""
        if not self.salt or not trusted:
            return
        # Parsing allocates nothing but live objects: collections would find no garbage.
        collecting = gc.isenabled()
        gc.disable()
        try:
            data = json.loads(self.path.read_bytes())
        except (OSError, ValueError):
            return  # a missing or unreadable cache only costs time
        finally:
            if collecting:
                gc.enable()
        if isinstance(data, dict) and data.get("format") == CACHE_FORMAT:
            for name in ("files", "answers"):
                if isinstance(data.get(name), dict):
                    self.old[name] = data[name]

    def file_result(self, key: str, kind: str, path: Path) -> tuple[Checked[Any] | None, list[Issue]] | None:
        """The stored result of a file with these bytes, if there is one and it reads back as what was stored."""
        entry = self.old["files"].get(key)
        if not isinstance(entry, dict):
            return None
        issues = _issues_from_json(entry.get("issues"))
        where, model = entry.get("where"), entry.get("model")
        if issues is None or not isinstance(where, str):
            return None
        checked = None
        if model is not None:
            try:
                checked = Checked(model=_KINDS[kind].model_validate(model), document=Document(path, None), where=where)
            except ValidationError:
                return None
        self.new["files"][key] = entry
        return checked, issues

    def store_file(self, key: str, checked: Checked[Any] | None, issues: list[Issue]) -> None:
        """Keep a file's result under ``key``."""
        self.new["files"][key] = {
            "where": checked.where if checked else "",
            "model": checked.model.model_dump(mode="json") if checked else None,
            "issues": [_issue_to_json(issue) for issue in issues],
        }

    def problems_of(self, kind: str, content: bytes, compute: Callable[[], list[Any]]) -> list[Any]:
        """``compute()``'s list of [code, severity, values], reused for the same kind and bytes."""
        key = self.key(kind.encode(), content) if self.salt else ""
        stored = self.old["answers"].get(key) if key else None
        found = stored if _valid_problems(stored) else compute()
        if key:
            self.new["answers"][key] = found
        return found

    def save(self, *, keep_unused: bool) -> None:
        """Write what this check used (and, for a partial check, everything else it did not read)."""
        if not self.salt:
            return
        if keep_unused:
            for name in ("files", "answers"):
                self.new[name] = {**self.old[name], **self.new[name]}
        if all(self.new[name].keys() == self.old[name].keys() for name in ("files", "answers")):
            return
        try:
            write.replace_file(self.path, json.dumps({"format": CACHE_FORMAT, **self.new}, ensure_ascii=False,
                                                      separators=(",", ":")).encode())
        except OSError:
            pass  # a read-only checkout still validates; it is only slower next time


def _issue_to_json(issue: Issue) -> list[Any]:
    return [issue.path, issue.line, issue.column, issue.field, issue.code, issue.severity.value, [list(v) for v in issue.values]]


def _issues_from_json(data: Any) -> list[Issue] | None:
    """Stored issues back as Issues; None when anything is not exactly what _issue_to_json writes."""
    if not isinstance(data, list):
        return None
    issues = []
    for item in data:
        if not (isinstance(item, list) and len(item) == 7):
            return None
        path, line, column, field_path, code, severity, values = item
        if not (isinstance(path, str) and isinstance(line, int) and isinstance(column, int) and isinstance(field_path, str)
                and code in MESSAGES and severity in {s.value for s in Severity} and isinstance(values, list)
                and all(isinstance(v, list) and len(v) == 2 and all(isinstance(x, str) for x in v) for v in values)):
            return None
        issues.append(make_issue(path, (line, column), field_path, code, Severity(severity), **dict(values)))
    return issues


def _valid_problems(data: Any) -> bool:
    """A remembered answer is a list of [message code, severity, {name: text}]."""
    return isinstance(data, list) and all(
        isinstance(item, list) and len(item) == 3 and item[0] in MESSAGES and item[1] in {s.value for s in Severity}
        and isinstance(item[2], dict) and all(isinstance(k, str) and isinstance(v, str) for k, v in item[2].items())
        for item in data
    )


def _cache_salt(sources: Sources, result: Validated) -> bytes:
    """What every cached result depends on besides the file itself: the checker (its code and packages,
    which hold the official lists) and site_config.yml."""
    if result.config is None or sources.config is None:
        return b""
    return hashlib.sha256(code_digest() + b"\0" + sources.config.text.encode()).digest()


# --- shapes and per-file rules -----------------------------------------------------------------------


def _check_files(sources: Sources, result: Validated, cache: CheckCache | None) -> None:
    """Every catalog file: from the cache when its bytes, site_config.yml and the checker are unchanged,
    else loaded, shape-checked and checked by the per-file rules in workers."""
    jobs, slots = [], []
    outcomes: list[tuple[Checked[Any] | None, list[Issue]] | None] = []
    # Models read back from the cache are all kept: collections while 10,000 of them are made would find
    # no garbage, and cost as much as making them.
    collecting = gc.isenabled()
    gc.disable()
    try:
        for kind, path in sources.pending:
            try:
                raw = path.read_bytes()
            except OSError:
                raw = b""
            key = cache.key(sources.relative(path).encode(), raw) if cache is not None and cache.salt else ""
            stored = cache.file_result(key, kind, path) if key and cache is not None else None
            outcomes.append(stored)
            if stored is None:
                slots.append((len(outcomes) - 1, key))
                jobs.append((path, sources.root, kind, raw))
    finally:
        if collecting:
            gc.enable()
    check = functools.partial(_check_one_file, result.config)
    for (index, key), (checked, found) in zip(slots, map_in_workers(check, jobs)):
        outcomes[index] = (checked, found)
        # A file with shape errors is checked again each time: its partial model is not worth keeping.
        if key and cache is not None and (checked is None or checked.complete):
            cache.store_file(key, checked, found)
    for (kind, _), outcome in zip(sources.pending, outcomes):
        checked, found = outcome  # type: ignore[misc]
        result.issues.extend(found)
        if checked is not None:
            getattr(result, kind).append(checked)
    sources.pending.clear()


def _check_one_file(config: Checked[SiteConfig] | None, job: tuple[Path, Path, str, bytes]) -> tuple[Checked[Any] | None, list[Issue]]:
    """Load one file, check its shape, then the per-file rules (in a worker for big catalogs)."""
    path, root, kind, raw = job
    document, issues = read_one((path, root), raw)
    if document is None:
        return None, issues
    scope = Sources(root=root)
    checked = _check_shape(scope, document, _KINDS[kind], issues)
    if checked is None:
        return None, issues
    single = Validated(root=root, config=config, include_config=False)
    getattr(single, kind).append(checked)
    for rule in FILE_RULES:
        issues.extend(rule(single, scope))
    checked.document.forget_data()
    return checked, issues


def _check_shape(sources: Sources, document: Document, model: type[M], issues: list[Issue], *,
                 partial: bool = True) -> Checked[M] | None:
    """Validate one document against its model; pydantic's errors become positioned issues.

    With ``partial``, a file with shape errors still yields a model of its valid fields, so the rules
    report on those in the same run.
    """
    where = sources.relative(document.path)
    try:
        instance = model.model_validate(document.data)
    except ValidationError as exc:
        errors = exc.errors(include_url=False)
        issues.extend(_shape_issue(where, document, model, error) for error in errors)
        if not partial or not isinstance(document.data, dict):
            return None
        salvaged, fields = _salvage(model, document.data, {error["loc"][0] for error in errors if error["loc"]})
        return Checked(model=salvaged, document=document, where=where, complete=False, fields=fields)
    return Checked(model=instance, document=document, where=where)


def _salvage(model: type[M], data: dict[str, Any], broken: set[Any]) -> tuple[M, frozenset[str]]:
    """A model of the fields that are valid on their own (each validated alone), and their names."""
    values: dict[str, Any] = {}
    for name in model.model_fields:
        if name in data and name not in broken:
            try:
                values[name] = _field_adapter(model, name).validate_python(data[name])
            except ValidationError:
                continue
    # Fields left out of the file keep their defaults; a required one left out is simply absent.
    defaults = {name for name, info in model.model_fields.items() if name not in data and not info.is_required()}
    return model.model_construct(_fields_set=set(values), **values), frozenset(values) | defaults


@functools.lru_cache(maxsize=None)
def _field_adapter(model: type[BaseModel], name: str) -> TypeAdapter[Any]:
    """Validation of one field alone, with the same type, constraints and validators as in its model."""
    info = model.model_fields[name]
    return TypeAdapter(typing.Annotated[(info.annotation, *info.metadata)] if info.metadata else info.annotation)


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
    models.WECHAT_RE: "schema.pattern_wechat",
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
    "flag": "schema.boolean",
    "url_host": "schema.url_host",
    "line_break": "schema.line_break",
    "file_name": "schema.file_name",
    "phone_trunk": "schema.phone_trunk",
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
        values["value"] = shorten(value)
    if is_placeholder(value):
        # A scaffold's TODO left in a field with a form (an id, an HS code): say what it is, not the form.
        code = "rule.placeholder"
        values["value"] = shorten(value, 40)
    elif kind == "string_pattern_mismatch":
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
    elif code in ("schema.url_host", "schema.file_name", "schema.phone_trunk"):
        values.update({name: ctx[name] for name in ("allowed", "suggestion", "service", "example") if name in ctx})
    elif code == "schema.other":
        values["problem"] = error.get("msg", kind)
    if isinstance(value, str) and code in _HINTS:
        hinted = _HINTS[code](value.strip())
        if hinted is not None:
            code, extra = hinted
            values.update(extra)
    if code == "schema.not_text" and value is None:
        code = "schema.empty"  # "zh:" with nothing after it: not a list or a group, just not written yet
    if code in ("schema.not_text", "schema.not_mapping", "schema.not_list", "schema.missing"):
        values.pop("value", None)
    if code == "schema.missing":
        # Where the field is to be added: under its parent's key, or line 1 for a top-level field.
        position = document.field_line(loc[:-1])
    else:
        position = document.position(loc, key=is_key or kind == "extra_forbidden")
    return make_issue(where, position, field_path, code, **values)


# --- what a refused value was probably meant to be ---------------------------------------------------------


def _id_hint(value: str) -> tuple[str, dict[str, str]] | None:
    """'Kepiting Bakau Betina' → kepiting-bakau-betina."""
    made = slugify(value)
    return ("schema.pattern_id_suggest", {"suggestion": made}) if made != "x" and re.fullmatch(models.ID_PATTERN, made) else None


def _country_hint(value: str) -> tuple[str, dict[str, str]] | None:
    """'China', 'Tiongkok', 'Singapura', '中国', 'cn' → the ISO code."""
    code = _country_names().get(value.casefold())
    return ("schema.pattern_country_suggest", {"suggestion": code}) if code else None


@functools.cache
def _country_names() -> dict[str, str]:
    from babel import Locale

    names: dict[str, str] = {}
    for locale in ("en", "id", "zh"):
        for code, name in Locale.parse(locale).territories.items():
            if len(code) == 2 and code.isalpha():
                names.setdefault(name.casefold(), code)
                names.setdefault(code.casefold(), code)
    names.update({"china": "CN", "tiongkok": "CN", "cina": "CN", "rrc": "CN", "hong kong": "HK", "usa": "US", "uk": "GB"})
    return names


def _url_hint(value: str) -> tuple[str, dict[str, str]] | None:
    """'www.alibaba.com/…' or 'http://…' → the https:// address."""
    if value.startswith("http://"):
        return "schema.url_no_scheme", {"suggestion": "https://" + value[len("http://"):]}
    if re.fullmatch(r"[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+([/?#]\S*)?", value):
        return "schema.url_no_scheme", {"suggestion": "https://" + value}
    return None


def _date_hint(value: str) -> tuple[str, dict[str, str]] | None:
    """'12/10/2026' → 2026-10-12 or 2026-12-10: which one, only its writer knows."""
    found = re.fullmatch(r"(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{4})", value)
    if not found:
        return None
    first, second, year = (int(part) for part in found.groups())
    readings = []
    for day, month in ((first, second), (second, first)):
        try:
            readings.append(dt.date(year, month, day).isoformat())
        except ValueError:
            continue
    readings = list(dict.fromkeys(readings))
    return ("schema.date_order", {"suggestion": " / ".join(readings)}) if readings else None


_HINTS = {"schema.pattern_id": _id_hint, "schema.pattern_country": _country_hint, "schema.url": _url_hint,
          "schema.date": _date_hint}
"""For a refused value, the value it probably meant, so that the message can say what to write."""


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
        return unwrap(current.model_fields[part].annotation)
    origin = typing.get_origin(current)
    args = typing.get_args(current)
    if origin is list and args:
        return unwrap(args[0])
    if origin is dict and len(args) == 2:
        return unwrap(args[1])
    return None
