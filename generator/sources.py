"""Which files make up a catalog (listed here, loaded where they are checked), and reading one file."""

from __future__ import annotations

import difflib
import os
import subprocess
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable

from generator.issues import Issue, make_issue
from generator.load import Document, LoadError, load_document, parse_document

CONFIG_FILE = "site_config.yml"
REGIONS_DIR = "regions"
PRODUCTS_DIR = "products"
BUMDES_FILE = "bumdes.yml"
GLOSSARY_FILE = "glossary/synonyms.yml"
"""Synonyms search understands (optional): see docs/search.md."""
SCHEMAS_DIR = "schemas"
THEME_DIR = "theme"
STRINGS_DIR = "theme/strings"
THEME_PAGES_DIR = "theme/pages"
THEME_PAGES = ("how-to-buy", "about", "after-inquiry", "how-summary")
"""Texts the project writes in theme/pages/<lang>/<name>.md (Markdown); each page shows one (pages.TEXT_PAGES)."""
BUILD_STATE = (".cache", ".build", "site")
"""What the generator writes for itself: never read from a pull request (see tracked_build_state)."""


@dataclass
class Sources:
    """What the catalog is made of: site_config.yml read, every other file listed by kind (validate.py reads
    and checks them where they are checked), and what lies in products/ besides."""

    root: Path
    config: Document | None = None
    glossary: Document | None = None
    """glossary/synonyms.yml read, when the catalog has one."""
    stray: list[Path] = field(default_factory=list)
    empty_folders: list[Path] = field(default_factory=list)
    issues: list[Issue] = field(default_factory=list)
    pending: list[tuple[str, Path]] = field(default_factory=list)
    """Catalog files to load, with their kind ("regions", "bumdes" or "products"); validate.py loads them."""
    partial: bool = False
    """True when only one BUMDes was read (a preview): the rest of the check cache must be kept."""
    unexpected: list[tuple[Path, str]] = field(default_factory=list)
    """Entries products/ may not hold, with the message code saying why (hidden, a subfolder, a .YML name)."""
    catalog_files: dict[Path, list[Path]] = field(default_factory=dict)
    """Each BUMDes folder's YAML files."""
    other_files: dict[Path, list[Path]] = field(default_factory=dict)
    """Each BUMDes folder's other files (photos, documents): each must be used by a catalog file."""
    folder_bytes: dict[Path, int] = field(default_factory=dict)
    """The bytes of every file in each BUMDes folder."""
    tracked: tuple[str, ...] = ()
    """Files under .cache/, .build/ or site/ that git tracks: a commit put them there, so none is trusted."""

    def relative(self, path: Path) -> str:
        """The path as contributors see it: relative to the catalog root, with forward slashes."""
        text, prefix = path.as_posix(), self.root.as_posix().rstrip("/") + "/"
        return text[len(prefix):] if text.startswith(prefix) else text


def near_bumdes(name: str, folders: Iterable[str]) -> list[str]:
    """The existing BUMDes folders a mistyped name may mean, nearest first (at most three). Compared without the
    "bumdes-" most ids start with, which would make every id look close to every other."""
    bare = {folder.removeprefix("bumdes-"): folder for folder in folders}
    return [bare[f] for f in difflib.get_close_matches(name.removeprefix("bumdes-"), list(bare), n=3, cutoff=0.7)]


