"""The sample catalog that `make build` shows: valid, complete in every language, and every link resolves."""

from __future__ import annotations


import pytest

from conftest import ROOT, TODAY, jpeg_bytes, jpeg_markers, riff_chunks
from generator.build import check_catalog
from generator.issues import Severity
from generator.links import check_site_links

pytestmark = pytest.mark.slow


def test_sample_catalog_passes_check_without_a_warning():
    issues = check_catalog(ROOT, today=TODAY).issues
    assert [i.format("en") for i in issues] == []


@pytest.mark.parametrize("years", [5, 50])
def test_sample_catalog_still_passes_check_years_from_now(years):
    """Time alone never makes `make build` fail: expiring certificates and old facts are warnings."""
    later = TODAY.replace(year=TODAY.year + years)
    issues = check_catalog(ROOT, today=later).issues
    assert [i.format("en") for i in issues if i.severity is Severity.ERROR] == []
    assert {i.code for i in issues} <= {"rule.cert_expired", "rule.cert_expiring", "rule.stale_facts"}


def test_sample_catalog_meets_the_brief():
    validated = check_catalog(ROOT, today=TODAY)
    provinces = {b.model.village[:2] for b in validated.bumdes}
    with_photos = [p for p in validated.products if p.model.photos]
    assert len(validated.products) >= 12 and len(validated.bumdes) >= 6 and len(provinces) >= 4
    assert len(with_photos) * 2 >= len(validated.products)
    categories = {p.model.category for p in validated.products}
    assert {"seafood", "moringa", "essential-oils", "fruit", "flour"} <= categories
    for checked in [*validated.products, *validated.bumdes]:
        for field in ("name", "description"):
            assert set(getattr(checked.model, field)) >= {"id", "en", "zh"}, (checked.where, field)


def test_the_sample_catalog_shows_every_trade_field_on_at_least_two_products():
    """What a buyer checks (issue #19): a certificate file, a laboratory analysis, two photos, price tiers,
    a container load and export documents, each on two products or more, so every part of a page is seen."""
    products = check_catalog(ROOT, today=TODAY).products
    counts = {
        "certificate file": sum(any(c.file for c in p.model.certifications) for p in products),
        "analysis with file": sum(any(a.file and a.results for a in p.model.analyses) for p in products),
        "two photos": sum(len(p.model.photos) >= 2 for p in products),
        "price tiers": sum(len(p.model.price_tiers) >= 2 for p in products),
        "container load": sum(bool(p.model.container_load) for p in products),
        "export documents": sum(bool(p.model.export_documents) for p in products),
        "payment terms": sum(bool(p.model.payment_terms) for p in products),
    }
    assert {name: count for name, count in counts.items() if count < 2} == {}


def test_the_contributor_guides_example_files_pass_the_check(tmp_path):
    """CONTRIBUTING.md's complete example product, in both languages, is what contributors copy."""
    import re
    import shutil

    guide = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
    examples = re.findall(r"```yaml\n(# yaml-language-server: \$schema=../../schemas/product.schema.json\n.*?)```", guide, re.S)
    assert len(examples) == 2
    for index, example in enumerate(examples):
        root = tmp_path / f"catalog{index}"
        root.mkdir()
        for name in ("site_config.yml", "regions", "products", "theme"):
            source = ROOT / name
            (shutil.copytree if source.is_dir() else shutil.copy)(source, root / name)
        product_id = re.search(r"^id: (\S+)$", example, re.M).group(1)
        folder = root / "products/bumdes-hijau-lestari-pombewe"
        (folder / f"{product_id}.yml").write_text(example, encoding="utf-8")
        for photo in re.findall(r"file: (\S+\.jpe?g)$", example, re.M):  # the photos the contributor uploads
            (folder / photo).write_bytes(jpeg_bytes((1600, 1200)))
        issues = check_catalog(root, today=TODAY).issues
        assert [i.format("en") for i in issues if i.severity is Severity.ERROR] == [], f"example {index + 1}"


def test_every_internal_link_anchor_image_and_srcset_resolves(sample_site):
    assert check_site_links(sample_site) == []


def test_the_link_check_finds_a_broken_link(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "a/index.html").write_text('<a href="../b/">b</a><img src="x.webp"><a href="#nope">n</a>'
                                           '<img srcset="y.jpg 320w, ../a/index.html 640w"><video poster="p.jpg"></video>')
    problems = check_site_links(tmp_path)
    assert problems == [
        "a/index.html:1: ../b/: no such file",
        "a/index.html:1: x.webp: no such file",
        "a/index.html:1: #nope: no element with id 'nope'",
        "a/index.html:1: y.jpg: no such file",
        "a/index.html:1: p.jpg: no such file",
    ]


