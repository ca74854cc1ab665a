"""generator/intake.py and the intake workflow: a submitted issue form becomes catalog files that pass the check,
its photos lose where they were taken, and hostile answers are refused or stay inert text. Offline: every
download goes through a fake GitHub, and the workflow's writing job runs against a local git remote and a
fake `gh`."""

from __future__ import annotations

import functools
import io
import json
import os
import re
import shutil
import stat
import subprocess
from pathlib import Path

import pytest
import yaml
from PIL import ExifTags, Image

from conftest import TODAY, write_catalog
from generator.__main__ import main
from generator.attachments import MAX_BYTES, DownloadError, download_attachment, find_links, is_attachment
from generator.build import check_catalog
from generator.forms import FORMS, read_form
from generator.intake import CatalogDumper, intake_issue, render_file, render_reply, write_outcome
from generator.issues import Severity
from generator.load import parse_document
from generator.metadata import location_tags, location_tags_of, orientation_of
from generator.models import Bumdes, Product

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures" / "intake"
PRODUCT_BODY = (FIXTURES / "new-product.md").read_text(encoding="utf-8")
BUMDES_BODY = (FIXTURES / "new-bumdes.md").read_text(encoding="utf-8")
PHOTO_1 = "https://github.com/user-attachments/assets/0f3c2a1e-5b6d-4e8f-9a0b-1c2d3e4f5a6b"
PHOTO_2 = "https://github.com/user-attachments/assets/7a8b9c0d-1e2f-4a3b-8c4d-5e6f7a8b9c0d"
BUMDES_PHOTO = "https://github.com/user-attachments/assets/3c9e5b7a-2d4f-4e6a-8b1c-9d0e1f2a3b4c"
STORAGE = "https://github-production-user-asset-6210df.s3.amazonaws.com"
PRODUCT_FILE = "products/bumdes-maju/teh-daun-kelor.yml"


# --- photos from a phone, served by a fake GitHub ----------------------------------------------------------


def phone_jpeg(color: tuple[int, int, int], orientation: int = 6) -> bytes:
    """A phone photo: 1200×900 stored, EXIF orientation 6 (shown 900×1200), GPS, camera and date."""
    image = Image.linear_gradient("L").resize((1200, 900)).convert("RGB")
    image = Image.blend(image, Image.new("RGB", image.size, color), 0.5)
    exif = Image.Exif()
    exif[ExifTags.Base.Orientation] = orientation
    exif[ExifTags.Base.Make] = "PhoneMaker"
    exif[ExifTags.Base.DateTime] = "2026:11:20 09:14:00"
    gps = exif.get_ifd(ExifTags.IFD.GPSInfo)
    gps[ExifTags.GPS.GPSLatitudeRef], gps[ExifTags.GPS.GPSLatitude] = "S", (0.0, 57.0, 48.2)
    gps[ExifTags.GPS.GPSLongitudeRef], gps[ExifTags.GPS.GPSLongitude] = "E", (119.0, 53.0, 31.9)
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", exif=exif, quality=88)
    return buffer.getvalue()


UPLOADS = {PHOTO_1: phone_jpeg((90, 140, 60)), PHOTO_2: phone_jpeg((160, 120, 80)), BUMDES_PHOTO: phone_jpeg((70, 90, 150))}


class FakeResponse:
    def __init__(self, status: int = 200, body: bytes = b"", headers: dict[str, str] | None = None, endless: bool = False):
        self.status, self.body, self.headers, self.endless = status, body, headers or {}, endless
        self.sent = 0

    def getheader(self, name: str, default: str | None = None) -> str | None:
        return self.headers.get(name, default)

    def read(self, amount: int) -> bytes:
        if self.endless:
            self.sent += amount
            return b"\xff" * amount
        chunk = self.body[self.sent:self.sent + amount]
        self.sent += len(chunk)
        return chunk

    def close(self) -> None:
        pass


class FakeGitHub:
    """github.com answers an attachment with a redirect to its storage bucket, which serves the bytes."""

    def __init__(self, uploads: dict[str, bytes], routes: dict[str, FakeResponse] | None = None):
        self.uploads, self.routes, self.requested = uploads, routes or {}, []

    def open(self, url: str, timeout: float) -> FakeResponse:
        assert 0 < timeout <= 20
        self.requested.append(url)
        if url in self.routes:
            return self.routes[url]
        if url in self.uploads:
            key = url.rsplit("/", 1)[1]
            return FakeResponse(302, headers={"Location": f"{STORAGE}/1234567/890-{key}.jpg?X-Amz-Expires=300&X-Amz-Signature=ab"})
        if url.startswith(STORAGE):
            key = re.search(r"/890-([0-9a-f-]+)\.jpg", url).group(1)
            data = self.uploads[f"https://github.com/user-attachments/assets/{key}"]
            return FakeResponse(200, data, {"Content-Length": str(len(data)), "Content-Type": "image/jpeg"})
        return FakeResponse(404)

    def download(self, url: str) -> tuple[bytes, str]:
        return download_attachment(url, open_url=self.open)


@pytest.fixture
def github() -> FakeGitHub:
    return FakeGitHub(dict(UPLOADS))


@pytest.fixture
def catalog(tmp_path: Path) -> Path:
    return write_catalog(tmp_path / "catalog")


def run(catalog: Path, body: str, github: FakeGitHub, kind: str = "product", issue: int = 21):
    return intake_issue(catalog, read_form(ROOT, FORMS[kind]), body, issue=issue, today=TODAY, download=github.download)


def loaded(intake) -> dict:
    """The catalog file as the generator reads it (every value text)."""
    return parse_document(Path(intake.file), intake.files[intake.file]).data


def answer(body: str, label: str, text: str) -> str:
    """``body`` with the answer under ``### label`` replaced by ``text``."""
    pattern = re.compile(rf"(### {re.escape(label)}\n\n)(.*?)(\n\n### |\n?$)", re.DOTALL)
    assert pattern.search(body), label
    return pattern.sub(lambda m: m.group(1) + text + m.group(3), body, count=1)


def scan(jpeg: bytes) -> bytes:
    return jpeg[jpeg.index(b"\xff\xda"): jpeg.rindex(b"\xff\xd9")]


# --- the recorded forms ----------------------------------------------------------------------------------


