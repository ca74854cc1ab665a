"""Turn the bytes of one YAML file into plain data plus the position of every value and key.

Strict on purpose: every scalar stays a string (``0403``, ``0812…``, ``NO`` and ``1.000`` keep their
meaning until the model converts them), and anchors, aliases, tags, several documents, oversized files and
deep nesting are refused with a position. Text is normalised to NFC; control, bidi and zero-width characters
and duplicate keys are problems of the file (``Document.problems``) that do not stop it from being checked
further. Knows nothing about products.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

try:  # libyaml's parser is several times faster; the events are the same
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - libyaml ships in PyYAML's wheels
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

MAX_FILE_BYTES = 256 * 1024
MAX_DEPTH = 12
MAX_NODES = 20_000

Key = tuple[str | int, ...]

FORBIDDEN = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2028\u2029\u2060-\u2064\u2066-\u2069\ufeff\ufff9-\ufffb]")
"""Characters no catalog text may hold: control characters (tab and line feed aside), zero-width and bidi
controls. They are invisible in an editor and a review, can make reversed text read as something else, and
break XML feeds, mail subjects and terminals."""


@dataclass(frozen=True)
class LoadError(Exception):
    """A file that cannot be read as strict YAML: where, and a message code with its values."""

    line: int
    column: int
    code: str
    values: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Problem:
    """Something wrong at one place of a file that was still read (the file goes on to be checked)."""

    line: int
    column: int
    code: str
    values: dict[str, str] = field(default_factory=dict)


class Document:
    """One file's data; the (line, column) of each value and key (1-based) are worked out on first use.

    Positions are only needed to report a problem, so the common case reads the file once, fast, and
    only a file with an issue is parsed a second time for its positions.
    """

    def __init__(self, path: Path, data: Any, text: str = "", problems: tuple[Problem, ...] = ()):
        self.path = path
        self.data = data
        self.text = text
        self.problems = problems
        self._positions: tuple[dict[Key, tuple[int, int]], dict[Key, tuple[int, int]]] | None = None

    @property
    def value_at(self) -> dict[Key, tuple[int, int]]:
        """Position of each value by its location (keys and list indexes)."""
        return self._ensure_positions()[0]

    @property
    def key_at(self) -> dict[Key, tuple[int, int]]:
        """Position of each mapping key by the location of its value."""
        return self._ensure_positions()[1]

    def _ensure_positions(self) -> tuple[dict[Key, tuple[int, int]], dict[Key, tuple[int, int]]]:
        if self._positions is None:
            if not self.text and self.path.is_file():
                # Checked results come from the cache without their text; read it again when needed.
                raw = self.path.read_bytes()
                self.text = (raw[3:] if raw.startswith(b"\xef\xbb\xbf") else raw).decode("utf-8", "replace")
            walk = _Walk(self.text, positions=True)
            walk.run()
            self._positions = walk.value_at, walk.key_at
        return self._positions

    def forget_data(self) -> None:
        """Drop the raw data and text once the model holds the values (less to send between processes)."""
        self.data = None
        if self._positions is None:
            self.text = ""

    def position(self, loc: Key, *, key: bool = False) -> tuple[int, int]:
        """Best position for ``loc``: the key itself, else the value, else the nearest parent."""
        loc = tuple(loc)
        while True:
            if key and loc in self.key_at:
                return self.key_at[loc]
            if loc in self.value_at:
                return self.value_at[loc]
            if loc in self.key_at:
                return self.key_at[loc]
            if not loc:
                return (1, 1)
            loc = loc[:-1]

    def text_position(self, loc: Key) -> tuple[int, int]:
        """Where a value's text starts: ``position``, or for a block scalar (``|`` or ``>``) its first line of
        text below the indicator, the line a person edits."""
        line, column = self.position(loc)
        lines = self.text.splitlines()
        if line < len(lines) and lines[line - 1][column - 1:column] in ("|", ">"):
            below = lines[line]
            return line + 1, len(below) - len(below.lstrip(" ")) + 1
        return line, column

    def field_line(self, loc: Key) -> tuple[int, int]:
        """Where a person adds something that belongs inside ``loc``: its key's line, or line 1 for the file."""
        loc = tuple(loc)
        while loc:
            if loc in self.key_at:
                return self.key_at[loc]
            if loc in self.value_at:
                return self.value_at[loc]
            loc = loc[:-1]
        return (1, 1)