def test_ports_are_named_in_the_pages_language_and_in_the_source_language_in_the_csv(sample_site):
    """A Chinese buyer reads CIP 香港国际机场 and FCA 帕卢 … 机场, not the Indonesian "Bandara"; a place written as
    plain text (or per language) reaches the open data too."""
    import csv
    import json
    from html import unescape
    from re import sub

    def words(lang: str) -> str:
        html = (sample_site / lang / "products" / "kepiting-bakau-hidup" / "index.html").read_text(encoding="utf-8")
        return " ".join(unescape(sub(r"<[^>]+>", " ", html)).split())

    assert "香港国际机场" in words("zh") and "帕卢 Mutiara SIS Al-Jufri 机场" in words("zh") and "Bandara" not in words("zh")
    assert "Mutiara SIS Al-Jufri Airport, Palu" in words("en") and "Bandara" not in words("en")
    assert "Bandara Mutiara SIS Al-Jufri, Palu" in words("id")
    kelor = (sample_site / "zh" / "products" / "bubuk-daun-kelor" / "index.html").read_text(encoding="utf-8")
    assert "上海" in unescape(kelor.split('class="vc-spec vc-prices"', 2)[2].split("</table>")[0])  # the CIF tier's caption
    # The quote form's Incoterm choices: shown in the page's language, sent with the English beside it.
    terms = json.loads(unescape(words_attr(sample_site, "zh", "kepiting-bakau-hidup", "data-terms")))
    assert terms == [["FCA 帕卢 Mutiara SIS Al-Jufri 机场", "FCA 帕卢 Mutiara SIS Al-Jufri 机场 (Mutiara SIS Al-Jufri Airport, Palu)"],
                     ["CIP 香港国际机场", "CIP 香港国际机场 (Hong Kong International Airport)"]]
    assert json.loads(unescape(words_attr(sample_site, "en", "kepiting-bakau-hidup", "data-terms")))[0] == \
        "FCA Mutiara SIS Al-Jufri Airport, Palu"  # in English, shown is sent
    records = {r["id"]: r for r in json.loads((sample_site / "data" / "products.json").read_text(encoding="utf-8"))["products"]}
    assert records["kepiting-bakau-hidup"]["shipping"][1]["place"]["zh"] == "香港国际机场"
    with (sample_site / "data" / "products.csv").open(encoding="utf-8-sig", newline="") as handle:  # Excel's BOM
        rows = {row["id"]: row for row in csv.DictReader(handle)}
    assert rows["kepiting-bakau-hidup"]["shipping"] == "FCA Bandara Mutiara SIS Al-Jufri, Palu; CIP Bandara Internasional Hong Kong"


def words_attr(site, lang: str, product: str, name: str) -> str:
    """An attribute of a product page's quote section, as written (entities not yet decoded)."""
    import re

    html = (site / lang / "products" / product / "index.html").read_text(encoding="utf-8")
    section = html.split('<section class="vc-inquiry"', 1)[1].split(">", 1)[0]
    return re.search(rf'{name}="([^"]*)"', section).group(1)


def test_the_sample_video_says_nowhere_and_is_published(sample_site):
    """Like the sample photos, the repository's video records no place (tests/test_videos.py blanks located ones)."""
    source = (ROOT / "products/bumdes-hijau-lestari-pombewe/kelor-penjemuran.mp4").read_bytes()
    assert b"\xa9xyz" not in source and b"location" not in source
    (published,) = (sample_site / "media").glob("*.mp4")
    assert len(published.read_bytes()) == len(source)
    page = (sample_site / "en/products/bubuk-daun-kelor/index.html").read_text(encoding="utf-8")
    assert f'<source src="../../../media/{published.name}" type="video/mp4">' in page


def test_the_repositorys_photos_say_nowhere():
    """What git keeps forever carries no location: the sample photos were stripped with `make strip-location`
    (pixels untouched). Photos with GPS live only in tests, made by Pillow (conftest.gps_jpeg_bytes,
    test_metadata.py, test_images.py, test_intake.py)."""
    import subprocess

    from generator.metadata import image_kind, location_tags

    tracked = subprocess.run(["git", "ls-files", "-z", "--", "products", "theme"], cwd=ROOT, capture_output=True, check=True).stdout
    photos = [ROOT / name for name in tracked.decode().split("\0") if name and image_kind((ROOT / name).read_bytes()[:12])]
    assert len(photos) >= 15
    assert {str(path.relative_to(ROOT)): tags for path in photos if (tags := location_tags(path))} == {}


def test_sample_photos_were_re_encoded_without_metadata(sample_site):
    from PIL import Image

    for path in list((sample_site / "media").glob("*.jpg"))[:10] + list((sample_site / "media").glob("*.webp"))[:10]:
        with Image.open(path) as image:
            assert not image.getexif(), path
            assert "icc_profile" not in image.info and "xmp" not in image.info, path
        # No segment or chunk that could carry metadata (EXIF, XMP, ICC, comments) at all; a search for
        # b"GPS" would also match compressed pixels by chance.
        raw = path.read_bytes()
        if path.suffix == ".jpg":
            assert not [m for m in jpeg_markers(raw) if 0xE1 <= m <= 0xEF or m == 0xFE], path
        else:
            assert set(riff_chunks(raw)) <= {b"VP8 ", b"VP8L"}, path


def test_the_built_site_holds_the_village_finder_the_publish_keeps(sample_site):
    """`make build` writes the finder at kontributor/kode-desa/; publishing the site uploads it and deletes none of it."""
    from generator.load import load_document
    from generator.pages import VILLAGE_FINDER
    from generator.publish import StoredFile, plan_publish, scan_site
    from generator.villages import plan_village_finder, read_register

    base_url = load_document(ROOT / "site_config.yml").data["base_url"]
    expected = plan_village_finder(read_register(), base_url)
    folder = sample_site / VILLAGE_FINDER
    built = {path.relative_to(folder).as_posix(): path.read_bytes() for path in folder.rglob("*") if path.is_file()}
    assert "data/index.json" in built and built == expected
    assert f'<link rel="canonical" href="{base_url}{VILLAGE_FINDER}">' in built["index.html"].decode()
    files = scan_site(sample_site)
    finder_files = {path for path in files if path.startswith(VILLAGE_FINDER)}
    assert len(finder_files) == len(expected)
    # Every file has a Content-Type (or the plan would refuse it); a bucket that holds the finder keeps it,
    # while a page the site no longer has goes.
    assert finder_files <= set(plan_publish(files, {}).uploads)
    bucket = {**files, "en/products/gone/index.html": StoredFile(1, "x")}
    assert plan_publish(files, bucket).deletions == ["en/products/gone/index.html"]