def test_a_recorded_product_form_becomes_files_that_pass_the_check(catalog, github):
    intake = run(catalog, PRODUCT_BODY, github)
    assert [f.issue.format("en") for f in intake.findings] == []
    assert intake.ready
    assert list(intake.files) == [PRODUCT_FILE, "products/bumdes-maju/teh-daun-kelor-1.jpg",
                                  "products/bumdes-maju/teh-daun-kelor-2.jpg"]
    # The check `make check` runs, on a catalog made of conftest's files plus these.
    fresh = write_catalog(catalog.parent / "fresh", {path: data for path, data in intake.files.items()})
    assert [i.format("en") for i in check_catalog(fresh, today=TODAY).issues if i.severity is not Severity.INFO] == []
    text = intake.files[PRODUCT_FILE].decode("utf-8")
    assert text.startswith("# yaml-language-server: $schema=../../schemas/product.schema.json\n# Dibuat dari isu #21 ")
    product = Product.model_validate(loaded(intake))  # every answer where the model expects it
    assert product.name == {"id": "Teh Daun Kelor", "en": "Moringa Leaf Tea"}
    assert product.summary["zh"] == "来自卡卢库布拉的辣木叶茶，茶包装。"
    assert product.description["id"].startswith("Daun kelor dipetik") and "- Kadar air diuji setiap **batch**" in product.description["id"]
    assert [(p.file, p.alt) for p in product.photos] == [
        ("teh-daun-kelor-1.jpg", {"id": "Daun kelor dijemur di para-para", "en": "Moringa leaves drying on racks"}),
        ("teh-daun-kelor-2.jpg", {"id": "Teh kelor dalam kantong celup", "en": "Moringa tea in tea bags"})]
    assert (product.hs_code, str(product.moq.quantity), product.moq.unit, product.capacity.period) == ("121190", "100", "kg", "month")
    assert (product.lead_time.min_days, product.lead_time.max_days) == (14, 21)
    assert (product.price.on_request, str(product.price.min), str(product.price.max), product.price.incoterm) == (False, "6.50", "8", "FOB")
    assert [(s.incoterm, s.place) for s in product.shipping] == [("FOB", "Pantoloan, Palu")]
    assert product.season == [1, 2, 3, 6, 7, 8, 9, 10, 11, 12]
    assert [(s.name, s.value) for s in product.specifications] == [
        ({"id": "Kadar air", "en": "Moisture"}, "≤ 8 %"), ({"id": "Ukuran potongan", "en": "Cut size"}, "2–4 mm")]
    assert product.samples.note == {"id": "Sampel 100 g; ongkos kirim ditanggung pembeli", "en": "100 g; the buyer pays the courier"}
    assert [(c.type, c.number, c.issuer, str(c.valid_until)) for c in product.certifications] == [
        ("halal", "ID72110001937620524", "bpjph", "2028-01-31")]
    assert product.markets == ["CN", "SG"] and str(product.verified) == "2026-11-20"
    assert product.storage == {"id": "Simpan di tempat kering dan sejuk"} and product.alibaba_url is None
    assert "Pak Rahman" not in text  # notes are for the maintainer, not the file


def test_the_photos_lose_their_location_and_keep_orientation_and_pixels(catalog, github):
    intake = run(catalog, PRODUCT_BODY, github)
    for path, url in (("products/bumdes-maju/teh-daun-kelor-1.jpg", PHOTO_1), ("products/bumdes-maju/teh-daun-kelor-2.jpg", PHOTO_2)):
        original = UPLOADS[url]
        assert location_tags_of(original) == ["GPSLatitude", "GPSLatitudeRef", "GPSLongitude", "GPSLongitudeRef"]
        written = catalog / path  # what the check read, and what the pull request commits
        assert written.read_bytes() == intake.files[path]
        assert location_tags(written) == []
        with Image.open(written) as photo:
            exif = photo.getexif()
            assert exif[ExifTags.Base.Orientation] == 6 and dict(exif.get_ifd(ExifTags.IFD.GPSInfo)) == {}
            assert ExifTags.Base.Make not in exif and ExifTags.Base.DateTime not in exif
            assert photo.size == (1200, 900)
        assert orientation_of(written.read_bytes()) == 6
        assert scan(written.read_bytes()) == scan(original)  # the same compressed pixels: nothing re-encoded
    assert dict(intake.photos)["products/bumdes-maju/teh-daun-kelor-1.jpg"] == (
        "GPSLatitude", "GPSLatitudeRef", "GPSLongitude", "GPSLongitudeRef")
    assert github.requested[:2] == [PHOTO_1, f"{STORAGE}/1234567/890-0f3c2a1e-5b6d-4e8f-9a0b-1c2d3e4f5a6b.jpg?X-Amz-Expires=300&X-Amz-Signature=ab"]


def test_a_recorded_bumdes_form_becomes_a_folder_that_passes_the_check(catalog, github):
    intake = run(catalog, BUMDES_BODY, github, kind="bumdes", issue=7)
    assert [f.issue.format("en") for f in intake.findings] == [] and intake.ready
    folder = "products/bumdes-sejahtera-kalukubula"
    assert list(intake.files) == [f"{folder}/bumdes.yml", f"{folder}/bumdes-sejahtera-kalukubula-1.jpg"]
    fresh = write_catalog(catalog.parent / "fresh", dict(intake.files))
    assert [i.format("en") for i in check_catalog(fresh, today=TODAY).issues if i.severity is not Severity.INFO] == []
    assert location_tags(fresh / folder / "bumdes-sejahtera-kalukubula-1.jpg") == []
    bumdes = Bumdes.model_validate(loaded(intake))
    assert (bumdes.id, bumdes.nib, bumdes.village, bumdes.founded, bumdes.agent) == (
        "bumdes-sejahtera-kalukubula", "0120004567890", "72.10.01.2009", 2020, None)
    # Formatted as people write catalog files: codes in double quotes, paragraphs in a block, lists indented.
    assert intake.files[f"{folder}/bumdes.yml"].decode("utf-8") == '''\
# yaml-language-server: $schema=../../schemas/bumdes.schema.json
# Dibuat dari isu #7 dengan formulir "BUMDes baru / New BUMDes". · Made from issue #7 with that form.
id: bumdes-sejahtera-kalukubula
name:
  id: BUMDes Sejahtera Kalukubula
  en: Sejahtera Village Enterprise, Kalukubula
legal_name: BUM Desa Sejahtera
nib: "0120004567890"
village: "72.10.01.2009"
founded: "2020"
description:
  id: |
    BUM Desa Sejahtera di Desa Kalukubula, Kecamatan Sigi Biromaru, Kabupaten Sigi, mengolah kelor dan kopi warga.

    Gudang kami sekitar 1 jam dari Pelabuhan Pantoloan.
  en: Sejahtera, in Kalukubula village, Sigi regency, processes its farmers' moringa and coffee.
photos:
  - file: bumdes-sejahtera-kalukubula-1.jpg
    alt:
      id: Rumah produksi desa
      en: The village production house
'''


def test_windows_line_endings_read_the_same(catalog, github):
    crlf = run(catalog, PRODUCT_BODY.replace("\n", "\r\n"), github)
    assert crlf.ready and b"\r" not in crlf.files[PRODUCT_FILE]


def test_the_outcome_for_the_writing_job(catalog, github, tmp_path):
    intake = run(catalog, PRODUCT_BODY, github)
    out = tmp_path / "out"
    write_outcome(out, intake)
    result = json.loads((out / "result.json").read_text(encoding="utf-8"))
    assert result == {"form": "product", "issue": 21, "ready": True, "files": list(intake.files), "problems": []}
    request = out / "pull-request"
    assert (request / "title.txt").read_text(encoding="utf-8") == f"Produk baru / New product: {PRODUCT_FILE}\n"
    body = (request / "body.md").read_text(encoding="utf-8")
    assert "\nCloses #21\n" in body and f"- `{PRODUCT_FILE}`" in body
    assert (request / "commit.txt").read_text(encoding="utf-8").startswith(f"Produk baru / New product: {PRODUCT_FILE}\n\n")
    assert sorted(str(p.relative_to(request / "files")) for p in (request / "files").rglob("*") if p.is_file()) == sorted(intake.files)
    reply = (out / "reply.md").read_text(encoding="utf-8")
    assert reply.startswith("## ✅ Siap ditinjau · Ready for review\n")
    assert "`products/bumdes-maju/teh-daun-kelor-1.jpg` — lokasi dihapus · location removed (GPSLatitude" in reply


