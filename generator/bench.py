"""`make bench`: build a synthetic catalog and print what a maintainer needs to know about speed and size.

Every figure is measured in this run: check and build times as medians of repeated runs where cheap, peak
memory of the build's processes, pages, output size (by part, and the average product page), the search
bytes a buyer downloads before the first result (in headless Chromium), image throughput, what one 12 MP
phone photo adds to the site, and a bare `mkdocs build` of as many trivial pages for the ratio. The last
line is one JSON object.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from generator.images import process_photo
from generator.pages import MEDIA_DIR
from generator.serve import CHROMIUM, CHROMIUM_ARGS, serve_directory
from generator.synthetic import PHONE_SIZE, phone_photo_bytes, photo_bytes, write_synthetic_catalog
from generator.write import TRASH_PREFIX

ROOT = Path(__file__).resolve().parent.parent


def run_timed(args: list[str], cwd: Path, env: dict[str, str] | None = None) -> tuple[float, subprocess.CompletedProcess]:
    """Wall-clock seconds of one command."""
    start = time.perf_counter()
    result = subprocess.run(args, cwd=cwd, capture_output=True, text=True, env={**os.environ, **(env or {})})
    return time.perf_counter() - start, result


def generator_cmd(root: Path, *args: str) -> list[str]:
    """``python -m generator`` on ``root``."""
    return [sys.executable, "-m", "generator", "--root", str(root), "--lang", "en", *args]


def tree_size(folder: Path) -> tuple[int, int]:
    """(files, bytes) under a folder."""
    files = [p for p in folder.rglob("*") if p.is_file()]
    return len(files), sum(p.stat().st_size for p in files)


PAGES_LIMIT_BYTES = 1_000_000_000
"""GitHub Pages publishes sites of at most 1 GB (as .github/workflows/publish.yml counts it)."""


def size_by_part(site: Path) -> dict[str, tuple[int, int]]:
    """(files, bytes) of the site's parts: pages, search bundles, photos and documents, open data, the rest."""
    parts: dict[str, list[int]] = {}
    for path in site.rglob("*"):
        if not path.is_file():
            continue
        relative = path.relative_to(site).parts
        part = ("media" if relative[0] == MEDIA_DIR else "search" if "pagefind" in relative
                else "pages" if path.suffix == ".html" else "data" if relative[0] == "data" else "other")
        entry = parts.setdefault(part, [0, 0])
        entry[0] += 1
        entry[1] += path.stat().st_size
    return {part: (files, size) for part, (files, size) in sorted(parts.items())}


def product_page_bytes(site: Path) -> float:
    """The average bytes of a product page (the listing at products/ left out), over every language."""
    sizes = [page.stat().st_size for page in site.glob("*/products/*/index.html")]
    return statistics.mean(sizes) if sizes else 0.0


def listing_kb(site: Path, lang: str = "en") -> dict[str, float]:
    """KB of the all-products page and of the rows it fetches (rows.json; 0 when every product is a card), raw
    and gzipped as a server sends them."""
    figures = {}
    for key, path in (("html", site / lang / "products" / "index.html"), ("rows", site / lang / "products" / "rows.json")):
        data = path.read_bytes() if path.is_file() else b""
        figures[key], figures[f"{key}_gz"] = len(data) / 1e3, len(gzip.compress(data)) / 1e3 if data else 0.0
    return figures


def phone_photo_figures(count: int, work: Path) -> dict[str, float]:
    """What one 12 MP phone photo becomes: its bytes, the bytes and files of its outputs, CPU-seconds."""
    work.mkdir(parents=True, exist_ok=True)
    sources, outputs, files, cpu = [], [], [], []
    for seed in range(count):
        source = work / f"phone-{seed}.jpg"
        source.write_bytes(phone_photo_bytes(seed))
        start = time.process_time()
        processed, _ = process_photo(source, work / "cache")
        cpu.append(time.process_time() - start)
        made = [*processed.variants, processed.preview]
        sources.append(source.stat().st_size)
        outputs.append(sum((work / "cache" / v.name).stat().st_size for v in made))
        files.append(len(made))
    return {"source_bytes": statistics.mean(sources), "output_bytes": statistics.mean(outputs),
            "files": statistics.mean(files), "cpu_s": statistics.median(cpu)}


def search_first_query_kb(site: Path, lang: str, query: str) -> float | None:
    """KB the browser downloads from /pagefind/ to show the first results for ``query`` (None without Chromium)."""
    if not CHROMIUM.exists():
        return None
    from playwright.sync_api import sync_playwright

    sizes: list[int] = []

    def on_response(response) -> None:
        if "/pagefind/" in response.url:
            try:
                sizes.append(len(response.body()))
            except Exception:  # noqa: BLE001 - a cancelled request has no body
                pass

    with serve_directory(site) as base, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=list(CHROMIUM_ARGS))
        page = browser.new_page()
        page.on("response", on_response)
        page.goto(f"{base}{lang}/products/")
        page.wait_for_selector("[data-vc-search] input", timeout=15000)
        page.fill("[data-vc-search] input", query)
        page.wait_for_selector(".vc-search__result", timeout=15000)
        page.wait_for_timeout(500)
        browser.close()
    return sum(sizes) / 1024


