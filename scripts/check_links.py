"""Report broken outbound links: every https address in the catalog's YAML, asked once each.

Run weekly by .github/workflows/weekly.yml: it only reports. One line per broken link,
``path: url: status``, then a summary line; a Markdown table goes to the job summary
($GITHUB_STEP_SUMMARY, or --summary FILE). The exit code is 0 whatever it finds.

Links come from site_config.yml (the dealer's and agents' alibaba_url), products/ (alibaba_url, links
in descriptions) and regions/ (links in descriptions). base_url is the site's own address, not a link out.
Dependency-free apart from PyYAML, which the generator needs anyway: requests go through urllib.request.
The tests check the extraction offline; nothing in `make test` reaches the network.

    .venv/bin/python scripts/check_links.py [--root .] [--timeout 20] [--summary FILE]
"""

from __future__ import annotations

import argparse
import http.client
import os
import re
import sys
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterable, Iterator

import yaml

CATALOG_FILES = ("site_config.yml", "products/**/*.yml", "regions/*.yml")
"""Where the catalog's YAML lives, relative to the root."""
SKIPPED_KEYS = frozenset({"base_url"})
"""Keys whose value is not an outbound link."""
URL_RE = re.compile(r"https://[^\s<>()\[\]{}\"'`|\\]+")
TRAILING = ".,;:!?*_~"
"""Sentence punctuation and Markdown emphasis that end a sentence, not an address."""
USER_AGENT = "Mozilla/5.0 (compatible; village-export-catalog-link-check/1.0)"
WORKERS = 8

Checker = Callable[[str, float], "str | None"]


@dataclass(frozen=True, order=True)
class Link:
    """One address in one catalog file."""

    path: str
    url: str


def find_urls(text: str) -> list[str]:
    """Every https address in a piece of text (bare, <autolink> or Markdown [text](url))."""
    return [match.group(0).rstrip(TRAILING) for match in URL_RE.finditer(text)]


def walk_strings(value: object) -> Iterator[str]:
    """Every text value in parsed YAML, leaving out the keys that are not links."""
    if isinstance(value, dict):
        for key, item in value.items():
            if key not in SKIPPED_KEYS:
                yield from walk_strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from walk_strings(item)
    elif isinstance(value, str):
        yield value


def collect_links(root: Path) -> tuple[list[Link], list[str]]:
    """Sorted links without repeats, and one note per file that could not be read."""
    links: set[Link] = set()
    unreadable: list[str] = []
    for pattern in CATALOG_FILES:
        for path in sorted(root.glob(pattern)):
            name = path.relative_to(root).as_posix()
            try:
                data = yaml.safe_load(path.read_text(encoding="utf-8"))
            except (OSError, UnicodeDecodeError, yaml.YAMLError) as error:
                unreadable.append(f"{name}: not read ({type(error).__name__}); make check says why")
                continue
            links.update(Link(name, url) for text in walk_strings(data) for url in find_urls(text))
    return sorted(links), unreadable


def check_url(url: str, timeout: float) -> str | None:
    """None when the address answers, else why it does not (an HTTP status or the network error)."""
    problem = request_status(url, "HEAD", timeout)
    if problem is None:
        return None
    # Many shops refuse or drop HEAD (403, 405, resets): ask with GET before calling a link broken.
    return request_status(url, "GET", timeout)


def request_status(url: str, method: str, timeout: float) -> str | None:
    """One request; None for a 2xx/3xx answer (redirects are followed)."""
    request = urllib.request.Request(url, method=method, headers={"User-Agent": USER_AGENT, "Accept": "*/*"})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310 - https only
            if method == "GET":
                response.read(1024)
            return None if response.status < 400 else f"{response.status} {response.reason}"
    except urllib.error.HTTPError as error:
        return f"{error.code} {error.reason}"
    except urllib.error.URLError as error:
        return f"unreachable ({error.reason})"
    except TimeoutError:
        return f"no answer in {timeout:g} s"
    except (OSError, ValueError, http.client.HTTPException) as error:
        return f"failed ({type(error).__name__}: {error})"


def check_links(links: Iterable[Link], check: Checker, *, timeout: float, workers: int = WORKERS) -> list[tuple[Link, str]]:
    """Ask each distinct address once (a few at a time); the broken links with their status."""
    links = list(links)
    urls = sorted({link.url for link in links})
    with ThreadPoolExecutor(max_workers=max(1, workers)) as pool:
        statuses = dict(zip(urls, pool.map(lambda url: check(url, timeout), urls)))
    return [(link, statuses[link.url]) for link in links if statuses[link.url] is not None]


def render_summary(links: list[Link], broken: list[tuple[Link, str]], unreadable: list[str]) -> str:
    """The Markdown for the job summary."""
    distinct = len({link.url for link in links})
    files = len({link.path for link in links})
    lines = ["## Outbound links", ""]
    lines.append(f"{len(links)} links ({distinct} addresses) in {files} files: **{len(broken)} broken**.")
    if broken:
        lines += ["", "| File | Link | Status |", "| --- | --- | --- |"]
        lines += [f"| `{_cell(link.path)}` | {_cell(link.url)} | {_cell(status)} |" for link, status in broken]
    if unreadable:
        lines += ["", "Not read:", ""] + [f"- {_cell(note)}" for note in unreadable]
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None, *, check: Checker = check_url) -> int:
    """Print one line per broken link and a summary; always 0 (the weekly job only reports)."""
    parser = argparse.ArgumentParser(description="Report broken https links in the catalog.")
    parser.add_argument("--root", type=Path, default=Path("."), help="catalog folder (default: current folder)")
    parser.add_argument("--timeout", type=float, default=20.0, help="seconds to wait for each request")
    parser.add_argument("--workers", type=int, default=WORKERS, help="requests at a time")
    parser.add_argument("--summary", type=Path, default=None, help="append Markdown here (default: $GITHUB_STEP_SUMMARY)")
    args = parser.parse_args(argv)

    links, unreadable = collect_links(args.root)
    broken = check_links(links, check, timeout=args.timeout, workers=args.workers)
    for note in unreadable:
        print(note, file=sys.stderr)
    for link, status in broken:
        print(f"{link.path}: {link.url}: {status}")
    print(f"{len(broken)} broken of {len(links)} links")

    summary = args.summary or (Path(os.environ["GITHUB_STEP_SUMMARY"]) if os.environ.get("GITHUB_STEP_SUMMARY") else None)
    if summary is not None:
        with summary.open("a", encoding="utf-8") as out:
            out.write(render_summary(links, broken, unreadable))
    return 0


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


if __name__ == "__main__":
    sys.exit(main())
