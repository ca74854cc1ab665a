"""Turn the bytes of one YAML file into plain data plus the position of every value and key.

Strict on purpose: every scalar stays a string (``0403``, ``0812…``, ``NO`` and ``1.000`` keep their
meaning until the model converts them), and duplicate keys, anchors, aliases, tags, several documents,
oversized files and deep nesting are refused with a position. Knows nothing about products.
"""

from __future__ import annotations

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


@dataclass(frozen=True)
class LoadError(Exception):
    """A file that cannot be read as strict YAML: where, and a message code with its values."""

    line: int
    column: int
    code: str
    values: dict[str, str] = field(default_factory=dict)


class Document:
    """One file's data; the (line, column) of each value and key (1-based) are worked out on first use.

    Positions are only needed to report a problem, so the common case reads the file once, fast, and
    only a file with an issue is parsed a second time for its positions.
    """

    def __init__(self, path: Path, data: Any, text: str = ""):
        self.path = path
        self.data = data
        self.text = text
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
            self._positions = _positions(self.text)
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
    if "\x00" in text:
        raise LoadError(1, 1, "load.encoding")
    _check_tabs(text)
    return Document(path=path, data=_data(text), text=text)


def _check_tabs(text: str) -> None:
    """YAML forbids tabs in indentation; web editors insert them, so say so plainly."""
    for number, line in enumerate(text.split("\n"), start=1):
        stripped = line.lstrip(" ")
        if stripped.startswith("\t"):
            raise LoadError(number, len(line) - len(stripped) + 1, "load.tab")


_NO_KEY = object()
_NULLS = frozenset(("", "~", "null", "Null", "NULL"))


def _data(text: str) -> Any:
    """Parser events → plain data, refusing what load refuses; the hot path of `make check`."""
    loader = _Loader(text)
    scalar, map_start, seq_start = yaml.ScalarEvent, yaml.MappingStartEvent, yaml.SequenceStartEvent
    ends = (yaml.MappingEndEvent, yaml.SequenceEndEvent)
    stack: list[list[Any]] = []  # [container, is_mapping, pending key]
    root: Any = None
    nodes = 0
    documents = 0
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
                if kind is scalar:
                    value = event.value
                    if not event.style and value in _NULLS and event.implicit[0]:
                        value = None
                else:
                    if len(stack) >= MAX_DEPTH:
                        raise LoadError(*_mark(event), "load.too_deep", {"limit": str(MAX_DEPTH)})
                    value = {} if kind is map_start else []
                if stack:
                    frame = stack[-1]
                    container = frame[0]
                    if not frame[1]:
                        container.append(value)
                    elif frame[2] is _NO_KEY:
                        if kind is not scalar or value is None:
                            raise LoadError(*_mark(event), "load.key_not_text")
                        if value in container:
                            raise LoadError(*_mark(event), "load.duplicate_key", {"key": value})
                        frame[2] = value
                    else:
                        container[frame[2]] = value
                        frame[2] = _NO_KEY
                else:
                    root = value
                if kind is not scalar:
                    stack.append([value, kind is map_start, _NO_KEY])
                if nodes > MAX_NODES:
                    raise LoadError(*_mark(event), "load.too_many_nodes", {"limit": str(MAX_NODES)})
            elif kind in ends:
                stack.pop()
            elif kind is yaml.DocumentStartEvent:
                documents += 1
                if documents > 1:
                    raise LoadError(*_mark(event), "load.many_documents")
            elif kind is yaml.AliasEvent:
                raise LoadError(*_mark(event), "load.anchor")
    except yaml.YAMLError as exc:
        raise _syntax_error(exc) from None
    finally:
        loader.dispose()
    return root


def _syntax_error(exc: yaml.YAMLError) -> LoadError:
    """PyYAML's complaint as a positioned issue."""
    if isinstance(exc, yaml.MarkedYAMLError):
        mark = exc.problem_mark or exc.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        return LoadError(line, column, "load.syntax", {"problem": (exc.problem or exc.context or "invalid YAML").strip()})
    return LoadError(1, 1, "load.syntax", {"problem": str(exc).strip()})