# --- problems go back to the question to fix ---------------------------------------------------------------


def test_the_reply_names_each_problem_under_the_question_to_fix(catalog, github, tmp_path):
    body = answer(PRODUCT_BODY, "Kode HS / HS code", "12119")
    body = answer(body, "Pesanan minimum, jumlah / Minimum order, quantity", "1.000")
    body = answer(body, "Harga atas permintaan? / Price on request?", "Ya / Yes")  # but a price is given too
    body = answer(body, "Sertifikat / Certificates", "halal; ID72110001937620524; BPJPH; 2028-01-31\nhalal tanpa nomor")
    body = body.replace("Teh kelor dalam kantong celup / Moringa tea in tea bags", "")  # the second photo says nothing
    intake = run(catalog, body, github)
    assert not intake.ready
    out = tmp_path / "out"
    write_outcome(out, intake)
    assert not (out / "pull-request").exists()
    rows = json.loads((out / "result.json").read_text(encoding="utf-8"))["problems"]
    assert [(row["label"], row["item"], row["severity"], row["code"]) for row in rows] == [
        ("Foto / Photos", 2, "error", "schema.missing"),
        ("Kode HS / HS code", None, "error", "intake.pattern_hs"),
        ("Pesanan minimum, jumlah / Minimum order, quantity", None, "error", "schema.ambiguous_number"),
        ("Harga atas permintaan? / Price on request?", None, "error", "intake.price_extra"),
        ("Sertifikat / Certificates", 2, "error", "intake.line"),
    ]
    assert rows[1]["message"]["id"].startswith("'`12119`' bukan kode HS")
    assert rows[1]["message"]["en"].startswith("'`12119`' is not an HS code")
    reply = (out / "reply.md").read_text(encoding="utf-8")
    assert reply.startswith("## ❌ Perlu diperbaiki · Needs fixing\n\n5 galat, 0 peringatan. Buka menu **⋯** di isu ini → **Edit**")
    assert ("\n### Kode HS / HS code\n\n- **❌ galat**: '`12119`' bukan kode HS (4, 6, 8, 9 atau 10 digit, "
            "mis. 121190)  \n  *error: '`12119`' is not an HS code") in reply  # no advice to quote: a form has no YAML
    assert "\n### Foto / Photos\n\n- **❌ galat** (Foto 2): wajib diisi (tambahkan kolom ini)  \n  *error (photo 2): required" in reply
    assert "- **❌ galat** (Baris 2): baris '`halal tanpa nomor`' tidak ditulis seperti" in reply
    assert "### Berkas · Files" in reply  # the files were made and checked; they are listed, not proposed
    assert "belum bisa diperiksa seluruhnya" not in reply  # and this list is the whole of it


def test_a_problem_of_the_file_as_a_whole_has_its_own_section(catalog, github, tmp_path):
    body = answer(PRODUCT_BODY, "ID produk / Product id", "kelor-powder")  # conftest's product: the id is taken
    intake = run(catalog, body, github)
    assert [(f.field, f.issue.code) for f in intake.findings] == [("id", "intake.exists")]
    assert intake.files == {} and not intake.ready
    # The rest was checked under a stand-in id (and found fine), so the reply does not say more may follow,
    # and the stand-in's file is gone.
    assert intake.checked and "belum bisa diperiksa seluruhnya" not in render_reply(intake)
    assert not list(catalog.glob("products/*/*periksa*"))


def test_a_taken_or_malformed_id_does_not_hide_the_other_answers_problems(catalog, github):
    """One round of fixes, not two: the id's problem and the rest's are said together."""
    for label, value, code in (("ID produk / Product id", "kelor-powder", "intake.exists"),
                               ("ID produk / Product id", "Teh Daun Kelor", "intake.bad_id")):
        body = answer(answer(PRODUCT_BODY, label, value), "Kode HS / HS code", "12119")
        intake = run(catalog, body, github)
        assert {(f.field, f.issue.code) for f in intake.findings} == {("id", code), ("hs_code", "intake.pattern_hs")}
        assert intake.files == {} and not intake.ready  # its photos were fetched to be checked too, then removed
    said = next(f for f in intake.findings if f.field == "id").issue.message("id")
    assert said.startswith("'Teh Daun Kelor' bukan id yang valid (huruf kecil, angka dan tanda hubung tunggal: tulis teh-daun-kelor)")
    assert not list(catalog.glob("products/*/teh-daun-kelor*")) and not list(catalog.glob("products/*/*periksa*"))


def test_a_reply_says_more_may_follow_when_nothing_could_be_checked(catalog, github):
    intake = run(catalog, answer(PRODUCT_BODY, "ID BUMDes / BUMDes id", "bumdes-tidak-ada"), github)
    assert not intake.checked and "belum bisa diperiksa seluruhnya" in render_reply(intake)
    assert "could not be checked in full yet" in render_reply(intake)


def test_a_bumdes_named_by_its_name_is_read_as_its_id_and_every_other_mistake_is_still_found(catalog, github):
    body = answer(answer(PRODUCT_BODY, "ID BUMDes / BUMDes id", "BUMDes Maju"), "Kode HS / HS code", "1211.90")
    body = answer(body, "Pesanan minimum, jumlah / Minimum order, quantity", "1.000")
    intake = run(catalog, body, github)
    assert PRODUCT_FILE in intake.files  # the file is made in the BUMDes's folder
    found = {(f.field, f.issue.code, f.issue.severity) for f in intake.findings}
    assert ("bumdes", "intake.bumdes_by_name", Severity.INFO) in found
    assert ("hs_code", "intake.read_as", Severity.INFO) in found  # 1211.90 is 121190
    assert ("moq_quantity", "schema.ambiguous_number", Severity.ERROR) in found  # in the same round, not the next
    # Information, not a warning: it needs no fixing, so it does not ask for it round after round.
    assert " galat, 0 peringatan." in render_reply(intake)
    said = next(f for f in intake.findings if f.field == "bumdes").issue.message("id")
    assert said == "'BUMDes Maju' dibaca sebagai BUMDes bumdes-maju (lain kali tulis id-nya, ujung alamat halamannya: …/bumdes/bumdes-maju/)"


def test_a_product_without_photos_is_made_with_a_warning_that_says_how_to_add_them(catalog, github, tmp_path):
    intake = run(catalog, answer(PRODUCT_BODY, "Foto / Photos", "_No response_"), github)
    assert [(f.field, f.issue.code, f.issue.severity) for f in intake.findings] == [("photos", "intake.no_photo", Severity.WARNING)]
    assert intake.ready and list(intake.files) == [PRODUCT_FILE]  # allowed: a warning, not an error
    write_outcome(tmp_path / "out", intake)
    assert "sunting isu ini dan tambahkan foto" in (tmp_path / "out" / "reply.md").read_text(encoding="utf-8")


