"""Videos: check a product's short video (MP4 or WebM) by its content, and publish it under a content-hashed name.

A video is published as it was encoded (re-encoding one would need FFmpeg in every build), with what only
describes it (the GPS position phones write, titles, tags, attached files) blanked in place (``clean_copy``).
What is checked is what a buyer's phone will be asked to load: at most MAX_FILE_BYTES, at most MAX_SECONDS,
and a container a browser plays, known by its bytes rather than its name. The container is read by a small
parser that only ever reads a box's or element's header and the few fields it needs (mvhd for MP4, Segment
Info for WebM), each read bounded, every size checked against its parent and the file, and the number of
boxes capped: a cut-off or hostile file is a clear problem, never an exception or a read of the whole file.
"""

from __future__ import annotations

import hashlib
import io
import math
import struct
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO, Iterator

from generator import write
from generator.issues import Severity, render_message
from generator.metadata import image_kind

Problem = tuple[str, Severity, dict[str, str]]

MAX_FILE_BYTES = 20_000_000
"""20 MB as phones count it (10⁶ bytes): a minute of 720p at a phone's sharing quality, and what a buyer on
mobile data will wait for after pressing play."""
MAX_SECONDS = 60
"""A short look at the product, its packing or its processing; a longer film belongs on the dealer's channels."""
MAX_SIDE = 16_384
"""The largest picture side taken as a size: beyond 16K, a number in a header is not a picture's side."""
MAX_BOXES = 10_000
"""Boxes (MP4) or elements (WebM) looked at in one file: a real file has dozens before its media data."""
SETTINGS_VERSION = "1"
"""Part of the output name: a change in how videos are published (clean_copy) gives every video a new name."""
FORMATS = {"MP4": ("video/mp4", "mp4"), "WEBM": ("video/webm", "webm")}
"""What a buyer's browser is told each accepted format is, and the published file's extension."""
EXTENSIONS = {"MP4": (".mp4", ".m4v"), "WEBM": (".webm",)}
MP4_PLAYED_EVERYWHERE = frozenset({"avc1", "avc3"})
"""H.264: the one video codec in MP4 that every browser and phone plays."""
CODEC_NAMES = {"hvc1": "HEVC (H.265)", "hev1": "HEVC (H.265)", "mp4v": "MPEG-4 Part 2", "av01": "AV1", "vp09": "VP9",
               "dvh1": "Dolby Vision", "dvhe": "Dolby Vision"}
MP4_BRANDS = frozenset({b"isom", b"iso2", b"iso3", b"iso4", b"iso5", b"iso6", b"iso7", b"iso8", b"iso9", b"mp41",
                        b"mp42", b"avc1", b"M4V ", b"dash", b"msnv", b"MSNV", b"mmp4"})
"""ftyp brands of MP4 proper (ISO/IEC 14496-12 and -14, and what phones and cameras write); a file is MP4 when
its major brand or one of its compatible brands is one of them."""
OTHER_BRANDS = {b"qt  ": "QuickTime (MOV)", b"3gp4": "3GP", b"3gp5": "3GP", b"3gp6": "3GP", b"3g2a": "3GP",
                b"heic": "HEIC", b"heix": "HEIC", b"mif1": "HEIF", b"avif": "AVIF", b"crx ": "Canon RAW", b"M4A ": "M4A audio"}
"""Other files that start with an ftyp box, named so the contributor knows what they uploaded."""

_HEADER_READ = 16
"""The most a box header takes (size, type, 64-bit size) and more than an EBML element header (4 + 8)."""
_FIELD_READ = 64
"""The most read for one field: an ftyp's brands, an mvhd's times, an EBML string or number."""
_UNKNOWN_SIZE = -1


class VideoRefused(ValueError):
    """A video that will not be published, with the message code and values ``inspect_video`` gives."""

    def __init__(self, name: str, problem: Problem) -> None:
        self.code, self.severity, self.values = problem
        super().__init__(render_message(self.code, {"value": name, **self.values}, "en"))


class _Damaged(ValueError):
    """The container's structure is wrong: the message says where, in a contributor-safe phrase."""


