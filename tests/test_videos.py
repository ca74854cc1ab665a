"""Videos: a product's short film, accepted by its content (MP4 or WebM within the size and length limits),
refused with one clear issue when it is anything else, and shown on the product page so that nothing loads
until the buyer presses play.

Real files are encoded here with PyAV (FFmpeg's libx264 and libvpx); the structures a muxer never writes
(a 64-bit movie header, a box claiming 2⁶⁴ bytes, a WebM without its duration) are written by hand.
"""

from __future__ import annotations

import csv
import io
import json
import os
import random
import re
import struct
import subprocess
from html import unescape
from pathlib import Path

import av
import pytest
from PIL import Image, ImageDraw

from conftest import CRAB, PRODUCT, TODAY, jpeg_bytes, write_catalog
from generator import videos
from generator.build import build_site, check_catalog
from generator.serve import serve_directory
from generator.issues import MESSAGES, Severity, render_message
from generator.videos import MAX_FILE_BYTES, VideoRefused, duration_text, process_video

FOLDER = "products/bumdes-maju"
KELOR = f"{FOLDER}/kelor-powder.yml"
VIDEO_YAML = "video:\n  file: {file}\n  caption: {{id: Panen daun kelor, en: Harvesting moringa leaves}}\n"


# --- making videos ----------------------------------------------------------------------------------------


def encode(tmp: Path, fmt: str, codec: str, seconds: float, *, rate: int = 10, size: tuple[int, int] = (160, 90),
           options: dict[str, str] | None = None, metadata: dict[str, str] | None = None) -> bytes:
    """A real video: a bar sweeping over green, ``seconds`` long, with the container's ``metadata``."""
    path = tmp / f"made-{fmt}-{codec}-{seconds}-{rate}-{sorted((options or {}).items())}-{bool(metadata)}.{fmt}"
    with av.open(str(path), "w", format=fmt, container_options=options or {}) as out:
        out.metadata.update(metadata or {})
        stream = out.add_stream(codec, rate=rate)
        stream.width, stream.height = size
        stream.pix_fmt = "yuv420p"
        for i in range(round(seconds * rate)):
            frame = Image.new("RGB", size, (20, 90, 40))
            ImageDraw.Draw(frame).rectangle((0, 0, (i * 9) % size[0], size[1]), fill=(220, 120, 30))
            for packet in stream.encode(av.VideoFrame.from_image(frame)):
                out.mux(packet)
        for packet in stream.encode():
            out.mux(packet)
    return path.read_bytes()


@pytest.fixture(scope="module")
def made(tmp_path_factory) -> dict[str, bytes]:
    """Real files, made once: MP4 (H.264), WebM (VP8 and VP9), and what phones and browsers also make."""
    tmp = tmp_path_factory.mktemp("videos")
    return {
        "mp4": encode(tmp, "mp4", "libx264", 2),
        "mp4-faststart": encode(tmp, "mp4", "libx264", 2, options={"movflags": "faststart"}),
        "mp4-other": encode(tmp, "mp4", "libx264", 3),
        "webm": encode(tmp, "webm", "libvpx", 2),
        "webm-vp9": encode(tmp, "webm", "libvpx-vp9", 2),
        "mp4-long": encode(tmp, "mp4", "libx264", 61, rate=1),
        "webm-long": encode(tmp, "webm", "libvpx", 61, rate=1),
        "mp4-fragmented": encode(tmp, "mp4", "libx264", 2, options={"movflags": "frag_keyframe+empty_moov"}),
        "mov": encode(tmp, "mov", "libx264", 2),
        "mkv": encode(tmp, "matroska", "libvpx", 2),
        "avi": encode(tmp, "avi", "mpeg4", 2),
        "mp4-hevc": encode(tmp, "mp4", "libx265", 2),
        "mp4-mpeg4": encode(tmp, "mp4", "mpeg4", 2),
        # Where phones and editors leave the place and other facts: an iPhone-style location key in the
        # movie's metadata (MP4), and tags (WebM).
        "mp4-located": encode(tmp, "mp4", "libx264", 2, options={"movflags": "use_metadata_tags"}, metadata=LOCATED),
        "webm-located": encode(tmp, "webm", "libvpx", 2, metadata=LOCATED),
    }


LOCATED = {"location": "+01.2345+120.1234/", "comment": "SECRET-COMMENT"}
"""A place, and a comment: neither may reach the published copy."""


def box(kind: bytes, payload: bytes) -> bytes:
    return struct.pack(">I4s", 8 + len(payload), kind) + payload


def mvhd(timescale: int, duration: int, version: int = 0) -> bytes:
    if version == 1:
        times = struct.pack(">QQIQ", 0, 0, timescale, duration)
    else:
        times = struct.pack(">IIII", 0, 0, timescale, duration)
    return box(b"mvhd", bytes([version, 0, 0, 0]) + times + bytes(80))


def tkhd(width: int, height: int, *, turned: bool = False, version: int = 0) -> bytes:
    """A track header: the picture's size (16.16 fixed point) and a matrix, upright or turned a quarter."""
    one = 1 << 16
    matrix = (0, one, 0, -one, 0, 0, 0, 0, 1 << 30) if turned else (one, 0, 0, 0, one, 0, 0, 0, 1 << 30)
    times = struct.pack(">QQIIQ", 0, 0, 1, 0, 0) if version == 1 else struct.pack(">IIIII", 0, 0, 1, 0, 0)
    return box(b"tkhd", bytes([version, 0, 0, 3]) + times + bytes(16) + struct.pack(">9i", *matrix)
               + struct.pack(">II", width << 16, height << 16))


def mp4(*, timescale: int = 1000, duration: int = 5000, version: int = 0, brands: bytes = b"isom" + bytes(4) + b"isomiso2mp41",
        moov: bytes | None = None, tail: bytes = b"") -> bytes:
    """A minimal MP4 by hand: ftyp, moov with its mvhd, and a little media data."""
    movie = moov if moov is not None else box(b"moov", mvhd(timescale, duration, version))
    return box(b"ftyp", brands) + movie + box(b"mdat", bytes(64)) + tail


