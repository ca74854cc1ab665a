"""What a buyer checks before asking, on the built pages: documents, prices, container load, the dealer.

The catalog of tests/trade_catalog.py is built once with the real `mkdocs build --strict`; the tests read
the pages as text (the browser tests in test_browser.py click and send).
"""

from __future__ import annotations

import json
import re
from html import unescape
from pathlib import Path

import pikepdf
import pytest

from conftest import TODAY, write_catalog
from generator.build import build_site, check_catalog
from generator.issues import Severity
from trade_catalog import CONTAINER, CRAB, KELOR, KELOR_PRODUCT, VERIFY_URL, paper_pdf, trade_files

pytestmark = pytest.mark.slow

KELOR_FILE = f"products/bumdes-maju/{KELOR}.yml"


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    root = write_catalog(tmp_path_factory.mktemp("trust") / "catalog", trade_files(), with_theme=True)
    issues = build_site(root, out=None, today=TODAY)
    assert [i.format("en") for i in issues if i.severity is not Severity.INFO] == []
    return root / "site"


def page(site: Path, lang: str, path: str) -> str:
    return (site / lang / path / "index.html").read_text(encoding="utf-8")


def text_of(html: str) -> str:
    """The page's words, tags dropped and entities decoded, spaces collapsed."""
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", html)).split())


def section(html: str, marker: str) -> str:
    return html.split(marker, 1)[1].split("</section>", 1)[0]


@pytest.mark.parametrize(("lang", "order"), [
    ("en", [CONTAINER, CRAB, KELOR]),   # Bulk dried…, Live mud crab, Moringa leaf powder
    ("id", [KELOR, CONTAINER, CRAB]),   # Bubuk…, Daun…, Kepiting…
    ("zh", [KELOR, CONTAINER, CRAB]),   # là mù (辣木叶粉), sǎn zhuāng (散装…), xiān huó (鲜活青蟹): by pinyin
])
def test_listings_are_sorted_by_name_as_readers_of_the_language_expect(site, lang, order):
    listed = re.findall(r'class="vc-card__add" data-basket-add="([^"]+)"', page(site, lang, "products"))
    assert listed == order


def test_a_certificate_is_published_as_a_clean_pdf_with_a_preview_of_page_one(site):
    html = page(site, "en", f"products/{KELOR}")
    docs = section(html, 'id="docs-title"')
    href = re.search(r'<a href="([^"]+\.pdf)" download>View the certificate \(PDF, 1 p\., \d+ kB\)</a>', docs).group(1)
    pdf_path = (site / "en" / "products" / KELOR / href).resolve()
    assert pdf_path.is_relative_to(site / "media")
    with pikepdf.open(pdf_path) as pdf:
        assert len(pdf.pages) == 1
        assert "/Names" not in pdf.Root and "/OpenAction" not in pdf.Root and "/AcroForm" not in pdf.Root
        assert not pdf.docinfo.keys() and "/Metadata" not in pdf.Root
    preview = re.search(r'<a class="vc-doc__preview" href="[^"]+"><picture[^>]*>.*?<img[^>]* src="([^"]+)"', docs, re.S).group(1)
    assert (site / "en" / "products" / KELOR / preview).resolve().is_file()
    words = text_of(docs)
    assert "Halal ID123 BPJPH (Halal Product Assurance Agency) · issued January 31, 2025 · valid until January 31, 2028" in words
    assert f'<a href="{VERIFY_URL}" target="_blank" rel="noopener noreferrer">Verify at the issuer</a>' in docs


def test_a_laboratory_analysis_shows_lab_sample_date_and_results(site):
    docs = section(page(site, "en", f"products/{KELOR}"), 'id="docs-title"')
    words = text_of(docs)
    assert "Sucofindo (laboratory) · LHU-2026-0917 · sampled September 10, 2026 · View the report (photo)" in words
    assert "Total plate count < 10 CFU/g" in words and "&lt; 10 CFU/g" in docs  # escaped, not markup
    zh = text_of(section(page(site, "zh", f"products/{KELOR}"), 'id="docs-title"'))
    assert "Sucofindo 检测实验室 · LHU-2026-0917 · 取样日期 2026年9月10日" in zh and "菌落总数 < 10 CFU/g" in zh


def test_export_documents_are_a_list_a_buyer_can_scan(site):
    docs = section(page(site, "zh", f"products/{KELOR}"), 'id="docs-title"')
    assert re.findall(r"<li>([^<]+)</li>", docs.split('class="vc-checklist"')[1]) == ["中国—东盟原产地证书（E表）", "分析证书（COA）"]


