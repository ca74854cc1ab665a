"""A submitted issue form becomes catalog files: the YAML file, its photos, and what the check says of them.

GitHub renders a submitted form as Markdown: ``### <label>``, a blank line, the answer (``_No response_``
when empty). Every answer is untrusted text. It reaches the file only as a value given to a YAML emitter
(never by joining strings), the file and photo names are made from ids checked against the id pattern,
photos come only from GitHub's attachment hosts (attachments.py) and lose their metadata (metadata.py)
before they are kept. Then the catalog is checked with the new files in it (the check ``make check``
runs), and every problem is mapped back to the form field to fix (forms.py), for the reply on the issue.

The steps, top to bottom: ``read_answers`` (the body → one answer per field), ``read_values`` (answers →
values and the photos to fetch), ``fetch_photos``, ``render_file`` (the YAML text), ``intake_issue``
(all of it, plus writing into the catalog and checking), ``write_outcome`` (what the workflow's writing job
posts: a reply, and when the check passed, a pull request's files, title and body).
"""

from __future__ import annotations

import datetime as dt
import io
import json
import re
import shutil
import typing
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Callable

import yaml
from PIL import Image
from pydantic import BaseModel

from generator import write
from generator.attachments import DownloadError, download_attachment, find_links
from generator.catalog import slugify
from generator.facts import code_span
from generator.forms import ALT_SEPARATOR, FLAG_CHOICES, FORM_ONLY, FORMS, FormField, FormSpec, IssueForm, Reading, read_form
from generator.images import MAX_PIXELS, open_photo
from generator.issues import Issue, Severity, make_issue, render_message, shorten
from generator.load import FORBIDDEN, character_name
from generator.metadata import MetadataError, check_stripped, location_tags_of, strip_location
from generator.models import ID_PATTERN, unwrap
from generator.sources import BUMDES_FILE, PRODUCTS_DIR, near_bumdes

NO_RESPONSE = "_No response_"
NOTHING = frozenset(("-", "–", "—", "--", "n/a", "N/A", "tidak ada", "Tidak ada", "belum ada", "Belum ada"))
"""What people write in a question the form says to leave empty ("Kosongkan…"): read as no answer."""
"""What GitHub writes for a field left empty."""
MAX_PHOTOS = 12
EXTENSIONS = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp"}
SAFE_PATH = re.compile(r"products/[a-z0-9]+(-[a-z0-9]+)*/[A-Za-z0-9][A-Za-z0-9._-]*")
"""Every path the intake writes: a BUMDes folder and a plain file name, nothing a shell or git reads twice."""
ISSUE_PATH = "issue"
"""The ``path`` of problems found in the issue itself, before any file exists."""

Download = Callable[[str], tuple[bytes, str]]
"""``download(url)`` → (bytes, JPEG/PNG/WEBP), or DownloadError: attachments.download_attachment, or a test's."""


@dataclass(frozen=True)
class Finding:
    """A problem and the form field to fix it in (``""``: the submission as a whole), with the item of a
    list answer it is about (photo 2, line 3) when it is about one."""

    field: str
    issue: Issue
    item: int | None = None


@dataclass(frozen=True)
class PhotoLink:
    """A photo named in the Photos answer: its address and what it shows."""

    url: str
    alt: dict[str, str]


@dataclass(frozen=True)
class Photo:
    """A photo that was fetched and cleaned: its file name, its bytes, the location metadata it lost."""

    name: str
    data: bytes
    removed: tuple[str, ...]
    position: int
    """Its place among the answer's photos (0-based), which the reply names: a photo that failed leaves a gap."""


@dataclass
class Intake:
    """Everything one submission produced."""

    form: IssueForm
    issue: int
    findings: list[Finding] = field(default_factory=list)
    file: str = ""
    """The catalog file made (``products/<bumdes-id>/<product-id>.yml``), empty when none could be."""
    files: dict[str, bytes] = field(default_factory=dict)
    """Every file to add, by path: the YAML file and the photos."""
    photos: list[tuple[str, tuple[str, ...]]] = field(default_factory=list)
    """Each photo's path and the location metadata removed from it."""
    checked: bool = False
    """Whether the catalog check read the answers (under a stand-in name when the real one blocks)."""

    @property
    def ready(self) -> bool:
        """True when there are files and nothing blocks them: the pull request can be opened."""
        return bool(self.files) and not any(f.issue.severity is Severity.ERROR for f in self.findings)

    def find(self, field_id: str, code: str, severity: Severity = Severity.ERROR, *, item: int | None = None,
             **values: object) -> None:
        """Record a problem of the submission itself."""
        self.findings.append(Finding(field_id, make_issue(ISSUE_PATH, (1, 1), field_id, code, severity, **values), item))


# --- the body → answers ---------------------------------------------------------------------------------


