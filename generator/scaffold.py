"""Scaffold a new product file: every field present, commented in Indonesian and English, with the allowed values
listed; then say where each TODO is, the places `make check` refuses until they are filled."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from generator.checked import format_loc
from generator.issues import Issue, Severity, make_issue
from generator.load import parse_document
from generator.models import ID_PATTERN
from generator.rules import placeholders
from generator.schemas import read_config
from generator.sources import PRODUCTS_DIR
from generator.write import write_text

PRODUCT_TEMPLATE = """\
# yaml-language-server: $schema=../../schemas/product.schema.json
# Produk baru {bumdes}. Ganti setiap TODO, hapus baris pilihan yang tidak perlu, lalu jalankan `make check`
# (TODO yang tertinggal adalah galat). Penjelasan tiap kolom: docs/data-format.md. Tulis bahasa Indonesia (id)
# dulu; en dan zh boleh menyusul (situs menampilkan teks Indonesia sampai terjemahannya ada).
# New product of {bumdes}. Replace every TODO, delete the optional lines you do not need, then run
# `make check` (a TODO left behind is an error). Every field: docs/data-format.md. Write Indonesian (id)
# first; en and zh may follow later (the site shows the Indonesian text until they do).
id: {product}
# Kategori, salah satu dari · Category, one of: {categories}
category: TODO
# Nama produk · Product name
name:
  id: TODO nama produk
  en: TODO product name
  zh: TODO 产品名称
# Satu kalimat untuk kartu produk · One sentence for the product card
summary:
  id: TODO satu kalimat untuk kartu produk.
  en: TODO one sentence for the product card.
# Cerita produk; Markdown sederhana: **tebal**, daftar dengan "- " · The product's story; simple Markdown
description:
  id: |
    TODO Ceritakan produk: asal bahan, cara olah, mutu.
  en: |
    TODO Describe the product: raw material, processing, quality.
# Foto di sebelah berkas ini (JPEG, PNG atau WebP, minimal 800 px sisi terpanjang; matikan lokasi kamera),
# yang terbaik di urutan pertama · Photos beside this file (JPEG, PNG or WebP, at least 800 px on the long
# side; camera location off), the best one first
photos:
  - file: {product}-1.jpg
    alt:
      id: TODO apa yang terlihat di foto
      en: TODO what the photo shows
# Kode HS 2022 dalam tanda kutip: 4 atau 6 angka, atau 8-10 angka BTKI (mis. "12119019")
# HS 2022 code in quotes: 4 or 6 digits, or an 8-10 digit Indonesian extension (e.g. "12119019")
hs_code: "TODO"
# Jumlah: angka saja, titik hanya untuk desimal (1000, bukan 1.000) · Quantities: digits only, a dot only
# for decimals (1000, not 1.000). Satuan · Units: {units}
# Pesanan minimum · Minimum order
moq:
  quantity: 100
  unit: kg
# Kapasitas pasok · Supply capacity
capacity:
  quantity: 1000
  unit: kg
  # Salah satu dari · One of: {periods}
  period: month
# Hari dari pesanan pasti sampai barang siap di pelabuhan · Days from confirmed order to goods ready at the port
lead_time:
  min_days: 14
  max_days: 30
# Harga: `on_request: true`, atau min (dan max), currency, unit dan incoterm
# Price: either `on_request: true`, or min (and max), currency, unit and incoterm
price:
  on_request: true
  # min: 3.5
  # max: 4.2
  # currency: USD    # salah satu dari · one of: {currencies}
  # unit: kg
  # incoterm: FOB
# Incoterms 2020 yang ditawarkan, masing-masing dengan pelabuhan atau tempatnya
# Incoterms 2020 offered, each with its named port or place
shipping:
  - incoterm: FOB
    place: TODO pelabuhan muat, kota
# Kemasan · Packaging
packaging:
  id: TODO kemasan
  en: TODO packaging
# Masa simpan dalam bulan · Shelf life in months
shelf_life_months: 12
# Cara penyimpanan · Storage conditions
storage:
  id: TODO cara penyimpanan
  en: TODO storage conditions
# Bulan produk bisa dipasok (1-12); kedua belas bulan untuk sepanjang tahun
# Months the product can be supplied (1-12); all twelve for all year
season: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]
# Spesifikasi · Specifications
specifications:
  - name:
      id: Kadar air
      en: Moisture
    value:
      id: TODO mis. maks. 10 %
# Contoh: free (gratis), paid (berbayar) atau none (tidak ada) · Samples: free, paid or none
samples:
  policy: paid
# Sertifikat; type salah satu dari · Certificates; type is one of: {certifications}
certifications: []
#  - type: halal
#    number: TODO
#    issuer: bpjph    # salah satu dari · one of: {issuers}
#    valid_until: 2027-12-31
# Nomor registrasi GACC: wajib untuk pangan yang dijual ke Tiongkok · GACC registration: needed for food sold to China
# gacc_registration: TODO
# Pasar ekspor, kode negara ISO · Export markets as ISO country codes (CN, SG, JP, NL, ...)
markets: []
# available (tersedia), seasonal (musiman), limited (terbatas) atau sold-out (habis)
# available, seasonal, limited or sold-out
availability: available
# Tanggal Anda memeriksa data ini bersama BUMDes · The day you checked these facts with the BUMDes
verified: {today}
# alibaba_url: https://...
"""


def write_product_scaffold(root: Path, bumdes: str, product: str, *, today: dt.date) -> list[Issue]:
    """Create products/<bumdes>/<product>.yml, refusing to overwrite anything."""
    folder = root / PRODUCTS_DIR / bumdes
    target = folder / f"{product}.yml"
    where = f"{PRODUCTS_DIR}/{bumdes}/{product}.yml"
    if not re.match(ID_PATTERN, product):
        return [make_issue(where, (1, 1), "", "scaffold.bad_id", value=product)]
    if not folder.is_dir():
        existing = sorted(p.name for p in (root / PRODUCTS_DIR).iterdir() if p.is_dir()) if (root / PRODUCTS_DIR).is_dir() else []
        return [make_issue(where, (1, 1), "", "scaffold.no_bumdes", value=bumdes, allowed=", ".join(existing) or "-")]
    if target.exists():
        return [make_issue(where, (1, 1), "", "scaffold.exists")]
    config = read_config(root)
    vocab = config.vocabularies if config else None
    text = PRODUCT_TEMPLATE.format(
        bumdes=bumdes,
        product=product,
        categories=", ".join(vocab.categories) if vocab else "-",
        units=", ".join(vocab.units) if vocab else "-",
        periods=", ".join(vocab.periods) if vocab else "-",
        certifications=", ".join(vocab.certifications) if vocab else "-",
        issuers=", ".join(vocab.issuers) if vocab else "-",
        currencies=", ".join(config.currencies) if config else "-",
        today=today.isoformat(),
    )
    document = parse_document(target, text.encode("utf-8"))
    data = document.data
    write_text(target, text)
    # What to fill next, at the line of each TODO: the same places `make check` will refuse until filled.
    todo = [make_issue(where, position, format_loc(loc), "scaffold.fill", Severity.INFO, value=value)
            for loc, value in placeholders(data) for position in [document.text_position(loc)]]
    return [make_issue(where, (1, 1), "", "info.created", Severity.INFO, count=len(todo), photo=f"{product}-1.jpg",
                       folder=f"{PRODUCTS_DIR}/{bumdes}/", bumdes=bumdes), *todo]