def image_throughput(count: int, work: Path) -> tuple[float, float]:
    """Images per second, cold cache then warm cache."""
    import random

    rng = random.Random(3)
    work.mkdir(parents=True, exist_ok=True)
    sources = []
    for index in range(count):
        path = work / f"photo-{index}.jpg"
        path.write_bytes(photo_bytes(rng))
        sources.append(path)
    cache = work / "cache"
    start = time.perf_counter()
    for source in sources:
        process_photo(source, cache)
    cold = count / (time.perf_counter() - start)
    start = time.perf_counter()
    for source in sources:
        process_photo(source, cache)
    warm = count / (time.perf_counter() - start)
    return cold, warm


def bare_mkdocs_seconds(pages: int, work: Path) -> float:
    """A plain Material project with ``pages`` trivial pages (one language), built by `mkdocs build`."""
    docs = work / "docs"
    docs.mkdir(parents=True)
    (docs / "index.md").write_text("# Home\n")
    for index in range(pages):
        (docs / f"p{index}.md").write_text(f"# Page {index}\n\nText.\n")
    (work / "mkdocs.yml").write_text("site_name: Bare\ntheme:\n  name: material\n  font: false\nplugins: []\nnav:\n  - index.md\n")
    seconds, result = run_timed([sys.executable, "-m", "mkdocs", "build", "--quiet", "-f", str(work / "mkdocs.yml")], work)
    if result.returncode != 0:
        raise SystemExit(result.stderr)
    return seconds


