"""What every cached answer depends on besides the catalog: the generator's own code and the installed packages.

Derived, never listed by hand: a module or package left off a hand-kept list is how a cache serves stale
answers. Any change to a file of the generator package or to an installed package's version changes it.
"""

from __future__ import annotations

import functools
import hashlib
from importlib import metadata
from pathlib import Path

CODE_DIR = Path(__file__).resolve().parent
"""The generator package: every file in it (modules, and the templates, scripts and styles its folders hold,
such as village_finder/) can change what a check says or a page shows."""


def code_files() -> list[Path]:
    """Every file of the generator package but Python's own byte-code caches, in a fixed order."""
    return sorted(path for path in CODE_DIR.rglob("*")
                  if path.is_file() and "__pycache__" not in path.relative_to(CODE_DIR).parts)


@functools.cache
def code_digest() -> bytes:
    """A hash of every file of the generator and of every installed distribution's name and version."""
    digest = hashlib.blake2b(digest_size=20)
    for path in code_files():
        digest.update(path.relative_to(CODE_DIR).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    installed = sorted({f"{dist.metadata['Name']}=={dist.version}".lower() for dist in metadata.distributions()})
    digest.update("\0".join(installed).encode())
    return digest.digest()
