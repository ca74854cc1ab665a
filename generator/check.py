"""`make check`: read every file and run every check, nothing written.

The part of the pipeline a pull request's check and a contributor's `make check` run, kept apart from
build.py so that checking imports no page-rendering or MkDocs module (about a third of a second of every run).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from generator.checked import Validated
from generator.load import LoadError, load_document
from generator.sources import CONFIG_FILE, read_sources
from generator.validate import validate_sources


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
