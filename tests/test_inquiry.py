"""Inquiry messages and links: decode every generated link and check its exact parts, whatever the product
text or the buyer's message says."""

from __future__ import annotations

import re
from urllib.parse import parse_qs, quote, unquote, urlsplit

import pytest

from generator.inquiry import BLANK, Line, MessageLayout, compose, encode_component, label_text, mailto_link, whatsapp_link

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


def layout(name: str) -> MessageLayout:
    """A message as a product page lays it out, with the product's name from YAML."""
    return MessageLayout(subject=f"Quote request: {name} (kelor-powder)", lines=(
        Line(text="Hello"), Line(),
        Line(label=("Produk", "Product"), value=f"{name} (kelor-powder)"),
        Line(label=("Jumlah", "Quantity"), field="quantity"),
        Line(label=("Company",), field="company"), Line(),
        Line(label=("Pesan", "Message"), field="message", block=True),
    ))


def mailto_parts(link: str) -> tuple[str, dict[str, list[str]]]:
    assert link.startswith("mailto:")
    address, _, query = link[len("mailto:"):].partition("?")
    # RFC 6068: '+' is not a space in mailto, so parse without form decoding.
    parsed: dict[str, list[str]] = {}
    for pair in query.split("&"):
        key, _, value = pair.partition("=")
        parsed.setdefault(key, []).append(unquote(value))
    return unquote(address), parsed


@pytest.mark.parametrize("name", NASTY)
def test_mailto_carries_exactly_one_subject_and_body(name):
    subject, body = compose(layout(name), {"quantity": name, "message": name})
    address, query = mailto_parts(mailto_link("sales@example.com", subject, body))
    assert address == "sales@example.com"
    assert set(query) == {"subject", "body"}
    assert query["subject"] == [" ".join(f"Quote request: {name} (kelor-powder)".split())]
    assert query["body"] == [body]
    assert f"Produk (Product): {name} (kelor-powder)" in body.replace("\r\n", "\n")


@pytest.mark.parametrize("name", NASTY)
def test_links_use_percent_encoding_never_plus(name):
    subject, body = compose(layout(name), {"message": name})
    link = mailto_link("sales@example.com", subject, body)
    assert "+" not in link and " " not in link and "\n" not in link and "#" not in link.partition("?")[2]
    assert "%20" in link
    wa = whatsapp_link("+6281145001234", body)
    assert "+" not in wa.partition("?")[2] and " " not in wa


def test_the_buyers_blank_lines_stay_and_unfilled_fields_read_as_blank():
    message = "First paragraph.\n\nSecond paragraph,\nwith a second line.\n\n\nThird."
    _, body = compose(layout("Kelor"), {"message": "\n" + message + "\n\n", "company": "  PT Maju  "})
    lines = body.split("\r\n")
    assert lines[-1] == "" and "\n".join(lines[lines.index("Pesan (Message):") + 1:-1]) == message
    assert "Jumlah (Quantity): " + BLANK in lines
    assert "Company: PT Maju" in lines
    empty = compose(layout("Kelor"), {})[1].split("\r\n")
    assert empty[empty.index("Pesan (Message):") + 1] == BLANK


def test_windows_line_breaks_in_the_message_do_not_double():
    _, body = compose(layout("Kelor"), {"message": "a\r\n\r\nb"})
    assert body.endswith("Pesan (Message):\r\na\r\n\r\nb\r\n")


def test_labels_show_the_english_beside_another_language_once():
    assert label_text(("Jumlah", "Quantity")) == "Jumlah (Quantity)"
    assert label_text(("数量", "Quantity")) == "数量 (Quantity)"
    assert label_text(("Quantity", "Quantity")) == "Quantity"
    assert label_text(("Quantity",)) == "Quantity"


def test_line_breaks_are_crlf_in_mail_and_lf_in_whatsapp():
    subject, body = compose(layout("Kelor"), {})
    assert "%0D%0A" in mailto_link("a@example.com", subject, body)
    wa = whatsapp_link("+6281145001234", body)
    assert "%0D" not in wa and "%0A" in wa


