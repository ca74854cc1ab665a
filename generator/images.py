"""Photos: check what contributors upload, and turn it into small, clean, responsive images.

Pure size maths (``plan_widths``, ``cover_box``) sit apart from the one function that reads and writes
(``process_photo``). Every output is re-encoded from pixels, so no EXIF, GPS, XMP or maker note from a
phone ever reaches the site; outputs are named by content hash and cached by (source bytes, settings).
"""

from __future__ import annotations

import hashlib
import io
import json
import warnings
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

from PIL import Image, ImageCms, ImageOps, UnidentifiedImageError

from generator.issues import Severity

ACCEPTED_FORMATS = ("JPEG", "PNG", "WEBP")
EXTENSIONS = {"JPEG": (".jpg", ".jpeg"), "PNG": (".png",), "WEBP": (".webp",)}
MAX_PIXELS = 40_000_000
"""Project limit, well below Pillow's 89 MP: a 48 MP phone photo must be resized before upload."""
MAX_FILE_BYTES = 20 * 1024 * 1024
MIN_LONG_SIDE = 800
WIDTHS = (320, 640, 1024, 1600)
PREVIEW_SIZE = (1200, 630)
WEBP_QUALITY = 78
JPEG_QUALITY = 80
SETTINGS_VERSION = "1"

# A decompression bomb must fail loudly at our limit, not only at Pillow's (2 × 89 MP).
Image.MAX_IMAGE_PIXELS = MAX_PIXELS


def plan_widths(width: int, height: int, widths: tuple[int, ...] = WIDTHS) -> list[tuple[int, int]]:
    """Output sizes for a photo: each configured width below the original, never upscaled."""
    sizes = [(w, max(1, round(height * w / width))) for w in widths if w < width]
    if not sizes or sizes[-1][0] < min(width, widths[-1]):
        sizes.append((min(width, widths[-1]), max(1, round(height * min(width, widths[-1]) / width))))
    return sizes


def cover_box(width: int, height: int, target: tuple[int, int] = PREVIEW_SIZE) -> tuple[int, int, int, int]:
    """The largest centred box of the target's aspect ratio inside (width, height)."""
    tw, th = target
    if width * th > height * tw:
        new_w = round(height * tw / th)
        left = (width - new_w) // 2
        return (left, 0, left + new_w, height)
    new_h = round(width * th / tw)
    top = (height - new_h) // 2
    return (0, top, width, top + new_h)