def element(ident: int, payload: bytes, *, size: bytes | None = None) -> bytes:
    """An EBML element: its ID as written, and its size as an 8-byte number unless given."""
    head = ident.to_bytes((ident.bit_length() + 7) // 8, "big")
    return head + (size if size is not None else (0x01 << 56 | len(payload)).to_bytes(8, "big")) + payload


def webm(*, duration: bytes | None = struct.pack(">d", 5000.0), scale: int | None = 1_000_000, doc_type: bytes = b"webm",
         segment_size: bytes | None = None, clusters: bytes = b"", tracks: bytes = b"") -> bytes:
    """A minimal WebM by hand: EBML header with its DocType, and a Segment with Info and one Cluster."""
    header = element(0x1A45DFA3, element(0x4286, b"\x01") + element(0x4282, doc_type))
    info = b""
    if scale is not None:
        info += element(0x2AD7B1, scale.to_bytes(4, "big"))
    if duration is not None:
        info += element(0x4489, duration)
    segment = element(0x1549A966, info) + tracks + (clusters or element(0x1F43B675, element(0xE7, b"\x00") + bytes(40)))
    return header + element(0x18538067, segment, size=segment_size)


def write(folder: Path, name: str, data: bytes) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return path


def problems(path: Path) -> list[tuple[str, dict[str, str]]]:
    return [(code, values) for code, _, values in videos.inspect_video(path)]


# --- 1. what is accepted --------------------------------------------------------------------------------


@pytest.mark.parametrize(("which", "name", "seconds"), [
    ("mp4", "panen.mp4", 2.0), ("mp4-faststart", "panen.mp4", 2.0), ("mp4", "panen.M4V", 2.0),
    ("webm", "panen.webm", 2.0), ("webm-vp9", "panen.webm", 2.0),
])
def test_real_mp4_and_webm_pass_and_their_length_is_read(made, tmp_path, which, name, seconds):
    path = write(tmp_path, name, made[which])
    assert problems(path) == []
    with path.open("rb") as stream:
        found = videos.probe(stream, path.stat().st_size)
    assert found.seconds == pytest.approx(seconds, abs=0.15)
    assert (found.width, found.height) == (160, 90)


def video_track(*fields: bytes) -> bytes:
    """WebM Tracks with a sound track first, then a video track with these Video fields."""
    sound = element(0xAE, element(0xD7, b"\x01") + element(0x83, b"\x02"))
    return element(0x1654AE6B, sound + element(0xAE, element(0xD7, b"\x02") + element(0x83, b"\x01") + element(0xE0, b"".join(fields))))


def uint(ident: int, value: int) -> bytes:
    return element(ident, value.to_bytes(2, "big"))


def sample_entry(codec: bytes) -> bytes:
    """A track's media box down to its sample description, whose first entry is ``codec``."""
    stsd = box(b"stsd", bytes(4) + struct.pack(">I", 1) + box(codec, bytes(78)))
    return box(b"mdia", box(b"minf", box(b"stbl", stsd)))


@pytest.mark.parametrize(("which", "codec"), [("mp4-hevc", "HEVC (H.265)"), ("mp4-mpeg4", "MPEG-4 Part 2")])
def test_an_mp4_not_in_h264_is_published_with_a_warning(made, tmp_path, which, codec):
    """iPhones film HEVC; a buyer's browser may not play it: a warning (an error with --strict), not a refusal."""
    path = write(tmp_path, "v.mp4", made[which])
    assert list(videos.inspect_video(path)) == [("rule.video_codec", Severity.WARNING, {"codec": codec})]
    assert process_video(path, tmp_path / "cache")[0].seconds == pytest.approx(2.0, abs=0.15)


@pytest.mark.parametrize(("codec", "found"), [(b"avc1", None), (b"avc3", None), (b"hvc1", "HEVC (H.265)"), (b"abcd", "abcd")])
def test_the_codec_is_read_from_the_video_tracks_sample_description(tmp_path, codec, found):
    sound = box(b"trak", tkhd(0, 0) + sample_entry(b"mp4a"))
    picture = box(b"trak", tkhd(1280, 720) + sample_entry(codec))
    path = write(tmp_path, "v.mp4", mp4(moov=box(b"moov", mvhd(1000, 5000) + sound + picture)))
    assert problems(path) == ([("rule.video_codec", {"codec": found})] if found else [])


@pytest.mark.parametrize(("data", "size"), [
    (mp4(moov=box(b"moov", mvhd(1000, 5000) + box(b"trak", tkhd(1920, 1080)))), (1920, 1080)),
    (mp4(moov=box(b"moov", mvhd(1000, 5000) + box(b"trak", tkhd(1920, 1080, turned=True)))), (1080, 1920)),  # a phone upright
    (mp4(moov=box(b"moov", mvhd(1000, 5000) + box(b"trak", tkhd(1280, 720, version=1)))), (1280, 720)),
    (mp4(moov=box(b"moov", mvhd(1000, 5000) + box(b"trak", tkhd(0, 0)) + box(b"trak", tkhd(640, 360)))), (640, 360)),  # sound first
    (mp4(moov=box(b"moov", mvhd(1000, 5000) + box(b"trak", tkhd(40_000, 360)))), (None, None)),
    (mp4(), (None, None)),
    (webm(tracks=video_track(uint(0xB0, 1280), uint(0xBA, 720))), (1280, 720)),
    (webm(tracks=video_track(uint(0xB0, 1440), uint(0xBA, 1080), uint(0x54B0, 1920), uint(0x54BA, 1080))), (1920, 1080)),
    (webm(tracks=video_track(uint(0xB0, 640), uint(0xBA, 360), uint(0x54B0, 16), uint(0x54BA, 9), uint(0x54B2, 3))), (640, 360)),
    (webm(tracks=video_track()), (None, None)),
])
def test_the_picture_size_as_shown_is_read(tmp_path, data, size):
    path = write(tmp_path, "v.webm" if data.startswith(b"\x1a\x45\xdf\xa3") else "v.mp4", data)
    assert problems(path) == []
    with path.open("rb") as stream:
        found = videos.probe(stream, len(data))
    assert (found.width, found.height) == size


@pytest.mark.parametrize(("data", "seconds"), [
    (mp4(timescale=600, duration=600 * 42), 42.0),
    (mp4(timescale=90_000, duration=90_000 * 59, version=1), 59.0),
    (mp4(brands=b"mp42" + bytes(4) + b"mp42isom"), 5.0),
    (mp4(brands=b"qt  " + bytes(4) + b"qt  mp42"), 5.0),  # a QuickTime major brand that declares MP4 too
    (webm(duration=struct.pack(">f", 12_500.0)), 12.5),
    (webm(duration=struct.pack(">d", 30.0), scale=1_000_000_000), 30.0),
    (webm(scale=None, duration=struct.pack(">d", 7000.0)), 7.0),  # TimestampScale left out: 1 ms
    (webm(segment_size=b"\x01\xff\xff\xff\xff\xff\xff\xff"), 5.0),  # a Segment of unknown size, as when streamed
])
def test_hand_made_containers_are_read(tmp_path, data, seconds):
    name = "v.webm" if data.startswith(b"\x1a\x45\xdf\xa3") else "v.mp4"
    path = write(tmp_path, name, data)
    assert problems(path) == []
    with path.open("rb") as stream:
        assert videos.probe(stream, len(data)).seconds == pytest.approx(seconds)


def test_the_parser_reads_headers_only_never_the_media(tmp_path):
    """A 15 MB file is judged by a few hundred bytes, each read no larger than a field."""
    data = mp4(tail=box(b"mdat", bytes(15_000_000)) + box(b"free", b""))
    reads = []

    class Counting(io.BytesIO):
        def read(self, size=-1):
            reads.append(size)
            return super().read(size)

    assert videos.probe(Counting(data), len(data)).seconds == 5.0
    assert max(reads) <= 64 and sum(reads) < 1000


@pytest.mark.parametrize(("seconds", "shown"), [(0.4, "0:01"), (42, "0:42"), (60, "1:00"), (60.2, "1:01"), (95, "1:35")])
def test_duration_text(seconds, shown):
    assert duration_text(seconds) == shown


# --- 2. what is refused, with one clear issue --------------------------------------------------------------


def webp_bytes() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (64, 64), (20, 90, 40)).save(buffer, "WEBP")
    return buffer.getvalue()


