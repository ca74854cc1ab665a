"""The page-body template environment."""

from __future__ import annotations

from pathlib import Path

import jinja2
import pytest

from markupsafe import Markup, escape

from generator.render import escape_for_output, make_environment


def _render(source: str, **context: object) -> str:
    jinja = make_environment(Path("/nonexistent"))
    return jinja.from_string(source).render(**context)


def test_a_typed_view_prints_its_fields_escaped_and_its_markup_as_made():
    from generator.views import Listing, ListingBody

    view = ListingBody(items=(), more=(), title="Tom & <Jerry>", lead=Markup("<em>ok</em>"))
    assert _render("{{ v.title }}|{{ v.lead }}|{{ v.items|length }}", v=view) == "Tom &amp; &lt;Jerry&gt;|<em>ok</em>|0"
    assert isinstance(view, Listing)


def test_a_field_a_view_does_not_have_is_an_error_not_empty_text():
    from generator.views import InfoBody

    with pytest.raises(jinja2.UndefinedError):
        _render("{{ v.subtitle }}", v=InfoBody(title="About", body=Markup("")))


def test_a_missing_key_is_still_an_error():
    with pytest.raises(jinja2.UndefinedError):
        _render("{{ v.nme }}", v={"name": "Kelor"})


@pytest.mark.parametrize("value", ["Tom & <Jerry> \"'", Markup("<b>safe</b>"), 12, 3.5, None, type("Tagged", (str,), {})("<i>"),
                                   type("Html", (), {"__html__": lambda self: "<em>ok</em>"})()])
def test_printed_values_are_escaped_exactly_as_markupsafe_escapes_them(value: object):
    printed = escape_for_output(value)
    assert type(printed) is str
    assert printed == str(escape(value))


def test_templates_print_through_the_fast_escape_and_still_escape_everything_but_markup():
    jinja = make_environment(Path("/nonexistent"))
    template = jinja.from_string(
        "{% macro em(x) %}<em>{{ x }}</em>{% endmacro %}{{ a }}|{{ b }}|{{ em(a) }}|{% set s %}{{ a }}{% endset %}{{ s }}|{{ a|e }}"
    )
    # If Jinja ever stops printing through its module's `escape`, this fails instead of rendering slowly.
    assert template.root_render_func.__globals__["escape"] is escape_for_output
    assert template.render(a="<x>&", b=Markup("<b>kept</b>")) == (
        "&lt;x&gt;&amp;|<b>kept</b>|<em>&lt;x&gt;&amp;</em>|&lt;x&gt;&amp;|&lt;x&gt;&amp;"
    )


def test_a_missing_value_printed_is_still_an_error():
    with pytest.raises(jinja2.UndefinedError):
        _render("{{ nothing }}")


def test_the_private_escaper_is_refused_with_what_to_do_when_markupsafe_drops_or_changes_it():
    import types

    import markupsafe

    from generator.render import private_escaper

    assert private_escaper(markupsafe) is markupsafe._escape_inner
    gone = types.SimpleNamespace(escape=markupsafe.escape)
    changed = types.SimpleNamespace(escape=markupsafe.escape, _escape_inner=lambda s: s.replace("&", "&amp;"))
    other_signature = types.SimpleNamespace(escape=markupsafe.escape, _escape_inner=lambda s, quote: s)
    for module in (gone, changed, other_signature):
        with pytest.raises(ImportError, match=r"no markupsafe\._escape_inner.*requirements\.txt.*markupsafe\.escape"):
            private_escaper(module)


def test_render_fails_at_import_when_the_installed_markupsafe_has_no_private_escaper(tmp_path):
    import subprocess
    import sys

    # A MarkupSafe release without _escape_inner, stood in by deleting it before generator.render is imported.
    code = "import markupsafe; del markupsafe._escape_inner; import generator.render"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=Path(__file__).resolve().parent.parent)
    assert result.returncode != 0
    assert "ImportError: generator/render.py: this MarkupSafe has no markupsafe._escape_inner" in result.stderr
