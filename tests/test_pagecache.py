"""The page cache never serves stale output: after any change, a rebuild equals a build from nothing."""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path

import pytest

from conftest import CRAB, PRODUCT, TODAY, jpeg_bytes, write_catalog
from generator.build import PAGE_CACHE, BuildReport, build_site
from generator.issues import Severity

pytestmark = pytest.mark.slow

K = "products/bumdes-maju/kelor-powder.yml"
CRAB_FILE = "products/bumdes-maju/kepiting-hidup.yml"
PHOTO = "products/bumdes-maju/kelor.jpg"
WITH_PHOTO = PRODUCT + "photos:\n  - {file: kelor.jpg, alt: {id: Bubuk kelor, en: Moringa powder}}\n"
SECOND_PRODUCT = PRODUCT.replace("id: kelor-powder", "id: kelor-tea").replace("en: Moringa leaf powder", "en: Moringa leaf tea")
OTHER_BUMDES = {
    "products/bumdes-lain/bumdes.yml": (Path(__file__).parent / "conftest.py").read_text().split('BUMDES = """\\\n')[1]
    .split('"""')[0].replace("id: bumdes-maju", "id: bumdes-lain"),
    "products/bumdes-lain/kelor-tea.yml": SECOND_PRODUCT,
}
"""A second BUMDes (same regency) with one moringa product."""


def build(root: Path, today=TODAY) -> BuildReport:
    report = BuildReport()
    issues = build_site(root, out=None, today=today, report=report)
    assert [i.format("en") for i in issues if i.severity is Severity.ERROR] == []
    return report


