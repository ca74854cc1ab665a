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