@pytest.mark.parametrize(("written", "read"), [("3301.29", "330129"), ('"330129"', "330129"), ("1211 90 00", "12119000")])
def test_an_hs_code_written_with_dots_spaces_or_quotes_is_read_as_its_digits(catalog, github, written, read):
    intake = run(catalog, answer(PRODUCT_BODY, "Kode HS / HS code", written), github)
    assert [(f.field, f.issue.code, f.issue.severity) for f in intake.findings] == [("hs_code", "intake.read_as", Severity.INFO)]
    assert f"hs_code: '{read}'" in intake.files[PRODUCT_FILE].decode() or f'hs_code: "{read}"' in intake.files[PRODUCT_FILE].decode()


@pytest.mark.parametrize(("question", "written", "read"), [
    ("NIB / Business registration number (NIB)", "1250-0188-26417", "1250018826417"),
    ("NIB / Business registration number (NIB)", '"0120004567890"', "0120004567890"),
    ("NIB / Business registration number (NIB)", "“0120004567890”", "0120004567890"),
    ("Kode desa Kemendagri / Kemendagri village code", '"72.10.01.2009"', "72.10.01.2009"),
    ("Kode desa Kemendagri / Kemendagri village code", "“72.10.01.2009”", "72.10.01.2009"),
    ("Kode desa Kemendagri / Kemendagri village code", "7210012009", "72.10.01.2009"),
    ("Kode desa Kemendagri / Kemendagri village code", "72 10 01 2009", "72.10.01.2009"),
])
def test_a_bumdes_code_written_with_quotes_or_separators_is_read_as_the_file_writes_it(catalog, github, question, written, read):
    """The check's advice for files ("in quotes") must not send a form's answer round in a loop: quoted,
    hyphenated or undotted, the code is read, said so, and nothing else is wrong."""
    intake = run(catalog, answer(BUMDES_BODY, question, written), github, kind="bumdes", issue=7)
    assert [(f.issue.code, f.issue.severity) for f in intake.findings] == [("intake.read_as", Severity.INFO)]
    assert intake.findings[0].issue.message("id") == f"'{written}' dibaca sebagai {read}"
    assert f'"{read}"' in intake.files["products/bumdes-sejahtera-kalukubula/bumdes.yml"].decode("utf-8")


def test_a_code_with_the_wrong_number_of_digits_is_left_for_the_check_to_explain(catalog, github):
    intake = run(catalog, answer(BUMDES_BODY, "NIB / Business registration number (NIB)", '"012000456789"'), github, kind="bumdes", issue=7)
    assert [(f.field, f.issue.code, f.issue.message("id")) for f in intake.findings] == [
        ("nib", "intake.pattern_nib", "'012000456789' bukan NIB (13 digit, seperti di sertifikat NIB)")]  # no quotes: a form has none


@pytest.mark.parametrize("written", ["-", "–", "—", "tidak ada"])
def test_a_dash_or_tidak_ada_in_a_question_to_leave_empty_is_no_answer(catalog, github, written):
    intake = run(catalog, answer(PRODUCT_BODY, "Masa simpan (bulan) / Shelf life (months)", written), github)
    assert [f.issue.code for f in intake.findings] == [] and intake.ready
    assert "shelf_life_months" not in intake.files[PRODUCT_FILE].decode("utf-8")


@pytest.mark.parametrize("written", ["BUMDes Majuu", "bumdes-maj", "Maju"])
def test_a_bumdes_not_found_names_the_ids_it_may_have_meant(catalog, github, written):
    intake = run(catalog, answer(PRODUCT_BODY, "ID BUMDes / BUMDes id", written), github)
    assert [(f.field, f.issue.code) for f in intake.findings] == [("bumdes", "intake.bumdes_unknown")]
    assert "did you mean bumdes-maju?" in intake.findings[0].issue.message("en")
    assert intake.files == {} and github.requested == []


def test_a_bumdes_answer_with_an_invisible_character_is_still_checked_as_an_id(catalog, github):
    intake = run(catalog, answer(PRODUCT_BODY, "ID BUMDes / BUMDes id", "Desa\u200bku Jaya!"), github)
    codes = [(f.field, f.issue.code) for f in intake.findings]
    assert ("bumdes", "load.invisible") in codes and ("bumdes", "scaffold.bad_id") in codes
    assert intake.files == {}


def test_a_product_of_a_bumdes_not_in_the_catalog_is_refused_with_the_way_forward(catalog, github):
    intake = run(catalog, answer(PRODUCT_BODY, "ID BUMDes / BUMDes id", "bumdes-baru"), github)
    assert [(f.field, f.issue.code) for f in intake.findings] == [("bumdes", "intake.no_bumdes")]
    assert "send the form 'BUMDes baru / New BUMDes' first" in intake.findings[0].issue.message("en")
    assert not (catalog / "products/bumdes-baru").exists() and github.requested == []


def test_an_existing_bumdes_is_not_overwritten(catalog, github):
    body = answer(BUMDES_BODY, "ID BUMDes / BUMDes id", "bumdes-maju")
    before = (catalog / "products/bumdes-maju/bumdes.yml").read_bytes()
    intake = run(catalog, body, github, kind="bumdes")
    assert [(f.field, f.issue.code) for f in intake.findings] == [("id", "intake.exists")]
    assert (catalog / "products/bumdes-maju/bumdes.yml").read_bytes() == before


def test_the_consent_box_and_the_choices_are_required_as_offered(catalog, github):
    body = PRODUCT_BODY.replace("- [X] BUMDes setuju", "- [ ] BUMDes setuju")
    body = answer(body, "Kategori / Category", "kelor")
    body = answer(body, "Harga atas permintaan? / Price on request?", "mungkin")
    body = body.replace("- [X] 3 – Maret / March", "- [X] 13 – Smarch")
    intake = run(catalog, body, github)
    assert [(f.field, f.issue.code) for f in intake.findings if f.issue.path == "issue"] == [
        ("category", "intake.choice"), ("price_on_request", "intake.choice"), ("season", "intake.choice"), ("confirm", "intake.consent")]
    # A refused dropdown answer is said once, not again as "required" by the check.
    assert [(f.field, f.issue.code) for f in intake.findings if f.field == "category"] == [("category", "intake.choice")]
    assert not intake.ready


def test_a_price_problem_names_the_questions_to_fill_in_or_to_empty(catalog, github):
    """No loop between "Ya" and "Tidak": the reply says which answers are missing, or which to empty."""
    missing = run(catalog, answer(PRODUCT_BODY, "Incoterm harga / Incoterm of the price", "_No response_"), github)
    said = [(f.field, f.issue.code, f.issue.message("id")) for f in missing.findings if f.issue.severity is Severity.ERROR]
    assert said == [("price_on_request", "intake.price_missing", "harga yang bukan atas permintaan perlu jawaban ini juga: "
                     "“Incoterm harga / Incoterm of the price” (atau jawab Ya / Yes pada “harga atas permintaan”)")]
    body = answer(PRODUCT_BODY, "ID produk / Product id", "teh-kelor-lain")  # the first run's file is in the catalog now
    extra = run(catalog, answer(body, "Harga atas permintaan? / Price on request?", "Ya / Yes"), github)
    said = [(f.field, f.issue.code) for f in extra.findings if f.issue.severity is Severity.ERROR]
    assert said == [("price_on_request", "intake.price_extra")]
    for question in ("Harga terendah per satuan / Lowest price per unit", "Mata uang / Currency", "Incoterm harga / Incoterm of the price"):
        assert question in extra.findings[0].issue.message("id")


