"""The issue forms (.github/ISSUE_TEMPLATE/) against generator/forms.py, the models and site_config.yml.

One table (forms.py) says which YAML path each form field fills; the intake parser reads answers with it
and these tests hold the forms to it. Nothing here lists a model's fields by hand: they are walked, so a
field added to Product or Bumdes that no form asks for fails ``test_the_form_asks_for_every_field``.
"""

from __future__ import annotations

import functools
import re
import typing
from pathlib import Path

import pytest
import yaml
from pydantic import BaseModel

from generator.forms import FLAG_CHOICES, FORM_ONLY, FORMS, NOT_ASKED, FormSpec, Reading, field_id, read_form
from generator.models import Certification, Photo, Product, Specification

ROOT = Path(__file__).resolve().parent.parent
TEMPLATES = ROOT / ".github" / "ISSUE_TEMPLATE"
SPECS = list(FORMS.values())


@functools.cache
def site_config() -> dict:
    return yaml.safe_load((ROOT / "site_config.yml").read_text(encoding="utf-8"))


@functools.cache
def form_file(name: str) -> dict:
    return yaml.safe_load((TEMPLATES / name).read_text(encoding="utf-8"))


def languages() -> set[str]:
    return {language["code"] for language in site_config()["languages"]}


# --- walking a model -----------------------------------------------------------------------------------


def inner_types(annotation: object) -> list[object]:
    """The types inside Optional, unions and lists: what a field holds."""
    origin = typing.get_origin(annotation)
    if origin in (typing.Union, list) or (origin is not None and origin.__name__ == "UnionType"):
        return [inner for arg in typing.get_args(annotation) for inner in inner_types(arg)]
    if origin is typing.Annotated:
        return inner_types(typing.get_args(annotation)[0])
    return [annotation]


def is_model(kind: object) -> bool:
    return isinstance(kind, type) and issubclass(kind, BaseModel)


def is_localized(kind: object) -> bool:
    return typing.get_origin(kind) is dict


def is_list(annotation: object) -> bool:
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        return is_list(typing.get_args(annotation)[0])
    if origin is list:
        return True
    return origin is not None and origin.__name__ in ("Union", "UnionType") and any(
        is_list(arg) for arg in typing.get_args(annotation))


def leaf(model: type[BaseModel], path: str) -> object | None:
    """The annotation a YAML path reaches in a model (``shipping[0].place``, ``name.en``), None when it
    reaches nothing: a field that does not exist, an index into something that is not a list, a language
    site_config.yml does not publish."""
    annotation: object = model
    for name, index in re.findall(r"([^.\[\]]+)|\[([0-9]+)\]", path):
        if index:
            if not is_list(annotation):
                return None
            annotation = next((kind for kind in inner_types(annotation) if kind is not type(None)), None)
            continue
        models = [kind for kind in inner_types(annotation) if is_model(kind)]
        if models and name in models[0].model_fields:
            annotation = models[0].model_fields[name].annotation
        elif any(is_localized(kind) for kind in inner_types(annotation)) and name in languages():
            annotation = str
        else:
            return None
    return annotation


def required_path(model: type[BaseModel], path: str) -> bool:
    """Whether a file without a value at ``path`` is incomplete: every step required, texts in the source language."""
    annotation: object = model
    for name, index in re.findall(r"([^.\[\]]+)|\[([0-9]+)\]", path):
        if index:
            annotation = next(kind for kind in inner_types(annotation) if kind is not type(None))
            continue
        models = [kind for kind in inner_types(annotation) if is_model(kind)]
        if models:
            info = models[0].model_fields[name]
            if not info.is_required():
                return False
            annotation = info.annotation
        elif name != site_config()["source_language"]:
            return False
    return True


def unasked(model: type[BaseModel], paths: set[str], prefix: str = "") -> list[str]:
    """Fields of ``model`` (required or not, at any depth) that no form path fills: a per-language text is
    asked when its source language is; a list of models when the list itself or its first item's parts are."""
    source = site_config()["source_language"]
    missing = []
    for name, info in model.model_fields.items():
        path = prefix + name
        if path in paths:
            continue
        kinds = inner_types(info.annotation)
        models = [kind for kind in kinds if is_model(kind)]
        if models:
            inner = path + "[0]." if is_list(info.annotation) else path + "."
            missing += unasked(models[0], paths, inner)
        elif any(is_localized(kind) for kind in kinds) and f"{path}.{source}" in paths:
            continue
        else:
            missing.append(path)
    return missing


