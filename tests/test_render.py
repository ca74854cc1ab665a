"""The page-body template environment."""

from __future__ import annotations

from pathlib import Path

import jinja2
import pytest

from generator.render import make_environment


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
