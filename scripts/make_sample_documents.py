"""Make the sample catalog's documents: certificate and laboratory report scans, marked as samples.

Run from anywhere: ``.venv/bin/python scripts/make_sample_documents.py``. Needs only Pillow, downloads
nothing, and writes the same bytes every time (fixed dates in the PDF, no random numbers).

Each file is a one-page A4 PDF holding a drawn page, as a phone's scanner app or an office scanner makes
it: the build checks it by content, rewrites it clean and previews page one, exactly as it will a real
scan. Every page says in large letters that it is a sample and not a valid certificate, so nobody can
mistake the sample catalog's documents for real ones.
"""

from __future__ import annotations

import sys
import time
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

ROOT = Path(__file__).resolve().parent.parent
PRODUCTS = ROOT / "products"
DPI = 150
PAGE = (1240, 1754)  # A4 at 150 dpi
FIXED_DATE = time.strptime("2026-11-01", "%Y-%m-%d")
"""Written into the PDF as its creation date (Pillow writes the current time otherwise)."""
INK = (30, 34, 32)


@dataclass(frozen=True)
class Document:
    """One sample document: where it goes, its letterhead, its title and its lines."""

    path: str
    """File path under products/."""
    issuer: str
    title: str
    lines: tuple[tuple[str, str], ...]
    """(label, value) rows as printed."""
    accent: tuple[int, int, int]
    table: tuple[tuple[str, str, str], ...] = ()
    """Laboratory results: parameter, result, method."""


DOCUMENTS = [
    Document(
        "bumdes-hijau-lestari-pombewe/sertifikat-halal-bubuk-kelor.pdf",
        "BADAN PENYELENGGARA JAMINAN PRODUK HALAL (SAMPLE)", "SERTIFIKAT HALAL / HALAL CERTIFICATE",
        (("Nomor / Number", "ID72110001937620524"),
         ("Pelaku usaha / Business", "BUM Desa Hijau Lestari Pombewe"),
         ("Produk / Product", "Bubuk daun kelor / Moringa leaf powder"),
         ("Tanggal terbit / Issued", "2025-05-24"),
         ("Berlaku / Valid", "selama tidak ada perubahan / while unchanged")),
        (18, 110, 70),
    ),
    Document(
        "bumdes-hijau-lestari-pombewe/coa-bubuk-kelor-2026-09.pdf",
        "PT SUCOFINDO · LABORATORIUM (SAMPLE)", "LAPORAN HASIL UJI / CERTIFICATE OF ANALYSIS",
        (("Nomor / Report no.", "LHU-PLW-2026-09-0417"),
         ("Contoh / Sample", "Bubuk daun kelor / Moringa leaf powder, lot K-2609"),
         ("Diambil / Sampled", "2026-09-15"),
         ("Pemohon / Client", "BUM Desa Hijau Lestari Pombewe")),
        (20, 70, 140),
        (("Kadar air / Moisture", "6.1 %", "SNI 01-2891-1992"),
         ("Protein", "27.4 %", "SNI 01-2891-1992"),
         ("Kadar abu / Ash", "8.2 %", "SNI 01-2891-1992"),
         ("ALT / Total plate count", "3.2 × 10⁴ cfu/g", "SNI ISO 4833-1:2015"),
         ("E. coli", "< 3 MPN/g", "SNI ISO 7251:2012"),
         ("Salmonella / 25 g", "negatif / negative", "SNI ISO 6579-1:2017")),
    ),
    Document(
        "bumdes-cengkeh-emas-lakatan/coa-minyak-daun-cengkeh-2026-10.pdf",
        "PT SUCOFINDO · LABORATORIUM (SAMPLE)", "LAPORAN HASIL UJI / CERTIFICATE OF ANALYSIS",
        (("Nomor / Report no.", "LHU-PLW-2026-10-0533"),
         ("Contoh / Sample", "Minyak daun cengkeh / Clove leaf oil, drum 26-10-02"),
         ("Diambil / Sampled", "2026-10-20"),
         ("Pemohon / Client", "BUM Desa Cengkeh Emas Lakatan")),
        (20, 70, 140),
        (("Eugenol total / Total eugenol", "83.6 %", "SNI 06-2387-2006"),
         ("Beta-kariofilen / Beta-caryophyllene", "11.8 %", "GC-MS"),
         ("Bobot jenis / Specific gravity 20 °C", "1.041", "SNI 06-2387-2006"),
         ("Indeks bias / Refractive index 20 °C", "1.5316", "SNI 06-2387-2006"),
         ("Warna / Colour", "kuning / yellow", "visual")),
    ),
    Document(
        "bumdes-cengkeh-emas-lakatan/sertifikat-halal-minyak-daun-cengkeh.pdf",
        "BADAN PENYELENGGARA JAMINAN PRODUK HALAL (SAMPLE)", "SERTIFIKAT HALAL / HALAL CERTIFICATE",
        (("Nomor / Number", "ID72110000482170923"),
         ("Pelaku usaha / Business", "BUM Desa Cengkeh Emas Lakatan"),
         ("Produk / Product", "Minyak daun cengkeh / Clove leaf oil"),
         ("Tanggal terbit / Issued", "2023-09-14"),
         ("Berlaku / Valid", "selama tidak ada perubahan / while unchanged")),
        (18, 110, 70),
    ),
]


