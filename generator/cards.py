"""Link-preview cards: the 1200 × 630 PNG a shared link shows for a product or BUMDes without a photo.

A card says whose, what and where: the product's or BUMDes's name large, its category (or "BUMDes") and its
province below, the catalog's mark and title in a green band. previews.py chooses the words in the page's
language; this module draws them.

A catalog of 10,000 products mostly without photos needs ~30,000 cards, so a card costs about a millisecond,
not the 15-18 ms of drawing, reducing to a palette and encoding a whole picture (docs/performance.md):

- everything that is the same on every card of a language (sand, the faint sprout, the pin, the band with the
  mark and the title) is the *backdrop*, drawn and reduced to the palette once per process and title;
- every text lies on one flat colour (the layout keeps it off the sprout and the mark), so its anti-aliased
  edge is a ramp of that palette (``RAMPS``) and a glyph's coverage maps straight to a palette index: no
  reduction of the card to a palette;
- glyphs are rasterised once per character and size (``_glyph``) and pasted, pixel for pixel what
  ``ImageDraw.text`` draws with the basic layout;
- the picture is compressed in bands of rows, each its own deflate block run: the backdrop's bands are
  compressed once, and a card compresses only the bands its texts touch (``encode_png``).

Pure layout (``segment``, ``wrap_lines``, ``fit_lines``, ``fit_name``, ``choose_text``, ``plan_card``) is
measured with the font but kept apart from drawing (``draw_card``), from encoding (``render_card``, which returns
PNG bytes) and from the cache (``process_card`` reads and writes it, ``store_card`` writes a card the build
has already named). The font ships with the project
(theme/fonts/, a subset of Noto Sans CJK SC made by scripts/subset_fonts.py) and is read once per build
(``load_fonts``): nothing is fetched and the machine's own fonts are never used. A card is named by the hash
of the texts it draws, the settings and the font's bytes (``card_key``), so a build reuses it until one changes.

Line breaks: between any two Chinese characters (never before closing or after opening punctuation), after
a space, and after a hyphen inside a word; a word wider than a line is cut by characters. A character the
font has no glyph for is never drawn as an empty box: ``choose_text`` says what is drawn instead.
"""

from __future__ import annotations

import hashlib
import io
import json
import math
import struct
import unicodedata
import zlib
from collections import OrderedDict
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Callable, Container, Sequence

from PIL import Image, ImageDraw, ImageFont, features

from generator import write

FONTS_DIR = "theme/fonts"
FONT_FILE = "NotoSansCJKsc-Bold.subset.otf"
CARD_SIZE = (1200, 630)
RAMP_LEVELS = 16
"""Shades from one flat colour to another: a text's anti-aliased edge on its background, a shape's on sand."""
BAND_ROWS = 10
"""Rows compressed together: a card compresses again only the bands its texts touch."""
PNG_COMPRESS_LEVEL = 1
"""zlib level of the bands a text touches, run-length only (Z_RLE): on a card's name rows, measured, 0.5 ms and
11.0 kB where the default strategy takes 0.8 ms for 11.6 kB (level 1) or 2.5 ms for 8.3 kB (level 6)."""
SHAPES_LEVEL = 9
"""zlib level of the shapes' bands, compressed once per process."""
SETTINGS_VERSION = "4"
"""Raise when a change to this module changes what a card looks like: cached cards are then made again."""

Measure = Callable[[str], float]
"""The width of a text in pixels, at one font size."""
RGB = tuple[int, int, int]

# The catalog's colours (theme/assets/catalog.css).
SAND = (0xF7, 0xF4, 0xEE)
LEAF_TINT = (0xE3, 0xE9, 0xDC)
"""The catalog's green, faint on sand: the large sprout behind the texts."""
INK = (0x1C, 0x2B, 0x24)
MUTED = (0x4D, 0x5E, 0x55)
GREEN = (0x1F, 0x5C, 0x45)
AMBER = (0xE9, 0xA2, 0x3B)
RUST = (0xA4, 0x56, 0x1A)
WHITE = (0xFF, 0xFF, 0xFF)
RAMPS = ((SAND, INK), (SAND, GREEN), (SAND, MUTED), (GREEN, WHITE), (SAND, LEAF_TINT), (GREEN, AMBER), (SAND, RUST))
"""(background, colour) pairs: the palette is RAMP_LEVELS shades of each, the first four for the texts (on sand:
the name, the category, the place; on the band: the title), the others for the backdrop's shapes (the faint
sprout, the mark, the pin). Every pixel is one of these exactly: nothing is reduced to a palette."""

# Layout, in pixels of the 1200 × 630 card.
MARGIN = 80
TEXT_WIDTH = CARD_SIZE[0] - 2 * MARGIN
BAND_TOP = 516
"""The green band with the catalog's mark runs from here to the bottom."""
NAME_SIZES = ((100, 1), (88, 2), (76, 2), (66, 3), (58, 3))
"""(font size, most lines) tried in turn: the largest size at which the whole name fits wins."""
LINE_HEIGHT = 1.22
NAME_TOP, NAME_BOTTOM = 40, 336
"""The rows the name's block stays between."""
KIND_SIZE, KIND_BASELINE = 38, 414
PLACE_SIZE, PLACE_BASELINE = 36, 470
DETAIL_WIDTH = 780
"""The category's and the place's lines end before the faint sprout at the right."""
TITLE_SIZE = 36
PIN_WIDTH = 44
"""Room for the location pin before the place."""
MARK_SIZE = 62
SPROUT_SIZE = 180
"""The faint sprout growing out of the band at the right, below the name and beside the category and place."""