def cut(data: bytes, at: int) -> bytes:
    return data[:at]


REFUSED_BY_HAND = {
    "jpeg-named-mp4": ("v.mp4", lambda: jpeg_bytes((64, 64)), "rule.video_kind", {"kind": "JPEG"}),
    "pdf": ("v.mp4", lambda: b"%PDF-1.7\n" + bytes(100), "rule.video_kind", {"kind": "PDF"}),
    "webp-named-mp4": ("v.mp4", lambda: webp_bytes(), "rule.video_kind", {"kind": "WEBP"}),
    "text": ("v.mp4", lambda: b"this is not a video at all" * 4, "rule.video_format", {}),
    "empty": ("v.mp4", lambda: b"", "rule.video_format", {}),
    "heic": ("v.mp4", lambda: box(b"ftyp", b"heic" + bytes(4) + b"mif1heic"), "rule.video_kind", {"kind": "HEIC"}),
    "unknown-brand": ("v.mp4", lambda: mp4(brands=b"abcd" + bytes(4) + b"abcd"), "rule.video_format", {}),
    "cut-in-header": ("v.mp4", lambda: mp4()[:30], "rule.video_incomplete", {}),
    "cut-in-media": ("v.mp4", lambda: mp4()[:-10], "rule.video_incomplete", {}),
    "huge-box": ("v.mp4", lambda: mp4(tail=struct.pack(">I4sQ", 1, b"mdat", 2 ** 64 - 1)), "rule.video_incomplete", {}),
    "no-moov": ("v.mp4", lambda: box(b"ftyp", b"isom" + bytes(4) + b"isom") + box(b"mdat", bytes(9)), "rule.video_damaged",
                {"problem": "no movie box (moov)"}),
    "no-mvhd": ("v.mp4", lambda: mp4(moov=box(b"moov", box(b"trak", b""))), "rule.video_damaged", {"problem": "no movie header (mvhd)"}),
    "two-moov": ("v.mp4", lambda: mp4(tail=box(b"moov", mvhd(1000, 1000))), "rule.video_damaged", {"problem": "two movie boxes"}),
    "child-past-parent": ("v.mp4", lambda: mp4(moov=box(b"moov", struct.pack(">I4s", 500, b"mvhd") + bytes(100))),
                          "rule.video_damaged", {"problem": "box 'mvhd' runs past the box it is in"}),
    "box-smaller-than-header": ("v.mp4", lambda: mp4(tail=struct.pack(">I4s", 4, b"free")), "rule.video_damaged",
                                {"problem": "box 'free' is smaller than its header"}),
    "box-without-type": ("v.mp4", lambda: mp4(tail=struct.pack(">I", 8) + b"\x00\x01\x02\x03"), "rule.video_damaged",
                         {"problem": "a box at byte 216 has no type"}),
    "zero-size-inside": ("v.mp4", lambda: mp4(moov=box(b"moov", struct.pack(">I4s", 0, b"mvhd"))), "rule.video_damaged",
                         {"problem": "box 'mvhd' has no size"}),
    "mvhd-cut-short": ("v.mp4", lambda: mp4(moov=box(b"moov", box(b"mvhd", b"\x00\x00\x00\x00"))), "rule.video_damaged",
                       {"problem": "the movie header (mvhd) is cut short or of an unknown version"}),
    "tkhd-cut-short": ("v.mp4", lambda: mp4(moov=box(b"moov", mvhd(1000, 5000) + box(b"trak", box(b"tkhd", bytes(40))))),
                       "rule.video_damaged", {"problem": "a track header (tkhd) is cut short or of an unknown version"}),
    "webm-size-too-long": ("v.webm", lambda: webm(tracks=video_track(element(0xB0, bytes(9)))), "rule.video_damaged",
                           {"problem": "a number element of the wrong length"}),
    "mvhd-version-9": ("v.mp4", lambda: mp4(moov=box(b"moov", box(b"mvhd", b"\x09" + bytes(99)))), "rule.video_damaged",
                       {"problem": "the movie header (mvhd) is cut short or of an unknown version"}),
    "timescale-0": ("v.mp4", lambda: mp4(timescale=0), "rule.video_damaged", {"problem": "the movie header (mvhd) has a time scale of 0"}),
    "mp4-too-long": ("v.mp4", lambda: mp4(timescale=1000, duration=60_001), "rule.video_too_long", {"duration": "1:01", "limit": "1:00"}),
    "mp4-64-bit-too-long": ("v.mp4", lambda: mp4(timescale=1, duration=2 ** 63, version=1), "rule.video_too_long",
                            {"duration": duration_text(2 ** 63), "limit": "1:00"}),
    "mp4-no-duration": ("v.mp4", lambda: mp4(duration=0), "rule.video_no_duration", {}),
    "webm-too-long": ("v.webm", lambda: webm(duration=struct.pack(">d", 61_000.0)), "rule.video_too_long",
                      {"duration": "1:01", "limit": "1:00"}),
    "webm-no-duration": ("v.webm", lambda: webm(duration=None), "rule.video_no_duration", {}),
    "webm-nan": ("v.webm", lambda: webm(duration=struct.pack(">d", float("nan"))), "rule.video_damaged",
                 {"problem": "the duration is not a number of ticks"}),
    "webm-infinite": ("v.webm", lambda: webm(duration=struct.pack(">d", float("inf"))), "rule.video_damaged",
                      {"problem": "the duration is not a number of ticks"}),
    "webm-odd-duration": ("v.webm", lambda: webm(duration=b"\x00\x01"), "rule.video_damaged",
                          {"problem": "the duration is not a 4- or 8-byte number"}),
    "webm-scale-0": ("v.webm", lambda: webm(scale=0), "rule.video_damaged", {"problem": "the Info has a time scale of 0"}),
    "webm-cut": ("v.webm", lambda: webm()[:-5], "rule.video_incomplete", {}),
    "webm-huge-segment": ("v.webm", lambda: webm(segment_size=b"\x01\x00\xff\xff\xff\xff\xff\xff"), "rule.video_incomplete", {}),
    "webm-bad-header": ("v.webm", lambda: webm()[:4] + b"\x00" + webm()[5:], "rule.video_damaged",
                        {"problem": "an element header is not valid"}),
    "webm-other-doctype": ("v.webm", lambda: webm(doc_type=b"xyz"), "rule.video_damaged",
                           {"problem": "the EBML header does not name WebM as its document type"}),
    "webm-named-mp4": ("v.mp4", lambda: webm(), "rule.video_extension", {"kind": "WebM", "extension": ".mp4"}),
    "mp4-named-webm": ("v.webm", lambda: mp4(), "rule.video_extension", {"kind": "MP4", "extension": ".webm"}),
    "mp4-named-mov": ("v.mov", lambda: mp4(), "rule.video_extension", {"kind": "MP4", "extension": ".mov"}),
}


