"""Scaffold a new product file: every field present, commented, with the allowed values listed."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from generator.issues import Issue, Severity, make_issue
from generator.models import ID_PATTERN
from generator.schemas import read_config
from generator.sources import PRODUCTS_DIR
from generator.write import write_text

PRODUCT_TEMPLATE = """\
# yaml-language-server: $schema=../../schemas/product.schema.json
# New product of {bumdes}. Replace every TODO, delete the optional lines you do not need, then run
# `make check`. Every field is explained in docs/data-format.md. Write Indonesian (id) first;
# en and zh may follow later (the site shows the Indonesian text until they do).
id: {product}
# One of: {categories}
category: TODO
name:
  id: TODO nama produk
  en: TODO product name
  zh: TODO 产品名称
summary:
  id: TODO satu kalimat untuk kartu produk.
  en: TODO one sentence for the product card.
description:
  id: |
    TODO Ceritakan produk: asal bahan, cara olah, mutu. Markdown sederhana: **tebal**, daftar dengan "- ".
  en: |
    TODO Describe the product: raw material, processing, quality.
# Photos beside this file (JPEG, PNG or WebP, at least 800 px on the long side); the best one first.
photos:
  - file: {product}-1.jpg
    alt:
      id: TODO apa yang terlihat di foto
      en: TODO what the photo shows
# HS 2022 code in quotes: 4 or 6 digits, or an 8-10 digit Indonesian extension (e.g. "12119019").
hs_code: "TODO"
# Quantities: digits only, a dot only for decimals (1000, not 1.000). Units: {units}
moq:
  quantity: 100
  unit: kg
capacity:
  quantity: 1000
  unit: kg
  # One of: {periods}
  period: month
lead_time:
  min_days: 14
  max_days: 30
# Either `on_request: true`, or min (and max), currency, unit and incoterm.
price:
  on_request: true
  # min: 3.5
  # max: 4.2
  # currency: USD    # one of: {currencies}
  # unit: kg
  # incoterm: FOB
# Incoterms 2020 offered, each with its named port or place.
shipping:
  - incoterm: FOB
    place: TODO pelabuhan muat, kota
packaging:
  id: TODO kemasan
  en: TODO packaging
shelf_life_months: 12
storage:
  id: TODO cara penyimpanan
  en: TODO storage conditions
# Months the product can be supplied (1-12); all twelve for all year.
season: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]
specifications:
  - name:
      id: Kadar air
      en: Moisture
    value:
      id: TODO mis. maks. 10 %
samples:
  # free, paid or none
  policy: paid
# Certificates: type is one of {certifications}
certifications: []
#  - type: halal
#    number: TODO
#    issuer: BPJPH
#    valid_until: 2027-12-31
# GACC registration number: needed for food sold to China.
# gacc_registration: TODO
# Export markets as ISO country codes (CN, SG, JP, NL, ...).
markets: []
# available, seasonal, limited or sold-out
availability: available
# The day you checked these facts with the BUMDes.
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
        currencies=", ".join(config.currencies) if config else "-",
        today=today.isoformat(),
    )
    write_text(target, text)
    return [make_issue(where, (1, 1), "", "info.created", Severity.INFO)]
