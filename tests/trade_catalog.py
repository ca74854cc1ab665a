"""A small catalog with what a buyer checks before asking: documents, tiers, container load, two contacts.

Three products in two provinces: moringa powder with every trade field (a certificate PDF, a laboratory
report photographed, two photos, price tiers under two Incoterms, a container load, export documents),
live crab sold by the tonne, and moringa sold by the container from a BUMDes no agent serves, so its
inquiries go to the dealer while the other two go to the regional agent.
"""

from __future__ import annotations

import io

from PIL import Image, ImageDraw

from conftest import BUMDES, CONFIG, PRODUCT, jpeg_bytes

KELOR = "kelor-powder"
CRAB = "mud-crab"
CONTAINER = "kelor-bulk"
AGENT_EMAIL = "palu@example.com"
DEALER_EMAIL = "dealer@example.com"
DEALER_ALIBABA = "https://dealer.en.alibaba.com/"
VERIFY_URL = "https://halal.go.id/cek/ID123"

TRADE_CONFIG = (
    CONFIG
    .replace("  wechat: DealerUji\n", "  wechat: DealerUji\n"
             f"  alibaba_url: {DEALER_ALIBABA}\n"
             "  legal_name: PT Dealer Uji Ekspor\n"
             "  registration: NIB 9120001234567\n"
             "  since: 2012\n"
             "  response_time: {id: Dibalas dalam satu hari kerja, en: Replies within one working day, zh: 一个工作日内回复}\n"
             "  payment_terms: [tt]\n"
             "  people:\n"
             "    - {name: Chen Wei, role: {id: Penjualan Tiongkok, en: Sales for China, zh: 中国区销售}, languages: [zh, en]}\n")
    .replace('    kg: {name: {id: kg, en: kg, zh: 公斤}, family: mass, base: "1"}\n',
             '    kg: {name: {id: kg, en: kg, zh: 公斤}, family: mass, base: "1"}\n'
             '    tonne: {name: {id: ton, en: tonne, zh: 吨}, plural: {en: tonnes}, family: mass, base: "1000"}\n'
             '    container-20ft: {name: {id: kontainer 20 kaki, en: 20 ft container, zh: 20英尺集装箱}, family: container-20ft, base: "1"}\n')
    .replace("verify_hosts: [halal.go.id]}\n", "verify_hosts: [halal.go.id]}\n"
             "    sucofindo: {name: {id: Sucofindo, en: Sucofindo (laboratory), zh: Sucofindo 检测实验室}, verify_hosts: [sucofindo.co.id]}\n")
    + "  payment_terms:\n"
      "    tt: {name: {id: T/T (transfer bank), en: T/T (bank transfer), zh: 电汇（T/T）}}\n"
      "    lc: {name: {id: L/C, en: L/C (letter of credit), zh: 信用证（L/C）}}\n"
      "  export_documents:\n"
      "    coo-form-e: {name: {id: SKA Form E (ACFTA), en: Certificate of origin Form E (ACFTA), zh: 中国—东盟原产地证书（E表）}}\n"
      "    coa: {name: {id: Sertifikat analisis (COA), en: Certificate of analysis (COA), zh: 分析证书（COA）}}\n"
)

KELOR_PRODUCT = (
    PRODUCT.replace(
        "  - {type: halal, number: ID123, issuer: bpjph, valid_until: 2028-01-31}\n",
        f"  - {{type: halal, number: ID123, issuer: bpjph, issued: 2025-01-31, valid_until: 2028-01-31, file: halal.pdf, verify_url: {VERIFY_URL}}}\n")
    + "photos:\n"
      "  - {file: kelor.jpg, alt: {id: Bubuk kelor dalam mangkuk, en: Moringa powder in a bowl}}\n"
      "  - {file: kemasan.jpg, alt: {id: Karung 25 kg, en: 25 kg bags ready to ship}}\n"
      "analyses:\n"
      "  - lab: sucofindo\n"
      "    number: LHU-2026-0917\n"
      "    sample_date: 2026-09-10\n"
      "    file: coa.jpg\n"
      "    results:\n"
      "      - {name: {id: Kadar air, en: Moisture, zh: 水分}, value: 6.2 %}\n"
      "      - {name: {id: Angka lempeng total, en: Total plate count, zh: 菌落总数}, value: \"< 10 CFU/g\"}\n"
      "price_tiers:\n"
      "  - {min_quantity: \"500\", price: \"4.2\", currency: USD, unit: kg, incoterm: FOB, place: \"Pantoloan, Palu\"}\n"
      "  - {min_quantity: \"5\", price: \"3500\", currency: USD, unit: tonne, incoterm: FOB, place: \"Pantoloan, Palu\"}\n"
      "  - {min_quantity: \"1000\", price: \"4.6\", currency: USD, unit: kg, incoterm: CIF, place: Qingdao}\n"
      "payment_terms: [tt, lc]\n"
      "container_load:\n"
      "  - {container: container-20ft, quantity: \"12\", unit: tonne, net_weight_kg: \"12000\", gross_weight_kg: \"12480\"}\n"
      "export_documents: [coo-form-e, coa]\n"
)

