"""Photos: what buyers see (upright, true colours, right sizes, no phone metadata), what contributors are told
about a bad upload, and the cache. Every photo is made here with Pillow; no encoded bytes are golden."""

from __future__ import annotations

import functools
import io
import os
import random
import struct
import zlib
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from PIL import Image, ImageChops, ImageCms, ImageFile, ImageFilter, ImageStat

from conftest import BUMDES, PRODUCT, TODAY, jpeg_bytes, jpeg_markers, riff_chunks
from generator import images
from generator.build import check_catalog
from generator.images import cover_box, photo_key, plan_widths, process_photo

RED, GREEN, BLUE, WHITE = (220, 30, 30), (30, 170, 60), (40, 60, 200), (255, 255, 255)
YELLOW, MAGENTA, CYAN = (240, 220, 20), (200, 40, 200), (20, 200, 220)


# --- making photos -----------------------------------------------------------------------------------


def encode(image: Image.Image, fmt: str, **options: object) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, fmt, **options)
    return buffer.getvalue()


def write(folder: Path, name: str, data: bytes) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return path


def upright_scene(size: tuple[int, int] = (1000, 700)) -> Image.Image:
    """Blue, with a red block in the top-left corner: any turn or mirror moves the block elsewhere."""
    image = Image.new("RGB", size, BLUE)
    image.paste(RED, (0, 0, size[0] * 3 // 10, size[1] * 3 // 10))
    return image


def png_chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


@functools.lru_cache
def bomb_png(width: int, height: int) -> bytes:
    """A valid black 1-bit PNG: a few kB on disk, ``width × height`` pixels once decoded."""
    rows = bytes((1 + (width + 7) // 8) * height)
    return (
        b"\x89PNG\r\n\x1a\n"
        + png_chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0))
        + png_chunk(b"IDAT", zlib.compress(rows, 9))
        + png_chunk(b"IEND", b"")
    )


def jpeg_claiming(width: int, height: int) -> bytes:
    """A small JPEG whose frame header claims ``width × height``."""
    data = bytearray(jpeg_bytes((64, 48)))
    sof = data.index(b"\xff\xc0")
    data[sof + 5 : sof + 9] = struct.pack(">HH", height, width)
    return bytes(data)


def rgb_profile(red: tuple, green: tuple, blue: tuple, gamma: float, name: str) -> bytes:
    """A matrix/TRC RGB ICC v2 profile, the kind Adobe RGB (1998) and Display P3 are."""

    def s15(value: float) -> bytes:
        return struct.pack(">i", round(value * 65536))

    def xyz(values: tuple) -> bytes:
        return b"XYZ \0\0\0\0" + b"".join(s15(v) for v in values)

    d50 = (0.9642, 1.0, 0.82491)
    curve = b"curv\0\0\0\0" + struct.pack(">IH", 1, round(gamma * 256)) + b"\0\0"
    text = name.encode() + b"\0"
    desc = b"desc\0\0\0\0" + struct.pack(">I", len(text)) + text + b"\0" * 79
    tags = [(b"desc", desc), (b"cprt", b"text\0\0\0\0none\0"), (b"wtpt", xyz(d50)), (b"rXYZ", xyz(red)),
            (b"gXYZ", xyz(green)), (b"bXYZ", xyz(blue)), (b"rTRC", curve), (b"gTRC", curve), (b"bTRC", curve)]
    start = 128 + 4 + 12 * len(tags)
    table, body = b"", b""
    for signature, data in tags:
        body += b"\0" * (-(start + len(body)) % 4)
        table += signature + struct.pack(">II", start + len(body), len(data))
        body += data
    header = (struct.pack(">I4sI4s4s4s", start + len(body), b"none", 0x02100000, b"mntr", b"RGB ", b"XYZ ")
              + b"\0" * 12 + b"acsp" + b"\0" * 28 + b"".join(s15(v) for v in d50) + b"\0" * 48)
    return header + struct.pack(">I", len(tags)) + table + body


# Adobe RGB (1998): its green and red reach further than sRGB's, so the same numbers mean other colours.
ADOBE_RGB = rgb_profile((0.60974, 0.31111, 0.01947), (0.20528, 0.62567, 0.06087), (0.14919, 0.06322, 0.74457),
                        2.2, "Adobe RGB (1998) compatible")
SRGB = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()


# --- reading outputs ---------------------------------------------------------------------------------


def outputs(processed: images.ProcessedPhoto) -> list[images.Variant]:
    return [*processed.variants, processed.preview]


def open_output(cache: Path, variant: images.Variant) -> Image.Image:
    image = Image.open(cache / variant.name)
    image.load()
    return image


def near(actual: tuple, expected: tuple, tolerance: int) -> bool:
    return all(abs(a - e) <= tolerance for a, e in zip(actual, expected))


def at(image: Image.Image, fx: float, fy: float) -> tuple:
    """The pixel at a fraction of the width and height."""
    return image.convert("RGB").getpixel((int(fx * (image.width - 1)), int(fy * (image.height - 1))))


# --- 1. orientation ----------------------------------------------------------------------------------

# What the camera stored for each EXIF orientation, so that a viewer applying the tag shows the scene upright.
STORED = {
    2: Image.Transpose.FLIP_LEFT_RIGHT,
    3: Image.Transpose.ROTATE_180,
    4: Image.Transpose.FLIP_TOP_BOTTOM,
    5: Image.Transpose.TRANSPOSE,
    6: Image.Transpose.ROTATE_90,  # stored turned a quarter anticlockwise; the tag says "turn clockwise"
    7: Image.Transpose.TRANSVERSE,
    8: Image.Transpose.ROTATE_270,
}


def assert_upright(image: Image.Image) -> None:
    corners = {name: at(image, fx, fy) for name, (fx, fy) in
               {"top-left": (0.08, 0.08), "top-right": (0.92, 0.08), "bottom-left": (0.08, 0.92), "bottom-right": (0.92, 0.92)}.items()}
    red = [name for name, pixel in corners.items() if near(pixel, RED, 40)]
    assert red == ["top-left"], f"the red block should be top-left only, found {corners}"


@pytest.mark.parametrize(
    ("orientation", "fmt"),
    [(o, "JPEG") for o in STORED] + [(6, "PNG"), (8, "WEBP")],
    ids=lambda value: str(value),
)
def test_photo_turned_by_exif_orientation_comes_out_upright(tmp_path, orientation, fmt):
    scene = upright_scene()
    stored = scene.transpose(STORED[orientation])
    exif = Image.Exif()
    exif[0x0112] = orientation
    source = write(tmp_path, "photo", encode(stored, fmt, exif=exif.tobytes(), **({"lossless": True} if fmt == "WEBP" else {})))
    if orientation >= 5:
        assert stored.size == (700, 1000)

    processed, _ = process_photo(source, tmp_path / "cache")

    assert (processed.width, processed.height) == scene.size
    for variant in outputs(processed):
        output = open_output(tmp_path / "cache", variant)
        assert output.width > output.height, variant.name
        assert len(output.getexif()) == 0, "an Orientation tag left in the output would turn it twice"
        assert_upright(output)


def test_photo_without_orientation_is_left_as_it_is(tmp_path):
    source = write(tmp_path, "photo.jpg", encode(upright_scene((700, 1000)), "JPEG"))
    processed, _ = process_photo(source, tmp_path / "cache")
    assert (processed.width, processed.height) == (700, 1000)
    assert_upright(open_output(tmp_path / "cache", processed.variants[-1]))


def test_damaged_exif_does_not_stop_the_build(tmp_path, monkeypatch):
    """Pillow cannot always write back a phone's damaged EXIF; we never need to, and a tag we cannot read means 'as stored'."""
    exif = Image.Exif()
    exif[0x0112] = 6
    source = write(tmp_path, "photo.jpg", encode(upright_scene().transpose(STORED[6]), "JPEG", exif=exif.tobytes()))

    def broken(self, *args, **kwargs):
        raise TypeError("can't concat str to bytes")  # what Pillow raises for some damaged maker notes

    monkeypatch.setattr(Image.Exif, "tobytes", broken)
    processed, _ = process_photo(source, tmp_path / "cache")
    assert_upright(open_output(tmp_path / "cache", processed.variants[0]))

    monkeypatch.setattr(Image.Image, "getexif", broken)
    processed, _ = process_photo(write(tmp_path, "other.jpg", source.read_bytes() + b"\0"), tmp_path / "cache")
    assert (processed.width, processed.height) == (700, 1000)


# --- 2. metadata ---------------------------------------------------------------------------------------

SECRETS = (b"RahasiaCam", b"RC-7 Pro", b"2026:03:14 09:26:53", b"MAKERNOTE-SERIAL-0042", b"Pak Budi", b"xmp-secret-owner")
XMP = (
    b'<?xpacket begin="\xef\xbb\xbf" id="W5M0MpCehiHzreSzNTczkc9d"?>'
    b'<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">'
    b'<rdf:Description xmlns:xmp="http://ns.adobe.com/xap/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/"'
    b' xmlns:exif="http://ns.adobe.com/exif/1.0/" exif:GPSLatitude="0,53.5S" dc:creator="xmp-secret-owner"/>'
    b'</rdf:RDF></x:xmpmeta><?xpacket end="w"?>'
)


def phone_exif() -> Image.Exif:
    """What a phone writes: camera, time, where the photo was taken, and an opaque maker note."""
    exif = Image.Exif()
    exif[0x010F] = "RahasiaCam"  # Make
    exif[0x0110] = "RC-7 Pro"  # Model
    exif[0x0131] = "Pak Budi's phone"  # Software
    exif.get_ifd(0x8769).update({0x9003: "2026:03:14 09:26:53", 0x927C: b"MAKERNOTE-SERIAL-0042"})
    exif.get_ifd(0x8825).update({1: "S", 2: (0.0, 53.0, 30.0), 3: "E", 4: (119.0, 52.0, 12.0)})
    return exif


def colourful(size: tuple[int, int] = (1000, 750)) -> Image.Image:
    return Image.merge("RGB", [Image.linear_gradient("L").resize(size),
                               Image.linear_gradient("L").rotate(90).resize(size),
                               Image.new("L", size, 90)])


def phone_photo(fmt: str) -> bytes:
    image, exif = colourful(), phone_exif().tobytes()
    if fmt == "JPEG":
        return encode(image, "JPEG", quality=90, exif=exif, icc_profile=ADOBE_RGB, xmp=XMP, comment=b"owner: Pak Budi")
    if fmt == "JPEG-sRGB":  # no colour conversion, so nothing but care keeps the comment from being copied
        return encode(image, "JPEG", quality=90, exif=exif, xmp=XMP, comment=b"owner: Pak Budi")
    if fmt == "PNG":
        from PIL.PngImagePlugin import PngInfo

        info = PngInfo()
        info.add_text("Author", "Pak Budi")
        info.add_itxt("XML:com.adobe.xmp", XMP.decode())
        return encode(image, "PNG", exif=exif, icc_profile=ADOBE_RGB, pnginfo=info)
    return encode(image, "WEBP", quality=90, exif=exif, icc_profile=ADOBE_RGB, xmp=XMP)


def test_phone_jpeg_really_carries_metadata():
    """The source of the next test holds everything it must remove (else that test proves nothing)."""
    source = Image.open(io.BytesIO(phone_photo("JPEG")))
    exif = source.getexif()
    assert exif[0x010F] == "RahasiaCam" and exif[0x0110] == "RC-7 Pro"
    assert exif.get_ifd(0x8769)[0x9003] == "2026:03:14 09:26:53"
    assert exif.get_ifd(0x8769)[0x927C] == b"MAKERNOTE-SERIAL-0042"
    assert exif.get_ifd(0x8825)[2] == (0.0, 53.0, 30.0) and exif.get_ifd(0x8825)[4] == (119.0, 52.0, 12.0)
    assert source.info["icc_profile"] == ADOBE_RGB
    assert b"http://ns.adobe.com/xap" in source.info["xmp"]
    assert source.info["comment"] == b"owner: Pak Budi"


@pytest.mark.parametrize("fmt", ["JPEG", "JPEG-sRGB", "PNG", "WEBP"])
def test_no_metadata_from_the_phone_reaches_the_site(tmp_path, fmt):
    data = phone_photo(fmt)
    assert all(secret in data for secret in SECRETS if fmt.startswith("JPEG") or secret != b"Pak Budi")
    processed, _ = process_photo(write(tmp_path, "photo", data), tmp_path / "cache")

    for variant in outputs(processed):
        raw = (tmp_path / "cache" / variant.name).read_bytes()
        output = open_output(tmp_path / "cache", variant)
        assert len(output.getexif()) == 0, variant.name
        assert not {"exif", "icc_profile", "xmp", "XML:com.adobe.xmp", "comment", "Author"} & set(output.info), variant.name
        for marker in (b"Exif", b"http://ns.adobe.com/xap", b"GPS", b"ICC_PROFILE", b"acsp", *SECRETS):
            assert marker not in raw, f"{marker!r} in {variant.name}"
        if variant.format == "jpeg":
            assert output.format == "JPEG"
            assert not [m for m in jpeg_markers(raw) if 0xE1 <= m <= 0xEF or m == 0xFE], variant.name
        else:
            assert output.format == "WEBP"
            assert set(riff_chunks(raw)) <= {b"VP8 ", b"VP8L"}, variant.name


# --- 3. colour -----------------------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["JPEG", "PNG"])
def test_colours_of_an_adobe_rgb_photo_are_converted_to_srgb(tmp_path, fmt):
    flat = Image.new("RGB", (900, 600), (60, 160, 60))
    source = write(tmp_path, "photo", encode(flat, fmt, icc_profile=ADOBE_RGB, **({"quality": 95} if fmt == "JPEG" else {})))
    decoded = Image.open(source)
    expected = ImageCms.profileToProfile(decoded, ImageCms.ImageCmsProfile(io.BytesIO(ADOBE_RGB)),
                                         ImageCms.createProfile("sRGB"), outputMode="RGB").getpixel((450, 300))
    naive = decoded.convert("RGB").getpixel((450, 300))
    assert abs(expected[0] - naive[0]) > 40  # the numbers really mean another colour in sRGB

    processed, _ = process_photo(source, tmp_path / "cache")

    for variant in outputs(processed):
        assert near(at(open_output(tmp_path / "cache", variant), 0.5, 0.5), expected, 6), variant.name


def test_srgb_photo_keeps_its_colours(tmp_path):
    source = write(tmp_path, "photo.png", encode(Image.new("RGB", (900, 600), (60, 160, 60)), "PNG", icc_profile=SRGB))
    processed, _ = process_photo(source, tmp_path / "cache")
    for variant in outputs(processed):
        assert near(at(open_output(tmp_path / "cache", variant), 0.5, 0.5), (60, 160, 60), 6), variant.name


@pytest.mark.parametrize(
    "icc",
    [ADOBE_RGB[:16] + b"\xc9\x84AB" + ADOBE_RGB[20:], ADOBE_RGB[:200], b"not a profile", ADOBE_RGB.replace(b"RGB ", b"GRAY", 1)],
    ids=["colour-space-not-ascii", "cut-off", "garbage", "grey-profile-on-colour-pixels"],
)
def test_a_damaged_colour_profile_is_ignored(tmp_path, icc):
    source = write(tmp_path, "photo.png", encode(Image.new("RGB", (900, 600), (60, 160, 60)), "PNG", icc_profile=icc))
    processed, _ = process_photo(source, tmp_path / "cache")
    for variant in outputs(processed):
        assert near(at(open_output(tmp_path / "cache", variant), 0.5, 0.5), (60, 160, 60), 6), variant.name


def three_bands(mode: str) -> tuple[bytes, list[tuple]]:
    """A PNG (or WebP) in ``mode``: transparent | half-transparent black | opaque; and how each band must look."""
    size, thirds = (900, 600), [(0, 0, 300, 600), (300, 0, 600, 600), (600, 0, 900, 600)]
    if mode in ("RGBA", "WEBP"):
        image = Image.new("RGBA", size)
        for box, colour in zip(thirds, [(0, 0, 0, 0), (0, 0, 0, 128), (*GREEN, 255)]):
            image.paste(colour, box)
        data = encode(image, "WEBP", lossless=True) if mode == "WEBP" else encode(image, "PNG")
        return data, [WHITE, (127, 127, 127), GREEN]
    if mode == "LA":
        image = Image.new("LA", size)
        for box, colour in zip(thirds, [(0, 0), (0, 128), (100, 255)]):
            image.paste(colour, box)
        return encode(image, "PNG"), [WHITE, (127, 127, 127), (100, 100, 100)]
    if mode == "P":
        image = Image.new("P", size)
        image.putpalette([0, 0, 0, 0, 0, 0, *GREEN])
        for box, index in zip(thirds, [0, 1, 2]):
            image.paste(index, box)
        return encode(image, "PNG", transparency=bytes([0, 128, 255])), [WHITE, (127, 127, 127), GREEN]
    image = Image.new("RGB", size)  # RGB with a tRNS key colour: black is see-through
    for box, colour in zip(thirds, [(0, 0, 0), (90, 90, 90), GREEN]):
        image.paste(colour, box)
    return encode(image, "PNG", transparency=(0, 0, 0)), [WHITE, (90, 90, 90), GREEN]


@pytest.mark.parametrize("mode", ["RGBA", "LA", "P", "RGB-key", "WEBP"])
def test_transparent_pixels_become_white(tmp_path, mode):
    data, expected = three_bands(mode)
    processed, _ = process_photo(write(tmp_path, "photo", data), tmp_path / "cache")
    for variant in processed.variants:
        output = open_output(tmp_path / "cache", variant)
        assert output.mode == "RGB", variant.name
        seen = [at(output, x, 0.5) for x in (1 / 6, 1 / 2, 5 / 6)]
        assert all(near(s, e, 6) for s, e in zip(seen, expected)), f"{variant.name}: {seen} != {expected}"
    preview = open_output(tmp_path / "cache", processed.preview)  # the crop keeps the middle of the three bands
    assert preview.mode == "RGB" and near(at(preview, 0.5, 0.5), expected[1], 6)


@pytest.mark.parametrize(
    ("image", "fmt", "expected"),
    [
        (Image.new("CMYK", (900, 600), (0, 255, 255, 0)), "JPEG", (255, 0, 0)),
        (Image.new("L", (900, 600), 128), "JPEG", (128, 128, 128)),
        (Image.new("I;16", (900, 600), 128 * 257), "PNG", (128, 128, 128)),  # 16-bit grey, e.g. from a scanner
        (Image.new("1", (900, 600), 1), "PNG", (255, 255, 255)),
        (Image.new("RGB", (900, 600), GREEN).convert("P"), "PNG", GREEN),
    ],
    ids=["cmyk-jpeg", "grey-jpeg", "16-bit-grey-png", "1-bit-png", "palette-png"],
)
def test_every_kind_of_source_becomes_rgb_of_the_same_colour(tmp_path, image, fmt, expected):
    processed, _ = process_photo(write(tmp_path, "photo", encode(image, fmt)), tmp_path / "cache")
    for variant in outputs(processed):
        output = open_output(tmp_path / "cache", variant)
        assert output.mode == "RGB", variant.name
        assert near(at(output, 0.5, 0.5), expected, 8), f"{variant.name}: {at(output, 0.5, 0.5)}"


# --- 4. sizes, formats and names ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("size", "expected"),
    [
        ((2000, 1500), [(320, 240), (640, 480), (1024, 768), (1600, 1200)]),
        # Decoded at half size (below): planned from the full size all the same, odd sizes included.
        ((4000, 3000), [(320, 240), (640, 480), (1024, 768), (1600, 1200)]),
        ((3999, 2999), [(320, 240), (640, 480), (1024, 768), (1600, 1200)]),
        ((800, 600), [(320, 240), (640, 480), (800, 600)]),
        ((1024, 768), [(320, 240), (640, 480), (1024, 768)]),
        ((600, 900), [(320, 480), (600, 900)]),
        ((300, 200), [(300, 200)]),
    ],
)
def test_widths_are_320_640_1024_1600_never_upscaled(tmp_path, size, expected):
    source = write(tmp_path, "photo.jpg", encode(colourful(size), "JPEG"))
    processed, _ = process_photo(source, tmp_path / "cache")

    assert (processed.width, processed.height) == size
    # WebP only: every browser in use decodes it; the preview below is the one JPEG, for link previews.
    assert processed.of_format("jpeg") == []
    variants = processed.of_format("webp")
    assert [(v.width, v.height) for v in variants] == expected and processed.largest() == variants[-1]
    for variant in variants:
        output = open_output(tmp_path / "cache", variant)
        assert output.format == "WEBP", variant.name
        assert output.size == (variant.width, variant.height), variant.name
    preview = open_output(tmp_path / "cache", processed.preview)
    assert (preview.format, preview.size, preview.mode) == ("JPEG", (1200, 630), "RGB")


@pytest.mark.parametrize(
    ("size", "orientation", "fmt", "decoded"),
    [
        ((4000, 3000), 1, "JPEG", (2000, 1500)),  # a 12 MP phone photo: half is still wider than 1600
        ((6400, 4800), 1, "JPEG", (1600, 1200)),  # an eighth would be 800 wide: a quarter
        ((3999, 2999), 3, "JPEG", (2000, 1500)),  # turned half round: the same sizes, rounded up
        ((3000, 4000), 6, "JPEG", (3000, 4000)),  # held upright: its 1600 px width needs every pixel
        ((6400, 900), 1, "JPEG", (6400, 900)),  # a panorama: the link preview needs its 630 px height
        ((4000, 3000), 1, "PNG", (4000, 3000)),  # only JPEG can be decoded at a smaller scale
    ],
)
def test_large_jpegs_are_decoded_no_larger_than_the_outputs_need(size, orientation, fmt, decoded):
    stored = upright_scene(size).transpose(STORED[orientation]) if orientation != 1 else upright_scene(size)
    exif = Image.Exif()
    exif[0x0112] = orientation
    image, upright = images._decode(encode(stored, fmt, exif=exif.tobytes()))
    assert upright == size
    assert image.size == decoded
    assert_upright(image)


@pytest.mark.parametrize(
    ("size", "needed"),
    [((4000, 3000), (1600, 630)), ((1000, 700), (1000, 630)), ((6400, 500), (1600, 500)), ((300, 200), (300, 200))],
)
def test_decode_at_least_the_widest_output_and_the_preview_height(size, needed):
    assert images.decode_at_least(*size) == needed


def test_a_photo_decoded_at_half_size_looks_like_one_decoded_whole(tmp_path, monkeypatch):
    data = encode(colourful((4000, 3000)).filter(ImageFilter.DETAIL), "JPEG", quality=92)
    scaled, _ = process_photo(write(tmp_path, "photo.jpg", data), tmp_path / "scaled")
    # The same photo decoded at full size (as before decoding at a smaller scale).
    monkeypatch.setattr(images, "decode_at_least", lambda width, height: (width, height))
    whole, _ = process_photo(write(tmp_path, "photo.jpg", data), tmp_path / "whole")
    for a, b in zip(outputs(scaled), outputs(whole)):
        assert (a.name, a.width, a.height) == (b.name, b.width, b.height)
        difference = ImageChops.difference(open_output(tmp_path / "scaled", a).convert("RGB"), open_output(tmp_path / "whole", b).convert("RGB"))
        assert max(ImageStat.Stat(difference).mean) < 3, a.name


def framed(size: tuple[int, int], box: tuple[int, int, int, int]) -> Image.Image:
    """Red, except ``box``: blue, with a green left, magenta right, yellow top and cyan bottom edge inside it."""
    image = Image.new("RGB", size, RED)
    left, top, right, bottom = box
    dx, dy = (right - left) * 8 // 100, (bottom - top) * 8 // 100
    image.paste(BLUE, box)
    image.paste(GREEN, (left, top, left + dx, bottom))
    image.paste(MAGENTA, (right - dx, top, right, bottom))
    image.paste(YELLOW, (left + dx, top, right - dx, top + dy))
    image.paste(CYAN, (left + dx, bottom - dy, right - dx, bottom))
    return image


@pytest.mark.parametrize(
    ("size", "box"),
    [
        ((2400, 600), (629, 0, 1771, 600)),  # panorama: 600 × 1200/630 = 1143 wide, centred
        ((600, 2400), (0, 1042, 600, 1357)),  # tall: 600 × 630/1200 = 315 high, centred
        ((1600, 1200), (0, 180, 1600, 1020)),
        ((1200, 630), (0, 0, 1200, 630)),
    ],
)
def test_link_preview_is_the_largest_centred_1200x630_crop(tmp_path, size, box):
    source = write(tmp_path, "photo.png", encode(framed(size, box), "PNG"))
    processed, _ = process_photo(source, tmp_path / "cache")
    preview = open_output(tmp_path / "cache", processed.preview)

    assert (preview.format, preview.size) == ("JPEG", (1200, 630))
    expected = {(0.5, 0.5): BLUE, (0.03, 0.5): GREEN, (0.97, 0.5): MAGENTA, (0.5, 0.03): YELLOW, (0.5, 0.97): CYAN}
    for (fx, fy), colour in expected.items():
        assert near(at(preview, fx, fy), colour, 40), f"at {fx, fy}: {at(preview, fx, fy)}, expected {colour}"
    for corner in ((0.01, 0.01), (0.99, 0.01), (0.01, 0.99), (0.99, 0.99)):
        assert not near(at(preview, *corner), RED, 60), f"red (outside the crop) at {corner}"


def test_output_names_carry_the_content_hash_and_are_stable(tmp_path):
    data = encode(colourful((1200, 900)), "JPEG")
    first, _ = process_photo(write(tmp_path, "a/photo.jpg", data), tmp_path / "cache-1")
    second, _ = process_photo(write(tmp_path, "b/renamed.jpg", data), tmp_path / "cache-2")
    other, _ = process_photo(write(tmp_path, "c/photo.jpg", encode(colourful((1200, 901)), "JPEG")), tmp_path / "cache-1")

    key = photo_key(data)
    assert first.key == key and len(key) == 16 and set(key) <= set("0123456789abcdef")
    assert [v.name for v in outputs(first)] == [
        f"{key}-320.webp", f"{key}-640.webp", f"{key}-1024.webp", f"{key}-1200.webp", f"{key}-og.jpg",
    ]
    assert second == first  # same bytes, another name or folder: the same outputs
    for variant in outputs(first):
        assert (tmp_path / "cache-1" / variant.name).read_bytes() == (tmp_path / "cache-2" / variant.name).read_bytes()
    assert other.key != key


def test_changed_settings_give_new_names(tmp_path, monkeypatch):
    data = encode(colourful((700, 500)), "JPEG")
    before = photo_key(data)
    monkeypatch.setattr(images, "JPEG_QUALITY", images.JPEG_QUALITY - 5)
    assert photo_key(data) != before  # else browsers and the cache keep serving the old encoding


# --- 5. cache --------------------------------------------------------------------------------------------


def snapshot(cache: Path) -> dict[str, int]:
    return {path.name: path.stat().st_mtime_ns for path in sorted(cache.iterdir())}


def age(cache: Path) -> None:
    """Date every cached file far back, so any rewrite shows in its mtime whatever the clock's resolution."""
    for path in cache.iterdir():
        os.utime(path, ns=(1_000_000_000, 1_000_000_000))


@pytest.fixture
def cached(tmp_path):
    source = write(tmp_path, "photo.jpg", encode(colourful((1100, 800)), "JPEG", comment=b"version-1"))
    cache = tmp_path / "cache"
    processed, reused = process_photo(source, cache)
    assert not reused
    age(cache)
    return source, cache, processed


def test_second_run_reuses_and_writes_nothing(cached):
    source, cache, processed = cached
    before = snapshot(cache)
    again, reused = process_photo(source, cache)
    assert reused and again == processed
    assert snapshot(cache) == before


def test_one_changed_byte_is_a_new_photo(cached):
    source, cache, processed = cached
    data = source.read_bytes()
    assert data.count(b"version-1") == 1
    source.write_bytes(data.replace(b"version-1", b"version-2"))
    before = snapshot(cache)

    again, reused = process_photo(source, cache)

    assert not reused and again.key != processed.key
    assert all((cache / v.name).is_file() for v in outputs(again))
    assert {name: mtime for name, mtime in snapshot(cache).items() if name in before} == before


@pytest.mark.parametrize("which", [0, 3, -1, "preview"])
def test_a_missing_output_is_encoded_again(cached, which):
    source, cache, processed = cached
    variant = processed.preview if which == "preview" else processed.variants[which]
    (cache / variant.name).unlink()

    again, reused = process_photo(source, cache)

    assert not reused and again == processed
    assert open_output(cache, variant).size == (variant.width, variant.height)


@pytest.mark.parametrize(
    "manifest",
    [
        "{not json",
        "",
        '{"key": "x"}',
        "[]",
        "damaged-widths",
        "escaping-names",
    ],
)
def test_a_damaged_manifest_is_encoded_again(cached, manifest):
    source, cache, processed = cached
    path = cache / f"{processed.key}.json"
    if manifest == "damaged-widths":  # a manifest promising sizes the files do not have
        manifest = path.read_text().replace('"width": 320', '"width": 321')
    elif manifest == "escaping-names":  # a manifest sending the build to copy files from elsewhere
        manifest = path.read_text().replace(f'"{processed.key}-og.jpg"', '"../../photo.jpg"')
    assert manifest != path.read_text()
    path.write_text(manifest)

    again, reused = process_photo(source, cache)

    assert not reused and again == processed
    assert process_photo(source, cache) == (processed, True)  # and the manifest is whole again


def test_identical_photos_processed_at_once_do_not_collide(tmp_path):
    """The same photo copied into two BUMDes folders is encoded by two workers into the same file names."""
    data = encode(colourful((900, 600)), "JPEG")
    sources = [write(tmp_path, f"bumdes-{i}/photo.jpg", data) for i in range(8)]
    with ThreadPoolExecutor(max_workers=8) as pool:
        results = list(pool.map(lambda source: process_photo(source, tmp_path / "cache"), sources))
    assert len({processed for processed, _ in results}) == 1
    processed = results[0][0]
    assert sorted(p.name for p in (tmp_path / "cache").iterdir()) == sorted([f"{processed.key}.json", *(v.name for v in outputs(processed))])
    for variant in outputs(processed):
        assert open_output(tmp_path / "cache", variant).size == (variant.width, variant.height)


# --- 6. pure maths ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("size", "expected"),
    [
        ((4000, 3000), [(320, 240), (640, 480), (1024, 768), (1600, 1200)]),
        ((3000, 4000), [(320, 427), (640, 853), (1024, 1365), (1600, 2133)]),  # portrait
        ((1600, 1200), [(320, 240), (640, 480), (1024, 768), (1600, 1200)]),  # exactly the largest width
        ((1601, 1000), [(320, 200), (640, 400), (1024, 640), (1600, 999)]),
        ((1024, 1024), [(320, 320), (640, 640), (1024, 1024)]),  # square, exactly a width
        ((800, 600), [(320, 240), (640, 480), (800, 600)]),
        ((640, 480), [(320, 240), (640, 480)]),
        ((320, 240), [(320, 240)]),
        ((100, 50), [(100, 50)]),  # tiny: one size, its own
        ((1, 1), [(1, 1)]),
        ((2000, 10), [(320, 2), (640, 3), (1024, 5), (1600, 8)]),  # panorama strip
        ((5000, 1), [(320, 1), (640, 1), (1024, 1), (1600, 1)]),  # never a zero height
    ],
)
def test_plan_widths(size, expected):
    assert plan_widths(*size) == expected


