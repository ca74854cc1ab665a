"""`make bench` keeps working: a small synthetic catalog goes through every measurement."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = [pytest.mark.slow, pytest.mark.browser]

ROOT = Path(__file__).resolve().parent.parent
KEYS = {"products", "languages", "pages", "check_s", "build_s", "rebuild_s", "peak_rss_mb", "search_first_query_kb", "output_mb", "files",
        "output_without_photos_mb", "product_page_bytes", "site_mb_per_1000_products_with_photo", "phone_photo_output_kb",
        "listing_kb", "listing_rows_kb"}


def test_small_benchmark_prints_its_figures_and_a_json_summary(tmp_path):
    result = subprocess.run([sys.executable, "-m", "generator.bench", "--products", "300", "--bumdes", "60",
                             "--repeat", "1", "--keep", str(tmp_path / "bench")],
                            cwd=ROOT, capture_output=True, text=True, timeout=900)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    lines = result.stdout.strip().splitlines()
    summary = json.loads(lines[-1])
    assert KEYS <= summary.keys()
    assert summary["products"] == 300 and summary["languages"] == 3
    # Every product page in every language, plus listings, regions and BUMDes pages.
    assert summary["pages"] >= 3 * (300 + 60)
    # One product changed: its BUMDes', region and category pages and the listings are built again, the rest comes from the cache.
    assert 3 * (300 + 60 - 20) < summary["rebuild_pages_reused"] < summary["pages"]
    # Figures are printed, never judged here: how fast they are says more about the machine than the code.
    assert all(isinstance(summary[key], (int, float)) and summary[key] > 0 for key in ("check_s", "build_s", "build_cpu_s"))
    assert 0 < summary["search_first_query_kb"] <= 500
    assert any(line.startswith("bare mkdocs build of") for line in lines)
    # Sizes: the parts add up, a product page is a page's size, photos add their outputs.
    assert summary["output_without_photos_mb"] < summary["output_mb"] and summary["files"] > summary["pages"]
    assert 5_000 < summary["product_page_bytes"] < 100_000
    # 300 products are more than the all-products page's cards: the rest are in rows.json, a fraction of a card each.
    assert summary["listing_rows_kb"] > 0
    assert summary["site_mb_per_1000_products_with_photo"] > 1000 * summary["output_without_photos_mb"] / 300 / 2
    assert any(line.startswith("without photos: ") and "GitHub Pages' 1 GB" in line for line in lines)
