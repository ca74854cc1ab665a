"""A synthetic but realistic catalog for benchmarks: many BUMDes in every province, texts in every language.

Deterministic (seeded): the same arguments write the same files. Village codes are real desa codes, so the
catalog passes validation like a real one would.
"""

from __future__ import annotations

import io
import random
import shutil
from pathlib import Path

from PIL import Image, ImageChops, ImageDraw, ImageFilter, ImageOps

from generator import official

CATEGORIES = {
    "seafood": ("Kepiting bakau hidup", "Live mud crab", "活青蟹", "030633"),
    "moringa": ("Bubuk daun kelor", "Moringa leaf powder", "辣木叶粉", "121190"),
    "essential-oils": ("Minyak nilam", "Patchouli oil", "广藿香油", "330129"),
    "fruit": ("Alpukat segar", "Fresh avocado", "新鲜牛油果", "080440"),
    "flour": ("Tepung pisang", "Banana flour", "香蕉粉", "110630"),
    "coffee": ("Kopi arabika", "Arabica green coffee", "阿拉比卡生咖啡豆", "090111"),
    "sugar": ("Gula kelapa", "Coconut sugar", "椰子糖", "170290"),
    "seaweed": ("Rumput laut kering", "Dried seaweed", "干海藻", "121221"),
    "spices": ("Cengkeh kering", "Dried cloves", "干丁香", "090710"),
}

ID_TEXT = ("Produk ini dibuat oleh BUMDes dari bahan baku petani dan nelayan desa. Setiap lot diperiksa kadar air, "
           "kebersihan dan beratnya sebelum dikemas. Kami melayani pesanan ekspor melalui dealer resmi.")
EN_TEXT = ("This product is made by the village enterprise from raw material grown by local farmers and fishers. "
           "Every lot is checked for moisture, cleanliness and weight before packing. Export orders go through the "
           "authorised dealer.")
ZH_TEXT = "本产品由村办企业采用当地农民和渔民提供的原料生产。每批货物在包装前都会检查水分、清洁度和重量。出口订单由授权经销商统一处理。"


def pick_villages(count: int, rng: random.Random) -> list[str]:
    """``count`` real desa codes spread over every province."""
    desa = [code for code in official.village_names() if not official.is_kelurahan(code)]
    by_province: dict[str, list[str]] = {}
    for code in desa:
        by_province.setdefault(code[:2], []).append(code)
    provinces = sorted(by_province)
    chosen = []
    for index in range(count):
        villages = by_province[provinces[index % len(provinces)]]
        chosen.append(villages[rng.randrange(len(villages))])
    return chosen


def product_yaml(product_id: str, category: str, index: int, rng: random.Random) -> str:
    """One product file with realistic lengths in id, en and zh."""
    name_id, name_en, name_zh, hs = CATEGORIES[category]
    grade = rng.choice(["A", "B", "Premium", "Super"])
    low = rng.randint(100, 900) / 100
    return f"""\
id: {product_id}
category: {category}
name:
  id: {name_id} {grade} {index}
  en: {name_en} grade {grade} {index}
  zh: {name_zh} {grade}级 {index}
summary:
  id: {name_id} mutu ekspor dari desa, dikemas sesuai permintaan pembeli.
  en: Export-grade {name_en.lower()} from the village, packed to the buyer's order.
  zh: 来自乡村的出口级{name_zh}，按买家要求包装。
description:
  id: |
    {ID_TEXT}

    - Kadar air terkendali
    - Dikemas dalam karung atau kotak sesuai pesanan
  en: |
    {EN_TEXT}

    - Controlled moisture
    - Packed in bags or cartons to order
  zh: |
    {ZH_TEXT}
hs_code: "{hs}"
moq: {{quantity: "{rng.choice([100, 500, 1000, 5000])}", unit: kg}}
capacity: {{quantity: "{rng.choice([2000, 5000, 20000])}", unit: kg, period: month}}
lead_time: {{min_days: "{rng.randint(5, 14)}", max_days: "{rng.randint(15, 40)}"}}
price: {{min: "{low:.2f}", max: "{low * 1.3:.2f}", currency: USD, unit: kg, incoterm: FOB}}
shipping:
  - {{incoterm: FOB, place: "Tanjung Perak, Surabaya"}}
packaging: {{id: Karung 25 kg, en: 25 kg bags, zh: 25公斤袋装}}
shelf_life_months: "{rng.choice([6, 12, 24])}"
storage: {{id: Simpan di tempat kering dan sejuk, en: Store cool and dry, zh: 阴凉干燥处保存}}
season: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]
specifications:
  - name: {{id: Kadar air, en: Moisture, zh: 水分}}
    value: "≤ {rng.randint(5, 14)} %"
samples: {{policy: paid}}
certifications:
  - {{type: halal, number: ID{rng.randint(10**12, 10**13 - 1)}, issuer: bpjph}}
gacc_registration: CIDN{rng.randint(10**10, 10**11 - 1)}
markets: [CN, SG, MY]
availability: available
verified: 2026-10-{rng.randint(1, 28):02d}
"""