@pytest.mark.parametrize(("written", "number"), [
    ("Hubungi Ibu Sari 0812-3456-7890 untuk contoh.", "0812-3456-7890"), ("WA +62 812 3456 7890", "+62 812 3456 7890"),
    ("Kapasitas 2500 kg per bulan sejak 2019.", None), ("Kode HS 0306.33 dan 12119000.", None),
])
def test_a_phone_number_in_a_published_text_gets_a_warning(catalog, github, written, number):
    intake = run(catalog, answer(PRODUCT_BODY, "Deskripsi (Indonesia) / Description (Indonesian)", written), github)
    warned = [f.issue.message("id") for f in intake.findings if f.issue.code == "intake.phone_in_text"]
    assert warned == ([f"'{number}' tampak seperti nomor telepon: isu dan katalog bisa dibaca siapa saja "
                       "(hapus, kecuali memang untuk umum; pembeli menghubungi dealer lewat katalog)"] if number else [])
    assert intake.ready  # a warning: said, never blocking


def test_the_reply_speaks_of_the_form_not_of_the_file(catalog, github):
    """No site_config.yml, no YAML key to add: the choices to make and the question to answer."""
    body = answer(PRODUCT_BODY, "Sertifikat / Certificates", "halal; ID123; MUI; 2028-01-31")
    body = answer(body, "Nomor registrasi GACC / GACC registration number", "_No response_")
    intake = run(catalog, body, github)
    said = {(f.field, f.issue.code): f.issue.message("id") for f in intake.findings}
    assert said[("certifications", "intake.unknown_term")].startswith("'mui' bukan pilihan yang dikenal katalog di sini (pilih salah satu: ")
    assert ("gacc_registration", "intake.gacc_for_china") in said
    assert not any("site_config" in text or "gacc_registration'" in text for text in said.values()), said


def test_a_list_answers_problems_are_numbered_by_the_line_the_person_wrote(catalog, github):
    """Line 1 does not read; line 2 reads but names an issuer the catalog lacks: both are said at their own line."""
    lines = "Halal MUI no 123\nhalal; ID123; LPPOM; 2028-01-31"
    intake = run(catalog, answer(PRODUCT_BODY, "Sertifikat / Certificates", lines), github)
    found = [(f.field, f.item, f.issue.code) for f in intake.findings if f.field == "certifications"]
    assert ("certifications", 0, "intake.line") in found
    assert any(item == 1 and code != "intake.line" for _, item, code in found), found  # the issuer, on line 2


@pytest.mark.parametrize(("question", "written"), [
    ("Harga atas permintaan? / Price on request?", "tidak"), ("Harga atas permintaan? / Price on request?", "No"),
    ("Kategori / Category", "MORINGA"), ("Incoterm pengiriman / Shipping Incoterm", "fob"),
])
def test_a_dropdown_answer_retyped_while_editing_the_issue_is_read_as_the_option_it_names(catalog, github, question, written):
    """Editing an issue shows its answers as plain text: "tidak" for "Tidak / No", "fob" for "FOB"."""
    intake = run(catalog, answer(PRODUCT_BODY, question, written), github)
    assert [f.issue.code for f in intake.findings if f.issue.severity is Severity.ERROR] == [] and intake.ready


# --- hostile answers ---------------------------------------------------------------------------------------


SHELL = "Kelor $(touch /tmp/intake-pwned) `touch /tmp/intake-pwned` ; rm -rf / && echo $HOME | cat > x' \""
"""Shell metacharacters and command substitution: valid catalog text, so it must be kept as text, inert."""


def text_labels(kind: str) -> list[str]:
    form = read_form(ROOT, FORMS[kind])
    return [form.label(f.id) for f in FORMS[kind].fields if f.reading.value in ("text", "long") and f.id != "id"]


def test_shell_metacharacters_in_every_text_answer_stay_text(catalog, github):
    body = PRODUCT_BODY
    labels = text_labels("product")
    for label in labels:
        body = answer(body, label, SHELL)
    intake = run(catalog, body, github)
    data = loaded(intake)
    values = [data["name"]["id"], data["name"]["en"], data["summary"]["id"], data["description"]["id"], data["hs_code"],
              data["moq"]["quantity"], data["shipping"][0]["place"], data["packaging"]["id"], data["verified"],
              data["gacc_registration"], data["alibaba_url"], data["samples"]["note"]["en"]]
    assert values == [SHELL] * len(values)  # exactly what was typed, nothing run, nothing lost
    assert set(data) <= set(Product.model_fields)
    assert not Path("/tmp/intake-pwned").exists()
    codes = {(f.field, f.issue.code) for f in intake.findings}
    assert ("hs_code", "intake.pattern_hs") in codes and ("verified", "schema.date") in codes
    assert ("moq_quantity", "schema.number") in codes and ("alibaba_url", "schema.url") in codes
    assert all(f.field for f in intake.findings)  # every problem is under a question


def test_shell_metacharacters_in_every_answer_are_refused_or_inert(catalog, github, tmp_path):
    form = read_form(ROOT, FORMS["product"])
    body = PRODUCT_BODY
    for element in form.elements:
        body = answer(body, element.label, SHELL)
    intake = run(catalog, body, github)
    found = {(f.field, f.issue.code) for f in intake.findings}
    assert {("id", "intake.bad_id"), ("bumdes", "scaffold.bad_id"), ("category", "intake.choice"),
            ("price_on_request", "intake.choice"), ("season", "intake.choice"), ("confirm", "intake.consent"),
            ("confirm", "intake.choice")} <= found
    assert intake.files == {} and github.requested == [] and not Path("/tmp/intake-pwned").exists()
    write_outcome(tmp_path / "out", intake)
    reply = (tmp_path / "out" / "reply.md").read_text(encoding="utf-8")
    # Quoted in code spans longer than any backtick run inside, so nothing in them is Markdown.
    assert "- **❌ galat**: '``Kelor $(touch /tmp/intake-pwned) `touch /tmp/intake-pwned` …``' bukan id yang valid" in reply
    assert not (tmp_path / "out" / "pull-request").exists()


