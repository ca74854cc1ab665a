"""generator/metadata.py: photos from phones lose where they were taken, and keep every pixel and their orientation."""

from __future__ import annotations

import io
import struct
import zlib

import pytest
from PIL import ExifTags, Image
from PIL.PngImagePlugin import PngInfo

from conftest import jpeg_markers, riff_chunks
from generator.__main__ import main
from generator.metadata import (MetadataError, location_tags, location_tags_of, orientation_of, strip_location,
                                strip_location_files)

XMP = (b'<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF><rdf:Description exif:GPSLatitude="0,53.5S" '
       b'exif:GPSLongitude="119,54.2E" photoshop:City="Sigi"/></rdf:RDF></x:xmpmeta>')


def phone_exif(orientation: int = 6) -> Image.Exif:
    """EXIF as a phone writes it: orientation, camera, a date, and where the photo was taken."""
    exif = Image.Exif()
    exif[ExifTags.Base.Orientation] = orientation
    exif[ExifTags.Base.Make] = "PhoneMaker"
    exif[ExifTags.Base.Model] = "Phone 12"
    exif[ExifTags.Base.DateTime] = "2026:11:20 09:14:00"
    gps = exif.get_ifd(ExifTags.IFD.GPSInfo)
    gps[ExifTags.GPS.GPSLatitudeRef] = "S"
    gps[ExifTags.GPS.GPSLatitude] = (0.0, 53.0, 30.5)
    gps[ExifTags.GPS.GPSLongitudeRef] = "E"
    gps[ExifTags.GPS.GPSLongitude] = (119.0, 54.0, 12.0)
    return exif


def picture(size=(1200, 900)) -> Image.Image:
    """A picture with detail (a gradient), so equal pixels mean something."""
    image = Image.linear_gradient("L").resize(size).convert("RGB")
    return Image.merge("RGB", (image.getchannel(0), image.getchannel(0).rotate(90, expand=False), image.getchannel(0)))


def phone_jpeg(orientation: int = 6, **options) -> bytes:
    buffer = io.BytesIO()
    picture().save(buffer, "JPEG", exif=phone_exif(orientation), xmp=XMP, comment=b"Rumah Pak Budi, Kalukubula",
                   quality=85, **options)
    return buffer.getvalue()


def iptc_segment(city: bytes) -> bytes:
    """An APP13 Photoshop segment with an IPTC City dataset."""
    dataset = b"\x1c\x02\x5a" + struct.pack(">H", len(city)) + city
    resource = b"8BIM\x04\x04\x00\x00" + struct.pack(">I", len(dataset)) + dataset
    payload = b"Photoshop 3.0\x00" + resource
    return b"\xff\xed" + struct.pack(">H", len(payload) + 2) + payload


def scan_data(jpeg: bytes) -> bytes:
    """The compressed image: everything from the first SOS marker to EOI."""
    return jpeg[jpeg.index(b"\xff\xda"): jpeg.rindex(b"\xff\xd9") + 2]


def pixels(data: bytes) -> bytes:
    with Image.open(io.BytesIO(data)) as image:
        return image.convert("RGB").tobytes()


# --- JPEG ---------------------------------------------------------------------------------------------


def test_a_phone_jpeg_loses_its_location_and_keeps_orientation_and_pixels():
    original = phone_jpeg()
    original = original[:2] + iptc_segment(b"Sigi") + original[2:]
    assert location_tags_of(original) == ["GPSLatitude", "GPSLatitudeRef", "GPSLongitude", "GPSLongitudeRef", "IPTC City",
                                          "XMP exif:GPSLatitude", "XMP exif:GPSLongitude", "XMP photoshop:City"]
    stripped = strip_location(original)
    assert location_tags_of(stripped) == []
    with Image.open(io.BytesIO(stripped)) as image:
        exif = image.getexif()
        assert dict(exif) == {ExifTags.Base.Orientation: 6}  # no camera, no date
        assert dict(exif.get_ifd(ExifTags.IFD.GPSInfo)) == {}
        assert "comment" not in image.info and "xmp" not in image.info
    assert orientation_of(stripped) == 6
    assert scan_data(stripped) == scan_data(original)  # not re-encoded: the compressed data is the same bytes
    assert pixels(stripped) == pixels(original)
    assert jpeg_markers(stripped) == [0xE0, 0xE1, 0xDB, 0xDB, 0xC0, 0xC4, 0xC4, 0xC4, 0xC4]  # JFIF, orientation, tables
    assert b"Budi" not in stripped and b"PhoneMaker" not in stripped and b"Sigi" not in stripped


def test_an_upright_photo_keeps_no_exif_at_all():
    stripped = strip_location(phone_jpeg(orientation=1))
    assert 0xE1 not in jpeg_markers(stripped)
    assert orientation_of(stripped) == 1


def test_a_progressive_jpeg_with_restart_markers_is_followed_through_every_scan():
    original = phone_jpeg(progressive=True)
    buffer = io.BytesIO()
    picture().save(buffer, "JPEG", exif=phone_exif(8), restart_marker_blocks=4)
    for data, orientation in ((original, 6), (buffer.getvalue(), 8)):
        stripped = strip_location(data)
        assert location_tags_of(stripped) == [] and orientation_of(stripped) == orientation
        assert pixels(stripped) == pixels(data)


def test_pictures_a_phone_appends_after_the_image_are_reported_and_dropped():
    # Phones append other pictures (MPF previews, depth maps) or a video after EOI; each may carry GPS.
    appended = phone_jpeg()
    plain = io.BytesIO()
    picture().save(plain, "JPEG")
    original = plain.getvalue() + appended
    assert "GPSLatitude" in location_tags_of(original)
    stripped = strip_location(original)
    assert stripped == plain.getvalue()  # the main picture had no metadata but its JFIF header
    assert location_tags_of(stripped) == []


