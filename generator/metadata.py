"""Location metadata in photos: say where a photo carries it, and remove it without re-encoding a pixel.

A phone writes where a photo was taken (EXIF GPS, XMP, IPTC) into the file; a photo of a farmer's house
must not publish the house's coordinates in the repository. The site's own images are re-encoded from
pixels (images.py) and carry nothing, but the photos committed to git are the originals. Here the
metadata is taken out of the file's structure: JPEG segments, PNG chunks and WebP chunks are rewritten or
dropped and the compressed image data is copied byte for byte, so no quality is lost. Of EXIF only the
orientation is kept (a rotated phone photo still shows upright); everything else in EXIF (GPS, camera,
serial numbers, dates), XMP, IPTC, comments and the data phones append after a JPEG's end (other
pictures, depth maps, motion-photo videos) goes.

``location_tags`` reports; ``strip_location`` works on bytes; ``strip_location_files`` is the maintainer
command (``python -m generator strip-location``).
"""

from __future__ import annotations

import io
import re
import struct
import zlib
from pathlib import Path
from typing import Iterator

from PIL import ExifTags, Image

from generator import write
from generator.issues import Issue, Severity, make_issue

ORIENTATION_TAG = 0x0112
GPS_IFD_TAG = 0x8825
EXIF_HEADER = b"Exif\x00\x00"
XMP_HEADERS = (b"http://ns.adobe.com/xap/1.0/\x00", b"http://ns.adobe.com/xmp/extension/\x00")
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
PNG_TEXT_CHUNKS = (b"tEXt", b"zTXt", b"iTXt")
MAX_IFD_ENTRIES = 1000

_XMP_LOCATION = re.compile(
    rb"\b((?:exif|exifEX|drone-dji|Camera|GPano):GPS\w*|exif:GPS\w*|drone-dji:\w*(?:Latitude|Longitude|Altitude)\w*"
    rb"|photoshop:(?:City|State|Country)|Iptc4xmpCore:(?:Location|CountryCode)|Iptc4xmpExt:Location\w*)\b"
)
"""XMP properties that say where: GPS coordinates, drone positions, and the place names of IPTC and Photoshop."""
_IPTC_LOCATION = {90: "City", 92: "Sub-location", 95: "Province-State", 100: "Country-Code", 101: "Country-Name"}
"""IPTC-IIM record 2 datasets naming a place."""


class MetadataError(Exception):
    """A file that is not a JPEG, PNG or WebP, or whose structure cannot be followed."""


# --- reading ------------------------------------------------------------------------------------------


def image_kind(data: bytes) -> str | None:
    """JPEG, PNG or WEBP by the file's first bytes (its name says nothing); None for anything else."""
    if data[:3] == b"\xff\xd8\xff":
        return "JPEG"
    if data[:8] == PNG_SIGNATURE:
        return "PNG"
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "WEBP"
    return None


def location_tags(path: Path | str) -> list[str]:
    """Every piece of location metadata in a photo, by name (``GPSLatitude``, ``XMP exif:GPSLongitude``,
    ``IPTC City``); empty when there is none."""
    return location_tags_of(Path(path).read_bytes())


def location_tags_of(data: bytes) -> list[str]:
    """``location_tags`` of a photo's bytes."""
    found: list[str] = []
    for kind, payload in _metadata_blocks(data):
        if kind == "exif":
            found += _gps_tags(payload)
        elif kind == "xmp":
            found += [f"XMP {name.decode('ascii', 'replace')}" for name in _XMP_LOCATION.findall(payload)]
        elif kind == "iptc":
            found += [f"IPTC {name}" for name in _iptc_places(payload)]
    return sorted(set(found))


def describe_location(tags: list[str]) -> str:
    """``location_tags`` for people: where each kind of location sits ("EXIF GPS, XMP exif:GPSLatitude, IPTC City")."""
    gps = [tag for tag in tags if tag.startswith("GPS") or tag.startswith("EXIF")]
    return ", ".join((["EXIF GPS"] if gps else []) + [tag for tag in tags if tag not in gps])


def orientation_of(data: bytes) -> int:
    """The EXIF orientation (1–8) of a photo's bytes; 1 when it has none."""
    for kind, payload in _metadata_blocks(data):
        if kind == "exif":
            value = _orientation(payload)
            if value != 1:
                return value
    return 1


