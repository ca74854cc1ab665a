"""Photos: check what contributors upload, and turn it into small, clean, responsive images.

Pure size maths (``plan_widths``, ``cover_box``, ``plan_outputs``) sit apart from the one function that
reads and writes (``process_photo``). Every output is re-encoded from pixels, so no EXIF, GPS, XMP, ICC
profile, comment or maker note from a phone ever reaches the site; outputs are named by content hash and
cached by (source bytes, settings). A large JPEG is decoded at the smallest DCT scale that still covers
every output (``decode_at_least``).
"""

from __future__ import annotations

import hashlib
import io
import json
import struct
import warnings
import zlib
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Iterator

from PIL import Image, ImageCms, UnidentifiedImageError

from generator import write
from generator.issues import Severity
from generator.metadata import image_kind

ACCEPTED_FORMATS = ("JPEG", "PNG", "WEBP")
EXTENSIONS = {"JPEG": (".jpg", ".jpeg"), "PNG": (".png",), "WEBP": (".webp",)}
MAX_PIXELS = 40_000_000
"""Project limit, well below Pillow's 89 MP: a 48 MP phone photo must be resized before upload."""
MAX_FILE_BYTES = 20_000_000
"""20 MB as phones and file managers count it (10⁶ bytes), so the message and the limit agree."""
MIN_LONG_SIDE = 800
WIDTHS = (320, 640, 1024, 1600)
PREVIEW_SIZE = (1200, 630)
WEBP_QUALITY = 78
WEBP_METHOD = 2
JPEG_QUALITY = 80
SETTINGS_VERSION = "7"
FORMATS = (("webp", "webp"),)
"""Output formats of every width, as (format, file extension). WebP only: every browser in use decodes it,
so JPEG widths were files nobody fetched (46 % of a phone photo's outputs); link previews, which need a
JPEG, get the preview crop."""

_ORIENTATION_TAG = 0x0112
# EXIF orientation → the transposition that shows the stored pixels upright (as ImageOps.exif_transpose).
_UPRIGHT = {
    2: Image.Transpose.FLIP_LEFT_RIGHT,
    3: Image.Transpose.ROTATE_180,
    4: Image.Transpose.FLIP_TOP_BOTTOM,
    5: Image.Transpose.TRANSPOSE,
    6: Image.Transpose.ROTATE_270,
    7: Image.Transpose.TRANSVERSE,
    8: Image.Transpose.ROTATE_90,
}
_QUARTER_TURNS = {_UPRIGHT[orientation] for orientation in (5, 6, 7, 8)}
"""The transpositions of orientations 5–8, which swap width and height."""
# Exceptions Pillow raises for damaged or cut-off files (struct/zlib/EOF come from header and chunk parsers).
_DAMAGED = (OSError, SyntaxError, ValueError, EOFError, struct.error, zlib.error)


# --- pure maths --------------------------------------------------------------------------------------


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


# --- checking an upload --------------------------------------------------------------------------------


