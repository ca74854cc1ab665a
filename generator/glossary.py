"""Which synonyms of glossary/synonyms.yml a product is found by: the entries whose words its names use.

An entry applies to a product when one of its words (a name in any language, or a scientific name) appears
in one of the product's names, in any language: "Live Mud Crab" uses "mud crab", so 螃蟹, kepiting and
Scylla serrata find it too. Latin words match whole words, ignoring case; Chinese (and other scripts
written without spaces) match anywhere in a name, as 蟹 does in 鲜活青蟹. Contributors then add a synonym
in one place instead of in every product file.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterable, Mapping

from generator.models import Glossary, Synonym

UNSPACED = re.compile(r"[\u2e80-\u9fff\u3040-\u30ff\uac00-\ud7af\uf900-\ufaff]")
"""Scripts written without spaces between words (Chinese, Japanese, Korean): their words match inside names."""


def entry_words(entry: Synonym) -> tuple[str, ...]:
    """Every word of an entry: its names in every language, then its scientific names, each once."""
    words = [word for names in entry.names.values() for word in names] + list(entry.scientific)
    return tuple(dict.fromkeys(_spaced(word) for word in words))


def _spaced(text: str) -> str:
    return " ".join(text.split())


@dataclass(frozen=True)
class SynonymFinder:
    """The glossary compiled once: one pattern for every word, and the entries each word belongs to."""

    pattern: re.Pattern[str] | None
    entries: Mapping[str, tuple[str, ...]]
    """Each word (case-folded) → the words of every entry it belongs to."""

    def words_for(self, names: Iterable[str]) -> tuple[str, ...]:
        """The words of every entry that one of ``names`` uses, each once, in glossary order."""
        if self.pattern is None:
            return ()
        found: dict[str, None] = {}
        for name in names:
            # A lookahead finds a match at every position, so "mud crab" and "crab" of two entries both count.
            for match in self.pattern.finditer(_spaced(name).casefold()):
                found.update(dict.fromkeys(self.entries[match.group(1)]))
        return tuple(found)


def compile_glossary(glossary: Glossary | None) -> SynonymFinder:
    """The finder of a validated glossary (one that finds nothing without a glossary)."""
    entries: dict[str, list[str]] = {}
    for entry in (glossary.synonyms.values() if glossary else ()):
        words = entry_words(entry)
        for word in words:
            entries.setdefault(word.casefold(), []).extend(words)
    if not entries:
        return SynonymFinder(pattern=None, entries={})
    # Longest first: at one position the longer word wins ("mud crab" before "mud").
    alternatives = [re.escape(word) if UNSPACED.search(word) else rf"(?<!\w){re.escape(word)}(?!\w)"
                    for word in sorted(entries, key=lambda w: (-len(w), w))]
    return SynonymFinder(pattern=re.compile(f"(?=({'|'.join(alternatives)}))"),
                         entries={word: tuple(dict.fromkeys(found)) for word, found in entries.items()})