class _Incomplete(_Damaged):
    """The file ends before its structure says it does: cut off while uploading or copying."""


class _OtherKind(ValueError):
    """A well-formed container of a kind browsers do not all play (Matroska), by name."""


@dataclass(frozen=True)
class Probe:
    """What the container says about a video: its format (MP4 or WEBM), its length and its picture's size."""

    format: str
    seconds: float | None
    """None when the container does not say (a recording still running, a live stream)."""
    width: int | None = None
    height: int | None = None
    """The picture as shown, turned as the file says (a phone filming upright stores it sideways and turned);
    None when no track says, or says something no screen shows (0, or more than MAX_SIDE)."""
    codec: str | None = None
    """An MP4's video codec as its sample description names it (avc1: H.264); None for WebM, whose codecs
    (VP8, VP9, AV1) every browser that plays WebM plays."""


# --- reading bounded -----------------------------------------------------------------------------------


class _Reader:
    """Reads at most a few bytes at a time from a file of known size, and counts what it looks at."""

    def __init__(self, stream: BinaryIO, size: int) -> None:
        self.stream, self.size, self.looked = stream, size, 0

    def read(self, offset: int, length: int, *, exact: bool = True) -> bytes:
        """``length`` bytes at ``offset`` (fewer at the end of the file unless ``exact``)."""
        if length > _FIELD_READ:
            raise AssertionError("a read larger than any field")  # a bug here, never the file's doing
        self.stream.seek(offset)
        data = self.stream.read(max(0, min(length, self.size - offset)))
        if exact and len(data) < length:
            raise _Incomplete("the file ends inside a header")
        return data

    def count(self) -> None:
        self.looked += 1
        if self.looked > MAX_BOXES:
            raise _Damaged(f"more than {MAX_BOXES} boxes")


def sniff(head: bytes) -> str:
    """What the first bytes of a file are: MP4, WEBM, another kind by name (QuickTime (MOV), JPEG, PDF…), or ""."""
    if head[4:8] == b"ftyp" and len(head) >= 12:
        brands = [head[8:12]] + [head[i:i + 4] for i in range(16, min(len(head), 8 + _box_size32(head)), 4)]
        if any(b in MP4_BRANDS for b in brands):
            return "MP4"
        return OTHER_BRANDS.get(head[8:12], "")
    if head.startswith(b"\x1a\x45\xdf\xa3"):
        return "WEBM"  # or Matroska: the DocType inside the header tells (probe)
    if head.startswith(b"RIFF") and head[8:12] == b"AVI ":
        return "AVI"
    if head.startswith(b"FLV\x01"):
        return "FLV"
    if head.startswith(b"\x30\x26\xb2\x75\x8e\x66\xcf\x11"):
        return "WMV"
    if head.startswith(b"%PDF-"):
        return "PDF"
    return image_kind(head) or ""


def _box_size32(head: bytes) -> int:
    return struct.unpack(">I", head[:4])[0] if len(head) >= 4 else 0


# --- MP4 (ISO base media file format, ISO/IEC 14496-12) -------------------------------------------------


def _boxes(reader: _Reader, start: int, end: int, *, top: bool = False) -> Iterator[tuple[bytes, int, int, int]]:
    """(type, payload start, box end, box start) of every box from ``start`` to ``end``, each checked to fit.

    At the top, ``end`` is the file's end, and a box running past it means the file was cut off; inside a
    box, a child running past its parent means the file is damaged.
    """
    offset = start
    while offset < end:
        reader.count()
        if end - offset < 8:
            raise (_Incomplete if top else _Damaged)("a box header is cut off")
        head = reader.read(offset, 8)
        size, kind = struct.unpack(">I4s", head)
        header = 8
        if size == 1:
            size, header = struct.unpack(">Q", reader.read(offset + 8, 8))[0], 16
        elif size == 0:
            if not top:
                raise _Damaged(f"box '{_name(kind)}' has no size")
            size = end - offset  # "to the end of the file": only a file's last box may say so
        if not all(0x20 <= c <= 0x7E for c in kind):
            raise _Damaged(f"a box at byte {offset} has no type")
        if size < header:
            raise _Damaged(f"box '{_name(kind)}' is smaller than its header")
        if offset + size > end:
            if top:
                raise _Incomplete(f"box '{_name(kind)}' runs past the end of the file")
            raise _Damaged(f"box '{_name(kind)}' runs past the box it is in")
        yield kind, offset + header, offset + size, offset
        offset += size


