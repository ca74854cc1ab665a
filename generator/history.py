"""When each catalog file last changed, from git history (one `git log` for the whole tree).

deps.Dependencies turns these into each page's lastmod (the newest change among what it read) and the
feeds' dates. Never the clock: a build of the same commit must produce the same bytes. Outside a git
checkout a product's own `verified` date stands in for its file's.
"""

from __future__ import annotations

import datetime as dt
import subprocess
from pathlib import Path


def load_change_times(root: Path) -> dict[str, int]:
    """Relative path → Unix time of the newest commit that touched it (empty outside git)."""
    try:
        result = subprocess.run(
            ["git", "log", "--format=%x00%ct", "--name-only", "--no-renames", "--", "products", "regions", "site_config.yml",
             "theme/pages"],
            cwd=root, capture_output=True, text=True, check=True,
        )
    except (OSError, subprocess.CalledProcessError):
        return {}
    times: dict[str, int] = {}
    current = 0
    for line in result.stdout.splitlines():
        if line.startswith("\x00"):
            current = int(line[1:])
        elif line and line not in times:
            times[line] = current
    return times


def to_datetime(timestamp: int) -> dt.datetime:
    """A Unix time as an aware UTC datetime."""
    return dt.datetime.fromtimestamp(timestamp, tz=dt.timezone.utc)


def stamp(timestamp: int) -> str:
    """A Unix time as W3C/ISO 8601 UTC (2026-11-01T00:00:00Z): sitemaps, feeds and JSON-LD dates."""
    return to_datetime(timestamp).strftime("%Y-%m-%dT%H:%M:%SZ")


def date_time(day: dt.date) -> int:
    """Midnight UTC of a date, as a Unix time."""
    return int(dt.datetime(day.year, day.month, day.day, tzinfo=dt.timezone.utc).timestamp())
