"""Lighthouse audit of the built site: scores and byte budgets for the pages buyers land on.

Serves an already built site/ on 127.0.0.1 (gzip, as any static host does), runs Lighthouse's mobile
profile in Debian's Chromium on the home page, the product listing and one product page in each language,
prints a table and exits 1 when a budget fails. Builds nothing: run `make build` and `npm ci` first.

    python scripts/audit.py [--site site] [--product ID] [--langs en,zh] [--reports DIR]
"""

from __future__ import annotations

import argparse
import functools
import gzip
import json
import os
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # run as `python scripts/audit.py`: the generator package sits beside scripts/

from generator.serve import CHROMIUM, CHROMIUM_ARGS, QuietHandler, serve_directory  # noqa: E402
LIGHTHOUSE = ROOT / "node_modules" / ".bin" / "lighthouse"
CHROME = str(CHROMIUM)
CHROME_FLAGS = " ".join(("--headless=new", *CHROMIUM_ARGS))
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")

MIN_SCORES = {"performance": 95, "accessibility": 100, "best-practices": 95, "seo": 100}
"""Lowest acceptable Lighthouse score per category (0–100)."""
PAGE_BUDGET = 150_000
"""HTML + CSS + JS of a product page, bytes transferred (compressed)."""
PHOTO_BUDGET = 100_000
"""The first photo of a product page at phone width, bytes transferred."""
COMPRESSIBLE = (".html", ".css", ".js", ".json", ".svg", ".xml", ".txt")


class GzipHandler(QuietHandler):
    """Static files; text compressed with gzip when the browser accepts it, as production hosting does."""

    protocol_version = "HTTP/1.1"

    def send_head(self):  # type: ignore[override]
        path = Path(self.translate_path(self.path))
        if path.is_dir() and self.path.split("?")[0].endswith("/"):
            path = path / "index.html"
        if not path.is_file() or path.suffix not in COMPRESSIBLE or "gzip" not in self.headers.get("Accept-Encoding", ""):
            return super().send_head()  # folders without '/', missing files, photos: as usual
        body = compressed(path)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "max-age=600")
        self.end_headers()
        return _Bytes(body)


class _Bytes:
    """What send_head returns for copyfile: a readable, closable body."""

    def __init__(self, data: bytes):
        self.data = data

    def read(self, size: int = -1) -> bytes:
        data, self.data = self.data, b""
        return data

    def close(self) -> None:
        pass


@functools.lru_cache(maxsize=None)
def compressed(path: Path) -> bytes:
    """The gzip-compressed file (level 9, like a static host's precompressed files)."""
    return gzip.compress(path.read_bytes(), compresslevel=9, mtime=0)


@dataclass
class Audit:
    """One page's Lighthouse result, reduced to what the budgets look at."""

    label: str
    url: str
    scores: dict[str, int]
    page_bytes: int
    total_bytes: int
    first_photo: tuple[str, int] | None
    failures: list[str] = field(default_factory=list)


def run_lighthouse(url: str, report: Path) -> dict:
    """Lighthouse's mobile profile on one URL; the JSON report is also written to ``report``."""
    command = [str(LIGHTHOUSE), url, f"--chrome-flags={CHROME_FLAGS}", f"--only-categories={','.join(CATEGORIES)}",
               "--output=json", f"--output-path={report}", "--quiet"]
    env = {**os.environ, "CHROME_PATH": os.environ.get("CHROME_PATH", CHROME)}
    result = subprocess.run(command, env=env, capture_output=True, text=True, timeout=300)
    if result.returncode != 0 or not report.is_file():
        raise RuntimeError(f"lighthouse failed on {url}:\n{result.stderr[-2000:]}")
    return json.loads(report.read_text(encoding="utf-8"))


def lighthouse_version() -> str:
    """The installed Lighthouse version, from its package.json."""
    package = ROOT / "node_modules" / "lighthouse" / "package.json"
    return json.loads(package.read_text(encoding="utf-8"))["version"]


def read_audit(label: str, url: str, lhr: dict) -> Audit:
    """Scores, bytes of HTML+CSS+JS, the first media photo and the total weight from a Lighthouse report."""
    scores = {name: round((lhr["categories"][name]["score"] or 0) * 100) for name in CATEGORIES}
    requests = lhr["audits"]["network-requests"]["details"]["items"]
    page_bytes = sum(r.get("transferSize", 0) for r in requests if r.get("resourceType") in ("Document", "Stylesheet", "Script"))
    photos = sorted((r for r in requests if r.get("resourceType") == "Image" and "/media/" in r["url"]),
                    key=lambda r: r.get("networkRequestTime", r.get("startTime", 0)))
    first_photo = (photos[0]["url"].rsplit("/", 1)[-1], photos[0].get("transferSize", 0)) if photos else None
    total = int(lhr["audits"]["total-byte-weight"]["numericValue"])
    return Audit(label, url, scores, page_bytes, total, first_photo)


