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


def test_replace_file_makes_its_folders_writes_every_byte_and_leaves_no_temporary(tmp_path: Path):
    target = tmp_path / "cache" / "cards" / "abc-card.png"
    data = b"\x89PNG" + bytes(range(256)) * 4_000  # larger than one write() may take
    write.replace_file(target, data)
    write.replace_file(target, data[:10])
    assert target.read_bytes() == data[:10]
    assert [p.name for p in target.parent.iterdir()] == ["abc-card.png"]


def test_replace_file_keeps_the_old_bytes_when_writing_fails(tmp_path: Path, monkeypatch):
    target = tmp_path / "abc-card.png"
    target.write_bytes(b"old")

    def full_disk(fd, data):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(write.os, "write", full_disk)
    try:
        write.replace_file(target, b"new")
    except OSError as error:
        assert error.errno == 28
    else:
        raise AssertionError("the failed write was not reported")
    monkeypatch.undo()
    assert target.read_bytes() == b"old" and [p.name for p in tmp_path.iterdir()] == ["abc-card.png"]
