"""The only module that writes build output: into a staging tree, swapped into place at the very end.

A failed or interrupted build leaves the previous site/ exactly as it was: the new tree is assembled
next to it and exchanged in one atomic rename (Linux renameat2 RENAME_EXCHANGE where available).
"""

from __future__ import annotations

import ctypes
import ctypes.util
import os
import shutil
import uuid
from pathlib import Path

RENAME_EXCHANGE = 2
AT_FDCWD = -100


def new_staging(out: Path) -> Path:
    """An empty folder beside ``out`` (same file system, so the final rename is atomic)."""
    out.parent.mkdir(parents=True, exist_ok=True)
    staging = out.parent / f".{out.name}.staging-{uuid.uuid4().hex[:8]}"
    staging.mkdir()
    return staging


def clean_stale_staging(out: Path) -> None:
    """Remove staging trees left by builds that were killed."""
    for stale in out.parent.glob(f".{out.name}.staging-*"):
        shutil.rmtree(stale, ignore_errors=True)
    for stale in out.parent.glob(f".{out.name}.old-*"):
        shutil.rmtree(stale, ignore_errors=True)


def write_text(path: Path, text: str) -> None:
    """Write UTF-8 text with Unix newlines, creating folders."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8", newline="\n")


def write_bytes(path: Path, data: bytes) -> None:
    """Write bytes, creating folders."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)


def copy_file(source: Path, target: Path) -> None:
    """Copy one file (hard link when possible: cached images are never modified in place)."""
    target.parent.mkdir(parents=True, exist_ok=True)
    if target.exists():
        return  # media names carry a content hash: the same name is the same bytes
    try:
        os.link(source, target)
    except OSError:
        shutil.copyfile(source, target)


def reset_dir(path: Path) -> None:
    """An empty work folder (for generated MkDocs sources, never for published output)."""
    shutil.rmtree(path, ignore_errors=True)
    path.mkdir(parents=True)


def swap_into_place(staging: Path, out: Path) -> None:
    """Make ``staging`` the new ``out``; the old tree is removed only after the swap."""
    if out.exists() and _exchange(staging, out):
        shutil.rmtree(staging, ignore_errors=True)  # staging now holds the previous site
        return
    if out.exists():
        old = out.parent / f".{out.name}.old-{uuid.uuid4().hex[:8]}"
        os.rename(out, old)
        os.rename(staging, out)
        shutil.rmtree(old, ignore_errors=True)
    else:
        os.rename(staging, out)


def _exchange(a: Path, b: Path) -> bool:
    """Atomically exchange two paths; False where the system cannot."""
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        return False
    renameat2.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint]
    result = renameat2(AT_FDCWD, os.fsencode(a), AT_FDCWD, os.fsencode(b), RENAME_EXCHANGE)
    return result == 0