def load_document(path: Path) -> Document:
    """Read ``path`` as strict YAML; raise LoadError on anything we refuse."""
    raw = path.read_bytes()
    return parse_document(path, raw)


def parse_document(path: Path, raw: bytes) -> Document:
    """Parse bytes already read; see ``load_document``."""
    if len(raw) > MAX_FILE_BYTES:
        raise LoadError(1, 1, "load.too_large", {"size": str(len(raw)), "limit": str(MAX_FILE_BYTES)})
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        column = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        raise LoadError(line, column, "load.encoding") from None
    _check_tabs(text)
    _check_raw_characters(text)
    walk = _Walk(text, positions=False)
    walk.run()
    return Document(path=path, data=walk.root, text=text, problems=tuple(walk.problems))


TAB_LINES_SHOWN = 12


def _check_tabs(text: str) -> None:
    """YAML forbids tabs in indentation; web editors insert them, so say so plainly, naming every line with one
    (a file indented with tabs would otherwise take one round of checks per line)."""
    if "\t" not in text:
        return
    found = []
    for number, line in enumerate(text.split("\n"), start=1):
        stripped = line.lstrip(" ")
        if stripped.startswith("\t"):
            found.append((number, len(line) - len(stripped) + 1))
    if found:
        lines = ", ".join(str(number) for number, _ in found[:TAB_LINES_SHOWN]) + (", …" if len(found) > TAB_LINES_SHOWN else "")
        raise LoadError(*found[0], "load.tab", {"lines": lines})


_RAW_REFUSED = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
"""Control characters written into the file itself (not as escapes), which YAML refuses anyway."""


def _check_raw_characters(text: str) -> None:
    """A control character typed or pasted into the file: where it is, before the YAML parser trips on it."""
    found = _RAW_REFUSED.search(text)
    if found:
        line = text.count("\n", 0, found.start()) + 1
        column = found.start() - (text.rfind("\n", 0, found.start()) + 1) + 1
        raise LoadError(line, column, "load.character", {"character": character_name(found.group(0))})


_CONTROL_NAMES = {0x00: "NULL", 0x07: "BELL", 0x08: "BACKSPACE", 0x0B: "LINE TABULATION", 0x0C: "FORM FEED",
                  0x0D: "CARRIAGE RETURN", 0x1B: "ESCAPE", 0x7F: "DELETE", 0x85: "NEXT LINE"}
"""Unicode gives control characters no names, only these aliases."""


def character_name(char: str) -> str:
    """``U+202E RIGHT-TO-LEFT OVERRIDE``: how a message names an invisible character."""
    return f"U+{ord(char):04X} {unicodedata.name(char, '') or _CONTROL_NAMES.get(ord(char), 'CONTROL CHARACTER')}"


_NULLS = frozenset(("", "~", "null", "Null", "NULL"))
_SKIPPED = object()
"""Stands for the key of a repeated mapping entry: its value is read (for positions) and dropped."""