@pytest.mark.parametrize("size", [(4000, 3000), (3000, 4000), (1601, 1000), (333, 999), (7, 3), (2000, 10)])
def test_plan_widths_never_upscales_and_keeps_the_aspect_ratio(size):
    width, height = size
    planned = plan_widths(width, height)
    assert [w for w, _ in planned] == sorted({w for w, _ in planned})
    assert planned[-1][0] == min(width, 1600)
    for w, h in planned:
        assert w <= width and h <= height
        assert abs(h - height * w / width) <= 0.5 or h == 1


@pytest.mark.parametrize(
    ("size", "target", "expected"),
    [
        ((1200, 630), (1200, 630), (0, 0, 1200, 630)),
        ((2400, 1260), (1200, 630), (0, 0, 2400, 1260)),
        ((4000, 3000), (1200, 630), (0, 450, 4000, 2550)),  # landscape photo: top and bottom cut
        ((3000, 4000), (1200, 630), (0, 1212, 3000, 2787)),  # portrait
        ((1000, 1000), (1200, 630), (0, 237, 1000, 762)),  # square
        ((2400, 600), (1200, 630), (628, 0, 1771, 600)),  # panorama: sides cut
        ((1, 1), (1200, 630), (0, 0, 1, 1)),  # tiny: never empty
        ((100, 1), (1200, 630), (49, 0, 51, 1)),
        ((4000, 3000), (1, 1), (500, 0, 3500, 3000)),
    ],
)
def test_cover_box(size, target, expected):
    assert cover_box(*size, target) == expected