@pytest.mark.parametrize(("lang", "expected"), [
    ("en", "FOB Pantoloan, Palu from 500 kg US$4.20 per kg from 5 tonnes US$3,500.00 per tonne "
           "CIF Qingdao from 1,000 kg US$4.60 per kg"),
    ("id", "FOB Pantoloan, Palu mulai 500 kg US$4,20 per kg mulai 5 ton US$3.500,00 per ton "
           "CIF Qingdao mulai 1.000 kg US$4,60 per kg"),
    ("zh", "FOB Pantoloan, Palu 500 公斤起 US$4.20/公斤 5 吨起 US$3,500.00/吨 CIF Qingdao 1,000 公斤起 US$4.60/公斤"),
])
def test_price_tiers_read_by_incoterm_and_place_from_the_smallest_order_up(site, lang, expected):
    trade = section(page(site, lang, f"products/{KELOR}"), 'id="trade-title"')
    tables = text_of("".join(re.findall(r'<table class="vc-spec vc-prices">.*?</table>', trade, re.S)))
    assert tables == expected


@pytest.mark.parametrize(("lang", "expected"), [
    ("en", "1 × 20 ft container: 12 tonnes (net 12,000 kg, gross 12,480 kg)"),
    ("zh", "1 × 20英尺集装箱：12 吨（净重 12,000 公斤，毛重 12,480 公斤）"),
])
def test_container_load_is_written_with_a_times_sign(site, lang, expected):
    trade = section(page(site, lang, f"products/{KELOR}"), 'id="trade-title"')
    assert text_of(trade.split('<ul class="vc-checklist">')[1]) == expected


def test_payment_terms_are_the_products_own_else_the_dealers(site):
    def payment(path: str) -> str:
        return text_of(re.search(r"<dt>Payment terms</dt><dd>(.*?)</dd>", page(site, "en", path)).group(1))

    assert payment(f"products/{KELOR}") == "T/T (bank transfer) and L/C (letter of credit)"
    assert payment(f"products/{CRAB}") == "T/T (bank transfer)"


def test_the_dealers_credentials_on_product_and_contact_pages(site):
    aside = page(site, "en", f"products/{CRAB}").split('<aside class="vc-dealer"')[1].split("</aside>")[0]
    assert "PT Dealer Uji Ekspor · NIB 9120001234567 · exporting since 2012 · Replies within one working day" in text_of(aside)
    contact = page(site, "zh", "contact")
    for fact in ("授权经销商：PT Dealer Uji Ekspor", "<dd>NIB 9120001234567</dd>", "<dd>一个工作日内回复</dd>",
                 "<dd>自 2012 年起从事出口</dd>", "<li><strong>Chen Wei</strong>, 中国区销售 · 会说中文和英语</li>"):
        assert fact in contact, fact
    # The languages each person answers in, named in the page's language rather than each in its own.
    assert "<li><strong>Chen Wei</strong>, Sales for China · speaks Chinese and English</li>" in page(site, "en", "contact")
    assert "<li><strong>Chen Wei</strong>, Penjualan Tiongkok · berbahasa Tionghoa dan Inggris</li>" in page(site, "id", "contact")
    # One reply time, the dealer's own: the project's "after you ask" steps name none of their own.
    for lang, said in (("en", "working day"), ("id", "hari kerja"), ("zh", "工作日")):
        assert text_of(page(site, lang, "contact")).count(said) == 1, lang


def test_the_quote_box_says_whom_a_request_goes_to_and_for_whom(site):
    """A product served by a regional agent names the agent and the dealer it acts for, on screen and on paper."""
    leads = {}
    for product in (CRAB, KELOR, CONTAINER):
        inquiry = page(site, "zh", f"products/{product}").split('<section class="vc-inquiry"')[1].split("</p>")[0]
        leads[product] = text_of(inquiry.split("<p>")[1])
    assert leads == {CRAB: "您的询价将发送给 Agen Palu，即授权经销商 PT Dealer Uji Ekspor 在本地区的代理，由其代表经销商回复报价。",
                     KELOR: "您的询价将发送给 Agen Palu，即授权经销商 PT Dealer Uji Ekspor 在本地区的代理，由其代表经销商回复报价。",
                     CONTAINER: "您的询价将发送给授权经销商 Dealer Uji，由其回复报价。"}  # the dealer itself