@pytest.mark.parametrize("hostile", [
    "Kelor\nverified: 2020-01-01\nid: evil\ncategory: seafood",  # a YAML key smuggled into an answer
    "!!python/object/apply:os.system [\"touch /tmp/intake-pwned\"]",
    "&anchor kelor",
    "*anchor",
    "key: value\nother_key:",
    "- a list\n- of items",
    "{category: seafood}",
    "'single' \"double\" \\ \\n # not a comment",
    "null",
    "<script>alert(1)</script><img src=x onerror=alert(1)>",
    "::error file=products/bumdes-maju/kelor-powder.yml::forged\n::add-mask::x\n::stop-commands::t",
    "@maintainers #1 https://evil.example/x.jpg ![x](https://evil.example/y.png)",
])
def test_yaml_injection_and_markup_stay_inert_text(catalog, github, hostile):
    body = answer(PRODUCT_BODY, "Nama produk (Inggris) / Product name (English)", hostile)
    body = answer(body, "Deskripsi (Inggris) / Description (English)", hostile)
    intake = run(catalog, body, github)
    data = loaded(intake)
    expected = hostile.strip()
    assert data["name"]["en"].strip() == expected and data["description"]["en"].strip() == expected
    assert (data["id"], data["category"], data["verified"]) == ("teh-daun-kelor", "moringa", "2026-11-20")
    assert set(data) <= set(Product.model_fields)
    document = parse_document(Path(intake.file), intake.files[intake.file])
    assert document.problems == ()  # no tag, anchor or alias was written: load.py reads it all as text
    assert not Path("/tmp/intake-pwned").exists()
    for finding in intake.findings:  # whatever the check says is about the answers that were changed
        assert finding.field in ("name_en", "description_en"), finding.issue.format("en")


def test_an_id_that_would_leave_the_folder_is_refused_and_nothing_is_written(catalog, github):
    def written() -> list[str]:  # the check's own cache (.cache/, git-ignored build state) aside
        return sorted(str(p) for p in catalog.rglob("*") if ".cache" not in p.relative_to(catalog).parts)

    before = written()
    for label, value in [("ID produk / Product id", "../../.github/workflows/evil"),
                         ("ID produk / Product id", "kelor; rm -rf ~"),
                         ("ID BUMDes / BUMDes id", "bumdes-maju/../../.github"),
                         ("ID BUMDes / BUMDes id", "$(id)")]:
        intake = run(catalog, answer(PRODUCT_BODY, label, value), github)
        # Refused as an id (the rest checked under the id it could be, then removed), or as a BUMDes the
        # catalog lacks (with the real ones it may have meant).
        assert [f.issue.code for f in intake.findings] in (["intake.bad_id"], ["scaffold.bad_id"], ["intake.bumdes_unknown"])
        assert intake.files == {} and not intake.ready
    assert written() == before  # photos fetched for the check were removed with the stand-in file


def test_an_answer_that_repeats_a_question_is_refused(catalog, github):
    forged = "Teh Daun Kelor\n\n### Kode HS / HS code\n\n0901"
    intake = run(catalog, answer(PRODUCT_BODY, "Nama produk (Inggris) / Product name (English)", forged), github)
    assert ("hs_code", "intake.heading_twice") in {(f.field, f.issue.code) for f in intake.findings}
    assert not intake.ready
    missing = run(catalog, PRODUCT_BODY.replace("### Kode HS / HS code", "### HS"), github)
    assert ("hs_code", "intake.heading_missing") in {(f.field, f.issue.code) for f in missing.findings}


def test_invisible_characters_are_reported_under_their_question(catalog, github):
    intake = run(catalog, answer(PRODUCT_BODY, "Nama produk (Inggris) / Product name (English)", "Moringa\u202eaet"), github)
    assert [(f.field, f.issue.code, dict(f.issue.values)) for f in intake.findings] == [
        ("name_en", "load.invisible", {"character": "U+202E RIGHT-TO-LEFT OVERRIDE"})]


def test_workflow_commands_in_answers_never_reach_the_log_as_commands(tmp_path, monkeypatch, capsys):
    catalog = write_catalog(tmp_path / "catalog")
    shutil.copytree(ROOT / ".github", catalog / ".github")
    forged = "x\n::error file=products/bumdes-maju/bumdes.yml,line=1::forged\n::stop-commands::tok\n::add-mask::x"
    body = PRODUCT_BODY
    for label in text_labels("product"):
        body = answer(body, label, forged)
    body = answer(body, "Foto / Photos", "::error::x https://evil.example/::warning::.jpg")
    (tmp_path / "issue.md").write_text(body, encoding="utf-8")
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    assert main(["--root", str(catalog), "--today", TODAY.isoformat(), "intake", "--form", "product",
                 "--body", str(tmp_path / "issue.md"), "--issue", "21", "--out", str(tmp_path / "out")]) == 0
    lines = capsys.readouterr().out.splitlines()
    commands = [line for line in lines if line.startswith("::")]
    assert commands and all(re.match(r"::(error|warning|notice) file=[^:,]+,line=[0-9]+,col=[0-9]+::", line) for line in commands)
    assert not any(line.startswith(("::stop-commands", "::add-mask", "::error file=products/bumdes-maju/bumdes.yml"))
                   for line in lines)
    reply = (tmp_path / "out" / "reply.md").read_text(encoding="utf-8")
    assert "\n::" not in reply  # a comment is not a log, but nothing forged starts a line there either


# --- attachments ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize("url", [
    "https://evil.example/photo.jpg",
    "https://github.com.evil.example/user-attachments/assets/0f3c2a1e-5b6d-4e8f-9a0b-1c2d3e4f5a6b",
    "https://evil.example/github.com/user-attachments/assets/0f3c2a1e-5b6d-4e8f-9a0b-1c2d3e4f5a6b",
    "https://githubusercontent.com.evil.example/1/photo.jpg",
    "https://user-images.githubusercontent.com.evil.example/1/photo.jpg",
    "http://github.com/user-attachments/assets/0f3c2a1e-5b6d-4e8f-9a0b-1c2d3e4f5a6b",
    "https://user@github.com/user-attachments/assets/0f3c2a1e-5b6d-4e8f-9a0b-1c2d3e4f5a6b",
    "https://github.com:8443/user-attachments/assets/0f3c2a1e-5b6d-4e8f-9a0b-1c2d3e4f5a6b",
    "https://github.com/user-attachments/assets/0f3c2a1e-5b6d-4e8f-9a0b-1c2d3e4f5a6b/../../../login",
    "https://github.com/evil/repo/raw/main/photo.jpg",
    "https://gіthub.com/user-attachments/assets/0f3c2a1e-5b6d-4e8f-9a0b-1c2d3e4f5a6b",  # a Cyrillic і
    "//github.com/user-attachments/assets/0f3c2a1e-5b6d-4e8f-9a0b-1c2d3e4f5a6b",
    "file:///etc/passwd",
])
def test_a_photo_not_on_githubs_attachment_hosts_is_never_fetched(catalog, github, url):
    assert not is_attachment(url)
    body = answer(PRODUCT_BODY, "Foto / Photos", f"![IMG_1]({url})\nKelor / Moringa")
    intake = run(catalog, body, github)
    assert [(f.field, f.item, f.issue.code) for f in intake.findings if f.issue.path == "issue"] == [("photos", 0, "intake.photo_host")]
    assert github.requested == [] and not intake.ready


def test_githubs_attachment_addresses_are_recognised():
    assert is_attachment(PHOTO_1)
    assert is_attachment("https://user-images.githubusercontent.com/36594527/113089302-1c41e500-9233-11eb-847e-620fef04cc1b.png")
    assert is_attachment("https://private-user-images.githubusercontent.com/159260193/339040495-05c3fa03.jpg?jwt=eyJhbGci")
    text = ('<img width="1200" alt="Image" src="https://github.com/user-attachments/assets/a" />\n![x](https://b.example/c "t")'
            "\n[link](https://d.example/) https://e.example/f. //g.example/h")
    assert [link.url for link in find_links(text)] == ["https://github.com/user-attachments/assets/a", "https://b.example/c",
                                                       "https://d.example/", "https://e.example/f", "//g.example/h"]


