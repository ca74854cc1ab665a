"""Documents: check the certificates and analyses (PDF) that contributors upload, and publish a clean copy.

A PDF from a stranger can carry scripts, attached files, forms that send data away, links that start
programs, and metadata about who made it. One is accepted by its content alone (``inspect_document``) and is
never published as it came: ``process_document`` copies what each page shows (its drawing, fonts and images,
with form fields and stamps drawn in) into a new PDF that has nothing else, keeps only https:// links, and
writes it deterministically. The preview of page one is drawn by PDFium from that clean copy, never from the
upload. Pure planning (``plan_previews``, ``plan_outputs``, ``render_scale``) sits apart from the one function
that reads and writes; outputs are named by content hash and cached by (source bytes, settings), as photos are.
"""

from __future__ import annotations

import hashlib
import io
import json
import threading
import zlib
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Iterator
from urllib.parse import urlsplit

import pikepdf
import pypdfium2
from PIL import Image

from generator import images, write
from generator.images import Variant
from generator.issues import Severity, render_message
from generator.metadata import image_kind

Problem = tuple[str, Severity, dict[str, str]]
DAMAGED: Problem = ("rule.document_damaged", Severity.ERROR, {})

MAX_FILE_BYTES = 10_000_000
"""10 MB as phones and file managers count it (10⁶ bytes), so the message and the limit agree."""
MAX_PAGES = 20
MAX_PAGE_SIDE_MM = 1200
"""Just over A0's long side (1189 mm): no certificate is larger, and a larger page is how a PDF asks a
viewer for more memory than it has."""
MAX_PAGE_ASPECT = 5
"""A page at most this many times as long as it is wide (A4 is 1.41): the preview keeps the page's shape."""
MAX_IMAGE_PIXELS = images.MAX_PIXELS
"""The photo limit, for every picture inside a PDF: a 600 dpi A4 scan (35 MP) passes."""
MAX_UNPACKED_BYTES = 500_000_000
"""What all compressed parts of a PDF may unpack to; a 10 MB upload of real content unpacks to far less, a
compression bomb to up to 10 GB."""
MAX_RENDER_PIXELS = images.MAX_PIXELS
WIDTHS = (320, 640)
"""Preview widths of page one: a thumbnail beside the certificate, and the same on a high-density screen."""
WEBP_QUALITY = 80
SETTINGS_VERSION = "2"
FORMATS = images.FORMATS
"""Output formats of every width, as (format, file extension): WebP only, as photos."""
PDF_VERSIONS = ("1.0", "1.1", "1.2", "1.3", "1.4", "1.5", "1.6", "1.7", "2.0")

PAGE_KEYS = ("/MediaBox", "/CropBox", "/BleedBox", "/TrimBox", "/ArtBox", "/Rotate", "/UserUnit", "/Group",
             "/Resources", "/Contents")
"""All of a page that is copied: what it shows and how large it is. Annotations (links apart), actions,
thumbnails, structure and application data stay behind."""
FORBIDDEN_KEYS = frozenset({
    "/JS", "/JavaScript", "/AA", "/OpenAction", "/EmbeddedFiles", "/EF", "/AF", "/FS", "/RichMediaContent",
    "/RichMediaSettings", "/AcroForm", "/XFA", "/Metadata", "/PieceInfo", "/Ref", "/OPI",
})
"""Keys removed from every dictionary of the clean copy, wherever a resource may have dragged them along:
scripts, triggers, attached and associated files, forms, XMP metadata, private application data, external
content."""
EXTERNAL_STREAM_KEYS = ("/F", "/FFilter", "/FDecodeParms")
"""A stream's data may live in another file (the stream's /F): never followed."""
ACTION_TYPES = frozenset({
    "/GoTo", "/GoToR", "/GoToE", "/GoToDp", "/Launch", "/Thread", "/URI", "/Sound", "/Movie", "/Hide", "/Named",
    "/SubmitForm", "/ResetForm", "/ImportData", "/SetOCGState", "/Rendition", "/Trans", "/GoTo3DView",
    "/JavaScript", "/RichMediaExecute",
})
"""Every action type of ISO 32000-2 (12.6.4). Only /URI to an https:// address survives."""
MAX_URI_LENGTH = 2000