class _Walk:
    """One pass over the parser's events (no recursion, so deep input cannot blow the stack) into plain data.

    The same refusals in both uses: the fast read of every file, and the slower read of a file with an
    issue that also records where each key and value stands.
    """

    def __init__(self, text: str, *, positions: bool):
        self.text = text
        self.positions = positions
        self.root: Any = None
        self.value_at: dict[Key, tuple[int, int]] = {}
        self.key_at: dict[Key, tuple[int, int]] = {}
        self.problems: list[Problem] = []

    def run(self) -> None:
        loader = _Loader(self.text)
        scalar, map_start, seq_start = yaml.ScalarEvent, yaml.MappingStartEvent, yaml.SequenceStartEvent
        ends = (yaml.MappingEndEvent, yaml.SequenceEndEvent)
        # Each frame: [container, is_mapping, pending key, location, {key: line of its first definition}].
        stack: list[list[Any]] = []
        nodes = documents = 0
        try:
            while loader.check_event():
                event = loader.get_event()
                kind = event.__class__
                if kind is scalar or kind is map_start or kind is seq_start:
                    nodes += 1
                    if event.anchor is not None:
                        raise LoadError(*_mark(event), "load.anchor")
                    if event.tag is not None and not (kind is scalar and event.tag == "!"):
                        raise LoadError(*_mark(event), "load.tag", {"tag": str(event.tag)})
                    if nodes > MAX_NODES:
                        raise LoadError(*_mark(event), "load.too_many_nodes", {"limit": str(MAX_NODES)})
                    if kind is scalar:
                        value = event.value
                        if not event.style and value in _NULLS and event.implicit[0]:
                            value = None  # a bare `~`, `null` or empty value means "nothing here"; quoted ones are text
                        else:
                            value = self._text(value, event)
                            if not event.style:
                                self._check_plain(value, event)
                    else:
                        if len(stack) >= MAX_DEPTH:
                            raise LoadError(*_mark(event), "load.too_deep", {"limit": str(MAX_DEPTH)})
                        value = {} if kind is map_start else []
                    loc = self._attach(stack, value, event)
                    if kind is not scalar:
                        if loc is None:
                            raise LoadError(*_mark(event), "load.key_not_text")
                        stack.append([value, kind is map_start, _NO_KEY, loc, {} if kind is map_start else None])
                elif kind in ends:
                    stack.pop()
                elif kind is yaml.DocumentStartEvent:
                    documents += 1
                    if documents > 1:
                        raise LoadError(*_mark(event), "load.many_documents")
                elif kind is yaml.AliasEvent:
                    raise LoadError(*_mark(event), "load.anchor")
        except yaml.YAMLError as exc:
            raise _syntax_error(exc, self.text) from None
        finally:
            loader.dispose()

    def _attach(self, stack: list[list[Any]], value: Any, event: Any) -> Any:
        """Place ``value`` in the open container; return its location, None when it is a key, or _DETACHED
        when it is the value of a repeated key (read for what it holds, then dropped)."""
        if not stack:
            self.root = value
            if self.positions:
                self.value_at[()] = _mark(event)
            return ()
        frame = stack[-1]
        container, loc = frame[0], frame[3]
        if frame[1] and frame[2] is _NO_KEY:
            if value is None or not isinstance(value, str):
                raise LoadError(*_mark(event), "load.key_not_text")
            odd = _ODD_SPACE.search(value)
            if odd:  # "\u00a0 unit" parses as a key of its own: say what is in it, not only "unknown key"
                self.problems.append(Problem(*_mark(event), "load.odd_space", {"character": character_name(odd.group())}))
            first = frame[4].get(value)
            if first is not None:
                self.problems.append(Problem(*_mark(event), "load.duplicate_key", {"key": value, "first": str(first)}))
                frame[2] = _SKIPPED
            else:
                frame[4][value] = event.start_mark.line + 1
                frame[2] = value
                if self.positions:
                    frame.append(_mark(event))  # the key's position, until its value arrives
            return None
        if frame[1]:
            key, frame[2] = frame[2], _NO_KEY
            if key is _SKIPPED:
                return _DETACHED
            key_mark = frame.pop() if self.positions else None
            if loc is _DETACHED:
                return _DETACHED
            child = (*loc, key)
            container[key] = value
            if key_mark is not None:
                self.key_at[child] = key_mark
        else:
            if loc is _DETACHED:
                return _DETACHED
            child = (*loc, len(container))
            container.append(value)
        if self.positions:
            self.value_at[child] = _mark(event)
        return child

    def _check_plain(self, value: str, event: Any) -> None:
        """A plain (unquoted) scalar that does not say what its writer meant: text after ' #' is a comment
        to YAML and silently dropped ("Gudang #2 Palu" is kept as "Gudang"); curly quotes from a phone's
        keyboard are kept as part of the text."""
        end = event.end_mark
        cut = _CUT_BY_HASH.match(self.text, end.index)
        if cut:
            line_end = self.text.find("\n", end.index)
            comment = self.text[cut.end() - 2:line_end if line_end >= 0 else len(self.text)].strip()
            self.problems.append(Problem(end.line + 1, cut.end() - 2 - (end.index - end.column) + 1, "load.cut_by_hash",
                                        {"kept": value, "comment": comment}))
        if len(value) >= 2 and value[0] in _CURLY_OPEN and value[-1] in _CURLY_CLOSE:
            self.problems.append(Problem(*_mark(event), "load.curly_quotes", {"quotes": value[0] + value[-1]}))

    def _text(self, value: str, event: Any) -> str:
        """A scalar as the catalog keeps it: NFC, and every forbidden character reported where it stands."""
        for found in FORBIDDEN.finditer(value):
            line, column = _mark(event)
            if event.style == "|":  # a literal block keeps its lines: the character's own line
                line += 1 + value.count("\n", 0, found.start())
                column = 1
            self.problems.append(Problem(line, column, "load.invisible", {"character": character_name(found.group(0))}))
        if not value.isascii() and not unicodedata.is_normalized("NFC", value):
            value = unicodedata.normalize("NFC", value)
        return value