def test_whatsapp_link_has_digits_only_and_the_same_message():
    subject, body = compose(layout("Crab & Co #1"), {"message": "a\n\nb"})
    link = whatsapp_link("+62 811-4500-1234", body)
    parts = urlsplit(link)
    assert (parts.scheme, parts.netloc, parts.path) == ("https", "wa.me", "/6281145001234")
    assert parse_qs(parts.query, keep_blank_values=True)["text"] == [body.replace("\r\n", "\n")]
    assert whatsapp_link("+6281145001234", "") == "https://wa.me/6281145001234"


def test_subject_cannot_contain_line_breaks():
    subject, _ = compose(layout("A\r\nBcc: x@example.com"), {})
    assert "\n" not in subject and "\r" not in subject


def test_layout_json_is_what_inquiry_js_reads():
    data = layout("Kelor").as_json()
    assert data["subject"] == "Quote request: Kelor (kelor-powder)"
    assert data["lines"][0] == {"text": "Hello"} and data["lines"][1] == {"text": ""}
    assert data["lines"][2] == {"label": ["Produk", "Product"], "value": "Kelor (kelor-powder)"}
    assert data["lines"][-1] == {"label": ["Pesan", "Message"], "field": "message", "block": True}


def test_encode_component_leaves_only_unreserved_characters():
    assert encode_component("a b&c=d?e#f+g%h/i") == "a%20b%26c%3Dd%3Fe%23f%2Bg%25h%2Fi"
    assert encode_component("辣木") == "%E8%BE%A3%E6%9C%A8"


def test_encode_component_agrees_with_urllib_for_every_kind_of_character():
    text = "".join(map(chr, range(0x80))) + "é ñ 辣木粉 🦀 \u00a0\u2028 Ü"
    assert encode_component(text) == quote(text, safe="-._~", encoding="utf-8")


def test_qr_code_is_an_svg_file_made_at_build_time_and_named_by_its_content():
    from generator.inquiry import qr_image

    image = qr_image("https://u.wechat.com/DealerLink")
    svg = image.svg.decode("utf-8")
    assert svg.startswith("<svg") and re.fullmatch(r"qr-[0-9a-f]{16}\.svg", image.name)
    # Made here, not by a QR service: the only URL inside is the SVG namespace.
    assert "http" not in svg.replace("http://www.w3.org/2000/svg", "")
    assert qr_image("https://u.wechat.com/OtherLink").name != image.name


def test_every_qr_code_is_a_full_qr_code_with_its_quiet_zone():
    """segno.make picks a Micro QR for short text, which WeChat and phone cameras cannot read."""
    from generator.inquiry import QR_QUIET_ZONE, QR_SCALE, qr_image

    for content in ("MitraEksporID", "https://u.wechat.com/AgenPaluTest"):
        image = qr_image(content)
        svg = image.svg.decode("utf-8")
        width = int(re.search(r'width="(\d+)"', svg).group(1))
        modules = width // QR_SCALE - 2 * QR_QUIET_ZONE
        assert width == image.size
        assert modules >= 21 and (modules - 17) % 4 == 0  # a QR version (21, 25, 29 …): a Micro QR is 11–17


@pytest.mark.parametrize("number, shown", [
    ("+6281145001234", "+62 811-4500-1234"),    # Indonesian mobile, as written in site_config.yml digits only
    ("+62 811 4500 1234", "+62 811-4500-1234"),  # spaced as a person types it
    ("+8613800138000", "+86 138 0013 8000"),    # a Chinese agent's mobile, in China's grouping
])
def test_whatsapp_numbers_are_shown_grouped_while_the_link_keeps_digits_only(number, shown):
    from generator.models import format_phone

    assert format_phone(number) == shown
    assert urlsplit(whatsapp_link(number, "")).path == "/" + "".join(c for c in number if c.isdigit())


def test_the_sample_contact_page_shows_each_whatsapp_number_grouped_and_links_its_digits(sample_site):
    import re

    page = (sample_site / "en" / "contact" / "index.html").read_text(encoding="utf-8")
    links = re.findall(r'<a href="https://wa\.me/([0-9]+)"[^>]*>([^<]+)</a>', page)
    assert ("6281145001234", "+62 811-4500-1234") in links
    assert links and all(re.fullmatch(r"\+62 [0-9]{3}-[0-9]{4}-[0-9]{4}", shown) for _, shown in links)