@pytest.mark.parametrize(("lang", "said"), [("zh", "找不到该页面"), ("en", "Page not found"), ("id", "Halaman tidak ditemukan")])
def test_an_address_that_does_not_exist_answers_in_the_folders_language_with_the_ways_on(site, lang, said):
    html = (site / lang / "404.html").read_text(encoding="utf-8")
    assert f"<h1>{said}</h1>" in html and "404 - Not found" not in html
    links = re.findall(r'<a href="(https://example\.org/catalog/[^"]*)"', html.split("<h1>", 1)[1])
    assert {f"https://example.org/catalog/{lang}/{path}" for path in ("products/", "regions/", "contact/")} <= set(links), links


def test_units_offered_for_a_quantity_fit_the_product(site):
    """The form is drawn by inquiry.js from the language's kit (test_browser checks the drawn form); here, what
    it draws from: the product's unit and family, whether it offers samples, and every unit's family."""
    section = re.search(r'<section class="vc-inquiry"[^>]*>', page(site, "en", f"products/{CRAB}")).group(0)
    assert 'data-unit="tonne"' in section and 'data-family="mass"' in section
    # Samples are not offered for crab, so the form does not ask about one.
    assert "data-samples" not in section
    assert "data-samples" in re.search(r'<section class="vc-inquiry"[^>]*>', page(site, "en", f"products/{KELOR}")).group(0)
    kit = (site / "en" / "assets" / "vc" / "kit.js").read_text(encoding="utf-8")
    form = json.loads(kit.partition("window.vcKit = ")[2].rstrip().rstrip(";"))["form"]
    units = dict(re.findall(r'<option value="([^"]+)" data-family="([^"]+)"', form))
    assert units == {"kg": "mass", "tonne": "mass", "container-20ft": "container-20ft"}


def test_a_missing_or_linked_certificate_file_is_an_error_at_its_line(tmp_path):
    files = trade_files()
    del files["products/bumdes-maju/halal.pdf"]
    root = write_catalog(tmp_path / "missing", files)
    line = KELOR_PRODUCT.splitlines().index(next(l for l in KELOR_PRODUCT.splitlines() if "file: halal.pdf" in l)) + 1
    found = [i.format("en") for i in check_catalog(root, today=TODAY).issues if i.severity is Severity.ERROR]
    assert len(found) == 1 and found[0].startswith(f"{KELOR_FILE}:{line}:")
    assert "certifications[0].file: file 'halal.pdf' not found next to this file" in found[0]

    root = write_catalog(tmp_path / "linked", {k: v for k, v in trade_files().items() if k != "products/bumdes-maju/halal.pdf"})
    (tmp_path / "outside.pdf").write_bytes(paper_pdf("NOT HERE"))
    (root / "products/bumdes-maju/halal.pdf").symlink_to(tmp_path / "outside.pdf")
    found = [i.format("en") for i in check_catalog(root, today=TODAY).issues if i.severity is Severity.ERROR]
    assert found == [f"{found[0].split(': error')[0]}: error: certifications[0].file: file 'halal.pdf' is a symbolic link (upload the real file)"]
    assert found[0].startswith(f"{KELOR_FILE}:{line}:")


def test_a_pdf_with_javascript_is_published_without_it(tmp_path):
    """A stranger's PDF is accepted by its content and rewritten clean: its script never reaches a buyer."""
    import io

    pdf = pikepdf.open(io.BytesIO(paper_pdf("HALAL")))
    pdf.Root.OpenAction = pikepdf.Dictionary(S=pikepdf.Name.JavaScript, JS=pikepdf.String("app.alert(1)"))
    hostile = io.BytesIO()
    pdf.save(hostile)
    root = write_catalog(tmp_path / "catalog", {**trade_files(), "products/bumdes-maju/halal.pdf": hostile.getvalue()}, with_theme=True)
    assert [i.format("en") for i in build_site(root, out=None, today=TODAY) if i.severity is not Severity.INFO] == []
    (published,) = (root / "site" / "media").glob("*.pdf")
    assert b"app.alert" not in published.read_bytes() and b"/JavaScript" not in published.read_bytes()
    with pikepdf.open(published) as clean:
        assert "/OpenAction" not in clean.Root and len(clean.pages) == 1


def test_an_expired_certificate_and_its_file_are_withdrawn_from_the_site(tmp_path):
    files = {**trade_files(), KELOR_FILE: KELOR_PRODUCT.replace("valid_until: 2028-01-31", "valid_until: 2026-11-01")}
    root = write_catalog(tmp_path / "catalog", files, with_theme=True)
    issues = build_site(root, out=None, today=TODAY)
    assert [i.code for i in issues if i.severity is Severity.WARNING] == ["rule.cert_expired"]
    html = page(root / "site", "en", f"products/{KELOR}")
    assert "ID123" not in html and ".pdf" not in html
    assert not list((root / "site" / "media").glob("*.pdf"))
