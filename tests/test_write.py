"""Writing build output: new files, links into caches."""

from __future__ import annotations

import os
from pathlib import Path

from generator import write


def test_create_file_makes_the_missing_folders_and_writes_every_byte(tmp_path: Path):
    target = tmp_path / "en" / "products" / "kelor" / "index.html"
    data = "<h1>Kelor 辣木</h1>\n".encode() * 50_000  # larger than one write() may take
    write.create_file(target, data)
    assert target.read_bytes() == data


def test_create_file_replaces_a_hard_link_instead_of_writing_into_the_cached_file(tmp_path: Path):
    cached = tmp_path / "cache" / "key.html"
    cached.parent.mkdir()
    cached.write_bytes(b"cached page")
    page = tmp_path / "site" / "index.html"
    page.parent.mkdir()
    os.link(cached, page)
    write.create_file(page, b"new page")
    assert page.read_bytes() == b"new page"
    assert cached.read_bytes() == b"cached page"
    assert page.stat().st_ino != cached.stat().st_ino


def test_copy_file_links_and_keeps_a_target_already_there(tmp_path: Path):
    source = tmp_path / "cache" / "abc-320.webp"
    source.parent.mkdir()
    source.write_bytes(b"webp")
    target = tmp_path / "site" / "media" / "abc-320.webp"
    write.copy_file(source, target)
    assert target.stat().st_ino == source.stat().st_ino
    write.copy_file(source, target)  # the same name again: nothing to do, no error
    assert target.read_bytes() == b"webp"
