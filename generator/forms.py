"""The issue forms of .github/ISSUE_TEMPLATE/: where each answer goes in a catalog file, said once.

A facilitator without git fills in "Produk baru / New product" or "BUMDes baru / New BUMDes" on GitHub;
``intake.py`` turns the submitted issue into the file. Each form field's id is the YAML path it fills,
joined with ``_`` (``moq_quantity`` → ``moq.quantity``, ``name_en`` → ``name.en``, ``shipping_place`` →
``shipping[0].place``); the table below states each path and how the answer is read, and is the only
place that does. ``tests/test_forms.py`` holds the forms to it: every field of the form is in the table
and every path is a field of the model, every model field is asked, and every dropdown offers exactly
the values site_config.yml and the model allow. The same table maps a problem the check finds
(``photos[1].alt.id``) back to the form field a facilitator can fix (``Foto / Photos``, photo 2).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import Enum
from pathlib import Path

import yaml
from pydantic import BaseModel

from generator.models import Bumdes, Product


class Reading(str, Enum):
    """How an answer becomes a value."""

    TEXT = "text"
    """One line, as written."""
    LONG = "long"
    """Several lines of limited Markdown, as written."""
    CHOICE = "choice"
    """One option of a dropdown, as offered."""
    FLAG = "flag"
    """A yes/no dropdown: ``FLAG_CHOICES``."""
    MONTHS = "months"
    """Ticked months ("1 – Januari / January") → [1, …]."""
    CODES = "codes"
    """Codes separated by commas or spaces (CN, SG) → a list."""
    SPECIFICATIONS = "specifications"
    """One "name: value" line per row; the name may be "Indonesian / English"."""
    CERTIFICATIONS = "certifications"
    """One "type; number; issuer; valid until" line per certificate."""
    PHOTOS = "photos"
    """Uploaded photos, each followed by what it shows ("Indonesian / English")."""
    FOLDER = "folder"
    """The product form's BUMDes: the folder the file goes into, not a field of the file."""
    CONSENT = "consent"
    """The BUMDes' consent to publish: must be ticked; not written into the file."""
    NOTE = "note"
    """Free notes for the maintainer: not written into the file."""


FORM_ONLY = (Reading.FOLDER, Reading.CONSENT, Reading.NOTE)
"""Readings whose answer is not a field of the file."""
FLAG_CHOICES = {"Ya / Yes": True, "Tidak / No": False}
"""The options of a yes/no dropdown and the value each one means."""
ALT_SEPARATOR = " / "
"""Between the Indonesian and the English of a photo's description or a specification's name."""


@dataclass(frozen=True)
class FormField:
    """One field of an issue form: its id, the path it fills in the file, how its answer is read."""

    id: str
    path: str
    """The YAML path as issues name it (``moq.quantity``, ``shipping[0].place``); empty for form-only fields."""
    reading: Reading
    choices: str = ""
    """Where a dropdown's options come from: ``vocabularies.<name>``, ``currencies`` or ``agents`` of
    site_config.yml, ``model`` (the model's allowed values), ``flag`` (FLAG_CHOICES); checkboxes of
    certificate kinds list ``vocabularies.certifications`` in their description."""


def _field(path: str, reading: Reading = Reading.TEXT, choices: str = "") -> FormField:
    """A field whose id is its path joined with "_" (``lead_time.min_days`` → ``lead_time_min_days``)."""
    return FormField(field_id(path), path, reading, choices)


def _only(field_id_: str, reading: Reading) -> FormField:
    return FormField(field_id_, "", reading)


def field_id(path: str) -> str:
    """The form field id of a YAML path: list indexes dropped, dots become "_"."""
    return re.sub(r"\[[0-9]+\]", "", path).replace(".", "_")


@dataclass(frozen=True)
class FormSpec:
    """One issue form: its file, the catalog file it makes, and its fields in the form's order."""

    kind: str
    """``product`` or ``bumdes``: what the form adds, and the name of its JSON Schema."""
    file: str
    """The form, relative to the repository root."""
    label: str
    """The issue label the form puts on every issue it opens (the intake workflow runs on it)."""
    model: type[BaseModel]
    fields: tuple[FormField, ...]

    def field(self, field_id_: str) -> FormField:
        (found,) = [f for f in self.fields if f.id == field_id_]
        return found

    def at_path(self, path: str) -> tuple[FormField | None, int | None]:
        """The form field a problem at ``path`` (as an Issue names it) is fixed in, and which item of a
        list answer (photo, row, certificate) it is about; (None, None) for the file as a whole."""
        own = [f for f in self.fields if f.path]
        for candidate in own:
            if candidate.path == path:
                return candidate, None
        inside = [f for f in own if path.startswith((f.path + ".", f.path + "["))]
        if inside:
            best = max(inside, key=lambda f: len(f.path))
            item = re.match(r"\[([0-9]+)\]", path[len(best.path):])
            return best, int(item.group(1)) if item and best.reading in LIST_READINGS else None
        for candidate in own:  # a group the form asks part by part (price, lead_time, name): its first part
            if path and candidate.path.startswith((path + ".", path + "[")):
                return candidate, None
        return None, None


