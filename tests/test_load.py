"""The strict YAML loader: strings stay strings, refused constructs name their line and column."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.issues import render_message
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
        ("a: &x 1\nb: *x\n", "load.anchor", 1, 4),
        ("a: !!python/object:os.system 1\n", "load.tag", 1, 4),
        ("a: !!int 1\n", "load.tag", 1, 4),
        ("a: 1\n---\nb: 2\n", "load.many_documents", 2, 1),
        ("a:\n\t- b\n", "load.tab", 2, 1),
        ("a:\n  b: 1\n\tc: 2\n\td: 3\n", "load.tab", 3, 1),
        ("a: [1, 2\n", "load.unclosed", 1, 4),
        ("a: 'x\n", "load.unclosed_quote", 1, 4),
        ("a: \"\x1b\"\n", "load.character", 1, 5),
        ("? [a]\n: 1\n", "load.key_not_text", 1, 3),
        ("a: b: c\n", "load.colon_in_value", 1, 5),
        ("a: b\n  c: d\n", "load.syntax", 2, 4),  # a key indented too deep: quotes would not help
        ("- a\nb: c\n", "load.syntax", 2, 1),
        ("a: 1\nmoq:\n  quantity: 5\n  unit tonne\nb: 2\n", "load.missing_colon", 4, 3),  # PyYAML stops on line 5
        ("a: 1\nplace:\u00a0Gudang\nb: 2\n", "load.odd_space", 2, 7),
    ],
)
def test_refused_constructs(text, code, line, column):
    with pytest.raises(LoadError) as caught:
        parse(text)
    assert (caught.value.code, caught.value.line, caught.value.column) == (code, line, column)


def test_every_line_indented_with_a_tab_is_named_in_one_round():
    with pytest.raises(LoadError) as caught:
        parse("a:\n\tb: 1\n\tc: 2\nd: |\n  x\n\te: 3\n")
    assert caught.value.values == {"lines": "2, 3, 6"}
    assert render_message(caught.value.code, caught.value.values, "id").startswith("ada karakter tab di indentasi, di baris 2, 3, 6 (")


@pytest.mark.parametrize(("text", "kept", "at", "said"), [
    ("place: Gudang #2 Palu\n", {"place": "Gudang"}, (1, 15),
     "nilai terpotong sebelum '#2 Palu': YAML membaca teks setelah ' #' sebagai komentar, jadi yang tersimpan hanya 'Gudang' "
     "(jika itu bagian dari nilai, beri tanda kutip lurus pada seluruh nilai: \"Gudang #2 Palu\"; komentar perlu spasi setelah #)"),
    ("name:\n  zh: 活蟹 #1 号\n", {"name": {"zh": "活蟹"}}, (2, 10), None),
])
def test_a_value_cut_short_by_a_hash_is_reported_where_it_is_cut(text, kept, at, said):
    doc = parse(text)
    assert doc.data == kept
    assert [(p.line, p.column, p.code) for p in doc.problems] == [(*at, "load.cut_by_hash")]
    if said:
        assert render_message("load.cut_by_hash", doc.problems[0].values, "id") == said


def test_comments_and_quoted_hashes_are_left_alone():
    doc = parse('unit: kg  # kilogram\nplace: "Gudang #2 Palu"\ntags: [a, b]  #x\nnote: |\n  nomor #1\n')
    assert doc.problems == ()
    assert doc.data["place"] == "Gudang #2 Palu" and doc.data["note"] == "nomor #1\n"


def test_curly_quotes_around_a_value_are_reported_and_inside_text_are_not():
    doc = parse('hs_code: “030633”\nnumber: ‘ID-123’\nsummary: Kepiting “super” segar\nquoted: "“Super”"\n')
    assert [(p.line, p.column, p.code, p.values) for p in doc.problems] == [
        (1, 10, "load.curly_quotes", {"quotes": "“”"}), (2, 9, "load.curly_quotes", {"quotes": "‘’"})]


def test_an_ideographic_space_inside_a_chinese_text_is_not_blamed_for_a_syntax_error_beside_it():
    with pytest.raises(LoadError) as caught:
        parse("a: 1\nsummary: 青蟹\u3000活体\nunit tonne\nb: 2\n")
    assert (caught.value.code, caught.value.line) == ("load.missing_colon", 3)


def test_a_key_holding_a_no_break_space_is_named():
    doc = parse("a:\n  x: 1\n\u00a0 y: 2\n")
    assert [(p.line, p.column, p.code, p.values) for p in doc.problems] == [
        (3, 1, "load.odd_space", {"character": "U+00A0 NO-BREAK SPACE"})]


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


def test_a_repeated_key_names_its_first_line_and_the_rest_of_the_file_is_still_read():
    doc = parse("a: 1\nb:\n  c: 2\n  c:\n    - x\n  d: 3\na: 4\ne: 5\n")
    assert doc.data == {"a": "1", "b": {"c": "2", "d": "3"}, "e": "5"}  # the first definition is kept
    assert [(p.line, p.column, p.code, p.values) for p in doc.problems] == [
        (4, 3, "load.duplicate_key", {"key": "c", "first": "3"}),
        (7, 1, "load.duplicate_key", {"key": "a", "first": "1"}),
    ]
    assert doc.key_at[("b", "d")] == (6, 3) and doc.key_at[("e",)] == (8, 1)


def test_an_unclosed_quote_points_where_it_opened_not_where_the_parser_gave_up():
    text = 'name:\n  id: "Bubuk kelor\n' + "".join(f"k{i}: v\n" for i in range(40))
    with pytest.raises(LoadError) as caught:
        parse(text)
    assert (caught.value.code, caught.value.line, caught.value.column) == ("load.unclosed_quote", 2, 7)


@pytest.mark.parametrize("escape, name", [
    ("\\e", "U+001B ESCAPE"), ("\\0", "U+0000 NULL"), ("\\a", "U+0007 BELL"), ("\\r", "U+000D CARRIAGE RETURN"),
    ("\\u202e", "U+202E RIGHT-TO-LEFT OVERRIDE"), ("\\u2066", "U+2066 LEFT-TO-RIGHT ISOLATE"),
    ("\\u200b", "U+200B ZERO WIDTH SPACE"), ("\\ufeff", "U+FEFF ZERO WIDTH NO-BREAK SPACE"), ("\\u2028", "U+2028 LINE SEPARATOR"),
])
def test_invisible_and_control_characters_are_reported_where_they_stand(escape, name):
    doc = parse(f'a: ok\nname: "Kelor {escape} powder"\n')
    assert [(p.line, p.column, p.code, p.values["character"]) for p in doc.problems] == [(2, 7, "load.invisible", name)]


def test_a_bidi_override_pasted_into_a_literal_block_is_reported_on_its_own_line():
    doc = parse("description: |\n  Satu.\n  Dua \u202eowt.\n")
    assert [(p.line, p.code) for p in doc.problems] == [(3, "load.invisible")]


def test_text_is_normalised_to_nfc():
    decomposed = "Kare\u0301"  # e + combining acute
    assert parse(f"a: {decomposed}\n").data == {"a": "Karé"}
