"""Shared fixtures: a factory for small catalogs written into a temporary folder."""

from __future__ import annotations

import datetime as dt
import io
import shutil
import struct
import textwrap
from pathlib import Path
from typing import Callable

import pytest
from PIL import Image

from browser_support import browser  # noqa: F401 - one session-wide Chromium for every browser test
from generator.build import build_site
from generator.issues import Severity
from generator.sources import THEME_PAGES

K = "products/bumdes-maju/kelor-powder.yml"

ROOT = Path(__file__).resolve().parent.parent
TODAY = dt.date(2026, 11, 28)

CONFIG = """\
title: {id: Katalog Uji, en: Test Catalog, zh: 测试目录}
description: {id: Katalog untuk uji, en: A catalog for tests, zh: 测试用目录}
base_url: https://example.org/catalog/
source_language: id
sample_data: true
languages:
  - {code: id, name: Bahasa Indonesia, locale: id_ID, theme_language: id, og_locale: id_ID}
  - {code: en, name: English, locale: en_US, theme_language: en, og_locale: en_US}
  - {code: zh, name: 中文, locale: zh_Hans_CN, theme_language: zh, og_locale: zh_CN}
dealer:
  name: Dealer Uji
  email: dealer@example.com
  whatsapp: "+62 811 4500 1234"
  wechat: DealerUji
agents:
  - id: agen-palu
    name: Agen Palu
    email: palu@example.com
    whatsapp: "+62 813 4100 5678"
    wechat: AgenPalu
    wechat_link: https://u.wechat.com/AgenPaluTest
    provinces: ["72"]
currencies: [USD, IDR]
vocabularies:
  categories:
    moringa: {name: {id: Kelor, en: Moringa, zh: 辣木}, food: true}
    seafood: {name: {id: Hasil laut, en: Seafood, zh: 海产品}, food: true}
  certifications:
    halal: {name: {id: Halal, en: Halal, zh: 清真}}
  units:
    kg: {name: {id: kg, en: kg, zh: 公斤}, family: mass, base: "1"}
  periods:
    month: {name: {id: bulan, en: month, zh: 月}}
  incoterms:
    FOB: {name: {id: FOB, en: FOB – Free On Board, zh: FOB 船上交货}}
    CIF: {name: {id: CIF, en: CIF, zh: CIF}}
  issuers:
    bpjph: {name: {id: BPJPH, en: BPJPH (Halal Product Assurance Agency), zh: 印尼清真产品保证局}, verify_hosts: [halal.go.id]}
"""

REGION = """\
province:
  code: "72"
  name: {id: Sulawesi Tengah, en: Central Sulawesi, zh: 中苏拉威西省}
regencies:
  - code: "72.10"
    name: {id: Kabupaten Sigi, en: Sigi Regency}
  - code: "72.71"
    name: {id: Kota Palu, en: Palu City, zh: 帕卢市}
"""

BUMDES = """\
id: bumdes-maju
name: {id: BUMDes Maju, en: Maju Village Enterprise, zh: 马久村企业}
legal_name: BUM Desa Maju
nib: "1234567890123"
village: "72.10.01.2009"
founded: "2018"
description:
  id: BUMDes di Desa Kalukubula.
  en: A village enterprise in Kalukubula.
agent: agen-palu
"""

PRODUCT = """\
id: kelor-powder
category: moringa
name: {id: Bubuk daun kelor, en: Moringa leaf powder, zh: 辣木叶粉}
summary: {id: Bubuk kelor halus., en: Fine moringa powder., zh: 细辣木粉。}
description:
  id: Bubuk daun kelor **organik**.
  en: Organic moringa leaf powder.
hs_code: "121190"
moq: {quantity: "500", unit: kg}
capacity: {quantity: "2000", unit: kg, period: month}
lead_time: {min_days: "14", max_days: "21"}
price: {min: "3.5", max: "4.2", currency: USD, unit: kg, incoterm: FOB}
shipping:
  - {incoterm: FOB, place: "Pantoloan, Palu"}
packaging: {id: Karung 25 kg, en: 25 kg bags, zh: 25公斤袋装}
shelf_life_months: "24"
season: ["1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11", "12"]
specifications:
  - name: {id: Kadar air, en: Moisture, zh: 水分}
    value: {id: "≤ 8 %"}
samples: {policy: paid}
certifications:
  - {type: halal, number: ID123, issuer: bpjph, valid_until: 2028-01-31}
gacc_registration: CIDN1234567
markets: [CN, SG]
availability: available
verified: 2026-10-01
"""

STRINGS = "{}\n"


def jpeg_bytes(size: tuple[int, int] = (1200, 900), color: tuple[int, int, int] = (120, 160, 90)) -> bytes:
    """A real JPEG made with Pillow."""
    buffer = io.BytesIO()
    Image.new("RGB", size, color).save(buffer, "JPEG", quality=85)
    return buffer.getvalue()


def gps_jpeg_bytes(size: tuple[int, int] = (1200, 900)) -> bytes:
    """A real JPEG as a phone writes it: the place it was taken in EXIF GPS (near Palu), with camera and date."""
    from PIL import ExifTags

    exif = Image.Exif()
    exif[ExifTags.Base.Make], exif[ExifTags.Base.Model] = "RahasiaCam", "RC-7"
    gps = exif.get_ifd(ExifTags.IFD.GPSInfo)
    gps[ExifTags.GPS.GPSLatitudeRef], gps[ExifTags.GPS.GPSLatitude] = "S", (0.0, 53.0, 30.0)
    gps[ExifTags.GPS.GPSLongitudeRef], gps[ExifTags.GPS.GPSLongitude] = "E", (119.0, 52.0, 12.0)
    buffer = io.BytesIO()
    Image.new("RGB", size, (120, 160, 90)).save(buffer, "JPEG", quality=85, exif=exif.tobytes())
    return buffer.getvalue()


