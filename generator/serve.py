"""Serving built sites on localhost: the live-reload preview, and a quiet static server for tests and measurements."""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
import re
import sys
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator

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


RANGE_RE = re.compile(r"bytes=(\d*)-(\d*)")
Wsgi = Callable[[dict[str, Any], Callable[..., Any]], Iterable[bytes]]


def byte_ranges(app: Wsgi) -> Wsgi:
    """WSGI middleware answering one ``Range: bytes=`` request with 206 and that part of a 200 answer.

    MkDocs' live-reload server sends whole files only, and Safari (an iPhone, a Mac) plays no video from a
    server that ignores ranges. Several ranges get the whole file, as HTTP allows.
    """
    def wrapped(environ: dict[str, Any], start_response: Callable[..., Any]) -> Iterable[bytes]:
        match = RANGE_RE.fullmatch(environ.get("HTTP_RANGE", "").strip())
        first, last = match.groups() if match else ("", "")
        # No range, several, or one that is no range at all (5-3): the whole file, as HTTP says.
        backwards = bool(first and last and int(last) < int(first))
        if not (first or last) or backwards or environ.get("REQUEST_METHOD") != "GET":
            return app(environ, start_response)
        answer: list[Any] = []
        body = app(environ, lambda status, headers, exc_info=None: answer.extend((status, headers)))
        if answer and not answer[0].startswith("200"):
            start_response(*answer)
            return body
        try:
            data = b"".join(body)
        finally:
            getattr(body, "close", lambda: None)()
        size = len(data)
        start, end = (max(size - int(last), 0), size - 1) if not first else (int(first), min(int(last or size - 1), size - 1))
        if start >= size:  # a backwards range got the whole file above
            start_response("416 Range Not Satisfiable", [("Content-Range", f"bytes */{size}")])
            return []
        headers = [(name, value) for name, value in answer[1] if name.lower() != "content-length"]
        headers += [("Content-Length", str(end - start + 1)), ("Content-Range", f"bytes {start}-{end}/{size}"),
                    ("Accept-Ranges", "bytes")]
        start_response("206 Partial Content", headers)
        return [data[start:end + 1]]
    return wrapped


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
    server.set_app(byte_ranges(server.get_app()))
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

