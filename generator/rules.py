"""Every rule of the catalog, one function each: what it checks is its docstring, what it says is issues.py.

Per-file rules read one file and site_config.yml; their results are cached by the file's content, so they
never see the date. Catalog rules read across files or depend on the date. validate.py runs both.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
import types
import typing
from pathlib import Path
from typing import Any, Iterator

from pydantic import BaseModel

from generator import models, official
from generator.glossary import entry_words
from generator.search import searchable
from generator.checked import CatalogRule, Checked, FileRule, Validated, format_loc, having
from generator.issues import Issue, Severity, make_issue, shorten
from generator.models import Product, RegionFile, unwrap
from generator.sources import BUMDES_FILE, STRINGS_DIR, THEME_PAGES, THEME_PAGES_DIR, Sources, near_bumdes

EXPIRY_WARNING_DAYS = 60
STALE_AFTER_DAYS = 365




def _texts(checked: Checked[Any]) -> Iterator[tuple[tuple[Any, ...], dict[str, str]]]:
    """Every per-language text of a file's model (of its valid fields), with its location."""
    return _localized_fields(checked.model, (), checked.fields)


def _localized_fields(value: Any, loc: tuple[Any, ...] = (), fields: frozenset[str] | None = None) -> Iterator[tuple[tuple[Any, ...], dict[str, str]]]:
    """Every per-language text inside a model, with its location (at the top, only the given fields)."""
    if isinstance(value, BaseModel):
        for name, kind in _text_plan(type(value)):
            if fields is not None and name not in fields:
                continue
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
        if isinstance(info.json_schema_extra, dict) and info.json_schema_extra.get("per_language") is False:
            continue  # keyed by something else (a place word, a territory), or by language but never complete
        annotation = unwrap(info.annotation)
        options = [unwrap(a) for a in typing.get_args(annotation)] if typing.get_origin(annotation) in (
            typing.Union, types.UnionType) else [annotation]
        kinds = set()
        for option in options:
            origin, args = typing.get_origin(option), typing.get_args(option)
            if isinstance(option, type) and issubclass(option, BaseModel):
                kinds.add("model")
            elif origin is dict and len(args) == 2:
                inner = unwrap(args[1])
                kinds.add("dict" if isinstance(inner, type) and issubclass(inner, BaseModel) else "text")
            elif origin is list and args:
                inner = unwrap(args[0])
                if isinstance(inner, type) and issubclass(inner, BaseModel):
                    kinds.add("list")
        if kinds:
            plan.append((name, kinds.pop()))
    return tuple(plan)


def check_languages(result: Validated, sources: Sources) -> Iterator[Issue]:
    """Texts use configured languages only, and every text has the source language."""
    if result.config is None:
        return
    config = result.config.model
    known = [language.code for language in config.languages]
    if config.source_language not in known:
        return  # check_config_languages reports it once, rather than once per text
    for checked in result.files():
        for loc, texts in _texts(checked):
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
        used = [(("price", "currency"), product.model.price.currency)] if product.has("price") else []
        if product.has("price_tiers"):
            used += [(("price_tiers", i, "currency"), tier.currency) for i, tier in enumerate(product.model.price_tiers)]
        for loc, currency in used:
            if currency is None or currency in allowed:
                continue
            yield make_issue(product.where, product.at(*loc), format_loc(loc), "rule.unknown_term",
                             value=currency, vocabulary="currencies", allowed=", ".join(allowed))


def check_file_ids(result: Validated, sources: Sources) -> Iterator[Issue]:
    """A product's id equals its file name; a BUMDes's id equals its folder name."""
    for product in having(result.products, "id"):
        expected = product.document.path.stem
        if product.model.id != expected:
            yield _id_mismatch(product, expected, f"{product.model.id}.yml")
    for bumdes in having(result.bumdes, "id"):
        expected = bumdes.document.path.parent.name
        if bumdes.model.id != expected:
            yield _id_mismatch(bumdes, expected, bumdes.model.id)


