"""The code digest that salts every cache: any file of the generator package changes it, byte-code caches do not."""

from __future__ import annotations

import shutil

from generator import versions


def digest_of(package, monkeypatch) -> bytes:
    monkeypatch.setattr(versions, "CODE_DIR", package)
    return versions.code_digest.__wrapped__()


def test_a_change_to_any_file_of_the_package_changes_the_digest(tmp_path, monkeypatch):
    package = tmp_path / "generator"
    shutil.copytree(versions.CODE_DIR, package, ignore=shutil.ignore_patterns("__pycache__"))
    before = digest_of(package, monkeypatch)
    assert digest_of(package, monkeypatch) == before
    for name in ("village_finder/finder.js", "village_finder/index.html.j2", "village_finder/finder.css", "rules.py"):
        path = package / name
        original = path.read_bytes()
        path.write_bytes(original + b"\n")
        assert digest_of(package, monkeypatch) != before, name
        path.write_bytes(original)
    assert digest_of(package, monkeypatch) == before


def test_byte_code_caches_do_not_change_the_digest(tmp_path, monkeypatch):
    package = tmp_path / "generator"
    shutil.copytree(versions.CODE_DIR, package, ignore=shutil.ignore_patterns("__pycache__"))
    before = digest_of(package, monkeypatch)
    (package / "__pycache__").mkdir()
    (package / "__pycache__" / "rules.cpython-311.pyc").write_bytes(b"\x00" * 16)
    (package / "village_finder" / "__pycache__").mkdir()
    (package / "village_finder" / "__pycache__" / "x.pyc").write_bytes(b"\x01")
    assert digest_of(package, monkeypatch) == before
