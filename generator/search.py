"""What buyers can search for: one small record per page, indexed by Pagefind without re-reading the site.

Pagefind reading the finished pages spent minutes and gigabytes at 10,000 products parsing the theme's
header, footer and every listing's product cards again. Instead each page view names the few texts a
buyer would search it by (a product's name, summary, description, category, BUMDes, region, HS code);
they are written as tiny HTML records, one flat file per page in .build/search/all/<lang>/, which Pagefind
(its stable command line, not its internal service protocol) indexes with the page's language and title;
the browser fetches only the chunks a query needs.

A product's record also holds its names in every catalog language and its synonyms (glossary.py), weighted
as its title, so 螃蟹 finds the crab on the English site and a name outranks a mention in a description.
What a result shows besides its title goes into two metadata fields, `detail` (category · BUMDes) and
`photo` (the photo's key; search.js adds the thumbnail's width and extension). Pagefind makes every
metadata value searchable, so nothing else goes there: the page's URL is read back from the record's own
file name (products.kelor.html → products/kelor/), where a path field would make every page answer
"products" and a file name "320" or "webp". (Filter fields are not searched, but Pagefind 1.5.2 writes
them in a different order on every run, and builds must be byte-identical.) A folder per record, as
Pagefind would need to derive the URL itself, cost a build 37,000 folders to make and Pagefind as many
to walk. docs/search.md has the whole picture.

The records stay between builds with an index of the page-cache key each was made for: a rebuild
rewrites only the records of pages that changed instead of writing 12,000 files per language again.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

from markupsafe import escape

from generator import write
from generator.glossary import UNSPACED
from generator.images import WIDTHS

SEARCH_RECORDS_DIR = "search"
"""Under the work folder (.build/): the records Pagefind indexes; never published."""


THUMB_WIDTH = WIDTHS[0]
"""A result's thumbnail is the photo's smallest variant (search.js is told the width by the page)."""
RECORDS_FORMAT = 3
"""Bumped whenever record files change name or shape: a records folder of another format is emptied."""

NAME_WEIGHT = 7
"""A product's names in every language and its synonyms count as much as its title (Pagefind's h1 weight)."""
PIECE_WEIGHT = 3
"""The pieces of Chinese names (see name_pieces): found whatever the buyer's browser makes of a query, below whole words."""
CODE_WEIGHT = 5
"""HS codes: found by their first digits (0306 finds 030633), above any body text."""
TEXT_WEIGHT = 1
"""Summaries, descriptions, places: found, but below a name."""


@dataclass(frozen=True)
class SearchResult:
    """How a product shows among search results, and the words that find it as surely as its title."""

    names: tuple[str, ...] = ()
    """Its names in every catalog language, synonyms and scientific names (glossary/synonyms.yml)."""
    codes: tuple[str, ...] = ()
    """HS codes, kept whole (numbers are otherwise left out of the index)."""
    detail: tuple[str, ...] = ()
    """Shown under the title: category and BUMDes."""
    photo: str | None = None
    """The key of the first photo, whose THUMB_WIDTH WebP variant is in site/media/."""


# Runs of text between spaces and the characters of scripts written without spaces (CJK ideographs,
# kana, hangul, their punctuation and full-width forms): in those scripts Pagefind segments words itself.
_RUN = re.compile(r"[^\s\u2e80-\u9fff\u3000-\u30ff\uac00-\ud7af\uf900-\ufaff\uff00-\uffef]+")
MIN_LETTERS = 3


def searchable(text: str) -> str:
    """Text without the runs that hold fewer than three letters: numbers, units and symbols (45 °C, 25 kg,
    2–4 mm) and words of one or two letters.

    When no indexed word starts with what a buyer typed, Pagefind falls back to the longest indexed word
    that the query starts with: "crab" found the "c" of °C in every dried product. Left out, such short
    words can no longer answer for a longer one; the texts are only searched, never shown.
    """
    return " ".join(_RUN.sub(_keep_run, text).split())


def _keep_run(run: re.Match[str]) -> str:
    word = run.group()
    # Most runs are whole words: isalpha() says so at C speed, instead of counting letter by letter.
    if len(word) >= MIN_LETTERS and word.isalpha():
        return word
    return word if sum(ch.isalpha() for ch in word) >= MIN_LETTERS else " "


