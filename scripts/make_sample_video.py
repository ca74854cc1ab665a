"""Make the sample catalog's one video: moringa leaves drying on a bamboo tray.

Run from anywhere: ``.venv/bin/python scripts/make_sample_video.py``. Needs Pillow and PyAV (requirements-dev),
downloads nothing, and is deterministic: the drawing comes from one seeded ``random.Random``, x264 runs on one
thread and the muxer writes no version or date, so the same PyAV writes the same bytes.

The file exercises the video pipeline on purpose: an H.264 MP4 of 10 seconds (under the 60 s limit), small
enough for the repository (under 300 KB). It records no place: what git keeps forever says nowhere, like the
sample photos (tests/test_videos.py makes the located files that the build must blank).
"""

from __future__ import annotations

import math
import random
from pathlib import Path

import av
from PIL import Image, ImageDraw, ImageFilter

ROOT = Path(__file__).resolve().parent.parent
TARGET = ROOT / "products" / "bumdes-hijau-lestari-pombewe" / "kelor-penjemuran.mp4"
SIZE = (640, 360)
RATE = 15
SECONDS = 10
MAX_BYTES = 300 * 1024


def background(rng: random.Random) -> Image.Image:
    """Sky, the hills of the Palu valley, the yard and the woven tray, drawn once: only the sun and the leaves move."""
    image = Image.new("RGB", SIZE)
    draw = ImageDraw.Draw(image)
    for y in range(SIZE[1]):
        t = y / SIZE[1]
        draw.line([(0, y), (SIZE[0], y)], fill=(round(150 + 80 * t), round(195 + 40 * t), round(235 - 20 * t)))
    for base, colour in ((150, (120, 150, 120)), (175, (95, 130, 85))):
        points = [(x, base - 30 * math.sin(x / 90 + base) - rng.uniform(0, 8)) for x in range(0, SIZE[0] + 20, 20)]
        draw.polygon([(0, SIZE[1]), *points, (SIZE[0], SIZE[1])], fill=colour)
    draw.rectangle((0, 230, SIZE[0], SIZE[1]), fill=(176, 150, 112))
    image = image.filter(ImageFilter.GaussianBlur(1.2))
    draw = ImageDraw.Draw(image)
    draw.ellipse((110, 200, 530, 336), fill=(140, 104, 60))  # the tray's rim
    weave = Image.new("RGB", SIZE, (196, 160, 102))
    for i in range(-9, 10):
        ImageDraw.Draw(weave).line([(320 + i * 24, 200), (320 + i * 24 - 24, 336)], fill=(170, 136, 84), width=2)
    inside = Image.new("L", SIZE, 0)
    ImageDraw.Draw(inside).ellipse((124, 210, 516, 326), fill=255)
    image.paste(weave, mask=inside)
    return image


def leaves(rng: random.Random) -> list[tuple[float, float, float, float]]:
    """(x, y, angle, size) of each leaflet on the tray, inside its ellipse."""
    found = []
    while len(found) < 260:
        x, y = rng.uniform(-1, 1), rng.uniform(-1, 1)
        if x * x + y * y < 0.9:
            found.append((320 + x * 190, 268 + y * 62, rng.uniform(0, 180), rng.uniform(7, 12)))
    return found


def frame(still: Image.Image, tray: list[tuple[float, float, float, float]], index: int) -> Image.Image:
    """One frame: the tray in the sun, its leaves turning from fresh to dried green, the light moving."""
    t = index / (RATE * SECONDS)
    image = still.copy()
    draw = ImageDraw.Draw(image)
    sun = (80 + 480 * t, 70 - 30 * math.sin(math.pi * t))
    draw.ellipse((sun[0] - 22, sun[1] - 22, sun[0] + 22, sun[1] + 22), fill=(255, 236, 170))
    fresh, dried = (92, 160, 70), (58, 92, 44)
    for n, (x, y, angle, size) in enumerate(tray):
        dry = min(1.0, max(0.0, t * 1.6 - (n % 7) / 14))
        colour = tuple(round(a + (b - a) * dry) for a, b in zip(fresh, dried))
        shrink = 1 - 0.25 * dry
        dx, dy = math.cos(math.radians(angle)) * size * shrink, math.sin(math.radians(angle)) * size * shrink
        draw.polygon([(x - dx, y - dy), (x - dy / 3, y + dx / 3), (x + dx, y + dy), (x + dy / 3, y - dx / 3)], fill=colour)
    return image


def main() -> None:
    """Write the video and report its size."""
    rng = random.Random(19)
    still, tray = background(rng), leaves(rng)
    options = {"movflags": "faststart+use_metadata_tags", "fflags": "+bitexact"}
    with av.open(str(TARGET), "w", format="mp4", options=options) as out:
        stream = out.add_stream("libx264", rate=RATE)
        stream.width, stream.height = SIZE
        stream.pix_fmt = "yuv420p"
        stream.options = {"crf": "30", "preset": "slow", "threads": "1", "profile": "main"}
        for index in range(RATE * SECONDS):
            for packet in stream.encode(av.VideoFrame.from_image(frame(still, tray, index))):
                out.mux(packet)
        for packet in stream.encode():
            out.mux(packet)
    size = TARGET.stat().st_size
    print(f"{TARGET.relative_to(ROOT)}  {size // 1024} KB{'  (over budget)' if size > MAX_BYTES else ''}")


if __name__ == "__main__":
    main()
