"""Translation report: every missing text, and every stale one, per language.

A translation is stale when its source-language text was changed in a later commit than the
translation itself. git blame knows when each line last changed, so contributors keep no bookkeeping.
Uncommitted edits count as the newest change.
"""

from __future__ import annotations

import subprocess
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterator

from generator.load import Document, LoadError, load_document
from generator.sources import CONFIG_FILE, PRODUCTS_DIR, REGIONS_DIR
from generator.checked import format_loc


@dataclass
class Coverage:
    """Counts for one language."""

    total: int = 0
    missing: int = 0
    stale: int = 0

    @property
    def current(self) -> int:
        """Texts present and up to date."""
        return self.total - self.missing - self.stale


@dataclass(frozen=True)
class Gap:
    """One text a language lacks, or holds in a version older than the source's."""

    where: str
    line: int
    field: str
    lang: str
    source: str
    stale: bool


WORDS = {
    "en": {"missing": "missing", "stale": "stale (the {source} text changed after this translation)",
           "summary": "{lang}: {current}/{total} current ({share} %), {missing} missing, {stale} stale"},
    "id": {"missing": "belum diterjemahkan", "stale": "usang (teks {source} diubah setelah terjemahan ini)",
           "summary": "{lang}: {current}/{total} terkini ({share} %), {missing} belum diterjemahkan, {stale} usang"},
}
"""The report in the contributor's language (as make check speaks it), English for any other."""


@dataclass
class TranslationReport:
    """The gaps found and the per-language coverage."""

    gaps: list[Gap] = field(default_factory=list)
    coverage: dict[str, Coverage] = field(default_factory=dict)

    def format(self, lang: str = "en") -> list[str]:
        """``path:line: field: zh: missing``, one line per gap, in ``lang``."""
        words = WORDS.get(lang, WORDS["en"])
        return [f"{gap.where}:{gap.line}: {gap.field}: {gap.lang}: "
                + words["stale" if gap.stale else "missing"].format(source=gap.source) for gap in self.gaps]

    @property
    def lines(self) -> list[str]:
        return self.format("en")

    def summary(self, lang: str = "en") -> list[str]:
        """One line per language: ``zh: 120/130 current (94.4 %), 6 missing, 4 stale``."""
        words = WORDS.get(lang, WORDS["en"])
        out = []
        for code, c in self.coverage.items():
            share = 100.0 * c.current / c.total if c.total else 100.0
            number = f"{share:.1f}" if lang == "en" else f"{share:.1f}".replace(".", ",")
            out.append(words["summary"].format(lang=code, current=c.current, total=c.total, share=number,
                                               missing=c.missing, stale=c.stale))
        return out


def catalog_files(root: Path) -> list[Path]:
    """Every YAML file whose texts are translated."""
    files = [root / CONFIG_FILE]
    files += sorted((root / REGIONS_DIR).glob("*.yml"))
    files += sorted((root / PRODUCTS_DIR).glob("*/*.yml"))
    return [f for f in files if f.is_file()]


def line_times(root: Path, path: Path) -> dict[int, int]:
    """When each line of ``path`` last changed (commit time; uncommitted lines count as newest)."""
    try:
        result = subprocess.run(
            ["git", "blame", "--line-porcelain", "--", str(path.relative_to(root))],
            cwd=root, capture_output=True, text=True, check=True,
        )
    except (subprocess.CalledProcessError, FileNotFoundError, ValueError):
        return {}
    times: dict[int, int] = {}
    current_line = 0
    current_time = 0
    uncommitted = False
    for line in result.stdout.splitlines():
        parts = line.split(" ")
        if len(parts) >= 3 and len(parts[0]) == 40 and parts[1].isdigit() and parts[2].isdigit():
            current_line = int(parts[2])
            uncommitted = parts[0] == "0" * 40
        elif line.startswith("committer-time "):
            current_time = int(line.split(" ", 1)[1])
        elif line.startswith("\t"):
            times[current_line] = 2**62 if uncommitted else current_time
    return times


def _texts(value: Any, loc: tuple[Any, ...] = ()) -> Iterator[tuple[tuple[Any, ...], dict[str, str]]]:
    if isinstance(value, dict):
        if value and all(isinstance(v, str) for v in value.values()) and all(len(k) <= 8 for k in value):
            yield loc, value
            return
        for key, item in value.items():
            yield from _texts(item, loc + (key,))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _texts(item, loc + (index,))


def _span(document: Document, loc: tuple[Any, ...], text: str) -> range:
    start = document.value_at[loc][0]
    return range(start, start + text.count("\n") + 1)


def report_translations(root: Path, languages: list[str], source: str) -> TranslationReport:
    """Missing and stale texts of every catalog file, for every language but the source."""
    report = TranslationReport(coverage={lang: Coverage() for lang in languages if lang != source})
    for path in catalog_files(root):
        try:
            document = load_document(path)
        except (OSError, LoadError):
            continue
        times = line_times(root, path)
        where = path.relative_to(root).as_posix()
        in_regions = path.parent.name == REGIONS_DIR
        for loc, texts in _texts(document.data):
            if source not in texts or not isinstance(texts[source], str):
                continue
            if in_regions and loc[-1] == "name":
                continue  # place names are proper nouns, named by each language's rule (docs/languages.md)
            source_time = max((times.get(n, 0) for n in _span(document, loc + (source,), texts[source])), default=0)
            for lang, coverage in report.coverage.items():
                coverage.total += 1
                line = document.position(loc)[0]
                if lang not in texts:
                    coverage.missing += 1
                    report.gaps.append(Gap(where, line, format_loc(loc), lang, source, stale=False))
                    continue
                own_time = max((times.get(n, 0) for n in _span(document, loc + (lang,), texts[lang])), default=0)
                if times and source_time > own_time:
                    coverage.stale += 1
                    report.gaps.append(Gap(where, document.position(loc + (lang,))[0], format_loc(loc), lang, source,
                                           stale=True))
    return report
