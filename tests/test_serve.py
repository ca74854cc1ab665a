"""`make serve`: the preview answers on localhost and rebuilds when a catalog file changes."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from conftest import BUMDES, PRODUCT, TODAY

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parent.parent


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def fetch(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8")
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return None


def wait_for(predicate, timeout: float = 120.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(0.5)
    return None


@pytest.fixture
def serving(make_catalog):
    def start(root: Path, *extra: str):
        port = free_port()
        process = subprocess.Popen(
            [sys.executable, "-m", "generator", "--root", str(root), "--today", TODAY.isoformat(), "serve",
             "--port", str(port), *extra],
            cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, start_new_session=True)
        started.append(process)
        return f"http://127.0.0.1:{port}"

    started: list[subprocess.Popen] = []
    yield start
    for process in started:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)


def test_preview_serves_the_site_and_reloads_on_change(make_catalog, serving):
    root = make_catalog(with_theme=True)
    base = serving(root)
    page = wait_for(lambda: fetch(f"{base}/en/products/kelor-powder/"))
    assert page and "Moringa leaf powder" in page
    assert "livereload" in page  # MkDocs' live-reload script is injected into previewed pages
    product = root / "products/bumdes-maju/kelor-powder.yml"
    product.write_text(PRODUCT.replace("en: Moringa leaf powder,", "en: Moringa leaf powder fresh batch,"), encoding="utf-8")
    assert wait_for(lambda: "fresh batch" in (fetch(f"{base}/en/products/kelor-powder/") or ""))


def test_preview_of_one_bumdes_leaves_the_others_out(make_catalog, serving):
    other = BUMDES.replace("id: bumdes-maju", "id: bumdes-lain").replace("agent: agen-palu\n", "")
    root = make_catalog({
        "products/bumdes-lain/bumdes.yml": other,
        "products/bumdes-lain/kopi.yml": PRODUCT.replace("id: kelor-powder", "id: kopi"),
    }, with_theme=True)
    base = serving(root, "--bumdes", "bumdes-maju")
    assert wait_for(lambda: fetch(f"{base}/zh/products/kelor-powder/"))
    assert fetch(f"{base}/zh/bumdes/bumdes-maju/")
    assert fetch(f"{base}/en/bumdes/bumdes-lain/") is None
    assert fetch(f"{base}/en/products/kopi/") is None
