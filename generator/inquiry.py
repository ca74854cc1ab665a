"""Inquiry links to the dealer: a prefilled e-mail, WhatsApp message, WeChat ID with QR, Alibaba link.

Every link is built from one message template (translatable, in theme/strings) and percent-encoded
per RFC 6068 and RFC 3986: spaces are %20, never +, and no product text can add a header or a parameter.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import segno

from generator.models import Contact

BLANK = "…"
"""What stands in the message for a detail the buyer has not filled in yet."""


@dataclass(frozen=True)
class MessageFields:
    """What the message says about the product and what the buyer wants."""

    product: str
    product_id: str
    bumdes: str
    regency: str
    url: str
    quantity: str = BLANK
    destination: str = BLANK
    incoterm: str = BLANK
    sample: str = BLANK
    message: str = ""


@dataclass(frozen=True)
class Inquiry:
    """The finished links for one product in one language."""

    subject: str
    body: str
    mailto: str
    whatsapp: str | None
    wechat_id: str | None
    wechat_qr: QrImage | None
    alibaba: str | None


def compose(subject_template: str, body_template: str, fields: MessageFields) -> tuple[str, str]:
    """Fill the subject and body templates; line breaks are normalised to CRLF as RFC 6068 asks."""
    values = fields.__dict__
    subject = " ".join(subject_template.format(**values).split())
    body = body_template.format(**values).replace("\r\n", "\n").strip() + "\n"
    return subject, body.replace("\n", "\r\n")


_UNRESERVED = frozenset(b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")
_PERCENT = tuple(chr(byte) if byte in _UNRESERVED else f"%{byte:02X}" for byte in range(256))
"""Each UTF-8 byte as it appears in a link: itself when unreserved (RFC 3986), else %XX."""


def encode_component(text: str) -> str:
    """Percent-encode everything but RFC 3986 unreserved characters (so ' ' → %20, '&' → %26)."""
    # One table lookup a byte: urllib's quote gives the same text 1.7× slower, and every product page
    # encodes its whole message three times (e-mail subject and body, WhatsApp).
    return "".join(map(_PERCENT.__getitem__, text.encode("utf-8")))


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
    """A QR code ready for an <img>: its SVG data URI and its side in CSS pixels."""

    src: str
    size: int


@lru_cache(maxsize=256)
def qr_image(content: str) -> QrImage:
    """A full QR code (never a Micro QR, which WeChat and most phone scanners cannot read) as an SVG data URI,
    made at build time (no third-party service)."""
    code = segno.make_qr(content, error="m")
    return QrImage(src=code.svg_data_uri(scale=QR_SCALE, border=QR_QUIET_ZONE, dark="#1b3a2f"),
                   size=code.symbol_size(scale=QR_SCALE, border=QR_QUIET_ZONE)[0])


def build_inquiry(contact: Contact, subject_template: str, body_template: str, fields: MessageFields,
                  alibaba_url: str | None) -> Inquiry:
    """Every link for one product page."""
    subject, body = compose(subject_template, body_template, fields)
    return Inquiry(
        subject=subject,
        body=body,
        mailto=mailto_link(contact.email, subject, body),
        whatsapp=whatsapp_link(contact.whatsapp, body) if contact.whatsapp else None,
        wechat_id=contact.wechat,
        # WeChat shows a scanned ID as plain text; the account's own link adds the contact.
        wechat_qr=qr_image(contact.wechat_link) if contact.wechat and contact.wechat_link else None,
        alibaba=alibaba_url or contact.alibaba_url,
    )