# Where each text's ink may go: a flat colour, never the sprout, the pin or the mark (tests/test_cards.py checks
# the backdrop). Ink beyond is cut off, never painted over a shape.
NAME_REGION = (MARGIN - 24, 16, CARD_SIZE[0] - MARGIN + 24, 348)
KIND_REGION = (MARGIN - 8, 366, MARGIN + DETAIL_WIDTH + 24, 428)
PLACE_REGION = (MARGIN + PIN_WIDTH - 8, 428, MARGIN + DETAIL_WIDTH + 24, 500)
TITLE_REGION = (MARGIN + MARK_SIZE + 16, BAND_TOP + 12, CARD_SIZE[0] - 24, CARD_SIZE[1] - 6)

ELLIPSIS = "…"
"""After Chinese text: the font's ellipsis is the full-width, centred one of Chinese typesetting."""
LATIN_ELLIPSIS = "..."
"""After Latin text: three full stops, on the baseline."""
NO_LINE_START = set("，。、；：！？）》」』】〕〉…‥·’”%,.;:!?)]}")
"""Closing punctuation: never the first character of a line."""
NO_LINE_END = set("（《「『【〔〈‘“([{")
"""Opening punctuation: never the last character of a line."""
TRIM_BEFORE_ELLIPSIS = " ,.;:-–—/、，。；：·"


@dataclass(frozen=True)
class CardTexts:
    """What one card says, already in the page's language: the caller chooses the words, this module draws them."""

    name: str
    """Whose card it is, drawn large: the product's or the BUMDes's name."""
    kind: str
    """What it is: a product's category, or what a BUMDes is ("村办企业（BUMDes）")."""
    place: str
    """Where it comes from: the province."""
    site_title: str
    """The catalog's title (site_config.yml title)."""
    name_alternates: tuple[str, ...] = ()
    """The name in the other languages: drawn instead when the font lacks one of its characters (``choose_text``)."""
    kind_alternates: tuple[str, ...] = ()
    """The same for the category's name."""


@dataclass(frozen=True, eq=False)
class CardFonts:
    """The card font, read once per build and handed to every worker."""

    data: bytes
    """The font file's bytes."""
    digest: str
    """SHA-256 of ``data``: part of every card's key."""
    coverage: frozenset[int]
    """The characters the font has a glyph for (its Unicode cmap)."""


@dataclass(frozen=True)
class TextLine:
    """One line of text to draw, with its left end on the baseline at (x, baseline), its ink kept inside ``region``
    (left, top, right, bottom), which is all ``background``."""

    text: str
    x: int
    baseline: int
    size: int
    color: RGB
    region: tuple[int, int, int, int]
    background: RGB = SAND


@dataclass(frozen=True)
class CardPlan:
    """Everything a card shows, measured and placed; ``render_card`` only draws it."""

    name: tuple[TextLine, ...]
    """The name's lines: all a card draws on its backdrop."""
    backdrop: tuple[TextLine, ...]
    """The category's, the place's and the title's lines: drawn once for every card that shows them."""
    name_from: int
    """0 when the name is drawn; i when ``name_alternates[i - 1]`` is drawn instead."""
    left_out: str
    """Characters of the texts the font has no glyph for, left out (each once, in order)."""


# --- reading the font ------------------------------------------------------------------------------------


def load_fonts(fonts_dir: Path) -> CardFonts:
    """Read the card font from ``fonts_dir`` (theme/fonts)."""
    data = (fonts_dir / FONT_FILE).read_bytes()
    return CardFonts(data=data, digest=hashlib.sha256(data).hexdigest(), coverage=font_coverage(data))


def font_coverage(data: bytes) -> frozenset[int]:
    """The characters an OpenType font maps to a glyph other than .notdef (its Unicode cmap, format 12 or 4)."""
    (num_tables,) = struct.unpack_from(">H", data, 4)
    tables = {}
    for i in range(num_tables):
        tag, _checksum, offset, _length = struct.unpack_from(">4sIII", data, 12 + 16 * i)
        tables[tag] = offset
    cmap = tables[b"cmap"]
    _version, count = struct.unpack_from(">HH", data, cmap)
    subtables = {}
    for i in range(count):
        platform, encoding, offset = struct.unpack_from(">HHI", data, cmap + 4 + 8 * i)
        (fmt,) = struct.unpack_from(">H", data, cmap + offset)
        subtables[(platform, encoding, fmt)] = cmap + offset
    for platform, encoding, fmt in ((3, 10, 12), (0, 4, 12), (3, 1, 4), (0, 3, 4)):
        if (platform, encoding, fmt) in subtables:
            start = subtables[(platform, encoding, fmt)]
            return _cmap_12(data, start) if fmt == 12 else _cmap_4(data, start)
    raise ValueError("the font has no Unicode cmap of format 4 or 12")


def _cmap_4(data: bytes, start: int) -> frozenset[int]:
    (seg_count_x2,) = struct.unpack_from(">H", data, start + 6)
    count = seg_count_x2 // 2
    ends = struct.unpack_from(f">{count}H", data, start + 14)
    starts = struct.unpack_from(f">{count}H", data, start + 16 + seg_count_x2)
    deltas = struct.unpack_from(f">{count}h", data, start + 16 + 2 * seg_count_x2)
    range_at = start + 16 + 3 * seg_count_x2
    ranges = struct.unpack_from(f">{count}H", data, range_at)
    found = set()
    for i in range(count):
        for code in range(starts[i], ends[i] + 1):
            if code == 0xFFFF:
                continue
            if ranges[i] == 0:
                glyph = (code + deltas[i]) & 0xFFFF
            else:
                (glyph,) = struct.unpack_from(">H", data, range_at + 2 * i + ranges[i] + 2 * (code - starts[i]))
                glyph = (glyph + deltas[i]) & 0xFFFF if glyph else 0
            if glyph:
                found.add(code)
    return frozenset(found)