_DAMAGED = (pikepdf.PdfError, ValueError, TypeError, KeyError, IndexError, AttributeError, RuntimeError, zlib.error)
# PDFium keeps global state and pypdfium2 does not serialise calls into it: one page drawn at a time.
_PDFIUM = threading.Lock()
_CHUNK = 1 << 20


class DocumentRefused(ValueError):
    """A document that will not be published, with the message code and values ``inspect_document`` gives."""

    def __init__(self, name: str, problem: Problem) -> None:
        self.code, self.severity, self.values = problem
        super().__init__(render_message(self.code, {"value": name, **self.values}, "en"))


# --- pure planning --------------------------------------------------------------------------------------


def plan_previews(page_width: float, page_height: float, widths: tuple[int, ...] = WIDTHS) -> list[tuple[int, int]]:
    """Preview sizes of a page shown ``page_width`` × ``page_height`` points: every width, in the page's shape.

    Drawn from vectors, a small page is not blurred by a large preview: every width is made, none skipped.
    """
    return [(w, max(1, round(page_height * w / page_width))) for w in widths]


def render_scale(page_width: float, page_height: float, width: int) -> float:
    """The scale that draws a page ``width`` pixels wide; ValueError when that is more than MAX_RENDER_PIXELS."""
    if not (page_width >= 1 and page_height >= 1):
        raise ValueError(f"a page of {page_width} × {page_height} points cannot be drawn")
    scale = width / page_width
    pixels = width * (page_height * scale + 1)
    if pixels > MAX_RENDER_PIXELS:
        raise ValueError(f"drawing page one {width} px wide takes {pixels / 1e6:.0f} megapixels, more than "
                         f"the {MAX_RENDER_PIXELS / 1e6:.0f} MP limit")
    return scale


def page_size_mm(width: float, height: float) -> str:
    """A page size as a contributor reads it: ``210 × 297 mm``."""
    return f"{width * 25.4 / 72:.0f} × {height * 25.4 / 72:.0f} mm"


def check_page_size(number: int, width: float, height: float) -> Iterator[Problem]:
    """Problems with the size of page ``number`` (1-based), measured in points at its user unit."""
    longest = MAX_PAGE_SIDE_MM * 72 / 25.4
    if max(width, height) > longest:
        yield "rule.document_page_size", Severity.ERROR, {
            "page": str(number), "size": page_size_mm(width, height), "limit": f"{MAX_PAGE_SIDE_MM} mm"}
    elif max(width, height) > MAX_PAGE_ASPECT * min(width, height):
        yield "rule.document_page_shape", Severity.ERROR, {
            "page": str(number), "size": page_size_mm(width, height), "limit": str(MAX_PAGE_ASPECT)}


def is_safe_link(uri: str) -> bool:
    """An https:// address of printable ASCII with a host: the only link a published document keeps."""
    if not (0 < len(uri) <= MAX_URI_LENGTH) or not all(0x21 <= ord(c) <= 0x7E for c in uri):
        return False
    try:
        parts = urlsplit(uri)
        return parts.scheme.lower() == "https" and bool(parts.hostname)
    except ValueError:
        return False


# --- checking an upload --------------------------------------------------------------------------------