def read_answers(body: str, form: IssueForm, intake: Intake) -> dict[str, str]:
    """The answer of every field, by id: the text under its ``### <label>`` up to the next question.

    A question's heading must appear exactly once. An answer that repeats another question's heading line
    would let one answer pose as another's, so it is refused rather than guessed.
    """
    lines = body.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    by_label = {element.label: element.id for element in form.elements}
    starts: dict[str, list[int]] = {}
    for number, line in enumerate(lines):
        match = re.fullmatch(r"### (.+?)\s*", line)
        if match and match.group(1) in by_label:
            starts.setdefault(by_label[match.group(1)], []).append(number)
    for element in form.elements:
        found = starts.get(element.id, [])
        if not found:
            intake.find(element.id, "intake.heading_missing", label=element.label)
        elif len(found) > 1:
            intake.find(element.id, "intake.heading_twice", label=element.label)
    boundaries = sorted(number for found in starts.values() for number in found)
    answers = {}
    for field_id, found in starts.items():
        if len(found) != 1:
            continue
        start = found[0]
        end = next((number for number in boundaries if number > start), len(lines))
        text = "\n".join(lines[start + 1:end]).strip()
        answers[field_id] = "" if text == NO_RESPONSE or text in NOTHING else text
    return answers


# --- answers → values -----------------------------------------------------------------------------------


@dataclass
class Values:
    """The values read from the answers, by YAML path, and the photos to fetch."""

    by_path: dict[str, Any] = field(default_factory=dict)
    photos: list[PhotoLink] = field(default_factory=list)
    folder: str = ""
    """The product form's BUMDes id."""
    lines: dict[str, list[int]] = field(default_factory=dict)
    """For each answer of one item per line (specifications, certificates): each item's line among the answer's
    non-empty lines, so that the reply numbers a problem by the line the person wrote, not by the item read."""


def read_values(answers: dict[str, str], form: IssueForm, intake: Intake) -> Values:
    """Each answer read the way its field says (forms.py); every problem recorded, none stops the others."""
    values = Values()
    for spec in form.spec.fields:
        if spec.id not in answers:
            continue
        text = _clean(answers[spec.id], spec, intake)
        element = form.element(spec.id)
        if spec.reading is Reading.CONSENT:
            _read_consent(text, spec, element.options, intake)
        elif spec.reading is Reading.FOLDER:
            values.folder = text
        elif spec.reading is Reading.PHOTOS:
            values.photos = _read_photo_links(text, spec, intake)
        elif spec.reading not in FORM_ONLY and text:
            if spec.reading in (Reading.TEXT, Reading.LONG):
                for number in dict.fromkeys(found.group().strip() for found in PHONE_IN_TEXT.finditer(text)):
                    intake.find(spec.id, "intake.phone_in_text", Severity.WARNING, value=shorten(number))
            if spec.path in CODE_READINGS:
                text = _code(text, spec, intake)
            if spec.path in ("lead_time.min_days", "lead_time.max_days"):
                span = re.fullmatch(r"(\d+)\s*[-–—]\s*(\d+)(\s*\D*)", text)
                if span:  # "3-7 hari": both answers in one; say where each number goes, and read no number here
                    intake.find(spec.id, "intake.lead_time_span", value=shorten(text), min=span.group(1), max=span.group(2))
                    continue
            value = _read(text, spec, element.options, intake, values.lines.setdefault(spec.id, []))
            if value not in (None, [], ""):
                values.by_path[spec.path] = value
    return values


CODE_READINGS: dict[str, tuple[str, Callable[[str], str]]] = {
    "hs_code": (r"[0-9]{4,10}", lambda digits: digits),
    "nib": (r"[0-9]{13}", lambda digits: digits),
    "village": (r"[0-9]{10}", lambda digits: f"{digits[:2]}.{digits[2:4]}.{digits[4:6]}.{digits[6:]}"),
}
"""Codes people write with dots, spaces, hyphens or in the quotes a YAML file needs ("3301.29",
"1250-0188-26417", "7210012009", "“72.10.01.2009”"): the digits they hold, and how the file writes them. A
form has no YAML, so the check's advice to quote a code would only send the answer round in a loop."""


PHONE_IN_TEXT = re.compile(r"(?<![\w+])(?:\+62|62|0)[\s.-]?8\d{1,2}(?:[\s.-]?\d{2,5}){2,3}(?!\w)")
"""An Indonesian mobile number in a text that will be published (0812-3456-7890, +62 812 3456 7890): the form
asks for none, since an issue and the catalog are public and buyers reach the dealer through the catalog."""
QUOTES = "\"'“”‘’„«»「」"


def _code(text: str, spec: FormField, intake: Intake) -> str:
    """A code answer read as its digits, written as the file writes it, and said so; anything else is left for
    the check to explain."""
    pattern, written = CODE_READINGS[spec.path]
    quoted = len(text) >= 2 and text[0] in QUOTES and text[-1] in QUOTES
    unquoted = text[1:-1].strip() if quoted else text
    digits = re.sub(r"[.\s\-–]", "", unquoted)
    if not re.fullmatch(pattern, digits):
        return unquoted  # the check says what is wrong with the code itself, not with its quotes
    read = written(digits)
    if read != text:
        intake.find(spec.id, "intake.read_as", Severity.INFO, value=shorten(text), read=read)
    return read