def _id_mismatch(checked: Checked[Any], expected: str, renamed: str) -> Issue:
    """An id that differs from its file's (folder's) name. When that name could never be an id ("Kepiting Bakau
    Betina.yml"), changing the id cannot help: only renaming does, so the message says to what."""
    if re.fullmatch(models.ID_PATTERN, expected):
        return make_issue(checked.where, checked.at("id"), "id", "rule.id_mismatch", value=checked.model.id, expected=expected)
    return make_issue(checked.where, checked.at("id"), "id", "rule.id_rename", value=checked.model.id, expected=expected, renamed=renamed)


def check_unique_ids(result: Validated, sources: Sources, today: dt.date) -> Iterator[Issue]:
    """Product ids are unique across the whole catalog (they are the page URLs)."""
    seen: dict[str, Checked[Product]] = {}
    for product in sorted(having(result.products, "id"), key=lambda p: p.where):
        first = seen.setdefault(product.model.id, product)
        if first is not product:
            yield make_issue(product.where, product.at("id"), "id", "rule.duplicate_id", value=product.model.id, other=first.where)
    bumdes_ids = {b.model.id for b in having(result.bumdes, "id")}
    for product in having(result.products, "id"):
        if product.model.id in bumdes_ids:
            yield make_issue(product.where, product.at("id"), "id", "rule.duplicate_id", value=product.model.id, other="a BUMDes")


def check_layout(result: Validated, sources: Sources, today: dt.date) -> Iterator[Issue]:
    """Every folder under products/ has a bumdes.yml; no YAML lies where the catalog does not read it."""
    known = sorted({Path(bumdes.where).parent.name for bumdes in result.bumdes})
    for folder in sources.empty_folders:
        near = near_bumdes(folder.name, known)
        if near:  # a typo in the folder's name, not a BUMDes to add: say which folder it may be
            yield make_issue(sources.relative(folder / BUMDES_FILE), (1, 1), "", "rule.missing_bumdes_near", suggestions=" / ".join(near))
        else:
            yield make_issue(sources.relative(folder / BUMDES_FILE), (1, 1), "", "rule.missing_bumdes")
    for path in sources.stray:
        yield make_issue(sources.relative(path), (1, 1), "", "rule.stray_file")


MAX_FOLDER_BYTES = 150_000_000
"""A BUMDes folder's files at most (git keeps every version of them forever)."""


def check_folder_contents(result: Validated, sources: Sources, today: dt.date) -> Iterator[Issue]:
    """Every file under products/ is part of the catalog: no hidden files, subfolders, unused files or oversized folders."""
    for path, code in sources.unexpected:
        expected = path.with_suffix(".yml").name if code == "rule.yml_name" else ""
        yield make_issue(sources.relative(path), (1, 1), "", code, value=path.name, expected=expected)
    used: dict[Path, dict[str, str]] = {}
    readable: dict[Path, int] = {}
    for checked in [*result.bumdes, *result.products]:
        folder = checked.document.path.parent
        files = referenced_files(checked)
        if files is None:
            continue  # a field that lists files is broken: which files it uses is unknown
        # Compared without case: a name written in other capitals is reported where it is written.
        used.setdefault(folder, {}).update((name.lower(), name) for name in files)
        readable[folder] = readable.get(folder, 0) + 1
    for folder, files in sources.other_files.items():
        # A file that could not be read may be the one that uses a photo: say nothing until it can be.
        if readable.get(folder, 0) < len(sources.catalog_files.get(folder, [])):
            continue
        names = used.get(folder, {})
        present = {file.name.lower() for file in files}
        # A photo uploaded under the phone's name ("WhatsApp Image …") while the file names another: the two
        # errors are one mistake, and the unused file's says which name it should have.
        missing = [name for lower, name in names.items() if lower not in present]
        for file in files:
            if file.name.lower() in names:
                continue
            if missing:
                yield make_issue(sources.relative(file), (1, 1), "", "rule.unused_file_missing", value=file.name,
                                 missing=", ".join(f"'{name}'" for name in missing[:3]))
            else:
                yield make_issue(sources.relative(file), (1, 1), "", "rule.unused_file", value=file.name)
    for folder, size in sources.folder_bytes.items():
        if size > MAX_FOLDER_BYTES:
            yield make_issue(sources.relative(folder / BUMDES_FILE), (1, 1), "", "rule.folder_too_big",
                             size=f"{size / 1e6:.0f} MB", limit=f"{MAX_FOLDER_BYTES / 1e6:.0f} MB")