def _metadata_blocks(data: bytes) -> Iterator[tuple[str, bytes]]:
    """(kind, payload) of each metadata block: "exif" (a TIFF structure), "xmp" (XML text), "iptc"."""
    kind = image_kind(data)
    try:
        if kind == "JPEG":
            yield from _jpeg_blocks(data)
        elif kind == "PNG":
            yield from _png_blocks(data)
        elif kind == "WEBP":
            yield from _webp_blocks(data)
    except (MetadataError, struct.error, zlib.error, ValueError):
        return  # what could be followed was reported; strip_location refuses such a file


def _jpeg_blocks(data: bytes) -> Iterator[tuple[str, bytes]]:
    end = 0
    for marker, payload, _, end in _jpeg_segments(data):
        if marker == 0xE1 and payload.startswith(EXIF_HEADER):
            yield "exif", payload[len(EXIF_HEADER):]
        elif marker == 0xE1 and payload.startswith(XMP_HEADERS):
            yield "xmp", payload
        elif marker == 0xED:
            yield "iptc", payload
    # Pictures appended after the end of the image (MPF previews, depth maps) carry their own EXIF.
    trailer = data[end:]
    for match in re.finditer(re.escape(EXIF_HEADER), trailer):
        yield "exif", trailer[match.end():]


def _png_blocks(data: bytes) -> Iterator[tuple[str, bytes]]:
    for name, payload, _ in _png_chunks(data):
        if name == b"eXIf":
            yield "exif", payload
        elif name in PNG_TEXT_CHUNKS:
            try:
                keyword, text = _png_text(name, payload)
            except zlib.error:
                continue  # damaged compressed text: nothing to read in it (and stripping drops it)
            if keyword == b"XML:com.adobe.xmp":
                yield "xmp", text
            elif keyword.startswith(b"Raw profile type"):
                raw = _raw_profile(text)
                start = raw.find(EXIF_HEADER)
                if start >= 0:
                    yield "exif", raw[start + len(EXIF_HEADER):]
                elif raw[:4] in (b"II*\x00", b"MM\x00*"):
                    yield "exif", raw
                elif b"8BIM" in raw or keyword.endswith(b"iptc"):
                    yield "iptc", raw
            else:
                yield "xmp", text  # free text is searched like XMP: a place name may be written anywhere


def _webp_blocks(data: bytes) -> Iterator[tuple[str, bytes]]:
    for name, payload in _riff_chunks(data):
        if name == b"EXIF":
            yield "exif", payload[len(EXIF_HEADER):] if payload.startswith(EXIF_HEADER) else payload
        elif name == b"XMP ":
            yield "xmp", payload


# --- TIFF (the inside of EXIF) ------------------------------------------------------------------------


def _tiff_order(tiff: bytes) -> str:
    """'<' or '>' from a TIFF header; MetadataError when it is none."""
    if tiff[:4] == b"II*\x00":
        return "<"
    if tiff[:4] == b"MM\x00*":
        return ">"
    raise MetadataError("not a TIFF structure")


def _ifd(tiff: bytes, order: str, offset: int) -> Iterator[tuple[int, int, int, bytes]]:
    """(tag, type, count, the 4-byte value or offset field) of each entry of the IFD at ``offset``."""
    if offset < 8 or offset + 2 > len(tiff):
        raise MetadataError("IFD outside the EXIF data")
    (count,) = struct.unpack_from(order + "H", tiff, offset)
    if count > MAX_IFD_ENTRIES or offset + 2 + 12 * count > len(tiff):
        raise MetadataError("IFD larger than the EXIF data")
    for index in range(count):
        tag, kind, number = struct.unpack_from(order + "HHI", tiff, offset + 2 + 12 * index)
        yield tag, kind, number, tiff[offset + 10 + 12 * index: offset + 14 + 12 * index]


def _ifd0(tiff: bytes) -> tuple[str, list[tuple[int, int, int, bytes]]]:
    order = _tiff_order(tiff)
    (first,) = struct.unpack_from(order + "I", tiff, 4)
    return order, list(_ifd(tiff, order, first))


def _orientation(tiff: bytes) -> int:
    """IFD0's Orientation (a SHORT), 1 when absent or unreadable."""
    try:
        order, entries = _ifd0(tiff)
    except (MetadataError, struct.error):
        return 1
    for tag, kind, count, value in entries:
        if tag == ORIENTATION_TAG and kind == 3 and count == 1:
            (orientation,) = struct.unpack_from(order + "H", value)
            return orientation if 1 <= orientation <= 8 else 1
    return 1


