"""Serving built sites on localhost: the live-reload preview, and a quiet static server for tests and measurements."""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
import sys
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Iterator

from mkdocs.livereload import LiveReloadServer

from generator.build import build_site
from generator.issues import format_report
from generator.sources import CONFIG_FILE, PRODUCTS_DIR, REGIONS_DIR, THEME_DIR

PREVIEW_DIR = ".build/preview"
CHROMIUM = Path("/usr/bin/chromium")
"""Debian's Chromium: browser tests, the benchmark and the audit drive it; no browser is ever downloaded."""
CHROMIUM_ARGS = (
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
)
"""Headless flags that keep Chromium from calling home (the machine has no network but the registries)."""


class QuietHandler(SimpleHTTPRequestHandler):
    """Serves static files without logging every request."""

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - the base class's name
        pass


class QuietServer(ThreadingHTTPServer):
    """A threaded server that does not print a traceback when the browser drops a connection it no longer needs."""

    daemon_threads = True

    def handle_error(self, request, client_address) -> None:
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


@contextlib.contextmanager
def serve_directory(folder: Path, handler: type[SimpleHTTPRequestHandler] = QuietHandler) -> Iterator[str]:
    """Serve ``folder`` on 127.0.0.1 (a free port) in a thread; yields the base URL ending in '/'."""
    server = QuietServer(("127.0.0.1", 0), functools.partial(handler, directory=str(folder)))
    thread = threading.Thread(target=server.serve_forever, name="site-server", daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


def serve(root: Path, *, today: dt.date, only_bumdes: str | None, port: int, lang: str) -> int:
    """Serve the preview until Ctrl+C; a build with errors keeps the last good preview and prints why."""
    out = root / PREVIEW_DIR

    def builder() -> None:
        issues = build_site(root, out=out, today=today, only_bumdes=only_bumdes, lang=lang)
        for line in format_report(issues, lang, github=False):
            print(line, flush=True)

    builder()
    if not (out / "index.html").exists():
        return 1
    server = LiveReloadServer(builder=builder, host="127.0.0.1", port=port, root=str(out))
    for name in (PRODUCTS_DIR, REGIONS_DIR, THEME_DIR, CONFIG_FILE):
        if (root / name).exists():
            server.watch(str(root / name))
    print(f"Preview: http://127.0.0.1:{port}/  (Ctrl+C to stop)", flush=True)
    try:
        server.serve()
    except KeyboardInterrupt:
        pass
    finally:
        server.shutdown()
    return 0