def check_theme_pages(result: Validated, sources: Sources, today: dt.date) -> Iterator[Issue]:
    """Every project-written text exists in the source language (its page is never published empty)."""
    if result.config is None or result.config.model.source_language not in {l.code for l in result.config.model.languages}:
        return  # check_config_languages reports the language itself
    for name in THEME_PAGES:
        path = sources.root / THEME_PAGES_DIR / result.config.model.source_language / f"{name}.md"
        if not path.is_file() or not path.read_text(encoding="utf-8", errors="replace").strip():
            yield make_issue(sources.relative(path), (1, 1), "", "rule.theme_page_missing")


def referenced_files(checked: Checked[Any]) -> list[str] | None:
    """The files beside it that a BUMDes or product file uses (photos, certificate and analysis scans, the
    video); None when a field that lists files could not be read."""
    fields = ("photos", "certifications", "analyses", "video") if checked.model.__class__ is Product else ("photos",)
    if not checked.has(*fields):
        return None
    files = [photo.file for photo in checked.model.photos]
    if checked.model.__class__ is Product:
        files += [c.file for c in checked.model.certifications if c.file]
        files += [a.file for a in checked.model.analyses if a.file]
        files += [checked.model.video.file] if checked.model.video else []
    return files


def check_build_state(result: Validated, sources: Sources, today: dt.date) -> Iterator[Issue]:
    """Nothing under .cache/, .build/ or site/ is committed: the generator would trust it (it reads none of it)."""
    for path in sources.tracked:
        yield make_issue(path, (1, 1), "", "rule.tracked_build_state")


def check_vocabulary(result: Validated, sources: Sources) -> Iterator[Issue]:
    """Every term a product names comes from the controlled lists: category, units, periods, certification
    kinds, issuers and laboratories, Incoterms, payment terms and export documents."""
    if result.config is None:
        return
    vocab = result.config.model.vocabularies
    for product in result.products:
        p, has = product.model, product.has
        uses: list[tuple[tuple[Any, ...], str | None, dict[str, Any], str]] = []
        if has("category"):
            uses.append((("category",), p.category, vocab.categories, "categories"))
        if has("moq"):
            uses.append((("moq", "unit"), p.moq.unit, vocab.units, "units"))
        if has("capacity"):
            uses += [(("capacity", "unit"), p.capacity.unit, vocab.units, "units"),
                     (("capacity", "period"), p.capacity.period, vocab.periods, "periods")]
        if has("price"):
            uses += [(("price", "unit"), p.price.unit, vocab.units, "units"),
                     (("price", "incoterm"), p.price.incoterm, vocab.incoterms, "incoterms")]
        if has("certifications"):
            uses += [(("certifications", i, "type"), c.type, vocab.certifications, "certifications") for i, c in enumerate(p.certifications)]
            uses += [(("certifications", i, "issuer"), c.issuer, vocab.issuers, "issuers") for i, c in enumerate(p.certifications)]
        if has("analyses"):
            uses += [(("analyses", i, "lab"), a.lab, vocab.issuers, "issuers") for i, a in enumerate(p.analyses)]
        if has("shipping"):
            uses += [(("shipping", i, "incoterm"), s.incoterm, vocab.incoterms, "incoterms") for i, s in enumerate(p.shipping)]
        if has("price_tiers"):
            for i, tier in enumerate(p.price_tiers):
                uses += [(("price_tiers", i, "unit"), tier.unit, vocab.units, "units"),
                         (("price_tiers", i, "incoterm"), tier.incoterm, vocab.incoterms, "incoterms")]
        if has("payment_terms"):
            uses += [(("payment_terms", i), term, vocab.payment_terms, "payment_terms") for i, term in enumerate(p.payment_terms)]
        if has("container_load"):
            for i, load in enumerate(p.container_load):
                uses += [(("container_load", i, "container"), load.container, vocab.units, "units"),
                         (("container_load", i, "unit"), load.unit, vocab.units, "units")]
        if has("export_documents"):
            uses += [(("export_documents", i), doc, vocab.export_documents, "export_documents") for i, doc in enumerate(p.export_documents)]
        for loc, value, allowed, name in uses:
            if value is not None and value not in allowed:
                yield make_issue(
                    product.where, product.at(*loc), format_loc(loc), "rule.unknown_term",
                    value=value, vocabulary=name, allowed=", ".join(allowed) or "-",
                )