def _clean(text: str, spec: FormField, intake: Intake) -> str:
    """An answer without the characters no catalog text may hold (each reported: control, bidi, zero-width)."""
    if spec.reading is Reading.NOTE:
        return text
    for character in sorted(set(FORBIDDEN.findall(text))):
        intake.find(spec.id, "load.invisible", character=character_name(character))
    text = FORBIDDEN.sub("", text)
    if spec.reading is Reading.LONG:  # trailing spaces would only force the file's text out of its block
        return "\n".join(line.rstrip() for line in text.split("\n")).strip()
    return text.strip()


def _read(text: str, spec: FormField, options: tuple[str, ...], intake: Intake, lines: list[int]) -> Any:
    reading = spec.reading
    if reading in (Reading.TEXT, Reading.LONG):
        return text
    if reading is Reading.CHOICE:
        chosen = _choice(text, options)
        if chosen is None:
            intake.find(spec.id, "intake.choice", value=shorten(text), allowed=", ".join(options))
        return chosen
    if reading is Reading.FLAG:
        chosen = _choice(text, tuple(FLAG_CHOICES))
        if chosen is None:
            intake.find(spec.id, "intake.choice", value=shorten(text), allowed=", ".join(FLAG_CHOICES))
            return None
        return FLAG_CHOICES[chosen]
    if reading is Reading.MONTHS:
        return [int(label.split()[0]) for label in _ticked(text, spec, options, intake)]
    if reading is Reading.CODES:
        return [code for code in re.split(r"[\s,;]+", text) if code]
    if reading is Reading.SPECIFICATIONS:
        return _read_lines(text, spec, intake, _specification, "Kadar air / Moisture: ≤ 8 %", lines)
    if reading is Reading.CERTIFICATIONS:
        return _read_lines(text, spec, intake, _certification, "halal; ID123; BPJPH; 2028-01-31", lines)
    raise AssertionError(f"no reader for {reading}")  # pragma: no cover - forms.py and this stay in step


def _choice(text: str, options: tuple[str, ...]) -> str | None:
    """The dropdown option an answer means. Editing an issue shows its answers as plain text, so a person
    retypes them: "Tidak" or "tidak / no" for "Tidak / No", "fob" for "FOB" (either half, any case)."""
    if text in options:
        return text
    wanted = " ".join(text.split()).casefold()
    for option in options:
        if wanted in {part.strip().casefold() for part in (option, *option.split(ALT_SEPARATOR))}:
            return option
    return None


def _ticked(text: str, spec: FormField, options: tuple[str, ...], intake: Intake) -> list[str]:
    """The options ticked in a checkboxes answer (``- [X] label``), in the form's order."""
    ticked = set()
    for line in text.split("\n"):
        match = re.fullmatch(r"\s*- \[([ xX])\] (.*?)\s*", line)
        if not line.strip():
            continue
        if not match or match.group(2) not in options:
            intake.find(spec.id, "intake.choice", value=shorten(line.strip()), allowed=", ".join(options))
        elif match.group(1) in "xX":
            ticked.add(match.group(2))
    return [option for option in options if option in ticked]


def _read_consent(text: str, spec: FormField, options: tuple[str, ...], intake: Intake) -> None:
    if set(_ticked(text, spec, options, intake)) != set(options):
        intake.find(spec.id, "intake.consent")


def _read_lines(text: str, spec: FormField, intake: Intake, read_line: Callable[[str], Any], expected: str,
                lines: list[int]) -> list[Any]:
    """One item per non-empty line; a line that does not read is reported with its number (counting the answer's
    non-empty lines), and ``lines`` gets each item's."""
    items = []
    for number, line in enumerate(line for line in (line.strip() for line in text.split("\n")) if line):
        item = read_line(line)
        if item is None:
            intake.find(spec.id, "intake.line", item=number, value=shorten(line), expected=expected)
        else:
            items.append(item)
            lines.append(number)
    return items


def _localized(text: str) -> dict[str, str]:
    """"Indonesian / English" → {"id": …, "en": …}; text without the separator is Indonesian only."""
    source, _, english = (part.strip() for part in text.partition(ALT_SEPARATOR))
    return {"id": source, **({"en": english} if english else {})} if source else {}


def _specification(line: str) -> dict[str, Any] | None:
    name, colon, value = line.partition(":")
    if not colon or not name.strip() or not value.strip() or value.strip() in NOTHING:
        return None  # "Kadar air: -" says nothing a buyer could read: a line to complete or to delete
    return {"name": _localized(name.strip()), "value": value.strip()}