@pytest.mark.parametrize("location", [
    "https://evil.example/photo.jpg",
    "https://github-production-user-asset-6210df.s3.amazonaws.com.evil.example/1/2.jpg",
    "http://github-production-user-asset-6210df.s3.amazonaws.com/1/2.jpg",
    "//evil.example/photo.jpg",
])
def test_a_redirect_away_from_githubs_storage_is_not_followed(catalog, location):
    github = FakeGitHub({}, {PHOTO_1: FakeResponse(302, headers={"Location": location})})
    with pytest.raises(DownloadError) as refused:
        github.download(PHOTO_1)
    assert refused.value.code == "intake.photo_redirect"
    assert github.requested == [PHOTO_1]


def test_redirects_are_limited():
    loop = f"{STORAGE}/1/loop.jpg"
    github = FakeGitHub({}, {PHOTO_1: FakeResponse(302, headers={"Location": loop}), loop: FakeResponse(302, headers={"Location": loop})})
    with pytest.raises(DownloadError) as refused:
        github.download(PHOTO_1)
    assert (refused.value.code, refused.value.values) == ("intake.photo_download", {"problem": "too many redirects"})
    assert len(github.requested) == 4


def test_an_oversized_download_is_stopped(catalog):
    announced = FakeResponse(200, b"", {"Content-Length": str(30_000_000)})
    github = FakeGitHub({}, {PHOTO_1: announced})
    with pytest.raises(DownloadError) as refused:
        github.download(PHOTO_1)
    assert refused.value.code == "intake.photo_too_big" and announced.sent == 0  # refused before reading
    endless = FakeResponse(200, endless=True)  # no length said, bytes without end
    github = FakeGitHub({}, {PHOTO_1: endless})
    intake = run(catalog, PRODUCT_BODY, github)
    assert ("photos", 0, "intake.photo_too_big") in {(f.field, f.item, f.issue.code) for f in intake.findings}
    assert endless.sent == MAX_BYTES + 1  # read one byte past the limit, and no more


@pytest.mark.parametrize("payload, code", [
    (b"<!DOCTYPE html><html><body>Sign in to GitHub</body></html>", "intake.photo_format"),
    (b"GIF89a\x01\x00\x01\x00\x00\x00\x00;", "intake.photo_format"),
    (b"%PDF-1.7\n", "intake.photo_format"),
    (b"\xff\xd8\xff\xe0" + b"not really a jpeg" * 100, "intake.photo_damaged"),
    (UPLOADS[PHOTO_1][:3000], "intake.photo_damaged"),  # cut off
])
def test_a_non_image_behind_an_image_link_is_refused(catalog, payload, code):
    github = FakeGitHub({}, {PHOTO_1: FakeResponse(200, payload, {"Content-Type": "image/jpeg"})})
    github.routes[PHOTO_2] = FakeResponse(200, UPLOADS[PHOTO_2])
    intake = run(catalog, PRODUCT_BODY, github)
    assert [(f.field, f.item, f.issue.code) for f in intake.findings if f.issue.path == "issue"] == [("photos", 0, code)]
    assert "products/bumdes-maju/teh-daun-kelor-1.jpg" not in intake.files
    assert "products/bumdes-maju/teh-daun-kelor-2.jpg" in intake.files and not intake.ready


def test_a_photo_is_named_by_its_place_in_the_answer_also_after_one_failed(catalog):
    github = FakeGitHub(dict(UPLOADS), {PHOTO_1: FakeResponse(404)})
    body = PRODUCT_BODY.replace("Teh kelor dalam kantong celup / Moringa tea in tea bags", "")
    intake = run(catalog, body, github)
    assert [(f.field, f.item, f.issue.code) for f in intake.findings] == [
        ("photos", 0, "intake.photo_download"), ("photos", 1, "schema.missing")]  # photo 2 of the answer, the file's first
    assert list(intake.files)[1:] == ["products/bumdes-maju/teh-daun-kelor-2.jpg"]


def test_a_failed_download_is_reported_for_its_photo(catalog):
    def unreachable(url, timeout):
        raise TimeoutError("timed out")

    intake = intake_issue(catalog, read_form(ROOT, FORMS["product"]), PRODUCT_BODY, issue=21, today=TODAY,
                          download=functools.partial(download_attachment, open_url=unreachable))
    assert [(f.item, f.issue.code, dict(f.issue.values)) for f in intake.findings if f.issue.path == "issue"] == [
        (0, "intake.photo_download", {"problem": "timeout"}), (1, "intake.photo_download", {"problem": "timeout"})]


# --- the YAML emitter ------------------------------------------------------------------------------------------


@pytest.mark.parametrize("text", ["121190", "0812", "1.000", "72.10.01.2009", "2026-11-20", "true", "no", "null", "~", "",
                                  "- item", "# comment", "key: value", "[a, b]", "{a: b}", "@x", "`x`", "%YAML", "!tag",
                                  "&a", "*a", "'quoted'", '"quoted"', "a \\ b", " leading", "trailing ", "line\nbreak",
                                  "tab\there", "kelor, moringa", "中文 text", "end with colon:", "? key"])
def test_every_text_is_written_so_it_reads_back_as_the_same_text(text):
    written = render_file({"name": {"id": text}, "markets": [text, "CN"]}, "product", "test")
    data = parse_document(Path("x.yml"), written.encode()).data
    expected = text.rstrip("\n") + "\n" if "\n" in text else text
    assert data == {"name": {"id": expected}, "markets": [expected, "CN"]}


def test_the_dumper_writes_no_anchors_for_a_value_used_twice():
    shared = {"id": "Kelor"}
    text = yaml.dump({"name": shared, "summary": shared}, Dumper=CatalogDumper, sort_keys=False)
    assert "&" not in text and "*" not in text


# --- the writing job, run against a local remote and a fake gh ----------------------------------------------------


FAKE_GH = """#!/bin/sh
printf '%s\\n' "$*" >> "$GH_LOG"
for arg in "$@"; do printf '  [%s]\\n' "$arg" >> "$GH_LOG"; done
case "$1 $2" in
  "pr list") echo "" ;;
  "pr create") echo "https://github.com/village-export/catalog/pull/99" ;;
esac
"""


def git(*args: str, cwd: Path) -> str:
    return subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True, text=True,
                          env={**os.environ, "GIT_CONFIG_NOSYSTEM": "1", "HOME": str(cwd)}).stdout


