"""The processed photos, documents and link-preview cards of a build, shared by every language, the page cache
and the open-data exports."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Mapping

from generator.documents import ProcessedDocument
from generator.images import ProcessedPhoto
from generator.models import Photo

CARD_PRODUCT = "product"
CARD_BUMDES = "bumdes"
CardFor = tuple[str, str, str]
"""Whose link-preview card, in which language: (CARD_PRODUCT or CARD_BUMDES, its id, language code)."""


@dataclass(frozen=True)
class Media:
    """Processed photos and documents by source file (a photo of a certificate is a photo)."""

    photos: Mapping[Path, ProcessedPhoto]
    documents: Mapping[Path, ProcessedDocument] = field(default_factory=dict)
    cards: Mapping[CardFor, str] = field(default_factory=dict)
    """The file name of each link-preview card (only products and BUMDes without a photo have one)."""

    def get(self, folder: Path, photo: Photo) -> ProcessedPhoto | None:
        """The processed outputs of one photo entry, if it was processed."""
        return self.photos.get((folder / photo.file).resolve())

    def file(self, folder: Path, name: str) -> ProcessedPhoto | ProcessedDocument | None:
        """The processed outputs of a file beside a catalog file: a clean PDF, or a photo."""
        path = (folder / name).resolve()
        return self.documents.get(path) or self.photos.get(path)

    def outputs(self) -> list[str]:
        """The names of every file made, for site/media/."""
        names = [v.name for p in self.photos.values() for v in (*p.variants, p.preview)]
        names += [name for d in self.documents.values() for name in (d.pdf, *(v.name for v in d.previews))]
        return names + sorted(set(self.cards.values()))
