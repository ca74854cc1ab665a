"""Publish a JSON Schema per file kind (schemas/<kind>.schema.json) so editors autocomplete and underline.

The models are the source; the controlled lists of site_config.yml are added as enums so an editor
offers exactly the categories, units and certifications the generator accepts.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from generator.issues import Issue, Severity, make_issue
from generator.load import LoadError, load_document
from generator.models import FILE_KINDS, SiteConfig
from generator.sources import CONFIG_FILE, SCHEMAS_DIR
from generator.write import write_text

DRAFT = "https://json-schema.org/draft/2020-12/schema"


def build_schema(kind: str, config: SiteConfig | None) -> dict[str, Any]:
    """The JSON Schema of one file kind, with the vocabularies of ``config`` as enums."""
    model = FILE_KINDS[kind]
    schema: dict[str, Any] = {"$schema": DRAFT, "$id": f"{kind}.schema.json", **model.model_json_schema()}
    if config is not None and kind == "product":
        vocab = config.vocabularies
        defs = schema.get("$defs", {})
        _enum(schema["properties"]["category"], sorted(vocab.categories))
        for name in ("Amount", "Capacity"):
            _enum(defs[name]["properties"]["unit"], sorted(vocab.units))
        _enum(defs["Capacity"]["properties"]["period"], sorted(vocab.periods))
        _enum(defs["Certification"]["properties"]["type"], sorted(vocab.certifications))
        _enum_optional(defs["Price"]["properties"]["unit"], sorted(vocab.units))
        _enum_optional(defs["Price"]["properties"]["currency"], list(config.currencies))
        _enum(defs["Shipping"]["properties"]["incoterm"], list(vocab.incoterms))
        _enum_optional(defs["Price"]["properties"]["incoterm"], list(vocab.incoterms))
    return schema


def _enum(prop: dict[str, Any], values: list[str]) -> None:
    prop["enum"] = values


def _enum_optional(prop: dict[str, Any], values: list[str]) -> None:
    prop["anyOf"] = [{"enum": values}, {"type": "null"}]


def render_schema(schema: dict[str, Any]) -> str:
    """Stable text: sorted keys, two-space indent, a final newline."""
    return json.dumps(schema, ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def read_config(root: Path) -> SiteConfig | None:
    """site_config.yml as a model, or None when it is not valid (schemas then carry no enums)."""
    try:
        return SiteConfig.model_validate(load_document(root / CONFIG_FILE).data)
    except (OSError, LoadError, ValueError):
        return None


def write_all_schemas(root: Path) -> list[Issue]:
    """Write every schema; one info line per file written."""
    config = read_config(root)
    issues = []
    for kind in FILE_KINDS:
        path = root / SCHEMAS_DIR / f"{kind}.schema.json"
        write_text(path, render_schema(build_schema(kind, config)))
        issues.append(make_issue(f"{SCHEMAS_DIR}/{path.name}", (1, 1), "", "info.written", Severity.INFO))
    return issues