def _gps_tags(tiff: bytes) -> list[str]:
    """The names of the GPS tags of an EXIF structure (GPSVersionID alone says nowhere)."""
    try:
        order, entries = _ifd0(tiff)
        names = []
        for tag, kind, count, value in entries:
            if tag == GPS_IFD_TAG:
                (offset,) = struct.unpack_from(order + "I", value)
                names += [ExifTags.GPSTAGS.get(gps_tag, f"GPS tag {gps_tag}") for gps_tag, *_ in _ifd(tiff, order, offset)
                          if gps_tag != 0]
        return names
    except (MetadataError, struct.error):
        return ["EXIF (unreadable, may hold GPS)"] if tiff else []


def orientation_exif(orientation: int, order: str = ">") -> bytes:
    """A TIFF structure holding one tag, the orientation: all of EXIF a photo keeps."""
    header = (b"II*\x00" if order == "<" else b"MM\x00*") + struct.pack(order + "I", 8)
    entry = struct.pack(order + "HHIHH", ORIENTATION_TAG, 3, 1, orientation, 0)
    return header + struct.pack(order + "H", 1) + entry + struct.pack(order + "I", 0)


def _readable_tiff(tiff: bytes) -> bool:
    return tiff[:4] in (b"II*\x00", b"MM\x00*")


def _kept_exif(tiff: bytes) -> bytes | None:
    """What is left of an EXIF structure: its orientation alone, or nothing when the photo is upright."""
    orientation = _orientation(tiff)
    if orientation == 1 or not _readable_tiff(tiff):
        return None
    return orientation_exif(orientation, _tiff_order(tiff))


def _iptc_places(resources: bytes) -> Iterator[str]:
    """Place names in the IPTC-IIM datasets of a Photoshop APP13 segment or PNG raw profile."""
    seen = set()
    for match in re.finditer(rb"\x1c\x02([\x00-\xff])", resources):
        dataset = match.group(1)[0]
        if dataset in _IPTC_LOCATION and dataset not in seen:
            seen.add(dataset)
            yield _IPTC_LOCATION[dataset]


# --- JPEG ---------------------------------------------------------------------------------------------


_STANDALONE = {0x01, 0xD8, *range(0xD0, 0xD8)}
"""Markers with no length after them (TEM, SOI, RST0–7); EOI ends the image."""


def _jpeg_segments(data: bytes) -> Iterator[tuple[int, bytes, bytes, int]]:
    """(marker, payload, the segment's bytes as written, where it ends) of every segment up to EOI; a scan's
    entropy-coded data is part of its SOS segment's bytes. Progressive files have several scans."""
    if data[:2] != b"\xff\xd8":
        raise MetadataError("not a JPEG")
    pos = 2
    while True:
        # Markers may be preceded by any number of 0xFF fill bytes.
        if pos >= len(data) or data[pos] != 0xFF:
            raise MetadataError("JPEG segment expected")
        while pos < len(data) and data[pos] == 0xFF:
            pos += 1
        if pos >= len(data):
            raise MetadataError("JPEG ends inside a marker")
        marker = data[pos]
        start = pos - 1
        pos += 1
        if marker == 0xD9:
            yield marker, b"", b"\xff\xd9", pos
            return
        if marker in _STANDALONE:
            yield marker, b"", data[start:pos], pos
            continue
        if pos + 2 > len(data):
            raise MetadataError("JPEG ends inside a segment")
        (length,) = struct.unpack_from(">H", data, pos)
        if length < 2 or pos + length > len(data):
            raise MetadataError("JPEG segment longer than the file")
        payload = data[pos + 2: pos + length]
        pos += length
        if marker == 0xDA:  # SOS: the entropy-coded data runs to the next marker that is not RSTn or stuffing
            scan = pos
            while True:
                scan = data.find(b"\xff", scan)
                if scan < 0 or scan + 1 >= len(data):
                    raise MetadataError("JPEG ends inside the image data")
                following = data[scan + 1]
                if following == 0x00 or 0xD0 <= following <= 0xD7 or following == 0xFF:
                    scan += 1 if following == 0xFF else 2
                    continue
                break
            yield marker, payload, data[start:scan], scan
            pos = scan
            continue
        yield marker, payload, data[start:pos], pos