# --- the table and the forms -----------------------------------------------------------------------------


@pytest.mark.parametrize("spec", SPECS, ids=lambda spec: spec.kind)
def test_the_form_file_has_exactly_the_table_fields_in_its_order(spec: FormSpec):
    form = read_form(ROOT, spec)
    assert [element.id for element in form.elements] == [field.id for field in spec.fields]
    assert form_file(Path(spec.file).name)["labels"] == [spec.label]


@pytest.mark.parametrize("spec", SPECS, ids=lambda spec: spec.kind)
def test_every_path_is_a_field_of_the_model_and_its_id_is_the_path(spec: FormSpec):
    for field in spec.fields:
        if field.reading in FORM_ONLY:
            assert field.path == "", field.id
            continue
        assert field.id == field_id(field.path) == re.sub(r"\[0\]", "", field.path).replace(".", "_")
        assert leaf(spec.model, field.path) is not None, f"{field.id}: {field.path} is not a field of {spec.model.__name__}"


def test_the_path_walk_refuses_what_is_not_there():
    assert leaf(Product, "moq.quantity") is not None and leaf(Product, "shipping[0].place") is not None
    assert leaf(Product, "moq.weight") is None and leaf(Product, "name.fr") is None
    assert leaf(Product, "moq[0].unit") is None and leaf(Product, "photo") is None


@pytest.mark.parametrize("spec", SPECS, ids=lambda spec: spec.kind)
def test_each_reading_fits_the_field_it_fills(spec: FormSpec):
    lists_of = {Reading.PHOTOS: Photo, Reading.SPECIFICATIONS: Specification, Reading.CERTIFICATIONS: Certification}
    for field in spec.fields:
        if field.reading in FORM_ONLY:
            continue
        annotation = leaf(spec.model, field.path)
        kinds = inner_types(annotation)
        if field.reading in lists_of:
            assert is_list(annotation) and lists_of[field.reading] in kinds, field.id
        elif field.reading in (Reading.MONTHS, Reading.CODES):
            assert is_list(annotation) and not any(is_model(kind) for kind in kinds), field.id
        elif field.reading is Reading.FLAG:
            assert bool in kinds, field.id
        else:
            # A text answer fills a text field, or one that takes text or text per language (a port's name).
            assert not is_list(annotation) and not any(is_model(kind) for kind in kinds), field.id
            assert str in kinds or not any(is_localized(kind) for kind in kinds), field.id


@pytest.mark.parametrize("spec", SPECS, ids=lambda spec: spec.kind)
def test_the_form_asks_for_every_field(spec: FormSpec):
    paths = {field.path for field in spec.fields if field.path}
    assert all(name in spec.model.model_fields for name in NOT_ASKED[spec.kind])
    assert unlisted(spec.kind, unasked(spec.model, paths)) == []


def unlisted(kind: str, paths: list[str]) -> list[str]:
    """The paths that NOT_ASKED does not excuse."""
    return [path for path in paths if re.split(r"[.\[]", path)[0] not in NOT_ASKED[kind]]


def test_what_the_forms_leave_out_is_told_to_the_facilitator():
    guide = (ROOT / "docs" / "issue-form.md").read_text(encoding="utf-8")
    for names in NOT_ASKED.values():
        for name in names:
            assert f"`{name}`" in guide, name


def test_a_field_the_model_gains_is_caught():
    class Grown(Product):
        harvest_method: str = ""
        """A field another change might add."""

    paths = {field.path for field in FORMS["product"].fields if field.path}
    assert unlisted("product", unasked(Grown, paths)) == ["harvest_method"]
    assert unlisted("product", unasked(Product, paths - {"hs_code", "moq.unit", "name.id", "shipping[0].place"})) == [
        "name", "hs_code", "moq.unit", "shipping[0].place"]


