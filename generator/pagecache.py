"""The page cache: a product or BUMDes page whose inputs have not changed is neither rendered nor built again.

A page's key hashes everything its HTML can depend on. The build's fingerprint covers what every page
reads: site_config.yml, regions/, theme/, the generator's own code and the installed packages
(versions.code_digest), the language and whether the whole catalog is built. A page adds its own inputs: the
bytes of the BUMDes and product files it shows and the names of their processed photos (which carry
their content hash); see _entries_shown. The home page, the all-products listing, the regions overview
and the info pages depend on the whole catalog: they are always rebuilt.

Entries are written once under their key and never changed, so the published site hard-links them.
A full build forgets the entries it did not use, so the cache stays the size of one site.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import uuid
from pathlib import Path
from typing import Iterable

from generator import write
from generator.catalog import BumdesEntry, Catalog, ProductEntry
from generator.context import Media
from generator.pages import Page
from generator.versions import code_digest

FINGERPRINT_FILES = ("site_config.yml", "regions", "theme")
"""Catalog files every page reads (besides its own)."""


def _hash_files(hasher: "hashlib._Hash", paths: Iterable[Path], base: Path) -> None:
    for path in sorted(paths):
        if path.is_file():
            hasher.update(str(path.relative_to(base)).encode() + b"\0" + path.read_bytes() + b"\0")


def build_fingerprint(root: Path, whole_catalog: bool) -> str:
    """What every page depends on besides its own inputs and its language."""
    hasher = hashlib.blake2b(digest_size=20)
    hasher.update(f"{whole_catalog}\0".encode())
    for name in FINGERPRINT_FILES:
        path = root / name
        _hash_files(hasher, path.rglob("*") if path.is_dir() else [path], root)
    hasher.update(code_digest())
    return hasher.hexdigest()


def page_inputs(catalog: Catalog, media: Media, pages: list[Page]) -> dict[str, str]:
    """A hash of each cacheable page's own inputs, by URL; pages that read the whole catalog are absent."""
    entries = [*catalog.bumdes.values(), *catalog.products.values()]
    digests = {e.source: hashlib.blake2b((catalog.root / e.source).read_bytes(), digest_size=20).hexdigest() for e in entries}
    inputs: dict[str, str] = {}
    for page in pages:
        shown = _entries_shown(catalog, page)
        if shown is None:
            continue
        hasher = hashlib.blake2b(digest_size=20)
        hasher.update(f"{page.kind}\0{page.url}\0".encode())
        for entry in shown:
            hasher.update(f"{entry.source}\0{digests[entry.source]}\0".encode())
            if isinstance(entry, ProductEntry):
                # Which certificates the build's date still shows: one expiring changes the page, not the file.
                hasher.update(f"{[i for i, c in enumerate(entry.data.certifications) if c in entry.certifications]}\0".encode())
            for photo in entry.data.photos:
                processed = media.get(entry.folder, photo)
                names = [v.name for v in (*processed.variants, processed.preview)] if processed else ["-"]
                hasher.update(("\0".join(names) + "\0").encode())
        inputs[page.url] = hasher.hexdigest()
    return inputs


def _entries_shown(catalog: Catalog, page: Page) -> list[BumdesEntry | ProductEntry] | None:
    """The BUMDes and products whose files a page shows anything of, in a stable order; None for whole-catalog pages.

    A product or BUMDes page shows the BUMDes and all its products (the product's siblings are cards).
    A regency page shows its BUMDes and their products; a province page those of all its regencies (with
    counts); a category page its products with their BUMDes' names and places.
    """
    def with_products(bumdes_ids: Iterable[str]) -> list[BumdesEntry | ProductEntry]:
        shown: list[BumdesEntry | ProductEntry] = []
        for bumdes_id in bumdes_ids:
            bumdes = catalog.bumdes[bumdes_id]
            shown += [bumdes, *(catalog.products[i] for i in bumdes.product_ids)]
        return shown

    if page.kind == "product":
        return with_products([catalog.products[page.subject].bumdes_id])
    if page.kind == "bumdes":
        return with_products([page.subject])
    if page.kind == "regency":
        return with_products(catalog.bumdes_by_regency.get(page.subject, ()))
    if page.kind == "province":
        # Every BUMDes whose village lies in the province: the page lists their products, and its regencies
        # are a subset of theirs (both by village code prefix).
        return with_products(catalog.bumdes_by_province.get(page.subject, ()))
    if page.kind == "category":
        products = [catalog.products[i] for i in catalog.products_by_category.get(page.subject, ())]
        bumdes_ids = sorted({p.bumdes_id for p in products})
        return [*products, *(catalog.bumdes[i] for i in bumdes_ids)]
    return None


def page_key(fingerprint: str, lang: str, inputs: str) -> str:
    """The cache key of one page in one language."""
    return hashlib.blake2b(f"{fingerprint}\0{lang}\0{inputs}".encode(), digest_size=20).hexdigest()


class PageCache:
    """Built pages and their search records, one pair of files per key, in one folder per language."""

    def __init__(self, folder: Path):
        self.folder = folder
        self._made = False

    def _page(self, key: str) -> Path:
        return self.folder / f"{key}.html"

    def _record(self, key: str) -> Path:
        return self.folder / f"{key}.search.html"

    def has(self, key: str) -> bool:
        """True when the page is stored (its record, if it had one, was stored first)."""
        return self._page(key).is_file()

    def put(self, key: str, page: Path, record: Path | None) -> None:
        """Keep a page just built (and its record) under ``key``: linked, never copied or changed."""
        if not self._made:
            self.folder.mkdir(parents=True, exist_ok=True)
            self._made = True
        if record is not None and record.is_file():
            _link_atomically(record, self._record(key))
        _link_atomically(page, self._page(key))

    def restore_page(self, key: str, page: Path) -> None:
        """Put a stored page where this build expects it (a hard link where the file system allows)."""
        write.copy_file(self._page(key), page)

    def restore_record(self, key: str, record: Path) -> None:
        """Put a stored search record where this build expects it (pages without one have none)."""
        if self._record(key).is_file():
            write.copy_file(self._record(key), record)

    def prune(self, keep: set[str]) -> None:
        """Forget every entry not in ``keep``."""
        if not self.folder.is_dir():
            return
        for entry in os.scandir(self.folder):
            if entry.name.split(".", 1)[0] not in keep:
                os.unlink(entry.path)


def _link_atomically(source: Path, target: Path) -> None:
    # A hard link appears whole, so a killed build never leaves half an entry under a real key; an entry
    # already there was stored under the same key, from the same inputs. Only a copy (no hard links on
    # this file system) goes through a temporary name and a rename. Not write.copy_file: it makes the
    # folder on every call (put makes it once), tries the failed link again and copies in place.
    try:
        os.link(source, target)
    except FileExistsError:
        return
    except OSError:
        temporary = target.with_name(f".{uuid.uuid4().hex}.tmp")
        shutil.copyfile(source, temporary)
        os.replace(temporary, target)
