"""Inquiry links: decode every generated link and check its exact parts, whatever the product text says."""

from __future__ import annotations

from urllib.parse import parse_qs, quote, unquote, urlsplit

import pytest

from generator.inquiry import MessageFields, build_inquiry, compose, encode_component, mailto_link, whatsapp_link
from generator.models import Contact

SUBJECT = "Quote request: {product} ({product_id})"
BODY = "Hello,\n\nProduct: {product} ({product_id})\nProducer: {bumdes}, {regency}\nPage: {url}\n\nQuantity: {quantity}\n\n{message}\n"

NASTY = [
    "Crab & Co",
    "What? Yes",
    "A+B grade",
    "No. #1 crab",
    "100% pure",
    "line one\nBcc: victim@example.com",
    "辣木叶粉",
    "زيت القرنفل",
    "x=1&subject=spoof",
    "tab\there; semi",
]

CONTACT = Contact(name="Dealer", email="sales@example.com", whatsapp="+62 811 4500 1234", wechat="DealerID")


def fields(name: str) -> MessageFields:
    return MessageFields(product=name, product_id="kelor-powder", bumdes=f"{name} BUMDes", regency="Sigi Regency",
                         url="https://example.org/en/products/kelor-powder/")


def mailto_parts(link: str) -> tuple[str, dict[str, list[str]]]:
    assert link.startswith("mailto:")
    address, _, query = link[len("mailto:"):].partition("?")
    # RFC 6068: '+' is not a space in mailto, so parse without form decoding.
    parsed = {}
    for pair in query.split("&"):
        key, _, value = pair.partition("=")
        parsed.setdefault(key, []).append(unquote(value))
    return unquote(address), parsed


@pytest.mark.parametrize("name", NASTY)
def test_mailto_carries_exactly_one_subject_and_body(name):
    subject, body = compose(SUBJECT, BODY, fields(name))
    link = mailto_link("sales@example.com", subject, body)
    address, query = mailto_parts(link)
    assert address == "sales@example.com"
    assert set(query) == {"subject", "body"}
    assert query["subject"] == [" ".join(f"Quote request: {name} (kelor-powder)".split())]
    assert query["body"][0] == body
    assert f"Product: {name} (kelor-powder)" in query["body"][0].replace("\r\n", "\n")


@pytest.mark.parametrize("name", NASTY)
def test_links_use_percent_encoding_never_plus(name):
    subject, body = compose(SUBJECT, BODY, fields(name))
    link = mailto_link("sales@example.com", subject, body)
    assert "+" not in link and " " not in link and "\n" not in link and "#" not in link.partition("?")[2]
    assert "%20" in link
    wa = whatsapp_link("+6281145001234", body)
    assert "+" not in wa.partition("?")[2] and " " not in wa


def test_line_breaks_are_crlf_in_mail_and_lf_in_whatsapp():
    subject, body = compose(SUBJECT, BODY, fields("Kelor"))
    assert "%0D%0A" in mailto_link("a@example.com", subject, body)
    wa = whatsapp_link("+6281145001234", body)
    assert "%0D" not in wa and "%0A" in wa


def test_whatsapp_link_has_digits_only_and_the_same_message():
    subject, body = compose(SUBJECT, BODY, fields("Crab & Co #1"))
    link = whatsapp_link("+62 811-4500-1234", body)
    parts = urlsplit(link)
    assert (parts.scheme, parts.netloc, parts.path) == ("https", "wa.me", "/6281145001234")
    assert parse_qs(parts.query, keep_blank_values=True)["text"] == [body.replace("\r\n", "\n")]


def test_subject_cannot_contain_line_breaks():
    subject, _ = compose(SUBJECT, BODY, fields("A\r\nBcc: x@example.com"))
    assert "\n" not in subject and "\r" not in subject


def test_encode_component_leaves_only_unreserved_characters():
    assert encode_component("a b&c=d?e#f+g%h/i") == "a%20b%26c%3Dd%3Fe%23f%2Bg%25h%2Fi"
    assert encode_component("辣木") == "%E8%BE%A3%E6%9C%A8"


def test_encode_component_agrees_with_urllib_for_every_kind_of_character():
    text = "".join(map(chr, range(0x80))) + "é ñ 辣木粉 🦀 \u00a0\u2028 Ü"
    assert encode_component(text) == quote(text, safe="-._~", encoding="utf-8")


def test_build_inquiry_prefers_the_products_own_alibaba_listing():
    contact = Contact(name="Dealer", email="s@example.com", alibaba_url="https://dealer.en.alibaba.com/")
    own = build_inquiry(contact, SUBJECT, BODY, fields("Kelor"), "https://dealer.en.alibaba.com/product/1.html")
    assert own.alibaba == "https://dealer.en.alibaba.com/product/1.html"
    fallback = build_inquiry(contact, SUBJECT, BODY, fields("Kelor"), None)
    assert fallback.alibaba == "https://dealer.en.alibaba.com/"
    assert fallback.whatsapp is None and fallback.wechat_qr is None


def test_wechat_qr_is_an_inline_svg_of_the_contact_link_made_at_build_time():
    linked = Contact(**{**CONTACT.model_dump(), "wechat_link": "https://u.wechat.com/DealerLink"})
    inquiry = build_inquiry(linked, SUBJECT, BODY, fields("Kelor"), None)
    assert inquiry.wechat_id == "DealerID"
    assert inquiry.wechat_qr.src.startswith("data:image/svg+xml")
    # Made here, not by a QR service: the only URL inside is the SVG namespace.
    assert "http" not in inquiry.wechat_qr.src.split(",", 1)[1].replace("http%3A%2F%2Fwww.w3.org", "")


def test_without_the_contact_link_there_is_no_qr_code_only_the_id():
    """A QR of the bare ID shows as text in WeChat: no code is better than one that does nothing."""
    inquiry = build_inquiry(CONTACT, SUBJECT, BODY, fields("Kelor"), None)
    assert inquiry.wechat_id == "DealerID" and inquiry.wechat_qr is None


def test_every_qr_code_is_a_full_qr_code_with_its_quiet_zone():
    """segno.make picks a Micro QR for short text, which WeChat and phone cameras cannot read."""
    import base64
    import re
    import urllib.parse

    from generator.inquiry import QR_QUIET_ZONE, QR_SCALE, qr_image

    for content in ("MitraEksporID", "https://u.wechat.com/AgenPaluTest"):
        image = qr_image(content)
        svg = urllib.parse.unquote(image.src.split(",", 1)[1])
        width = int(re.search(r"width='(\d+)'", svg).group(1))
        modules = width // QR_SCALE - 2 * QR_QUIET_ZONE
        assert width == image.size
        assert modules >= 21 and (modules - 17) % 4 == 0  # a QR version (21, 25, 29 …): a Micro QR is 11–17
