"""Inquiry messages and the links that send them: e-mail, WhatsApp, WeChat (QR) and Alibaba.

One layout says what a message holds, line by line (``MessageLayout``); the build fills it with blanks for
the links that work without JavaScript, and theme/assets/inquiry.js fills the same layout with what the
buyer typed (the browser tests compare the two). Labels are in the page's language with the English
beside them, so the dealer's staff can read a message written on the Chinese site. Every link is
percent-encoded per RFC 6068 and RFC 3986: spaces are %20, never +, and no text can add a header or a
parameter.
"""

from __future__ import annotations

import hashlib
import io
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Iterable
from urllib.parse import quote

import segno

from generator.models import Contact

BLANK = "…"
"""What stands in the message for a detail the buyer has not filled in yet."""


@dataclass(frozen=True)
class Line:
    """One line of a message: fixed text, a labelled value, a labelled field the buyer fills, or the
    buyer's own message (kept with its blank lines)."""

    text: str = ""
    label: tuple[str, ...] = ()
    """The label in the page's language and, when that is not English, in English too."""
    value: str | None = None
    """A value known when the page is built (the product, its page)."""
    field: str | None = None
    """The name of the form field whose value goes here."""
    block: bool = False
    """The value stands on the lines after the label (the buyer's message)."""

    def as_json(self) -> dict[str, object]:
        """The line as inquiry.js reads it."""
        data: dict[str, object] = {"text": self.text} if not self.label else {"label": list(self.label)}
        if self.value is not None:
            data["value"] = self.value
        if self.field is not None:
            data["field"] = self.field
        if self.block:
            data["block"] = True
        return data


@dataclass(frozen=True)
class MessageLayout:
    """A whole message: its subject and its lines."""

    subject: str
    lines: tuple[Line, ...] = field(default_factory=tuple)

    def as_json(self) -> dict[str, object]:
        """The layout as inquiry.js reads it."""
        return {"subject": self.subject, "lines": [line.as_json() for line in self.lines]}


def label_text(label: tuple[str, ...]) -> str:
    """"Jumlah (Quantity)" on a page in another language, "Quantity" on an English page."""
    return label[0] if len(label) == 1 or label[0] == label[1] else f"{label[0]} ({label[1]})"


def compose(layout: MessageLayout, values: dict[str, str]) -> tuple[str, str]:
    """Subject and body of a message; fields the buyer has not filled in read BLANK. Line breaks are
    CRLF as RFC 6068 asks; the buyer's blank lines stay."""
    lines: list[str] = []
    for line in layout.lines:
        if not line.label:
            lines.append(line.text)
            continue
        value = line.value if line.value is not None else values.get(line.field or "", "").strip()
        if line.block:
            lines.append(f"{label_text(line.label)}:")
            lines.append(values.get(line.field or "", "").replace("\r\n", "\n").strip("\n") or BLANK)
        else:
            lines.append(f"{label_text(line.label)}: {value or BLANK}")
    body = "\n".join(lines).strip("\n") + "\n"
    return " ".join(layout.subject.split()), body.replace("\n", "\r\n")


def encode_component(text: str) -> str:
    """Percent-encode everything but RFC 3986 unreserved characters (so ' ' → %20, '&' → %26)."""
    return quote(text, safe="")


def mailto_link(address: str, subject: str, body: str) -> str:
    """``mailto:`` with subject and body; the address was validated as a plain addr-spec."""
    return f"mailto:{encode_component(address).replace('%40', '@')}?subject={encode_component(subject)}&body={encode_component(body)}"


def whatsapp_link(e164: str, body: str) -> str:
    """``https://wa.me/<digits>?text=…``; WhatsApp wants the number without + or spaces."""
    digits = "".join(ch for ch in e164 if ch.isdigit())
    if not body:
        return f"https://wa.me/{digits}"
    return f"https://wa.me/{digits}?text={encode_component(body.replace(chr(13), ''))}"


QR_QUIET_ZONE = 4
"""Modules of white around the code: the QR standard's minimum, which phone scanners rely on."""
QR_SCALE = 4
"""Pixels per module: a version 3 code with its quiet zone is 148 px, large enough to scan from a screen."""


@dataclass(frozen=True)
class QrImage:
    """A QR code as an SVG file for site/media/, named by its content, and its side in CSS pixels."""

    name: str
    svg: bytes
    size: int


@lru_cache(maxsize=256)
def qr_image(content: str) -> QrImage:
    """A full QR code (never a Micro QR, which WeChat and most phone scanners cannot read) as an SVG file,
    made at build time (no third-party service). A file, not a data URI in each page: every product page
    shows the same code, 2 KB of each page's bytes when it was inlined."""
    code = segno.make_qr(content, error="m")
    buffer = io.BytesIO()
    code.save(buffer, kind="svg", scale=QR_SCALE, border=QR_QUIET_ZONE, dark="#1b3a2f", xmldecl=False)
    svg = buffer.getvalue()
    return QrImage(name=f"qr-{hashlib.sha256(svg).hexdigest()[:16]}.svg", svg=svg,
                   size=code.symbol_size(scale=QR_SCALE, border=QR_QUIET_ZONE)[0])


def qr_files(contacts: Iterable[Contact]) -> list[QrImage]:
    """The QR code files of every contact whose WeChat account has a contact link (what qr_image draws)."""
    return sorted({qr_image(c.wechat_link) for c in contacts if c.wechat and c.wechat_link}, key=lambda image: image.name)