def _name(kind: bytes) -> str:
    return kind.decode("latin-1") if all(0x20 <= c <= 0x7E for c in kind) else kind.hex()


def probe_mp4(reader: _Reader) -> Probe:
    """An MP4's length from its movie header (mvhd), or from a fragmented file's movie extends header (mehd)."""
    boxes = _boxes(reader, 0, reader.size, top=True)
    kind, start, end, _ = next(boxes)
    if kind != b"ftyp" or end - start < 8:
        raise _Damaged("the file does not start with its type box")
    moov: tuple[int, int] | None = None
    media = False
    for kind, start, end, _ in boxes:
        if kind == b"moov":
            if moov is not None:
                raise _Damaged("two movie boxes")
            moov = (start, end)
        elif kind == b"mdat" and end > start:
            media = True
    if moov is None:
        raise _Damaged("no movie box (moov)")
    if not media:
        raise _Damaged("no media data (mdat)")
    header: tuple[int, int] | None = None
    fragments = 0
    shown: tuple[int, int] | None = None
    codec: str | None = None
    for kind, start, end, _ in _boxes(reader, *moov):
        if kind == b"mvhd":
            header = _mvhd_fields(reader, start, end)
        elif kind == b"mvex":
            for child, c_start, c_end, _ in _boxes(reader, start, end):
                if child == b"mehd":
                    fragments = _full_box_duration(reader, c_start, c_end, 4)
        elif kind == b"trak":
            # Every box of a track is walked (clean_copy blanks some); the first with a picture gives the
            # size and the codec.
            size, entry = _track_facts(reader, start, end)
            if size is not None and shown is None:
                shown, codec = size, entry
    if header is None:
        raise _Damaged("no movie header (mvhd)")
    timescale, duration = header
    if timescale == 0:
        raise _Damaged("the movie header (mvhd) has a time scale of 0")
    # A fragmented file's header says 0 (or all ones, "unknown"); its mehd gives the length of all fragments.
    if duration in (0, 0xFFFFFFFF, 0xFFFFFFFFFFFFFFFF):
        duration = fragments
    seconds = duration / timescale if duration else None
    return Probe("MP4", seconds, *(shown or (None, None)), codec)


def _track_facts(reader: _Reader, start: int, end: int) -> tuple[tuple[int, int] | None, str | None]:
    """A track's picture size as shown (tkhd), and its codec: the type of its first sample description
    (mdia/minf/stbl/stsd), e.g. avc1 for H.264, hvc1 for HEVC."""
    size, codec = None, None
    for kind, k_start, k_end, _ in _boxes(reader, start, end):
        if kind == b"tkhd":
            size = _tkhd_size(reader, k_start, k_end)
        elif kind == b"mdia":
            codec = _sample_entry(reader, k_start, k_end)
    return size, codec


def _sample_entry(reader: _Reader, start: int, end: int) -> str | None:
    for path in (b"minf", b"stbl", b"stsd"):
        found = next(((s, e) for kind, s, e, _ in _boxes(reader, start, end) if kind == path), None)
        if found is None:
            return None
        start, end = found
    if end - start < 16:  # version and flags, entry count, then the first entry's size and type
        return None
    entry = reader.read(start + 12, 4)
    return entry.decode("latin-1") if all(0x20 <= c <= 0x7E for c in entry) else None


def _tkhd_size(reader: _Reader, start: int, end: int) -> tuple[int, int] | None:
    """A track header's picture size as shown: width and height (16.16 fixed point) turned by its matrix;
    None for a track without a picture (sound: 0 × 0)."""
    version = reader.read(start, 1)[0] if end > start else None
    matrix = {0: 40, 1: 52}.get(version) if version is not None else None
    if matrix is None or end - start < matrix + 44:
        raise _Damaged("a track header (tkhd) is cut short or of an unknown version")
    a, b, _, c, d = struct.unpack(">iiiii", reader.read(start + matrix, 20))
    width, height = (value >> 16 for value in struct.unpack(">II", reader.read(start + matrix + 36, 8)))
    if a == 0 and d == 0 and b != 0 and c != 0:  # turned a quarter: shown the other way round
        width, height = height, width
    return _size(width, height)