@pytest.mark.parametrize("case", REFUSED_BY_HAND)
def test_what_cannot_be_published_is_one_clear_issue(tmp_path, case):
    name, make, code, values = REFUSED_BY_HAND[case]
    path = write(tmp_path, name, make())
    assert problems(path) == [(code, values)]
    for lang in ("en", "id"):
        assert "{" not in render_message(code, {"value": name, **values}, lang)


@pytest.mark.parametrize(("which", "name", "code", "values"), [
    ("mov", "v.mov", "rule.video_kind", {"kind": "QuickTime (MOV)"}),
    ("mkv", "v.mkv", "rule.video_kind", {"kind": "Matroska (MKV)"}),
    ("avi", "v.avi", "rule.video_kind", {"kind": "AVI"}),
    ("mp4-long", "v.mp4", "rule.video_too_long", {"duration": "1:01", "limit": "1:00"}),
    ("webm-long", "v.webm", "rule.video_too_long", {"duration": "1:01", "limit": "1:00"}),
    ("mp4-fragmented", "v.mp4", "rule.video_no_duration", {}),
])
def test_real_files_of_other_kinds_or_too_long_are_refused(made, tmp_path, which, name, code, values):
    assert problems(write(tmp_path, name, made[which])) == [(code, values)]


def test_messages_read_well(tmp_path, made):
    cases = [write(tmp_path, "a.mov", made["mov"]), write(tmp_path, "b.mp4", made["mp4-long"]), write(tmp_path, "c.mp4", made["webm"])]
    assert [render_message(code, {"value": p.name, **v}, "en") for p in cases for code, v in problems(p)] == [
        "'a.mov' is a QuickTime (MOV) file, not an MP4 or WebM video that every browser plays (convert it to MP4, e.g. with HandBrake)",
        "video 'b.mp4' lasts 1:01, longer than 1:00 (cut it to the best minute: buyers on a phone watch a short look at the product)",
        "'c.mp4' is a WebM video but is named .mp4 (rename it: .mp4 for MP4, .webm for WebM)",
    ]


def test_too_big_file_is_refused_before_it_is_read(tmp_path, monkeypatch):
    path = tmp_path / "big.mp4"
    with path.open("wb") as out:
        out.truncate(MAX_FILE_BYTES + 1)  # sparse: nothing is written
    monkeypatch.setattr(Path, "open", lambda *a, **k: pytest.fail("the file was opened"))
    assert problems(path) == [("rule.video_too_big", {"size": "20.1 MB", "limit": "20 MB"})]


