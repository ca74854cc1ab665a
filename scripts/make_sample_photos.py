"""Make the sample catalog's photos: painterly procedural illustrations with the EXIF a phone writes.

Run from anywhere: ``.venv/bin/python scripts/make_sample_photos.py``. Needs only Pillow, downloads
nothing, and is deterministic: every scene draws from its own seeded ``random.Random``, so the same
Pillow version writes the same bytes.

The files exercise the image pipeline on purpose: every photo carries Make, Model, DateTimeOriginal and
the village's approximate GPS position; one portrait photo is stored sideways with EXIF Orientation 6
(a correct pipeline must turn it upright) and one embeds an sRGB ICC profile.
"""

from __future__ import annotations

import math
import random
import struct
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageChops, ImageCms, ImageDraw, ImageFilter, ImageFont, ImageOps
from PIL.TiffImagePlugin import IFDRational

ROOT = Path(__file__).resolve().parent.parent
PRODUCTS = ROOT / "products"
LANDSCAPE = (1600, 1200)
PORTRAIT = (1200, 1600)
QUALITY = 82
MAX_BYTES = 400 * 1024

Color = tuple[int, int, int]
Point = tuple[float, float]


# --- colour and geometry -----------------------------------------------------------------------------


def hexc(text: str) -> Color:
    """'#a1b2c3' → (161, 178, 195)."""
    return (int(text[1:3], 16), int(text[3:5], 16), int(text[5:7], 16))


def mix(a: Color, b: Color, t: float) -> Color:
    """Linear blend of two colours, t=0 gives a."""
    return (round(a[0] + (b[0] - a[0]) * t), round(a[1] + (b[1] - a[1]) * t), round(a[2] + (b[2] - a[2]) * t))


