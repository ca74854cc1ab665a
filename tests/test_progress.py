"""progress.py and the build's use of it: one line per stage in a log, a live line on a terminal.

The real `python -m generator build` runs twice on a small catalog: with stderr on a pipe (CI logs) and on
a pseudo-terminal (someone at a terminal). No test looks at how long anything took.
"""

from __future__ import annotations

import io
import os
import pty
import select
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import CRAB, K, PRODUCT, jpeg_bytes
from generator.build import describe_languages
from generator.progress import Progress, time_left

ROOT = Path(__file__).resolve().parent.parent
STAGES = ["build: checking the catalog", "build: photos and documents: 1 (encoded once, then taken from .cache/photos)",
          "build: pages: 14 in each of 3 languages (only the changed ones are made again)",
          "build: sitemaps, feeds and links", "build: putting the new site in place"]


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


# --- the pieces ------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("done", "total", "elapsed", "expected"), [
    (0, 100, 5.0, ""),  # no rate yet
    (25, 100, 10.0, "about 30 s left"),
    (10, 100, 20.0, "about 3 min left"),
    (100, 100, 20.0, ""),  # finished
    (99, 100, 5.0, ""),  # under a second
])
def test_time_left_goes_by_the_rate_so_far(done, total, elapsed, expected):
    assert time_left(done, total, elapsed) == expected


def test_a_log_gets_the_stage_lines_only():
    log = io.StringIO()
    progress = Progress(log, "build")
    progress.line("pages: 10")
    progress.count("pages", 3, 10)
    progress.update("  anything")
    progress.line("sitemaps")
    progress.clear()
    assert log.getvalue() == "build: pages: 10\nbuild: sitemaps\n"


def test_a_terminal_also_gets_a_live_line_that_the_next_stage_clears():
    terminal = Terminal()
    progress = Progress(terminal, "build")
    progress.line("pages: 10")
    progress.count("pages", 3, 10)
    progress.line("sitemaps")
    live, after = terminal.getvalue().split("\r\x1b[K")
    assert live.startswith("build: pages: 10\n\r  pages: 3/10") and live.endswith("\x1b[K")
    assert after == "build: sitemaps\n"


def test_without_a_stream_nothing_is_said():
    progress = Progress(None, "build")
    progress.line("pages")
    progress.count("pages", 1, 2)
    progress.clear()  # nothing to write to, and nothing fails


def test_the_language_line_names_each_language_and_the_time_left():
    steps = {"zh": ("search", 0, 0), "id": ("pages", 250, 1000), "en": ("pages", 250, 1000)}
    assert describe_languages(steps, 10.0) == "  en 250/1,000 · id 250/1,000 · zh search, about 30 s left"
    assert describe_languages({"en": ("MkDocs", 0, 0)}, 10.0) == "  en MkDocs"


# --- the real command --------------------------------------------------------------------------------------


@pytest.fixture
def catalog(make_catalog) -> Path:
    """Two products, one with a photo."""
    return make_catalog({
        K: PRODUCT + "photos:\n  - {file: kelor.jpg, alt: {id: Bubuk kelor, en: Moringa powder}}\n",
        "products/bumdes-maju/kelor.jpg": jpeg_bytes((1000, 800)),
        "products/bumdes-maju/kepiting-hidup.yml": CRAB,
    }, with_theme=True)


def build_command(root: Path) -> list[str]:
    return [sys.executable, "-m", "generator", "--root", str(root), "--lang", "en", "build"]


def test_a_build_in_a_ci_log_says_each_stage_on_one_line(catalog):
    result = subprocess.run(build_command(catalog), cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stderr.splitlines() == STAGES
    assert "\r" not in result.stderr and "\x1b" not in result.stderr


def test_a_build_on_a_terminal_shows_counts_as_it_goes_and_leaves_the_stage_lines(catalog):
    controller, terminal = pty.openpty()
    try:
        process = subprocess.Popen(build_command(catalog), cwd=ROOT, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                                   stderr=terminal)
        os.close(terminal)
        said = b""
        while True:
            ready, _, _ = select.select([controller], [], [], 120)
            if not ready:
                break
            try:
                chunk = os.read(controller, 65536)
            except OSError:  # the terminal closes with the process
                break
            if not chunk:
                break
            said += chunk
        assert process.wait(timeout=120) == 0
    finally:
        os.close(controller)
    text = said.decode("utf-8").replace("\r\n", "\n")  # the terminal turns each line's end into CR LF
    assert "\r  photos and documents: 1/1\x1b[K" in text
    # Once the live lines are cleared, what stays on the screen is the stage lines.
    shown = []
    for line in text.split("\n"):
        shown.append(line.rpartition("\r\x1b[K")[2])
    assert [line for line in shown if line] == STAGES