def _mark(event: Any) -> tuple[int, int]:
    return (event.start_mark.line + 1, event.start_mark.column + 1)


def _positions(text: str) -> tuple[dict[Key, tuple[int, int]], dict[Key, tuple[int, int]]]:
    """Second pass over a file already known to load: where each value and key stands."""
    document = _build(Path(), text)
    return document[1], document[2]


def _build(path: Path, text: str) -> tuple[Any, dict[Key, tuple[int, int]], dict[Key, tuple[int, int]]]:
    """Walk parser events (no recursion, so deep input cannot blow the stack) into data and positions."""
    value_at: dict[Key, tuple[int, int]] = {}
    key_at: dict[Key, tuple[int, int]] = {}
    # Each frame: [container, loc, pending_key, pending_key_mark]; mappings collect keys first.
    stack: list[list[Any]] = []
    root: Any = None
    documents = 0
    nodes = 0

    def here(event: Any) -> tuple[int, int]:
        return (event.start_mark.line + 1, event.start_mark.column + 1)

    def attach(event: Any, value: Any) -> Key | None:
        """Place ``value`` in the open container; return its loc, or None when it is a key."""
        nonlocal root
        if not stack:
            root = value
            value_at[()] = here(event)
            return ()
        frame = stack[-1]
        container, loc = frame[0], frame[1]
        if isinstance(container, list):
            child = loc + (len(container),)
            container.append(value)
            value_at[child] = here(event)
            return child
        if frame[2] is None:
            if not isinstance(value, str):
                raise LoadError(*here(event), "load.key_not_text")
            if value in container:
                raise LoadError(*here(event), "load.duplicate_key", {"key": value})
            frame[2] = value
            frame[3] = here(event)
            return None
        key = frame[2]
        child = loc + (key,)
        container[key] = value
        key_at[child] = frame[3]
        value_at[child] = here(event)
        frame[2] = None
        return child

    try:
        for event in yaml.parse(text, Loader=_Loader):
            kind = type(event)
            if kind is yaml.DocumentStartEvent:
                documents += 1
                if documents > 1:
                    raise LoadError(*here(event), "load.many_documents")
                continue
            if kind in (yaml.StreamStartEvent, yaml.StreamEndEvent, yaml.DocumentEndEvent):
                continue
            if kind is yaml.AliasEvent or getattr(event, "anchor", None):
                raise LoadError(*here(event), "load.anchor")
            tag = getattr(event, "tag", None)
            if tag is not None and not (kind is yaml.ScalarEvent and tag == "!"):
                raise LoadError(*here(event), "load.tag", {"tag": str(tag)})
            nodes += 1
            if nodes > MAX_NODES:
                raise LoadError(*here(event), "load.too_many_nodes", {"limit": str(MAX_NODES)})
            if kind is yaml.ScalarEvent:
                value = event.value
                # A bare `~`, `null` or empty value means "nothing here"; quoted ones are text.
                if not event.style and event.implicit[0] and value in ("", "~", "null", "Null", "NULL"):
                    value = None
                attach(event, value)
            elif kind in (yaml.MappingStartEvent, yaml.SequenceStartEvent):
                if len(stack) >= MAX_DEPTH:
                    raise LoadError(*here(event), "load.too_deep", {"limit": str(MAX_DEPTH)})
                container: Any = {} if kind is yaml.MappingStartEvent else []
                loc = attach(event, container)
                if loc is None:
                    raise LoadError(*here(event), "load.key_not_text")
                stack.append([container, loc, None, None])
            elif kind in (yaml.MappingEndEvent, yaml.SequenceEndEvent):
                stack.pop()
    except yaml.YAMLError as exc:
        raise _syntax_error(exc) from None
    if documents == 0:
        root = None
    return root, value_at, key_at