def _size(width: int, height: int) -> tuple[int, int] | None:
    return (width, height) if 0 < width <= MAX_SIDE and 0 < height <= MAX_SIDE else None


def _mvhd_fields(reader: _Reader, start: int, end: int) -> tuple[int, int]:
    """(timescale, duration) of a movie header, version 0 (32-bit times) or 1 (64-bit)."""
    version = reader.read(start, 1)[0] if end > start else None
    if version == 0 and end - start >= 20:
        return struct.unpack(">II", reader.read(start + 12, 8))
    if version == 1 and end - start >= 32:
        return struct.unpack(">IQ", reader.read(start + 20, 12))
    raise _Damaged("the movie header (mvhd) is cut short or of an unknown version")


def _full_box_duration(reader: _Reader, start: int, end: int, offset: int) -> int:
    """A version 0/1 full box's one duration field at ``offset`` (32 or 64 bits by version)."""
    version = reader.read(start, 1)[0] if end > start else None
    if version == 0 and end - start >= offset + 4:
        return struct.unpack(">I", reader.read(start + offset, 4))[0]
    if version == 1 and end - start >= offset + 8:
        return struct.unpack(">Q", reader.read(start + offset, 8))[0]
    raise _Damaged("a duration box is cut short or of an unknown version")


# --- WebM (Matroska's web profile, EBML: RFC 8794, RFC 9559) -------------------------------------------

EBML = 0x1A45DFA3
DOC_TYPE = 0x4282
SEGMENT = 0x18538067
INFO = 0x1549A966
TIMESTAMP_SCALE = 0x2AD7B1
DURATION = 0x4489
CLUSTER = 0x1F43B675
VOID = 0xEC
TRACKS = 0x1654AE6B
TRACK_ENTRY = 0xAE
VIDEO = 0xE0
PIXEL_WIDTH, PIXEL_HEIGHT = 0xB0, 0xBA
DISPLAY_WIDTH, DISPLAY_HEIGHT, DISPLAY_UNIT = 0x54B0, 0x54BA, 0x54B2


def _vint(data: bytes, offset: int, most: int, *, keep_marker: bool) -> tuple[int, int, bool]:
    """(value, length, all value bits set) of the variable-length integer at ``offset``; at most ``most`` bytes."""
    if offset >= len(data):
        raise _Incomplete("the file ends inside an element header")
    first = data[offset]
    length = 8 - first.bit_length() + 1 if first else 9
    if length > most:
        raise _Damaged("an element header is not valid")
    if offset + length > len(data):
        raise _Incomplete("the file ends inside an element header")
    value = int.from_bytes(data[offset:offset + length], "big")
    bits = 7 * length
    ones = value & ((1 << bits) - 1) == (1 << bits) - 1
    return (value if keep_marker else value & ((1 << bits) - 1)), length, ones


def _elements(reader: _Reader, start: int, end: int, *, top: bool = False) -> Iterator[tuple[int, int, int, int]]:
    """(id, data start, element end, element start) of every element from ``start`` to ``end``; an element of unknown size
    ends at ``end`` (only Segment and Cluster may have one, and nothing here walks past it)."""
    offset = start
    while offset < end:
        reader.count()
        head = reader.read(offset, min(12, end - offset), exact=False)
        try:
            element, id_length, _ = _vint(head, 0, 4, keep_marker=True)
            size, size_length, unknown = _vint(head, id_length, 8, keep_marker=False)
        except _Incomplete:
            if top:
                raise
            raise _Damaged("an element header runs past the element it is in") from None
        data = offset + id_length + size_length
        if unknown:
            if element not in (SEGMENT, CLUSTER):
                raise _Damaged(f"element {element:X} has no size")
            stop = end
        else:
            stop = data + size
        if stop > end:
            if top:
                raise _Incomplete(f"element {element:X} runs past the end of the file")
            raise _Damaged(f"element {element:X} runs past the element it is in")
        yield element, data, stop, offset
        offset = stop


