"""Make the font of the link-preview cards: a subset of Noto Sans CJK SC Bold, committed in theme/fonts/.

    apt-get install fonts-noto-cjk                      # Debian 1:20220127+repack1-1 (Noto Sans CJK 2.004)
    .venv/bin/pip install -r requirements-dev.txt       # fontTools, pinned (make test does this too)
    .venv/bin/python scripts/subset_fonts.py            # writes theme/fonts/NotoSansCJKsc-Bold.subset.otf
    .venv/bin/python scripts/subset_fonts.py --check    # exit 1 when the committed file differs

The same source file and the pinned fontTools give the same bytes: the script refuses any other source
(SOURCE_SHA256) and keeps the source's timestamps. The build reads the result with Pillow alone.

What the subset keeps, and why:
- ASCII, Latin-1, what the source has of Latin Extended-A, general punctuation, € ™ − 〇: Indonesian and
  English names. (Noto Sans CJK has 30 of the 128 letters of Latin Extended-A, those pinyin needs; a name
  with another one is reduced to its base letter by generator/cards.py, which says so.)
- GB2312 rows 1–3 and 8 (Chinese punctuation, numbers, full-width forms, pinyin) and all its 6,763 hanzi,
  levels 1 and 2. Level 1 alone (3,755 hanzi) made 0.82 MB instead of 1.50 MB, but the sample catalog's
  own Chinese product names already need level-2 hanzi (棕榈 palm, 广藿香 patchouli, 麸 bran), and plant,
  fish and spice names are where level 2 is used most.
- Horizontal glyphs only: no layout tables (GSUB/GPOS/BASE/VORG/vertical metrics). Pillow draws the cards
  with its basic layout, which reads none of them; with them the subset kept twice the glyphs (vertical
  and locale forms) for 2.8 MB.
- No hinting (1.82 MB with it): the cards use 34 px and larger, where FreeType's unhinted outlines look
  the same. The .notdef box is kept, so a missing glyph is never an invisible gap.
"""

from __future__ import annotations

import argparse
import hashlib
import io
import sys
from pathlib import Path

from fontTools import subset
from fontTools.ttLib import TTCollection

ROOT = Path(__file__).resolve().parent.parent
SOURCE = Path("/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc")
SOURCE_SHA256 = "faa5f3656a78b2e2d450d27fe8382c778bc2b6bb5ea29c986664a6a435056ceb"
SOURCE_FONT = "Noto Sans CJK SC Bold"
"""Full name (name ID 4) of the font taken from the collection, which also holds JP, KR, TC, HK and Mono."""
TARGET = ROOT / "theme" / "fonts" / "NotoSansCJKsc-Bold.subset.otf"

LATIN = [*range(0x20, 0x7F), *range(0xA0, 0x100), *range(0x100, 0x180)]
PUNCTUATION = [*range(0x2010, 0x2028), *range(0x2030, 0x203B), 0x20AC, 0x2122, 0x2212, 0x3007]
GB2312_SYMBOL_ROWS = (1, 2, 3, 8)
GB2312_HANZI_ROWS = range(16, 88)
"""Rows 16–55 are level 1 (3,755 hanzi by frequency), 56–87 level 2 (3,008 by radical)."""
NAME_IDS = (0, 1, 2, 3, 4, 5, 6, 7, 13, 14)
"""Copyright, names, version, trademark, licence text and licence URL."""


def gb2312(rows) -> list[int]:
    """The code points of the given rows (1–94) of GB2312."""
    found = []
    for row in rows:
        for cell in range(1, 95):
            try:
                found.append(ord(bytes([0xA0 + row, 0xA0 + cell]).decode("gb2312")))
            except UnicodeDecodeError:
                pass  # an empty cell of the table
    return found


def wanted() -> list[int]:
    """Every code point the subset should cover (where the source has a glyph for it)."""
    return sorted({*LATIN, *PUNCTUATION, *gb2312(GB2312_SYMBOL_ROWS), *gb2312(GB2312_HANZI_ROWS)})


def make_subset(source: bytes) -> bytes:
    """The subset's bytes, made from the collection's bytes."""
    collection = TTCollection(io.BytesIO(source))
    (font,) = [f for f in collection.fonts if f["name"].getDebugName(4) == SOURCE_FONT]
    options = subset.Options()
    options.layout_features = []
    options.drop_tables += ["GSUB", "GPOS", "GDEF", "BASE", "VORG", "vhea", "vmtx"]
    options.hinting = False
    options.notdef_outline = True
    options.name_IDs = list(NAME_IDS)
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=wanted())
    subsetter.subset(font)
    font.recalcTimestamp = False  # keep the source's dates: the same input gives the same bytes
    out = io.BytesIO()
    font.save(out)
    return out.getvalue()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="compare with the committed file instead of writing it")
    args = parser.parse_args()
    if not SOURCE.is_file():
        print(f"{SOURCE} is missing: apt-get install fonts-noto-cjk", file=sys.stderr)
        return 2
    source = SOURCE.read_bytes()
    if hashlib.sha256(source).hexdigest() != SOURCE_SHA256:
        print(f"{SOURCE} is not the file this subset is made from (Debian fonts-noto-cjk 1:20220127+repack1-1);"
              " a different source gives a different font: update SOURCE_SHA256 only on purpose", file=sys.stderr)
        return 2
    data = make_subset(source)
    if args.check:
        same = TARGET.is_file() and TARGET.read_bytes() == data
        print(f"{TARGET.relative_to(ROOT)}: {'up to date' if same else 'differs from what this script makes'}")
        return 0 if same else 1
    TARGET.parent.mkdir(parents=True, exist_ok=True)
    TARGET.write_bytes(data)
    print(f"{TARGET.relative_to(ROOT)}: {len(data):,} bytes, {len(wanted()):,} code points asked for")
    return 0


if __name__ == "__main__":
    sys.exit(main())
