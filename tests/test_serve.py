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
from generator.serve import byte_ranges

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
    # A video player's request for part of a file gets that part (Safari plays no video otherwise).
    script = (root / ".build/preview/en/assets/vc/catalog.js").read_bytes()
    request = urllib.request.Request(f"{base}/en/assets/vc/catalog.js", headers={"Range": "bytes=10-19"})
    with urllib.request.urlopen(request, timeout=5) as response:
        assert response.status == 206 and response.headers["Content-Range"] == f"bytes 10-19/{len(script)}"
        assert response.read() == script[10:20]
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


def ranged(range_header: str, body: bytes = b"0123456789", status: str = "200 OK") -> tuple[str, dict[str, str], bytes]:
    def app(environ, start_response):
        start_response(status, [("Content-Type", "video/mp4"), ("Content-Length", str(len(body)))])
        return [body]

    answer: dict = {}
    body_out = byte_ranges(app)({"REQUEST_METHOD": "GET", "HTTP_RANGE": range_header},
                                lambda s, h, exc_info=None: answer.update(status=s, headers=dict(h)))
    return answer["status"], answer["headers"], b"".join(body_out)


@pytest.mark.parametrize(("header", "part", "content_range"), [
    ("bytes=0-1", b"01", "bytes 0-1/10"),  # what Safari asks first
    ("bytes=5-", b"56789", "bytes 5-9/10"),
    ("bytes=-3", b"789", "bytes 7-9/10"),
    ("bytes=-30", b"0123456789", "bytes 0-9/10"),
    ("bytes=8-100", b"89", "bytes 8-9/10"),
])
def test_a_range_gets_that_part_of_the_file(header, part, content_range):
    status, headers, body = ranged(header)
    assert (status, body, headers["Content-Range"], headers["Content-Length"]) == ("206 Partial Content", part, content_range, str(len(part)))


@pytest.mark.parametrize("header", ["", "bytes=0-1,4-5", "items=0-1", "bytes=-", "bytes=5-3"])
def test_no_range_or_several_ranges_get_the_whole_file(header):
    assert ranged(header)[::2] == ("200 OK", b"0123456789")


def test_a_range_past_the_end_is_refused_and_an_error_passes_through():
    status, headers, body = ranged("bytes=10-")
    assert (status, headers, body) == ("416 Range Not Satisfiable", {"Content-Range": "bytes */10"}, b"")
    assert ranged("bytes=0-1", b"Not found", "404 Not Found")[::2] == ("404 Not Found", b"Not found")