def check_region_files(result: Validated, sources: Sources, today: dt.date) -> Iterator[Issue]:
    """Region files carry official codes and names, regencies sit under their province, names match."""
    names = official.region_names()
    described: dict[str, str] = {}
    for region in having(result.regions, "province", "regencies"):
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
    """A BUMDes's village is an official desa whose regency is listed under regions/; where the code is
    unknown, a kelurahan, or missing or malformed, the desa the file names (its description's "Desa …", its
    id's last words) are suggested with their codes."""
    listed = {r.code for region in having(result.regions, "regencies") for r in region.model.regencies}
    for bumdes in result.bumdes:
        if not bumdes.has("village"):
            # Missing or malformed: the shape check said so at its line; the codes that may be meant follow.
            written = ("village",) in bumdes.document.value_at
            yield from _village_suggestions(bumdes, None, bumdes.at("village") if written else (1, 1))
            continue
        code = bumdes.model.village
        name = official.village_name(code)
        if name is None:
            yield make_issue(bumdes.where, bumdes.at("village"), "village", "rule.unknown_village", value=code)
            yield from _village_suggestions(bumdes, code, bumdes.at("village"))
        elif official.is_kelurahan(code):
            yield make_issue(bumdes.where, bumdes.at("village"), "village", "rule.kelurahan", value=code, name=name)
            yield from _village_suggestions(bumdes, code, bumdes.at("village"))
        elif result.regions and code[:5] not in listed:
            yield make_issue(bumdes.where, bumdes.at("village"), "village", "rule.village_region", value=code, regency=code[:5])


_NAMED_VILLAGE = re.compile(r"(?<!BUM )(?<!BUMDes )\b(?:Desa|Kampung|Nagari|Gampong|Kalurahan|Pekon|Lembang)\s+"
                            r"((?:[A-Z][\w'’-]*)(?:\s+[A-Z][\w'’-]*){0,2})")
"""A village as a description names it: "di Desa Tanjung Padang", "Nagari Batang Barus" (never "BUM Desa Maju")."""
VILLAGE_SUGGESTIONS = 3
SUGGESTION_SIMILARITY = 0.8
"""Only names this alike are suggested: a description's other words must not bring in strangers."""
SIMILARITY_MARGIN = 0.1
"""Without an exact match, suggestions less alike than the best by more than this are left out ("Kalukubla"
shows "Kalukubula", not "Kaluku")."""


def _named_villages(bumdes: Checked[Any]) -> list[str]:
    """The village names a BUMDes file gives: after "Desa" (and its regional names) in the description,
    then its id's last one and two words (ids are bumdes-<name>-<village> by custom)."""
    names: list[str] = []
    if bumdes.has("description"):
        text = bumdes.model.description.get("id") or ""
        names += [match.group(1) for match in _NAMED_VILLAGE.finditer(text)]
    if bumdes.has("id"):
        words = bumdes.model.id.split("-")[1:]
        names += [" ".join(words[-count:]) for count in (2, 1) if len(words) > count]
    return list(dict.fromkeys(names))


