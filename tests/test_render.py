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


def test_a_dot_reads_a_views_key_even_where_a_dict_has_a_method_of_that_name():
    # Jinja's default would print the bound dict.items method here.
    assert _render("{{ v.items }}|{{ v.name }}", v={"items": "3 boxes", "name": "Kelor"}) == "3 boxes|Kelor"


def test_a_dot_still_reads_attributes_of_other_objects_and_escapes_what_it_prints():
    class Thing:
        label = "<b>crab</b>"

    assert _render("{{ x.label }}|{{ v.title }}", x=Thing(), v={"title": "Tom & Jerry"}) == "&lt;b&gt;crab&lt;/b&gt;|Tom &amp; Jerry"


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