def test_a_huge_video_in_the_catalog_is_refused_without_being_read(tmp_path, monkeypatch):
    """A 3 GB file committed by mistake is judged by its size: no rule reads it, not even for a cache key."""
    root = write_catalog(tmp_path / "catalog", {KELOR: PRODUCT + VIDEO_YAML.format(file="panen.mp4")})
    with (root / FOLDER / "panen.mp4").open("wb") as out:
        out.truncate(3_000_000_000)  # sparse: nothing is written
    real_read = Path.read_bytes
    monkeypatch.setattr(Path, "read_bytes", lambda self: pytest.fail(f"{self.name} was read") if self.suffix == ".mp4" else real_read(self))
    lines = [i.format("en") for i in check_catalog(root, today=TODAY).issues]
    assert any("video.file: video 'panen.mp4' is 3000.0 MB, more than 20 MB" in line for line in lines), lines


def test_a_file_at_the_limit_is_read(tmp_path):
    data = mp4()
    path = write(tmp_path, "v.mp4", data + box(b"free", bytes(MAX_FILE_BYTES - len(data) - 8)))
    assert path.stat().st_size == MAX_FILE_BYTES
    assert problems(path) == []


def test_a_flood_of_tiny_boxes_is_stopped(tmp_path, monkeypatch):
    monkeypatch.setattr(videos, "MAX_BOXES", 50)
    path = write(tmp_path, "v.mp4", mp4(tail=box(b"free", b"") * 100))
    assert problems(path) == [("rule.video_damaged", {"problem": "more than 50 boxes"})]


@pytest.mark.parametrize("which", ["mp4", "mp4-faststart", "webm", "webm-vp9"])
def test_every_cut_and_many_damaged_bytes_give_an_issue_never_a_crash(made, tmp_path, which):
    """A file cut anywhere, or with bytes changed, is refused or still a video: inspect_video never raises,
    and what it passes, process_video publishes."""
    data = made[which]
    path = tmp_path / f"v.{which.split('-')[0]}"
    known = {"rule.video_incomplete", "rule.video_damaged", "rule.video_format", "rule.video_kind", "rule.video_no_duration",
             "rule.video_too_long", "rule.video_extension", "rule.video_codec"}
    for at in range(0, len(data), 7):
        path.write_bytes(data[:at])
        found = [code for code, _ in problems(path)]
        assert len(found) == 1 and found[0] in known, (at, found)
    rng = random.Random(19)
    for _ in range(600):
        damaged = bytearray(data)
        for _ in range(rng.randint(1, 4)):
            damaged[rng.randrange(len(data))] = rng.randrange(256)
        path.write_bytes(bytes(damaged))
        found = {code for code, _ in problems(path)}
        assert found <= known
        if not found - {"rule.video_extension", "rule.video_codec"}:
            process_video(path, tmp_path / "cache")  # what the check passes, the build publishes


def test_every_video_message_is_exercised_and_worded_in_both_languages():
    codes = {code for code in MESSAGES if code.startswith("rule.video_")}
    tested = {case[2] for case in REFUSED_BY_HAND.values()} | {"rule.video_too_big", "rule.video_codec"}
    assert codes == tested
    for code in codes | {"build.video_failed"}:
        assert MESSAGES[code]["en"] and MESSAGES[code]["id"]


# --- 3. publishing --------------------------------------------------------------------------------------


def test_a_video_is_published_under_the_hash_of_its_upload(made, tmp_path):
    source = write(tmp_path, "panen.webm", made["webm"])
    processed, reused = process_video(source, tmp_path / "cache")
    assert not reused
    assert re.fullmatch(r"[0-9a-f]{16}\.webm", processed.name)
    assert (processed.mime, processed.size) == ("video/webm", len(made["webm"]))
    assert processed.seconds == pytest.approx(2.0, abs=0.15)
    assert (tmp_path / "cache" / processed.name).read_bytes() == videos.clean_copy(made["webm"], "WEBM")
    again, reused = process_video(source, tmp_path / "cache")
    assert (again, reused) == (processed, True)


def frames(data: bytes) -> list[bytes]:
    with av.open(io.BytesIO(data)) as container:
        return [bytes(frame.to_image().tobytes()) for frame in container.decode(video=0)]


@pytest.mark.parametrize(("which", "name"), [("mp4-located", "v.mp4"), ("webm-located", "v.webm")])
def test_the_place_and_other_metadata_are_blanked_and_the_film_plays_the_same(made, tmp_path, which, name):
    source = made[which]
    assert b"+01.2345" in source and b"SECRET-COMMENT" in source  # really there in the upload
    processed, _ = process_video(write(tmp_path, name, source), tmp_path / "cache")
    published = (tmp_path / "cache" / processed.name).read_bytes()
    assert b"+01.2345" not in published and b"SECRET-COMMENT" not in published
    assert len(published) == len(source)  # blanked in place: every offset in the file still holds
    assert frames(published) == frames(source) and len(frames(source)) == 20


def test_every_metadata_box_is_blanked_where_it_may_be(tmp_path):
    """At the top, in the movie box and in a track: user data, metadata, vendor boxes and free space."""
    secret = b"+01.2345+120.1234/"
    track = box(b"trak", box(b"tkhd", bytes(84)) + box(b"udta", box(b"\xa9xyz", secret)) + box(b"meta", secret))
    moov = box(b"moov", mvhd(1000, 5000) + track + box(b"udta", secret) + box(b"uuid", secret) + box(b"free", secret))
    data = box(b"ftyp", b"isom" + bytes(4) + b"isom") + box(b"skip", secret) + moov + box(b"mdat", secret) + box(b"meta", secret)
    clean = videos.clean_copy(data, "MP4")
    assert clean.count(secret) == 1 and clean.index(secret) == data.index(b"mdat" + secret) + 4  # the media data alone keeps it
    assert len(clean) == len(data) and problems(write(tmp_path, "v.mp4", clean)) == []