def _village_suggestions(bumdes: Checked[Any], code: str | None, position: tuple[int, int]) -> Iterator[Issue]:
    """An info line under a wrong or missing village code: the desa the file names, nearest the code first."""
    found: dict[str, official.VillageMatch] = {}
    for name in _named_villages(bumdes):
        for match in official.suggest_villages(name, code=code, limit=VILLAGE_SUGGESTIONS):
            if match.similarity >= SUGGESTION_SIMILARITY and match.code != code:
                found.setdefault(match.code, match)
    if not found:
        return
    # The names most like one the file gives, best first (a stable sort keeps the nearest to the code first);
    # where a name is found exactly, only desa of exactly that name.
    best = max(match.similarity for match in found.values())
    floor = best if best >= 1.0 else best - SIMILARITY_MARGIN
    ranked = sorted((m for m in found.values() if m.similarity >= floor), key=lambda m: -m.similarity)
    shown = "; ".join(f'"{m.code}" {m.name} ({m.place})' for m in ranked[:VILLAGE_SUGGESTIONS])
    yield make_issue(bumdes.where, position, "village", "village.suggestions", Severity.INFO, suggestions=shown)


def check_hs_codes(result: Validated, sources: Sources) -> Iterator[Issue]:
    """HS codes exist in the HS 2022 nomenclature (national extensions beyond 6 digits allowed)."""
    for product in having(result.products, "hs_code"):
        if not official.is_hs_code(product.model.hs_code):
            yield make_issue(product.where, product.at("hs_code"), "hs_code", "rule.hs_code", value=product.model.hs_code)


def check_countries(result: Validated, sources: Sources) -> Iterator[Issue]:
    """Markets are ISO 3166-1 alpha-2 country codes."""
    known = official.country_codes()
    for product in having(result.products, "markets"):
        for index, code in enumerate(product.model.markets):
            if code not in known:
                yield make_issue(product.where, product.at("markets", index), f"markets[{index}]", "rule.country", value=code)


def check_photos(result: Validated, sources: Sources, today: dt.date) -> Iterator[Issue]:
    """Photos exist beside their file, are real files (not links) and readable images; a first photo too small
    for the page (the hero and the link preview) is an error, any other a warning, and so is a photo that
    carries where it was taken (GPS, or a place in XMP or IPTC)."""
    for checked in having([*result.bumdes, *result.products], "photos"):
        folder = checked.document.path.parent
        for index, photo in enumerate(checked.model.photos):
            loc = ("photos", index, "file")
            found = _cached_photo_problems(result, folder, photo.file)
            if found:
                # Positions are worked out only for a file that has a problem (see load.Document).
                where = (checked.where, checked.at(*loc), format_loc(loc))
                for code, severity, values in found:
                    if code == "rule.photo_small" and index == 0:
                        code, severity = "rule.first_photo_small", Severity.ERROR
                    yield make_issue(*where, code, severity, **_with_path(code, values, sources, folder / photo.file))


def _with_path(code: str, values: dict[str, Any], sources: Sources, path: Path) -> dict[str, Any]:
    """A location warning names the photo's path for the maintainer's command; answers cached by content
    cannot (the same bytes may sit in two folders)."""
    return {**values, "file": sources.relative(path)} if code == "rule.photo_location" else values


MAX_REMEMBERED_BYTES = 20_000_000
"""The largest file any check accepts (a photo or a video, 20 MB; a PDF, 10 MB)."""


def _cached_photo_problems(result: Validated, folder: Path, name: str) -> list[tuple[str, Severity, dict[str, Any]]]:
    """Photo problems, reused when the same bytes were inspected by the same checker before."""
    return _cached_file_problems(result, folder, name, "photo")