_NO_KEY = object()
_DETACHED = object()


_OPENED_AT = ("while scanning a quoted scalar", "while parsing a flow", "while scanning a block scalar")
"""Problems a person fixes where something was opened (a quote, a bracket), not where the parser gave up."""


def _syntax_error(exc: yaml.YAMLError, text: str) -> LoadError:
    """PyYAML's complaint as a positioned issue, at the line a person must edit."""
    if isinstance(exc, yaml.MarkedYAMLError):
        context = exc.context or ""
        if exc.context_mark is not None and context.startswith(_OPENED_AT):
            mark = exc.context_mark
            code = "load.unclosed_quote" if "quoted" in context else "load.unclosed"
            return LoadError(mark.line + 1, mark.column + 1, code, {"problem": (exc.problem or context).strip()})
        odd = _odd_space_near(text, [m.line for m in (exc.context_mark, exc.problem_mark) if m is not None])
        if odd is not None:
            return odd
        problem = exc.problem or ""
        if context.startswith("while scanning a simple key") and exc.context_mark is not None:
            # PyYAML gives up on the line after; the key without its colon is where the context began.
            return LoadError(exc.context_mark.line + 1, exc.context_mark.column + 1, "load.missing_colon")
        mark = exc.problem_mark
        if problem.startswith("mapping values are not allowed") and mark is not None:
            # "note: Catatan: dikirim": a second ': ' on a line whose key already had one. (A ': ' on a line of
            # its own is a key indented too deep, which quotes would not fix.)
            line = text.split("\n")[mark.line] if mark.line < text.count("\n") + 1 else ""
            if ": " in line[:mark.column]:
                return LoadError(mark.line + 1, mark.column + 1, "load.colon_in_value")
        mark = exc.problem_mark or exc.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        return LoadError(line, column, "load.syntax", {"problem": (exc.problem or exc.context or "invalid YAML").strip()})
    if isinstance(exc, yaml.reader.ReaderError):  # a character YAML refuses outright
        position = min(exc.position, len(text))
        line = text.count("\n", 0, position) + 1
        column = position - (text.rfind("\n", 0, position) + 1) + 1
        return LoadError(line, column, "load.character", {"character": character_name(chr(exc.character))
                                                          if isinstance(exc.character, int) else str(exc.character)})
    return LoadError(1, 1, "load.syntax", {"problem": str(exc).strip()})


_CUT_BY_HASH = re.compile(r"[ \t]+#[^ \t\r\n]")
"""After a plain value: ' #2 Palu' is a comment to YAML, but '#' with no space after it is rarely meant as one."""
_CURLY_OPEN = "“‘„‚«"
_CURLY_CLOSE = "”’“‘»"
"""A phone keyboard's quotes. Not Chinese corner brackets: 「…」 around a whole Chinese text is punctuation."""
_ODD = "\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000"
_ODD_SPACE = re.compile(f"[{_ODD}]")
"""Spaces YAML does not read as spaces: no-break (WhatsApp, word processors), typographic and ideographic ones."""
_ODD_SPACE_IN_STRUCTURE = re.compile(f"^ *[{_ODD}]|:[{_ODD}]|[{_ODD}]+:")
"""Where such a space breaks the YAML: in the indentation, or beside a key's colon. Inside a value (a Chinese
text's ideographic space) it is text, and never the cause of a syntax error near it."""


def _odd_space_near(text: str, lines: list[int]) -> LoadError | None:
    """An unusual space on the lines where the parser stopped, or the line before: the likely cause, where it is."""
    all_lines = text.split("\n")
    for number in sorted({n for line in lines for n in (line - 1, line) if 0 <= n < len(all_lines)}):
        found = _ODD_SPACE_IN_STRUCTURE.search(all_lines[number])
        if found:
            at = _ODD_SPACE.search(all_lines[number], found.start())
            return LoadError(number + 1, at.start() + 1, "load.odd_space", {"character": character_name(at.group())})
    return None


def _mark(event: Any) -> tuple[int, int]:
    return (event.start_mark.line + 1, event.start_mark.column + 1)