@pytest.mark.parametrize("length", [2, 3, 9, 10, 200, 20_000])
def test_a_webm_element_of_any_length_becomes_void_of_the_same_length(tmp_path, length):
    tags = element(0x1254C367, b"S" * 20)
    blank = videos._blank("WEBM", length)
    width = min(8, length - 1)
    assert len(blank) == length and blank[0] == 0xEC and set(blank[1 + width:]) <= {0}
    segment = element(0x1549A966, element(0x4489, struct.pack(">d", 5000.0))) + blank + tags
    data = webm()[:webm().index(b"\x18\x53\x80\x67")] + element(0x18538067, segment)
    clean = videos.clean_copy(data, "WEBM")
    assert b"SSSS" not in clean and len(clean) == len(data)
    assert problems(write(tmp_path, "v.webm", clean)) == []


def test_a_copy_in_the_cache_with_other_bytes_is_replaced(made, tmp_path):
    source = write(tmp_path, "panen.mp4", made["mp4"])
    processed, _ = process_video(source, tmp_path / "cache")
    planted = tmp_path / "cache" / processed.name
    planted.write_bytes(made["mp4-other"][:len(made["mp4"])].ljust(len(made["mp4"]), b"\0"))
    _, reused = process_video(source, tmp_path / "cache")
    assert not reused and planted.read_bytes() == videos.clean_copy(made["mp4"], "MP4")


def test_one_changed_byte_is_a_new_name(made, tmp_path):
    first, _ = process_video(write(tmp_path, "a.mp4", made["mp4"]), tmp_path / "cache")
    second, _ = process_video(write(tmp_path, "b.mp4", made["mp4-other"]), tmp_path / "cache")
    assert first.name != second.name


@pytest.mark.parametrize("case", ["cut-in-media", "mp4-too-long", "webm-no-duration", "text"])
def test_the_build_refuses_them_too_and_writes_nothing(tmp_path, case):
    name, make, code, _ = REFUSED_BY_HAND[case]
    with pytest.raises(VideoRefused) as refused:
        process_video(write(tmp_path, name, make()), tmp_path / "cache")
    assert refused.value.code == code
    assert not (tmp_path / "cache").exists()


# --- 4. the catalog: where a problem is reported ---------------------------------------------------------



def issues_of(tmp_path, files: dict[str, str | bytes | None]) -> list[str]:
    root = write_catalog(tmp_path / "catalog", files)
    return [i.format("en") for i in check_catalog(root, today=TODAY).issues]


def test_a_product_with_a_video_checks_clean(made, tmp_path):
    assert issues_of(tmp_path, {KELOR: PRODUCT + VIDEO_YAML.format(file="panen.mp4"), f"{FOLDER}/panen.mp4": made["mp4"]}) == []


def test_a_refused_video_is_reported_at_its_file_field(tmp_path):
    lines = issues_of(tmp_path, {KELOR: PRODUCT + VIDEO_YAML.format(file="panen.mp4"), f"{FOLDER}/panen.mp4": mp4()[:-10]})
    line = PRODUCT.count("\n") + 2
    assert lines == [f"{KELOR}:{line}:9: error: video.file: video 'panen.mp4' cannot be read: the file is incomplete, cut off "
                     "while uploading or copying (copy or upload it again)"]


@pytest.mark.parametrize(("present", "expected"), [
    (None, "file 'panen.mp4' not found next to this file (upload it into the BUMDes folder, same spelling)"),
    ("Panen.MP4", "'panen.mp4' not found, but the folder has 'Panen.MP4' (write the name exactly as the file is named, capitals included)"),
])
def test_a_missing_video_is_named_with_its_fix(made, tmp_path, present, expected):
    files: dict[str, str | bytes | None] = {KELOR: PRODUCT + VIDEO_YAML.format(file="panen.mp4")}
    if present:
        files[f"{FOLDER}/{present}"] = made["mp4"]
    lines = issues_of(tmp_path, files)
    assert [line.split("video.file: ", 1)[1] for line in lines if "video.file" in line] == [expected]


def test_a_video_that_is_a_link_is_refused(made, tmp_path):
    root = write_catalog(tmp_path / "catalog", {KELOR: PRODUCT + VIDEO_YAML.format(file="panen.mp4")})
    write(tmp_path, "elsewhere.mp4", made["mp4"])
    os.symlink(tmp_path / "elsewhere.mp4", root / FOLDER / "panen.mp4")
    lines = [i.format("en") for i in check_catalog(root, today=TODAY).issues]
    assert any("video.file: file 'panen.mp4' is a symbolic link (upload the real file)" in line for line in lines), lines


def test_the_caption_needs_the_source_language(made, tmp_path):
    yaml = "video:\n  file: panen.mp4\n  caption: {en: Harvesting moringa leaves}\n"
    lines = issues_of(tmp_path, {KELOR: PRODUCT + yaml, f"{FOLDER}/panen.mp4": made["mp4"]})
    assert len(lines) == 1 and "video.caption" in lines[0] and "error" in lines[0], lines


def test_a_video_file_no_product_names_is_unused(made, tmp_path):
    lines = issues_of(tmp_path, {f"{FOLDER}/panen.mp4": made["mp4"]})
    assert [line.split(": error: ")[0] for line in lines] == [f"{FOLDER}/panen.mp4:1:1"]


# --- 5. the product page --------------------------------------------------------------------------------


TRICKY_CAPTION = 'Panen & "jemur" {{7*7}} < 5 cm &lt;b&gt;kelor&lt;/b&gt;'
"""Harmless only when escaped: an ampersand, quotes, template syntax, a bare < and an entity-encoded tag."""