def _cached_file_problems(result: Validated, folder: Path, name: str, kind: str) -> list[tuple[str, Severity, dict[str, Any]]]:
    """A photo's or a document's problems, reused when the same bytes were inspected by the same checker before."""
    target = folder / name
    if not target.is_file() or target.is_symlink() or target.stat().st_size > MAX_REMEMBERED_BYTES:
        # Over every limit, a file is refused by its size alone: never read whole just to make a cache key.
        return list(_file_problems(folder, name, kind))
    found = result.remember(kind, name.encode() + b"\0" + target.read_bytes(),
                            lambda: [[code, severity.value, values] for code, severity, values in _file_problems(folder, name, kind)])
    return [(code, Severity(severity), values) for code, severity, values in found]


def _file_problems(folder: Path, name: str, kind: str) -> Iterator[tuple[str, Severity, dict[str, Any]]]:
    """What is wrong with the file ``name`` beside a catalog file (a plain name: models.check_file_name): a
    photo, a document (a PDF, or a photo of the paper), or a video."""
    from generator.documents import inspect_document
    from generator.images import inspect_photo
    from generator.videos import inspect_video

    target = folder / name
    if target.is_symlink():
        yield "rule.photo_symlink" if kind == "photo" else "rule.file_symlink", Severity.ERROR, {"value": name}
    elif not target.is_file():
        same = [p.name for p in folder.iterdir() if p.name.lower() == name.lower()] if folder.is_dir() else []
        if same:
            yield "rule.photo_case", Severity.ERROR, {"value": name, "other": same[0]}
        else:
            yield "rule.photo_missing" if kind == "photo" else "rule.file_missing", Severity.ERROR, {"value": name}
    else:
        pdf = kind == "document" and target.suffix.lower() == ".pdf"
        inspect = inspect_video if kind == "video" else inspect_document if pdf else inspect_photo
        found = list(inspect(target))
        for code, severity, values in found:
            yield code, severity, {"value": name, **values}
        # A video's metadata is blanked when it is published (videos.py); the location rule reads photos.
        if not pdf and kind != "video" and not any(severity is Severity.ERROR for _, severity, _ in found):
            yield from _location_problems(target, name)


def _location_problems(target: Path, name: str) -> Iterator[tuple[str, Severity, dict[str, Any]]]:
    """A committed photo that says where it was taken: the site never shows it (images.py re-encodes every
    photo), but git keeps the original, coordinates and all, for anyone to download forever. A warning: the
    contributor can fix it only by uploading the photo again, and a maintainer can strip it (metadata.py)."""
    from generator.metadata import describe_location, location_tags

    tags = location_tags(target)
    if tags:
        yield "rule.photo_location", Severity.WARNING, {"value": name, "tags": describe_location(tags)}


def check_documents(result: Validated, sources: Sources, today: dt.date) -> Iterator[Issue]:
    """Certificate and analysis scans exist beside their file and are clean PDFs or readable photos."""
    for product in result.products:
        files = [(("certifications", i, "file"), c.file) for i, c in enumerate(product.model.certifications)] if product.has("certifications") else []
        files += [(("analyses", i, "file"), a.file) for i, a in enumerate(product.model.analyses)] if product.has("analyses") else []
        folder = product.document.path.parent
        for loc, name in files:
            if name is None:
                continue
            found = _cached_file_problems(result, folder, name, "document")
            if found:
                where = (product.where, product.at(*loc), format_loc(loc))
                for code, severity, values in found:
                    yield make_issue(*where, code, severity, **_with_path(code, values, sources, folder / name))


def check_videos(result: Validated, sources: Sources, today: dt.date) -> Iterator[Issue]:
    """A product's video exists beside its file, is a real file (not a link), and is an MP4 or WebM (by its
    content) within the size and length limits of generator/videos.py."""
    for product in having(result.products, "video"):
        video = product.model.video
        if video is None:
            continue
        found = _cached_file_problems(result, product.document.path.parent, video.file, "video")
        if found:
            where = (product.where, product.at("video", "file"), "video.file")
            for code, severity, values in found:
                yield make_issue(*where, code, severity, **values)


