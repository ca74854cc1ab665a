"""What each page read from the catalog, recorded while its view is built: the one record of its dependencies.

A view reaches the catalog only through a ``CatalogReader``, which notes every entity, list and photo it
hands out. That record is the page's dependency list, as Lektor and Hugo keep theirs: the page cache keys
the page by the current digest of each thing read (pagecache.py), and the sitemap dates the page by the
newest change among them. Nothing else lists what a page depends on, so a new block on a page that reads
one more entity is cached and dated correctly without touching any of this.

What every page reads (site_config.yml, regions/, theme/, the generator's code) is in the build's
fingerprint instead, and is not recorded.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable

from generator.catalog import BumdesEntry, Catalog, ProductEntry
from generator.history import date_time
from generator.documents import ProcessedDocument
from generator.images import ProcessedPhoto
from generator.media import CardFor, Media, card_read, parse_card_read
from generator.models import Photo, Video
from generator.videos import ProcessedVideo
from generator.sources import THEME_PAGES_DIR

Read = tuple[str, str]
"""One thing a page read: (kind, which), e.g. ("product", "kelor-powder") or ("photo", "products/x/a.jpg")."""

PRODUCT = "product"
BUMDES = "bumdes"
PHOTO = "photo"
"""A file beside a catalog file: a photo, a certificate's scan, or a product's video."""
CARD = "card"
"""A link-preview card, media.card_read ("product/kepiting-hidup/zh", "bumdes/bumdes-maju/en"): its digest is the
card's content key (its words in that language, the settings, the font), so a page names the card drawn for
exactly the name, category, province and UI strings it would say now."""
TEXT = "text"
"""A project-written text, theme/pages/<lang>/<name>.md in every language."""
CONTACTS = "contacts"
"""The dealer and the regional agents of site_config.yml."""
EVERYTHING = "everything"
"""Read by pages that show the whole catalog (home, all products): any change at all changes them."""
LISTS = ("products-of-bumdes", "products-in-category", "products-in-province", "products-in-regency",
         "bumdes-in-province", "bumdes-in-regency")
"""Which ids belong to a group: a product added to a BUMDes changes its siblings' pages even if no file of
theirs changed."""


class CatalogReader:
    """The catalog as one page's view sees it: every read is noted in ``reads``."""

    def __init__(self, catalog: Catalog, media: Media):
        self._catalog = catalog
        self._media = media
        self.reads: set[Read] = set()

    def product(self, product_id: str) -> ProductEntry:
        """One product."""
        self.reads.add((PRODUCT, product_id))
        return self._catalog.products[product_id]

    def bumdes(self, bumdes_id: str) -> BumdesEntry:
        """One BUMDes."""
        self.reads.add((BUMDES, bumdes_id))
        return self._catalog.bumdes[bumdes_id]

    def photo(self, folder: Path, photo: Photo) -> ProcessedPhoto | None:
        """The processed outputs of one photo entry of a product or BUMDes in ``folder``."""
        self.reads.add((PHOTO, (folder / photo.file).relative_to(self._catalog.root).as_posix()))
        return self._media.get(folder, photo)

    def file(self, folder: Path, name: str) -> ProcessedPhoto | ProcessedDocument | None:
        """The processed outputs of a certificate's or analysis's scan in ``folder`` (a PDF, or a photo)."""
        self.reads.add((PHOTO, (folder / name).relative_to(self._catalog.root).as_posix()))
        return self._media.file(folder, name)

    def video(self, folder: Path, video: Video) -> ProcessedVideo | None:
        """The published copy of a product's video in ``folder``."""
        self.reads.add((PHOTO, (folder / video.file).relative_to(self._catalog.root).as_posix()))
        return self._media.video(folder, video)

    def card(self, card: CardFor) -> str | None:
        """The file name of a link-preview card (media.product_card, media.bumdes_card)."""
        self.reads.add((CARD, card_read(card)))
        return self._media.cards.get(card)

    def products_of_bumdes(self, bumdes_id: str) -> list[ProductEntry]:
        """A BUMDes's products, sorted by id."""
        return [self.product(i) for i in self.product_ids_of_bumdes(bumdes_id)]

    def product_ids_of_bumdes(self, bumdes_id: str) -> tuple[str, ...]:
        """The ids of a BUMDes's products, sorted; a view that shows only some reads those with ``product``."""
        self.reads.add(("products-of-bumdes", bumdes_id))
        return self._catalog.bumdes[bumdes_id].product_ids

    def products_in_category(self, slug: str) -> list[ProductEntry]:
        """The products of one category."""
        return self._members("products-in-category", slug, self._catalog.products_by_category.get(slug, ()), self.product)

    def products_in_province(self, code: str) -> list[ProductEntry]:
        """The products of every BUMDes in a province."""
        return self._members("products-in-province", code, self._catalog.products_by_province.get(code, ()), self.product)

    def products_in_regency(self, code: str) -> list[ProductEntry]:
        """The products of every BUMDes in a regency or city."""
        return self._members("products-in-regency", code, self._catalog.products_by_regency.get(code, ()), self.product)

    def bumdes_in_province(self, code: str) -> list[BumdesEntry]:
        """Every BUMDes in a province."""
        return self._members("bumdes-in-province", code, self._catalog.bumdes_by_province.get(code, ()), self.bumdes)

    def bumdes_in_regency(self, code: str) -> list[BumdesEntry]:
        """Every BUMDes in a regency or city."""
        return self._members("bumdes-in-regency", code, self._catalog.bumdes_by_regency.get(code, ()), self.bumdes)

    def text(self, theme_pages: Path, name: str, lang: str) -> Path | None:
        """The file of a project-written text in ``lang``, if there is one."""
        self.reads.add((TEXT, name))
        path = theme_pages / lang / f"{name}.md"
        return path if path.is_file() else None

    def contacts(self) -> list:
        """The dealer, then the regional agents."""
        self.reads.add((CONTACTS, ""))
        return [self._catalog.config.dealer, *self._catalog.config.agents]

    def everything(self) -> Catalog:
        """The whole catalog, for pages that show all of it (any change changes them)."""
        self.reads.add((EVERYTHING, ""))
        return self._catalog

    def _members(self, kind: str, which: str, ids: Iterable[str], read: Callable) -> list:
        self.reads.add((kind, which))
        return [read(i) for i in ids]