def _cmap_12(data: bytes, start: int) -> frozenset[int]:
    (groups,) = struct.unpack_from(">I", data, start + 12)
    found = set()
    for i in range(groups):
        first, last, glyph = struct.unpack_from(">III", data, start + 16 + 12 * i)
        found.update(code for code in range(first, last + 1) if glyph + code - first)
    return frozenset(found)


# --- pure layout -------------------------------------------------------------------------------------------


def is_wide(char: str) -> bool:
    """Chinese (and other East Asian wide) characters: a line may break before or after each."""
    return unicodedata.east_asian_width(char) in ("W", "F")


def clean_text(text: str) -> str:
    """One line: runs of white space become one space, invisible format characters go."""
    if not text.isprintable():  # only then can it hold a format character (Cf is never printable)
        text = "".join(c for c in text if unicodedata.category(c) != "Cf")
    return " ".join(text.split())


def segment(text: str) -> list[str]:
    """``text`` cut where a line may break; a piece keeps its trailing space, and the pieces join back into ``text``."""
    pieces: list[str] = []
    current = ""
    for i, char in enumerate(text):
        if current and _may_break(text, i):
            pieces.append(current)
            current = ""
        current += char
    if current:
        pieces.append(current)
    return pieces


def _may_break(text: str, i: int) -> bool:
    """Whether a line may break before ``text[i]``."""
    before, char = text[i - 1], text[i]
    if char == " ":
        return False
    if before == " ":
        return True
    if char in NO_LINE_START or before in NO_LINE_END:
        return False
    if is_wide(before) or is_wide(char):
        return True
    # "Kepiting-bakau" may break after the hyphen; "80-100" and "-5" may not.
    return before in "-/" and i >= 2 and text[i - 2].isalpha() and char.isalpha()


def wrap_lines(text: str, measure: Measure, width: float) -> list[str]:
    """``text`` broken into lines no wider than ``width``, greedily; a word wider than a line is cut by characters."""
    lines: list[str] = []
    current = ""
    for piece in segment(clean_text(text)):
        if current and measure((current + piece).rstrip()) > width:
            lines.append(current.rstrip())
            current = ""
        current += piece
        while measure(word := current.rstrip()) > width:
            head, rest = _cut_to_fit(word, measure, width)
            lines.append(head)
            current = rest + current[len(word):] if rest else ""
    if current.strip():
        lines.append(current.rstrip())
    return lines


def _cut_to_fit(text: str, measure: Measure, width: float) -> tuple[str, str]:
    """The longest start of a too-wide word that fits (with a hyphen between two letters), and the rest."""

    def head(n: int) -> str:
        return text[:n] + "-" if text[n - 1].isalpha() and text[n].isalpha() else text[:n]

    if len(text) == 1:
        return text, ""
    low, high = 1, len(text) - 1  # at least one character per line, whatever the width
    while low < high:
        middle = (low + high + 1) // 2
        if measure(head(middle)) <= width:
            low = middle
        else:
            high = middle - 1
    return head(low), text[low:]


def fit_lines(text: str, measure: Measure, width: float, max_lines: int) -> tuple[list[str], bool]:
    """At most ``max_lines`` lines of ``text``; the last ends in an ellipsis when text was left out (then True)."""
    lines = wrap_lines(text, measure, width)
    if len(lines) <= max_lines:
        return lines, False
    kept = lines[:max_lines]
    kept[-1] = ellipsize(kept[-1], measure, width)
    return kept, True


def ellipsize(line: str, measure: Measure, width: float) -> str:
    """``line`` shortened so that it and an ellipsis fit: by whole words while that keeps half the width, else by characters."""
    pieces = segment(line)
    for count in range(len(pieces), 0, -1):
        words = _with_ellipsis("".join(pieces[:count]))
        if measure(words) <= width:
            if measure(words) >= width / 2:
                return words
            break
    for end in range(len(line), 0, -1):
        chars = _with_ellipsis(line[:end])
        if measure(chars) <= width:
            return chars
    return ELLIPSIS


def _with_ellipsis(text: str) -> str:
    kept = text.rstrip(TRIM_BEFORE_ELLIPSIS)
    return kept + (ELLIPSIS if not kept or is_wide(kept[-1]) else LATIN_ELLIPSIS)


@dataclass(frozen=True)
class NameBlock:
    """The name as drawn: its font size and lines."""

    size: int
    lines: tuple[str, ...]
    truncated: bool


def fit_name(text: str, measure_at: Callable[[int], Measure], width: float = TEXT_WIDTH,
             sizes: Sequence[tuple[int, int]] = NAME_SIZES) -> NameBlock:
    """The largest of ``sizes`` at which the whole name fits its line count; else the last, with an ellipsis."""
    for size, max_lines in sizes:
        measure = measure_at(size)
        # Too long even if every break fell at a space and every line were full: no need to wrap it.
        if measure(text) - (max_lines - 1) * measure(" ") > max_lines * width:
            continue
        lines = wrap_lines(text, measure, width)
        if len(lines) <= max_lines:
            return NameBlock(size=size, lines=tuple(balance(text, lines, measure, width)), truncated=False)
    size, max_lines = sizes[-1]
    lines, truncated = fit_lines(text, measure_at(size), width, max_lines)
    return NameBlock(size=size, lines=tuple(lines), truncated=truncated)