def settle_disk(catalog: Path, limit: float = 600) -> float:
    """Wait until the folders write.discard renamed aside (beside site/ and in .build/) are gone and every
    earlier write is on disk; return the seconds waited.

    A timed run should not pay for the work before it: on this virtual disk the write-back of a previous
    build (or of a test run) slowed a full build by a fifth.
    """
    start = time.perf_counter()
    patterns = [f"{TRASH_PREFIX}*", f".build/{TRASH_PREFIX}*", f".build/*/{TRASH_PREFIX}*", f".build/*/*/{TRASH_PREFIX}*"]
    while any(p for pattern in patterns for p in catalog.glob(pattern)) and time.perf_counter() - start < limit:
        time.sleep(1)
    os.sync()
    return time.perf_counter() - start


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark and print its figures."""
    parser = argparse.ArgumentParser(prog="python -m generator.bench")
    parser.add_argument("--products", type=int, default=10_000)
    parser.add_argument("--bumdes", type=int, default=None, help="default: products / 5")
    parser.add_argument("--repeat", type=int, default=3, help="runs of `check` and of the rebuild for the medians")
    parser.add_argument("--keep", type=Path, default=None, help="build in this folder and keep it")
    args = parser.parse_args(argv)
    bumdes = args.bumdes or max(1, args.products // 5)
    work = args.keep or Path(tempfile.mkdtemp(prefix="vc-bench-"))
    catalog = work / "catalog"
    print(f"synthetic catalog: {args.products} products, {bumdes} BUMDes, all provinces -> {catalog}", flush=True)
    write_synthetic_catalog(catalog, ROOT, products=args.products, bumdes=bumdes)
    subprocess.run(["git", "init", "-q"], cwd=catalog, check=True)

    # The first check starts without .cache/check.pickle (a fresh clone); the next ones reuse it, as a
    # contributor's second run or a CI run with the cache restored does.
    check_cold_s, result = run_timed(generator_cmd(catalog, "check"), ROOT)
    if result.returncode != 0:
        print(result.stdout[-2000:])
        return 1
    checks = [run_timed(generator_cmd(catalog, "check"), ROOT)[0] for _ in range(args.repeat)]
    check_s = statistics.median(checks)
    print(f"check: cold {check_cold_s:.2f} s; warm median {check_s:.2f} s of {args.repeat} runs "
          f"({', '.join(f'{c:.2f}' for c in checks)})", flush=True)

    settle_disk(catalog)
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    build_s, result = run_timed(generator_cmd(catalog, "build"), ROOT)
    if result.returncode != 0:
        print(result.stdout[-3000:])
        return 1
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    # CPU time moves less than wall time on a shared machine, and says how far two cores can go.
    build_cpu_s = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    peak_rss_mb = after.ru_maxrss / 1024
    print(f"full build (cold: no photo or page cache): {build_s:.1f} s; {build_cpu_s:.0f} CPU-seconds "
          f"({build_cpu_s / os.cpu_count():.0f} s on {os.cpu_count()} cores at best); peak RSS of one process: {peak_rss_mb:.0f} MB", flush=True)

    # A contributor edits one product and builds again. The previous build's detached deletion of old
    # trees is waited for first (it would share the disk with the timed build); a CI runner has none.
    rebuilds: list[float] = []
    pages_reused = 0
    for number in range(1, args.repeat + 1):
        waited = settle_disk(catalog)
        changed = next((catalog / "products").glob(f"*/produk-{number:05d}.yml"))
        changed.write_text(changed.read_text(encoding="utf-8").replace("Export-grade", "Export grade"), encoding="utf-8")
        seconds, result = run_timed(generator_cmd(catalog, "build"), ROOT)
        if result.returncode != 0:
            print(result.stdout[-3000:])
            return 1
        reused = re.search(r"\((\d+) unchanged", result.stdout)
        pages_reused = int(reused.group(1)) if reused else 0
        rebuilds.append(seconds)
        print(f"rebuild after one product changed (warm caches): {seconds:.1f} s; {pages_reused} pages from the page cache"
              f" (waited {waited:.0f} s for the previous build's deletions first)", flush=True)
    rebuild_s = statistics.median(rebuilds)
    print(f"rebuild: median {rebuild_s:.1f} s of {len(rebuilds)} runs", flush=True)

    site = catalog / "site"
    pages = sum(1 for lang in ("id", "en", "zh") for _ in (site / lang).rglob("index.html"))
    files, size = tree_size(site)
    parts = size_by_part(site)
    without_photos = size - parts.get("media", (0, 0))[1]
    product_page = product_page_bytes(site)
    print(f"pages: {pages}; output: {files} files, {size / 1e6:.1f} MB ("
          + ", ".join(f"{part} {n} files {b / 1e6:.1f} MB" for part, (n, b) in parts.items())
          + f"); average product page {product_page / 1000:.1f} KB", flush=True)
    listing = listing_kb(site)
    print(f"all-products page (en): {listing['html']:.0f} KB ({listing['html_gz']:.0f} KB gzipped); the rows it fetches "
          f"when a buyer filters: {listing['rows']:.0f} KB ({listing['rows_gz']:.0f} KB gzipped)", flush=True)
    print(f"without photos: {without_photos / 1e6:.1f} MB, "
          f"{'within' if without_photos <= PAGES_LIMIT_BYTES else 'OVER'} GitHub Pages' 1 GB", flush=True)

    # One realistic photo per product: pages and data scale with the products, each photo adds its outputs.
    phone = phone_photo_figures(4, work / "phone")
    per_1000 = without_photos / args.products * 1000 + 1000 * phone["output_bytes"]
    print(f"one {PHONE_SIZE[0]}×{PHONE_SIZE[1]} phone JPEG ({phone['source_bytes'] / 1e6:.1f} MB) becomes "
          f"{phone['files']:.0f} files of {phone['output_bytes'] / 1e3:.0f} KB in {phone['cpu_s']:.2f} CPU-seconds; "
          f"site per 1,000 products with one such photo each: {per_1000 / 1e6:.0f} MB "
          f"({without_photos / args.products * 1000 / 1e6:.0f} MB without photos + {1000 * phone['output_bytes'] / 1e6:.0f} MB of photos)",
          flush=True)

    search_kb = search_first_query_kb(site, "en", "moringa")
    search_zh_kb = search_first_query_kb(site, "zh", "辣木")
    if search_kb is not None:
        print(f"search, bytes before the first result: en 'moringa' {search_kb:.0f} KB, zh '辣木' {search_zh_kb:.0f} KB", flush=True)

    cold, warm = image_throughput(12, work / "images")
    print(f"images: {cold:.1f}/s cold, {warm:.0f}/s warm (cache hit)", flush=True)

    settle_disk(catalog)
    bare_s = bare_mkdocs_seconds(pages // 3, work / "bare")
    print(f"bare mkdocs build of {pages // 3} trivial pages (one language): {bare_s:.1f} s; "
          f"ours per language ≈ {build_s / 3:.1f} s → ratio {build_s / 3 / bare_s:.2f}", flush=True)

    summary = {
        "products": args.products, "bumdes": bumdes, "languages": 3, "pages": pages,
        "check_s": round(check_s, 2), "check_cold_s": round(check_cold_s, 2), "build_s": round(build_s, 1), "build_cpu_s": round(build_cpu_s),
        "rebuild_s": round(rebuild_s, 1),
        "rebuild_pages_reused": pages_reused,
        "peak_rss_mb": round(peak_rss_mb), "output_mb": round(size / 1e6, 1), "files": files,
        "output_without_photos_mb": round(without_photos / 1e6, 1), "product_page_bytes": round(product_page),
        "listing_kb": round(listing["html"]), "listing_rows_kb": round(listing["rows"]),
        "site_mb_per_1000_products_with_photo": round(per_1000 / 1e6), "phone_photo_output_kb": round(phone["output_bytes"] / 1e3),
        "phone_photo_cpu_s": round(phone["cpu_s"], 2),
        "search_first_query_kb": round(max(search_kb or 0, search_zh_kb or 0)),
        "images_per_s_cold": round(cold, 1), "images_per_s_warm": round(warm),
        "bare_mkdocs_s": round(bare_s, 1), "overhead_ratio": round(build_s / 3 / bare_s, 2),
    }
    if not args.keep:
        shutil.rmtree(work, ignore_errors=True)
    print(json.dumps(summary, sort_keys=True))
    return 0


if __name__ == "__main__":
    sys.exit(main())
