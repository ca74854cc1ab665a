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
"""The generator package: every module in it can change what a check says or a page shows."""


@functools.cache
def code_digest() -> bytes:
    """A hash of every module of the generator and of every installed distribution's name and version."""
    digest = hashlib.blake2b(digest_size=20)
    for path in sorted(CODE_DIR.glob("*.py")):
        digest.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
    installed = sorted({f"{dist.metadata['Name']}=={dist.version}".lower() for dist in metadata.distributions()})
    digest.update("\0".join(installed).encode())
    return digest.digest()
