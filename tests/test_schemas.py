"""The published JSON Schemas: up to date with the models and vocabularies, and true to the sample catalog."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
import yaml

from generator.models import FILE_KINDS
from generator.schemas import build_schema, read_config, render_schema

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.parametrize("kind", list(FILE_KINDS))
def test_committed_schema_is_what_make_schemas_writes(kind):
    committed = (ROOT / "schemas" / f"{kind}.schema.json").read_text(encoding="utf-8")
    assert committed == render_schema(build_schema(kind, read_config(ROOT))), "run `make schemas` and commit the result"


@pytest.mark.parametrize("kind", list(FILE_KINDS))
def test_schema_is_valid_draft_2020_12(kind):
    jsonschema.Draft202012Validator.check_schema(json.loads((ROOT / "schemas" / f"{kind}.schema.json").read_text()))


def sample_files():
    yield "site_config", ROOT / "site_config.yml"
    yield "glossary", ROOT / "glossary" / "synonyms.yml"
    for path in sorted((ROOT / "regions").glob("*.yml"))[:3]:
        yield "region", path
    for path in sorted((ROOT / "products").glob("*/*.yml")):
        yield ("bumdes" if path.name == "bumdes.yml" else "product"), path


@pytest.mark.parametrize(("kind", "path"), list(sample_files()), ids=lambda v: getattr(v, "name", v))
def test_sample_files_pass_the_schema_as_an_editor_reads_them(kind, path):
    """Editors parse YAML themselves (numbers as numbers, dates as dates); the schema must accept that."""
    schema = json.loads((ROOT / "schemas" / f"{kind}.schema.json").read_text())
    data = json.loads(json.dumps(yaml.safe_load(path.read_text(encoding="utf-8")), default=str))
    errors = sorted(jsonschema.Draft202012Validator(schema).iter_errors(data), key=str)
    assert errors == [], [e.message for e in errors]
    first_line = path.read_text(encoding="utf-8").splitlines()[0]
    assert first_line.startswith("# yaml-language-server: $schema=") and first_line.endswith(f"schemas/{kind}.schema.json")


def test_schema_offers_only_the_configured_vocabulary():
    schema = build_schema("product", read_config(ROOT))
    assert schema["properties"]["category"]["enum"] == sorted(read_config(ROOT).vocabularies.categories)
    assert schema["$defs"]["Shipping"]["properties"]["incoterm"]["enum"] == list(read_config(ROOT).vocabularies.incoterms)