def page(site: Path, lang: str) -> str:
    return (site / lang / "products" / "kelor-powder" / "index.html").read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def built(made, tmp_path_factory) -> Path:
    caption = TRICKY_CAPTION.replace('"', '\\"')
    yaml = (f'video:\n  file: panen.mp4\n  caption: {{id: "{caption}", en: Harvesting moringa leaves}}\n'
            "photos:\n  - {file: kelor.jpg, alt: {id: Bubuk kelor, en: Moringa powder}}\n")
    root = write_catalog(tmp_path_factory.mktemp("video-site") / "catalog", {
        KELOR: PRODUCT + yaml, f"{FOLDER}/panen.mp4": made["mp4"], f"{FOLDER}/kelor.jpg": jpeg_bytes((1400, 1000)),
        f"{FOLDER}/kepiting-hidup.yml": CRAB + "video: {file: kepiting.webm, caption: {id: Kepiting di tambak}}\n",
        f"{FOLDER}/kepiting.webm": made["webm"],
    }, with_theme=True)
    issues = build_site(root, out=None, today=TODAY)
    assert [i.format("en") for i in issues if i.severity is not Severity.INFO] == []
    return root


@pytest.mark.parametrize(("width", "height", "shape"), [
    (1920, 1080, "16x9"), (640, 360, "16x9"), (1440, 1080, "4x3"), (720, 720, "1x1"), (1080, 1440, "3x4"), (1080, 1920, "9x16"),
    (2400, 1000, "16x9"), (100, 1000, "9x16"), (None, None, "16x9"),
])
def test_nearest_shape(width, height, shape):
    from generator.views import nearest_shape

    assert nearest_shape(width, height) == shape


@pytest.mark.slow
def test_the_page_shows_the_video_loading_nothing_until_play(built, made):
    html = page(built / "site", "en")
    video = re.search(r'<figure class="vc-video vc-video--16x9"><video ([^>]*)><source src="([^"]+)" type="([^"]+)">', html)
    assert video, html
    attributes, src, mime = video.groups()
    assert attributes.startswith('controls preload="none" playsinline poster="')
    poster = re.search(r'poster="([^"]+)"', attributes).group(1)
    assert re.fullmatch(r"\.\./\.\./\.\./media/[0-9a-f]{16}-640\.webp", poster)
    assert 'width="160" height="90"' in attributes  # the film's own shape, known before it loads
    assert (built / "site" / "media" / poster.rsplit("/", 1)[1]).is_file()
    assert mime == "video/mp4" and re.fullmatch(r"\.\./\.\./\.\./media/[0-9a-f]{16}\.mp4", src)
    assert (built / "site" / "media" / src.rsplit("/", 1)[1]).read_bytes() == videos.clean_copy(made["mp4"], "MP4")
    assert "<figcaption>Harvesting moringa leaves <span class=\"vc-video__about\">0:02 · MP4, 0.1 MB</span></figcaption>" in html
    assert f'<a href="{src}" download>Download the video</a></video>' in html


def product_node(site: Path, lang: str, product_id: str) -> dict:
    html = (site / lang / "products" / product_id / "index.html").read_text(encoding="utf-8")
    graph = json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S).group(1))["@graph"]
    return next(node for node in graph if node["@type"] == "Product")


@pytest.mark.slow
def test_the_film_is_in_structured_data_and_open_data(built):
    site = built / "site"
    src = re.search(r'<source src="[^"]+/media/([0-9a-f]{16}\.mp4)"', page(site, "en")).group(1)
    url = f"https://example.org/catalog/media/{src}"
    film = product_node(site, "en", "kelor-powder")["subjectOf"]
    assert {k: film[k] for k in ("@type", "name", "description", "contentUrl", "encodingFormat", "duration", "uploadDate")} == {
        "@type": "VideoObject", "name": "Moringa leaf powder", "description": "Harvesting moringa leaves",
        "contentUrl": url, "encodingFormat": "video/mp4", "duration": "PT2S",
        "uploadDate": "2026-10-01T00:00:00Z"}  # outside git: the product's verified date, as its lastmod
    assert film["thumbnailUrl"] == product_node(site, "en", "kelor-powder")["image"][0]
    # Chinese has no caption: the Indonesian one, as the page shows it.
    assert product_node(site, "zh", "kelor-powder")["subjectOf"]["description"] == TRICKY_CAPTION
    # No photo to show: the page's link-preview card, a PNG in the site's media.
    crab = product_node(site, "en", "kepiting-hidup")["subjectOf"]["thumbnailUrl"]
    crab_page = (site / "en" / "products" / "kepiting-hidup" / "index.html").read_text(encoding="utf-8")
    og_image = unescape(re.search(r'<meta property="og:image" content="([^"]+)"', crab_page).group(1))
    assert crab == og_image and re.fullmatch(r"https://example\.org/catalog/media/[0-9a-f]{16}-card\.png", crab), crab
    assert (site / "media" / crab.rsplit("/", 1)[1]).is_file()
    records = {r["id"]: r for r in json.loads((site / "data/products.json").read_text(encoding="utf-8"))["products"]}
    assert records["kelor-powder"]["video"] == {
        "url": url, "type": "video/mp4", "seconds": 2.0, "width": 160, "height": 90,
        "bytes": (site / "media" / src).stat().st_size, "caption": {"id": TRICKY_CAPTION, "en": "Harvesting moringa leaves"}}
    assert records["kepiting-hidup"]["video"]["type"] == "video/webm"
    rows = {r["id"]: r for r in csv.DictReader(io.StringIO((site / "data/products.csv").read_text(encoding="utf-8-sig")))}
    assert rows["kelor-powder"]["video_url"] == url
    assert rows["kelor-powder"]["photo_urls"] == records["kelor-powder"]["photos"][0]["url"]