LIST_READINGS = (Reading.PHOTOS, Reading.SPECIFICATIONS, Reading.CERTIFICATIONS, Reading.MONTHS, Reading.CODES)
"""Answers that are several items, each of which a problem can be about."""

T, L, C = Reading.TEXT, Reading.LONG, Reading.CHOICE

PRODUCT_FORM = FormSpec(
    kind="product",
    file=".github/ISSUE_TEMPLATE/new-product.yml",
    label="new product",
    model=Product,
    fields=(
        _only("bumdes", Reading.FOLDER),
        _field("id"),
        _field("category", C, "vocabularies.categories"),
        _field("name.id"), _field("name.en"), _field("name.zh"),
        _field("summary.id"), _field("summary.en"), _field("summary.zh"),
        _field("description.id", L), _field("description.en", L),
        _field("photos", Reading.PHOTOS),
        _field("hs_code"),
        _field("moq.quantity"), _field("moq.unit", C, "vocabularies.units"),
        _field("capacity.quantity"), _field("capacity.unit", C, "vocabularies.units"),
        _field("capacity.period", C, "vocabularies.periods"),
        _field("lead_time.min_days"), _field("lead_time.max_days"),
        _field("price.on_request", Reading.FLAG, "flag"),
        _field("price.min"), _field("price.max"),
        _field("price.currency", C, "currencies"), _field("price.unit", C, "vocabularies.units"),
        _field("price.incoterm", C, "vocabularies.incoterms"),
        _field("shipping[0].incoterm", C, "vocabularies.incoterms"), _field("shipping[0].place"),
        _field("packaging.id"), _field("packaging.en"),
        _field("shelf_life_months"),
        _field("storage.id"), _field("storage.en"),
        _field("season", Reading.MONTHS),
        _field("specifications", Reading.SPECIFICATIONS),
        _field("samples.policy", C, "model"), _field("samples.note.id"), _field("samples.note.en"),
        _field("certifications", Reading.CERTIFICATIONS, "vocabularies.certifications"),
        _field("gacc_registration"),
        _field("markets", Reading.CODES),
        _field("availability", C, "model"),
        _field("verified"),
        _field("alibaba_url"),
        _only("notes", Reading.NOTE),
        _only("confirm", Reading.CONSENT),
    ),
)

BUMDES_FORM = FormSpec(
    kind="bumdes",
    file=".github/ISSUE_TEMPLATE/new-bumdes.yml",
    label="new bumdes",
    model=Bumdes,
    fields=(
        _field("id"),
        _field("name.id"), _field("name.en"), _field("name.zh"),
        _field("legal_name"),
        _field("nib"),
        _field("village"),
        _field("founded"),
        _field("description.id", L), _field("description.en", L),
        _field("photos", Reading.PHOTOS),
        _field("agent", C, "agents"),
        _only("notes", Reading.NOTE),
        _only("confirm", Reading.CONSENT),
    ),
)

NOT_ASKED = {
    "product": {
        "analyses": "a laboratory's analysis (COA) is a PDF the maintainer checks against the laboratory's own site",
        "price_tiers": "prices per quantity are agreed with the dealer, who adds them",
        "payment_terms": "payment terms are the dealer's, who adds them",
        "container_load": "a container load is worked out with the dealer's logistics team",
        "export_documents": "the export documents are arranged by the dealer, who lists them",
        "video": "a video file is too large for an issue; the maintainer adds it from the facilitator's upload",
    },
    "bumdes": {},
}
"""Model fields the forms leave out on purpose, with the reason: each is added later by a pull request
(docs/issue-form.md says so to the facilitator). Nothing else may go unasked (tests/test_forms.py)."""

FORMS = {spec.kind: spec for spec in (PRODUCT_FORM, BUMDES_FORM)}
"""Every issue form by kind."""


# --- the form as GitHub shows it ------------------------------------------------------------------------


@dataclass(frozen=True)
class Element:
    """One input of the form file: its type, its label (the body's ``### <label>``) and its options."""

    id: str
    type: str
    label: str
    options: tuple[str, ...] = ()
    required: bool = False


@dataclass(frozen=True)
class IssueForm:
    """A form file read, paired with its table."""

    spec: FormSpec
    name: str
    elements: tuple[Element, ...]

    def element(self, field_id_: str) -> Element:
        (found,) = [e for e in self.elements if e.id == field_id_]
        return found

    def label(self, field_id_: str) -> str:
        return self.element(field_id_).label


def read_form(root: Path, spec: FormSpec) -> IssueForm:
    """The form file of ``spec`` under the repository ``root`` (a file of the repository: trusted)."""
    data = yaml.safe_load((root / spec.file).read_text(encoding="utf-8"))
    elements = []
    for item in data["body"]:
        if item.get("type") == "markdown":
            continue
        attributes = item["attributes"]
        options = tuple(o["label"] if isinstance(o, dict) else str(o) for o in attributes.get("options", ()))
        elements.append(Element(item["id"], item["type"], attributes["label"], options,
                                bool(item.get("validations", {}).get("required", False))))
    return IssueForm(spec=spec, name=data["name"], elements=tuple(elements))