def font(size: int) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    """Pillow's bundled font, so the pages look the same on every machine."""
    return ImageFont.load_default(size=size)


def draw_page(doc: Document) -> Image.Image:
    """The page as a scanner would capture it: letterhead, title, fields, results, and the sample mark."""
    page = Image.new("RGB", PAGE, (252, 251, 247))
    draw = ImageDraw.Draw(page)
    w, _ = PAGE
    draw.rectangle((80, 80, w - 80, 230), fill=doc.accent)
    draw.text((110, 120), doc.issuer, fill=(255, 255, 255), font=font(34))
    draw.text((110, 175), "Contoh untuk katalog contoh / Example for the sample catalog", fill=(225, 240, 230), font=font(24))
    draw.text((w / 2, 330), doc.title, fill=INK, font=font(40), anchor="mm")
    y = 430
    for label, value in doc.lines:
        draw.text((110, y), label, fill=(90, 96, 92), font=font(26))
        draw.text((560, y), value, fill=INK, font=font(28))
        y += 62
    if doc.table:
        y += 40
        draw.rectangle((100, y, w - 100, y + 56), fill=(232, 236, 240))
        for x, head in ((115, "Parameter"), (640, "Hasil / Result"), (900, "Metode / Method")):
            draw.text((x, y + 14), head, fill=INK, font=font(24))
        y += 56
        for name, result, method in doc.table:
            draw.line((100, y, w - 100, y), fill=(200, 204, 208), width=2)
            draw.text((115, y + 16), name, fill=INK, font=font(23))
            draw.text((640, y + 16), result, fill=INK, font=font(23))
            draw.text((900, y + 16), method, fill=(90, 96, 92), font=font(21))
            y += 62
    # The sample mark, across the page: these documents must never pass for real ones.
    mark = Image.new("L", PAGE, 0)
    ImageDraw.Draw(mark).text((w / 2, PAGE[1] / 2 + 200), "SAMPLE · CONTOH", fill=70, font=font(120), anchor="mm")
    mark = mark.rotate(35, resample=Image.Resampling.BICUBIC, center=(w / 2, PAGE[1] / 2 + 200))
    page.paste((200, 40, 40), (0, 0), mark)
    draw.text((w / 2, PAGE[1] - 120), "NOT A VALID CERTIFICATE · BUKAN SERTIFIKAT YANG SAH", fill=(170, 30, 30), font=font(30), anchor="mm")
    return page


def write_document(doc: Document) -> Path:
    target = PRODUCTS / doc.path
    target.parent.mkdir(parents=True, exist_ok=True)
    draw_page(doc).save(target, "PDF", resolution=DPI, title=doc.title, author="sample catalog",
                        creationDate=FIXED_DATE, modDate=FIXED_DATE)
    return target


def main(names: list[str]) -> None:
    """Write every sample document (or those whose path contains one of ``names``) and report sizes."""
    for doc in DOCUMENTS:
        if names and not any(name in doc.path for name in names):
            continue
        target = write_document(doc)
        print(f"{target.relative_to(ROOT)}  {target.stat().st_size // 1024} KB")


if __name__ == "__main__":
    main(sys.argv[1:])