def _certification(line: str) -> dict[str, str] | None:
    parts = [part.strip() for part in line.split(";")]
    if parts and not parts[-1]:
        parts = parts[:-1]  # "halal; ID123; BPJPH;" leaves the date out
    if len(parts) not in (3, 4) or not all(parts[:3]):
        return None
    # A facilitator copies the issuer as printed ("BPJPH", "Control Union"); the file holds its id.
    issuer = re.sub(r"\s+", "-", parts[2].lower())
    return {"type": parts[0].lower(), "number": parts[1], "issuer": issuer, **({"valid_until": parts[3]} if len(parts) == 4 else {})}


def _read_photo_links(text: str, spec: FormField, intake: Intake) -> list[PhotoLink]:
    """Each link in the Photos answer, with the text after it (up to the next link) as what it shows."""
    links = find_links(text)
    if text[:links[0].start if links else len(text)].strip():
        intake.find(spec.id, "intake.photo_text", Severity.WARNING)
    if len(links) > MAX_PHOTOS:
        intake.find(spec.id, "intake.too_many_photos", limit=MAX_PHOTOS)
        links = links[:MAX_PHOTOS]
    photos = []
    for index, link in enumerate(links):
        end = links[index + 1].start if index + 1 < len(links) else len(text)
        description = " ".join(text[link.end:end].split())
        photos.append(PhotoLink(link.url, _localized(description)))
    return photos


# --- photos ---------------------------------------------------------------------------------------------


def fetch_photos(links: list[PhotoLink], base: str, spec: FormField, download: Download,
                 intake: Intake) -> list[tuple[PhotoLink, Photo]]:
    """Download each photo from GitHub, check it is a JPEG, PNG or WebP within the limits, and strip its
    metadata; named ``<base>-<n>.<ext>`` after its place in the answer."""
    kept = []
    for index, link in enumerate(links):
        try:
            data, kind = download(link.url)
            with open_photo(io.BytesIO(data)):
                pass  # refuses more pixels than the catalog allows from the header; check_stripped decodes them
            removed = tuple(location_tags_of(data))
            stripped = strip_location(data)
            check_stripped(data, stripped)
        except DownloadError as exc:
            intake.find(spec.id, exc.code, item=index, **{k: shorten(v) for k, v in exc.values.items()})
            continue
        except Image.DecompressionBombError:
            intake.find(spec.id, "rule.photo_pixels", item=index, limit=f"{MAX_PIXELS / 1e6:.0f}")
            continue
        except (MetadataError, OSError, SyntaxError, ValueError) as exc:
            intake.find(spec.id, "intake.photo_damaged", item=index, problem=shorten(str(exc) or type(exc).__name__))
            continue
        kept.append((link, Photo(f"{base}-{index + 1}.{EXTENSIONS[kind]}", stripped, removed, index)))
    return kept


# --- values → the YAML file -----------------------------------------------------------------------------


def set_path(data: dict[str, Any], path: str, value: Any) -> None:
    """Put ``value`` at ``path`` (``shipping[0].place``) in nested dicts and lists."""
    steps: list[str | int] = [int(index) if index else name for name, index in re.findall(r"([^.\[\]]+)|\[([0-9]+)\]", path)]
    node: Any = data
    for step, following in zip(steps, steps[1:]):
        empty: Any = [] if isinstance(following, int) else {}
        if isinstance(step, int):
            while len(node) <= step:
                node.append(type(empty)())
            node = node[step]
        else:
            node = node.setdefault(step, empty)
    last = steps[-1]
    if isinstance(last, int):
        while len(node) <= last:
            node.append(None)
    node[last] = value


def order_like(value: Any, annotation: Any) -> Any:
    """``value`` with the keys of every mapping in the order the model declares its fields."""
    kind = unwrap(annotation)
    if isinstance(kind, type) and issubclass(kind, BaseModel) and isinstance(value, dict):
        fields = kind.model_fields
        ordered = sorted(value, key=lambda key: list(fields).index(key) if key in fields else len(fields))
        return {key: order_like(value[key], fields[key].annotation if key in fields else Any) for key in ordered}
    if isinstance(value, list):
        args = typing.get_args(kind) if typing.get_origin(kind) is list else ()
        return [order_like(item, args[0] if args else Any) for item in value]
    return value


class _FlowList(list):  # type: ignore[type-arg]
    """A list of plain values, written on one line: ``season: [1, 2, 3]``."""


class CatalogDumper(yaml.SafeDumper):
    """Writes catalog files as people write them: block mappings, indented lists, no anchors, long lines kept,
    text quoted (double quotes) whenever it could read as anything but text, several lines as a ``|`` block."""

    def ignore_aliases(self, data: Any) -> bool:
        return True  # the same value twice is written twice: load.py refuses anchors and aliases

    def increase_indent(self, flow: bool = False, indentless: bool = False) -> None:
        return super().increase_indent(flow, False)


class _FlowText(str):
    """Text inside a one-line list, where a comma or a bracket would end it unquoted."""


_LOOKS_NUMERIC = re.compile(r"[-+]?[0-9.][0-9._:+-]*")
"""Codes and numbers (``"121190"``, ``"72.10.01.2009"``, ``"0812"``): quoted, as CONTRIBUTING asks, so no
editor or other YAML reader takes them for numbers and drops a leading 0."""