def _ebml_uint(reader: _Reader, start: int, end: int) -> int:
    if not 0 < end - start <= 8:
        raise _Damaged("a number element of the wrong length")
    return int.from_bytes(reader.read(start, end - start), "big")


def _ebml_float(reader: _Reader, start: int, end: int) -> float:
    if end - start == 4:
        return struct.unpack(">f", reader.read(start, 4))[0]
    if end - start == 8:
        return struct.unpack(">d", reader.read(start, 8))[0]
    raise _Damaged("the duration is not a 4- or 8-byte number")


def probe_webm(reader: _Reader) -> Probe:
    """A WebM's length: the Segment Info's Duration × TimestampScale (nanoseconds per tick, 1 ms by default)."""
    elements = _elements(reader, 0, reader.size, top=True)
    element, start, end, _ = next(elements)
    if element != EBML:
        raise _Damaged("the file does not start with an EBML header")
    doc_type = None
    for child, c_start, c_end, _ in _elements(reader, start, end):
        if child == DOC_TYPE:
            if c_end - c_start > 32:
                raise _Damaged("the document type is too long")
            doc_type = reader.read(c_start, c_end - c_start).rstrip(b"\0")
    if doc_type == b"matroska":
        raise _OtherKind("Matroska (MKV)")
    if doc_type != b"webm":
        raise _Damaged("the EBML header does not name WebM as its document type")
    for element, start, end, _ in elements:
        if element == SEGMENT:
            return Probe("WEBM", *_segment_facts(reader, start, end))
        if element != VOID:
            raise _Damaged(f"element {element:X} where the Segment should be")
    raise _Damaged("no Segment")


def _segment_facts(reader: _Reader, start: int, end: int) -> tuple[float | None, int | None, int | None]:
    """The Segment's length from its Info and its picture's size from its Tracks; the walk stops at a
    Cluster of unknown size (it cannot be skipped)."""
    seconds, shown = None, None
    # Inside a Segment of unknown size, its end is the file's: an element past it means a file cut off.
    for element, e_start, e_end, _ in _elements(reader, start, end, top=end == reader.size):
        if element == INFO:
            scale, duration = 1_000_000, None
            for child, c_start, c_end, _ in _elements(reader, e_start, e_end):
                if child == TIMESTAMP_SCALE:
                    scale = _ebml_uint(reader, c_start, c_end)
                elif child == DURATION:
                    duration = _ebml_float(reader, c_start, c_end)
            if scale == 0:
                raise _Damaged("the Info has a time scale of 0")
            if duration is not None:
                if not math.isfinite(duration) or duration < 0:
                    raise _Damaged("the duration is not a number of ticks")
                seconds = duration * scale / 1e9 or None
        if element == TRACKS and shown is None:
            shown = _tracks_size(reader, e_start, e_end)
        if element == CLUSTER and e_end == end:
            break  # of unknown size or the last element: media data, nothing more to learn
    return (seconds, *(shown or (None, None)))


def _tracks_size(reader: _Reader, start: int, end: int) -> tuple[int, int] | None:
    """The first video track's size as shown: its display size when given in pixels, else its pixels."""
    for entry, e_start, e_end, _ in _elements(reader, start, end):
        if entry != TRACK_ENTRY:
            continue
        for part, p_start, p_end, _ in _elements(reader, e_start, e_end):
            if part != VIDEO:
                continue
            values = {DISPLAY_UNIT: 0}
            for field, f_start, f_end, _ in _elements(reader, p_start, p_end):
                if field in (PIXEL_WIDTH, PIXEL_HEIGHT, DISPLAY_WIDTH, DISPLAY_HEIGHT, DISPLAY_UNIT):
                    values[field] = _ebml_uint(reader, f_start, f_end)
            if values[DISPLAY_UNIT] == 0 and DISPLAY_WIDTH in values and DISPLAY_HEIGHT in values:
                return _size(values[DISPLAY_WIDTH], values[DISPLAY_HEIGHT])
            return _size(values.get(PIXEL_WIDTH, 0), values.get(PIXEL_HEIGHT, 0))
    return None



