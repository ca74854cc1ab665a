"""The recipes: check the catalog, build the site, scaffold files. One line and one comment per step."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from generator.issues import Issue
from generator.load import LoadError, load_document
from generator.sources import CONFIG_FILE, read_sources
from generator.validate import Validated, validate_sources


def contributor_language(root: Path) -> str:
    """The source language from site_config.yml, for messages; English when the file cannot be read."""
    try:
        data = load_document(root / CONFIG_FILE).data
    except (OSError, LoadError):
        return "en"
    value = data.get("source_language") if isinstance(data, dict) else None
    return value if isinstance(value, str) else "en"


def check_catalog(root: Path, *, today: dt.date, only_bumdes: str | None = None) -> Validated:
    """Read every file and run every check; nothing is written."""
    # Load: bytes → strict YAML documents with positions (read problems become issues).
    sources = read_sources(root, only_bumdes=only_bumdes)
    # Validate: shapes, then the rules across files.
    return validate_sources(sources, today=today)


def write_schemas(root: Path) -> list[Issue]:
    """Regenerate schemas/*.schema.json from the models and the vocabularies."""
    from generator.schemas import write_all_schemas

    return write_all_schemas(root)


def new_product(root: Path, bumdes: str, product: str) -> list[Issue]:
    """Write a commented product file for ``bumdes`` (see generator/scaffold.py)."""
    from generator.scaffold import write_product_scaffold

    return write_product_scaffold(root, bumdes, product)


def build_site(root: Path, *, out: Path | None, today: dt.date, only_bumdes: str | None, strict: bool, lang: str) -> list[Issue]:
    """Validate, then render every language and swap the result into ``out`` (default: <root>/site)."""
    from generator.site import build_site as run

    return run(root, out=out, today=today, only_bumdes=only_bumdes, strict=strict, lang=lang)


def serve_site(root: Path, *, today: dt.date, only_bumdes: str | None, port: int, lang: str) -> int:
    """Build into a preview folder and serve it with live reload."""
    from generator.site import serve_site as run

    return run(root, today=today, only_bumdes=only_bumdes, port=port, lang=lang)


def report_translations(root: Path, *, lang: str) -> list[Issue]:
    """Missing and stale translations per language."""
    from generator.translations import report_translations as run

    return run(root)