def inspect_photo(path: Path) -> Iterator[tuple[str, Severity, dict[str, str]]]:
    """Problems with one uploaded photo, as (message code, severity, values) for the validator."""
    size = path.stat().st_size
    if size > MAX_FILE_BYTES:
        yield "rule.photo_too_big", Severity.ERROR, {"size": f"{size / 1e6:.1f} MB", "limit": f"{MAX_FILE_BYTES / 1e6:.0f} MB"}
        return
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(path, formats=ACCEPTED_FORMATS) as image:
                kind = image.format or ""
                width, height = image.size
                if width * height > MAX_PIXELS:
                    raise Image.DecompressionBombError("too many pixels")
                if kind == "JPEG":
                    image.draft("RGB", (max(1, width // 8), max(1, height // 8)))
                image.load()
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        yield "rule.photo_pixels", Severity.ERROR, {"limit": f"{MAX_PIXELS / 1e6:.0f}"}
        return
    except UnidentifiedImageError:
        yield "rule.photo_format", Severity.ERROR, {}
        return
    except (OSError, SyntaxError, ValueError) as exc:
        yield "rule.photo_unreadable", Severity.ERROR, {"problem": str(exc)[:80] or type(exc).__name__}
        return
    if path.suffix.lower() not in EXTENSIONS.get(kind, ()):
        yield "rule.photo_extension", Severity.ERROR, {"kind": kind, "extension": path.suffix or "-"}
    if max(width, height) < MIN_LONG_SIDE:
        yield "rule.photo_small", Severity.WARNING, {"size": f"{width}×{height}", "limit": str(MIN_LONG_SIDE)}


@dataclass(frozen=True)
class Variant:
    """One encoded output file."""

    name: str
    width: int
    height: int
    format: str


@dataclass(frozen=True)
class ProcessedPhoto:
    """Every output of one source photo, ready for <picture> and link previews."""

    key: str
    width: int
    height: int
    variants: tuple[Variant, ...]
    preview: Variant

    def of_format(self, fmt: str) -> list[Variant]:
        """Variants in one format, smallest first."""
        return sorted((v for v in self.variants if v.format == fmt), key=lambda v: v.width)


def settings_fingerprint() -> str:
    """Everything that changes the output bytes; part of the cache key."""
    import PIL

    return json.dumps(
        [SETTINGS_VERSION, WIDTHS, PREVIEW_SIZE, WEBP_QUALITY, JPEG_QUALITY, PIL.__version__], separators=(",", ":")
    )


def photo_key(source: bytes) -> str:
    """Content hash of (source bytes, settings): the cache key and the output name stem."""
    digest = hashlib.sha256(source)
    digest.update(settings_fingerprint().encode())
    return digest.hexdigest()[:16]


def process_photo(source: Path, cache_dir: Path) -> tuple[ProcessedPhoto, bool]:
    """Encode every variant of ``source`` into ``cache_dir`` (or reuse them); return them and whether reused."""
    raw = source.read_bytes()
    key = photo_key(raw)
    manifest = cache_dir / f"{key}.json"
    if manifest.is_file():
        cached = _read_manifest(manifest)
        if cached is not None and all((cache_dir / v.name).is_file() for v in (*cached.variants, cached.preview)):
            return cached, True
    cache_dir.mkdir(parents=True, exist_ok=True)
    with Image.open(io.BytesIO(raw), formats=ACCEPTED_FORMATS) as opened:
        image = _to_srgb(ImageOps.exif_transpose(opened))
    width, height = image.size
    variants = []
    for w, h in plan_widths(width, height):
        resized = image.resize((w, h), Image.Resampling.LANCZOS, reducing_gap=3.0)
        for fmt, ext in (("webp", "webp"), ("jpeg", "jpg")):
            name = f"{key}-{w}.{ext}"
            _save(resized, cache_dir / name, fmt)
            variants.append(Variant(name=name, width=w, height=h, format=fmt))
    box = cover_box(width, height)
    preview_image = image.crop(box).resize(PREVIEW_SIZE, Image.Resampling.LANCZOS, reducing_gap=3.0)
    preview = Variant(name=f"{key}-og.jpg", width=PREVIEW_SIZE[0], height=PREVIEW_SIZE[1], format="jpeg")
    _save(preview_image, cache_dir / preview.name, "jpeg")
    processed = ProcessedPhoto(key=key, width=width, height=height, variants=tuple(variants), preview=preview)
    _write_manifest(manifest, processed)
    return processed, False


def _to_srgb(image: Image.Image) -> Image.Image:
    """Convert to 8-bit sRGB RGB (flattening transparency on white), honouring an embedded ICC profile."""
    icc = image.info.get("icc_profile")
    if image.mode in ("RGBA", "LA", "PA") or (image.mode == "P" and "transparency" in image.info):
        rgba = image.convert("RGBA")
        background = Image.new("RGBA", rgba.size, (255, 255, 255, 255))
        image = Image.alpha_composite(background, rgba)
    if icc:
        try:
            source_profile = ImageCms.ImageCmsProfile(io.BytesIO(icc))
            srgb = ImageCms.createProfile("sRGB")
            if image.mode not in ("RGB", "CMYK"):
                image = image.convert("RGB")
            return ImageCms.profileToProfile(image, source_profile, srgb, outputMode="RGB")
        except (ImageCms.PyCMSError, OSError):
            pass  # a broken profile: the pixels are still usable as if sRGB
    return image.convert("RGB")


def _save(image: Image.Image, target: Path, fmt: str) -> None:
    """Encode without any metadata: no exif=, icc_profile= or xmp= is passed, so none is written."""
    buffer = io.BytesIO()
    if fmt == "webp":
        image.save(buffer, "WEBP", quality=WEBP_QUALITY, method=4)
    else:
        image.save(buffer, "JPEG", quality=JPEG_QUALITY, optimize=True, progressive=True)
    tmp = target.with_suffix(target.suffix + ".tmp")
    tmp.write_bytes(buffer.getvalue())
    tmp.replace(target)


def _write_manifest(path: Path, photo: ProcessedPhoto) -> None:
    data = {
        "key": photo.key,
        "width": photo.width,
        "height": photo.height,
        "variants": [v.__dict__ for v in photo.variants],
        "preview": photo.preview.__dict__,
    }
    tmp = path.with_suffix(".json.tmp")
    tmp.write_text(json.dumps(data, sort_keys=True))
    tmp.replace(path)


def _read_manifest(path: Path) -> ProcessedPhoto | None:
    try:
        data = json.loads(path.read_text())
        return ProcessedPhoto(
            key=data["key"],
            width=data["width"],
            height=data["height"],
            variants=tuple(Variant(**v) for v in data["variants"]),
            preview=Variant(**data["preview"]),
        )
    except (OSError, ValueError, KeyError, TypeError):
        return None