def inspect_photo(path: Path) -> Iterator[tuple[str, Severity, dict[str, str]]]:
    """Problems with one uploaded photo, as (message code, severity, values) for the validator."""
    size = path.stat().st_size
    if size > MAX_FILE_BYTES:
        # Rounded up, so a file just over the limit never reads as "20.0 MB, more than 20 MB".
        shown = -(-size // 100_000) / 10
        yield "rule.photo_too_big", Severity.ERROR, {"size": f"{shown:.1f} MB", "limit": f"{MAX_FILE_BYTES / 1e6:g} MB"}
        return
    try:
        with open_photo(path) as image:
            kind = _kind(image)
            width, height = image.size
            if kind == "JPEG":
                image.draft("RGB", (max(1, width // 8), max(1, height // 8)))
            image.load()
    except Image.DecompressionBombError:
        yield "rule.photo_pixels", Severity.ERROR, {"limit": f"{MAX_PIXELS / 1e6:.0f}"}
        return
    except UnidentifiedImageError:
        if _has_accepted_signature(path):  # Pillow gave up on the header: a damaged photo, not another format
            yield "rule.photo_damaged", Severity.ERROR, {}
        else:
            yield "rule.photo_format", Severity.ERROR, {}
        return
    except _DAMAGED as exc:
        yield damage_code(exc), Severity.ERROR, {}
        return
    if path.suffix.lower() not in EXTENSIONS.get(kind, ()):
        yield "rule.photo_extension", Severity.ERROR, {"kind": kind, "extension": path.suffix or "-"}
    if max(width, height) < MIN_LONG_SIDE:
        yield "rule.photo_small", Severity.WARNING, {"size": f"{width}×{height}", "limit": str(MIN_LONG_SIDE)}


@contextmanager
def open_photo(fp: Path | IO[bytes]) -> Iterator[Image.Image]:
    """Open an accepted photo, refusing more than MAX_PIXELS from its header, before any pixel is decoded."""
    with warnings.catch_warnings():
        # Pillow only warns between its own pixel limit and twice it (ours, checked below, is lower and an
        # error), and warns of damaged EXIF while reading the header: nothing a contributor can act on.
        warnings.simplefilter("ignore")
        image = Image.open(fp, formats=ACCEPTED_FORMATS)
    with image:
        width, height = image.size
        if width * height > MAX_PIXELS:
            raise Image.DecompressionBombError(
                f"{width}×{height} is {width * height / 1e6:.0f} megapixels, more than the {MAX_PIXELS / 1e6:.0f} MP limit"
            )
        yield image


def damage_code(exc: BaseException) -> str:
    """The message code for why Pillow could not decode a file (incomplete upload, or damaged)."""
    text = str(exc)
    if isinstance(exc, (EOFError, struct.error)) or "truncated" in text.lower():
        return "rule.photo_incomplete"
    return "rule.photo_damaged"


def describe_damage(exc: BaseException) -> str:
    """A contributor's words for why Pillow could not decode a file."""
    text = str(exc)
    if isinstance(exc, (EOFError, struct.error)) or "truncated" in text.lower():
        return "the file is incomplete, cut off while uploading or copying"
    return "the file is damaged"


def _has_accepted_signature(path: Path) -> bool:
    with path.open("rb") as file:
        head = file.read(12)
    return image_kind(head) is not None


def _kind(image: Image.Image) -> str:
    # Cameras and some phones write MPO (a JPEG followed by more JPEGs): it is a .jpg, and we use frame one.
    return "JPEG" if image.format == "MPO" else (image.format or "")


# --- encoding --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Variant:
    """One encoded output file."""

    name: str
    width: int
    height: int
    format: str


@dataclass(frozen=True)
class ProcessedPhoto:
    """Every output of one source photo, ready for <picture> and link previews (the one JPEG)."""

    key: str
    width: int
    height: int
    variants: tuple[Variant, ...]
    preview: Variant

    def of_format(self, fmt: str) -> list[Variant]:
        """Variants in one format, smallest first."""
        return sorted((v for v in self.variants if v.format == fmt), key=lambda v: v.width)

    def largest(self) -> Variant:
        """The widest variant: the photo itself, for downloads, open data and structured data."""
        return max(self.variants, key=lambda v: v.width)


def settings_fingerprint() -> str:
    """Everything that changes the output bytes; part of the cache key."""
    import PIL

    return json.dumps(
        [SETTINGS_VERSION, WIDTHS, FORMATS, PREVIEW_SIZE, WEBP_QUALITY, WEBP_METHOD, JPEG_QUALITY, PIL.__version__], separators=(",", ":")
    )


def photo_key(source: bytes) -> str:
    """Content hash of (source bytes, settings): the cache key and the output name stem."""
    digest = hashlib.sha256(source)
    digest.update(settings_fingerprint().encode())
    return digest.hexdigest()[:16]


def plan_outputs(key: str, width: int, height: int) -> ProcessedPhoto:
    """The files an upright (width × height) photo becomes: every planned width in every format, and the preview."""
    variants = tuple(
        Variant(name=f"{key}-{w}.{ext}", width=w, height=h, format=fmt)
        for w, h in plan_widths(width, height)
        for fmt, ext in FORMATS
    )
    preview = Variant(name=f"{key}-og.jpg", width=PREVIEW_SIZE[0], height=PREVIEW_SIZE[1], format="jpeg")
    return ProcessedPhoto(key=key, width=width, height=height, variants=variants, preview=preview)


def process_photo(source: Path, cache_dir: Path) -> tuple[ProcessedPhoto, bool]:
    """Encode every variant of ``source`` into ``cache_dir`` (or reuse them); return them and whether reused.

    Raises ``Image.DecompressionBombError`` above MAX_PIXELS and OSError (or another decoding error) for a
    damaged file; the validator's ``inspect_photo`` reports both as issues before a build gets here.
    """
    raw = source.read_bytes()
    key = photo_key(raw)
    manifest = cache_dir / f"{key}.json"
    cached = _read_manifest(manifest, key)
    if cached is not None and all((cache_dir / v.name).is_file() for v in (*cached.variants, cached.preview)):
        return cached, True
    image, upright = _decode(raw)
    processed = plan_outputs(key, *upright)
    cache_dir.mkdir(parents=True, exist_ok=True)
    # Widest first, each width scaled from the one before: a 640 px copy made from the 1024 px one looks
    # the same as one made from the full photo and takes a third of the time (images are 2/3 of a cold
    # build's work at 10,000 products).
    resized: dict[int, Image.Image] = {}
    larger = image
    for variant in sorted(processed.variants, key=lambda v: -v.width):
        if variant.width not in resized:
            larger = resized[variant.width] = larger.resize((variant.width, variant.height), Image.Resampling.LANCZOS, reducing_gap=3.0)
        write.replace_file(cache_dir / variant.name, _encode(resized[variant.width], variant.format))
    preview = image.crop(cover_box(*image.size)).resize(PREVIEW_SIZE, Image.Resampling.LANCZOS, reducing_gap=3.0)
    write.replace_file(cache_dir / processed.preview.name, _encode(preview, "jpeg"))
    write.replace_file(manifest, _manifest_bytes(processed))
    return processed, False


def _decode(raw: bytes) -> tuple[Image.Image, tuple[int, int]]:
    """Source bytes → upright 8-bit sRGB pixels with no metadata attached, and the photo's full upright size.

    A JPEG at least twice as large as every output needs is decoded at 1/2, 1/4 or 1/8 of its size
    (libjpeg scales while decoding): a 12 MP phone photo decodes and resizes in a fraction of the time.
    The outputs are planned from the full size, so their names and sizes do not depend on the scale.
    """
    with open_photo(io.BytesIO(raw)) as opened:
        turn = _UPRIGHT.get(_orientation(opened))
        swapped = turn in _QUARTER_TURNS
        upright = opened.size[::-1] if swapped else opened.size
        if _kind(opened) == "JPEG":
            needed = decode_at_least(*upright)
            opened.draft(opened.mode, needed[::-1] if swapped else needed)
        opened.load()
        image = _to_srgb(opened)
    if turn is not None:
        image = image.transpose(turn)
    # Pillow's JPEG writer copies a source comment from .info; nothing of the source may travel along.
    image.info = {}
    return image, upright


def decode_at_least(width: int, height: int) -> tuple[int, int]:
    """The smallest upright size a photo may be decoded at: the widest output, and the preview crop's height."""
    return min(width, WIDTHS[-1]), min(height, PREVIEW_SIZE[1])


def _orientation(image: Image.Image) -> int:
    """The EXIF (or XMP) orientation, 1 when absent or unreadable."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # "Corrupt EXIF data" and the like: nothing a contributor can act on
            value = image.getexif().get(_ORIENTATION_TAG, 1)
    except Exception:  # noqa: BLE001 - a phone's damaged EXIF must not stop the build: show the pixels as stored
        return 1
    return value if isinstance(value, int) and value in _UPRIGHT else 1


def _to_srgb(image: Image.Image) -> Image.Image:
    """Convert to 8-bit sRGB RGB (flattening transparency on white), honouring an embedded ICC profile."""
    profile, space = _read_profile(image.info.get("icc_profile"))
    image = _flatten(_to_8bit(image))
    if profile is not None:
        if space == image.mode or (space == "RGB" and image.mode in ("1", "L", "P")):
            try:
                return ImageCms.profileToProfile(image.convert(space), profile, _srgb_profile(), outputMode="RGB")
            except (ImageCms.PyCMSError, OSError, ValueError):
                pass  # a profile lcms cannot use: the pixels are still usable as if sRGB
    return image.convert("RGB")


def _to_8bit(image: Image.Image) -> Image.Image:
    # A 16-bit grey PNG opens as I;16 (0–65535); a plain convert would clip every mid-grey to white.
    if not image.mode.startswith("I"):
        return image
    grey = image.convert("I").point(lambda v: v / 257).convert("L")
    grey.info.pop("transparency", None)  # a 16-bit key colour has no 8-bit equivalent; such PNGs are rare
    return grey


def _flatten(image: Image.Image) -> Image.Image:
    """Transparent pixels become white, as they look on the page; partial transparency is blended."""
    if "transparency" in image.info or image.mode == "PA":
        image = image.convert("RGBA")  # palette alpha and tRNS key colours become a real alpha channel
    if image.mode not in ("RGBA", "LA"):
        return image
    base = "L" if image.mode == "LA" else "RGB"
    flat = Image.new(base, image.size, "white")
    flat.paste(image.convert(base), mask=image.getchannel("A"))
    return flat


def _read_profile(icc: object) -> tuple[ImageCms.ImageCmsProfile | None, str]:
    """The embedded ICC profile and the image mode it describes (RGB, L or CMYK), or (None, "")."""
    if not isinstance(icc, bytes) or not icc:
        return None, ""
    try:
        profile = ImageCms.ImageCmsProfile(io.BytesIO(icc))
        space = profile.profile.xcolor_space.strip()  # a damaged header is not even ASCII (UnicodeDecodeError)
    except (ImageCms.PyCMSError, OSError, ValueError, TypeError):
        return None, ""
    mode = {"RGB": "RGB", "GRAY": "L", "CMYK": "CMYK"}.get(space)
    return (profile, mode) if mode else (None, "")


def _srgb_profile() -> ImageCms.ImageCmsProfile:
    return ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB"))


def _encode(image: Image.Image, fmt: str) -> bytes:
    """Encode without any metadata: no exif=, icc_profile=, xmp= or comment= is passed, so none is written."""
    buffer = io.BytesIO()
    if fmt == "webp":
        # method 2 instead of libwebp's default 4: on the sample photos 4 % more bytes for half the
        # encoding time (WebP was two thirds of a photo's processing).
        image.save(buffer, "WEBP", quality=WEBP_QUALITY, method=WEBP_METHOD)
    else:
        # Baseline, not progressive: JPEG is what browsers without WebP and link previews get, and on the
        # sample photos progressive encoding took three times as long for 3 % fewer bytes.
        image.save(buffer, "JPEG", quality=JPEG_QUALITY, optimize=True)
    return buffer.getvalue()


def _manifest_bytes(photo: ProcessedPhoto) -> bytes:
    data = {
        "key": photo.key,
        "width": photo.width,
        "height": photo.height,
        "variants": [v.__dict__ for v in photo.variants],
        "preview": photo.preview.__dict__,
    }
    return json.dumps(data, sort_keys=True).encode()


def _read_manifest(path: Path, key: str) -> ProcessedPhoto | None:
    """The cached outputs, or None when the manifest is missing, damaged or not what these settings make."""
    try:
        data = json.loads(path.read_bytes())
        width, height = data["width"], data["height"]
        if not (isinstance(width, int) and isinstance(height, int) and width > 0 and height > 0):
            return None
        photo = ProcessedPhoto(
            key=data["key"],
            width=width,
            height=height,
            variants=tuple(Variant(**v) for v in data["variants"]),
            preview=Variant(**data["preview"]),
        )
    except (OSError, ValueError, KeyError, TypeError):
        return None
    # Anything but exactly the planned files (other names, sizes or a "../" path) means: encode again.
    return photo if photo == plan_outputs(key, width, height) else None