@pytest.mark.parametrize("size", [(4000, 3000), (3000, 4000), (2400, 600), (999, 525), (1, 1), (13, 1000), (1000, 13)])
def test_cover_box_is_inside_centred_and_of_the_right_shape(size):
    width, height = size
    left, top, right, bottom = cover_box(width, height)
    assert 0 <= left < right <= width and 0 <= top < bottom <= height
    assert abs(left - (width - right)) <= 1 and abs(top - (height - bottom)) <= 1
    assert right - left == width or bottom - top == height  # the largest such box touches two sides
    assert abs((right - left) * 630 - (bottom - top) * 1200) <= max(1200, 630)  # within a pixel of 1200:630


# --- 7. bad uploads through the validator ------------------------------------------------------------------

PRODUCT_FILE = "products/bumdes-maju/kelor-powder.yml"
WHERE = f"{PRODUCT_FILE}:{PRODUCT.count(chr(10)) + 2}:11"  # the value of `- file:` in the appended list


def with_photo(name: str, text: str = PRODUCT) -> str:
    return text + f"photos:\n  - file: {name}\n    alt: {{id: Foto produk, en: Product photo}}\n"


def check_photo(make_catalog, name: str, data: bytes | None) -> list[str]:
    files = {PRODUCT_FILE: with_photo(name)}
    if data is not None:
        files[f"products/bumdes-maju/{name}"] = data
    root = make_catalog(files)
    return [issue.format("en") for issue in check_catalog(root, today=TODAY).issues]