@pytest.mark.parametrize("spec", SPECS, ids=lambda spec: spec.kind)
def test_every_choice_comes_from_site_config_or_the_model(spec: FormSpec):
    form = read_form(ROOT, spec)
    config = site_config()
    for field in spec.fields:
        element = form.element(field.id)
        if field.reading in (Reading.CHOICE, Reading.FLAG):
            assert element.type == "dropdown", field.id
            source, _, name = field.choices.partition(".")
            expected = {
                "vocabularies": lambda: list(config["vocabularies"][name]),
                "currencies": lambda: config["currencies"],
                "agents": lambda: [agent["id"] for agent in config.get("agents", [])],
                "model": lambda: list(typing.get_args(inner_types(leaf(spec.model, field.path))[0])),
                "flag": lambda: list(FLAG_CHOICES),
            }[source]()
            assert list(element.options) == expected, field.id
        elif field.reading is Reading.CERTIFICATIONS:
            description = form_file(Path(spec.file).name)["body"][
                [item.get("id") for item in form_file(Path(spec.file).name)["body"]].index(field.id)]["attributes"]["description"]
            assert all(kind in description for kind in config["vocabularies"]["certifications"])
            assert all(issuer in description for issuer in config["vocabularies"]["issuers"])
        elif field.reading is Reading.MONTHS:
            assert [int(label.split()[0]) for label in element.options] == list(range(1, 13))
        elif field.reading is Reading.CONSENT:
            assert element.type == "checkboxes" and element.options and element.required is False


def test_a_changed_vocabulary_would_be_caught():
    form = read_form(ROOT, FORMS["product"])
    units = list(site_config()["vocabularies"]["units"])
    assert list(form.element("moq_unit").options) == units
    assert list(form.element("moq_unit").options) != units + ["bag"]


@pytest.mark.parametrize("spec", SPECS, ids=lambda spec: spec.kind)
def test_the_form_file_is_well_formed(spec: FormSpec):
    form = form_file(Path(spec.file).name)
    assert form["name"] == {"product": "Produk baru / New product", "bumdes": "BUMDes baru / New BUMDes"}[spec.kind]
    body = form["body"]
    assert {item["type"] for item in body} <= {"markdown", "input", "textarea", "dropdown", "checkboxes"}
    ids = [item["id"] for item in body if "id" in item]
    assert len(ids) == len(set(ids)) and all(re.fullmatch(r"[A-Za-z0-9_-]+", key) for key in ids)
    labels = [item["attributes"]["label"] for item in body if item["type"] != "markdown"]
    assert len(labels) == len(set(labels))  # the body's "### <label>" tells the answers apart
    assert [label for label in labels if " / " not in label] == []  # "Indonesian / English"
    for item in body:
        if item["type"] == "dropdown":
            choices = item["attributes"]["options"]
            assert choices and len(choices) == len(set(choices)) and "None" not in choices, item["id"]
        if item["type"] == "checkboxes" and item["id"] == "confirm":
            assert all(option["required"] for option in item["attributes"]["options"])
    required = {item["id"] for item in body if item.get("validations", {}).get("required")}
    # What the model requires, the form requires too (GitHub then refuses to submit without it); a list of
    # checkboxes cannot be required as a whole.
    needed = {field.id for field in spec.fields
              if field.path and field.reading is not Reading.MONTHS and required_path(spec.model, field.path)}
    assert needed <= required
    assert {"id", "name_id", "description_id"} <= required
    config = yaml.safe_load((TEMPLATES / "config.yml").read_text(encoding="utf-8"))
    assert config["blank_issues_enabled"] is True


def test_the_old_form_is_gone():
    assert sorted(path.name for path in TEMPLATES.glob("*.yml")) == ["config.yml", "new-bumdes.yml", "new-product.yml"]


# --- a problem found by the check → the form field to fix ------------------------------------------------


@pytest.mark.parametrize("path, field, item", [
    ("hs_code", "hs_code", None),
    ("moq.quantity", "moq_quantity", None),
    ("name.zh", "name_zh", None),
    ("name", "name_id", None),  # the source language missing: asked as name_id
    ("price", "price_on_request", None),  # price as a whole: its first question
    ("lead_time", "lead_time_min_days", None),
    ("shipping[0].incoterm", "shipping_incoterm", None),
    ("shipping", "shipping_incoterm", None),
    ("photos[1].alt.id", "photos", 1),
    ("photos[0].file", "photos", 0),
    ("specifications[2].name.id", "specifications", 2),
    ("certifications[0].valid_until", "certifications", 0),
    ("season[3]", "season", 3),
    ("markets[1]", "markets", 1),
    ("samples.note.en", "samples_note_en", None),
    ("", None, None),
    ("unknown_key", None, None),
])
def test_a_problem_maps_to_the_field_a_facilitator_fixes(path, field, item):
    found, index = FORMS["product"].at_path(path)
    assert (found.id if found else None, index) == (field, item)


def test_bumdes_problems_map_to_its_own_form():
    spec = FORMS["bumdes"]
    assert spec.at_path("village")[0].id == "village"
    assert spec.at_path("photos[0].alt")[0].id == "photos"
    assert spec.at_path("agent")[0].id == "agent"