def _strip_jpeg(data: bytes) -> bytes:
    out = [b"\xff\xd8"]
    kept_exif = False
    for marker, payload, raw, _ in _jpeg_segments(data):
        if marker == 0xD8:
            continue
        if 0xE0 <= marker <= 0xEF:
            keep = ((marker == 0xE0 and payload.startswith(b"JFIF\x00"))  # JFIF: pixel density
                    or (marker == 0xE2 and payload.startswith(b"ICC_PROFILE\x00"))  # colours
                    or (marker == 0xEE and payload.startswith(b"Adobe")))  # how CMYK/YCCK data is decoded
            if marker == 0xE1 and payload.startswith(EXIF_HEADER) and not kept_exif:
                kept_exif = True  # the first EXIF is the photo's; a second one is only more metadata
                kept = _kept_exif(payload[len(EXIF_HEADER):])
                if kept is not None:
                    exif = EXIF_HEADER + kept
                    out.append(b"\xff\xe1" + struct.pack(">H", len(exif) + 2) + exif)
            if keep:
                out.append(raw)
            continue
        if marker == 0xFE:  # COM: free text
            continue
        out.append(raw)
    # Whatever followed EOI (other pictures, a motion photo's video, vendor trailers) is left behind.
    return b"".join(out)


# --- PNG ----------------------------------------------------------------------------------------------


def _png_chunks(data: bytes) -> Iterator[tuple[bytes, bytes, bytes]]:
    """(type, data, the chunk's bytes as written) of every chunk up to IEND."""
    if data[:8] != PNG_SIGNATURE:
        raise MetadataError("not a PNG")
    pos = 8
    while True:
        if pos + 8 > len(data):
            raise MetadataError("PNG ends inside a chunk")
        length, name = struct.unpack_from(">I4s", data, pos)
        end = pos + 12 + length
        if end > len(data):
            raise MetadataError("PNG chunk longer than the file")
        yield name, data[pos + 8: pos + 8 + length], data[pos:end]
        pos = end
        if name == b"IEND":
            return


def _png_chunk(name: bytes, payload: bytes) -> bytes:
    return struct.pack(">I", len(payload)) + name + payload + struct.pack(">I", zlib.crc32(name + payload))


def _png_text(name: bytes, payload: bytes) -> tuple[bytes, bytes]:
    """(keyword, text) of a tEXt, zTXt or iTXt chunk, decompressed."""
    keyword, _, rest = payload.partition(b"\x00")
    if name == b"tEXt":
        return keyword, rest
    if name == b"zTXt":
        return keyword, _inflate(rest[1:])
    compressed = rest[:1] == b"\x01"  # the method byte after it is always 0 (zlib)
    _language, _, rest = rest[2:].partition(b"\x00")
    _translated, _, text = rest.partition(b"\x00")
    return keyword, _inflate(text) if compressed else text


def _inflate(data: bytes, limit: int = 16_000_000) -> bytes:
    inflater = zlib.decompressobj()
    out = inflater.decompress(data, limit)
    return out


def _raw_profile(text: bytes) -> bytes:
    """ImageMagick's "Raw profile type …" text: a name, a length, then hex digits."""
    lines = text.strip().split(b"\n")
    digits = b"".join(lines[2:]) if len(lines) > 2 else b""
    try:
        return bytes.fromhex(re.sub(rb"\s+", b"", digits).decode("ascii"))
    except (ValueError, UnicodeDecodeError):
        return b""


def _strip_png(data: bytes) -> bytes:
    out = [PNG_SIGNATURE]
    for name, payload, raw in _png_chunks(data):
        if name in PNG_TEXT_CHUNKS:
            continue
        if name == b"eXIf":
            kept = _kept_exif(payload[len(EXIF_HEADER):] if payload.startswith(EXIF_HEADER) else payload)
            if kept is not None:
                out.append(_png_chunk(b"eXIf", kept))
            continue
        out.append(raw)
    return b"".join(out)


# --- WebP ---------------------------------------------------------------------------------------------


