"""The processed photos, documents, videos and link-preview cards of a build, shared by every language, the page
cache and the open-data exports."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Mapping

from generator.catalog import BumdesEntry, ProductEntry
from generator.documents import ProcessedDocument
from generator.images import ProcessedPhoto
from generator.models import Photo, Video
from generator.videos import ProcessedVideo

CARD_PRODUCT = "product"
CARD_BUMDES = "bumdes"
CardFor = tuple[str, str, str]
"""Which link-preview card, in which language: (CARD_PRODUCT, product id, language) or (CARD_BUMDES, BUMDes id,
language). A card names its product or BUMDes, so each has its own in each language."""


def product_card(product: ProductEntry, lang: str) -> CardFor:
    """The card a product without a photo shows in ``lang``."""
    return (CARD_PRODUCT, product.id, lang)


def bumdes_card(bumdes: BumdesEntry, lang: str) -> CardFor:
    """The card a BUMDes without a photo shows in ``lang``."""
    return (CARD_BUMDES, bumdes.id, lang)


def card_read(card: CardFor) -> str:
    """The card as a page's record names it: "product/kepiting-hidup/zh"."""
    return "/".join(card)


def parse_card_read(which: str) -> CardFor:
    """The card a page's record names (the inverse of ``card_read``)."""
    kind, rest = which.split("/", 1)
    subject, lang = rest.rsplit("/", 1)
    return (kind, subject, lang)


@dataclass(frozen=True)
class Media:
    """Processed photos, documents and videos by source file (a photo of a certificate is a photo)."""

    photos: Mapping[Path, ProcessedPhoto]
    documents: Mapping[Path, ProcessedDocument] = field(default_factory=dict)
    videos: Mapping[Path, ProcessedVideo] = field(default_factory=dict)
    cards: Mapping[CardFor, str] = field(default_factory=dict)
    """The file name of each link-preview card a page without a photo shows; cards that say the same are one file."""

    def get(self, folder: Path, photo: Photo) -> ProcessedPhoto | None:
        """The processed outputs of one photo entry, if it was processed."""
        return self.photos.get((folder / photo.file).resolve())

    def file(self, folder: Path, name: str) -> ProcessedPhoto | ProcessedDocument | None:
        """The processed outputs of a file beside a catalog file: a clean PDF, or a photo."""
        path = (folder / name).resolve()
        return self.documents.get(path) or self.photos.get(path)

    def video(self, folder: Path, video: Video) -> ProcessedVideo | None:
        """The published copy of a product's video, if it was processed."""
        return self.videos.get((folder / video.file).resolve())

    def processed(self, path: Path) -> ProcessedPhoto | ProcessedDocument | ProcessedVideo | None:
        """Whatever was made of the source file at ``path`` (resolved)."""
        return self.photos.get(path) or self.documents.get(path) or self.videos.get(path)

    def keys(self) -> list[str]:
        """The content key of every processed file."""
        return [p.key for p in [*self.photos.values(), *self.documents.values(), *self.videos.values()]]

    def outputs(self) -> list[str]:
        """The names of every file made, for site/media/."""
        names = [v.name for p in self.photos.values() for v in (*p.variants, p.preview)]
        names += [name for d in self.documents.values() for name in (d.pdf, *(v.name for v in d.previews))]
        return names + [v.name for v in self.videos.values()] + sorted(set(self.cards.values()))

    def cache_files(self) -> set[str]:
        """Every file of the media cache this build used: each output and each photo's or document's manifest."""
        return {*self.outputs(), *(f"{key}.json" for key in self.keys())}