SEGMENTED_LANGUAGES = ("zh", "ja", "th")
"""Languages whose records Pagefind cuts into words with its own dictionary (and whose queries the browser cuts with another)."""
_UNSPACED_RUN = re.compile(f"{UNSPACED.pattern}+")


def name_pieces(name: str, lang: str) -> tuple[str, ...]:
    """The pieces of a name's Chinese (Japanese, Korean) runs that make any part of it findable.

    On a zh site Pagefind cuts the records into words with its dictionary, but the browser cuts the query
    with its own (Chromium: 卡帕藻 → 卡 帕 藻), and every piece of the query must start a word of the page:
    each character of a name is therefore a word too. On the other sites nothing is cut, and a query
    finds only the words it begins: each run's tails are words too, so 辣木叶粉 finds 有机辣木叶粉.
    """
    runs = _UNSPACED_RUN.findall(name)
    if lang.split("-")[0] in SEGMENTED_LANGUAGES:
        return tuple(" ".join(run) for run in runs if len(run) > 1)
    return tuple(run[start:] for run in runs for start in range(1, len(run)))


def render_record(lang: str, title: str, texts: tuple[str, ...], result: SearchResult | None = None) -> str:
    """One page's record: its language and title, the words it is found by (names, codes and texts, weighted),
    and what its result shows (metadata that adds no word a buyer would type). Its page is its file name."""
    result = result or SearchResult()
    blocks = [(NAME_WEIGHT, searchable(name)) for name in result.names]
    blocks += [(PIECE_WEIGHT, piece) for name in (title, *result.names) for piece in name_pieces(name, lang)] if result.names else []
    blocks += [(CODE_WEIGHT, code) for code in result.codes]
    blocks += [(TEXT_WEIGHT, searchable(text)) for text in texts if text]
    body = "".join(f'<p data-pagefind-weight="{weight}">{escape(text)}</p>' for weight, text in blocks if text)
    shown = []
    if result.detail:
        shown.append(("detail", " · ".join(part for part in result.detail if part)))
    if result.photo:
        shown.append(("photo", result.photo))
    fields = "".join(f'<meta data-pagefind-meta="{name}[content]" content="{escape(value)}">' for name, value in shown)
    return (f'<!doctype html><html lang="{escape(lang)}"><head><meta charset="utf-8"><title>{escape(title)}</title>'
            f"{fields}</head><body><h1>{escape(title)}</h1>{body}</body></html>\n")


def write_record(records_dir: Path, lang: str, url: str, title: str, texts: tuple[str, ...],
                 result: SearchResult | None = None) -> None:
    """Write the record of the page at ``url`` (replacing any)."""
    # A record may be a hard link into the page cache: create_file replaces it, never writes into it.
    write.create_file(record_path(records_dir, url), render_record(lang, title, texts, result).encode())


def record_path(records_dir: Path, url: str) -> Path:
    """Where the record of the page at ``url`` lives in one language's records folder: products/kelor/ →
    products.kelor.html (URL segments are slugs, never holding a dot)."""
    return records_dir / f"{url.strip('/').replace('/', '.') or 'index'}.html"


class KeptRecords:
    """One language's records folder and the page-cache key each record in it was made for."""

    def __init__(self, folder: Path):
        self.folder = folder
        self.index = folder.with_name(f"{folder.name}.keys.json")

    def open(self) -> dict[str, str]:
        """The key of each record in place, by URL; an emptied folder when that is unknown.

        The index is removed before any record changes and written back by ``close``: a build stopped in
        between leaves no index, and the next build starts from an empty folder instead of trusting it.
        """
        try:
            index = json.loads(self.index.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            index = None
        self.index.unlink(missing_ok=True)
        kept = index.get("keys") if isinstance(index, dict) and index.get("format") == RECORDS_FORMAT else None
        if not isinstance(kept, dict) or not self.folder.is_dir():
            write.reset_dir(self.folder)
            return {}
        return kept

    def remove(self, url: str) -> None:
        """Drop the record of the page at ``url`` (a page gone, or one about to be written again)."""
        record_path(self.folder, url).unlink(missing_ok=True)

    def close(self, keys: dict[str, str]) -> None:
        """Record which key each record now in the folder was made for ("" for pages never cached)."""
        write.write_text(self.index, json.dumps({"format": RECORDS_FORMAT, "keys": keys}, sort_keys=True))