CRAB_PRODUCT = (
    PRODUCT.replace("id: kelor-powder", f"id: {CRAB}")
    .replace("category: moringa", "category: seafood")
    .replace("{id: Bubuk daun kelor, en: Moringa leaf powder, zh: 辣木叶粉}", "{id: Kepiting bakau hidup, en: Live mud crab, zh: 鲜活青蟹}")
    .replace('hs_code: "121190"', 'hs_code: "030633"')
    .replace('moq: {quantity: "500", unit: kg}', 'moq: {quantity: "2", unit: tonne}')
    .replace("samples: {policy: paid}", "samples: {policy: none}")
)

PATTIMANG = (
    BUMDES.replace("id: bumdes-maju", "id: bumdes-pattimang")
    .replace("{id: BUMDes Maju, en: Maju Village Enterprise, zh: 马久村企业}", "{id: BUMDes Pattimang, en: Pattimang Village Enterprise}")
    .replace("72.10.01.2009", "73.22.01.2001")
    .replace("agent: agen-palu\n", "")
)

BULK_PRODUCT = (
    PRODUCT.replace("id: kelor-powder", f"id: {CONTAINER}")
    .replace("{id: Bubuk daun kelor, en: Moringa leaf powder, zh: 辣木叶粉}", "{id: Daun kelor kering curah, en: Bulk dried moringa leaves, zh: 散装辣木干叶}")
    .replace('moq: {quantity: "500", unit: kg}', 'moq: {quantity: "1", unit: container-20ft}')
)

SOUTH_SULAWESI = """\
province:
  code: "73"
  name: {id: Sulawesi Selatan, en: South Sulawesi, zh: 南苏拉威西省}
regencies:
  - code: "73.22"
    name: {id: Kabupaten Luwu Utara, en: North Luwu Regency}
"""

def paper_pdf(title: str) -> bytes:
    """A one-page scanned-paper PDF, as a phone's scanner app makes it (an image on an A4 page)."""
    page = Image.new("RGB", (1240, 1754), "white")
    draw = ImageDraw.Draw(page)
    draw.rectangle((100, 100, 1140, 300), fill=(20, 90, 60))
    draw.text((120, 420), title, fill="black")
    buffer = io.BytesIO()
    page.save(buffer, "PDF", resolution=150)
    return buffer.getvalue()

def trade_files() -> dict[str, str | bytes]:
    """The files of the catalog, for conftest.write_catalog."""
    return {
        "site_config.yml": TRADE_CONFIG,
        "regions/73-sulawesi-selatan.yml": SOUTH_SULAWESI,
        f"products/bumdes-maju/{KELOR}.yml": KELOR_PRODUCT,
        "products/bumdes-maju/kelor.jpg": jpeg_bytes((1400, 1000)),
        "products/bumdes-maju/kemasan.jpg": jpeg_bytes((1200, 900), (180, 140, 90)),
        "products/bumdes-maju/halal.pdf": paper_pdf("HALAL CERTIFICATE ID123"),
        "products/bumdes-maju/coa.jpg": jpeg_bytes((1000, 1400), (235, 235, 230)),
        f"products/bumdes-maju/{CRAB}.yml": CRAB_PRODUCT,
        "products/bumdes-pattimang/bumdes.yml": PATTIMANG,
        f"products/bumdes-pattimang/{CONTAINER}.yml": BULK_PRODUCT,
    }