def photo_bytes(rng: random.Random, size: tuple[int, int] = (1600, 1200)) -> bytes:
    """A JPEG with some structure (gradients and shapes), as big as a phone photo scaled for upload."""
    image = Image.new("RGB", size, (rng.randint(60, 200), rng.randint(60, 200), rng.randint(60, 200)))
    draw = ImageDraw.Draw(image)
    for _ in range(40):
        x, y = rng.randrange(size[0]), rng.randrange(size[1])
        r = rng.randint(20, 200)
        draw.ellipse((x - r, y - r, x + r, y + r), fill=(rng.randrange(256), rng.randrange(256), rng.randrange(256)))
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=82)
    return buffer.getvalue()


PHONE_SIZE = (4000, 3000)
"""12 MP, the size of a phone's main camera photo."""


def phone_photo_bytes(seed: int, size: tuple[int, int] = PHONE_SIZE) -> bytes:
    """A 12 MP JPEG as a phone writes it (quality 90, EXIF with the camera, date, exposure and GPS), made
    the same for the same seed: a colour gradient, soft shapes and sensor-like noise, ~3.3 MB, about what a
    phone photo of produce weighs, so encoded sizes are realistic (flat synthetic images compress far better)."""
    rng = random.Random(seed)
    width, height = size
    image = ImageOps.colorize(Image.linear_gradient("L").resize(size), _colour(rng), _colour(rng))
    draw = ImageDraw.Draw(image)
    for _ in range(60):
        x, y, r = rng.randrange(width), rng.randrange(height), rng.randint(40, 600)
        draw.ellipse((x - r, y - r, x + r, y + r), fill=_colour(rng, 0, 255))
    image = image.filter(ImageFilter.GaussianBlur(6))
    # Image.effect_noise draws from the C library's generator: seeded here so the bytes repeat.
    noise = _noise((width // 2, height // 2), rng).resize(size, Image.Resampling.BILINEAR)
    image = ImageChops.add(image, Image.merge("RGB", (noise, noise, noise)), scale=1.0, offset=-128)
    exif = Image.Exif()
    exif.update({0x010F: "Samsung", 0x0110: "Galaxy A15", 0x0112: 1, 0x0131: "A155FXXU1AXA1", 0x0132: "2026:10:14 08:12:55"})
    exif.get_ifd(0x8769).update({0x9003: "2026:10:14 08:12:55", 0x829A: (1, 120), 0x829D: (18, 10), 0x8827: 64, 0x920A: (52, 10)})
    exif.get_ifd(0x8825).update({1: "S", 2: (0.0, 53.0, 12.3), 3: "E", 4: (119.0, 52.0, 41.8)})
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=90, exif=exif.tobytes())
    return buffer.getvalue()


def _colour(rng: random.Random, low: int = 40, high: int = 220) -> tuple[int, int, int]:
    return (rng.randint(low, high), rng.randint(low, high), rng.randint(low, high))


def _noise(size: tuple[int, int], rng: random.Random, sigma: float = 20) -> Image.Image:
    """Gaussian grey noise around 128 from ``rng`` (deterministic, unlike Image.effect_noise)."""
    data = bytes(max(0, min(255, round(rng.gauss(128, sigma)))) for _ in range(1024 * 64))
    tile = Image.frombytes("L", (256, 256), data)
    # A 256 px tile repeated with a different shift per row of tiles: no visible grid at these sizes.
    noise = Image.new("L", size)
    for top in range(0, size[1], 256):
        shift = rng.randrange(256)
        for left in range(-shift, size[0], 256):
            noise.paste(tile, (left, top))
    return noise


def write_synthetic_catalog(target: Path, template_root: Path, *, products: int, bumdes: int,
                            photo_share: float = 0.02, seed: int = 7) -> None:
    """Write a catalog of ``products`` products across ``bumdes`` BUMDes into ``target``."""
    rng = random.Random(seed)
    shutil.rmtree(target, ignore_errors=True)
    target.mkdir(parents=True)
    shutil.copy(template_root / "site_config.yml", target / "site_config.yml")
    shutil.copytree(template_root / "regions", target / "regions")
    shutil.copytree(template_root / "theme", target / "theme")
    villages = pick_villages(bumdes, rng)
    categories = sorted(CATEGORIES)
    photos = {i: photo_bytes(rng) for i in range(8)}
    for b in range(bumdes):
        bumdes_id = f"bumdes-sintetis-{b:05d}"
        folder = target / "products" / bumdes_id
        folder.mkdir(parents=True)
        (folder / "bumdes.yml").write_text(
            f"id: {bumdes_id}\nname:\n  id: BUMDes Sintetis {b}\n  en: Synthetic Village Enterprise {b}\n  zh: 示例村企业 {b}\n"
            f"legal_name: BUM Desa Sintetis {b}\nvillage: \"{villages[b]}\"\nfounded: \"2019\"\n"
            f"description:\n  id: {ID_TEXT}\n  en: {EN_TEXT}\n  zh: {ZH_TEXT}\n", encoding="utf-8")
    for p in range(products):
        b = p % bumdes
        folder = target / "products" / f"bumdes-sintetis-{b:05d}"
        product_id = f"produk-{p:05d}"
        text = product_yaml(product_id, categories[p % len(categories)], p, rng)
        if rng.random() < photo_share:
            name = f"{product_id}.jpg"
            (folder / name).write_bytes(photos[p % len(photos)] + p.to_bytes(4, "big"))
            text += f"photos:\n  - file: {name}\n    alt: {{id: Foto produk {p}, en: Product photo {p}, zh: 产品照片 {p}}}\n"
        (folder / f"{product_id}.yml").write_text(text, encoding="utf-8")