def _represent_text(dumper: CatalogDumper, text: str) -> yaml.ScalarNode:
    if "\n" in text:  # a block keeps the lines as written; its final line break is what a person would type
        return dumper.represent_scalar("tag:yaml.org,2002:str", text.rstrip("\n") + "\n", style="|")
    analysis = dumper.analyze_scalar(text)
    plain = (text and analysis.allow_block_plain and (analysis.allow_flow_plain or not isinstance(text, _FlowText))
             and not _LOOKS_NUMERIC.fullmatch(text)
             and dumper.resolve(yaml.ScalarNode, text, (True, False)) == "tag:yaml.org,2002:str")
    return dumper.represent_scalar("tag:yaml.org,2002:str", str(text), style=None if plain else '"')


CatalogDumper.add_representer(str, _represent_text)
CatalogDumper.add_representer(_FlowText, _represent_text)
CatalogDumper.add_representer(_FlowList, lambda dumper, data: dumper.represent_sequence(
    "tag:yaml.org,2002:seq", data, flow_style=True))


def _flow_lists(value: Any) -> Any:
    if isinstance(value, dict):
        return {key: _flow_lists(item) for key, item in value.items()}
    if isinstance(value, list):
        items = [_flow_lists(item) for item in value]
        if all(isinstance(item, (str, int)) for item in items):
            return _FlowList(_FlowText(item) if isinstance(item, str) else item for item in items)
        return items
    return value


def render_file(data: dict[str, Any], kind: str, header: str) -> str:
    """The catalog file's text: the schema line editors read, a comment, then the data as YAML."""
    body = yaml.dump(_flow_lists(data), Dumper=CatalogDumper, sort_keys=False, allow_unicode=True, width=4096,
                     default_flow_style=False, indent=2)
    return f"# yaml-language-server: $schema=../../schemas/{kind}.schema.json\n# {header}\n{body}"


# --- the whole submission -------------------------------------------------------------------------------


def intake_issue(root: Path, form: IssueForm, body: str, *, issue: int, today: dt.date,
                 download: Download = download_attachment) -> Intake:
    """Read the submitted form, fetch and clean its photos, write the files into the catalog at ``root``
    (never over an existing file), check the catalog, and map every problem to the form field to fix."""
    from generator.check import check_catalog  # the check `make check` runs

    intake = Intake(form=form, issue=issue)
    spec = form.spec
    values = read_values(read_answers(body, form, intake), form, intake)
    own_id = str(values.by_path.get("id", ""))
    folder_id = values.folder if spec.kind == "product" else own_id
    unanswered = {f.field for f in intake.findings if f.issue.code.startswith("intake.heading")}
    found_before = len(intake.findings)
    if spec.kind == "product" and folder_id and "bumdes" not in unanswered:
        folder_id = _bumdes_of(root, folder_id, intake)
    # What _bumdes_of said (read by name, or not found) is all there is to say about the BUMDes answer; a
    # finding from reading the answer (an invisible character) is not.
    bumdes_said = len(intake.findings) > found_before
    names = {"id": own_id, **({"bumdes": folder_id} if spec.kind == "product" else {})}
    for field_id, value in names.items():
        if field_id in unanswered or (field_id == "bumdes" and bumdes_said):
            continue  # already reported: its question is missing from the body, or the BUMDes was not found
        if not value:
            intake.find(field_id, "schema.missing")
        elif not _is_id(value):
            made = slugify(value)
            if field_id == "id" and _is_id(made):
                intake.find(field_id, "intake.bad_id", value=shorten(value), suggestion=made)
            else:
                intake.find(field_id, "scaffold.bad_id", value=shorten(value))
    # A name that blocks the pull request (an id that is no id or is taken) still lets the rest of the answers
    # be checked now, under a stand-in name, so that one round of fixes can be the last: their files are
    # checked, then removed, and never proposed.
    check_id = own_id if _is_id(own_id) else slugify(own_id) if own_id else ""
    if not (_is_id(check_id) and _is_id(folder_id if spec.kind == "product" else check_id)):
        return intake  # no file can be named, not even for the check
    folder = f"{PRODUCTS_DIR}/{folder_id if spec.kind == 'product' else check_id}"
    file = f"{folder}/{BUMDES_FILE if spec.kind == 'bumdes' else check_id + '.yml'}"
    if spec.kind == "product" and not (root / folder).is_dir():
        if not bumdes_said:
            intake.find("bumdes", "intake.no_bumdes", value=folder_id)
        return intake  # which BUMDes it belongs to decides too much of the check to guess
    blocked = not all(_is_id(value) for value in names.values())
    if (root / file).exists() or (spec.kind == "bumdes" and (root / folder).exists()):
        intake.find("id", "intake.exists", value=check_id)
        blocked = True
        check_id = f"{check_id}-{STAND_IN}-{issue}"
        folder = folder if spec.kind == "product" else f"{PRODUCTS_DIR}/{check_id}"
        file = f"{folder}/{BUMDES_FILE if spec.kind == 'bumdes' else check_id + '.yml'}"
        if (root / file).exists() or (spec.kind == "bumdes" and (root / folder).exists()):
            return intake  # the stand-in is taken too: nothing of anyone else's is ever written over or removed
    photos = fetch_photos(values.photos, check_id, spec.field("photos"), download, intake)
    if spec.kind == "product" and not values.photos:
        # Allowed (the page shows "no photo yet" and a preview card), but a buyer trusts what they can see.
        intake.find("photos", "intake.no_photo", Severity.WARNING)
    data: dict[str, Any] = {}
    for path, value in values.by_path.items():
        set_path(data, path, value)
    data["id"] = check_id
    if photos:
        data["photos"] = [{"file": photo.name, **({"alt": link.alt} if link.alt else {})} for link, photo in photos]
    header = f'Dibuat dari isu #{issue} dengan formulir "{form.name}". · Made from issue #{issue} with that form.'
    files = {file: render_file(order_like(data, spec.model), spec.kind, header).encode("utf-8")}
    files.update({f"{folder}/{photo.name}": photo.data for _, photo in photos})
    if not all(SAFE_PATH.fullmatch(path) for path in files):  # ids are checked above; this is the last guard
        raise ValueError(f"unsafe path among {sorted(files)}")
    for path, content in files.items():
        write.create_file(root / path, content)
    written = [(f"{folder}/{photo.name}", photo.position) for _, photo in photos]
    try:
        found = check_catalog(root, today=today).issues
    finally:
        if blocked:
            for path in files:
                (root / path).unlink(missing_ok=True)
            if spec.kind == "bumdes":
                shutil.rmtree(root / folder, ignore_errors=True)
    intake.checked = True
    said = {f.field for f in intake.findings if f.issue.code in ("intake.choice", "intake.lead_time_span")}
    for issue_found in found:
        finding = _finding_of(issue_found, spec, file, folder, written, values.lines)
        # An answer refused above (a dropdown, a span) is "missing" to the check too: once is enough.
        if finding is not None and not (finding.issue.code == "schema.missing" and finding.field in said):
            intake.findings.append(finding)
    _say_price_by_question(intake, values)
    if not blocked:
        intake.file, intake.files = file, files
        intake.photos = [(f"{folder}/{photo.name}", photo.removed) for _, photo in photos]
    return intake


