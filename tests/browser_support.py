"""What the browser tests share: a local HTTP server for a built site, and Debian's Chromium via Playwright.

Nothing here downloads a browser: Playwright drives /usr/bin/chromium. Without it the browser tests are
skipped on a developer's machine and fail in CI (CI=true), so a missing install step cannot pass unseen.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from generator.serve import CHROMIUM, CHROMIUM_ARGS, serve_directory  # noqa: F401 - re-exported for the tests

ROOT = Path(__file__).resolve().parent.parent
AXE_JS = ROOT / "node_modules" / "axe-core" / "axe.min.js"


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
        chromium = p.chromium.launch(executable_path=str(CHROMIUM), args=list(CHROMIUM_ARGS))
        try:
            yield chromium
        finally:
            chromium.close()