def check_certificates(result: Validated, sources: Sources, today: dt.date) -> Iterator[Issue]:
    """Certificates expired or expiring within 60 days are warnings; the site withdraws expired ones.

    Not errors: a date passing must never stop the catalog from publishing (catalog.valid_certifications
    takes them off every page instead, so none is ever shown as valid).
    """
    for product in having(result.products, "certifications"):
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
    for product in having(result.products, "verified"):
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
    for bumdes in having(result.bumdes, "agent"):
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
    for checked in result.files():
        for loc, texts in _texts(checked):
            for lang, text in texts.items():
                where = (checked.where, checked.at(*loc, lang), format_loc(loc + (lang,)))
                html = _HTML_RE.search(text)
                if html:
                    yield make_issue(*where, "rule.unsafe_markup", value=shorten(html.group(0), 40))
                for match in _LINK_RE.finditer(text):
                    target = next(g for g in match.groups() if g is not None) if any(match.groups()) else ""
                    if target and not target.startswith("#") and not target.lower().startswith("https://"):
                        yield make_issue(*where, "rule.unsafe_link", value=shorten(target, 60))


def check_verify_urls(result: Validated, sources: Sources) -> Iterator[Issue]:
    """A certificate's or analysis's verify_url leads to its issuer's own site (a host the issuer lists)."""
    if result.config is None:
        return
    issuers = result.config.model.vocabularies.issuers
    for product in result.products:
        entries = [("certifications", i, c.issuer, c.verify_url) for i, c in enumerate(product.model.certifications)] if product.has("certifications") else []
        entries += [("analyses", i, a.lab, a.verify_url) for i, a in enumerate(product.model.analyses)] if product.has("analyses") else []
        for field_name, index, issuer_id, url in entries:
            issuer = issuers.get(issuer_id)
            if url is None or issuer is None:
                continue  # no link, or an unknown issuer (check_vocabulary says so)
            if not models.on_domains(url, tuple(issuer.verify_hosts)):
                loc = (field_name, index, "verify_url")
                yield make_issue(product.where, product.at(*loc), format_loc(loc), "rule.verify_host", value=url,
                                 issuer=issuer_id, allowed=", ".join(issuer.verify_hosts) or "-")


def check_dealer(result: Validated, sources: Sources, today: dt.date) -> Iterator[Issue]:
    """The dealer's payment terms come from the list, and its people speak languages the site has."""
    if result.config is None:
        return
    config = result.config.model
    for index, term in enumerate(config.dealer.payment_terms):
        if term not in config.vocabularies.payment_terms:
            loc = ("dealer", "payment_terms", index)
            yield make_issue(result.config.where, result.config.at(*loc), format_loc(loc), "rule.unknown_term", value=term,
                             vocabulary="payment_terms", allowed=", ".join(config.vocabularies.payment_terms) or "-")


def check_glossary(result: Validated, sources: Sources, today: dt.date) -> Iterator[Issue]:
    """Synonyms use the site's languages, are words search keeps (search.searchable), appear in one entry only,
    and come at least two to an entry."""
    glossary, config = result.glossary, result.config
    if glossary is None:
        return
    known = [language.code for language in config.model.languages] if config else []
    owner: dict[str, str] = {}
    for key, entry in glossary.model.synonyms.items():
        if len(entry_words(entry)) < 2:
            yield make_issue(glossary.where, glossary.at("synonyms", key, key=True), f"synonyms.{key}", "rule.synonym_alone",
                             Severity.WARNING, value=key)
        places = [(("synonyms", key, "names", lang, i), word) for lang, words in entry.names.items() for i, word in enumerate(words)]
        places += [(("synonyms", key, "scientific", i), word) for i, word in enumerate(entry.scientific)]
        for lang in entry.names:
            if known and lang not in known:
                loc = ("synonyms", key, "names", lang)
                yield make_issue(glossary.where, glossary.at(*loc, key=True), format_loc(loc), "rule.unknown_language",
                                 value=lang, allowed=", ".join(known))
        for loc, word in places:
            if not searchable(word):
                yield make_issue(glossary.where, glossary.at(*loc), format_loc(loc), "rule.synonym_unsearchable", value=shorten(word))
                continue
            folded = " ".join(word.split()).casefold()
            other = owner.setdefault(folded, key)
            if other != key:
                yield make_issue(glossary.where, glossary.at(*loc), format_loc(loc), "rule.synonym_repeated", Severity.WARNING,
                                 value=shorten(word), other=other)