PRICE_NEEDS = ("price.min", "price.currency", "price.unit", "price.incoterm")
"""The questions a price needs when it is not 'on request'."""


def _say_price_by_question(intake: Intake, values: Values) -> None:
    """The check says a price needs 'on_request: true' or min, currency, unit and incoterm: in the form, name the
    questions to fill in or to empty, which follow from the answer to "Price on request?"."""
    spec = intake.form.spec
    paths = {f.path: f.id for f in spec.fields if f.path}
    on_request = values.by_path.get("price.on_request")
    if on_request:
        named = [paths[p] for p in ("price.min", "price.max", "price.currency", "price.unit", "price.incoterm")
                 if p in paths and values.by_path.get(p) not in (None, "")]
        code = "intake.price_extra"
    else:
        named = [paths[p] for p in PRICE_NEEDS if p in paths and values.by_path.get(p) in (None, "")]
        code = "intake.price_missing"
    if not named:
        return
    for index, finding in enumerate(intake.findings):
        if finding.issue.code == "schema.price":
            labels = ", ".join(f"“{intake.form.label(field_id)}”" for field_id in named)
            intake.findings[index] = replace(finding, field=paths.get("price.on_request", finding.field),
                                             issue=replace(finding.issue, code=code, values=(("questions", labels),)))


STAND_IN = "periksa"
"""Part of the stand-in name a taken id is checked under (never proposed)."""


def _bumdes_of(root: Path, answer: str, intake: Intake) -> str:
    """The BUMDes a facilitator named in the product form: its id as written, else the one folder whose id is
    the answer made into an id ("BUMDes Harum Pegayon" → bumdes-harum-pegayon, said as a warning), else the
    answer, with the ids it may have meant when there are any (only folders that exist are ever offered)."""
    folders = sorted(entry.name for entry in (root / PRODUCTS_DIR).iterdir() if (entry / BUMDES_FILE).is_file()) \
        if (root / PRODUCTS_DIR).is_dir() else []
    if answer in folders:
        return answer
    made = slugify(answer)
    if made in folders:
        intake.find("bumdes", "intake.bumdes_by_name", Severity.INFO, value=shorten(answer), bumdes=made)
        return made
    near = near_bumdes(made, folders)
    if near:
        intake.find("bumdes", "intake.bumdes_unknown", value=shorten(answer), suggestions=" / ".join(near))
    return answer


def _is_id(value: str) -> bool:
    return 2 <= len(value) <= 80 and re.fullmatch(ID_PATTERN, value) is not None