def read_sources(root: Path, *, only_bumdes: str | None = None) -> Sources:
    """Read site_config.yml, regions/*.yml and products/<bumdes>/*.yml under ``root``."""
    sources = Sources(root=root, partial=only_bumdes is not None, tracked=tracked_build_state(root))
    sources.config, config_issues = read_one((root / CONFIG_FILE, root))
    sources.issues.extend(config_issues)
    if (root / GLOSSARY_FILE).is_file():
        sources.glossary, glossary_issues = read_one((root / GLOSSARY_FILE, root))
        sources.issues.extend(glossary_issues)
    for path in sorted((root / REGIONS_DIR).glob("*.yml")):
        sources.pending.append(("regions", path))
    products_dir = root / PRODUCTS_DIR
    if not products_dir.is_dir():
        return sources
    # os.scandir: one directory read per BUMDes folder, no extra stat per file (10,000 products).
    with os.scandir(products_dir) as entries:
        folders = sorted(entries, key=lambda e: e.name)
    for entry in folders:
        path = Path(entry.path)
        if entry.name.startswith("."):
            sources.unexpected.append((path, "rule.hidden_file"))
            continue
        if not entry.is_dir(follow_symlinks=False):
            sources.stray.append(path)
            continue
        if only_bumdes and entry.name != only_bumdes:
            continue
        with os.scandir(entry.path) as children:
            listing = sorted(children, key=lambda e: e.name)
        yml_files = [c for c in listing if c.name.endswith(".yml") and c.is_file(follow_symlinks=False)]
        if yml_files and not any(c.name == BUMDES_FILE for c in listing):
            sources.empty_folders.append(path)
        sources.catalog_files[path] = [Path(c.path) for c in yml_files]
        for child in yml_files:
            sources.pending.append(("bumdes" if child.name == BUMDES_FILE else "products", Path(child.path)))
        size = 0
        for child in listing:
            file = Path(child.path)
            if child.name.startswith("."):
                sources.unexpected.append((file, "rule.hidden_file"))
            elif child.is_dir(follow_symlinks=False):
                sources.unexpected.append((file, "rule.subfolder"))
            elif child.is_symlink() and child.name.endswith(".yml"):
                sources.stray.append(file)
            elif child.name.lower().endswith((".yml", ".yaml")) and not child.name.endswith(".yml"):
                sources.unexpected.append((file, "rule.yml_name"))
            elif not child.name.endswith(".yml"):
                sources.other_files.setdefault(path, []).append(file)
            if child.is_file(follow_symlinks=False):
                size += child.stat(follow_symlinks=False).st_size
        sources.folder_bytes[path] = size
    return sources


def read_one(job: tuple[Path, Path], raw: bytes | None = None) -> tuple[Document | None, list[Issue]]:
    """Load one file (or its bytes, already read): its document, if it could be read, and its problems.

    A file that cannot be read is left out with one issue; one that was read may still carry problems of
    its text (invisible characters, a repeated key), reported beside whatever the checks find.
    """
    path, root = job
    try:
        where = path.relative_to(root).as_posix()
    except ValueError:
        where = path.as_posix()
    try:
        document = load_document(path) if raw is None else parse_document(path, raw)
    except FileNotFoundError:
        return None, [make_issue(where, (1, 1), "", "load.unreadable", problem="file not found")]
    except LoadError as exc:
        return None, [make_issue(where, (exc.line, exc.column), "", exc.code, **exc.values)]
    except OSError as exc:
        return None, [make_issue(where, (1, 1), "", "load.unreadable", problem=os.strerror(exc.errno or 0))]
    problems = [make_issue(where, (p.line, p.column), "", p.code, **p.values) for p in document.problems]
    if document.data is None:
        return None, [*problems, make_issue(where, (1, 1), "", "load.empty")]
    return document, problems


def tracked_build_state(root: Path) -> tuple[str, ...]:
    """Paths under .cache/, .build/ and site/ that git tracks (none outside a git checkout).

    The generator's caches hold answers it trusts (checked files, built pages, encoded photos); a pull
    request that commits one could make a broken file pass or publish a page it wrote itself.
    """
    try:
        listed = subprocess.run(["git", "ls-files", "-z", "--", *BUILD_STATE], cwd=root, capture_output=True, timeout=60)
    except (OSError, subprocess.TimeoutExpired):
        return ()
    if listed.returncode != 0:
        return ()  # not a git checkout: nothing can have been committed
    return tuple(sorted(name for name in listed.stdout.decode("utf-8", "replace").split("\0") if name))
