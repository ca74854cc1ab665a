"""What the browser tests share: a local HTTP server for a built site, and Debian's Chromium via Playwright.

Nothing here downloads a browser: Playwright drives /usr/bin/chromium. Without it the browser tests are
skipped on a developer's machine and fail in CI (CI=true), so a missing install step cannot pass unseen.
"""

from __future__ import annotations

import contextlib
import functools
import os
import sys
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Iterator

import pytest

CHROMIUM = Path("/usr/bin/chromium")
LAUNCH_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
ROOT = Path(__file__).resolve().parent.parent
AXE_JS = ROOT / "node_modules" / "axe-core" / "axe.min.js"


class QuietHandler(SimpleHTTPRequestHandler):
    """Serves files without logging every request to stderr."""

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - the base class's name
        pass


class QuietServer(ThreadingHTTPServer):
    """A threaded server that does not print a traceback when the browser drops a connection it no longer needs."""

    daemon_threads = True

    def handle_error(self, request, client_address) -> None:
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


@contextlib.contextmanager
def serve_directory(folder: Path) -> Iterator[str]:
    """Serve ``folder`` on 127.0.0.1 (a free port) in a thread; yields the base URL ending in '/'."""
    server = QuietServer(("127.0.0.1", 0), functools.partial(QuietHandler, directory=str(folder)))
    thread = threading.Thread(target=server.serve_forever, name="site-server", daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


def require_chromium() -> None:
    """Skip without Debian's Chromium on a developer's machine; fail in CI, where it must be installed."""
    if CHROMIUM.is_file() and os.access(CHROMIUM, os.X_OK):
        return
    message = f"{CHROMIUM} is missing: install Debian's package with 'apt-get install chromium'"
    if os.environ.get("CI"):
        pytest.fail(message, pytrace=False)
    pytest.skip(message)


def require_axe() -> Path:
    """The axe-core script from node_modules; a clear failure when `npm ci` has not been run."""
    if not AXE_JS.is_file():
        pytest.fail(f"{AXE_JS.relative_to(ROOT)} is missing: run 'npm ci' at the repository root "
                    "(axe-core is pinned in package.json and package-lock.json)", pytrace=False)
    return AXE_JS


@pytest.fixture(scope="session")
def browser():
    """One headless Debian Chromium for the whole test session."""
    require_chromium()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=str(CHROMIUM), args=LAUNCH_ARGS)
        try:
            yield chromium
        finally:
            chromium.close()