def _riff_chunks(data: bytes) -> Iterator[tuple[bytes, bytes]]:
    """(FourCC, data) of every chunk of a WebP file."""
    if data[:4] != b"RIFF" or data[8:12] != b"WEBP":
        raise MetadataError("not a WebP")
    (size,) = struct.unpack_from("<I", data, 4)
    end = min(len(data), 8 + size)
    pos = 12
    while pos + 8 <= end:
        name, length = struct.unpack_from("<4sI", data, pos)
        if pos + 8 + length > end:
            raise MetadataError("WebP chunk longer than the file")
        yield name, data[pos + 8: pos + 8 + length]
        pos += 8 + length + length % 2


def _strip_webp(data: bytes) -> bytes:
    chunks = []
    has_exif = False
    for name, payload in _riff_chunks(data):
        if name == b"XMP ":
            continue
        if name == b"EXIF":
            tiff = payload[len(EXIF_HEADER):] if payload.startswith(EXIF_HEADER) else payload
            kept = _kept_exif(tiff)
            if kept is None:
                continue
            payload, has_exif = kept, True
        chunks.append([name, payload])
    for chunk in chunks:
        if chunk[0] == b"VP8X":  # the flags say which optional chunks follow: EXIF (0x08), XMP (0x04)
            flags = (chunk[1][0] & ~0x0C) | (0x08 if has_exif else 0)
            chunk[1] = bytes([flags]) + chunk[1][1:]
    body = b"".join(name + struct.pack("<I", len(payload)) + payload + b"\x00" * (len(payload) % 2) for name, payload in chunks)
    return b"RIFF" + struct.pack("<I", 4 + len(body)) + b"WEBP" + body


# --- stripping ----------------------------------------------------------------------------------------


def strip_location(data: bytes) -> bytes:
    """The photo without its metadata (EXIF but the orientation, XMP, IPTC, comments, text chunks, trailing
    data), its compressed image data unchanged; MetadataError when it is not a JPEG, PNG or WebP that can be
    followed to its end."""
    kind = image_kind(data)
    try:
        if kind == "JPEG":
            return _strip_jpeg(data)
        if kind == "PNG":
            return _strip_png(data)
        if kind == "WEBP":
            return _strip_webp(data)
    except (struct.error, zlib.error, ValueError) as exc:
        raise MetadataError(f"{type(exc).__name__}: {exc}") from None
    raise MetadataError("not a JPEG, PNG or WebP image")


def check_stripped(before: bytes, after: bytes) -> None:
    """Raise MetadataError unless ``after`` opens as the same picture as ``before``, with no location left."""
    try:
        with Image.open(io.BytesIO(before)) as original, Image.open(io.BytesIO(after)) as stripped:
            # A JPEG with other pictures after it opens as MPO; without them it is a plain JPEG.
            kind = {"MPO": "JPEG"}.get(original.format, original.format)
            if (kind, original.size, original.mode) != (stripped.format, stripped.size, stripped.mode):
                raise MetadataError("the picture changed")
            stripped.load()
    except MetadataError:
        raise
    except Exception as exc:  # noqa: BLE001 - Pillow's many ways to fail on a file all mean the same here
        raise MetadataError(f"{type(exc).__name__}: {exc}"[:200]) from None
    if location_tags_of(after):
        raise MetadataError("location metadata is still there")


def strip_location_files(paths: list[Path], *, check_only: bool = False) -> list[Issue]:
    """The maintainer command: report each photo's location metadata and remove it in place (atomically),
    or with ``check_only`` only report it (an error per photo that has some, so the command fails)."""
    issues = []
    for path in paths:
        where = str(path)
        try:
            data = path.read_bytes()
        except OSError as exc:
            issues.append(make_issue(where, (1, 1), "", "load.unreadable", problem=exc.strerror or type(exc).__name__))
            continue
        if image_kind(data) is None:
            issues.append(make_issue(where, (1, 1), "", "metadata.not_photo"))
            continue
        tags = location_tags_of(data)
        if check_only:
            if tags:
                issues.append(make_issue(where, (1, 1), "", "metadata.found", tags=", ".join(tags)))
            continue
        try:
            stripped = strip_location(data)
            check_stripped(data, stripped)
        except MetadataError as exc:
            issues.append(make_issue(where, (1, 1), "", "metadata.damaged", problem=str(exc)))
            continue
        if stripped != data:
            write.replace_file(path, stripped)
        code = "metadata.removed" if tags else "metadata.none"
        issues.append(make_issue(where, (1, 1), "", code, Severity.INFO, tags=", ".join(tags)))
    return issues