# --- the copy that is published ------------------------------------------------------------------------

MP4_METADATA = frozenset({b"udta", b"meta", b"uuid", b"free", b"skip"})
"""Boxes that only describe the film, at the top, in the movie box or in a track: user data (where phones
write the GPS position, ©xyz), metadata (iPhones' location key, iTunes tags), vendor boxes (XMP), and free
space, which can hold what an editor left behind. No player needs them to play."""
WEBM_METADATA = frozenset({0x1254C367, 0x1941A469})
"""Segment elements that only describe the film: Tags (titles, places, dates) and Attachments (any file)."""


def clean_copy(raw: bytes, fmt: str) -> bytes:
    """The bytes to publish: the upload with every metadata box (MP4) or element (WebM) blanked in place.

    Blanked, not removed: each becomes free space of the same length, zeroed, so every offset inside the
    file (an MP4's chunk offsets, a WebM's seek entries and cues) still points where it did.
    """
    reader = _Reader(io.BytesIO(raw), len(raw))
    out = bytearray(raw)
    for at, end in (_mp4_metadata(reader) if fmt == "MP4" else _webm_metadata(reader)):
        out[at:end] = _blank(fmt, end - at)
    return bytes(out)


def _mp4_metadata(reader: _Reader) -> Iterator[tuple[int, int]]:
    for kind, start, end, at in _boxes(reader, 0, reader.size, top=True):
        if kind in MP4_METADATA:
            yield at, end
        elif kind == b"moov":
            for child, c_start, c_end, c_at in _boxes(reader, start, end):
                if child in MP4_METADATA:
                    yield c_at, c_end
                elif child == b"trak":
                    for part, _, t_end, t_at in _boxes(reader, c_start, c_end):
                        if part in MP4_METADATA:
                            yield t_at, t_end


def _webm_metadata(reader: _Reader) -> Iterator[tuple[int, int]]:
    for element, start, end, _ in _elements(reader, 0, reader.size, top=True):
        if element == SEGMENT:
            for child, _, c_end, c_at in _elements(reader, start, end, top=end == reader.size):
                if child in WEBM_METADATA:
                    yield c_at, c_end
                if child == CLUSTER and c_end == end:
                    break


def _blank(fmt: str, length: int) -> bytes:
    """Zeroed free space of exactly ``length`` bytes: an MP4 free box, or a WebM Void element."""
    if fmt == "MP4":
        return struct.pack(">I4s", length, b"free") + bytes(length - 8)  # a box is never shorter than 8 bytes
    width = min(8, length - 1)  # an element is at least 2 bytes: a 1-byte ID and a 1-byte size
    return bytes([VOID]) + ((1 << 7 * width) | (length - 1 - width)).to_bytes(width, "big") + bytes(length - 1 - width)


# --- checking an upload --------------------------------------------------------------------------------


def probe(stream: BinaryIO, size: int) -> Probe:
    """The format and length of the video in ``stream`` (``size`` bytes); raises _Damaged, _Incomplete or
    _OtherKind, or ValueError("") when it is no video container at all."""
    reader = _Reader(stream, size)
    kind = sniff(reader.read(0, _FIELD_READ, exact=False))
    if kind == "MP4":
        return probe_mp4(reader)
    if kind == "WEBM":
        return probe_webm(reader)
    raise _OtherKind(kind)


