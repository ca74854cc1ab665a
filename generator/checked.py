"""What checking produces: each file's model with its positions, every issue, and the shapes of a rule."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Generic, Iterable, Iterator, TypeVar

from pydantic import BaseModel

from generator.issues import Issue
from generator.load import Document
from generator.models import Bumdes, Glossary, Product, RegionFile, SiteConfig
from generator.sources import Sources

M = TypeVar("M", bound=BaseModel)


@dataclass
class Checked(Generic[M]):
    """A file's model, with the document it came from (for positions).

    A file with shape errors still gets a model of the fields that are valid on their own (``complete`` is
    False and ``fields`` names them), so every rule can report on those in the same run instead of after
    the shape is fixed. Only complete models go on to be built.
    """

    model: M
    document: Document
    where: str
    complete: bool = True
    fields: frozenset[str] = frozenset()
    """The top-level fields this model holds; every field when complete."""

    def __post_init__(self) -> None:
        if self.complete:
            self.fields = frozenset(type(self.model).model_fields)

    def at(self, *loc: str | int, key: bool = False) -> tuple[int, int]:
        """(line, column) of a field inside this file."""
        return self.document.position(loc, key=key)

    def has(self, *names: str) -> bool:
        """Whether the model holds these top-level fields (always, unless the file has shape errors)."""
        return all(name in self.fields for name in names)


def having(files: Iterable[Checked[M]], *names: str) -> Iterator[Checked[M]]:
    """The files whose model holds every one of these top-level fields: what a rule that reads them checks."""
    return (checked for checked in files if checked.has(*names))


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
    glossary: Checked[Glossary] | None = None
    """glossary/synonyms.yml, when there is one and its shape is valid (its own rules read it, not files())."""
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