def inspect_document(path: Path) -> Iterator[Problem]:
    """Problems with one uploaded document, as (message code, severity, values) for the validator.

    A PDF is known by its content (it starts with ``%PDF-`` and opens), whatever its name; a photo of a
    certificate (JPEG, PNG, WebP) named .pdf is named for what it is.
    """
    size = path.stat().st_size
    if size > MAX_FILE_BYTES:
        # Rounded up, so a file just over the limit never reads as "10.0 MB, more than 10 MB".
        shown = -(-size // 100_000) / 10
        yield "rule.document_too_big", Severity.ERROR, {"size": f"{shown:.1f} MB", "limit": f"{MAX_FILE_BYTES / 1e6:g} MB"}
        return
    raw = path.read_bytes()
    kind = _kind(raw)
    if kind != "PDF":
        if kind:
            yield "rule.document_extension", Severity.ERROR, {"kind": kind, "extension": path.suffix or "-"}
        else:
            yield "rule.document_format", Severity.ERROR, {}
        return
    pdf, problems = _open_checked(raw)
    if pdf is not None:
        pdf.close()
    yield from problems
    if path.suffix.lower() != ".pdf":
        yield "rule.document_extension", Severity.ERROR, {"kind": kind, "extension": path.suffix or "-"}


def _kind(raw: bytes) -> str:
    """What the bytes are: PDF, JPEG, PNG, WEBP, or "" for anything else."""
    if raw.startswith(b"%PDF-"):
        return "PDF"
    return image_kind(raw) or ""


def _open_checked(raw: bytes) -> tuple[pikepdf.Pdf | None, list[Problem]]:
    """Open a PDF and list what keeps it from being published; the Pdf is None when it cannot be read at all.

    Damage qpdf repairs is still damage: a file qpdf had to rebuild may show other pages in another viewer.
    """
    if b"%%EOF" not in raw[-1024:]:  # where every PDF writer ends, and where readers look (ISO 32000 7.5.5)
        return None, [("rule.document_incomplete", Severity.ERROR, {})]
    _limit_qpdf()
    try:
        pdf = pikepdf.open(io.BytesIO(raw))
    except pikepdf.PasswordError:
        return None, [("rule.document_encrypted", Severity.ERROR, {})]
    except _DAMAGED:
        return None, [DAMAGED]
    try:
        problems = list(_check_open(pdf))
        warned = pdf.get_warnings()
    except _DAMAGED:
        problems, warned = [DAMAGED], []
    if warned and not any(severity == Severity.ERROR for _, severity, _ in problems):
        problems.append(DAMAGED)
    if any(severity == Severity.ERROR for _, severity, _ in problems):
        pdf.close()
        return None, problems
    return pdf, problems


def _check_open(pdf: pikepdf.Pdf) -> Iterator[Problem]:
    warned = list(pdf.get_warnings())  # qpdf hands each warning out once; keep those of opening
    pages = len(pdf.pages)
    if pages == 0:
        yield DAMAGED
        return
    if pages > MAX_PAGES:
        yield "rule.document_pages", Severity.ERROR, {"pages": str(pages), "limit": str(MAX_PAGES)}
        return
    for number, page in enumerate(pdf.pages, start=1):
        width, height, unit = _page_size(page.obj)
        yield from check_page_size(number, width * unit, height * unit)
    unpacked, biggest = 0, 0
    for obj in pdf.objects:
        if not isinstance(obj, pikepdf.Stream):
            continue
        if obj.get("/Subtype") == pikepdf.Name.Image:
            width, height = obj.get("/Width", 0), obj.get("/Height", 0)
            if isinstance(width, int) and isinstance(height, int):
                biggest = max(biggest, width * height)
        size = _unpacked_size(obj, MAX_UNPACKED_BYTES - unpacked)
        if size is None:
            yield DAMAGED
            return
        unpacked += size
        if unpacked > MAX_UNPACKED_BYTES:
            yield "rule.document_unpacked", Severity.ERROR, {"limit": f"{MAX_UNPACKED_BYTES / 1e6:g} MB"}
            break
    if biggest > MAX_IMAGE_PIXELS:
        yield "rule.document_image_pixels", Severity.ERROR, {"limit": f"{MAX_IMAGE_PIXELS / 1e6:.0f}"}
    if warned:
        yield DAMAGED


def _limit_qpdf() -> None:
    """qpdf unpacks the file's own structure (object streams) whole, before any check here sees it: give each
    stream it unpacks the limit of all content. One past it cannot be read, so the file is damaged.

    The limit is process-wide; nothing else in this project uses qpdf, and the build's workers are processes.
    """
    if pikepdf.settings.get_qpdf_limits()["flate_max_memory"] == 0:
        pikepdf.settings.set_qpdf_limits(flate_max_memory=MAX_UNPACKED_BYTES)


def _unpacked_size(stream: pikepdf.Stream, budget: int) -> int | None:
    """How many bytes a Flate stream unpacks to, counted without holding them; stops a little past ``budget``;
    None when it cannot be unpacked (a damaged file, drawn differently by every viewer).

    Other filters are counted at their stored size: images (JPEG, JPEG 2000, JBIG2, fax) by their pixels,
    and the old text filters (LZW, run length) are rare and expand far less.
    """
    filters = stream.get("/Filter")
    first = filters[0] if isinstance(filters, pikepdf.Array) and len(filters) else filters
    raw = stream.read_raw_bytes()
    if first != pikepdf.Name.FlateDecode:
        return len(raw)
    inflate, total, data = zlib.decompressobj(), 0, raw
    try:
        while data and total <= budget:
            total += len(inflate.decompress(data, _CHUNK))
            data = inflate.unconsumed_tail
    except zlib.error:
        return None
    return total


def _page_size(page: pikepdf.Dictionary) -> tuple[float, float, float]:
    """A page as shown: (width, height) in its units (crop box within the media box, turned by /Rotate), and
    its user unit (points per unit)."""
    media = _box(page.get("/MediaBox"))
    crop = _box(page.get("/CropBox")) if "/CropBox" in page else media
    left, bottom = max(media[0], crop[0]), max(media[1], crop[1])
    right, top = min(media[2], crop[2]), min(media[3], crop[3])
    width, height = right - left, top - bottom
    if width < 1 or height < 1:
        raise ValueError("a page with no area")
    rotate = page.get("/Rotate", 0)
    if isinstance(rotate, int) and rotate // 90 % 2:
        width, height = height, width
    unit = page.get("/UserUnit", 1)
    unit = float(unit) if _is_number(unit) else 1.0
    if not 0 < unit <= 75_000:
        raise ValueError(f"user unit {unit}")
    return width, height, unit


def _box(value: object) -> tuple[float, float, float, float]:
    if not isinstance(value, pikepdf.Array) or len(value) != 4 or not all(_is_number(v) for v in value):
        raise ValueError("a page box is not four numbers")
    x1, y1, x2, y2 = (float(v) for v in value)
    return min(x1, x2), min(y1, y2), max(x1, x2), max(y1, y2)


def _is_number(value: object) -> bool:
    return isinstance(value, (int, float, Decimal)) and not isinstance(value, bool)


# --- the clean copy ------------------------------------------------------------------------------------


def sanitise(source: pikepdf.Pdf) -> bytes:
    """A new PDF with what each page of ``source`` shows and its https:// links, and nothing else.

    Annotations with an appearance (form fields, stamps, attachment icons) are drawn into their page first,
    so a filled-in analysis keeps its values as drawing; the fields, forms, scripts, attached files,
    outlines, structure and metadata are left behind. Resources can point anywhere in a file, so every
    dictionary copied along is swept too (``FORBIDDEN_KEYS``, ``ACTION_TYPES``), and the result is
    checked by ``find_active_content`` before it is returned.
    """
    links = [_safe_links(page.obj) for page in source.pages]
    source.flatten_annotations("all")
    out = pikepdf.new()
    for page, page_links in zip(source.pages, links):
        shown = pikepdf.Dictionary(Type=pikepdf.Name.Page)
        for key in PAGE_KEYS:
            if key in page.obj:
                shown[key] = page.obj[key]
        out.pages.append(pikepdf.Page(source.make_indirect(shown)))
        if page_links:
            out.pages[-1].obj.Annots = out.make_indirect(pikepdf.Array(page_links))
    _sweep(out)
    left = find_active_content(out)
    if left:
        raise RuntimeError(f"the clean copy still has {', '.join(left[:5])}")
    version = source.pdf_version if source.pdf_version in PDF_VERSIONS else "1.7"
    buffer = io.BytesIO()
    out.save(
        buffer,
        min_version=version,
        deterministic_id=True,  # the same source gives the same bytes, ID included; no date is written
        object_stream_mode=pikepdf.ObjectStreamMode.generate,
        compress_streams=True,
        stream_decode_level=pikepdf.StreamDecodeLevel.none,  # stream data is copied, never unpacked here
        preserve_pdfa=False,
        fix_metadata_version=False,
    )
    out.close()
    return buffer.getvalue()


def _safe_links(page: pikepdf.Dictionary) -> list[pikepdf.Dictionary]:
    """New link annotations for the https:// links of a page: a rectangle and an address, nothing else."""
    kept = []
    annots = page.get("/Annots")
    for annot in annots if isinstance(annots, pikepdf.Array) else []:
        if not isinstance(annot, pikepdf.Dictionary) or annot.get("/Subtype") != pikepdf.Name.Link:
            continue
        action = annot.get("/A")
        if not isinstance(action, pikepdf.Dictionary) or action.get("/S") != pikepdf.Name.URI:
            continue
        uri = action.get("/URI")
        try:
            rect = _box(annot.get("/Rect"))
        except ValueError:
            continue
        if isinstance(uri, pikepdf.String) and is_safe_link(str(uri)):
            kept.append(pikepdf.Dictionary(
                Type=pikepdf.Name.Annot, Subtype=pikepdf.Name.Link, Rect=pikepdf.Array(rect),
                Border=pikepdf.Array([0, 0, 0]), A=pikepdf.Dictionary(S=pikepdf.Name.URI, URI=pikepdf.String(str(uri))),
            ))
    return kept


def _sweep(pdf: pikepdf.Pdf) -> None:
    """Strip what a resource may have dragged along from anywhere in the source (see FORBIDDEN_KEYS)."""
    for obj in walk(pdf.trailer):
        for key in FORBIDDEN_KEYS & set(obj.keys()):
            del obj[key]
        if isinstance(obj, pikepdf.Stream):
            for key in EXTERNAL_STREAM_KEYS:
                if key in obj:
                    del obj[key]
        if _is_action(obj) and not _is_safe_action(obj):
            del obj["/S"]  # an action with no type does nothing


def find_active_content(pdf: pikepdf.Pdf) -> list[str]:
    """What in ``pdf`` a viewer could run, send, open or attach, or that tells who made it; [] for a clean copy."""
    found = []
    if set(pdf.Root.keys()) - {"/Type", "/Pages"}:
        found.append(f"catalog keys {sorted(set(pdf.Root.keys()) - {'/Type', '/Pages'})}")
    if "/Info" in pdf.trailer:
        found.append("/Info")
    for page in pdf.pages:
        for annot in page.obj.get("/Annots", pikepdf.Array()):
            if annot.get("/Subtype") != pikepdf.Name.Link or not _is_safe_action(annot.get("/A")):
                found.append(f"annotation {annot.get('/Subtype')}")
    for obj in walk(pdf.trailer):
        found.extend(sorted(FORBIDDEN_KEYS & set(obj.keys())))
        if isinstance(obj, pikepdf.Stream):
            found.extend(key for key in EXTERNAL_STREAM_KEYS if key in obj)
        if _is_action(obj) and not _is_safe_action(obj):
            found.append(f"action {obj.get('/S')}")
    return found


def walk(root: pikepdf.Object) -> Iterator[pikepdf.Object]:
    """Every dictionary and stream reachable from ``root``, each once; one may change it before its
    contents are visited."""
    seen: set[tuple[int, int]] = set()
    stack = [root]
    while stack:
        obj = stack.pop()
        if not isinstance(obj, pikepdf.Object):
            continue  # a number, name or boolean, which pikepdf hands out as Python values
        if obj.is_indirect:
            if obj.objgen in seen:
                continue
            seen.add(obj.objgen)
        if isinstance(obj, (pikepdf.Dictionary, pikepdf.Stream)):
            yield obj
            stack.extend(obj[key] for key in obj.keys())
        elif isinstance(obj, pikepdf.Array):
            stack.extend(obj)


def _is_action(obj: pikepdf.Object) -> bool:
    return isinstance(obj, pikepdf.Dictionary) and str(obj.get("/S", "")) in ACTION_TYPES


def _is_safe_action(obj: object) -> bool:
    return (isinstance(obj, pikepdf.Dictionary) and obj.get("/S") == pikepdf.Name.URI
            and isinstance(obj.get("/URI"), pikepdf.String) and is_safe_link(str(obj.URI))
            and set(obj.keys()) <= {"/S", "/URI", "/Type"})


# --- processing ----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ProcessedDocument:
    """The clean copy of one source document and the preview of its first page, ready for a link and <picture>."""

    key: str
    pdf: str
    """File name of the clean PDF."""
    size: int
    """Its bytes, for "PDF, 240 kB" beside the link."""
    pages: int
    page_width: float
    page_height: float
    """Page one as shown, in points: what the previews were planned from."""
    previews: tuple[Variant, ...]

    def of_format(self, fmt: str) -> list[Variant]:
        """Previews in one format, smallest first."""
        return sorted((v for v in self.previews if v.format == fmt), key=lambda v: v.width)


def settings_fingerprint() -> str:
    """Everything that changes the output bytes; part of the cache key."""
    import PIL

    return json.dumps(
        [SETTINGS_VERSION, WIDTHS, FORMATS, WEBP_QUALITY, PAGE_KEYS, sorted(FORBIDDEN_KEYS), PIL.__version__,
         pikepdf.__version__, pikepdf.__libqpdf_version__, pypdfium2.PYPDFIUM_INFO.version, pypdfium2.PDFIUM_INFO.version],
        separators=(",", ":"),
    )


def document_key(source: bytes) -> str:
    """Content hash of (source bytes, settings): the cache key and the output name stem."""
    digest = hashlib.sha256(source)
    digest.update(settings_fingerprint().encode())
    return digest.hexdigest()[:16]


def plan_outputs(key: str, size: int, pages: int, page_width: float, page_height: float) -> ProcessedDocument:
    """The files a document becomes: its clean PDF, and page one's preview at every width in every format."""
    previews = tuple(
        Variant(name=f"{key}-{w}.{ext}", width=w, height=h, format=fmt)
        for w, h in plan_previews(page_width, page_height)
        for fmt, ext in FORMATS
    )
    return ProcessedDocument(key=key, pdf=f"{key}.pdf", size=size, pages=pages, page_width=page_width,
                             page_height=page_height, previews=previews)


def process_document(source: Path, cache_dir: Path) -> tuple[ProcessedDocument, bool]:
    """Write the clean copy of ``source`` and its previews into ``cache_dir`` (or reuse them); return them and
    whether reused.

    Checks everything ``inspect_document`` checks (but the file's name) again, since the file may have
    changed since: raises DocumentRefused with the same message code.
    """
    if source.stat().st_size > MAX_FILE_BYTES:
        raise DocumentRefused(source.name, next(inspect_document(source)))
    raw = source.read_bytes()
    key = document_key(raw)
    manifest = cache_dir / f"{key}.json"
    cached = _read_manifest(manifest, key)
    if cached is not None and _outputs_present(cache_dir, cached):
        return cached, True
    if _kind(raw) != "PDF":
        raise DocumentRefused(source.name, ("rule.document_format", Severity.ERROR, {}))
    pdf, problems = _open_checked(raw)
    if pdf is None:
        raise DocumentRefused(source.name, problems[0])
    try:
        width, height, _ = _page_size(pdf.pages[0].obj)
        pages = len(pdf.pages)
        clean = sanitise(pdf)
    finally:
        pdf.close()
    processed = plan_outputs(key, len(clean), pages, width, height)
    drawn = _render_first_page(clean, processed.of_format("webp")[-1].width)
    cache_dir.mkdir(parents=True, exist_ok=True)
    resized: dict[int, Image.Image] = {}
    for variant in sorted(processed.previews, key=lambda v: -v.width):
        if variant.width not in resized:
            resized[variant.width] = drawn.resize((variant.width, variant.height), Image.Resampling.LANCZOS, reducing_gap=3.0)
        write.replace_file(cache_dir / variant.name, _encode(resized[variant.width], variant.format))
    write.replace_file(cache_dir / processed.pdf, clean)
    write.replace_file(manifest, _manifest_bytes(processed))
    return processed, False


def _render_first_page(clean: bytes, width: int) -> Image.Image:
    """Page one of the clean copy drawn ``width`` pixels wide on white, as RGB pixels with nothing attached."""
    with _PDFIUM:
        document = pypdfium2.PdfDocument(clean)
        try:
            page = document[0]
            scale = render_scale(*page.get_size(), width)
            # Forms are not even set up: the clean copy has none, and PDFium runs no script without them.
            bitmap = page.render(scale=scale, fill_color=(255, 255, 255, 255), may_draw_forms=False, draw_annots=False)
            image = bitmap.to_pil().convert("RGB")
            page.close()
        finally:
            document.close()
    image.info = {}
    return image


def _encode(image: Image.Image, fmt: str) -> bytes:
    """Encode without any metadata: no exif=, icc_profile=, xmp= or comment= is passed, so none is written."""
    buffer = io.BytesIO()
    image.save(buffer, {"webp": "WEBP"}[fmt], quality=WEBP_QUALITY)
    return buffer.getvalue()


def _outputs_present(cache_dir: Path, processed: ProcessedDocument) -> bool:
    pdf = cache_dir / processed.pdf
    return pdf.is_file() and pdf.stat().st_size == processed.size and all((cache_dir / v.name).is_file() for v in processed.previews)


def _manifest_bytes(document: ProcessedDocument) -> bytes:
    data = {
        "key": document.key,
        "pdf": document.pdf,
        "size": document.size,
        "pages": document.pages,
        "page_width": document.page_width,
        "page_height": document.page_height,
        "previews": [v.__dict__ for v in document.previews],
    }
    return json.dumps(data, sort_keys=True).encode()


def _read_manifest(path: Path, key: str) -> ProcessedDocument | None:
    """The cached outputs, or None when the manifest is missing, damaged or not what these settings make."""
    try:
        data = json.loads(path.read_bytes())
        size, pages, width, height = data["size"], data["pages"], data["page_width"], data["page_height"]
        if not (isinstance(size, int) and isinstance(pages, int) and 0 < pages <= MAX_PAGES and size > 0
                and all(isinstance(v, (int, float)) and not isinstance(v, bool) and v >= 1 for v in (width, height))):
            return None
        document = ProcessedDocument(
            key=data["key"], pdf=data["pdf"], size=size, pages=pages, page_width=width, page_height=height,
            previews=tuple(Variant(**v) for v in data["previews"]),
        )
    except (OSError, ValueError, KeyError, TypeError):
        return None
    # Anything but exactly the planned files (other names, sizes or a "../" path) means: make them again.
    return document if document == plan_outputs(key, size, pages, width, height) else None