def tree(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def clean_build(root: Path, tmp_path: Path, today=TODAY) -> dict[str, bytes]:
    """The same catalog built in a fresh copy, without any cache."""
    fresh = tmp_path / "fresh"
    shutil.rmtree(fresh, ignore_errors=True)
    shutil.copytree(root, fresh, ignore=shutil.ignore_patterns(".cache", ".build", "site", ".trash-*"))
    build(fresh, today)
    return tree(fresh / "site")


def edit(root: Path, name: str, old: str, new: str) -> None:
    path = root / name
    text = path.read_text(encoding="utf-8")
    assert old in text, (name, old)
    path.write_text(text.replace(old, new), encoding="utf-8")


CHANGES = {
    "a product's name": lambda root: edit(root, K, "en: Moringa leaf powder", "en: Moringa powder new harvest"),
    "another product of the same BUMDes (its card is on the page)": lambda root: edit(root, CRAB_FILE, "en: Live mud crab", "en: Live mangrove crab"),
    "a product added to the BUMDes": lambda root: (root / "products/bumdes-maju/kelor-tea.yml").write_text(SECOND_PRODUCT, encoding="utf-8"),
    "a product removed": lambda root: (root / CRAB_FILE).unlink(),
    "the BUMDes": lambda root: edit(root, "products/bumdes-maju/bumdes.yml", "en: Maju Village Enterprise", "en: Maju Enterprise"),
    "a region name": lambda root: edit(root, "regions/72-sulawesi-tengah.yml", "en: Sigi Regency", "en: Sigi"),
    "a photo": lambda root: (root / PHOTO).write_bytes(jpeg_bytes((1300, 1000), (200, 60, 60))),
    "a UI string": lambda root: edit(root, "theme/strings/en.yml", "Request a quote", "Ask for a quote"),
    "a product's category (both category pages list it or not)": lambda root: (
        edit(root, K, "category: moringa", "category: seafood"), edit(root, K, 'hs_code: "121190"', 'hs_code: "030633"')),
    "site_config.yml": lambda root: edit(root, "site_config.yml", "name: Dealer Uji", "name: Dealer Baru"),
}


@pytest.mark.parametrize("change", CHANGES)
def test_a_rebuild_after_a_change_equals_a_build_from_nothing(tmp_path: Path, change: str) -> None:
    root = write_catalog(tmp_path / "catalog", {K: WITH_PHOTO, PHOTO: jpeg_bytes(), CRAB_FILE: CRAB}, with_theme=True)
    first = build(root)
    assert first.pages_reused == 0
    CHANGES[change](root)
    build(root)
    assert tree(root / "site") == clean_build(root, tmp_path)


def test_a_certificate_that_expires_is_withdrawn_from_every_page_at_the_next_build(tmp_path: Path) -> None:
    root = write_catalog(tmp_path / "catalog", {CRAB_FILE: CRAB}, with_theme=True)
    build(root)
    page = root / "site" / "en" / "products" / "kelor-powder" / "index.html"
    assert "ID123" in page.read_text(encoding="utf-8")
    # The halal certificate is valid until 2028-01-31; no file changes, only the build's date.
    later = dt.date(2028, 2, 1)
    build(root, later)
    site = tree(root / "site")
    assert [name for name, data in site.items() if b"ID123" in data] == []
    assert site == clean_build(root, tmp_path, later)


def test_an_unchanged_catalog_reuses_every_page_that_does_not_read_the_whole_catalog(tmp_path: Path) -> None:
    root = write_catalog(tmp_path / "catalog", {CRAB_FILE: CRAB}, with_theme=True)
    build(root)
    before = tree(root / "site")
    again = build(root)
    # Two products, one BUMDes, its regency and province, two categories; in three languages.
    assert again.pages_reused == 7 * 3
    assert tree(root / "site") == before


def test_a_changed_product_rebuilds_only_the_pages_that_show_it(tmp_path: Path) -> None:
    root = write_catalog(tmp_path / "catalog", {
        CRAB_FILE: CRAB,
        **OTHER_BUMDES,
    }, with_theme=True)
    build(root)
    edit(root, K, "en: Moringa leaf powder", "en: Moringa powder")
    report = build(root)
    # bumdes-maju, kelor-powder, kepiting-hidup, the regency, the province and the moringa category are
    # built again; bumdes-lain, kelor-tea and the seafood category come from the cache.
    assert report.pages_reused == 3 * 3


def test_a_full_build_forgets_cache_entries_it_no_longer_uses(tmp_path: Path) -> None:
    root = write_catalog(tmp_path / "catalog", {CRAB_FILE: CRAB}, with_theme=True)
    build(root)
    cache = root / PAGE_CACHE / "all" / "en"
    count = len(list(cache.iterdir()))
    edit(root, K, "en: Moringa leaf powder", "en: Moringa powder")
    build(root)
    assert len(list(cache.iterdir())) == count


def test_a_full_build_forgets_the_photos_and_cards_it_no_longer_shows(tmp_path: Path) -> None:
    root = write_catalog(tmp_path / "catalog", {K: WITH_PHOTO, PHOTO: jpeg_bytes(), CRAB_FILE: CRAB}, with_theme=True)
    build(root)
    cache = root / ".cache" / "photos"
    first = {p.name for p in cache.iterdir()}
    assert any(name.endswith("-card.png") for name in first)  # the crab has no photo
    (root / PHOTO).write_bytes(jpeg_bytes((1300, 1000), (200, 60, 60)))
    (cache / ".left-by-a-killed-build.tmp").write_bytes(b"half")
    build(root)
    kept = {p.name for p in cache.iterdir()}
    published = {p.name for p in (root / "site" / "media").iterdir() if not p.name.startswith("qr-")}  # QR: made each build
    # What the site shows, and one manifest per photo; the replaced photo's outputs and the left-over are gone.
    assert kept - published == {name for name in kept if name.endswith(".json")} and len(kept - published) == 1
    assert published <= kept
    assert {name for name in first if name.endswith("-card.png")} <= kept
    assert not {name for name in first if name.endswith(".webp")} & kept


def test_a_one_bumdes_preview_keeps_the_photos_of_the_others(tmp_path: Path) -> None:
    root = write_catalog(tmp_path / "catalog", {**OTHER_BUMDES, K: WITH_PHOTO, PHOTO: jpeg_bytes()}, with_theme=True)
    build(root)
    cache = root / ".cache" / "photos"
    before = {p.name for p in cache.iterdir()}
    issues = build_site(root, out=tmp_path / "preview", today=TODAY, only_bumdes="bumdes-lain")
    assert [i.format("en") for i in issues if i.severity is Severity.ERROR] == []
    assert {p.name for p in cache.iterdir()} >= before  # bumdes-maju's photo was not in this build, and stays


def test_a_product_page_in_the_cache_is_the_one_published(tmp_path: Path) -> None:
    root = write_catalog(tmp_path / "catalog", with_theme=True)
    build(root)
    build(root)
    page = root / "site" / "en" / "products" / "kelor-powder" / "index.html"
    assert "Moringa leaf powder" in page.read_text(encoding="utf-8")
    assert page.stat().st_nlink >= 2  # hard-linked from the cache, not copied


def test_a_rebuild_rewrites_only_the_search_records_of_changed_pages(tmp_path: Path) -> None:
    root = write_catalog(tmp_path / "catalog", {
        **OTHER_BUMDES,
    }, with_theme=True)
    build(root)
    records = root / ".build" / "search" / "all" / "en"
    untouched = records / "products.kelor-tea.html"
    changed = records / "products.kelor-powder.html"
    inode = untouched.stat().st_ino
    edit(root, K, "en: Moringa leaf powder", "en: Moringa powder new harvest")
    build(root)
    assert untouched.stat().st_ino == inode  # left in place, not relinked
    assert "Moringa powder new harvest" in changed.read_text(encoding="utf-8")
    assert tree(root / "site") == clean_build(root, tmp_path)


def test_search_records_left_by_a_stopped_build_are_not_trusted(tmp_path: Path) -> None:
    root = write_catalog(tmp_path / "catalog", {CRAB_FILE: CRAB}, with_theme=True)
    build(root)
    # A build stopped while it changed the records leaves no index behind, and records of unknown age.
    (root / ".build" / "search" / "all" / "en.keys.json").unlink()
    records = root / ".build" / "search" / "all" / "en"
    record = records / "products.kepiting-hidup.html"
    record.unlink()
    record.write_text("<html><body><h1>stale</h1></body></html>", encoding="utf-8")
    orphan = records / "products.ghost.html"
    orphan.write_text("<html><body><h1>ghost</h1></body></html>", encoding="utf-8")
    build(root)
    assert "stale" not in record.read_text(encoding="utf-8")
    assert not orphan.exists()
    assert tree(root / "site") == clean_build(root, tmp_path)


def test_search_records_of_an_older_format_are_not_trusted(tmp_path: Path) -> None:
    root = write_catalog(tmp_path / "catalog", {CRAB_FILE: CRAB}, with_theme=True)
    build(root)
    # Format 1 kept one folder per record and an index of bare keys: such a folder must not be indexed.
    index = root / ".build" / "search" / "all" / "en.keys.json"
    index.write_text(json.dumps(json.loads(index.read_text(encoding="utf-8"))["keys"]), encoding="utf-8")
    old = root / ".build" / "search" / "all" / "en" / "products" / "kepiting-hidup" / "index.html"
    old.parent.mkdir(parents=True)
    old.write_text("<html><body><h1>old format</h1></body></html>", encoding="utf-8")
    build(root)
    assert not old.exists()
    assert tree(root / "site") == clean_build(root, tmp_path)


def test_a_one_bumdes_preview_leaves_the_whole_catalogs_search_records_alone(tmp_path: Path) -> None:
    root = write_catalog(tmp_path / "catalog", {
        **OTHER_BUMDES,
    }, with_theme=True)
    build(root)
    other = root / ".build" / "search" / "all" / "en" / "products.kelor-tea.html"
    inode = other.stat().st_ino
    issues = build_site(root, out=tmp_path / "preview", today=TODAY, only_bumdes="bumdes-maju")
    assert [i.format("en") for i in issues if i.severity is Severity.ERROR] == []
    assert other.stat().st_ino == inode
    assert not (tmp_path / "preview" / "en" / "products" / "kelor-tea").exists()


def test_a_new_block_that_reads_one_more_entity_is_cached_and_dated_by_what_it_read(tmp_path: Path, monkeypatch) -> None:
    """A product page gains "more from this category" (cards of another BUMDes' products) by changing only its
    view: no cache code knows of it, yet changing such a product rebuilds the page and moves its lastmod."""
    import dataclasses
    import os
    import re
    import subprocess

    from generator import kinds
    from generator.views import card_view

    original = kinds.PRODUCT_PAGE.view

    def with_category_block(ctx, page):
        view = original(ctx, page)
        product = ctx.read.product(page.subject)
        others = tuple(card_view(ctx, p) for p in ctx.read.products_in_category(product.data.category) if p.id != product.id)
        return dataclasses.replace(view, body=dataclasses.replace(view.body, related=others))

    monkeypatch.setattr(kinds, "PRODUCT_PAGE", dataclasses.replace(kinds.PRODUCT_PAGE, view=with_category_block))

    def commit(root: Path, when: str) -> None:
        env = {**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org", "GIT_COMMITTER_NAME": "t",
               "GIT_COMMITTER_EMAIL": "t@example.org", "GIT_AUTHOR_DATE": when, "GIT_COMMITTER_DATE": when}
        for args in (["add", "-A"], ["commit", "-q", "-m", when]):
            subprocess.run(["git", *args], cwd=root, check=True, capture_output=True, env=env)

    def lastmod(root: Path, url: str) -> str:
        sitemap = (root / "site/sitemap.xml").read_text(encoding="utf-8")
        return re.search(rf"<loc>https://example.org/catalog/en/{url}</loc>\n    <lastmod>([^<]+)</lastmod>", sitemap).group(1)

    root = write_catalog(tmp_path / "catalog", {**OTHER_BUMDES, ".gitignore": ".cache/\n.build/\nsite/\n"}, with_theme=True)
    subprocess.run(["git", "init", "-q", "-b", "main"], cwd=root, check=True)
    commit(root, "2026-11-01T00:00:00Z")
    build(root)
    page = root / "site/en/products/kelor-powder/index.html"
    assert "Moringa leaf tea" in page.read_text(encoding="utf-8")  # the other BUMDes' product, in the new block
    assert lastmod(root, "products/kelor-powder/") == "2026-11-01T00:00:00Z"

    edit(root, "products/bumdes-lain/kelor-tea.yml", "en: Moringa leaf tea", "en: Moringa tea first flush")
    commit(root, "2026-11-20T00:00:00Z")
    report = build(root)
    assert "Moringa tea first flush" in page.read_text(encoding="utf-8")
    assert lastmod(root, "products/kelor-powder/") == "2026-11-20T00:00:00Z"
    # The BUMDes page of kelor-powder shows nothing of kelor-tea: it stays cached and keeps its date.
    assert lastmod(root, "bumdes/bumdes-maju/") == "2026-11-01T00:00:00Z"
    assert report.pages_reused > 0
    assert tree(root / "site") == clean_build(root, tmp_path)