@pytest.mark.slow
def test_a_webm_of_a_product_without_photos_has_no_poster(built, made):
    html = (built / "site" / "en" / "products" / "kepiting-hidup" / "index.html").read_text(encoding="utf-8")
    video = re.search(r'<video ([^>]*)><source src="([^"]+)" type="video/webm">', html)
    assert video and video.group(1) == 'controls preload="none" playsinline width="160" height="90"'
    assert (built / "site" / "media" / video.group(2).rsplit("/", 1)[1]).read_bytes() == videos.clean_copy(made["webm"], "WEBM")


@pytest.mark.slow
def test_the_caption_is_escaped_and_a_missing_translation_marked(built):
    html = page(built / "site", "zh")
    caption = html.split("<figcaption>", 1)[1].split("</figcaption>", 1)[0]
    assert ('<span class="vc-fallback" lang="id">Panen &amp; &#34;jemur&#34; {{7*7}} &lt; 5 cm &amp;lt;b&amp;gt;kelor&amp;lt;/b&amp;gt;</span>'
            in caption)
    assert "<b>" not in caption and "49" not in caption
    assert "0:02 · MP4，0.1 MB" in caption


@pytest.mark.slow
def test_a_changed_video_rebuilds_the_page(built, made):
    before = page(built / "site", "id")
    (built / FOLDER / "panen.mp4").write_bytes(made["mp4-other"])
    issues = build_site(built, out=None, today=TODAY)
    assert [i.format("en") for i in issues if i.severity is not Severity.INFO] == []
    after = page(built / "site", "id")
    old, new = (re.search(r'<source src="[^"]+/([0-9a-f]{16}\.mp4)"', html).group(1) for html in (before, after))
    assert old != new and (built / "site" / "media" / new).read_bytes() == videos.clean_copy(made["mp4-other"], "MP4")
    assert not (built / "site" / "media" / old).exists()
    assert "0:03 · MP4" in after


@pytest.mark.slow
def test_the_films_upload_date_is_the_last_commit_that_changed_its_file(made, tmp_path):
    def commit(when: str) -> None:
        env = {**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org", "GIT_COMMITTER_NAME": "t",
               "GIT_COMMITTER_EMAIL": "t@example.org", "GIT_AUTHOR_DATE": when, "GIT_COMMITTER_DATE": when}
        for args in (["add", "-A"], ["commit", "-q", "-m", when]):
            done = subprocess.run(["git", *args], cwd=root, capture_output=True, text=True, env=env)
            assert done.returncode == 0, done.stderr

    def upload_date() -> str:
        issues = build_site(root, out=None, today=TODAY)
        assert [i.format("en") for i in issues if i.severity is not Severity.INFO] == []
        dates = {product_node(root / "site", lang, "kelor-powder")["subjectOf"]["uploadDate"] for lang in ("id", "en", "zh")}
        assert len(dates) == 1
        return dates.pop()

    root = write_catalog(tmp_path / "catalog", {
        KELOR: PRODUCT + VIDEO_YAML.format(file="panen.mp4"), f"{FOLDER}/panen.mp4": made["mp4"],
        ".gitignore": ".cache/\n.build/\nsite/\n.trash-*/\n"}, with_theme=True)
    subprocess.run(["git", "init", "-q", "-b", "main"], cwd=root, check=True)
    commit("2026-11-01T08:00:00Z")
    assert upload_date() == "2026-11-01T08:00:00Z"
    # A change to the product's words is not a new film.
    (root / KELOR).write_text((root / KELOR).read_text(encoding="utf-8").replace("Harvesting", "Picking"), encoding="utf-8")
    commit("2026-11-10T08:00:00Z")
    assert upload_date() == "2026-11-01T08:00:00Z"
    # Another film, then the first again, merged together: the same bytes as the page in the cache, but a
    # new upload, so not that page.
    (root / FOLDER / "panen.mp4").write_bytes(made["mp4-other"])
    commit("2026-11-20T08:00:00Z")
    (root / FOLDER / "panen.mp4").write_bytes(made["mp4"])
    commit("2026-11-25T08:00:00Z")
    assert upload_date() == "2026-11-25T08:00:00Z"
    (root / FOLDER / "panen.mp4").write_bytes(made["mp4-other"])
    commit("2026-11-30T08:00:00Z")
    assert upload_date() == "2026-11-30T08:00:00Z"


PLACEMENT = """(() => {
    const video = document.querySelector('figure.vc-video video').getBoundingClientRect();
    const caption = document.querySelector('figure.vc-video figcaption').getBoundingClientRect();
    return [video.left, video.top + window.scrollY, video.width, video.height, caption.top + window.scrollY];
})()"""
"""Where the player and its caption are on the page (not in the window, which a click may scroll)."""


@pytest.mark.slow
@pytest.mark.browser
@pytest.mark.parametrize("width", [390, 1280])
def test_in_chromium_nothing_of_the_film_loads_until_play_and_nothing_moves_when_it_starts(built, browser, width):
    with serve_directory(built / "site") as base:
        page = browser.new_page(viewport={"width": width, "height": 900})
        try:
            films: list[str] = []
            page.on("request", lambda request: films.append(request.url) if request.url.endswith(".mp4") else None)
            page.goto(f"{base}en/products/kelor-powder/")
            page.wait_for_load_state("networkidle")
            video = page.locator("figure.vc-video video")
            video.scroll_into_view_if_needed()
            page.wait_for_timeout(300)
            assert films == []
            before = page.evaluate(PLACEMENT)
            assert before[2] <= width and before[2] / before[3] == pytest.approx(16 / 9, abs=0.02)
            video.click()  # the buyer's press (a gesture, which a browser asks for before it plays)
            page.evaluate("document.querySelector('figure.vc-video video').play()")
            for _ in range(150):  # polled from here: the page's policy forbids the eval that wait_for_function uses
                if page.evaluate("document.querySelector('figure.vc-video video').currentTime") > 0.3:
                    break
                page.wait_for_timeout(100)
            else:
                pytest.fail("the film did not play")
            assert len(films) >= 1
            assert page.evaluate(PLACEMENT) == before
        finally:
            page.close()
