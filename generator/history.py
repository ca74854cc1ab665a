"""When each catalog file last changed, from git history (one `git log` for the whole tree).

Used for sitemap lastmod and feed dates. Never the clock: a build of the same commit must produce the
same bytes. Outside a git checkout the facts' own `verified` date is used instead.
"""

from __future__ import annotations

import datetime as dt
import subprocess
from pathlib import Path


def load_change_times(root: Path) -> dict[str, int]:
    """Relative path → Unix time of the newest commit that touched it (empty outside git)."""
    try:
        result = subprocess.run(
            ["git", "log", "--format=%x00%ct", "--name-only", "--no-renames", "--", "products", "regions", "site_config.yml"],
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


def date_time(day: dt.date) -> int:
    """Midnight UTC of a date, as a Unix time."""
    return int(dt.datetime(day.year, day.month, day.day, tzinfo=dt.timezone.utc).timestamp())


class Freshness:
    """Last-change times of every page subject, derived from the files behind it."""

    def __init__(self, catalog, times: dict[str, int]):
        root = catalog.root
        self.products: dict[str, int] = {}
        for product in catalog.products.values():
            rel = (product.folder / f"{product.id}.yml").relative_to(root).as_posix()
            self.products[product.id] = times.get(rel) or date_time(product.data.verified)
        self.bumdes: dict[str, int] = {}
        for bumdes in catalog.bumdes.values():
            rel = (bumdes.folder / "bumdes.yml").relative_to(root).as_posix()
            own = times.get(rel, 0)
            self.bumdes[bumdes.id] = max([own, *(self.products[p] for p in bumdes.product_ids)])
        config_time = times.get("site_config.yml", 0)
        self.site = max([config_time, *self.products.values(), *self.bumdes.values()], default=0)

    def of_page(self, kind: str, subject: str | None, catalog) -> int:
        """The newest change among the sources shown on a page."""
        if kind == "product" and subject:
            return self.products[subject]
        if kind == "bumdes" and subject:
            return self.bumdes[subject]
        if kind == "category" and subject:
            return max((self.products[p] for p in catalog.products_by_category[subject]), default=self.site)
        if kind == "regency" and subject:
            return max((self.bumdes[b] for b in catalog.bumdes_by_regency.get(subject, ())), default=self.site)
        if kind == "province" and subject:
            return max((self.bumdes[b] for b in catalog.bumdes_by_province.get(subject, ())), default=self.site)
        return self.site