def check_gacc(result: Validated, sources: Sources) -> Iterator[Issue]:
    """Food offered to China needs the producer's GACC registration (a warning: it can be in progress)."""
    if result.config is None:
        return
    categories = result.config.model.vocabularies.categories
    for product in having(result.products, "category", "markets", "gacc_registration"):
        p = product.model
        term = categories.get(p.category)
        if term and term.food and "CN" in p.markets and not p.gacc_registration:
            yield make_issue(product.where, product.at("markets"), "markets", "rule.gacc_for_china", Severity.WARNING)


PLACEHOLDER = re.compile(r"\bTODO\b")
"""What `make new-product` writes where a person must write (scaffold.py): never published as a product's text."""


def is_placeholder(value: Any) -> bool:
    """Whether a value still holds a scaffold's placeholder."""
    return isinstance(value, str) and PLACEHOLDER.search(value) is not None


def placeholders(value: Any, loc: tuple[Any, ...] = (), fields: frozenset[str] | None = None) -> Iterator[tuple[tuple[Any, ...], str]]:
    """(location, text as a message quotes it) of every placeholder inside a model or plain YAML data (at the
    top, only ``fields``)."""
    if isinstance(value, BaseModel):
        for name in type(value).model_fields:
            if fields is None or name in fields:
                yield from placeholders(getattr(value, name, None), loc + (name,))
    elif isinstance(value, dict):
        for key, item in value.items():
            if fields is None or key in fields:
                yield from placeholders(item, loc + (key,))
    elif isinstance(value, (list, tuple)):
        for index, item in enumerate(value):
            yield from placeholders(item, loc + (index,))
    elif is_placeholder(value):
        yield loc, shorten(value.strip().split("\n")[0], 40)  # a block's first line: where the TODO stands


def check_placeholders(result: Validated, sources: Sources) -> Iterator[Issue]:
    """No value still holds a `make new-product` placeholder (TODO): "TODO nama produk" would be a product's title."""
    for checked in result.files():
        for loc, text in placeholders(checked.model, fields=checked.fields):
            yield make_issue(checked.where, checked.document.text_position(loc), format_loc(loc), "rule.placeholder", value=text)


FILE_RULES: tuple[FileRule, ...] = (
    check_file_ids,
    check_languages,
    check_vocabulary,
    check_hs_codes,
    check_countries,
    check_markup,
    check_verify_urls,
    check_gacc,
    check_placeholders,
)
"""Rules that read one file (and site_config.yml) and nothing else: they run where the file is loaded and
their results are cached by the file's content, so they never see the date (a cached answer would go stale)."""
CATALOG_RULES: tuple[CatalogRule, ...] = (
    check_build_state,
    check_layout,
    check_folder_contents,
    check_unique_ids,
    check_config_languages,
    check_theme_pages,
    check_currencies,
    check_region_files,
    check_villages,
    check_photos,
    check_documents,
    check_videos,
    check_certificates,
    check_verified,
    check_agents,
    check_dealer,
    check_glossary,
)
"""Rules across files, and rules that depend on the date: they run on every check."""
RULES = (*FILE_RULES, *CATALOG_RULES)

