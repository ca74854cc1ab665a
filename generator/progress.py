"""What a long command is doing, for the person waiting: `make build` and `make publish` alike.

One line per stage, always (a CI log reads like a list of what happened). On a terminal there is also a
live line under it (a count, and the time left once it can be estimated), rewritten in place and cleared
before the next stage's line, so nothing of it stays in the scrollback. Without a stream it says nothing:
tests and the benchmark call the build without one.
"""

from __future__ import annotations

import time
from typing import TextIO


def time_left(done: int, total: int, elapsed: float) -> str:
    """"about 40 s left" from the rate so far; empty until there is a rate to go by."""
    if done <= 0 or done >= total or elapsed <= 0:
        return ""
    seconds = elapsed / done * (total - done)
    if seconds < 1:
        return ""  # nothing to wait for (photos from the cache): "about 0 s" would only flicker
    return f"about {seconds:.0f} s left" if seconds < 120 else f"about {seconds / 60:.0f} min left"


class Progress:
    """Stage lines on ``out`` prefixed with the command's name; live lines only when ``out`` is a terminal."""

    def __init__(self, out: TextIO | None, command: str) -> None:
        self.out = out
        self.command = command
        self.live = out is not None and out.isatty()
        self.shown = False
        self.started = time.monotonic()
        """When the current stage began: the time left is estimated from it."""

    def line(self, text: str) -> None:
        """The start of a stage (or the last word): one line that stays."""
        if self.out is None:
            return
        self.clear()
        print(f"{self.command}: {text}", file=self.out, flush=True)
        self.started = time.monotonic()

    def update(self, text: str) -> None:
        """The live line, on a terminal only: replaces the previous one."""
        if not self.live:
            return
        assert self.out is not None
        self.out.write(f"\r{text}\x1b[K")
        self.out.flush()
        self.shown = True

    def count(self, what: str, done: int, total: int) -> None:
        """A live "what: done/total, about N s left" for the current stage."""
        if self.live:
            left = time_left(done, total, time.monotonic() - self.started)
            self.update(f"  {what}: {done:,}/{total:,}{', ' + left if left else ''}")

    def clear(self) -> None:
        """Remove the live line, if one is shown."""
        if self.shown:
            assert self.out is not None
            self.out.write("\r\x1b[K")
            self.out.flush()
            self.shown = False