def vary(color: Color, rng: random.Random, amount: int) -> Color:
    """The colour with a little random variation per channel (paint is never mixed evenly)."""
    shift = rng.randint(-amount, amount)
    return tuple(max(0, min(255, c + shift + rng.randint(-amount // 3, amount // 3))) for c in color)  # type: ignore[return-value]


def ellipse_points(cx: float, cy: float, rx: float, ry: float, angle: float = 0.0, n: int = 120) -> list[Point]:
    """Polygon of a rotated ellipse (angle in degrees)."""
    ca, sa = math.cos(math.radians(angle)), math.sin(math.radians(angle))
    pts = []
    for i in range(n):
        t = 2 * math.pi * i / n
        x, y = rx * math.cos(t), ry * math.sin(t)
        pts.append((cx + x * ca - y * sa, cy + x * sa + y * ca))
    return pts


def bezier(points: list[Point], n: int = 40) -> list[Point]:
    """Points along a Bézier curve of any degree."""
    out = []
    for i in range(n + 1):
        t = i / n
        pts = list(points)
        while len(pts) > 1:
            pts = [(p[0] + (q[0] - p[0]) * t, p[1] + (q[1] - p[1]) * t) for p, q in zip(pts, pts[1:])]
        out.append(pts[0])
    return out


def tapered(path: list[Point], w0: float, w1: float) -> list[Point]:
    """Outline of a stroke along ``path`` whose width goes from w0 to w1 (legs, stems, fingers)."""
    left, right = [], []
    for i, (x, y) in enumerate(path):
        a = path[max(0, i - 1)]
        b = path[min(len(path) - 1, i + 1)]
        dx, dy = b[0] - a[0], b[1] - a[1]
        length = math.hypot(dx, dy) or 1.0
        nx, ny = -dy / length, dx / length
        w = (w0 + (w1 - w0) * i / max(1, len(path) - 1)) / 2
        left.append((x + nx * w, y + ny * w))
        right.append((x - nx * w, y - ny * w))
    return left + right[::-1]


def leaf_points(cx: float, cy: float, length: float, width: float, angle: float, *, teeth: int = 0,
                tooth: float = 0.0, point: float = 1.0, n: int = 80) -> list[Point]:
    """A leaf blade: pointed tip, rounded base, optional serrated margin (patchouli, clove, moringa)."""
    ca, sa = math.cos(math.radians(angle)), math.sin(math.radians(angle))
    pts = []
    for i in range(n):
        t = 2 * math.pi * i / n
        u = math.cos(t)  # -1 base … +1 tip
        half = math.sin(t)
        profile = (1 - u * u) ** 0.5 * (1 - 0.35 * point * max(0.0, u)) * (1 + 0.15 * min(0.0, u))
        w = width / 2 * profile
        if teeth and abs(u) < 0.92:
            phase = ((u + 1) / 2 * teeth) % 1.0
            w += tooth * (1 - abs(2 * phase - 1)) * profile
        x, y = u * length / 2, w * (1 if half >= 0 else -1)
        pts.append((cx + x * ca - y * sa, cy + x * sa + y * ca))
    return pts


# --- layers, masks and paint ------------------------------------------------------------------------


def new_mask(size: tuple[int, int]) -> Image.Image:
    """An empty 8-bit mask."""
    return Image.new("L", size, 0)


def polygon_mask(size: tuple[int, int], *polygons: list[Point]) -> Image.Image:
    """Mask covering the given polygons."""
    mask = new_mask(size)
    draw = ImageDraw.Draw(mask)
    for poly in polygons:
        draw.polygon(poly, fill=255)
    return mask


def gradient(size: tuple[int, int], stops: list[tuple[float, Color]], *, horizontal: bool = False) -> Image.Image:
    """Smooth colour ramp through (position, colour) stops, top to bottom (or left to right)."""
    n = 512
    column = Image.new("RGB", (1, n))
    px = column.load()
    for i in range(n):
        t = i / (n - 1)
        for (t0, c0), (t1, c1) in zip(stops, stops[1:]):
            if t0 <= t <= t1:
                px[0, i] = mix(c0, c1, (t - t0) / ((t1 - t0) or 1))
                break
        else:
            px[0, i] = stops[-1][1] if t > stops[-1][0] else stops[0][1]
    if horizontal:
        return column.transpose(Image.Transpose.ROTATE_270).resize(size, Image.Resampling.BILINEAR)
    return column.resize(size, Image.Resampling.BILINEAR)


def noise(rng: random.Random, size: tuple[int, int], cell: float) -> Image.Image:
    """Smooth value noise (0–255) with features about ``cell`` pixels wide."""
    small = (max(2, int(size[0] / cell) + 2), max(2, int(size[1] / cell) + 2))
    raw = Image.frombytes("L", small, rng.randbytes(small[0] * small[1]))
    return raw.resize(size, Image.Resampling.BICUBIC)


def fractal(rng: random.Random, size: tuple[int, int], cells: list[float]) -> Image.Image:
    """Several octaves of noise averaged: clouds, mottling, wood figure."""
    out = noise(rng, size, cells[0])
    for i, cell in enumerate(cells[1:], start=2):
        out = Image.blend(out, noise(rng, size, cell), 1 / i)
    return ImageOps.autocontrast(out, cutoff=1)


def modulate(img: Image.Image, pattern: Image.Image, amount: float, mask: Image.Image | None = None) -> Image.Image:
    """Lighten and darken ``img`` by ``pattern`` (128 = unchanged), ± amount levels, inside ``mask``."""
    delta = pattern.point(lambda v: max(0, min(255, round(128 + (v - 128) * amount / 128))))
    out = ImageChops.add(img, Image.merge("RGB", (delta, delta, delta)), 1.0, -128)
    if mask is None:
        return out
    return Image.composite(out, img, mask)


def fill(img: Image.Image, mask: Image.Image, paint: Color | Image.Image, opacity: float = 1.0) -> None:
    """Paint a colour or an image through a mask."""
    if opacity < 1.0:
        mask = mask.point(lambda v: round(v * opacity))
    if isinstance(paint, Image.Image):
        img.paste(paint, (0, 0), mask)
    else:
        img.paste(paint, (0, 0, img.width, img.height), mask)


def shifted(mask: Image.Image, dx: int, dy: int) -> Image.Image:
    """The mask moved by (dx, dy) without wrapping around."""
    out = new_mask(mask.size)
    out.paste(mask, (dx, dy))
    return out


def shade(img: Image.Image, mask: Image.Image, depth: float, *, light: Color = (255, 248, 225),
          dark: Color = (18, 14, 10), highlight: float = 0.55, shadow: float = 0.65, rim: float = 0.35,
          direction: tuple[int, int] = (1, 1)) -> None:
    """Give a flat shape volume: lit from the top left, shadowed bottom right, darker at the rim."""
    blur = mask.filter(ImageFilter.GaussianBlur(depth))
    d = max(1, round(depth * 0.8))
    away = shifted(blur, d * direction[0], d * direction[1])
    lit = ImageChops.multiply(ImageChops.subtract(blur, away, 0.5), mask)
    dim = ImageChops.multiply(ImageChops.subtract(away, blur, 0.5), mask)
    fill(img, lit, light, highlight)
    fill(img, dim, dark, shadow)
    edge = ImageChops.multiply(ImageOps.invert(mask.filter(ImageFilter.GaussianBlur(max(1.0, depth / 4)))), mask)
    fill(img, edge, dark, rim)


def drop_shadow(img: Image.Image, mask: Image.Image, offset: tuple[int, int], blur: float, opacity: float,
                color: Color = (10, 8, 6)) -> None:
    """A soft cast shadow under an object, drawn before the object."""
    fill(img, shifted(mask, *offset).filter(ImageFilter.GaussianBlur(blur)), color, opacity)


def glow(img: Image.Image, center: Point, radius: float, color: Color, opacity: float, squash: float = 1.0) -> None:
    """A soft round light (sun, window light, caustic through amber glass)."""
    mask = new_mask(img.size)
    ImageDraw.Draw(mask).ellipse(
        (center[0] - radius, center[1] - radius * squash, center[0] + radius, center[1] + radius * squash), fill=255
    )
    fill(img, mask.filter(ImageFilter.GaussianBlur(radius / 2.5)), color, opacity)


def thick_line(draw: ImageDraw.ImageDraw, pts: list[Point], width: float, color: Color | tuple[int, ...]) -> None:
    """A polyline with round caps and joints."""
    w = max(1, round(width))
    draw.line(pts, fill=color, width=w, joint="curve")
    r = width / 2
    for x, y in (pts[0], pts[-1]):
        draw.ellipse((x - r, y - r, x + r, y + r), fill=color)


def vignette(img: Image.Image, strength: float) -> Image.Image:
    """Darken the corners a little, as a phone lens does."""
    w, h = img.size
    ring = Image.radial_gradient("L").resize((round(w * 1.5), round(h * 1.5)), Image.Resampling.BILINEAR)
    ring = ring.crop((round(w * 0.25), round(h * 0.25), round(w * 0.25) + w, round(h * 0.25) + h))
    ring = ring.point(lambda v: round(max(0, v - 90) * strength * 255 / 165))
    out = img.copy()
    fill(out, ring, (0, 0, 0))
    return out


# --- the painterly finish -----------------------------------------------------------------------------


def paint_over(img: Image.Image, rng: random.Random, *, strokes: int, length: tuple[float, float],
               width: tuple[float, float], opacity: int = 150, wander: float = 0.5) -> Image.Image:
    """Re-paint the picture with short brush strokes that follow a slowly turning flow field.

    Strokes are shorter and finer where the picture has edges, so shapes stay readable.
    """
    src = img.filter(ImageFilter.GaussianBlur(1.2))
    px = src.load()
    edges = img.convert("L").filter(ImageFilter.FIND_EDGES).filter(ImageFilter.GaussianBlur(4))
    edges = ImageOps.autocontrast(edges, cutoff=2).load()
    flow = noise(rng, img.size, 260).load()
    layer = Image.new("RGBA", img.size, (0, 0, 0, 0))
    draw = ImageDraw.Draw(layer)
    w, h = img.size
    for _ in range(strokes):
        x, y = rng.uniform(0, w - 1), rng.uniform(0, h - 1)
        detail = edges[int(x), int(y)] / 255
        scale = 1 - 0.75 * detail
        angle = flow[int(x), int(y)] / 255 * math.pi * 2 + rng.gauss(0, wander)
        half = rng.uniform(*length) * scale / 2
        r, g, b = px[int(x), int(y)]
        jitter = rng.randint(-7, 7)
        color = (max(0, min(255, r + jitter)), max(0, min(255, g + jitter)), max(0, min(255, b + jitter)), opacity)
        dx, dy = math.cos(angle) * half, math.sin(angle) * half
        draw.line((x - dx, y - dy, x + dx, y + dy), fill=color, width=max(1, round(rng.uniform(*width) * (0.5 + scale / 2))))
    out = Image.alpha_composite(img.convert("RGBA"), layer).convert("RGB")
    return out


def finish(img: Image.Image, rng: random.Random, *, strokes: int = 60000, length: tuple[float, float] = (5, 15),
           width: tuple[float, float] = (2, 4), grain: float = 10, vignette_strength: float = 0.35,
           soften: float = 0.0) -> Image.Image:
    """Brush strokes, canvas grain, a lens vignette and a touch of sharpening.

    ``soften`` blurs busy scenes (thousands of leaves or beans) a little so the JPEG stays small.
    """
    img = paint_over(img, rng, strokes=strokes, length=length, width=width)
    if soften:
        img = img.filter(ImageFilter.GaussianBlur(soften))
    fine = noise(rng, img.size, 2.2)
    img = modulate(img, fine, grain * 0.45)
    canvas = noise(rng, img.size, 14)
    img = modulate(img, canvas, grain * 0.5)
    img = vignette(img, vignette_strength)
    return img.filter(ImageFilter.UnsharpMask(radius=2, percent=40, threshold=2))


# --- shared backgrounds and props ---------------------------------------------------------------------


def wood(size: tuple[int, int], rng: random.Random, base: Color, *, plank: int = 230, dark: float = 0.55,
         vertical: bool = False) -> Image.Image:
    """Planks of a wooden table or board with grain, knots and gaps."""
    w, h = (size[1], size[0]) if vertical else size
    img = gradient((w, h), [(0, mix(base, (255, 240, 210), 0.12)), (1, mix(base, (0, 0, 0), 0.25))])
    draw = ImageDraw.Draw(img)
    y = -rng.randint(0, plank // 2)
    while y < h:
        ph = plank + rng.randint(-40, 40)
        tone = mix(base, (0, 0, 0) if rng.random() < 0.5 else (255, 235, 205), rng.uniform(0.0, 0.12))
        draw.rectangle((0, y, w, y + ph), fill=tone)
        for _ in range(26):
            gy = y + rng.uniform(4, ph - 4)
            amp, freq, phase = rng.uniform(2, 9), rng.uniform(0.002, 0.006), rng.uniform(0, 6.3)
            pts = [(x, gy + amp * math.sin(x * freq + phase) + 3 * math.sin(x * freq * 5 + phase)) for x in range(0, w + 40, 40)]
            c = mix(tone, (0, 0, 0), rng.uniform(0.08, 0.3) * dark * 1.6)
            draw.line(pts, fill=c, width=rng.choice((1, 2, 2, 3)))
        if rng.random() < 0.6:
            kx, ky = rng.uniform(0, w), y + ph * rng.uniform(0.3, 0.7)
            for k in range(5, 0, -1):
                draw.ellipse((kx - 9 * k, ky - 4 * k, kx + 9 * k, ky + 4 * k), outline=mix(tone, (0, 0, 0), 0.12 + 0.05 * k), width=2)
        draw.line((0, y + ph, w, y + ph), fill=mix(tone, (0, 0, 0), 0.6), width=4)
        y += ph
    img = modulate(img, fractal(rng, (w, h), [300, 90, 30]), 12)
    if vertical:
        img = img.transpose(Image.Transpose.ROTATE_90)
    return img


def moringa_sprig(img: Image.Image, rng: random.Random, start: Point, end: Point, bend: float, leaflet: float) -> None:
    """A fresh moringa twig: a thin stalk with pairs of small oval leaflets."""
    size = img.size
    mx, my = (start[0] + end[0]) / 2, (start[1] + end[1]) / 2
    nx, ny = -(end[1] - start[1]), end[0] - start[0]
    norm = math.hypot(nx, ny) or 1
    ctrl = (mx + nx / norm * bend, my + ny / norm * bend)
    path = bezier([start, ctrl, end], 60)
    stalk = polygon_mask(size, tapered(path, 7, 3))
    drop_shadow(img, stalk, (10, 14), 6, 0.35)
    leaves = new_mask(size)
    leaf_draw = ImageDraw.Draw(leaves)
    shapes = []
    for i in range(6, len(path) - 2, 6):
        x, y = path[i]
        a = math.degrees(math.atan2(path[i + 1][1] - y, path[i + 1][0] - x))
        for side in (-1, 1):
            ang = a + side * rng.uniform(48, 70)
            length = leaflet * rng.uniform(0.85, 1.15)
            cx = x + math.cos(math.radians(ang)) * length * 0.62
            cy = y + math.sin(math.radians(ang)) * length * 0.62
            shapes.append((cx, cy, length, ang))
            leaf_draw.polygon(ellipse_points(cx, cy, length / 2, length * 0.32, ang, 40), fill=255)
    x, y = path[-1]
    leaf_draw.polygon(ellipse_points(x, y, leaflet * 0.55, leaflet * 0.34, rng.uniform(0, 180), 40), fill=255)
    drop_shadow(img, leaves, (12, 16), 8, 0.4)
    fill(img, stalk, (104, 138, 62))
    fill(img, leaves, (72, 132, 40))
    img.paste(modulate(img, noise(rng, size, 18), 40), (0, 0), leaves)
    shade(img, leaves, 7, light=(200, 235, 140), highlight=0.6, shadow=0.5, rim=0.5)
    draw = ImageDraw.Draw(img)
    for cx, cy, length, ang in shapes:
        ca, sa = math.cos(math.radians(ang)), math.sin(math.radians(ang))
        draw.line((cx - ca * length * 0.42, cy - sa * length * 0.42, cx + ca * length * 0.4, cy + sa * length * 0.4),
                  fill=(150, 190, 100), width=2)


def sprite_canvas(w: int, h: int) -> tuple[Image.Image, Image.Image]:
    """A small RGB tile and its mask, for objects drawn by the hundred (beans, leaflets, buds)."""
    return Image.new("RGB", (w, h), (0, 0, 0)), new_mask((w, h))


def stamp(img: Image.Image, tile: Image.Image, mask: Image.Image, x: float, y: float, angle: float) -> None:
    """Paste a tile rotated about its centre at (x, y)."""
    t = tile.rotate(angle, resample=Image.Resampling.BICUBIC, expand=True)
    m = mask.rotate(angle, resample=Image.Resampling.BICUBIC, expand=True)
    img.paste(t, (round(x - t.width / 2), round(y - t.height / 2)), m)


def label_font(size: int) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    """Pillow's bundled font, so labels look the same on every machine."""
    return ImageFont.load_default(size=size)


# --- scenes: products --------------------------------------------------------------------------------


def scene_crab(rng: random.Random) -> Image.Image:
    """A live mud crab with tied claws on a blue-grey plastic crate."""
    size = LANDSCAPE
    w, h = size
    img = gradient(size, [(0, hexc("#3d4247")), (0.2, hexc("#4f565c")), (1, hexc("#363c42"))])
    img = modulate(img, fractal(rng, size, [240, 60, 12]), 30)
    crate = polygon_mask(size, [(0, 190), (w, 160), (w, h), (0, h)])
    drop_shadow(img, crate, (0, -18), 20, 0.5)
    fill(img, crate, gradient(size, [(0, hexc("#8ea3b5")), (1, hexc("#5b7186"))]))
    draw = ImageDraw.Draw(img)
    rim = polygon_mask(size, [(0, 190), (w, 160), (w, 250), (0, 285)])
    fill(img, rim, hexc("#9fb3c4"))
    shade(img, rim, 10, highlight=0.4, shadow=0.4, rim=0.2)
    slots = new_mask(size)
    sd = ImageDraw.Draw(slots)
    for row in range(7):
        y0 = 330 + row * 128
        for col in range(-1, 11):
            x0 = col * 168 + (84 if row % 2 else 0) + 26
            sd.rounded_rectangle((x0, y0, x0 + 118, y0 + 70), radius=18, fill=255)
    fill(img, slots, hexc("#1f262d"))
    img.paste(modulate(img, noise(rng, size, 30), 30), (0, 0), slots)
    shade(img, ImageOps.invert(slots).point(lambda v: v if v > 0 else 0), 6, highlight=0.25, shadow=0.45, rim=0.0)
    img.paste(modulate(img, fractal(rng, size, [200, 40]), 22), (0, 0), crate)
    for _ in range(40):  # water drops on the crate
        x, y, r = rng.uniform(0, w), rng.uniform(300, h), rng.uniform(3, 9)
        draw.ellipse((x - r, y - r, x + r, y + r), fill=mix(hexc("#8ea3b5"), (255, 255, 255), 0.5))

    cx, cy, s = 800, 560, 1.0

    def T(x: float, y: float) -> Point:
        return (cx + x * s, cy + y * s)

    shell = (96, 88, 48)
    limb = (104, 84, 44)
    claw = (168, 104, 52)
    # walking legs and swimming paddles, behind the body (front of the crab = bottom of the picture)
    legs = new_mask(size)
    ld = ImageDraw.Draw(legs)
    joints, tips = [], []
    leg_paths = [((290, 70), (480, 60), (590, 170)), ((305, 5), (520, -40), (640, 50)),
                 ((285, -65), (480, -150), (600, -90))]
    for side in (-1, 1):
        for root, knee, foot in leg_paths:
            a = [T(side * root[0], root[1]), T(side * knee[0], knee[1])]
            b = [T(side * knee[0], knee[1]), T(side * foot[0], foot[1])]
            ld.polygon(tapered(bezier(a, 8), 58, 46), fill=255)
            ld.polygon(tapered(bezier(b, 8), 44, 16), fill=255)
            joints.append(T(side * knee[0], knee[1]))
            tips.append((T(side * (foot[0] * 0.85 + knee[0] * 0.15), foot[1] * 0.85 + knee[1] * 0.15), T(side * foot[0], foot[1])))
        a = [T(side * 200, -150), T(side * 300, -235)]
        ld.polygon(tapered(bezier(a, 8), 50, 38), fill=255)
        ld.polygon(ellipse_points(*T(side * 360, -265), 78, 40, side * 30, 60), fill=255)
    for x, y in joints:
        ld.ellipse((x - 24, y - 24, x + 24, y + 24), fill=255)
    drop_shadow(img, legs, (22, 30), 14, 0.55)
    fill(img, legs, limb)
    img.paste(modulate(img, noise(rng, size, 26), 26), (0, 0), legs)
    shade(img, legs, 10, light=(235, 205, 145), highlight=0.6, shadow=0.65, rim=0.6)
    draw = ImageDraw.Draw(img)
    for x, y in joints:
        draw.arc((x - 24, y - 24, x + 24, y + 24), 200, 340, fill=mix(limb, (0, 0, 0), 0.45), width=4)
    for a, b in tips:
        draw.line((a, b), fill=(38, 30, 20), width=10)
    # carapace: wide, smooth and glossy, nine teeth along each front edge (Scylla serrata)
    outline = []
    for i in range(360):
        t = math.radians(i)
        x, y = 335 * math.cos(t), 205 * math.sin(t)
        if y < 0:
            x *= 0.84 + 0.16 * (1 + math.sin(t))
        else:
            y *= 0.92
        deg = i % 360
        if 10 <= deg <= 72 or 108 <= deg <= 170:
            phase = ((deg - 10) if deg <= 72 else (deg - 108)) / 62 * 9 % 1.0
            bump = 15 * (1 - abs(2 * phase - 1)) ** 2
            x += bump * math.cos(t)
            y += bump * math.sin(t)
        outline.append(T(x, y))
    body = polygon_mask(size, outline)
    drop_shadow(img, body, (26, 34), 18, 0.6)
    fill(img, body, gradient(size, [(0.25, mix(shell, (150, 140, 80), 0.35)), (0.6, shell), (0.75, mix(shell, (0, 0, 0), 0.3))]))
    img.paste(modulate(img, fractal(rng, size, [70, 24]), 24), (0, 0), body)
    shade(img, body, 42, light=(240, 225, 165), highlight=0.65, shadow=0.7, rim=0.75)
    draw = ImageDraw.Draw(img)
    groove = mix(shell, (0, 0, 0), 0.35)
    draw.line([T(*p) for p in bezier([(-95, -60), (-40, 0), (-100, 80)], 20)], fill=groove, width=5, joint="curve")
    draw.line([T(*p) for p in bezier([(95, -60), (40, 0), (100, 80)], 20)], fill=groove, width=5, joint="curve")
    draw.line([T(*p) for p in bezier([(-48, 4), (0, 22), (48, 4)], 20)], fill=groove, width=4, joint="curve")
    for side in (-1, 1):
        draw.line([T(*p) for p in bezier([(side * 150, -120), (side * 215, -40), (side * 255, 50)], 20)],
                  fill=groove, width=4, joint="curve")
    glow(img, T(-120, -95), 120, (255, 250, 225), 0.3, squash=0.45)
    glow(img, T(150, -60), 60, (255, 250, 225), 0.18, squash=0.5)
    # eyes on short stalks at the front margin
    for side in (-1, 1):
        ex, ey = T(side * 58, 190)
        draw = ImageDraw.Draw(img)
        draw.ellipse((ex - 17, ey - 13, ex + 17, ey + 13), fill=(26, 22, 16))
        draw.ellipse((ex - 8, ey - 8, ex, ey - 2), fill=(215, 210, 195))
    # chelipeds folded in front of the face, the big claws meeting in the middle
    arms = new_mask(size)
    ad = ImageDraw.Draw(arms)
    claws = new_mask(size)
    cd = ImageDraw.Draw(claws)
    tips_mask = new_mask(size)
    td = ImageDraw.Draw(tips_mask)
    for side in (-1, 1):
        arm = [T(*p) for p in bezier([(side * 215, 140), (side * 345, 185), (side * 330, 285)], 24)]
        ad.polygon(tapered(arm, 76, 64), fill=255)
        ad.ellipse([*T(side * 330 - 42, 250), *T(side * 330 + 42, 320)] if side > 0 else
                   [*T(side * 330 - 42, 250), *T(side * 330 + 42, 320)], fill=255)
        palm = ellipse_points(*T(side * 195, 345), 150, 74, side * 6, 80)
        cd.polygon(palm, fill=255)
        fixed = [T(*p) for p in bezier([(side * 70, 372), (side * 30, 392), (side * 8, 372)], 16)]
        moving = [T(*p) for p in bezier([(side * 80, 318), (side * 30, 300), (side * 10, 338)], 16)]
        cd.polygon(tapered(fixed, 52, 14), fill=255)
        cd.polygon(tapered(moving, 46, 12), fill=255)
        td.polygon(tapered(fixed[8:], 34, 12), fill=255)
        td.polygon(tapered(moving[8:], 30, 10), fill=255)
    arms = ImageChops.subtract(arms, claws)
    drop_shadow(img, arms, (20, 28), 14, 0.55)
    fill(img, arms, mix(limb, claw, 0.3))
    img.paste(modulate(img, noise(rng, size, 24), 26), (0, 0), arms)
    shade(img, arms, 14, light=(240, 210, 150), highlight=0.6, shadow=0.6, rim=0.6)
    drop_shadow(img, claws, (24, 30), 16, 0.6)
    fill(img, claws, gradient(size, [(0.6, mix(claw, (235, 170, 100), 0.35)), (0.8, claw), (0.95, mix(claw, (60, 40, 20), 0.4))]))
    img.paste(modulate(img, fractal(rng, size, [60, 18]), 26), (0, 0), claws)
    fill(img, tips_mask.filter(ImageFilter.GaussianBlur(4)), (34, 24, 16), 0.92)
    shade(img, claws, 22, light=(255, 230, 175), highlight=0.7, shadow=0.7, rim=0.65)
    for side in (-1, 1):
        glow(img, T(side * 210, 322), 60, (255, 245, 220), 0.3, squash=0.4)
    # raffia tied round both claws
    draw = ImageDraw.Draw(img)
    tie = (222, 62, 80)
    for path in ([T(-360, 300), T(-200, 330), T(0, 338), T(200, 330), T(360, 300)],
                 [T(-300, 392), T(-160, 410), T(0, 412), T(160, 410), T(300, 392)]):
        pts = bezier(path, 40)
        thick_line(draw, pts, 15, mix(tie, (80, 10, 20), 0.45))
        thick_line(draw, [(x - 1, y - 3) for x, y in pts], 9, tie)
        for i in range(0, len(pts) - 1, 2):
            x, y = pts[i]
            draw.line((x - 4, y - 5, x + 3, y + 4), fill=mix(tie, (255, 255, 255), 0.45), width=2)
    knot = T(0, 340)
    draw.ellipse((knot[0] - 16, knot[1] - 12, knot[0] + 16, knot[1] + 12), fill=mix(tie, (80, 10, 20), 0.3))
    thick_line(draw, [knot, (knot[0] + 30, knot[1] + 50), (knot[0] + 18, knot[1] + 95)], 8, tie)
    glow(img, (560, 360), 260, (255, 245, 220), 0.12)
    return finish(img, rng, strokes=70000, length=(5, 16), width=(2, 4), grain=9, vignette_strength=0.45)


def wooden_bowl(img: Image.Image, rng: random.Random, cx: float, cy: float, rx: float, ry: float, depth: float,
                color: Color) -> tuple[Image.Image, list[Point]]:
    """A turned wooden bowl seen from above at an angle; returns the inner mask and the inner rim."""
    size = img.size
    lower = [(cx + rx * math.cos(t), cy + ry * math.sin(t)) for t in (math.pi * i / 60 for i in range(61))]
    belly = [(cx + rx * 0.82 * math.cos(t), cy + depth + ry * 0.9 * math.sin(t)) for t in (math.pi * i / 60 for i in range(61))]
    body = polygon_mask(size, [lower[0]] + belly + [lower[-1]], ellipse_points(cx, cy, rx, ry))
    drop_shadow(img, body, (30, 40), 30, 0.6)
    fill(img, body, color)
    rings = Image.new("RGB", size, color)
    rd = ImageDraw.Draw(rings)
    for k in range(40):
        yy = cy + depth * k / 40 + ry * 0.5
        rd.arc((cx - rx * 1.02, yy - ry * 1.1, cx + rx * 1.02, yy + ry * 0.9), 10, 170,
               fill=mix(color, (0, 0, 0), rng.uniform(0.05, 0.25)), width=rng.randint(2, 5))
    fill(img, body, rings)
    shade(img, body, 45, light=(255, 225, 180), highlight=0.55, shadow=0.7, rim=0.4)
    rim = polygon_mask(size, ellipse_points(cx, cy, rx, ry))
    fill(img, rim, mix(color, (255, 220, 170), 0.25))
    inner_pts = ellipse_points(cx, cy + 4, rx * 0.93, ry * 0.88)
    inner = polygon_mask(size, inner_pts)
    fill(img, inner, gradient(size, [(0, mix(color, (0, 0, 0), 0.55)), (1, mix(color, (0, 0, 0), 0.2))]))
    return inner, inner_pts


def scene_moringa_powder(rng: random.Random) -> Image.Image:
    """A mound of bright green moringa powder in a wooden bowl, fresh sprigs beside it."""
    size = LANDSCAPE
    img = wood(size, rng, hexc("#8a5a34"), plank=260)
    glow(img, (420, 200), 700, (255, 235, 200), 0.18)
    for start, end, bend, leaf in (
        ((1010, 1130), (1560, 760), 90, 70),
        ((1120, 1190), (1590, 1030), -60, 62),
        ((60, 210), (520, 80), 50, 58),
    ):
        moringa_sprig(img, rng, start, end, bend, leaf)
    inner, inner_pts = wooden_bowl(img, rng, 720, 560, 430, 200, 210, hexc("#a0673a"))
    size_ = img.size
    cx, cy, rx, ry = 720, 564, 400, 176
    dome = [(cx + rx * math.cos(t), cy + ry * math.sin(t)) for t in (math.pi * i / 60 for i in range(61))]
    top = [(cx - rx * math.cos(t), cy - 200 * math.sin(t) ** 0.8 - 10 * math.sin(3 * t)) for t in (math.pi * i / 60 for i in range(61))]
    mound = polygon_mask(size_, dome + top[1:-1])
    powder = gradient(size_, [(0.28, hexc("#a9cc55")), (0.42, hexc("#86ae38")), (0.62, hexc("#55801c"))])
    fill(img, mound, powder)
    grain = noise(rng, size_, 1.3)
    img.paste(modulate(img, grain, 50), (0, 0), mound)
    img.paste(modulate(img, noise(rng, size_, 40), 10), (0, 0), mound)
    shade(img, mound, 60, light=(232, 248, 170), highlight=0.55, shadow=0.55, rim=0.25)
    glow(img, (600, 430), 150, (245, 255, 210), 0.3, squash=0.5)
    # spilled powder on the table
    spill = new_mask(size_)
    sd = ImageDraw.Draw(spill)
    for _ in range(260):
        x, y = rng.gauss(1130, 90), rng.gauss(930, 40)
        r = rng.uniform(4, 26)
        sd.ellipse((x - r, y - r * 0.6, x + r, y + r * 0.6), fill=rng.randint(90, 255))
    spill = spill.filter(ImageFilter.GaussianBlur(5))
    fill(img, spill, hexc("#86ad3a"), 0.9)
    img.paste(modulate(img, grain, 50), (0, 0), spill)
    draw = ImageDraw.Draw(img)
    for _ in range(900):
        x, y = rng.gauss(1000, 260), rng.gauss(880, 150)
        r = rng.uniform(0.8, 2.4)
        draw.ellipse((x - r, y - r, x + r, y + r), fill=vary(hexc("#7ea638"), rng, 20))
    return finish(img, rng, strokes=65000, length=(5, 14), width=(2, 4), grain=9, vignette_strength=0.45)


def bamboo_tray(img: Image.Image, rng: random.Random, cx: float, cy: float, r: float) -> Image.Image:
    """A round woven bamboo tray (tampah); returns its mask."""
    size = img.size
    tray = polygon_mask(size, ellipse_points(cx, cy, r, r * 0.93))
    drop_shadow(img, tray, (26, 36), 30, 0.55)
    tile = Image.new("RGB", (int(r * 3), int(r * 3)), hexc("#c9a56a"))
    td = ImageDraw.Draw(tile)
    step = 34
    for i in range(0, tile.width, step):
        for j in range(0, tile.height, step):
            across = ((i // step) + (j // step)) % 2 == 0
            base = vary(hexc("#d4b27a") if across else hexc("#b88f55"), rng, 14)
            td.rectangle((i, j, i + step - 2, j + step - 2), fill=base)
            for k in range(3):
                if across:
                    yy = j + 6 + k * 10
                    td.line((i + 2, yy, i + step - 4, yy), fill=mix(base, (0, 0, 0), 0.12), width=1)
                else:
                    xx = i + 6 + k * 10
                    td.line((xx, j + 2, xx, j + step - 4), fill=mix(base, (0, 0, 0), 0.12), width=1)
    tile = tile.rotate(45, resample=Image.Resampling.BICUBIC)
    weave = Image.new("RGB", size)
    weave.paste(tile, (int(cx - tile.width / 2), int(cy - tile.height / 2)))
    fill(img, tray, weave)
    ring = ImageChops.subtract(tray, polygon_mask(size, ellipse_points(cx, cy, r - 38, r * 0.93 - 36)))
    fill(img, ring, hexc("#9b733d"))
    draw = ImageDraw.Draw(img)
    for k in range(72):
        t = 2 * math.pi * k / 72
        x, y = cx + (r - 19) * math.cos(t), cy + (r * 0.93 - 18) * math.sin(t)
        draw.line((x - 8 * math.sin(t), y + 8 * math.cos(t), x + 8 * math.sin(t), y - 8 * math.cos(t)),
                  fill=hexc("#6d4f26"), width=4)
    shade(img, ring, 10, highlight=0.4, shadow=0.5, rim=0.3)
    shade(img, tray, 50, highlight=0.25, shadow=0.45, rim=0.2)
    return tray


def leaflet_sprites(rng: random.Random, colors: list[Color], count: int, length: tuple[int, int],
                    crumple: float) -> list[tuple[Image.Image, Image.Image]]:
    """Small dried leaflets: slightly crumpled ovals with a midrib and shading."""
    sprites = []
    for i in range(count):
        L = rng.randint(*length)
        W = round(L * rng.uniform(0.45, 0.62))
        tile, mask = sprite_canvas(L + 12, W + 12)
        pts = []
        for k in range(36):
            t = 2 * math.pi * k / 36
            rr = 1 + rng.uniform(-crumple, crumple)
            pts.append((L / 2 + 6 + L / 2 * math.cos(t) * rr, W / 2 + 6 + W / 2 * math.sin(t) * rr))
        ImageDraw.Draw(mask).polygon(pts, fill=255)
        color = vary(colors[i % len(colors)], rng, 12)
        fill(tile, mask, color)
        shade(tile, mask, max(2, W / 5), light=mix(color, (255, 250, 200), 0.6), highlight=0.5, shadow=0.6, rim=0.6)
        ImageDraw.Draw(tile).line((8, W / 2 + 6, L + 4, W / 2 + 6 + rng.uniform(-2, 2)),
                                  fill=mix(color, (230, 230, 160), 0.35), width=1)
        sprites.append((tile, mask))
    return sprites


def scene_moringa_leaves(rng: random.Random) -> Image.Image:
    """A heap of dark green dried moringa leaves on a woven bamboo tray."""
    size = LANDSCAPE
    img = wood(size, rng, hexc("#6a4a30"), plank=300)
    bamboo_tray(img, rng, 800, 610, 640)
    sprites = leaflet_sprites(rng, [hexc("#4d6b26"), hexc("#5f7a2c"), hexc("#6f8433"), hexc("#3f5a22"),
                                    hexc("#8a8a3a"), hexc("#56702a")], 40, (26, 40), 0.12)
    heap = []
    for _ in range(9000):
        r = abs(rng.gauss(0, 1)) ** 0.8 * 330
        t = rng.uniform(0, 2 * math.pi)
        heap.append((r, 800 + r * math.cos(t) * 1.15, 590 + r * math.sin(t) * 0.85))
    heap.sort(key=lambda e: -e[0])
    shadow = new_mask(size)
    ImageDraw.Draw(shadow).ellipse((400, 330, 1260, 940), fill=255)
    drop_shadow(img, shadow, (30, 40), 40, 0.45)
    for r, x, y in heap:
        tile, mask = sprites[rng.randrange(len(sprites))]
        stamp(img, tile, mask, x, y, rng.uniform(0, 360))
    heap_mask = new_mask(size)
    ImageDraw.Draw(heap_mask).ellipse((420, 300, 1180, 880), fill=255)
    heap_mask = heap_mask.filter(ImageFilter.GaussianBlur(80))
    glow(img, (700, 470), 260, (240, 250, 190), 0.16)
    draw = ImageDraw.Draw(img)
    for _ in range(34):  # a few stalks left after stripping
        x, y = rng.gauss(800, 210), rng.gauss(600, 150)
        a = rng.uniform(0, math.pi)
        L = rng.uniform(40, 110)
        draw.line((x, y, x + math.cos(a) * L, y + math.sin(a) * L), fill=vary(hexc("#8c8648"), rng, 12), width=3)
    for _ in range(160):  # loose leaflets around the heap
        t = rng.uniform(0, 2 * math.pi)
        r = rng.uniform(380, 560)
        tile, mask = sprites[rng.randrange(len(sprites))]
        stamp(img, tile, mask, 800 + r * math.cos(t) * 1.1, 600 + r * math.sin(t) * 0.85, rng.uniform(0, 360))
    return finish(img, rng, strokes=50000, length=(4, 11), width=(2, 3), grain=8, vignette_strength=0.5, soften=1.0)


def bottle_outline(cx: float, top: float, bottom: float, body_w: float, neck_w: float, shoulder: float,
                   neck_top: float) -> list[Point]:
    """Side outline of a round glass bottle with a neck."""
    right = [(cx + neck_w / 2, neck_top), (cx + neck_w / 2, top)]
    right += bezier([(cx + neck_w / 2, top), (cx + neck_w / 2, top + shoulder * 0.55),
                     (cx + body_w / 2, top + shoulder * 0.45), (cx + body_w / 2, top + shoulder)], 24)
    right += [(cx + body_w / 2, bottom - 30)]
    right += bezier([(cx + body_w / 2, bottom - 30), (cx + body_w / 2, bottom), (cx + body_w / 2 - 30, bottom)], 10)
    left = [(2 * cx - x, y) for x, y in right]
    return right + left[::-1]


def dried_leaf(img: Image.Image, rng: random.Random, cx: float, cy: float, length: float, width: float, angle: float,
               color: Color, *, teeth: int = 0, tooth: float = 0.0) -> None:
    """One dried leaf lying flat: blade, midrib, side veins, curled shading."""
    size = img.size
    pts = leaf_points(cx, cy, length, width, angle, teeth=teeth, tooth=tooth)
    mask = polygon_mask(size, pts)
    drop_shadow(img, mask, (14, 18), 10, 0.45)
    fill(img, mask, vary(color, rng, 10))
    img.paste(modulate(img, fractal(rng, size, [40, 12]), 16), (0, 0), mask)
    shade(img, mask, width / 6, light=mix(color, (255, 240, 200), 0.5), highlight=0.5, shadow=0.6, rim=0.6)
    draw = ImageDraw.Draw(img)
    ca, sa = math.cos(math.radians(angle)), math.sin(math.radians(angle))
    vein = mix(color, (240, 220, 170), 0.3)
    x0, y0 = cx - ca * length * 0.55, cy - sa * length * 0.55
    x1, y1 = cx + ca * length * 0.47, cy + sa * length * 0.47
    draw.line((x0, y0, x1, y1), fill=vein, width=3)
    for k in range(1, 8):
        u = -0.4 + k * 0.11
        px_, py_ = cx + ca * length * u, cy + sa * length * u
        for side in (-1, 1):
            reach = width * 0.38 * (1 - abs(u) * 0.9)
            ex = px_ + ca * reach * 0.7 - sa * reach * side
            ey = py_ + sa * reach * 0.7 + ca * reach * side
            draw.line((px_, py_, ex, ey), fill=vein, width=1)


def scene_patchouli(rng: random.Random) -> Image.Image:
    """An amber bottle of patchouli oil on a table with dried patchouli leaves (portrait)."""
    size = PORTRAIT
    w, h = size
    img = gradient(size, [(0, hexc("#24351d")), (0.5, hexc("#3c4f28")), (0.66, hexc("#4b5030"))])
    draw = ImageDraw.Draw(img)
    for _ in range(70):  # foliage bokeh behind
        x, y, r = rng.uniform(-50, w + 50), rng.uniform(-50, 950), rng.uniform(30, 120)
        draw.ellipse((x - r, y - r, x + r, y + r), fill=vary(rng.choice([hexc("#4f7a2c"), hexc("#6f9640"),
                                                                       hexc("#2f4a1e"), hexc("#a9b870")]), rng, 16))
    img = img.filter(ImageFilter.GaussianBlur(26))
    table = wood((w, h - 1040), rng, hexc("#7b4f2e"), plank=170)
    img.paste(table, (0, 1040))
    draw = ImageDraw.Draw(img)
    draw.line((0, 1040, w, 1040), fill=hexc("#3b2414"), width=6)
    glow(img, (250, 300), 500, (255, 240, 200), 0.25)
    cx, bottom = 600, 1380
    outline = bottle_outline(cx, 520, bottom, 420, 150, 170, 470)
    bottle = polygon_mask(size, outline)
    drop_shadow(img, bottle, (60, 20), 30, 0.6)
    caustic = polygon_mask(size, ellipse_points(cx + 150, bottom + 60, 260, 60))
    fill(img, caustic.filter(ImageFilter.GaussianBlur(30)), (255, 150, 40), 0.45)
    glass = gradient(size, [(0, hexc("#8a3f08")), (0.5, hexc("#6e2e05")), (1, hexc("#4a1d03"))], horizontal=True)
    fill(img, bottle, glass)
    oil = ImageChops.multiply(bottle, polygon_mask(size, [(0, 660), (w, 660), (w, h), (0, h)]))
    fill(img, oil, hexc("#3a1703"), 0.55)
    glow(img, (cx + 60, 1120), 150, (255, 150, 50), 0.35)
    shade(img, bottle, 30, light=(255, 210, 150), dark=(10, 4, 0), highlight=0.35, shadow=0.6, rim=0.7)
    draw = ImageDraw.Draw(img)
    draw.line([(cx - 195, 700), (cx - 195, 1330)], fill=(255, 236, 200), width=18)
    draw.line([(cx - 150, 700), (cx - 150, 1300)], fill=(255, 220, 170), width=5)
    draw.arc((cx - 200, 640, cx + 200, 680), 0, 180, fill=(200, 110, 40), width=3)
    highlight = new_mask(size)
    ImageDraw.Draw(highlight).rounded_rectangle((cx - 205, 690, cx - 180, 1330), radius=12, fill=255)
    fill(img, highlight.filter(ImageFilter.GaussianBlur(6)), (255, 240, 210), 0.7)
    # the label: kraft paper with the product name
    label = polygon_mask(size, [(cx - 190, 820), (cx + 190, 820), (cx + 190, 1140), (cx - 190, 1140)])
    fill(img, label, hexc("#d8c09a"))
    img.paste(modulate(img, noise(rng, size, 2), 30), (0, 0), label)
    shade(img, label, 40, highlight=0.1, shadow=0.55, rim=0.1)
    draw = ImageDraw.Draw(img)
    ink = hexc("#3d2412")
    draw.rectangle((cx - 170, 840, cx + 170, 1120), outline=ink, width=3)
    for text, y, fs in (("MINYAK NILAM", 880, 46), ("Patchouli Oil", 950, 40), ("PA min. 30%", 1020, 34),
                        ("Sulawesi Tengah", 1075, 28)):
        font = label_font(fs)
        tw = draw.textlength(text, font=font)
        draw.text((cx - tw / 2, y - fs / 2), text, font=font, fill=ink)
    # neck ring and the black cap
    cap = polygon_mask(size, [(cx - 92, 300), (cx + 92, 300), (cx + 92, 480), (cx - 92, 480)])
    drop_shadow(img, cap, (30, 10), 16, 0.4)
    fill(img, cap, hexc("#1d1b1a"))
    draw = ImageDraw.Draw(img)
    for x in range(int(cx - 88), int(cx + 90), 12):
        draw.line((x, 306, x, 474), fill=(60, 58, 56), width=3)
    shade(img, cap, 16, light=(200, 200, 200), highlight=0.5, shadow=0.6, rim=0.5)
    draw.ellipse((cx - 92, 286, cx + 92, 316), fill=hexc("#2c2a28"))
    # dried patchouli leaves on the table
    for lx, ly, L, W, a in ((180, 1350, 300, 200, -25), (1000, 1420, 280, 190, 200), (300, 1520, 260, 170, 15),
                            (980, 1250, 220, 150, -60)):
        dried_leaf(img, rng, lx, ly, L, W, a, rng.choice([hexc("#6b5a2e"), hexc("#5a4b26"), hexc("#7a6636")]),
                   teeth=9, tooth=9)
    return finish(img, rng, strokes=60000, length=(5, 15), width=(2, 4), grain=9, vignette_strength=0.45)


def clove_bud(rng: random.Random) -> tuple[Image.Image, Image.Image]:
    """One dried clove: a tapering stem with a round head between four small sepals."""
    tile, mask = sprite_canvas(110, 40)
    md = ImageDraw.Draw(mask)
    md.polygon([(10, 16), (10, 24), (80, 26), (80, 14)], fill=255)
    for dy in (-12, 12):
        md.polygon([(74, 20), (92, 20 + dy * 0.9), (84, 20 + dy * 0.2)], fill=255)
    md.ellipse((82, 8, 104, 32), fill=255)
    color = vary(hexc("#5e2f1a"), rng, 10)
    fill(tile, mask, color)
    shade(tile, mask, 4, light=(220, 150, 110), highlight=0.5, shadow=0.6, rim=0.6)
    return tile, mask


def scene_clove_oil(rng: random.Random) -> Image.Image:
    """A clear bottle of yellow clove leaf oil with dried clove leaves and cloves."""
    size = LANDSCAPE
    w, h = size
    img = gradient(size, [(0, hexc("#e8dcc6")), (0.55, hexc("#cdbb9c")), (0.56, hexc("#8d6440")), (1, hexc("#6a462a"))])
    table = wood((w, h - 660), rng, hexc("#8d6440"), plank=150)
    img.paste(table, (0, 660))
    img = modulate(img, fractal(rng, size, [300, 60]), 8)
    glow(img, (1250, 200), 500, (255, 250, 235), 0.35)
    cx, bottom = 640, 1000
    outline = bottle_outline(cx, 380, bottom, 360, 110, 150, 300)
    bottle = polygon_mask(size, outline)
    drop_shadow(img, bottle, (-80, 20), 26, 0.45)
    caustic = polygon_mask(size, ellipse_points(cx - 220, bottom + 30, 220, 45))
    fill(img, caustic.filter(ImageFilter.GaussianBlur(24)), (255, 210, 80), 0.55)
    behind = img.filter(ImageFilter.GaussianBlur(10))
    fill(img, bottle, behind)
    fill(img, bottle, (250, 250, 240), 0.25)
    oil = ImageChops.multiply(bottle, polygon_mask(size, [(0, 520), (w, 520), (w, h), (0, h)]))
    fill(img, oil, gradient(size, [(0, hexc("#f4c542")), (1, hexc("#c98a12"))], horizontal=True), 0.85)
    shade(img, bottle, 24, light=(255, 255, 245), dark=(80, 50, 10), highlight=0.5, shadow=0.45, rim=0.6)
    draw = ImageDraw.Draw(img)
    draw.arc((cx - 180, 505, cx + 180, 535), 0, 180, fill=(255, 235, 150), width=4)
    hl = new_mask(size)
    ImageDraw.Draw(hl).rounded_rectangle((cx + 120, 560, cx + 140, 950), radius=10, fill=255)
    ImageDraw.Draw(hl).rounded_rectangle((cx - 150, 420, cx - 138, 960), radius=6, fill=255)
    fill(img, hl.filter(ImageFilter.GaussianBlur(4)), (255, 255, 250), 0.8)
    cork = polygon_mask(size, [(cx - 60, 230), (cx + 60, 230), (cx + 54, 320), (cx - 54, 320)])
    fill(img, cork, hexc("#b98a55"))
    img.paste(modulate(img, noise(rng, size, 3), 60), (0, 0), cork)
    shade(img, cork, 12, highlight=0.4, shadow=0.5, rim=0.4)
    for lx, ly, L, W, a in ((1120, 820, 380, 110, -20), (1260, 980, 360, 100, 15), (980, 1080, 340, 96, -5),
                            (250, 1100, 330, 96, 160)):
        dried_leaf(img, rng, lx, ly, L, W, a, rng.choice([hexc("#7a3e22"), hexc("#8b4a28"), hexc("#5f3420")]))
    buds = [clove_bud(rng) for _ in range(8)]
    for _ in range(26):
        tile, mask = buds[rng.randrange(len(buds))]
        x, y = rng.gauss(1000, 170), rng.gauss(1010, 60)
        stamp(img, tile, mask, x, y, rng.uniform(0, 360))
    return finish(img, rng, strokes=60000, length=(5, 15), width=(2, 4), grain=8, vignette_strength=0.4)


def foil_bag(img: Image.Image, rng: random.Random, box: tuple[float, float, float, float], label: str) -> None:
    """A standing aluminium foil bag with a printed label, lit from the upper left."""
    size = img.size
    x0, y0, x1, y1 = box
    bag = new_mask(size)
    ImageDraw.Draw(bag).rounded_rectangle(box, radius=28, fill=255)
    drop_shadow(img, bag, (22, 26), 24, 0.5)
    metal = gradient(size, [(0, hexc("#f2f2ee")), (0.35, hexc("#b9bcbc")), (0.5, hexc("#e9eae6")), (0.7, hexc("#8f9493")),
                            (1, hexc("#d7d9d5"))], horizontal=True)
    fill(img, bag, metal)
    img.paste(modulate(img, fractal(rng, size, [60, 14]), 18), (0, 0), bag)
    seal = new_mask(size)
    ImageDraw.Draw(seal).rectangle((x0 + 8, y0 + 14, x1 - 8, y0 + 48), fill=255)
    fill(img, ImageChops.multiply(seal, bag), hexc("#a4a7a6"), 0.8)
    tag = new_mask(size)
    ImageDraw.Draw(tag).rounded_rectangle((x0 + 36, y0 + 150, x1 - 36, y0 + 360), radius=10, fill=255)
    fill(img, tag, hexc("#f6f3e8"))
    band = new_mask(size)
    ImageDraw.Draw(band).rectangle((x0 + 36, y0 + 150, x1 - 36, y0 + 210), fill=255)
    fill(img, ImageChops.multiply(band, tag), hexc("#3f7a2a"))
    draw = ImageDraw.Draw(img)
    draw.text(((x0 + x1) / 2, y0 + 180), label, fill=(250, 250, 240), font=label_font(34), anchor="mm")
    draw.text(((x0 + x1) / 2, y0 + 270), "1 kg", fill=hexc("#2f3a2a"), font=label_font(54), anchor="mm")
    shade(img, bag, 30, light=(255, 255, 255), dark=(40, 45, 45), highlight=0.6, shadow=0.5, rim=0.5)


def scene_moringa_packed(rng: random.Random) -> Image.Image:
    """Moringa powder packed for export: foil bags standing in an open carton on the packing table."""
    size = LANDSCAPE
    w, h = size
    img = wood(size, rng, hexc("#9a6b40"), plank=240)
    glow(img, (300, 150), 800, (255, 240, 210), 0.2)
    carton = polygon_mask(size, [(180, 430), (1420, 430), (1480, 1120), (120, 1120)])
    drop_shadow(img, carton, (30, 40), 36, 0.55)
    fill(img, carton, gradient(size, [(0.35, hexc("#c89a62")), (1, hexc("#a97a45"))]))
    img.paste(modulate(img, fractal(rng, size, [120, 20]), 14), (0, 0), carton)
    inside = polygon_mask(size, [(240, 470), (1360, 470), (1330, 700), (270, 700)])
    fill(img, inside, hexc("#6f4b26"))
    for flap in ([(180, 430), (1420, 430), (1500, 330), (100, 330)],):
        mask = polygon_mask(size, flap)
        fill(img, mask, hexc("#d5aa72"))
        shade(img, mask, 20, highlight=0.4, shadow=0.3, rim=0.2)
    for i, x in enumerate((300, 650, 1000)):
        foil_bag(img, rng, (x, 250 + (i % 2) * 20, x + 300, 820 + (i % 2) * 20), "MORINGA")
    front = polygon_mask(size, [(150, 760), (1450, 760), (1480, 1120), (120, 1120)])
    fill(img, front, gradient(size, [(0.6, hexc("#c79862")), (1, hexc("#a2733f"))]))
    img.paste(modulate(img, fractal(rng, size, [140, 24]), 12), (0, 0), front)
    draw = ImageDraw.Draw(img)
    draw.text((800, 880), "20 kg NET · PRODUCT OF INDONESIA", fill=hexc("#3b2a18"), font=label_font(46), anchor="mm")
    draw.text((800, 960), "KEEP DRY · THIS SIDE UP", fill=hexc("#3b2a18"), font=label_font(40), anchor="mm")
    tape = new_mask(size)
    ImageDraw.Draw(tape).rectangle((760, 760, 840, 1120), fill=255)
    fill(img, tape, hexc("#d9c9a3"), 0.7)
    return finish(img, rng, strokes=60000, length=(5, 14), width=(2, 4), grain=9, vignette_strength=0.4)


def scene_oil_drums(rng: random.Random) -> Image.Image:
    """Clove leaf oil ready to ship: sealed blue drums on pallets in the distillery's store."""
    size = LANDSCAPE
    w, h = size
    img = gradient(size, [(0, hexc("#d8d2c4")), (0.58, hexc("#c4bcab")), (0.59, hexc("#8e877a")), (1, hexc("#6f695e"))])
    img = modulate(img, fractal(rng, size, [200, 40]), 10)
    glow(img, (1300, 120), 600, (255, 250, 235), 0.35)
    draw = ImageDraw.Draw(img)
    for y in range(90, 660, 120):
        draw.line((0, y, w, y + 6), fill=hexc("#bdb4a2"), width=3)
    for i, cx in enumerate((340, 800, 1260)):
        pallet = new_mask(size)
        ImageDraw.Draw(pallet).rectangle((cx - 230, 1010, cx + 230, 1080), fill=255)
        fill(img, pallet, hexc("#b48a55"))
        shade(img, pallet, 10, highlight=0.3, shadow=0.4, rim=0.2)
        drum = new_mask(size)
        ImageDraw.Draw(drum).rounded_rectangle((cx - 190, 330 + i * 6, cx + 190, 1015), radius=40, fill=255)
        drop_shadow(img, drum, (28, 18), 26, 0.45)
        fill(img, drum, gradient(size, [(0, hexc("#1f5fa8")), (0.45, hexc("#3f86d0")), (1, hexc("#174a86"))], horizontal=True))
        img.paste(modulate(img, fractal(rng, size, [80, 16]), 10), (0, 0), drum)
        ribs = new_mask(size)
        for ry in (520, 760):
            ImageDraw.Draw(ribs).rectangle((cx - 190, ry + i * 6, cx + 190, ry + 18 + i * 6), fill=255)
        fill(img, ImageChops.multiply(ribs, drum), hexc("#123b6c"), 0.6)
        label = new_mask(size)
        ImageDraw.Draw(label).rectangle((cx - 120, 590 + i * 6, cx + 120, 720 + i * 6), fill=255)
        fill(img, label, hexc("#f4f0e2"))
        draw = ImageDraw.Draw(img)
        draw.text((cx, 625 + i * 6), "CLOVE LEAF OIL", fill=hexc("#3a2a1a"), font=label_font(30), anchor="mm")
        draw.text((cx, 680 + i * 6), f"LOT 26-10-{i + 1:02d} · 180 kg", fill=hexc("#3a2a1a"), font=label_font(26), anchor="mm")
        shade(img, drum, 40, light=(230, 240, 255), dark=(10, 20, 40), highlight=0.55, shadow=0.55, rim=0.4)
    return finish(img, rng, strokes=55000, length=(5, 14), width=(2, 4), grain=8, vignette_strength=0.45)


def avocado_outline(cx: float, cy: float, scale: float, angle: float) -> list[Point]:
    """Pear-shaped avocado outline, stem end towards ``angle``."""
    pts = []
    ca, sa = math.cos(math.radians(angle)), math.sin(math.radians(angle))
    for i in range(120):
        t = 2 * math.pi * i / 120
        x = math.cos(t)
        y = math.sin(t)
        r = 1.0
        width = 0.72 + 0.28 * (1 - x) / 2 + 0.04 * x * x  # narrower at the neck (x = +1)
        px_, py_ = x * 1.28 * r * scale, y * width * scale
        pts.append((cx + px_ * ca - py_ * sa, cy + px_ * sa + py_ * ca))
    return pts


def scene_avocado(rng: random.Random) -> Image.Image:
    """Whole dark green avocados and a halved one with its seed on a wooden board."""
    size = LANDSCAPE
    img = wood(size, rng, hexc("#5b3a22"), plank=210)
    board = polygon_mask(size, [(150, 260), (1500, 200), (1540, 1080), (110, 1130)])
    drop_shadow(img, board, (24, 34), 30, 0.6)
    fill(img, board, wood(size, rng, hexc("#b98550"), plank=1400, dark=0.4, vertical=False))
    shade(img, board, 14, highlight=0.3, shadow=0.5, rim=0.2)
    glow(img, (400, 250), 600, (255, 240, 210), 0.2)
    skin = hexc("#2f4a1c")
    for cx, cy, sc, a in ((1180, 430, 190, -120), (1330, 760, 180, 200), (330, 470, 175, -40)):
        mask = polygon_mask(size, avocado_outline(cx, cy, sc, a))
        drop_shadow(img, mask, (26, 36), 22, 0.6)
        fill(img, mask, skin)
        img.paste(modulate(img, fractal(rng, size, [22, 6]), 20), (0, 0), mask)
        draw = ImageDraw.Draw(img)
        for _ in range(260):  # lenticels on the skin
            x, y = rng.gauss(cx, sc * 0.7), rng.gauss(cy, sc * 0.6)
            if mask.getpixel((int(min(max(x, 0), 1599)), int(min(max(y, 0), 1199)))):
                draw.ellipse((x - 2, y - 1.5, x + 2, y + 1.5), fill=vary(hexc("#6f8a3a"), rng, 12))
        shade(img, mask, 48, light=(200, 230, 160), dark=(5, 12, 4), highlight=0.55, shadow=0.75, rim=0.6)
        glow(img, (cx - sc * 0.35, cy - sc * 0.45), sc * 0.28, (240, 255, 230), 0.35, squash=0.6)
        ca, sa = math.cos(math.radians(a)), math.sin(math.radians(a))
        sx, sy = cx + ca * sc * 1.25, cy + sa * sc * 1.25
        draw = ImageDraw.Draw(img)
        draw.ellipse((sx - 16, sy - 16, sx + 16, sy + 16), fill=hexc("#4a3520"))
        draw.line((sx, sy, sx + ca * 34, sy + sa * 34), fill=hexc("#5b4228"), width=12)
    for k, (cx, cy, a, seed) in enumerate(((720, 640, -95, True), (760, 960, 60, False))):
        outline = avocado_outline(cx, cy, 200, a)
        mask = polygon_mask(size, outline)
        drop_shadow(img, mask, (20, 30), 20, 0.6)
        fill(img, mask, skin)
        flesh_pts = avocado_outline(cx, cy, 186, a)
        flesh = polygon_mask(size, flesh_pts)
        fill(img, flesh, hexc("#8fbf3c"))
        for f, color in ((0.9, hexc("#b7d452")), (0.78, hexc("#d6e070")), (0.62, hexc("#e8e592")), (0.48, hexc("#efe8a4"))):
            inner = polygon_mask(size, avocado_outline(cx, cy, 186 * f, a))
            fill(img, inner.filter(ImageFilter.GaussianBlur(18)), color, 0.9)
        img.paste(modulate(img, noise(rng, size, 6), 14), (0, 0), flesh)
        ca, sa = math.cos(math.radians(a)), math.sin(math.radians(a))
        px_, py_ = cx - ca * 40, cy - sa * 40
        if seed:
            pit = polygon_mask(size, ellipse_points(px_, py_, 92, 84, a))
            drop_shadow(img, pit, (10, 14), 10, 0.5)
            fill(img, pit, hexc("#7a4a26"))
            img.paste(modulate(img, fractal(rng, size, [24, 6]), 36), (0, 0), pit)
            shade(img, pit, 28, light=(255, 220, 170), dark=(30, 12, 4), highlight=0.7, shadow=0.7, rim=0.6)
            glow(img, (px_ - 28, py_ - 30), 26, (255, 240, 220), 0.55)
        else:
            hollow = polygon_mask(size, ellipse_points(px_, py_, 90, 82, a))
            fill(img, hollow, hexc("#d8d37a"))
            shade(img, hollow, 24, light=(255, 255, 220), dark=(90, 80, 20), highlight=0.2, shadow=0.2, rim=0.2,
                  direction=(-1, -1))
        shade(img, mask, 16, light=(255, 255, 230), dark=(20, 30, 5), highlight=0.25, shadow=0.35, rim=0.2)
    # a small kitchen knife
    knife = polygon_mask(size, [(380, 1020), (720, 1090), (735, 1112), (380, 1060)])
    handle = polygon_mask(size, [(170, 985), (384, 1018), (384, 1062), (160, 1030)])
    for m in (knife, handle):
        drop_shadow(img, m, (14, 18), 10, 0.5)
    fill(img, knife, gradient(size, [(0, hexc("#e6e9ea")), (1, hexc("#8d9396"))]))
    fill(img, handle, hexc("#3a2716"))
    shade(img, handle, 8, highlight=0.4, shadow=0.5, rim=0.3)
    return finish(img, rng, strokes=60000, length=(5, 15), width=(2, 4), grain=8, vignette_strength=0.45)


def banana(img: Image.Image, rng: random.Random, base: Point, tip: Point, bulge: float, thick: float) -> None:
    """One green banana finger: a narrow stalk, a curved angular body, a blunt dark tip."""
    size = img.size
    mx, my = (base[0] + tip[0]) / 2, (base[1] + tip[1]) / 2
    nx, ny = -(tip[1] - base[1]), tip[0] - base[0]
    norm = math.hypot(nx, ny)
    ctrl = (mx + nx / norm * bulge, my + ny / norm * bulge)
    n = 60
    path = bezier([base, ctrl, tip], n)

    def width(i: int) -> float:
        u = i / n
        if u < 0.18:  # the stalk widening into the fruit
            return thick * (0.32 + 0.68 * (u / 0.18) ** 1.5)
        if u > 0.88:  # the blunt end
            return thick * (0.35 + 0.65 * ((1 - u) / 0.12) ** 0.6)
        return thick * (1 - 0.08 * abs(u - 0.5) * 2)

    left, right = [], []
    for i, (x, y) in enumerate(path):
        a = path[max(0, i - 1)]
        b = path[min(n, i + 1)]
        dx, dy = b[0] - a[0], b[1] - a[1]
        L = math.hypot(dx, dy) or 1
        left.append((x - dy / L * width(i) / 2, y + dx / L * width(i) / 2))
        right.append((x + dy / L * width(i) / 2, y - dx / L * width(i) / 2))
    mask = polygon_mask(size, left + right[::-1])
    drop_shadow(img, mask, (18, 26), 14, 0.5)
    fill(img, mask, gradient(size, [(0, hexc("#9dbb4a")), (1, hexc("#6f9a2e"))]))
    img.paste(modulate(img, noise(rng, size, 14), 16), (0, 0), mask)
    shade(img, mask, thick / 4, light=(240, 250, 180), dark=(20, 40, 5), highlight=0.6, shadow=0.7, rim=0.55)
    draw = ImageDraw.Draw(img)
    ridge = [(x + (l[0] - x) * 0.35, y + (l[1] - y) * 0.35) for (x, y), l in zip(path, left)]
    draw.line(ridge[10:54], fill=hexc("#c9dc8a"), width=3, joint="curve")
    ridge = [(x + (r_[0] - x) * 0.3, y + (r_[1] - y) * 0.3) for (x, y), r_ in zip(path, right)]
    draw.line(ridge[10:54], fill=hexc("#55791f"), width=3, joint="curve")
    tx, ty = path[-1]
    draw.ellipse((tx - 11, ty - 11, tx + 11, ty + 11), fill=hexc("#2e2314"))
    draw.ellipse((tx - 6, ty - 6, tx + 4, ty + 4), fill=hexc("#4a3a22"))


def scene_banana_flour(rng: random.Random) -> Image.Image:
    """Pale banana flour in an open kraft paper sack, green bananas beside it."""
    size = LANDSCAPE
    w, h = size
    img = gradient(size, [(0, hexc("#d9cdb8")), (0.45, hexc("#c2b49a")), (0.46, hexc("#9c7650")), (1, hexc("#7d5a38"))])
    table = wood((w, h - 550), rng, hexc("#a47c52"), plank=180)
    img.paste(table, (0, 550))
    glow(img, (300, 150), 600, (255, 250, 235), 0.3)
    # sack body
    left, right, top, bottom = 360, 1000, 360, 1120
    body_pts = bezier([(left, top + 40), (left - 40, 700), (left - 10, bottom)], 20)
    body_pts += [(left + 40, bottom + 20), (right - 40, bottom + 20)]
    body_pts += bezier([(right + 10, bottom), (right + 40, 700), (right, top + 40)], 20)
    sack = polygon_mask(size, body_pts)
    drop_shadow(img, sack, (40, 24), 30, 0.55)
    fill(img, sack, hexc("#b98f5c"))
    img.paste(modulate(img, noise(rng, size, 2.5), 26), (0, 0), sack)
    creases = new_mask(size)
    cd = ImageDraw.Draw(creases)
    for _ in range(9):  # soft paper wrinkles
        x = rng.uniform(left + 40, right - 40)
        y = rng.uniform(top + 140, bottom - 160)
        L = rng.uniform(120, 300)
        a = rng.uniform(1.3, 1.85)
        cd.line((x, y, x + math.cos(a) * L, y + math.sin(a) * L), fill=255, width=16)
    creases = ImageChops.multiply(creases.filter(ImageFilter.GaussianBlur(7)), sack)
    fill(img, creases, (255, 236, 200), 0.35)
    fill(img, ImageChops.multiply(shifted(creases, 12, 0), sack), (90, 60, 30), 0.3)
    shade(img, sack, 60, light=(255, 235, 190), highlight=0.45, shadow=0.7, rim=0.35)
    # rolled rim and the flour inside
    rim_outer = polygon_mask(size, ellipse_points(680, top + 40, 335, 95))
    rim_inner = polygon_mask(size, ellipse_points(680, top + 48, 290, 72))
    fill(img, rim_outer, hexc("#c9a16b"))
    shade(img, rim_outer, 14, highlight=0.5, shadow=0.5, rim=0.4)
    flour = ImageChops.multiply(rim_inner, rim_inner)
    fill(img, flour, hexc("#efe6d2"))
    mound = polygon_mask(size, bezier([(400, top + 60), (560, top - 120), (820, top - 110), (960, top + 60)], 40)
                         + ellipse_points(680, top + 60, 280, 60)[0:61])
    mound = ImageChops.lighter(mound, rim_inner)
    fill(img, mound, gradient(size, [(0.15, hexc("#f6efe0")), (0.4, hexc("#e9dcc2"))]))
    img.paste(modulate(img, noise(rng, size, 1.4), 22), (0, 0), mound)
    shade(img, mound, 50, light=(255, 255, 250), dark=(120, 100, 70), highlight=0.5, shadow=0.45, rim=0.15)
    # wooden scoop in the flour
    scoop = polygon_mask(size, ellipse_points(760, top - 10, 90, 50, -15))
    handle = polygon_mask(size, tapered([(830, top - 30), (990, top - 150), (1060, top - 210)], 34, 26))
    for m, c in ((handle, hexc("#9c6a3a")), (scoop, hexc("#a8743f"))):
        drop_shadow(img, m, (14, 14), 10, 0.4)
        fill(img, m, c)
        shade(img, m, 10, highlight=0.5, shadow=0.5, rim=0.4)
    fill(img, polygon_mask(size, ellipse_points(762, top - 20, 72, 34, -15)), hexc("#f1e9d8"))
    # spilled flour
    spill = new_mask(size)
    sd = ImageDraw.Draw(spill)
    for _ in range(400):
        x, y = rng.gauss(280, 120), rng.gauss(1100, 40)
        r = rng.uniform(3, 14)
        sd.ellipse((x - r, y - r * 0.45, x + r, y + r * 0.45), fill=rng.randint(80, 255))
    fill(img, spill.filter(ImageFilter.GaussianBlur(4)), hexc("#f0e6d0"), 0.85)
    # a hand of green bananas fanning out from its crown
    crown_xy = (1130, 900)
    for i, (tip, bend) in enumerate((((1470, 470), 70), ((1540, 570), 75), ((1575, 690), 70), ((1560, 810), 60),
                                      ((1520, 930), 50))):
        base = (crown_xy[0] + 20, crown_xy[1] - 60 + i * 26)
        banana(img, rng, base, tip, bend, 104)
    crown = polygon_mask(size, tapered(bezier([(1040, 960), (1090, 920), (1160, 880)], 12), 70, 110))
    drop_shadow(img, crown, (16, 22), 12, 0.5)
    fill(img, crown, hexc("#7c8a46"))
    img.paste(modulate(img, noise(rng, size, 10), 30), (0, 0), crown)
    shade(img, crown, 14, highlight=0.45, shadow=0.6, rim=0.5)
    draw = ImageDraw.Draw(img)
    draw.ellipse((1020, 930, 1064, 990), fill=hexc("#4c4a2a"))
    return finish(img, rng, strokes=60000, length=(5, 15), width=(2, 4), grain=8, vignette_strength=0.4)


def bean_sprites(rng: random.Random, count: int) -> list[tuple[Image.Image, Image.Image]]:
    """Green coffee beans: blue-green ovals with the centre cut."""
    sprites = []
    palette = [hexc("#9fae86"), hexc("#8ea27a"), hexc("#a9b58c"), hexc("#84997a"), hexc("#b3b88f"), hexc("#98a98a")]
    for i in range(count):
        L, W = rng.randint(58, 70), rng.randint(42, 50)
        tile, mask = sprite_canvas(L + 8, W + 8)
        ImageDraw.Draw(mask).ellipse((4, 4, L + 4, W + 4), fill=255)
        color = vary(palette[i % len(palette)], rng, 10)
        fill(tile, mask, color)
        shade(tile, mask, 7, light=(240, 245, 220), dark=(30, 40, 25), highlight=0.6, shadow=0.7, rim=0.65)
        cut = bezier([(8, W / 2 + 4), (L * 0.35, W / 2 - 4), (L * 0.65, W / 2 + 12), (L, W / 2 + 3)], 20)
        ImageDraw.Draw(tile).line(cut, fill=mix(color, (20, 30, 15), 0.6), width=3, joint="curve")
        ImageDraw.Draw(tile).line([(x, y + 2) for x, y in cut], fill=mix(color, (255, 255, 230), 0.35), width=1)
        sprites.append((tile, mask))
    return sprites


def jute(size: tuple[int, int], rng: random.Random, base: Color) -> Image.Image:
    """Coarse jute weave."""
    img = Image.new("RGB", size, base)
    draw = ImageDraw.Draw(img)
    for x in range(0, size[0], 9):
        draw.line((x, 0, x + rng.uniform(-6, 6), size[1]), fill=vary(mix(base, (0, 0, 0), 0.18), rng, 10), width=3)
    for y in range(0, size[1], 9):
        draw.line((0, y, size[0], y + rng.uniform(-6, 6)), fill=vary(mix(base, (255, 230, 180), 0.15), rng, 10), width=3)
    img = modulate(img, noise(rng, size, 3), 40)
    for _ in range(500):  # loose fibres
        x, y = rng.uniform(0, size[0]), rng.uniform(0, size[1])
        a, L = rng.uniform(0, math.pi), rng.uniform(10, 40)
        draw = ImageDraw.Draw(img)
        draw.line((x, y, x + math.cos(a) * L, y + math.sin(a) * L), fill=vary(mix(base, (255, 235, 190), 0.3), rng, 12), width=1)
    return img


def scene_coffee(rng: random.Random) -> Image.Image:
    """Bluish-green Arabica beans heaped in an open jute sack."""
    size = LANDSCAPE
    w, h = size
    img = gradient(size, [(0, hexc("#2f2a24")), (1, hexc("#4a4036"))])
    img = modulate(img, fractal(rng, size, [200, 50]), 24)
    sack_pts = [(40, 330)] + bezier([(40, 330), (300, 180), (1300, 180), (1560, 330)], 40) + [(1600, h), (0, h)]
    sack = polygon_mask(size, sack_pts)
    drop_shadow(img, sack, (0, -10), 30, 0.5)
    fill(img, sack, jute(size, rng, hexc("#a8875a")))
    shade(img, sack, 70, light=(255, 230, 180), highlight=0.35, shadow=0.6, rim=0.3)
    fold_pts = [(40, 330)] + bezier([(40, 330), (300, 180), (1300, 180), (1560, 330)], 40)
    fold_pts += [(1530, 420)] + bezier([(1500, 420), (1300, 300), (300, 300), (70, 420)], 40)
    fold = polygon_mask(size, fold_pts)
    fill(img, fold, jute(size, rng, hexc("#b89a6a")))
    shade(img, fold, 20, light=(255, 240, 200), highlight=0.45, shadow=0.6, rim=0.4)
    sprites = bean_sprites(rng, 36)
    heap = polygon_mask(size, bezier([(150, 470), (330, 110), (1270, 110), (1450, 470)], 40)[::-1]
                        + ellipse_points(800, 470, 650, 180)[0:61])
    drop_shadow(img, heap, (0, 24), 20, 0.5)
    fill(img, heap, hexc("#4d5a40"))
    beans = []
    while len(beans) < 2300:
        x, y = rng.uniform(140, 1460), rng.uniform(110, 660)
        if heap.getpixel((int(x), int(y))):
            beans.append((y, x))
    beans.sort()
    for y, x in beans:
        tile, mask = sprites[rng.randrange(len(sprites))]
        stamp(img, tile, mask, x, y, rng.uniform(0, 360))
    rim_front = ImageChops.subtract(polygon_mask(size, [(0, 470), (w, 470), (w, h), (0, h)]), heap)
    fill(img, ImageChops.multiply(rim_front, sack), jute(size, rng, hexc("#a8875a")))
    shade(img, ImageChops.multiply(rim_front, sack), 70, light=(255, 230, 180), highlight=0.35, shadow=0.6, rim=0.3)
    sides = ImageChops.multiply(ImageOps.invert(polygon_mask(size, ellipse_points(760, 330, 560, 200)).filter(
        ImageFilter.GaussianBlur(90))), heap)
    fill(img, sides, (16, 20, 10), 0.55)
    glow(img, (680, 250), 320, (250, 255, 235), 0.2, squash=0.5)
    return finish(img, rng, strokes=45000, length=(4, 10), width=(2, 3), grain=8, vignette_strength=0.5, soften=0.8)


def coconut_bowl(img: Image.Image, rng: random.Random, cx: float, cy: float, rx: float, ry: float, depth: float) -> Image.Image:
    """Half a coconut shell used as a bowl; returns the mask of its opening."""
    size = img.size
    belly = bezier([(cx + rx, cy), (cx + rx * 1.02, cy + depth * 1.1), (cx - rx * 1.02, cy + depth * 1.1), (cx - rx, cy)], 50)
    body = polygon_mask(size, belly, ellipse_points(cx, cy, rx, ry))
    drop_shadow(img, body, (30, 36), 28, 0.6)
    fill(img, body, hexc("#5a3a22"))
    fibre = Image.new("RGB", size, hexc("#5a3a22"))
    fd = ImageDraw.Draw(fibre)
    for _ in range(700):
        x = rng.uniform(cx - rx, cx + rx)
        y = rng.uniform(cy, cy + depth)
        L = rng.uniform(20, 60)
        fd.line((x, y, x + rng.uniform(-6, 6), y + L), fill=vary(rng.choice([hexc("#7b5333"), hexc("#3e2615"), hexc("#8d6440")]), rng, 10), width=2)
    fill(img, body, fibre)
    shade(img, body, 40, light=(255, 210, 160), highlight=0.5, shadow=0.75, rim=0.5)
    rim = polygon_mask(size, ellipse_points(cx, cy, rx, ry))
    fill(img, rim, hexc("#3a2414"))
    inner = polygon_mask(size, ellipse_points(cx, cy + 3, rx * 0.94, ry * 0.86))
    return inner


def scene_coconut_sugar(rng: random.Random) -> Image.Image:
    """Golden-brown granulated coconut sugar in a coconut-shell bowl, with a wooden spoon."""
    size = LANDSCAPE
    w, h = size
    img = wood(size, rng, hexc("#4e3322"), plank=240)
    glow(img, (350, 200), 650, (255, 230, 190), 0.22)
    # half a fresh coconut in the corner: brown husk, white flesh
    husk = polygon_mask(size, ellipse_points(1390, 200, 250, 215))
    drop_shadow(img, husk, (26, 34), 26, 0.55)
    fill(img, husk, hexc("#6b4628"))
    img.paste(modulate(img, noise(rng, size, 4), 50), (0, 0), husk)
    shade(img, husk, 30, highlight=0.4, shadow=0.6, rim=0.5)
    meat = polygon_mask(size, ellipse_points(1385, 196, 205, 176))
    fill(img, meat, hexc("#f4efe4"))
    shade(img, meat, 20, light=(255, 255, 255), dark=(120, 100, 80), highlight=0.3, shadow=0.4, rim=0.3)
    hollow = polygon_mask(size, ellipse_points(1380, 192, 170, 144))
    fill(img, hollow, hexc("#d9d0bf"))
    shade(img, hollow, 30, light=(255, 255, 250), dark=(110, 95, 75), highlight=0.4, shadow=0.4, rim=0.2,
          direction=(-1, -1))
    inner = coconut_bowl(img, rng, 720, 560, 420, 170, 330)
    granule = gradient(size, [(0.2, hexc("#c98c45")), (0.6, hexc("#a9692c"))])
    mound = polygon_mask(size, bezier([(320, 580), (480, 330), (960, 330), (1120, 580)], 40)
                         + [(1120, 600), (320, 600)])
    mound = ImageChops.multiply(ImageChops.lighter(mound, inner), polygon_mask(size, [(0, 0), (w, 0), (w, 690), (0, 690)]))
    fill(img, mound, granule)
    img.paste(modulate(img, noise(rng, size, 1.5), 90), (0, 0), mound)
    img.paste(modulate(img, noise(rng, size, 5), 40), (0, 0), mound)
    shade(img, mound, 60, light=(255, 225, 160), dark=(60, 30, 10), highlight=0.5, shadow=0.55, rim=0.2)
    draw = ImageDraw.Draw(img)
    for _ in range(3000):  # sparkle of sugar crystals
        x, y = rng.uniform(340, 1100), rng.uniform(350, 680)
        if mound.getpixel((int(x), int(y))) > 200:
            draw.point((x, y), fill=(255, 230, 180))
    # wooden spoon with sugar, lying on the table
    handle = polygon_mask(size, tapered([(1040, 1080), (1300, 1010), (1560, 930)], 40, 30))
    bowl_ = polygon_mask(size, ellipse_points(960, 1100, 120, 70, -14))
    for m in (handle, bowl_):
        drop_shadow(img, m, (16, 20), 12, 0.5)
        fill(img, m, hexc("#b98553"))
        img.paste(modulate(img, noise(rng, size, 6), 24), (0, 0), m)
        shade(img, m, 14, highlight=0.5, shadow=0.6, rim=0.3)
    heap = polygon_mask(size, ellipse_points(958, 1094, 100, 54, -14))
    fill(img, heap, hexc("#b8783a"))
    img.paste(modulate(img, noise(rng, size, 1.5), 90), (0, 0), heap)
    shade(img, heap, 20, light=(255, 220, 160), highlight=0.5, shadow=0.5, rim=0.2)
    draw = ImageDraw.Draw(img)
    for _ in range(700):  # spilled granules
        x, y = rng.gauss(640, 260), rng.gauss(1010, 60)
        r = rng.uniform(1.5, 4)
        draw.ellipse((x - r, y - r, x + r, y + r), fill=vary(hexc("#b07234"), rng, 18))
    return finish(img, rng, strokes=60000, length=(5, 14), width=(2, 4), grain=8, vignette_strength=0.45)


def scene_sugar_blocks(rng: random.Random) -> Image.Image:
    """Cylinders of coconut sugar stacked on a banana leaf."""
    size = LANDSCAPE
    img = wood(size, rng, hexc("#3f2a1c"), plank=260)
    glow(img, (300, 200), 650, (255, 230, 190), 0.2)
    leaf_pts = leaf_points(800, 640, 1900, 900, -12, point=0.6)
    leaf = polygon_mask(size, leaf_pts)
    drop_shadow(img, leaf, (20, 30), 20, 0.5)
    fill(img, leaf, gradient(size, [(0, hexc("#6fa43a")), (1, hexc("#3f7423"))], horizontal=True))
    veins = img.copy()
    draw = ImageDraw.Draw(veins)
    ca, sa = math.cos(math.radians(-12)), math.sin(math.radians(-12))
    for k in range(-60, 61):  # parallel side veins of the banana leaf, drawn only inside the blade
        u = k / 60 * 860
        x0, y0 = 800 + ca * u, 640 + sa * u
        for side in (-1, 1):
            x1, y1 = x0 + (sa * -side) * 460 + ca * 120, y0 + (ca * side) * 460 + sa * 120
            draw.line((x0, y0, x1, y1), fill=mix(hexc("#5a9030"), (210, 240, 150), 0.25 if k % 3 else 0.4), width=2)
    draw.line((800 - ca * 950, 640 - sa * 950, 800 + ca * 950, 640 + sa * 950), fill=hexc("#b8cf7a"), width=14)
    img.paste(veins, (0, 0), leaf)
    shade(img, leaf, 40, highlight=0.3, shadow=0.45, rim=0.3)
    blocks = [(560, 500), (800, 470), (1040, 500), (440, 700), (680, 690), (920, 690), (1160, 700), (570, 430 - 150),
              (810, 410 - 150), (1040, 430 - 150)]
    blocks.sort(key=lambda p: p[1])
    for i, (x, y) in enumerate(blocks):
        rx, ry, tall = 118, 46, 150
        color = vary(hexc("#8a4f22"), rng, 14)
        side = polygon_mask(size, [(x - rx, y)] + ellipse_points(x, y + tall, rx, ry)[0:61] + [(x + rx, y)])
        side = ImageChops.lighter(side, polygon_mask(size, [(x - rx, y), (x + rx, y), (x + rx, y + tall), (x - rx, y + tall)]))
        drop_shadow(img, side, (24, 26), 16, 0.55)
        body = gradient(size, [(0, mix(color, (0, 0, 0), 0.45)), (0.35, mix(color, (255, 200, 140), 0.2)), (1, mix(color, (0, 0, 0), 0.55))], horizontal=True)
        band = Image.new("RGB", size)
        band.paste(body.resize((2 * rx, size[1])), (x - rx, 0))
        fill(img, side, band)
        img.paste(modulate(img, noise(rng, size, 3), 50), (0, 0), side)
        top = polygon_mask(size, ellipse_points(x, y, rx, ry))
        fill(img, top, mix(color, (230, 160, 90), 0.35))
        img.paste(modulate(img, noise(rng, size, 2), 70), (0, 0), top)
        shade(img, top, 14, light=(255, 220, 170), highlight=0.45, shadow=0.35, rim=0.4)
    draw = ImageDraw.Draw(img)
    chunk = polygon_mask(size, [(1290, 930), (1390, 900), (1430, 980), (1340, 1030), (1280, 1000)])
    drop_shadow(img, chunk, (14, 18), 10, 0.5)
    fill(img, chunk, hexc("#95582a"))
    img.paste(modulate(img, noise(rng, size, 2), 70), (0, 0), chunk)
    shade(img, chunk, 12, highlight=0.5, shadow=0.6, rim=0.4)
    return finish(img, rng, strokes=60000, length=(5, 15), width=(2, 4), grain=8, vignette_strength=0.45)


def seaweed_clump(img: Image.Image, rng: random.Random, cx: float, cy: float, spread: float, palette: list[Color],
                  thickness: tuple[float, float]) -> None:
    """A tangle of branching seaweed thalli, like cottonii drying on a rack."""
    draw = ImageDraw.Draw(img)
    for _ in range(int(spread * 0.9)):
        x, y = rng.gauss(cx, spread * 0.55), rng.gauss(cy, spread * 0.14)
        a = rng.uniform(0, 2 * math.pi)
        color = vary(rng.choice(palette), rng, 14)
        w = rng.uniform(*thickness)
        pts = [(x, y)]
        for _ in range(rng.randint(3, 6)):
            a += rng.uniform(-0.9, 0.9)
            L = rng.uniform(10, 26)
            x, y = x + math.cos(a) * L, y + math.sin(a) * L * 0.6
            pts.append((x, y))
        thick_line(draw, pts, w + 3, mix(color, (0, 0, 0), 0.45))
        thick_line(draw, pts, w, color)
        thick_line(draw, [(px - w * 0.2, py - w * 0.25) for px, py in pts], max(1.0, w * 0.35), mix(color, (255, 245, 220), 0.4))
        if rng.random() < 0.3:  # salt crust
            px, py = pts[-1]
            draw.ellipse((px - 3, py - 3, px + 3, py + 3), fill=(235, 232, 222))


def rack(img: Image.Image, rng: random.Random, x0: float, x1: float, y_top: float, height: float, depth: float,
         palette: list[Color], thickness: tuple[float, float]) -> None:
    """A bamboo drying rack (para-para) loaded with seaweed along its top."""
    draw = ImageDraw.Draw(img)
    pole = hexc("#b79a5e")
    for x in [x0 + (x1 - x0) * k / 6 for k in range(7)]:
        for off in (0, depth):
            thick_line(draw, [(x + off * 0.4, y_top - off), (x + off * 0.4 + rng.uniform(-4, 4), y_top - off + height)],
                       max(3, depth / 10), mix(pole, (0, 0, 0), 0.25))
    shadow = polygon_mask(img.size, [(x0, y_top + height), (x1, y_top + height), (x1 + 80, y_top + height + depth * 0.5),
                                     (x0 + 80, y_top + height + depth * 0.5)])
    fill(img, shadow.filter(ImageFilter.GaussianBlur(12)), (60, 45, 30), 0.45)
    for off in (depth, 0):
        thick_line(draw, [(x0 + off * 0.4, y_top - off), (x1 + off * 0.4, y_top - off)], max(4, depth / 7), pole)
    n = int((x1 - x0) / 40)
    for k in range(n):
        cx = x0 + (x1 - x0) * (k + 0.5) / n + depth * 0.2
        seaweed_clump(img, rng, cx, y_top - depth * 0.5 - 6, 60 + depth * 0.4, palette, thickness)


SEAWEED_COLOURS = [hexc("#7c4a3c"), hexc("#8f5a44"), hexc("#6f7a36"), hexc("#9c8a4a"), hexc("#a66a4a"), hexc("#5d6a2f"),
                   hexc("#b89a62")]


def coast(size: tuple[int, int], rng: random.Random, horizon: float, shore: float, *, sky: list[tuple[float, Color]],
          sea_top: Color, sea_bottom: Color, sand: Color) -> Image.Image:
    """Sky with clouds, a calm sea and a beach, the base of the seaweed and village scenes."""
    w, h = size
    img = gradient(size, sky)
    clouds = fractal(rng, size, [320, 120, 40]).point(lambda v: max(0, v - 140) * 2)
    band = gradient(size, [(0, (255, 255, 255)), (horizon / h, (120, 120, 120)), (horizon / h + 0.01, (0, 0, 0))]).convert("L")
    fill(img, ImageChops.multiply(clouds, band), (255, 255, 252), 0.8)
    sea = polygon_mask(size, [(0, horizon), (w, horizon), (w, shore), (0, shore)])
    fill(img, sea, gradient(size, [(horizon / h, sea_top), (shore / h, sea_bottom)]))
    draw = ImageDraw.Draw(img)
    for _ in range(500):  # glints and ripples
        y = rng.uniform(horizon + 4, shore)
        x = rng.uniform(0, w)
        L = rng.uniform(10, 60) * (y - horizon) / (shore - horizon) + 6
        draw.line((x, y, x + L, y), fill=mix(sea_top, (255, 255, 255), rng.uniform(0.2, 0.6)), width=2)
    beach = polygon_mask(size, [(0, shore)] + [(x, shore + 10 * math.sin(x / 170)) for x in range(0, w + 40, 40)] + [(w, h), (0, h)])
    fill(img, beach, gradient(size, [(shore / h, sand), (1, mix(sand, (0, 0, 0), 0.15))]))
    img.paste(modulate(img, noise(rng, size, 3), 30), (0, 0), beach)
    return img


def scene_seaweed(rng: random.Random) -> Image.Image:
    """Cottonii seaweed drying on bamboo racks by the sea."""
    size = LANDSCAPE
    w, h = size
    img = coast(size, rng, 430, 560, sky=[(0, hexc("#5c9fd6")), (0.35, hexc("#b8d8ee"))], sea_top=hexc("#3f93a8"),
                sea_bottom=hexc("#79c2bf"), sand=hexc("#d9c9a3"))
    hills = polygon_mask(size, [(900, 430)] + [(x, 430 - 60 * math.sin((x - 900) / 700 * math.pi) - 12 * math.sin(x / 40))
                                               for x in range(900, 1620, 20)] + [(w, 430)])
    fill(img, hills, hexc("#6f8c8a"))
    rack(img, rng, 980, 1580, 520, 60, 30, SEAWEED_COLOURS, (4, 7))
    rack(img, rng, -40, 700, 560, 80, 50, SEAWEED_COLOURS, (5, 8))
    rack(img, rng, -60, 1660, 820, 240, 150, SEAWEED_COLOURS, (10, 18))
    return finish(img, rng, strokes=65000, length=(5, 15), width=(2, 4), grain=8, vignette_strength=0.35, soften=0.8)


# --- scenes: villages --------------------------------------------------------------------------------


def stilt_house(img: Image.Image, rng: random.Random, x: float, base: float, width: float, height: float, water: float) -> None:
    """A fisher's wooden house on stilts with a zinc roof."""
    draw = ImageDraw.Draw(img)
    for k in range(6):
        px_ = x + width * k / 5
        draw.line((px_, base, px_, water + 14), fill=hexc("#3b2a1c"), width=7)
    wall = polygon_mask(img.size, [(x, base - height), (x + width, base - height), (x + width, base), (x, base)])
    fill(img, wall, hexc("#8a6240"))
    draw = ImageDraw.Draw(img)
    for k in range(int(height / 12)):
        yy = base - height + k * 12
        draw.line((x, yy, x + width, yy), fill=hexc("#6d4a2f"), width=2)
    draw.rectangle((x + width * 0.2, base - height * 0.7, x + width * 0.36, base - height * 0.3), fill=hexc("#2a1d14"))
    draw.rectangle((x + width * 0.6, base - height * 0.75, x + width * 0.76, base), fill=hexc("#2a1d14"))
    roof = polygon_mask(img.size, [(x - 20, base - height), (x + width / 2, base - height - height * 0.55),
                                   (x + width + 20, base - height)])
    fill(img, roof, hexc("#9aa0a2"))
    draw = ImageDraw.Draw(img)
    for k in range(0, int(width + 40), 10):
        draw.line((x - 20 + k, base - height, x + width / 2, base - height - height * 0.55), fill=hexc("#7d8284"), width=1)
    fill(img, roof, hexc("#9b5a2e"), 0.25)
    shade(img, wall, 10, highlight=0.3, shadow=0.5, rim=0.3)


def mangrove(img: Image.Image, rng: random.Random, x: float, water: float, height: float) -> None:
    """A mangrove tree: arching stilt roots into the water and a dense rounded crown."""
    draw = ImageDraw.Draw(img)
    root_top = water - height * 0.35
    for k in range(9):
        end = x + rng.uniform(-height * 0.45, height * 0.45)
        pts = bezier([(x + rng.uniform(-10, 10), root_top), ((x + end) / 2, root_top - rng.uniform(5, 25)), (end, water + 8)], 16)
        draw.line(pts, fill=hexc("#4a3a2c"), width=5, joint="curve")
    draw.line((x, root_top, x + rng.uniform(-8, 8), water - height * 0.7), fill=hexc("#4a3a2c"), width=14)
    crown = new_mask(img.size)
    cd = ImageDraw.Draw(crown)
    for _ in range(24):
        cx, cy = rng.gauss(x, height * 0.35), rng.gauss(water - height * 0.78, height * 0.13)
        r = rng.uniform(height * 0.12, height * 0.24)
        cd.ellipse((cx - r, cy - r * 0.8, cx + r, cy + r * 0.8), fill=255)
    fill(img, crown, vary(hexc("#2f5a2a"), rng, 10))
    img.paste(modulate(img, noise(rng, img.size, 9), 28), (0, 0), crown)
    shade(img, crown, height * 0.08, light=(190, 230, 140), dark=(5, 20, 5), highlight=0.5, shadow=0.6, rim=0.3)


def reflect(img: Image.Image, water: float, tint: Color) -> Image.Image:
    """Mirror everything above the waterline into the calm water below it, darker and rippled."""
    w, h = img.size
    above = img.crop((0, int(water - (h - water)), w, int(water)))
    mirrored = above.transpose(Image.Transpose.FLIP_TOP_BOTTOM).filter(ImageFilter.GaussianBlur(3))
    mirrored = Image.blend(mirrored, Image.new("RGB", mirrored.size, tint), 0.35)
    out = img.copy()
    out.paste(mirrored, (0, int(water)))
    draw = ImageDraw.Draw(out)
    for k in range(0, h - int(water), 7):
        y = water + k
        draw.line((0, y, w, y), fill=mix(tint, (255, 255, 255), 0.15), width=1)
    return out


def scene_torue(rng: random.Random) -> Image.Image:
    """Morning on the Torue shore: mangroves, stilt houses and a boat on Tomini Bay."""
    size = LANDSCAPE
    w, h = size
    water = 720
    img = gradient(size, [(0, hexc("#6f9cc8")), (0.35, hexc("#e9c9a6")), (0.6, hexc("#f4dcb8")), (1, hexc("#f4dcb8"))])
    glow(img, (1180, 560), 200, (255, 240, 200), 0.8)
    clouds = fractal(rng, size, [300, 100]).point(lambda v: max(0, v - 150) * 2)
    fill(img, ImageChops.multiply(clouds, polygon_mask(size, [(0, 0), (w, 0), (w, 500), (0, 500)])), (255, 236, 215), 0.6)
    far = polygon_mask(size, [(0, water)] + [(x, water - 90 - 50 * math.sin(x / 380) - 20 * math.sin(x / 97)) for x in range(0, w + 20, 20)] + [(w, water)])
    fill(img, far, hexc("#8e9fae"))
    for x in range(-40, w + 80, 120):
        mangrove(img, rng, x + rng.uniform(-30, 30), water, rng.uniform(230, 320))
    stilt_house(img, rng, 880, water - 60, 260, 150, water)
    stilt_house(img, rng, 1230, water - 70, 220, 130, water)
    draw = ImageDraw.Draw(img)
    draw.line((700, water - 55, 880, water - 60), fill=hexc("#5a4330"), width=10)
    for k in range(8):
        draw.line((700 + k * 24, water - 55, 700 + k * 24, water + 10), fill=hexc("#3b2a1c"), width=5)
    img = reflect(img, water, hexc("#4f6f86"))
    boat = polygon_mask(size, [(260, 880), (700, 870), (640, 930), (320, 935)])
    fill(img, boat, hexc("#e8e2d4"))
    fill(img, polygon_mask(size, [(300, 905), (670, 898), (640, 930), (320, 935)]), hexc("#2d6fa3"))
    shade(img, boat, 10, highlight=0.4, shadow=0.5, rim=0.3)
    draw = ImageDraw.Draw(img)
    draw.line((230, 960, 740, 950), fill=hexc("#3b2a1c"), width=5)
    for x in (300, 660):
        draw.line((x, 900, x - 20, 958), fill=hexc("#3b2a1c"), width=5)
    return finish(img, rng, strokes=70000, length=(6, 18), width=(2, 5), grain=7, vignette_strength=0.35)


def moringa_tree(img: Image.Image, rng: random.Random, x: float, ground: float, height: float) -> None:
    """A slender moringa tree with a light, feathery crown."""
    draw = ImageDraw.Draw(img)
    top = (x + rng.uniform(-20, 20), ground - height)
    thick_line(draw, [(x, ground), ((x + top[0]) / 2 + rng.uniform(-10, 10), ground - height / 2), top], height / 22, hexc("#8f8577"))
    for _ in range(5):
        a = rng.uniform(-2.6, -0.5)
        L = height * rng.uniform(0.25, 0.45)
        bx, by = top[0], top[1] + height * rng.uniform(0.05, 0.3)
        ex, ey = bx + math.cos(a) * L, by + math.sin(a) * L
        draw.line((bx, by, ex, ey), fill=hexc("#8f8577"), width=max(2, round(height / 60)))
        for _ in range(220):
            t = rng.random()
            px_, py_ = bx + (ex - bx) * t + rng.gauss(0, height * 0.09), by + (ey - by) * t + rng.gauss(height * 0.08, height * 0.08)
            r = rng.uniform(2, 4) * height / 300
            draw.ellipse((px_ - r * 1.4, py_ - r, px_ + r * 1.4, py_ + r),
                         fill=vary(rng.choice([hexc("#6e9e3a"), hexc("#86b24a"), hexc("#557f2c"), hexc("#a4c464")]), rng, 10))


def scene_pombewe(rng: random.Random) -> Image.Image:
    """Moringa garden and a closed drying house in Pombewe, dry hills of the Palu valley behind."""
    size = LANDSCAPE
    w, h = size
    ground = 640
    img = gradient(size, [(0, hexc("#4f8fd0")), (0.45, hexc("#b9d6ec"))])
    clouds = fractal(rng, size, [260, 90, 30]).point(lambda v: max(0, v - 150) * 3)
    fill(img, ImageChops.multiply(clouds, polygon_mask(size, [(0, 0), (w, 0), (w, 420), (0, 420)])), (255, 255, 255), 0.85)
    for k, (amp, base_y, color) in enumerate(((130, 470, hexc("#9aa6b0")), (110, 540, hexc("#a68f6a")), (70, 610, hexc("#8c8a4e")))):
        phase = rng.uniform(0, 6)
        ridge = [(x, base_y - amp * (0.6 + 0.4 * math.sin(x / (300 - k * 60) + phase)) - 18 * math.sin(x / 53 + phase))
                 for x in range(0, w + 20, 20)]
        mask = polygon_mask(size, [(0, h)] + ridge + [(w, h)])
        fill(img, mask, color)
        img.paste(modulate(img, fractal(rng, size, [120, 30]), 14), (0, 0), mask)
    field = polygon_mask(size, [(0, ground), (w, ground - 20), (w, h), (0, h)])
    fill(img, field, gradient(size, [(ground / h, hexc("#a9a760")), (1, hexc("#7d7a3e"))]))
    img.paste(modulate(img, fractal(rng, size, [80, 20, 4]), 16), (0, 0), field)
    # the drying house: white walls, clear curved roof, racks inside
    house = polygon_mask(size, [(980, 470), (1460, 450), (1460, 640), (980, 650)])
    drop_shadow(img, house, (30, 10), 14, 0.4)
    fill(img, house, hexc("#e6e2d8"))
    roof = polygon_mask(size, bezier([(960, 480), (1100, 370), (1350, 360), (1480, 455)], 30) + [(1480, 470), (960, 490)])
    fill(img, roof, hexc("#cfe0e6"))
    draw = ImageDraw.Draw(img)
    for k in range(10):
        x = 980 + k * 50
        draw.line((x, 472 - k * 2, x, 648 - k * 1), fill=hexc("#b8b2a4"), width=3)
    for k in range(3):
        y = 520 + k * 40
        draw.rectangle((1020, y, 1420, y + 12), fill=hexc("#6d8f3a"))
    draw.rectangle((1180, 540, 1260, 644), fill=hexc("#5b4a3a"))
    shade(img, roof, 20, highlight=0.5, shadow=0.3, rim=0.2)
    shade(img, house, 20, highlight=0.2, shadow=0.4, rim=0.2)
    for row, (y, hgt, count) in enumerate(((660, 170, 11), (760, 240, 8), (980, 380, 5))):
        for k in range(count):
            x = 60 + (w - 120) * (k + 0.5 * (row % 2)) / count + rng.uniform(-20, 20)
            if row < 2 and 950 < x < 1490:
                continue
            moringa_tree(img, rng, x, y, hgt)
    draw = ImageDraw.Draw(img)
    for k in range(18):  # a living fence of posts and wire
        x = k * 95
        draw.line((x, 1080 - k * 3, x + 4, 1170 - k * 3), fill=hexc("#6b5643"), width=8)
    draw.line((0, 1100, w, 1050), fill=hexc("#5b5046"), width=2)
    return finish(img, rng, strokes=70000, length=(6, 18), width=(2, 5), grain=7, vignette_strength=0.35)


def coconut_palm(img: Image.Image, rng: random.Random, x: float, ground: float, height: float, lean: float) -> None:
    """A tall coconut palm: a curved ringed trunk and a crown of arching fronds with coconuts."""
    draw = ImageDraw.Draw(img)
    top = (x + lean, ground - height)
    trunk = bezier([(x, ground), (x + lean * 0.2, ground - height * 0.5), top], 40)
    draw.polygon(tapered(trunk, height / 28, height / 45), fill=hexc("#7a6a58"))
    for k in range(0, len(trunk), 2):
        px_, py_ = trunk[k]
        draw.line((px_ - height / 70, py_, px_ + height / 70, py_ + 2), fill=hexc("#5a4c3e"), width=2)
    for k in range(14):
        a = math.radians(-180 + k * 360 / 14 + rng.uniform(-10, 10))
        L = height * rng.uniform(0.32, 0.42)
        droop = height * rng.uniform(0.12, 0.2)
        end = (top[0] + math.cos(a) * L, top[1] + math.sin(a) * L * 0.45 + droop)
        mid = (top[0] + math.cos(a) * L * 0.55, top[1] + math.sin(a) * L * 0.35 - droop * 0.3)
        rib = bezier([top, mid, end], 24)
        green = vary(hexc("#3f6e2a"), rng, 14)
        draw.line(rib, fill=mix(green, (0, 0, 0), 0.3), width=3, joint="curve")
        for i in range(2, len(rib) - 1):
            px_, py_ = rib[i]
            dx, dy = rib[i + 1][0] - rib[i - 1][0], rib[i + 1][1] - rib[i - 1][1]
            norm = math.hypot(dx, dy) or 1
            leaflet = height * 0.07 * (1 - i / len(rib) * 0.6)
            for side in (-1, 1):
                lx = px_ + (-dy / norm * side) * leaflet * 0.5 + dx / norm * leaflet * 0.6
                ly = py_ + (dx / norm * side) * leaflet * 0.5 + dy / norm * leaflet * 0.6 + leaflet * 0.5
                draw.line((px_, py_, lx, ly), fill=green, width=2)
    for k in range(5):
        cx, cy = top[0] + rng.uniform(-18, 18), top[1] + rng.uniform(6, 26)
        r = height / 55
        draw.ellipse((cx - r, cy - r, cx + r, cy + r), fill=hexc("#6b7a2c"))


def scene_pageraji(rng: random.Random) -> Image.Image:
    """Late afternoon in Pageraji: coconut palms, a smoking sugar kitchen, Mount Slamet in the haze."""
    size = LANDSCAPE
    w, h = size
    img = gradient(size, [(0, hexc("#7fa4c8")), (0.3, hexc("#e9c597")), (0.5, hexc("#f2d3a2"))])
    glow(img, (260, 420), 220, (255, 230, 170), 0.7)
    volcano = polygon_mask(size, [(200, 640)] + bezier([(200, 640), (700, 480), (860, 250), (960, 245)], 30)
                           + bezier([(1020, 248), (1120, 260), (1300, 480), (1700, 640)], 30))
    fill(img, volcano, hexc("#8d97a8"))
    fill(img, volcano, hexc("#f0d3a6"), 0.25)
    hills = polygon_mask(size, [(0, h)] + [(x, 620 - 40 * math.sin(x / 230) - 15 * math.sin(x / 61)) for x in range(0, w + 20, 20)] + [(w, h)])
    fill(img, hills, hexc("#5f7d3e"))
    paddies = polygon_mask(size, [(0, 700), (w, 680), (w, h), (0, h)])
    fill(img, paddies, gradient(size, [(0.55, hexc("#8fb04a")), (1, hexc("#4f7a2a"))]))
    draw = ImageDraw.Draw(img)
    for k in range(9):  # terrace edges
        y = 720 + k * k * 7
        draw.line([(x, y + 8 * math.sin(x / 140 + k)) for x in range(0, w + 40, 40)], fill=hexc("#c9c27a"), width=3)
    img.paste(modulate(img, fractal(rng, size, [60, 12]), 14), (0, 0), paddies)
    # the sugar kitchen: a plank hut with a tiled roof, smoke from the hearth
    hut = polygon_mask(size, [(1000, 700), (1300, 690), (1300, 860), (1000, 870)])
    drop_shadow(img, hut, (30, 10), 14, 0.4)
    fill(img, hut, hexc("#7b5536"))
    draw = ImageDraw.Draw(img)
    for k in range(16):
        draw.line((1000 + k * 19, 700, 1000 + k * 19, 868), fill=hexc("#5c3e26"), width=3)
    draw.rectangle((1120, 760, 1180, 862), fill=hexc("#23170f"))
    glow(img, (1150, 840), 30, (255, 160, 60), 0.7)
    roof = polygon_mask(size, [(970, 705), (1060, 610), (1250, 600), (1330, 695)])
    fill(img, roof, hexc("#9a4a2c"))
    draw = ImageDraw.Draw(img)
    for k in range(9):
        y = 612 + k * 11
        draw.line((1060 - k * 10, y, 1250 + k * 9, y - 2), fill=hexc("#7a3620"), width=2)
    shade(img, roof, 12, highlight=0.3, shadow=0.5, rim=0.3)
    smoke = new_mask(size)
    sd = ImageDraw.Draw(smoke)
    for k in range(40):
        y = 600 - k * 12
        x = 1200 + 30 * math.sin(k / 5) + k * 4
        r = 14 + k * 2.2
        sd.ellipse((x - r, y - r, x + r, y + r), fill=max(0, 200 - k * 5))
    fill(img, smoke.filter(ImageFilter.GaussianBlur(16)), (236, 232, 226), 0.7)
    for x, hgt, lean in ((80, 980, 60), (330, 820, -40), (560, 1050, 80), (820, 700, -30), (1420, 900, -70),
                         (1540, 760, 40)):
        coconut_palm(img, rng, x, min(h + 20, 760 + hgt * 0.35), hgt, lean)
    return finish(img, rng, strokes=70000, length=(6, 18), width=(2, 5), grain=7, vignette_strength=0.35, soften=0.7)


def scene_laikang(rng: random.Random) -> Image.Image:
    """Bamboo racks full of seaweed on the shore of Laikang Bay, boats at anchor."""
    size = LANDSCAPE
    w, h = size
    img = coast(size, rng, 360, 600, sky=[(0, hexc("#3f86c8")), (0.3, hexc("#a9cfe9"))], sea_top=hexc("#2f7f9c"),
                sea_bottom=hexc("#6fbdb6"), sand=hexc("#e0d2ae"))
    draw = ImageDraw.Draw(img)
    for k in range(40):  # buoys of the long lines out in the bay
        x, y = rng.uniform(0, w), rng.uniform(380, 470)
        draw.ellipse((x - 3, y - 2, x + 3, y + 2), fill=(230, 230, 225))
    for bx, by, L in ((300, 470, 220), (760, 430, 160), (1300, 500, 260)):
        boat = polygon_mask(size, [(bx, by), (bx + L, by - 6), (bx + L * 0.85, by + L * 0.12), (bx + L * 0.12, by + L * 0.13)])
        fill(img, boat, (236, 232, 224))
        fill(img, polygon_mask(size, [(bx + L * 0.05, by + L * 0.07), (bx + L * 0.92, by + L * 0.05),
                                      (bx + L * 0.85, by + L * 0.12), (bx + L * 0.12, by + L * 0.13)]), hexc("#c0392b"))
        draw = ImageDraw.Draw(img)
        draw.line((bx + L * 0.45, by, bx + L * 0.45, by - L * 0.5), fill=hexc("#4a3a2c"), width=3)
    rack(img, rng, 200, 1500, 660, 44, 26, SEAWEED_COLOURS, (4, 6))
    rack(img, rng, -60, 1040, 860, 120, 70, SEAWEED_COLOURS, (8, 12))
    draw = ImageDraw.Draw(img)
    for x, s in ((1180, 1.0), (1260, 0.9)):  # two farmers turning the seaweed
        y = 1110
        draw.ellipse((x - 16 * s, y - 200 * s, x + 16 * s, y - 168 * s), fill=hexc("#5a3b28"))
        draw.polygon([(x - 60 * s, y - 210 * s), (x, y - 240 * s), (x + 60 * s, y - 210 * s)], fill=hexc("#d9c08a"))
        draw.polygon([(x - 26 * s, y - 168 * s), (x + 26 * s, y - 168 * s), (x + 30 * s, y - 70 * s), (x - 30 * s, y - 70 * s)],
                     fill=hexc("#2f5f8a") if s == 1.0 else hexc("#a8423a"))
        draw.line((x - 14 * s, y - 72 * s, x - 18 * s, y), fill=hexc("#3a2a20"), width=round(16 * s))
        draw.line((x + 14 * s, y - 72 * s, x + 18 * s, y), fill=hexc("#3a2a20"), width=round(16 * s))
    return finish(img, rng, strokes=70000, length=(6, 18), width=(2, 5), grain=7, vignette_strength=0.35, soften=0.7)


# --- the photos and their EXIF ------------------------------------------------------------------------


@dataclass(frozen=True)
class Photo:
    """One sample photo: where it goes, how it is drawn, and what the phone wrote into it."""

    path: str
    """File path under products/."""
    scene: Callable[[random.Random], Image.Image]
    """Draws the upright picture."""
    make: str
    model: str
    taken: str
    """DateTimeOriginal, EXIF style (YYYY:MM:DD HH:MM:SS, local time)."""
    utc_offset: str
    """OffsetTimeOriginal: +07:00 (WIB) or +08:00 (WITA)."""
    lat: float
    lon: float
    orientation: int = 1
    """6 = stored sideways; viewers must turn it 90° clockwise."""
    icc: bool = False
    """Embed an sRGB ICC profile."""


PHOTOS = [
    Photo("bumdes-bakau-jaya-torue/kepiting-bakau-hidup-1.jpg", scene_crab, "samsung", "SM-A556E",
          "2026:10:29 07:41:12", "+08:00", -1.0187, 120.2484),
    Photo("bumdes-bakau-jaya-torue/bumdes-bakau-jaya-torue-1.jpg", scene_torue, "samsung", "SM-A556E",
          "2026:10:29 06:12:40", "+08:00", -1.0162, 120.2531),
    Photo("bumdes-hijau-lestari-pombewe/bubuk-daun-kelor-1.jpg", scene_moringa_powder, "Xiaomi", "Redmi Note 13",
          "2026:10:21 10:05:33", "+08:00", -1.0336, 119.9419, icc=True),
    Photo("bumdes-hijau-lestari-pombewe/bubuk-daun-kelor-2.jpg", scene_moringa_packed, "Xiaomi", "Redmi Note 13",
          "2026:10:21 10:11:48", "+08:00", -1.0337, 119.9420),
    Photo("bumdes-hijau-lestari-pombewe/daun-kelor-kering-1.jpg", scene_moringa_leaves, "Xiaomi", "Redmi Note 13",
          "2026:10:21 10:18:02", "+08:00", -1.0341, 119.9425),
    Photo("bumdes-hijau-lestari-pombewe/bumdes-hijau-lestari-pombewe-1.jpg", scene_pombewe, "Xiaomi", "Redmi Note 13",
          "2026:10:21 09:47:55", "+08:00", -1.0352, 119.9401),
    Photo("bumdes-cengkeh-emas-lakatan/minyak-nilam-1.jpg", scene_patchouli, "OPPO", "CPH2591",
          "2026:10:30 14:22:09", "+08:00", 1.0553, 120.7346, orientation=6),
    Photo("bumdes-cengkeh-emas-lakatan/minyak-daun-cengkeh-1.jpg", scene_clove_oil, "OPPO", "CPH2591",
          "2026:10:30 14:31:47", "+08:00", 1.0549, 120.7351),
    Photo("bumdes-cengkeh-emas-lakatan/minyak-daun-cengkeh-2.jpg", scene_oil_drums, "OPPO", "CPH2591",
          "2026:10:30 15:02:13", "+08:00", 1.0551, 120.7349),
    Photo("bumdes-tunas-gayo-wih-ilang/kopi-arabika-gayo-1.jpg", scene_coffee, "Apple", "iPhone 13",
          "2026:10:08 15:10:26", "+07:00", 4.5827, 96.7963),
    Photo("bumdes-agung-makmur-burno/tepung-pisang-1.jpg", scene_banana_flour, "samsung", "SM-A346E",
          "2026:09:24 11:02:51", "+07:00", -8.0652, 113.0176),
    Photo("bumdes-saiyo-sakato-batang-barus/alpukat-segar-1.jpg", scene_avocado, "Xiaomi", "Redmi Note 12",
          "2026:10:02 08:55:14", "+07:00", -0.9043, 100.6281),
    Photo("bumdes-manggar-manis-pageraji/gula-kelapa-kristal-organik-1.jpg", scene_coconut_sugar, "samsung", "SM-A256E",
          "2026:11:14 09:12:37", "+07:00", -7.3861, 109.1383),
    Photo("bumdes-manggar-manis-pageraji/gula-kelapa-cetak-1.jpg", scene_sugar_blocks, "samsung", "SM-A256E",
          "2026:11:14 09:20:05", "+07:00", -7.3858, 109.1379),
    Photo("bumdes-manggar-manis-pageraji/bumdes-manggar-manis-pageraji-1.jpg", scene_pageraji, "samsung", "SM-A256E",
          "2026:11:13 16:48:22", "+07:00", -7.3874, 109.1362),
    Photo("bumdes-bahari-laikang/rumput-laut-cottonii-kering-1.jpg", scene_seaweed, "vivo", "V2247",
          "2026:07:18 10:36:44", "+08:00", -5.5752, 119.5104),
    Photo("bumdes-bahari-laikang/bumdes-bahari-laikang-1.jpg", scene_laikang, "vivo", "V2247",
          "2026:07:18 10:51:19", "+08:00", -5.5768, 119.5089),
]


def to_dms(value: float) -> tuple[IFDRational, IFDRational, IFDRational]:
    """Decimal degrees → EXIF degrees, minutes, seconds (seconds to 1/100)."""
    degrees = int(value)
    minutes_full = (value - degrees) * 60
    minutes = int(minutes_full)
    seconds = round((minutes_full - minutes) * 60 * 100)
    return (IFDRational(degrees, 1), IFDRational(minutes, 1), IFDRational(seconds, 100))


def build_exif(photo: Photo, size: tuple[int, int]) -> Image.Exif:
    """The tags a phone camera writes: make, model, times, orientation and GPS."""
    exif = Image.Exif()
    exif[0x010F] = photo.make  # Make
    exif[0x0110] = photo.model  # Model
    exif[0x0112] = photo.orientation  # Orientation
    exif[0x0132] = photo.taken  # DateTime
    sub = exif.get_ifd(0x8769)  # Exif IFD
    sub[0x9000] = b"0232"  # ExifVersion
    sub[0x9003] = photo.taken  # DateTimeOriginal
    sub[0x9004] = photo.taken  # DateTimeDigitized
    sub[0x9011] = photo.utc_offset  # OffsetTimeOriginal
    sub[0xA002] = size[0]  # PixelXDimension (as stored)
    sub[0xA003] = size[1]  # PixelYDimension
    gps = exif.get_ifd(0x8825)  # GPS IFD
    gps[0x0000] = b"\x02\x02\x00\x00"  # GPSVersionID
    gps[0x0001] = "N" if photo.lat >= 0 else "S"
    gps[0x0002] = to_dms(abs(photo.lat))
    gps[0x0003] = "E" if photo.lon >= 0 else "W"
    gps[0x0004] = to_dms(abs(photo.lon))
    return exif


def srgb_profile() -> bytes:
    """LittleCMS's sRGB profile with a fixed creation date (it stamps the current time otherwise)."""
    data = bytearray(ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes())
    data[24:36] = struct.pack(">6H", 2026, 1, 1, 0, 0, 0)  # header dateTimeNumber; the profile ID is unset
    return bytes(data)


def write_photo(photo: Photo) -> Path:
    """Draw one photo and save it as the phone would have."""
    seed = sum((i + 1) * ord(c) for i, c in enumerate(photo.path))
    rng = random.Random(seed)
    upright = photo.scene(rng)
    if photo.orientation == 6:
        # The sensor stored the picture sideways; Orientation 6 tells viewers to turn it 90° clockwise.
        stored = upright.transpose(Image.Transpose.ROTATE_90)
    elif photo.orientation == 1:
        stored = upright
    else:  # pragma: no cover - only 1 and 6 are used
        raise ValueError(f"unsupported orientation {photo.orientation}")
    options: dict[str, object] = {"quality": QUALITY, "optimize": True, "exif": build_exif(photo, stored.size)}
    if photo.icc:
        options["icc_profile"] = srgb_profile()
    target = PRODUCTS / photo.path
    target.parent.mkdir(parents=True, exist_ok=True)
    stored.save(target, "JPEG", **options)
    return target


def main(names: list[str]) -> None:
    """Write every sample photo (or those whose path contains one of ``names``) and report sizes."""
    for photo in PHOTOS:
        if names and not any(name in photo.path for name in names):
            continue
        target = write_photo(photo)
        size = target.stat().st_size
        warning = "  (over budget)" if size > MAX_BYTES else ""
        print(f"{target.relative_to(ROOT)}  {size // 1024} KB{warning}")


if __name__ == "__main__":
    main(sys.argv[1:])
