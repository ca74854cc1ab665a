"""The sample catalog that `make build` shows: valid, complete in every language, and every link resolves."""

from __future__ import annotations


import pytest

from conftest import ROOT, TODAY, jpeg_markers, riff_chunks
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


def test_every_internal_link_anchor_image_and_srcset_resolves(sample_site):
    assert check_site_links(sample_site) == []


def test_the_link_check_finds_a_broken_link(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "a/index.html").write_text('<a href="../b/">b</a><img src="x.webp"><a href="#nope">n</a>'
                                           '<img srcset="y.jpg 320w, ../a/index.html 640w">')
    problems = check_site_links(tmp_path)
    assert problems == [
        "a/index.html:1: ../b/: no such file",
        "a/index.html:1: x.webp: no such file",
        "a/index.html:1: #nope: no element with id 'nope'",
        "a/index.html:1: y.jpg: no such file",
    ]


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