@dataclass
class Dependencies:
    """The current digest and last-change time of everything a page can read; computed once per build."""

    catalog: Catalog
    media: Media
    times: dict[str, int]
    """Relative path → Unix time of the newest commit that touched it (history.load_change_times)."""
    _digests: dict[Read, str] = field(default_factory=dict)
    _times: dict[Read, int] = field(default_factory=dict)

    def prepare(self) -> None:
        """Digest every product, BUMDes and photo now (before the language workers fork and share it)."""
        for product_id in self.catalog.products:
            self.digest((PRODUCT, product_id))
        for bumdes_id in self.catalog.bumdes:
            self.digest((BUMDES, bumdes_id))
        self.digest((EVERYTHING, ""))

    def digest(self, read: Read) -> str:
        """What ``read`` stands for today, as a hash ("-" for something that no longer exists)."""
        found = self._digests.get(read)
        if found is None:
            found = self._digests[read] = self._compute(read)
        return found

    def time(self, read: Read) -> int:
        """When ``read`` last changed (Unix time; 0 when unknown)."""
        found = self._times.get(read)
        if found is None:
            found = self._times[read] = self._change_time(read)
        return found

    def key(self, reads: Iterable[Read]) -> str:
        """One hash of everything read, each at its current digest."""
        hasher = hashlib.blake2b(digest_size=20)
        for read in sorted(reads):
            hasher.update(f"{read[0]}\0{read[1]}\0{self.digest(read)}\0".encode())
        return hasher.hexdigest()

    def lastmod(self, reads: Iterable[Read]) -> int:
        """The newest change among everything read."""
        return max((self.time(read) for read in reads), default=0)

    def _compute(self, read: Read) -> str:
        kind, which = read
        catalog = self.catalog
        if kind == PRODUCT:
            product = catalog.products.get(which)
            if product is None:
                return "-"
            # Which certificates the build's date still shows: one expiring changes the page, not the file.
            shown = [i for i, c in enumerate(product.data.certifications) if c in product.certifications]
            return _hash((catalog.root / product.source).read_bytes(), repr(shown).encode())
        if kind == BUMDES:
            bumdes = catalog.bumdes.get(which)
            return _hash((catalog.root / bumdes.source).read_bytes()) if bumdes else "-"
        if kind == PHOTO:
            path = (catalog.root / which).resolve()
            processed = self.media.processed(path)
            if isinstance(processed, ProcessedVideo):
                # Its page's JSON-LD carries the upload date, which the file's bytes do not tell.
                return f"{processed.key}@{processed.uploaded}"
            return processed.key if processed else "-"
        if kind == CARD:
            return self.media.cards.get(parse_card_read(which), "-")
        if kind == EVERYTHING:
            parts = [f"{r}:{self.digest((PRODUCT, r))}" for r in catalog.products]
            parts += [f"{b}:{self.digest((BUMDES, b))}" for b in catalog.bumdes]
            parts += sorted(self.media.keys())
            return _hash("\0".join(parts).encode())
        if kind in LISTS:
            return _hash("\0".join(_list_ids(catalog, kind, which)).encode())
        if kind == TEXT:
            return _hash(*(path.read_bytes() for path in _text_files(catalog.root, which)))
        if kind == CONTACTS:
            return _hash(repr([catalog.config.dealer, *catalog.config.agents]).encode())
        raise ValueError(f"no digest for {read!r}")

    def _change_time(self, read: Read) -> int:
        kind, which = read
        catalog = self.catalog
        if kind == PRODUCT and which in catalog.products:
            product = catalog.products[which]
            return self.times.get(product.source) or date_time(product.data.verified)
        if kind == BUMDES and which in catalog.bumdes:
            return self.times.get(catalog.bumdes[which].source, 0)
        if kind == PHOTO:
            return self.times.get(which, 0)
        if kind == TEXT:
            return max((self.times.get(path.relative_to(catalog.root).as_posix(), 0) for path in _text_files(catalog.root, which)), default=0)
        if kind == CONTACTS:
            return self.times.get("site_config.yml", 0)
        if kind == EVERYTHING:
            return max([self.times.get("site_config.yml", 0), *(self.time((PRODUCT, p)) for p in catalog.products),
                        *(self.time((BUMDES, b)) for b in catalog.bumdes)], default=0)
        return 0  # a list's members are read too, each with its own time; a card's words are in the build's fingerprint


def _text_files(root: Path, name: str) -> list[Path]:
    return sorted((root / THEME_PAGES_DIR).glob(f"*/{name}.md"))


def _list_ids(catalog: Catalog, kind: str, which: str) -> tuple[str, ...]:
    if kind == "products-of-bumdes":
        bumdes = catalog.bumdes.get(which)
        return bumdes.product_ids if bumdes else ()
    index = {
        "products-in-category": catalog.products_by_category,
        "products-in-province": catalog.products_by_province,
        "products-in-regency": catalog.products_by_regency,
        "bumdes-in-province": catalog.bumdes_by_province,
        "bumdes-in-regency": catalog.bumdes_by_regency,
    }[kind]
    return index.get(which, ())


def _hash(*parts: bytes) -> str:
    hasher = hashlib.blake2b(digest_size=20)
    for part in parts:
        hasher.update(part + b"\0")
    return hasher.hexdigest()
