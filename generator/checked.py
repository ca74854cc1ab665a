"""What checking produces: each file's model with its positions, every issue, and the shapes of a rule."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Generic, Iterable, Iterator, TypeVar

from pydantic import BaseModel

from generator.issues import Issue
from generator.load import Document
from generator.models import Bumdes, Product, RegionFile, SiteConfig
from generator.sources import Sources

M = TypeVar("M", bound=BaseModel)


@dataclass
class Checked(Generic[M]):
    """A model that passed its shape check, with the document it came from (for positions)."""

    model: M
    document: Document
    where: str

    def at(self, *loc: str | int, key: bool = False) -> tuple[int, int]:
        """(line, column) of a field inside this file."""
        return self.document.position(loc, key=key)


Remember = Callable[[str, bytes, Callable[[], list[Any]]], list[Any]]
"""``remember(kind, content, compute)``: compute's plain-data answer, reused while content and checker are unchanged."""


def _compute(kind: str, content: bytes, compute: Callable[[], list[Any]]) -> list[Any]:
    return compute()


@dataclass
class Validated:
    """The outcome of validation: the models that could be read, and every issue found."""

    root: Path
    config: Checked[SiteConfig] | None = None
    regions: list[Checked[RegionFile]] = field(default_factory=list)
    bumdes: list[Checked[Bumdes]] = field(default_factory=list)
    products: list[Checked[Product]] = field(default_factory=list)
    issues: list[Issue] = field(default_factory=list)
    include_config: bool = True
    """False while per-file rules run on one file: site_config.yml is then context, not a file to check."""
    remember: Remember = _compute
    """Where a rule keeps an expensive answer that depends only on bytes it names (a photo's problems)."""

    def files(self) -> Iterator[Checked[Any]]:
        """Every checked file: site_config.yml (unless it is only context), regions, BUMDes, products."""
        if self.config and self.include_config:
            yield self.config
        yield from self.regions
        yield from self.bumdes
        yield from self.products


FileRule = Callable[[Validated, Sources], Iterable[Issue]]
"""A rule reading one file and site_config.yml: never the date, since its result is cached by content."""
CatalogRule = Callable[[Validated, Sources, dt.date], Iterable[Issue]]
"""A rule across files, or one that depends on the date (``today`` comes from the command line)."""


def format_loc(loc: tuple[Any, ...]) -> str:
    """('photos', 0, 'alt', 'zh') → photos[0].alt.zh"""
    text = ""
    for part in loc:
        if isinstance(part, int):
            text += f"[{part}]"
        else:
            text += ("." if text else "") + str(part)
    return text