FORM_WORDING = {"schema.pattern_hs": "intake.pattern_hs", "schema.pattern_nib": "intake.pattern_nib",
                "schema.pattern_village": "intake.pattern_village", "village.suggestions": "intake.village_suggestions",
                "rule.unknown_term": "intake.unknown_term", "rule.gacc_for_china": "intake.gacc_for_china",
                "schema.range": "intake.range"}
"""The check's messages that speak of a file (quote a code, a list in site_config.yml, a key to add, min and
max), said instead as a form's answer needs it."""


def _finding_of(found: Issue, spec: FormSpec, file: str, folder: str, photos: list[tuple[str, int]],
                lines: dict[str, list[int]] | None = None) -> Finding | None:
    """The check's issue as a problem of a form field; None for issues of files this submission did not add.
    ``photos`` are the photos' paths in the file's order, each with its place in the answer (the reply's number)."""
    if found.code in FORM_WORDING:
        found = replace(found, code=FORM_WORDING[found.code])
    if found.code == "intake.village_suggestions":  # codes to copy into the answer as they are: no YAML quotes
        found = replace(found, values=tuple((name, value.replace('"', "")) for name, value in found.values))
    positions = [position for _, position in photos]
    if found.path in dict(photos):
        return Finding("photos", found, dict(photos)[found.path])
    if found.path == folder:  # the folder itself (too big, no bumdes.yml)
        return Finding("bumdes" if spec.kind == "product" else "", found)
    if found.path != file:
        return None
    # The number is missing, not the markets: the reply puts it under the question to answer.
    form_field, item = spec.at_path("gacc_registration" if found.code == "intake.gacc_for_china" else found.field)
    if form_field is not None and form_field.reading is Reading.PHOTOS and item is not None and item < len(positions):
        item = positions[item]
    numbered = (lines or {}).get(form_field.id, []) if form_field is not None else []
    if item is not None and item < len(numbered):
        item = numbered[item]
    return Finding(form_field.id if form_field else "", found, item)


# --- what the writing job posts -------------------------------------------------------------------------


ITEM_WORDS = {Reading.PHOTOS: ("Foto", "photo"), Reading.SPECIFICATIONS: ("Baris", "line"),
              Reading.CERTIFICATIONS: ("Baris", "line")}
"""How the reply names the item of a list answer a problem is about (else "Butir", "item")."""
SEVERITY_MARKS = {Severity.ERROR: ("❌ galat", "error"), Severity.WARNING: ("⚠️ peringatan", "warning"),
                  Severity.INFO: ("ℹ️ info", "info")}


def message(finding: Finding, lang: str) -> str:
    """The problem's message in ``lang``, every value from the issue or the catalog in a code span."""
    values = {name: code_span(value) for name, value in finding.issue.values}
    return render_message(finding.issue.code, values, lang)


def problems(intake: Intake) -> list[dict[str, Any]]:
    """Each problem as data: the form field's id and label, the item, severity, code, both messages."""
    order = {spec.id: index for index, spec in enumerate(intake.form.spec.fields)}
    rows = []
    for finding in sorted(intake.findings, key=lambda f: (order.get(f.field, -1), -1 if f.item is None else f.item, f.issue)):
        rows.append({
            "field": finding.field,
            "label": intake.form.label(finding.field) if finding.field else "",
            "item": None if finding.item is None else finding.item + 1,
            "severity": finding.issue.severity.value,
            "code": finding.issue.code,
            "yaml_path": finding.issue.field if finding.issue.path != ISSUE_PATH else "",
            "message": {"id": message(finding, "id"), "en": message(finding, "en")},
        })
    return rows