def balance(text: str, lines: list[str], measure: Measure, width: float) -> list[str]:
    """``lines`` rewrapped as narrow as their count allows, so that a name's last line is not one short word
    ("Java-Type / Citronella Oil", not "Java-Type Citronella / Oil"); never narrower than its widest word, so no
    word is cut that was whole."""
    if len(lines) < 2:
        return lines
    low = max(math.ceil(measure(text) / len(lines)), *(math.ceil(measure(piece.rstrip())) for piece in segment(clean_text(text))))
    high = math.floor(width)
    best = lines
    while low <= high:
        middle = (low + high) // 2
        trial = wrap_lines(text, measure, middle)
        if len(trial) <= len(lines):
            best, high = trial, middle - 1
        else:
            low = middle + 1
    return best


def fold_text(text: str, covered: Container[int]) -> str:
    """``text`` with each character the font lacks replaced by its base letter when it has one (Ś → S, ﬁ → fi)."""
    out = []
    for char in text:
        if ord(char) in covered:
            out.append(char)
            continue
        base = [c for c in unicodedata.normalize("NFKD", char) if not unicodedata.combining(c)]
        out.append("".join(base) if base and all(ord(c) in covered for c in base) else char)
    return "".join(out)


def _covers(text: str, covered: Container[int]) -> bool:
    """Whether the font has a glyph for every character of ``text``."""
    if isinstance(covered, (set, frozenset)):
        return covered.issuperset(map(ord, text))
    return all(ord(c) in covered for c in text)


def missing_chars(text: str, covered: Container[int]) -> str:
    """The characters of ``text`` the font has no glyph for, each once, in order."""
    return "".join(dict.fromkeys(c for c in text if ord(c) not in covered))


def choose_text(candidates: Sequence[str], covered: Container[int]) -> tuple[int, str, str]:
    """What to draw for a text the font may not cover: (which candidate, the text, characters left out).

    The rule: the first candidate the font covers as it is (the text itself, then the others with Latin-script
    ones first, which the font covers best); else the first it covers once letters with diacritics it lacks are
    reduced to their base letter; else the first candidate so reduced, without the characters still missing
    (they are returned, so the build can say so). Never an empty box.
    """
    first = clean_text(candidates[0]) if candidates else ""
    if first and _covers(first, covered):  # nearly always: ~140,000 texts at 10,000 products
        return 0, first, ""
    order = [0, *sorted(range(1, len(candidates)), key=lambda i: any(is_wide(c) for c in candidates[i]))]
    cleaned = {index: clean_text(candidates[index]) for index in order}
    for index in order:
        if cleaned[index] and not missing_chars(cleaned[index], covered):
            return index, cleaned[index], ""
    folded = {index: fold_text(cleaned[index], covered) for index in order}
    for index in order:
        if folded[index] and not missing_chars(folded[index], covered):
            return index, folded[index], ""
    first = folded[0]
    left_out = missing_chars(first, covered)
    return 0, clean_text("".join(c for c in first if c not in left_out)), left_out


def missing_glyphs(texts: CardTexts, covered: Container[int]) -> str:
    """The characters ``plan_card`` leaves out of a card's texts, each once: what the build warns about, unmeasured."""
    left_out = missing_glyphs_by_text(texts, covered)
    return "".join(dict.fromkeys("".join(left_out)))


def missing_glyphs_by_text(texts: CardTexts, covered: Container[int]) -> tuple[str, str, str, str]:
    """What ``plan_card`` leaves out of the name and the category (after their alternates), the place and the
    title: the build names the file each came from."""
    return tuple(choose_text(candidates, covered)[2] for candidates in _candidates(texts))  # type: ignore[return-value]


def _candidates(texts: CardTexts) -> tuple[tuple[str, ...], ...]:
    """Each text with what may be drawn instead: name, category, place, title."""
    return (texts.name, *texts.name_alternates), (texts.kind, *texts.kind_alternates), (texts.place,), (texts.site_title,)