def write_catalog(root: Path, files: dict[str, str | bytes | None] | None = None, *, with_theme: bool = False) -> Path:
    """Write the small valid catalog into ``root``; ``files`` replace or add files (None deletes one).

    ``with_theme`` copies the project's real theme/ (templates, strings, assets) so the site can be built.
    """
    base: dict[str, str | bytes | None] = {
        "site_config.yml": CONFIG,
        "regions/72-sulawesi-tengah.yml": REGION,
        "products/bumdes-maju/bumdes.yml": BUMDES,
        "products/bumdes-maju/kelor-powder.yml": PRODUCT,
    }
    if with_theme:
        shutil.copytree(ROOT / "theme", root / "theme", dirs_exist_ok=True)
    else:
        for lang in ("id", "en", "zh"):
            base[f"theme/strings/{lang}.yml"] = STRINGS
        for name in THEME_PAGES:
            base[f"theme/pages/id/{name}.md"] = "Teks.\n"
    base.update(files or {})
    for name, content in base.items():
        path = root / name
        if content is None:
            path.unlink(missing_ok=True)
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(textwrap.dedent(content), encoding="utf-8")
    return root


@pytest.fixture
def make_catalog(tmp_path: Path) -> Callable[..., Path]:
    """Factory: a small valid catalog in a temporary folder, with some files replaced."""

    def factory(files: dict[str, str | bytes | None] | None = None, *, with_theme: bool = False) -> Path:
        return write_catalog(tmp_path / "catalog", files, with_theme=with_theme)

    return factory


# A second product: another category, no photo (placeholder), price on request, all year not.
CRAB = (
    PRODUCT.replace("id: kelor-powder", "id: kepiting-hidup").replace("category: moringa", "category: seafood")
    .replace("name: {id: Bubuk daun kelor, en: Moringa leaf powder, zh: 辣木叶粉}", "name: {id: Kepiting bakau hidup, en: Live mud crab, zh: 活青蟹}")
    .replace('hs_code: "121190"', 'hs_code: "030633"')
    .replace('price: {min: "3.5", max: "4.2", currency: USD, unit: kg, incoterm: FOB}', "price: {on_request: true}")
    .replace('season: ["1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11", "12"]', 'season: ["3", "4", "5"]')
    .replace('moq: {quantity: "500", unit: kg}', 'moq: {quantity: "2000", unit: kg}')
)

# Text that is harmless only when escaped: quotes, ampersands, template syntax and entity-encoded tags.
TRICKY = "Crab & \"Co\" 'x' {{7*7}} {quantity} &lt;script&gt;alert(1)&lt;/script&gt;"

TRICKY_PRODUCT = (
    PRODUCT.replace("en: Moringa leaf powder,", f"en: \"{TRICKY.replace(chr(34), chr(92) + chr(34))}\",")
    .replace("  en: Organic moringa leaf powder.\n", "  en: Organic **moringa** with a [link](https://example.com/?a=1&b=2).\n")
    + "photos:\n  - {file: kelor.jpg, alt: {id: Bubuk kelor dalam mangkuk, en: Moringa powder in a bowl}}\n"
)



@pytest.fixture(scope="session")
def site(tmp_path_factory) -> Path:
    root = write_catalog(tmp_path_factory.mktemp("site") / "catalog", {
        K: TRICKY_PRODUCT,
        "products/bumdes-maju/kelor.jpg": jpeg_bytes((1400, 1000)),
        "products/bumdes-maju/kepiting-hidup.yml": CRAB,
    }, with_theme=True)
    issues = build_site(root, out=None, today=TODAY)
    assert [i for i in issues if i.severity is not Severity.INFO] == []
    return root / "site"




@pytest.fixture(scope="session")
def sample_site(tmp_path_factory) -> Path:
    """The repository's own sample catalog, built like `make build` does (into a temporary copy)."""
    root = tmp_path_factory.mktemp("sample") / "catalog"
    root.mkdir()
    for name in ("products", "regions", "theme", "glossary"):
        shutil.copytree(ROOT / name, root / name)
    shutil.copy(ROOT / "site_config.yml", root / "site_config.yml")
    issues = build_site(root, out=None, today=TODAY)
    assert [i.format("en") for i in issues if i.severity is Severity.ERROR] == []
    return root / "site"


def jpeg_markers(data: bytes) -> list[int]:
    """The markers of the segments before the first scan (APP1 = EXIF/XMP, APP2 = ICC, COM = comment)."""
    assert data[:2] == b"\xff\xd8"
    markers, pos = [], 2
    while data[pos + 1] != 0xDA:
        markers.append(data[pos + 1])
        pos += 2 + struct.unpack(">H", data[pos + 2 : pos + 4])[0]
    return markers


def riff_chunks(data: bytes) -> list[bytes]:
    """The chunk names of a WebP file (EXIF, XMP and ICCP carry metadata)."""
    assert data[:4] == b"RIFF" and data[8:12] == b"WEBP"
    names, pos = [], 12
    while pos < len(data):
        size = struct.unpack("<I", data[pos + 4 : pos + 8])[0]
        names.append(data[pos : pos + 4])
        pos += 8 + size + size % 2
    return names
