"""The strict YAML loader: strings stay strings, refused constructs name their line and column."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.load import MAX_FILE_BYTES, LoadError, parse_document

P = Path("x.yml")


def parse(text: str | bytes):
    raw = text.encode("utf-8") if isinstance(text, str) else text
    return parse_document(P, raw)


def test_scalars_stay_text_with_their_meaning():
    doc = parse('hs: 0403\nphone: 0812345\nflag: NO\nqty: 1.000\nyes_: yes\ndate: 2026-01-02\nempty:\nq: ""\n')
    assert doc.data == {
        "hs": "0403",
        "phone": "0812345",
        "flag": "NO",
        "qty": "1.000",
        "yes_": "yes",
        "date": "2026-01-02",
        "empty": None,
        "q": "",
    }


def test_positions_of_keys_and_values():
    doc = parse("a:\n  b:\n    - x\n    - y: 1\n")
    assert doc.key_at[("a",)] == (1, 1)
    assert doc.key_at[("a", "b")] == (2, 3)
    assert doc.value_at[("a", "b", 0)] == (3, 7)
    assert doc.key_at[("a", "b", 1, "y")] == (4, 7)
    assert doc.position(("a", "b", 1, "missing")) == (4, 7)


@pytest.mark.parametrize(
    ("text", "code", "line", "column"),
    [
        ("a: 1\na: 2\n", "load.duplicate_key", 2, 1),
        ("a: &x 1\nb: *x\n", "load.anchor", 1, 4),
        ("a: !!python/object:os.system 1\n", "load.tag", 1, 4),
        ("a: !!int 1\n", "load.tag", 1, 4),
        ("a: 1\n---\nb: 2\n", "load.many_documents", 2, 1),
        ("a:\n\t- b\n", "load.tab", 2, 1),
        ("a: [1, 2\n", "load.syntax", 2, 1),
        ("? [a]\n: 1\n", "load.key_not_text", 1, 3),
        ("a: b: c\n", "load.syntax", 1, 5),
    ],
)
def test_refused_constructs(text, code, line, column):
    with pytest.raises(LoadError) as caught:
        parse(text)
    assert (caught.value.code, caught.value.line, caught.value.column) == (code, line, column)


def test_bad_encoding_points_at_the_byte():
    with pytest.raises(LoadError) as caught:
        parse(b"a: ok\nb: caf\xe9\n")
    assert (caught.value.code, caught.value.line, caught.value.column) == ("load.encoding", 2, 7)


def test_byte_order_mark_is_accepted():
    assert parse(b"\xef\xbb\xbfa: b\n").data == {"a": "b"}


def test_oversized_file_is_refused_before_parsing():
    with pytest.raises(LoadError) as caught:
        parse("a: " + "x" * MAX_FILE_BYTES)
    assert caught.value.code == "load.too_large"


def test_deep_nesting_is_refused_without_recursion():
    with pytest.raises(LoadError) as caught:
        parse("[" * 100_000 + "]" * 100_000)
    assert caught.value.code == "load.too_deep"


def test_billion_laughs_cannot_expand():
    text = 'a: &a ["x","x"]\nb: &b [*a,*a]\nc: &c [*b,*b]\n'
    with pytest.raises(LoadError) as caught:
        parse(text)
    assert caught.value.code == "load.anchor"


def test_too_many_values():
    with pytest.raises(LoadError) as caught:
        parse("[" + ",".join(["1"] * 25_000) + "]")
    assert caught.value.code == "load.too_many_nodes"
