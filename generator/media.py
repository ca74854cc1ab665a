"""The processed photos of a build, shared by every language, the page cache and the open-data exports."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Mapping

from generator.images import ProcessedPhoto
from generator.models import Photo


@dataclass(frozen=True)
class Media:
    """Processed photos by source file."""

    photos: Mapping[Path, ProcessedPhoto]

    def get(self, folder: Path, photo: Photo) -> ProcessedPhoto | None:
        """The processed outputs of one photo entry, if it was processed."""
        return self.photos.get((folder / photo.file).resolve())