def truncated(data: bytes) -> bytes:
    return data[: len(data) // 2]


EXPORT_AS_JPEG = "is not a JPEG, PNG or WebP image (export it as JPEG)"
INCOMPLETE = "cannot be read: the file is incomplete, cut off while uploading or copying (export it again as JPEG, PNG or WebP)"
HEIC = b"\x00\x00\x00\x18ftypheic\x00\x00\x00\x00mif1heic" + b"\x00\x00\x00\x10meta" + bytes(2000)

BAD_UPLOADS = [
    ("bomb-48mp", "kelor.png", lambda: bomb_png(8000, 6000),
     "error: photos[0].file: photo 'kelor.png' has more than 40 megapixels (resize it to at most 4000 px on the long side)"),
    ("bomb-900mp", "kelor.png", lambda: bomb_png(30000, 30000),
     "error: photos[0].file: photo 'kelor.png' has more than 40 megapixels (resize it to at most 4000 px on the long side)"),
    ("bomb-jpeg-header", "kelor.jpg", lambda: jpeg_claiming(9000, 9000),
     "error: photos[0].file: photo 'kelor.jpg' has more than 40 megapixels (resize it to at most 4000 px on the long side)"),
    ("truncated-jpeg", "kelor.jpg", lambda: truncated(encode(colourful(), "JPEG")), f"error: photos[0].file: photo 'kelor.jpg' {INCOMPLETE}"),
    ("truncated-png", "kelor.png", lambda: truncated(encode(colourful(), "PNG")), f"error: photos[0].file: photo 'kelor.png' {INCOMPLETE}"),
    ("truncated-webp", "kelor.webp", lambda: truncated(encode(colourful(), "WEBP")),
     "error: photos[0].file: photo 'kelor.webp' cannot be read: the file is damaged (export it again as JPEG, PNG or WebP)"),
    ("png-signature-only", "kelor.png", lambda: b"\x89PNG\r\n\x1a\n",
     "error: photos[0].file: photo 'kelor.png' cannot be read: the file is damaged (export it again as JPEG, PNG or WebP)"),
    ("jpeg-header-garbage", "kelor.jpg", lambda: b"\xff\xd8\xff\xe0" + bytes(100),
     "error: photos[0].file: photo 'kelor.jpg' cannot be read: the file is damaged (export it again as JPEG, PNG or WebP)"),
    ("random-bytes", "kelor.jpg", lambda: random.Random(7).randbytes(20_000), f"error: photos[0].file: 'kelor.jpg' {EXPORT_AS_JPEG}"),
    ("empty-file", "kelor.jpg", lambda: b"", f"error: photos[0].file: 'kelor.jpg' {EXPORT_AS_JPEG}"),
    ("png-named-jpg", "kelor.jpg", lambda: encode(colourful(), "PNG"),
     "error: photos[0].file: 'kelor.jpg' is a PNG image but is named .jpg (rename it with the right extension)"),
    ("jpeg-named-png", "kelor.png", lambda: encode(colourful(), "JPEG"),
     "error: photos[0].file: 'kelor.png' is a JPEG image but is named .png (rename it with the right extension)"),
    ("jpeg-without-extension", "kelor", lambda: encode(colourful(), "JPEG"),
     "error: photos[0].file: 'kelor' is a JPEG image but is named - (rename it with the right extension)"),
    ("tiny", "kelor.jpg", lambda: jpeg_bytes((300, 200)),
     "error: photos[0].file: photo 'kelor.jpg' is only 300×200 px, and the first photo is the product's main picture and link"
     " preview; it needs at least 800 px on the long side (upload the original, or put a larger photo first)"),
    ("gif", "kelor.gif", lambda: encode(colourful(), "GIF"), f"error: photos[0].file: 'kelor.gif' {EXPORT_AS_JPEG}"),
    ("bmp", "kelor.bmp", lambda: encode(colourful(), "BMP"), f"error: photos[0].file: 'kelor.bmp' {EXPORT_AS_JPEG}"),
    ("tiff", "kelor.tif", lambda: encode(colourful(), "TIFF"), f"error: photos[0].file: 'kelor.tif' {EXPORT_AS_JPEG}"),
    ("heic", "kelor.heic", lambda: HEIC, f"error: photos[0].file: 'kelor.heic' {EXPORT_AS_JPEG}"),
    ("heic-named-jpg", "kelor.jpg", lambda: HEIC, f"error: photos[0].file: 'kelor.jpg' {EXPORT_AS_JPEG}"),
    ("missing", "kelor.jpg", lambda: None,
     "error: photos[0].file: photo 'kelor.jpg' not found next to this file (upload it into the BUMDes folder, same spelling)"),
    # Names are plain (models.check_file_name): a path cannot even be written, let alone leave the folder.
    ("outside", "../kelor.jpg", lambda: None,
     "error: photos[0].file: '../kelor.jpg' is not a plain file name (rename the file with letters, digits, - and _ only,"
     " e.g. kelor.jpg, and write that name here)"),
    ("absolute", "/etc/hostname", lambda: None,
     "error: photos[0].file: '/etc/hostname' is not a plain file name (rename the file with letters, digits, - and _ only,"
     " e.g. etc-hostname, and write that name here)"),
    ("subfolder", "foto/kelor.jpg", lambda: None,
     "error: photos[0].file: 'foto/kelor.jpg' is not a plain file name (rename the file with letters, digits, - and _ only,"
     " e.g. foto-kelor.jpg, and write that name here)"),
]


@pytest.mark.parametrize(("name", "make", "expected"), [case[1:] for case in BAD_UPLOADS], ids=[case[0] for case in BAD_UPLOADS])
def test_bad_upload_is_one_clear_issue_at_the_file_entry(make_catalog, name, make, expected):
    assert check_photo(make_catalog, name, make()) == [f"{WHERE}: {expected}"]


@pytest.mark.parametrize(
    ("name", "make"),
    [
        ("kelor.jpg", lambda: encode(colourful(), "JPEG", exif=phone_exif().tobytes(), icc_profile=ADOBE_RGB)),
        ("kelor.JPEG", lambda: jpeg_bytes()),
        ("kelor.png", lambda: encode(colourful().convert("RGBA"), "PNG")),
        ("kelor.webp", lambda: encode(colourful(), "WEBP")),
        # Many cameras write MPO: a .jpg with a second picture (depth map, preview) appended.
        ("kelor.jpg", lambda: encode(colourful(), "MPO", save_all=True, append_images=[Image.new("RGB", (320, 240))])),
    ],
    ids=["phone-jpeg", "upper-case-extension", "png", "webp", "mpo"],
)
def test_good_upload_passes(make_catalog, name, make, request):
    found = check_photo(make_catalog, name, make())
    # A phone's photo passes; only the place it was taken is worth a warning (it goes into git).
    assert [line for line in found if "records where it was taken" not in line] == []
    assert len(found) == (1 if request.node.callspec.id == "phone-jpeg" else 0)  # phone_exif() holds GPS


def test_mpo_is_processed_as_its_first_picture(tmp_path):
    data = encode(upright_scene(), "MPO", save_all=True, append_images=[Image.new("RGB", (320, 240), GREEN)])
    assert Image.open(io.BytesIO(data)).format == "MPO"
    processed, _ = process_photo(write(tmp_path, "photo.jpg", data), tmp_path / "cache")
    assert (processed.width, processed.height) == (1000, 700)
    assert_upright(open_output(tmp_path / "cache", processed.variants[-1]))


def test_too_big_file(make_catalog, monkeypatch):
    monkeypatch.setattr(images, "MAX_FILE_BYTES", 1_000_000)
    data = jpeg_bytes()
    assert check_photo(make_catalog, "kelor.jpg", data + bytes(1_500_000 - len(data))) == [
        f"{WHERE}: error: photos[0].file: photo 'kelor.jpg' is 1.5 MB, more than 1 MB (export it smaller, e.g. 2000 px on the long side)"
    ]


def test_file_just_over_the_limit_does_not_read_as_equal_to_it(make_catalog, monkeypatch):
    monkeypatch.setattr(images, "MAX_FILE_BYTES", 1_000_000)
    data = jpeg_bytes()
    assert check_photo(make_catalog, "kelor.jpg", data + bytes(1_000_001 - len(data))) == [
        f"{WHERE}: error: photos[0].file: photo 'kelor.jpg' is 1.1 MB, more than 1 MB (export it smaller, e.g. 2000 px on the long side)"
    ]


def test_default_size_limit_speaks_the_same_megabytes_as_the_message(tmp_path):
    """21,000,000 bytes is "21.0 MB" in the message, so it must be over a limit shown as "20 MB"."""
    path = write(tmp_path, "big.jpg", bytes(21_000_000))
    assert list(images.inspect_photo(path)) == [
        ("rule.photo_too_big", images.Severity.ERROR, {"size": "21.0 MB", "limit": "20 MB"})
    ]
    path.write_bytes(bytes(19_900_000))
    assert [code for code, _, _ in images.inspect_photo(path)] == ["rule.photo_format"]


@pytest.mark.parametrize("target", ["real.jpg", "/etc/hostname"])
def test_symbolic_link_is_refused(make_catalog, target):
    root = make_catalog({PRODUCT_FILE: with_photo("kelor.jpg"), "products/bumdes-maju/real.jpg": jpeg_bytes()})
    (root / "products/bumdes-maju/kelor.jpg").symlink_to(target)
    assert sorted(issue.format("en") for issue in check_catalog(root, today=TODAY).issues) == [
        f"{WHERE}: error: photos[0].file: photo 'kelor.jpg' is a symbolic link (upload the real file)",
        "products/bumdes-maju/real.jpg:1:1: error: 'real.jpg' is not used by any file of this BUMDes (list it under photos"
        " of the product or BUMDes it shows, or delete it)",
    ]


def test_bumdes_photo_is_checked_at_its_own_file_and_line(make_catalog):
    bumdes = BUMDES + "photos:\n  - file: kantor.png\n    alt: {id: Kantor BUMDes}\n"
    root = make_catalog({"products/bumdes-maju/bumdes.yml": bumdes, "products/bumdes-maju/kantor.png": truncated(encode(colourful(), "PNG"))})
    line = BUMDES.count("\n") + 2
    assert [issue.format("en") for issue in check_catalog(root, today=TODAY).issues] == [
        f"products/bumdes-maju/bumdes.yml:{line}:11: error: photos[0].file: photo 'kantor.png' {INCOMPLETE}"
    ]


def test_every_photo_problem_is_reported_not_only_the_first(make_catalog):
    text = with_photo("satu.gif") + "  - file: dua.jpg\n    alt: {id: Dua}\n"
    root = make_catalog({PRODUCT_FILE: text, "products/bumdes-maju/satu.gif": encode(colourful(), "GIF")})
    line = PRODUCT.count("\n") + 2
    assert [issue.format("en") for issue in check_catalog(root, today=TODAY).issues] == [
        f"{PRODUCT_FILE}:{line}:11: error: photos[0].file: 'satu.gif' {EXPORT_AS_JPEG}",
        f"{PRODUCT_FILE}:{line + 2}:11: error: photos[1].file: photo 'dua.jpg' not found next to this file (upload it into the BUMDes folder, same spelling)",
    ]


def damaged_copies(data: bytes, count: int, seed: int) -> list[bytes]:
    """``count`` copies of ``data`` with a few bytes changed (headers most often) or the end cut off."""
    rng, copies = random.Random(seed), []
    for _ in range(count):
        copy = bytearray(data)
        for _ in range(rng.choice([1, 2, 4, 8])):
            copy[rng.randrange(min(len(copy), rng.choice([64, 400, len(copy)])))] = rng.randrange(256)
        copies.append(bytes(copy[: rng.randrange(len(copy))] if rng.random() < 0.2 else copy))
    return copies


@pytest.mark.parametrize("fmt", ["JPEG", "PNG", "WEBP"])
def test_damaged_files_never_crash_and_what_passes_can_be_processed(tmp_path, fmt):
    """No traceback for bad input: either an issue from the validator, or a photo the build can encode."""
    exif = phone_exif()
    exif[0x0112] = 6
    image = colourful((360, 240)).convert("RGBA") if fmt == "PNG" else colourful((360, 240))
    original = encode(image, fmt, exif=exif.tobytes(), icc_profile=SRGB)
    path = tmp_path / f"photo.{fmt.lower()}"
    for index, data in enumerate(damaged_copies(original, 40, seed=len(fmt))):
        path.write_bytes(data)
        found = list(images.inspect_photo(path))
        assert all(code.startswith("rule.photo_") for code, _, _ in found)
        if not any(severity == images.Severity.ERROR for _, severity, _ in found):
            process_photo(path, tmp_path / "cache")


# --- 8. the decompression-bomb guard holds when encoding too --------------------------------------------------


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda: bomb_png(8000, 6000), "8000×6000 is 48 megapixels, more than the 40 MP limit"),
        (lambda: bomb_png(30000, 30000), r"900000000 pixels"),
        (lambda: jpeg_claiming(9000, 9000), "9000×9000 is 81 megapixels"),
    ],
    ids=["48mp-png", "900mp-png", "81mp-jpeg"],
)
def test_process_refuses_a_decompression_bomb_before_decoding_it(tmp_path, monkeypatch, make, message):
    source = write(tmp_path, "photo", make())

    def decode(self):
        raise AssertionError("the pixels of a decompression bomb were decoded")

    monkeypatch.setattr(ImageFile.ImageFile, "load", decode)
    with pytest.raises(Image.DecompressionBombError, match=message):
        process_photo(source, tmp_path / "cache")
    assert not (tmp_path / "cache").exists()