def plan_card(texts: CardTexts, fonts: CardFonts) -> CardPlan:
    """Where every text of a card goes, measured with the card font."""
    chosen = [choose_text(candidates, fonts.coverage) for candidates in _candidates(texts)]
    (name_from, name, _), (_, kind, _), (_, place, _), (_, title, _) = chosen

    def measure_at(size: int) -> Measure:
        return _measure(fonts, size)

    block = fit_name(name, measure_at)
    # The name's block, from the top of its first line to the descent of its last, with two thirds of the room
    # it leaves above it: a short name stays near the category and place it goes with.
    height = round(block.size * (0.88 + LINE_HEIGHT * (len(block.lines) - 1) + 0.22))
    first_baseline = NAME_TOP + max(0, (NAME_BOTTOM - NAME_TOP - height) * 2 // 3) + round(block.size * 0.88)
    lines = [TextLine(text, MARGIN, first_baseline + round(i * block.size * LINE_HEIGHT), block.size, INK, NAME_REGION)
             for i, text in enumerate(block.lines)]
    for text, x, baseline, size, color, region in (
            (kind, MARGIN, KIND_BASELINE, KIND_SIZE, GREEN, KIND_REGION),
            (place, MARGIN + PIN_WIDTH, PLACE_BASELINE, PLACE_SIZE, MUTED, PLACE_REGION)):
        fitted = fit_lines(text, measure_at(size), region[2] - 24 - x, 1)[0]
        if fitted:
            lines.append(TextLine(fitted[0], x, baseline, size, color, region))
    title_x = MARGIN + MARK_SIZE + 24
    title_line = fit_lines(title, measure_at(TITLE_SIZE), CARD_SIZE[0] - MARGIN - title_x, 1)[0]
    title_baseline = BAND_TOP + (CARD_SIZE[1] - BAND_TOP) // 2 + round(TITLE_SIZE * 0.36)
    if title_line:
        lines.append(TextLine(title_line[0], title_x, title_baseline, TITLE_SIZE, WHITE, TITLE_REGION, GREEN))
    return CardPlan(name=tuple(lines[:len(block.lines)]), backdrop=tuple(lines[len(block.lines):]), name_from=name_from,
                    left_out="".join(dict.fromkeys("".join(c[2] for c in chosen))))


# --- shapes of the mark -----------------------------------------------------------------------------------


def leaf_polygon(base: tuple[float, float], length: float, width: float, angle: float, steps: int = 32) -> list[tuple[float, float]]:
    """A pointed leaf from ``base`` towards ``angle`` (degrees, counter-clockwise from the right, y up), as a polygon."""
    ux, uy = math.cos(math.radians(angle)), -math.sin(math.radians(angle))  # image y grows downwards
    nx, ny = -uy, ux
    side = [(t / steps, width / 2 * math.sin(math.pi * t / steps) ** 0.9) for t in range(steps + 1)]
    outline = [(a, o) for a, o in side] + [(a, -o) for a, o in reversed(side)]
    return [(base[0] + ux * a * length + nx * o, base[1] + uy * a * length + ny * o) for a, o in outline]


def sprout_shapes(x: float, y: float, size: float) -> tuple[list[list[tuple[float, float]]], tuple[float, float, float, float, float]]:
    """The catalog's mark in the box (x, y, size × size): two leaf polygons and the stem (x0, y0, x1, y1, width)."""
    cx = x + size * 0.5
    stem = (cx, y + size * 0.98, cx, y + size * 0.42, size * 0.09)
    left = leaf_polygon((cx, y + size * 0.66), size * 0.46, size * 0.26, 152)
    right = leaf_polygon((cx, y + size * 0.50), size * 0.56, size * 0.30, 38)
    return [left, right], stem


# --- the palette and the backdrop ---------------------------------------------------------------------------


@lru_cache(maxsize=1)
def palette() -> tuple[int, ...]:
    """The card's palette, flat (r, g, b, r, g, b, ...): RAMP_LEVELS shades of each of RAMPS."""
    flat: list[int] = []
    for background, color in RAMPS:
        for level in range(RAMP_LEVELS):
            t = level / (RAMP_LEVELS - 1)
            flat += [round(b + (c - b) * t) for b, c in zip(background, color)]
    return tuple(flat)


@lru_cache(maxsize=None)
def _coverage_to_index(background: RGB, color: RGB) -> tuple[int, ...]:
    """For a glyph's coverage 0-255, the palette index of ``color`` over ``background`` at that coverage."""
    ramp = RAMPS.index((background, color))
    return tuple(ramp * RAMP_LEVELS + round(v * (RAMP_LEVELS - 1) / 255) for v in range(256))


INK_ONLY = (0,) + (255,) * 255
"""A glyph's coverage as a paste mask: the text's pixels replace the backdrop's, the rest keep it."""


Band = tuple[bytes, int, int]
"""BAND_ROWS rows of a card as (deflate blocks that end on a byte and refer to nothing before them, the Adler-32
of the raw rows, their length): bands from different layers join into one valid stream. A run of bands
compressed together is held by its first band; the others are (b"", 1, 0)."""


@dataclass(frozen=True, eq=False)
class Layer:
    """A card so far, as palette indices with each row led by PNG's filter byte (0, none), and compressed band by
    band: the shapes (once per process), then a backdrop (the category, place and title), then a card's name."""

    image: Image.Image
    """Mode "L", (CARD_SIZE[0] + 1) × CARD_SIZE[1]: column 0 is the filter byte, then the palette indices."""
    bands: tuple[Band, ...]


_BACKDROPS: OrderedDict[tuple[str, tuple[TextLine, ...]], Layer] = OrderedDict()
BACKDROPS_KEPT = 16
"""Backdrops a process keeps (0.8 MB each): the build hands a worker the cards of one backdrop together."""


def _backdrop(fonts: CardFonts, lines: tuple[TextLine, ...]) -> Layer:
    """The layer every card of one category (or BUMDes), province and language shares."""
    key = (fonts.digest, lines)
    if key in _BACKDROPS:
        _BACKDROPS.move_to_end(key)
        return _BACKDROPS[key]
    canvas, top, bands = _draw(_base(), lines, fonts)
    image = _base().image.copy()
    image.paste(canvas, (0, top))
    backdrop = _BACKDROPS[key] = Layer(image=image, bands=bands)
    while len(_BACKDROPS) > BACKDROPS_KEPT:
        _BACKDROPS.popitem(last=False)
    return backdrop


@lru_cache(maxsize=1)
def _base() -> Layer:
    """The shapes as the first layer, each band compressed hard once per process (SHAPES_LEVEL)."""
    image = Image.new("L", (CARD_SIZE[0] + 1, CARD_SIZE[1]), 0)
    image.paste(_shapes(), (1, 0))
    raw = image.tobytes()
    bands = []
    for start in range(0, len(raw), BAND_BYTES):
        rows = raw[start:start + BAND_BYTES]
        compressor = zlib.compressobj(SHAPES_LEVEL, zlib.DEFLATED, -15, 9)
        bands.append((compressor.compress(rows) + compressor.flush(zlib.Z_FULL_FLUSH), zlib.adler32(rows), len(rows)))
    return Layer(image=image, bands=tuple(bands))


def _draw(under: Layer, lines: Sequence[TextLine], fonts: CardFonts) -> tuple[Image.Image, int, tuple[Band, ...]]:
    """``lines`` drawn over ``under``: the rows of their regions as drawn (from row ``top``, whole bands), and the
    bands, those the lines touch compressed again (PNG_COMPRESS_LEVEL, run-length only)."""
    if not lines:
        return Image.new("L", (CARD_SIZE[0] + 1, 0)), 0, under.bands
    top = min(line.region[1] for line in lines) // BAND_ROWS * BAND_ROWS
    bottom = -(-max(line.region[3] for line in lines) // BAND_ROWS) * BAND_ROWS
    canvas = under.image.crop((0, top, CARD_SIZE[0] + 1, bottom))
    touched: set[int] = set()
    for line in lines:
        rows = _paint(canvas, line, fonts, top)
        if rows:
            touched.update(range(rows.start // BAND_ROWS, (rows.stop - 1) // BAND_ROWS + 1))
    bands = list(under.bands)
    # A layer draws only over whole bands of the one below (the regions of the layers never share a band).
    assert all(bands[band][2] == BAND_BYTES for band in touched), "a layer draws over another's run of bands"
    raw = canvas.tobytes()
    # Each run of touched bands is one compression; the full flush after it makes its blocks stand alone. Its
    # first band holds the run, the others are empty.
    compressor = zlib.compressobj(PNG_COMPRESS_LEVEL, zlib.DEFLATED, -15, 9, zlib.Z_RLE)
    for first, last in _runs(touched):
        start = (first * BAND_ROWS - top) * (CARD_SIZE[0] + 1)
        rows = raw[start:start + (last - first + 1) * BAND_BYTES]
        bands[first] = (compressor.compress(rows) + compressor.flush(zlib.Z_FULL_FLUSH), zlib.adler32(rows), len(rows))
        bands[first + 1:last + 1] = [(b"", 1, 0)] * (last - first)
    return canvas, top, tuple(bands)


def _runs(bands: set[int]) -> list[tuple[int, int]]:
    """Consecutive bands as (first, last) runs, in order."""
    runs: list[tuple[int, int]] = []
    for band in sorted(bands):
        if runs and runs[-1][1] == band - 1:
            runs[-1] = (runs[-1][0], band)
        else:
            runs.append((band, band))
    return runs


BAND_BYTES = (CARD_SIZE[0] + 1) * BAND_ROWS


SCALE = 4
"""The fixed shapes are drawn this many times larger, then reduced: smooth edges."""


@lru_cache(maxsize=1)
def _shapes() -> Image.Image:
    """The backdrop without the texts, as palette indices: sand, a faint sprout, the pin, the green band with the
    amber line and the mark. Each shape is a coverage mask shaded by its ramp, as the texts are."""
    image = Image.new("L", CARD_SIZE, _coverage_to_index(SAND, INK)[0])
    sprout_x, sprout_y = CARD_SIZE[0] - 60 - SPROUT_SIZE, BAND_TOP - round(SPROUT_SIZE * 0.98)
    _shade(image, (sprout_x, sprout_y), _sprout_mask(SPROUT_SIZE), SAND, LEAF_TINT)
    image.paste(_coverage_to_index(GREEN, AMBER)[-1], (0, BAND_TOP, CARD_SIZE[0], BAND_TOP + 6))
    image.paste(_coverage_to_index(GREEN, AMBER)[0], (0, BAND_TOP + 6, CARD_SIZE[0], CARD_SIZE[1]))
    mark_top = BAND_TOP + (CARD_SIZE[1] - BAND_TOP - MARK_SIZE) // 2 + 3
    _shade(image, (MARGIN, mark_top), _sprout_mask(MARK_SIZE), GREEN, AMBER)
    pin = _pin()
    _shade(image, (MARGIN, PLACE_BASELINE - pin.height + 4), pin, SAND, RUST)
    return image


def _shade(image: Image.Image, at: tuple[int, int], coverage: Image.Image, background: RGB, color: RGB) -> None:
    """Paint ``color`` over ``background`` where ``coverage`` has ink, as palette indices."""
    shades, mask = _as_palette(coverage, background, color)
    image.paste(shades, at, mask)


def _as_palette(coverage: Image.Image, background: RGB, color: RGB) -> tuple[Image.Image, Image.Image]:
    """A coverage mask as palette indices of ``color`` over ``background``, and as a paste mask (its ink only)."""
    return coverage.point(_coverage_to_index(background, color)), coverage.point(INK_ONLY)


def _sprout_mask(size: int) -> Image.Image:
    """The catalog's mark as a coverage mask of size × size, drawn SCALE times larger and reduced: smooth edges."""
    mask = Image.new("L", (size * SCALE, size * SCALE), 0)
    draw = ImageDraw.Draw(mask)
    leaves, (x0, y0, x1, y1, width) = sprout_shapes(0, 0, size * SCALE)
    draw.line((x0, y0, x1, y1), fill=255, width=round(width))
    draw.ellipse((x1 - width / 2, y1 - width / 2, x1 + width / 2, y1 + width / 2), fill=255)
    for leaf in leaves:
        draw.polygon(leaf, fill=255)
    return mask.resize((size, size), Image.Resampling.LANCZOS)


@lru_cache(maxsize=1)
def _pin() -> Image.Image:
    """The location pin before the place, as a mask (30 × 38)."""
    w, h = 30, 38
    mask = Image.new("L", (w * SCALE, h * SCALE), 0)
    draw = ImageDraw.Draw(mask)
    r = w * SCALE / 2
    draw.ellipse((0, 0, 2 * r, 2 * r), fill=255)
    draw.polygon([(r * 0.22, r * 1.5), (r * 1.78, r * 1.5), (r, h * SCALE)], fill=255)
    hole = r * 0.42
    draw.ellipse((r - hole, r - hole, r + hole, r + hole), fill=0)
    return mask.resize((w, h), Image.Resampling.LANCZOS)


# --- glyphs and drawing -----------------------------------------------------------------------------------------


@dataclass(frozen=True, eq=False)
class Glyph:
    """One character at one size: its coverage (None for a space), where it sits from the pen, and the pen's advance."""

    bitmap: Image.Image | None
    offset: tuple[int, int]
    advance: float


_FACES: dict[tuple[str, int], ImageFont.FreeTypeFont] = {}
_GLYPHS: dict[tuple[str, int, str], Glyph] = {}


def _face(fonts: CardFonts, size: int) -> ImageFont.FreeTypeFont:
    """The font at one size, made once per process. Basic layout: the same on every machine (no Raqm, no shaping)."""
    key = (fonts.digest, size)
    if key not in _FACES:
        _FACES[key] = ImageFont.truetype(io.BytesIO(fonts.data), size, layout_engine=ImageFont.Layout.BASIC)
    return _FACES[key]


def _glyph(fonts: CardFonts, size: int, char: str) -> Glyph:
    """A character rasterised once per process and size. The basic layout places glyphs at whole pixels and does not
    kern this font (its kerning is in GPOS, which only Raqm reads), so pasting these is what ``ImageDraw.text`` draws."""
    key = (fonts.digest, size, char)
    glyph = _GLYPHS.get(key)
    if glyph is None:
        face = _face(fonts, size)
        core, offset = face.getmask2(char, mode="L", anchor="ls")
        bitmap = Image.frombytes("L", core.size, bytes(core)) if core.size[0] and core.size[1] else None
        glyph = _GLYPHS[key] = Glyph(bitmap=bitmap, offset=offset, advance=face.getlength(char))
    return glyph


def _measure(fonts: CardFonts, size: int) -> Measure:
    """A text's width at ``size``: the sum of its characters' advances, which is ``getlength`` in the basic layout."""
    key = (fonts.digest, size)
    if key not in _ADVANCES:
        _ADVANCES[key] = {}
    advances = _ADVANCES[key]

    def advance(char: str) -> float:
        if char not in advances:
            advances[char] = _glyph(fonts, size, char).advance
        return advances[char]

    return lambda text: sum(map(advance, text))


_ADVANCES: dict[tuple[str, int], dict[str, float]] = {}


def _paint(canvas: Image.Image, line: TextLine, fonts: CardFonts, top_row: int = 0) -> range:
    """Draw ``line`` on ``canvas`` (palette indices after the filter column; its first row is the card's
    ``top_row``), its ink cut to its region; the card's rows it changed. A glyph's ink replaces what is under it: where two glyphs' edges share a pixel, the later one's shade
    is kept rather than both blended (invisible at these sizes)."""
    left, top, right, bottom = line.region
    x = float(line.x)
    first, last = bottom, top
    for char in line.text:
        glyph = _glyph(fonts, line.size, char)
        if glyph.bitmap is not None:
            gx, gy = int(x) + glyph.offset[0], line.baseline + glyph.offset[1]
            shades, mask = _inked(glyph, line.background, line.color)
            width, height = shades.size
            if gx < left or gy < top or gx + width > right or gy + height > bottom:
                box = (max(0, left - gx), max(0, top - gy), min(width, right - gx), min(height, bottom - gy))
                if box[0] >= box[2] or box[1] >= box[3]:
                    x += glyph.advance
                    continue
                shades, mask = shades.crop(box), mask.crop(box)
                gx, gy = gx + box[0], gy + box[1]
            canvas.paste(shades, (gx + 1, gy - top_row), mask)  # + 1: the filter column
            first, last = min(first, gy), max(last, gy + shades.height)
        x += glyph.advance
    return range(first, last) if first < last else range(0)


_INKED: dict[tuple[Glyph, RGB, RGB], tuple[Image.Image, Image.Image]] = {}


def _inked(glyph: Glyph, background: RGB, color: RGB) -> tuple[Image.Image, Image.Image]:
    """``_as_palette`` of a glyph, once per process."""
    key = (glyph, background, color)
    if key not in _INKED:
        assert glyph.bitmap is not None
        _INKED[key] = _as_palette(glyph.bitmap, background, color)
    return _INKED[key]


def compose(texts: CardTexts, fonts: CardFonts) -> tuple[Layer, Image.Image, int, tuple[Band, ...]]:
    """The card's backdrop, the rows its name changes (from row ``top``) and all its bands."""
    plan = plan_card(texts, fonts)
    backdrop = _backdrop(fonts, plan.backdrop)
    canvas, top, bands = _draw(backdrop, plan.name, fonts)
    return backdrop, canvas, top, bands


def draw_card(texts: CardTexts, fonts: CardFonts) -> Image.Image:
    """The card as a palette image: what ``render_card`` encodes."""
    backdrop, canvas, top, _ = compose(texts, fonts)
    image = backdrop.image.copy()
    image.paste(canvas, (0, top))
    image = image.crop((1, 0, CARD_SIZE[0] + 1, CARD_SIZE[1]))
    image.putpalette(palette())
    return image


# --- encoding --------------------------------------------------------------------------------------------------


def render_card(texts: CardTexts, fonts: CardFonts) -> bytes:
    """The card as PNG bytes: 1200 × 630, palette, no metadata, the same bytes for the same texts and font."""
    bands = compose(texts, fonts)[3]
    adler = 1
    for _, band_adler, length in bands:
        adler = adler32_combine(adler, band_adler, length)
    return encode_png(b"".join(band[0] for band in bands), adler)


PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
ZLIB_HEADER = b"\x78\x9c"
"""Deflate with a 32 KB window (the check bits make it a multiple of 31)."""
FINAL_BLOCK = zlib.compressobj(wbits=-15).flush()
"""An empty last block: the bands' blocks end with a full flush, which never marks the stream's end."""


def adler32_combine(first: int, second: int, second_length: int) -> int:
    """The Adler-32 of two byte strings joined, from each one's (zlib's adler32_combine)."""
    base = 65521
    rem = second_length % base
    low = first & 0xFFFF
    high = (rem * low) % base
    low = (low + (second & 0xFFFF) + base - 1) % base
    high = (high + (first >> 16) + (second >> 16) + base - rem) % base
    return low | (high << 16)


def encode_png(blocks: bytes, adler: int) -> bytes:
    """A palette PNG of CARD_SIZE from its image data's deflate blocks and Adler-32: IHDR, PLTE, IDAT, IEND, nothing
    else (no time, text or colour profile)."""
    header = struct.pack(">IIBBBBB", CARD_SIZE[0], CARD_SIZE[1], 8, 3, 0, 0, 0)  # 8-bit palette, no interlace
    data = ZLIB_HEADER + blocks + FINAL_BLOCK + struct.pack(">I", adler)
    return PNG_SIGNATURE + _chunk(b"IHDR", header) + _chunk(b"PLTE", bytes(palette())) + _chunk(b"IDAT", data) + _chunk(b"IEND", b"")


def _chunk(kind: bytes, body: bytes) -> bytes:
    return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))


# --- naming and caching -------------------------------------------------------------------------------------


@lru_cache(maxsize=1)
def settings_fingerprint() -> str:
    """Everything besides the texts and the font that changes a card's bytes."""
    import PIL

    layout = [CARD_SIZE, BAND_TOP, MARGIN, NAME_SIZES, LINE_HEIGHT, NAME_TOP, NAME_BOTTOM, KIND_SIZE, KIND_BASELINE,
              PLACE_SIZE, PLACE_BASELINE, DETAIL_WIDTH, TITLE_SIZE, MARK_SIZE, SPROUT_SIZE,
              NAME_REGION, KIND_REGION, PLACE_REGION, TITLE_REGION]
    encoding = [RAMPS, RAMP_LEVELS, BAND_ROWS, PNG_COMPRESS_LEVEL, SHAPES_LEVEL]
    return json.dumps([SETTINGS_VERSION, layout, encoding, PIL.__version__,
                       features.version("freetype2"), features.version("zlib")], separators=(",", ":"))


def card_key(texts: CardTexts, fonts: CardFonts) -> str:
    """Content hash of (the texts drawn, settings, font bytes): the cache key and the file name's stem. The
    alternates count only when one is drawn, so a product renamed in Chinese redraws only its Chinese card."""
    return card_facts(texts, fonts, {})[0]


def card_facts(texts: CardTexts, fonts: CardFonts, chosen: dict[tuple[str, ...], tuple[int, str, str]]) -> tuple[str, tuple[str, ...]]:
    """``card_key`` and ``missing_glyphs_by_text`` from one choice of the texts: what a build asks of each of its
    ~35,000 cards at 10,000 products. ``chosen`` keeps the choices of the category, place and title, which many
    cards share."""
    name, *shared = _candidates(texts)
    choices = [choose_text(name, fonts.coverage)]
    for candidates in shared:
        if candidates not in chosen:
            chosen[candidates] = choose_text(candidates, fonts.coverage)
        choices.append(chosen[candidates])
    return _key(tuple(choice[1] for choice in choices), fonts), tuple(choice[2] for choice in choices)


def _key(drawn: tuple[str, ...], fonts: CardFonts) -> str:
    digest = _key_prefix(fonts.digest).copy()
    digest.update(json.dumps(drawn, ensure_ascii=False).encode())
    return digest.hexdigest()[:16]


@lru_cache(maxsize=4)
def _key_prefix(font_digest: str) -> "hashlib._Hash":
    """The hash of the settings and the font, to which each card's texts are added."""
    return hashlib.sha256(json.dumps([settings_fingerprint(), font_digest], ensure_ascii=False).encode() + b"\n")


def card_name(key: str) -> str:
    """The file name of the card with this key (in the photo cache and in the site's media)."""
    return f"{key}-card.png"


def process_card(texts: CardTexts, fonts: CardFonts, cache_dir: Path) -> tuple[str, bool]:
    """The card's file name in ``cache_dir``, drawn now or reused (True) from an earlier build."""
    name = card_name(card_key(texts, fonts))
    if (cache_dir / name).is_file():
        return name, True
    store_card(texts, fonts, cache_dir / name)
    return name, False


def store_card(texts: CardTexts, fonts: CardFonts, path: Path) -> None:
    """Draw the card and write it whole to ``path`` (its name, from ``card_key``, already known): a half-written
    card is never left under a name a later build would take as drawn."""
    write.replace_file(path, render_card(texts, fonts))