@pytest.mark.skipif(shutil.which("git") is None, reason="git is needed to play the writing job")
def test_the_writing_job_commits_the_files_and_opens_the_pull_request_without_running_any_text(catalog, github, tmp_path):
    # Job 1: a valid form whose every text answer is shell syntax.
    body = PRODUCT_BODY
    for label in ("Nama produk (Inggris) / Product name (English)", "Deskripsi (Inggris) / Description (English)",
                  "Kemasan (Inggris) / Packaging (English)", "Cara penyimpanan (Inggris) / Storage (English)"):
        body = answer(body, label, SHELL)
    intake = run(catalog, body, github)
    assert intake.ready, [f.issue.format("en") for f in intake.findings]
    workspace = tmp_path / "workspace"
    write_outcome(workspace / "intake", intake)
    # The repository on GitHub: a bare remote with main; the job's sparse checkout of it.
    origin = tmp_path / "origin.git"
    seed = tmp_path / "seed"
    seed.mkdir()
    git("init", "--quiet", "--initial-branch=main", cwd=seed)
    shutil.copytree(catalog / "products" / "bumdes-maju", seed / "products" / "bumdes-maju",
                    ignore=shutil.ignore_patterns("teh-daun-kelor*"))
    (seed / "Makefile").write_text("all:\n\ttouch /tmp/intake-pwned\n", encoding="utf-8")
    git("add", ".", cwd=seed)
    git("-c", "user.name=m", "-c", "user.email=m@example.org", "commit", "--quiet", "-m", "catalog", cwd=seed)
    git("clone", "--quiet", "--bare", str(seed), str(origin), cwd=tmp_path)
    git("clone", "--quiet", "--no-checkout", str(origin), str(workspace / "catalog"), cwd=tmp_path)
    git("sparse-checkout", "set", "--no-cone", "/products/", cwd=workspace / "catalog")
    git("checkout", "--quiet", "main", cwd=workspace / "catalog")
    assert not (workspace / "catalog" / "Makefile").exists()
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    (bin_dir / "gh").write_text(FAKE_GH, encoding="utf-8")
    (bin_dir / "gh").chmod(stat.S_IRWXU)
    job = yaml.safe_load((ROOT / ".github/workflows/intake.yml").read_text(encoding="utf-8"))["jobs"]["pull-request"]
    env = {**{k: str(v) for k, v in job["env"].items() if "${{" not in str(v)}, "GH_TOKEN": "t", "ISSUE_NUMBER": "21",
           "DEFAULT_BRANCH": "main", "GITHUB_REPOSITORY": "village-export/catalog", "GITHUB_WORKSPACE": str(workspace),
           "RUNNER_TEMP": str(tmp_path), "GH_LOG": str(tmp_path / "gh.log"), "HOME": str(tmp_path),
           "PATH": f"{bin_dir}:/usr/bin:/bin", "GIT_CONFIG_NOSYSTEM": "1", "COMMIT_OUTCOME": "success",
           "FAILED": "failed"}
    for name in ("Commit the files to the issue's branch and open or update its pull request", "Reply on the issue"):
        (step,) = [step for step in job["steps"] if step.get("name") == name]
        result = subprocess.run(["bash", "-e", "-c", step["run"]], cwd=workspace, env=env, capture_output=True, text=True, timeout=60)
        assert result.returncode == 0, result.stdout + result.stderr
    # The branch holds exactly the files, byte for byte, on top of main.
    listed = git("ls-tree", "-r", "--name-only", "intake/issue-21", cwd=origin).split()
    assert sorted(set(listed) - set(git("ls-tree", "-r", "--name-only", "main", cwd=origin).split())) == sorted(intake.files)
    for path, data in intake.files.items():
        assert subprocess.run(["git", "show", f"intake/issue-21:{path}"], cwd=origin, capture_output=True).stdout == data
    assert git("log", "-1", "--format=%ae %s", "intake/issue-21", cwd=origin).strip() == (
        f"41898282+github-actions[bot]@users.noreply.github.com Produk baru / New product: {PRODUCT_FILE}")
    log = (tmp_path / "gh.log").read_text(encoding="utf-8")
    assert f"  [--title=Produk baru / New product: {PRODUCT_FILE}]" in log
    assert f"  [--body-file={workspace}/intake/pull-request/body.md]" in log
    assert f"  [--body-file={workspace}/intake/reply.md]" in log
    assert "Pull request: https://github.com/village-export/catalog/pull/99" in (workspace / "intake/reply.md").read_text(encoding="utf-8")
    assert "$(touch" not in log and not Path("/tmp/intake-pwned").exists()


@pytest.mark.skipif(shutil.which("git") is None, reason="git is needed to play the writing job")
def test_the_writing_job_refuses_an_artifact_with_a_path_outside_one_folder(tmp_path):
    job = yaml.safe_load((ROOT / ".github/workflows/intake.yml").read_text(encoding="utf-8"))["jobs"]["pull-request"]
    (step,) = [step for step in job["steps"] if step.get("id") == "commit"]
    for bad in (".github/workflows/evil.yml", "products/a/b/c.jpg", "products/Bad/x.yml", "products/a/.hidden"):
        workspace = tmp_path / re.sub(r"\W", "_", bad)
        files = workspace / "intake" / "pull-request" / "files"
        (files / bad).parent.mkdir(parents=True)
        (files / bad).write_text("x", encoding="utf-8")
        result = subprocess.run(["bash", "-e", "-c", step["run"]], cwd=workspace, capture_output=True, text=True, timeout=60,
                                env={"PATH": "/usr/bin:/bin", "GITHUB_WORKSPACE": str(workspace), "RUNNER_TEMP": str(workspace),
                                     "ISSUE_NUMBER": "21"})
        assert result.returncode == 1, bad
        assert result.stdout.startswith("::error::the intake artifact holds"), result.stdout


def test_a_failed_download_is_said_in_words_not_as_a_python_exception_name():
    import socket

    from generator.attachments import _reason

    assert _reason(socket.gaierror(-2, "Name or service not known")) == "GitHub could not be reached (name lookup failed)"
    assert _reason(ConnectionResetError()) == "the connection to GitHub failed"
    assert _reason(TimeoutError()) == "timeout"


def test_the_villages_suggested_for_a_wrong_code_are_written_to_copy_into_the_answer(catalog, github):
    intake = run(catalog, answer(BUMDES_BODY, "Kode desa Kemendagri / Kemendagri village code", "72.10.01.2099"), github,
                 kind="bumdes", issue=7)
    suggested = [f.issue.message("id") for f in intake.findings if f.issue.code == "intake.village_suggestions"]
    assert suggested and "72.10.01.2009 Kalukubula" in suggested[0] and '"' not in suggested[0], suggested


def test_a_lead_time_written_as_a_span_is_told_where_each_number_goes(catalog, github):
    body = answer(PRODUCT_BODY, "Waktu siap paling cepat (hari) / Shortest lead time (days)", "3-7 hari")
    body = answer(body, "Spesifikasi / Specifications", "Kadar air / Moisture: -")
    intake = run(catalog, body, github)
    said = [(f.field, f.issue.code) for f in intake.findings if f.issue.severity is Severity.ERROR]
    assert ("lead_time_min_days", "intake.lead_time_span") in said and ("lead_time_min_days", "schema.missing") not in said
    span = next(f for f in intake.findings if f.issue.code == "intake.lead_time_span").issue.message("id")
    assert span == "'3-7 hari' berisi dua angka: tulis 3 pada “Waktu siap paling cepat” dan 7 pada “Waktu siap paling lama”"
    assert ("specifications", "intake.line") in said  # "Kadar air: -" says nothing: complete or delete the line