def check_budgets(audit: Audit, *, is_product: bool) -> None:
    """Record every budget the page misses."""
    for name, minimum in MIN_SCORES.items():
        if audit.scores[name] < minimum:
            audit.failures.append(f"{name} {audit.scores[name]} < {minimum}")
    if is_product and audit.page_bytes > PAGE_BUDGET:
        audit.failures.append(f"HTML+CSS+JS {audit.page_bytes / 1000:.1f} kB > {PAGE_BUDGET / 1000:.0f} kB")
    if is_product and audit.first_photo and audit.first_photo[1] > PHOTO_BUDGET:
        audit.failures.append(f"first photo {audit.first_photo[0]} {audit.first_photo[1] / 1000:.1f} kB > {PHOTO_BUDGET / 1000:.0f} kB")
    if is_product and audit.first_photo is None:
        audit.failures.append("no photo was loaded")


def failing_audits(lhr: dict) -> list[str]:
    """Titles of the scored audits that did not pass, to say why a score is below 100."""
    out = []
    for name in CATEGORIES:
        for ref in lhr["categories"][name]["auditRefs"]:
            audit = lhr["audits"][ref["id"]]
            if ref.get("weight", 0) > 0 and audit.get("score") is not None and audit["score"] < 1:
                value = f" ({audit['displayValue']})" if audit.get("displayValue") else ""
                out.append(f"{name}: {audit['title']}{value}")
    return out


def errored_audits(lhr: dict) -> set[str]:
    """Audits Lighthouse could not run (a Chromium newer than the Lighthouse release breaks some tracing)."""
    return {name for name, audit in lhr["audits"].items() if audit.get("scoreDisplayMode") == "error"}


def print_table(audits: list[Audit]) -> None:
    head = f"{'page':<22}{'perf':>6}{'a11y':>6}{'best':>6}{'seo':>6}{'html+css+js':>13}{'total':>10}  first photo"
    print(head)
    print("-" * len(head))
    for a in audits:
        photo = f"{a.first_photo[0]} {a.first_photo[1] / 1000:.1f} kB" if a.first_photo else "-"
        s = a.scores
        print(f"{a.label:<22}{s['performance']:>6}{s['accessibility']:>6}{s['best-practices']:>6}{s['seo']:>6}"
              f"{a.page_bytes / 1000:>10.1f} kB{a.total_bytes / 1000:>7.1f} kB  {photo}")


def default_product(site: Path, lang: str) -> str:
    """The first product (by id) that has a photo, else the first product."""
    folders = sorted(p for p in (site / lang / "products").iterdir() if (p / "index.html").is_file())
    for folder in folders:
        if "/media/" in (folder / "index.html").read_text(encoding="utf-8"):
            return folder.name
    return folders[0].name


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", type=Path, default=ROOT / "site", help="the built site (default: site/)")
    parser.add_argument("--product", help="product id to audit (default: the first with a photo)")
    parser.add_argument("--langs", default="en,zh", help="comma-separated languages (default: en,zh)")
    parser.add_argument("--reports", type=Path, help="keep the Lighthouse JSON reports in this folder")
    args = parser.parse_args(argv)

    site = args.site.resolve()
    if not (site / "index.html").is_file():
        print(f"{site}: no built site; run 'make build' first", file=sys.stderr)
        return 2
    if not LIGHTHOUSE.is_file():
        print(f"{LIGHTHOUSE.relative_to(ROOT)} is missing; run 'npm ci'", file=sys.stderr)
        return 2
    if not (Path(os.environ.get("CHROME_PATH", CHROME)).is_file()):
        print(f"{CHROME} is missing; run 'apt-get install chromium'", file=sys.stderr)
        return 2
    langs = [code for code in args.langs.split(",") if code]
    product = args.product or default_product(site, langs[0])
    pages = [(f"{lang} {kind}", f"{lang}/{path}", kind == "product") for lang in langs
             for kind, path in (("home", ""), ("products", "products/"), ("product", f"products/{product}/"))]

    reports = args.reports or Path(tempfile.mkdtemp(prefix="lighthouse-"))
    reports.mkdir(parents=True, exist_ok=True)
    audits: list[Audit] = []
    reasons: list[str] = []
    errored: set[str] = set()
    with serve_directory(site, GzipHandler) as base:
        for label, path, is_product in pages:
            print(f"lighthouse {base}{path}", file=sys.stderr, flush=True)
            lhr = run_lighthouse(base + path, reports / (label.replace(" ", "-") + ".json"))
            audit = read_audit(label, base + path, lhr)
            check_budgets(audit, is_product=is_product)
            audits.append(audit)
            reasons += [f"{label}: {reason}" for reason in failing_audits(lhr)]
            errored |= errored_audits(lhr)
    if not args.reports:
        shutil.rmtree(reports, ignore_errors=True)

    print(f"\nLighthouse {lighthouse_version()} mobile profile, {site.name}/, product {product}\n")
    print_table(audits)
    if reasons:
        print("\nAudits that lost points:")
        for reason in reasons:
            print(f"  {reason}")
    if errored:
        print(f"\nAudits Lighthouse could not run (not scored): {', '.join(sorted(errored))}")
    failures = [f"{a.label}: {f}" for a in audits for f in a.failures]
    budgets = ", ".join(f"{k} ≥ {v}" for k, v in MIN_SCORES.items())
    print(f"\nBudgets: {budgets}; product HTML+CSS+JS ≤ {PAGE_BUDGET / 1000:.0f} kB; first photo ≤ {PHOTO_BUDGET / 1000:.0f} kB")
    if failures:
        print("FAILED:")
        for failure in failures:
            print(f"  {failure}")
        return 1
    print("All budgets met.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