def render_reply(intake: Intake) -> str:
    """The comment on the issue (Indonesian, then English): the outcome, then each problem under the label
    of the question to fix, then the files made."""
    errors = sum(1 for f in intake.findings if f.issue.severity is Severity.ERROR)
    warnings = sum(1 for f in intake.findings if f.issue.severity is Severity.WARNING)
    if intake.ready:
        lines = ["## ✅ Siap ditinjau · Ready for review", "",
                 "Isian ini lolos pemeriksaan katalog (`make check`) dan *pull request* dibuat dari isian ini; pengelola"
                 " katalog akan meninjaunya. Isu ini tertutup otomatis ketika *pull request* digabungkan."
                 + (f" Ada {warnings} peringatan di bawah: sebaiknya diperbaiki, tetapi tidak menghalangi." if warnings else ""),
                 "",
                 "*The answers passed the catalog check (`make check`) and a pull request was opened from them; a"
                 " maintainer will review it. This issue closes when the pull request is merged."
                 + (f" There {'is' if warnings == 1 else 'are'} {warnings} warning{'s' * (warnings != 1)} below: worth"
                    " fixing, but they block nothing." if warnings else "") + "*"]
    else:
        lines = ["## ❌ Perlu diperbaiki · Needs fixing", "",
                 f"{errors} galat, {warnings} peringatan. Buka menu **⋯** di isu ini → **Edit**, perbaiki jawaban yang"
                 " disebut di bawah, lalu simpan: pemeriksaan berjalan lagi dan balasan baru muncul di sini.",
                 "",
                 f"*{errors} error{'s' * (errors != 1)}, {warnings} warning{'s' * (warnings != 1)}. Open **⋯** on this"
                 " issue → **Edit**, fix the answers named below and save: the check runs again and a new reply"
                 " appears here.*"]
        if not intake.checked:
            # No file could be made from these answers, so the catalog check has not read them yet: a short
            # list now may grow once these are fixed, and the person should know before they think it done.
            lines += ["", "Isian ini belum bisa diperiksa seluruhnya. Setelah masalah di bawah diperbaiki, pemeriksaan"
                      " lengkap berjalan dan mungkin menemukan masalah lain.", "",
                      "*The answers could not be checked in full yet. Once the problems below are fixed, the full"
                      " check runs and may find more.*"]
    current = None
    for row in problems(intake):
        heading = row["label"] or "Isian secara keseluruhan · The submission as a whole"
        if heading != current:
            lines += ["", f"### {heading}", ""]
            current = heading
        mark_id, mark_en = SEVERITY_MARKS[Severity(row["severity"])]
        where_id = where_en = ""
        if row["item"] is not None and row["field"]:
            reading = intake.form.spec.field(row["field"]).reading
            word_id, word_en = ITEM_WORDS.get(reading, ("Butir", "item"))
            where_id, where_en = f" ({word_id} {row['item']})", f" ({word_en} {row['item']})"
        lines.append(f"- **{mark_id}**{where_id}: {row['message']['id']}  ")
        lines.append(f"  *{mark_en}{where_en}: {row['message']['en']}*")
    if intake.files:
        lines += ["", "### Berkas · Files", ""]
        removed = dict(intake.photos)
        for path in intake.files:
            note = ""
            if removed.get(path):
                note = f" — lokasi dihapus · location removed ({', '.join(removed[path])})"
            lines.append(f"- {code_span(path)}{note}")
    return "\n".join(lines).rstrip("\n") + "\n"


def render_pull_request(intake: Intake) -> tuple[str, str, str]:
    """(title, body, commit message) of the pull request: only the form's name, ids, paths and our own text."""
    title = f"{intake.form.name}: {intake.file}"
    lines = [f'Dibuat otomatis dari isu #{intake.issue} (formulir "{intake.form.name}").'
             f" · Made automatically from issue #{intake.issue}.", "", f"Closes #{intake.issue}", "",
             "**Berkas · Files**", ""]
    lines += [f"- {code_span(path)}" for path in intake.files]
    lines += ["", "**Untuk pengelola · For the maintainer**", "",
              "- [ ] Data dicek dengan BUMDes (jawaban dan catatan di isu) · facts checked with the BUMDes (the issue's"
              " answers and notes)",
              "- [ ] Foto pantas diterbitkan · photos fit to publish",
              "- Pemeriksaan *pull request* berjalan setelah ditutup lalu dibuka lagi (pull request dari GitHub Actions tidak"
              " menjalankan workflow) · The pull request's checks run once it is closed and reopened (pull requests"
              " opened by GitHub Actions start no workflows)."]
    warnings = [row for row in problems(intake) if row["severity"] != "error"]
    if warnings:
        lines += ["", "**Peringatan · Warnings**", ""]
        lines += [f"- {row['label'] or '-'}: {row['message']['en']}" for row in warnings]
    commit = f"{title}\n\nMade from issue #{intake.issue} by the intake workflow (.github/workflows/intake.yml).\n"
    return title, "\n".join(lines) + "\n", commit


def write_outcome(out: Path, intake: Intake) -> None:
    """The outcome for the workflow's writing job, as files it posts without reading them as code:
    ``result.json``, ``reply.md`` and, when ready, ``pull-request/`` (title, body, commit message, files)."""
    result = {"form": intake.form.spec.kind, "issue": intake.issue, "ready": intake.ready,
              "files": list(intake.files), "problems": problems(intake)}
    write.write_text(out / "result.json", json.dumps(result, ensure_ascii=False, indent=2) + "\n")
    write.write_text(out / "reply.md", render_reply(intake))
    if intake.ready:
        title, body, commit = render_pull_request(intake)
        write.write_text(out / "pull-request" / "title.txt", title + "\n")
        write.write_text(out / "pull-request" / "body.md", body)
        write.write_text(out / "pull-request" / "commit.txt", commit)
        for path, content in intake.files.items():
            write.create_file(out / "pull-request" / "files" / path, content)


def run_intake(root: Path, kind: str, body: Path, *, issue: int, out: Path, today: dt.date,
               download: Download = download_attachment) -> list[Issue]:
    """``python -m generator intake``: the form ``kind`` of the repository at ``root``, the issue's body read
    from a file (never from a command line), the outcome written into ``out``; every problem found."""
    form = read_form(root, FORMS[kind])
    intake = intake_issue(root, form, body.read_text(encoding="utf-8"), issue=issue, today=today, download=download)
    write_outcome(out, intake)
    return [finding.issue for finding in intake.findings]
