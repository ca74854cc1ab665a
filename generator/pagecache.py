"""The page cache: a page whose inputs have not changed is neither rendered nor built again.

A page's key hashes the build's fingerprint (what every page reads: site_config.yml, regions/, theme/,
the generator's code and installed packages, and whether the whole catalog is built), its language, its
URL, and the current digest of everything its view read the last time it was built (its record,
deps.py). The records of the last build are kept beside the pages; a page is reused when the key its
record gives today is in the cache. Nothing here knows what any kind of page shows.

Entries are written once under their key and never changed, so the published site hard-links them.
A full build forgets the entries it did not use, so the cache stays the size of one site.
"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path
from typing import Iterable

from generator import write
from generator.deps import Read
from generator.versions import code_digest

FINGERPRINT_FILES = ("site_config.yml", "regions", "theme", "glossary")
"""Catalog files every page reads (besides its own)."""
RECORDS_FILE = "records.json"
RECORDS_FORMAT = 1


def _hash_files(hasher: "hashlib._Hash", paths: Iterable[Path], base: Path) -> None:
    for path in sorted(paths):
        if path.is_file():
            hasher.update(str(path.relative_to(base)).encode() + b"\0" + path.read_bytes() + b"\0")


def build_fingerprint(root: Path, whole_catalog: bool) -> str:
    """What every page depends on besides what it reads and its language."""
    hasher = hashlib.blake2b(digest_size=20)
    hasher.update(f"{whole_catalog}\0".encode())
    for name in FINGERPRINT_FILES:
        path = root / name
        _hash_files(hasher, path.rglob("*") if path.is_dir() else [path], root)
    hasher.update(code_digest())
    return hasher.hexdigest()


def page_key(fingerprint: str, lang: str, url: str, reads_key: str) -> str:
    """The cache key of one page in one language, given the digest of what it read (deps.Dependencies.key)."""
    return hashlib.blake2b(f"{fingerprint}\0{lang}\0{url}\0{reads_key}".encode(), digest_size=20).hexdigest()


class PageCache:
    """Built pages and their search records, one pair of files per key, and the records of the last build."""

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

    def read_records(self) -> dict[str, list[Read]]:
        """What each page read when it was last built, by URL; empty when unknown or not what was written."""
        try:
            data = json.loads((self.folder / RECORDS_FILE).read_bytes())
        except (OSError, ValueError):
            return {}
        pages = data.get("pages") if isinstance(data, dict) and data.get("format") == RECORDS_FORMAT else None
        if not isinstance(pages, dict):
            return {}
        return {url: [(kind, which) for kind, which in reads] for url, reads in pages.items()
                if isinstance(url, str) and isinstance(reads, list)
                and all(isinstance(r, list) and len(r) == 2 and all(isinstance(x, str) for x in r) for r in reads)}

    def write_records(self, records: dict[str, list[Read]]) -> None:
        """Keep what each page of this build read, for the next build."""
        self.folder.mkdir(parents=True, exist_ok=True)
        data = {"format": RECORDS_FORMAT, "pages": {url: sorted(reads) for url, reads in sorted(records.items())}}
        write.replace_file(self.folder / RECORDS_FILE, json.dumps(data, separators=(",", ":")).encode())

    def prune(self, keep: set[str]) -> None:
        """Forget every entry not in ``keep`` (the records file stays)."""
        if not self.folder.is_dir():
            return
        for entry in os.scandir(self.folder):
            if entry.name != RECORDS_FILE and entry.name.split(".", 1)[0] not in keep:
                os.unlink(entry.path)


def _link_atomically(source: Path, target: Path) -> None:
    # A hard link appears whole, so a killed build never leaves half an entry under a real key; an entry
    # already there was stored under the same key, from the same inputs. Only a copy (no hard links on
    # this file system) goes through write.replace_file. Not write.copy_file: it makes the folder on every
    # call (put makes it once) and copies in place.
    try:
        os.link(source, target)
    except FileExistsError:
        return
    except OSError:
        write.replace_file(target, source.read_bytes())