def test_a_truncated_or_foreign_file_is_refused():
    with pytest.raises(MetadataError):
        strip_location(phone_jpeg()[:5000])
    with pytest.raises(MetadataError):
        strip_location(b"GIF89a" + b"\x00" * 100)
    with pytest.raises(MetadataError):
        strip_location(b"\xff\xd8\xff\xe1\xff\xff" + b"\x00" * 10)  # a segment longer than the file


# --- PNG ----------------------------------------------------------------------------------------------


def png_chunk_names(data: bytes) -> list[bytes]:
    names, pos = [], 8
    while pos < len(data):
        length, name = struct.unpack_from(">I4s", data, pos)
        names.append(name)
        pos += 12 + length
    return names


def png_idat(data: bytes) -> bytes:
    out, pos = b"", 8
    while pos < len(data):
        length, name = struct.unpack_from(">I4s", data, pos)
        if name == b"IDAT":
            out += data[pos + 8: pos + 8 + length]
        pos += 12 + length
    return out


def test_a_png_loses_its_text_chunks_and_exif_but_the_orientation():
    info = PngInfo()
    info.add_text("Comment", "Desa Kalukubula")
    info.add_text("Location", "Sigi", zip=True)
    info.add_itxt("XML:com.adobe.xmp", XMP.decode(), zip=True)
    buffer = io.BytesIO()
    picture((900, 1200)).save(buffer, "PNG", exif=phone_exif(6), pnginfo=info)
    original = buffer.getvalue()
    assert {b"eXIf", b"tEXt", b"zTXt", b"iTXt"} <= set(png_chunk_names(original))
    assert "GPSLatitude" in location_tags_of(original) and "XMP photoshop:City" in location_tags_of(original)
    stripped = strip_location(original)
    assert png_chunk_names(stripped) == [b"IHDR", b"eXIf", b"IDAT", b"IEND"]
    assert location_tags_of(stripped) == [] and orientation_of(stripped) == 6
    assert png_idat(stripped) == png_idat(original)
    with Image.open(io.BytesIO(stripped)) as image:
        image.load()  # every chunk CRC is right, or Pillow refuses the file
        assert dict(image.getexif()) == {ExifTags.Base.Orientation: 6}


# --- WebP ---------------------------------------------------------------------------------------------


def test_a_webp_loses_exif_and_xmp_and_its_flags_say_so():
    buffer = io.BytesIO()
    picture().save(buffer, "WEBP", exif=phone_exif(3), xmp=XMP, quality=80)
    original = buffer.getvalue()
    assert {b"EXIF", b"XMP "} <= set(riff_chunks(original))
    stripped = strip_location(original)
    assert riff_chunks(stripped) == [b"VP8X", b"VP8 ", b"EXIF"]
    flags = stripped[20]
    assert flags & 0x08 and not flags & 0x04  # EXIF (orientation only) present, XMP gone
    assert struct.unpack_from("<I", stripped, 4)[0] == len(stripped) - 8
    assert location_tags_of(stripped) == [] and orientation_of(stripped) == 3
    assert pixels(stripped) == pixels(original)
    upright = io.BytesIO()
    picture().save(upright, "WEBP", exif=phone_exif(1), xmp=XMP)
    stripped = strip_location(upright.getvalue())
    assert riff_chunks(stripped) == [b"VP8X", b"VP8 "] and not stripped[20] & 0x0C


# --- the maintainer command ----------------------------------------------------------------------------


def test_strip_location_command_reports_and_rewrites_in_place(tmp_path, capsys):
    photo = tmp_path / "kelor-1.jpg"
    photo.write_bytes(phone_jpeg())
    text = tmp_path / "notes.txt"
    text.write_text("not a photo", encoding="utf-8")
    assert main(["--lang", "en", "strip-location", "--check", str(photo)]) == 1
    assert "the photo says where it was taken: GPSLatitude, GPSLatitudeRef, GPSLongitude" in capsys.readouterr().out
    assert location_tags(photo)  # --check changes nothing
    assert main(["--lang", "en", "strip-location", str(photo), str(text)]) == 1  # the text file is an error
    out = capsys.readouterr().out.splitlines()
    assert out[0].startswith(f"{photo}:1:1: info: location metadata removed: GPSLatitude, GPSLatitudeRef")
    assert out[1] == f"{text}:1:1: error: not a JPEG, PNG or WebP image (nothing was changed)"
    assert location_tags(photo) == [] and orientation_of(photo.read_bytes()) == 6
    assert text.read_text(encoding="utf-8") == "not a photo"
    assert main(["--lang", "en", "strip-location", "--check", str(photo)]) == 0


def test_a_photo_that_cannot_be_followed_is_left_as_it_was(tmp_path):
    photo = tmp_path / "cut.jpg"
    data = phone_jpeg()[:4000]
    photo.write_bytes(data)
    (issue,) = strip_location_files([photo])
    assert issue.code == "metadata.damaged"
    assert photo.read_bytes() == data


def test_damaged_compressed_text_does_not_stop_the_report():
    buffer = io.BytesIO()
    picture((100, 100)).save(buffer, "PNG", exif=phone_exif(1))
    data = buffer.getvalue()
    broken = b"zTXtLocation\x00\x00" + b"not zlib"
    chunk = struct.pack(">I", len(broken) - 4) + broken + struct.pack(">I", zlib.crc32(broken))
    damaged = data[:33] + chunk + data[33:]
    assert "GPSLatitude" in location_tags_of(damaged)