def inspect_video(path: Path) -> Iterator[Problem]:
    """Problems with one uploaded video, as (message code, severity, values) for the validator."""
    size = path.stat().st_size
    if size > MAX_FILE_BYTES:
        # Rounded up, so a file just over the limit never reads as "20.0 MB, more than 20 MB".
        shown = -(-size // 100_000) / 10
        yield "rule.video_too_big", Severity.ERROR, {"size": f"{shown:.1f} MB", "limit": f"{MAX_FILE_BYTES / 1e6:g} MB"}
        return
    with path.open("rb") as stream:
        found = _probe_problem(stream, size)
    if isinstance(found, tuple):
        yield found
        return
    if found.seconds is None:
        yield "rule.video_no_duration", Severity.ERROR, {}
    elif found.seconds > MAX_SECONDS:
        yield "rule.video_too_long", Severity.ERROR, {"duration": duration_text(found.seconds), "limit": duration_text(MAX_SECONDS)}
    if found.codec is not None and found.codec not in MP4_PLAYED_EVERYWHERE:
        yield "rule.video_codec", Severity.WARNING, {"codec": CODEC_NAMES.get(found.codec, found.codec)}
    if path.suffix.lower() not in EXTENSIONS[found.format]:
        yield "rule.video_extension", Severity.ERROR, {"kind": _label(found.format), "extension": path.suffix or "-"}


def _probe_problem(stream: BinaryIO, size: int) -> Probe | Problem:
    """The probe, or the one problem that keeps the file from being read as a video."""
    try:
        return probe(stream, size)
    except _Incomplete:
        return "rule.video_incomplete", Severity.ERROR, {}
    except _Damaged as exc:
        return "rule.video_damaged", Severity.ERROR, {"problem": str(exc)}
    except _OtherKind as exc:
        if str(exc):
            return "rule.video_kind", Severity.ERROR, {"kind": str(exc)}
        return "rule.video_format", Severity.ERROR, {}


def _label(fmt: str) -> str:
    return {"MP4": "MP4", "WEBM": "WebM"}[fmt]


def duration_text(seconds: float) -> str:
    """A length as people read it on a player: ``0:42``, ``1:05`` (rounded up: 60.2 s is over a minute)."""
    whole = math.ceil(seconds - 1e-9)
    return f"{whole // 60}:{whole % 60:02d}"


# --- publishing ----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ProcessedVideo:
    """A published video: its file in site/media/, what the browser is told it is, and what a buyer is told."""

    key: str
    name: str
    """File name in site/media/: the content hash and the format's extension."""
    mime: str
    size: int
    seconds: float
    width: int | None
    height: int | None
    """The picture as shown (Probe), for the player's shape before the film loads."""
    uploaded: int = 0
    """When the file last changed in git (Unix time), else its product's ``verified`` date: the film's uploadDate.
    Dated by the build (build.date_videos), never cached with the copy: git, not the file, knows it."""


def video_key(source: bytes) -> str:
    """Content hash of (source bytes, settings): the output name stem."""
    digest = hashlib.sha256(source)
    digest.update(f"video {SETTINGS_VERSION}".encode())
    return digest.hexdigest()[:16]


def process_video(source: Path, cache_dir: Path) -> tuple[ProcessedVideo, bool]:
    """Write ``source``'s clean copy (``clean_copy``) into ``cache_dir`` under its content-hashed name (or
    reuse it); return it and whether reused.

    Checks everything ``inspect_video`` checks (but the file's name) again, since the file may have changed
    since: raises VideoRefused with the same message code. A copy in the cache is reused only when its bytes
    are the clean copy's, whatever its name says.
    """
    size = source.stat().st_size
    if size > MAX_FILE_BYTES:
        raise VideoRefused(source.name, next(inspect_video(source)))
    raw = source.read_bytes()
    found = _probe_problem(io.BytesIO(raw), len(raw))
    if isinstance(found, tuple):
        raise VideoRefused(source.name, found)
    if found.seconds is None or found.seconds > MAX_SECONDS:
        raise VideoRefused(source.name, next(p for p in inspect_video(source) if p[0] != "rule.video_extension"))
    clean = clean_copy(raw, found.format)
    if probe(io.BytesIO(clean), len(clean)) != found:
        raise RuntimeError("the copy without metadata does not read as the upload does")  # a bug here, never the file's
    mime, extension = FORMATS[found.format]
    key = video_key(raw)
    processed = ProcessedVideo(key=key, name=f"{key}.{extension}", mime=mime, size=len(clean), seconds=found.seconds,
                               width=found.width, height=found.height)
    target = cache_dir / processed.name
    try:
        if target.stat().st_size == len(clean) and target.read_bytes() == clean:
            return processed, True
    except OSError:
        pass
    cache_dir.mkdir(parents=True, exist_ok=True)
    write.replace_file(target, clean)
    return processed, False

