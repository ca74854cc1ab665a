"""synthetic.py: the benchmark's phone photo is a real 12 MP JPEG with a phone's EXIF, made the same each time."""

from __future__ import annotations

import io

from PIL import Image

from generator.images import process_photo
from generator.synthetic import PHONE_SIZE, phone_photo_bytes


def test_the_phone_photo_is_a_12_mp_jpeg_with_camera_exif_and_gps_and_repeats_exactly():
    data = phone_photo_bytes(3)
    assert data == phone_photo_bytes(3) and data != phone_photo_bytes(4)
    image = Image.open(io.BytesIO(data))
    assert (image.format, image.size, image.mode) == ("JPEG", PHONE_SIZE, "RGB") == ("JPEG", (4000, 3000), "RGB")
    exif = image.getexif()
    assert (exif[0x010F], exif[0x0110], exif[0x0112]) == ("Samsung", "Galaxy A15", 1)
    assert exif.get_ifd(0x8825)[1] == "S" and exif.get_ifd(0x8769)[0x9003] == "2026:10:14 08:12:55"
    assert 2_000_000 < len(data) < 6_000_000  # what a phone writes for 12 MP, not a flat image's few hundred KB


def test_the_build_makes_four_webp_widths_and_the_preview_of_it_without_its_metadata(tmp_path):
    source = tmp_path / "phone.jpg"
    source.write_bytes(phone_photo_bytes(0))
    processed, _ = process_photo(source, tmp_path / "cache")
    assert [(v.width, v.format) for v in processed.variants] == [(320, "webp"), (640, "webp"), (1024, "webp"), (1600, "webp")]
    for variant in (*processed.variants, processed.preview):
        raw = (tmp_path / "cache" / variant.name).read_bytes()
        assert b"Galaxy" not in raw and b"Exif" not in raw
