"""Preview: build into .build/preview and serve it on localhost, rebuilding when a catalog file changes."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from mkdocs.livereload import LiveReloadServer

from generator.issues import format_report
from generator.sources import CONFIG_FILE, PRODUCTS_DIR, REGIONS_DIR, THEME_DIR

PREVIEW_DIR = ".build/preview"


def serve(root: Path, *, today: dt.date, only_bumdes: str | None, port: int, lang: str) -> int:
    """Serve the preview until Ctrl+C; a build with errors keeps the last good preview and prints why."""
    from generator.build import build_site

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

