"""The share link's query string: written, read back, and refused piece by piece."""

from __future__ import annotations

import pytest

from fwcompare_nb.app.link import MAX_QUERY, ViewLink, format_weights, parse_query, parse_weights


def test_round_trip_keeps_weights_exact():
    weights = {"a": 8.0, "b": 0.1 + 0.2, "c": 1 / 3, "d": 0.0}
    view = ViewLink(comparison="examples/own", weights=weights, method="topsis")
    back, problems = parse_query(view.query())
    assert problems == []
    assert back.comparison == "examples/own" and back.method == "topsis"
    # zeros are left out (criteria not named get 0); the others come back bit for bit
    assert back.weights == {"a": 8.0, "b": 0.1 + 0.2, "c": 1 / 3}


def test_query_is_readable_and_escaped():
    view = ViewLink(comparison="django-vs-flask", preset="large project&x=1", method="wsm")
    text = view.query()
    assert text.startswith("comparison=django-vs-flask&preset=large+project%26x%3D1")
    assert parse_query("?" + text)[0] == view
    assert format_weights({"a": 2.0, "b": 0.5}) == "a:2,b:0.5"


@pytest.mark.parametrize(
    ("query", "fragment"),
    [
        ("foo=1", "unknown parameter 'foo'"),
        ("preset=a&preset=b", "preset is given twice"),
        ("method=", "method is empty"),
        ("weights=a:x", "'a:x' is not criterion:weight"),
        ("weights=a:-1", "'a:-1'"),
        ("weights=a:nan", "'a:nan'"),
        ("weights=a:inf", "'a:inf'"),
        ("weights=a:1,a:2", "criterion 'a' is given twice"),
        ("weights=:3", "':3'"),
    ],
)
def test_problems_are_named(query, fragment):
    view, problems = parse_query(query)
    assert any(fragment in p for p in problems), problems
    if query.startswith("weights"):
        assert view.weights is None and "the weights in the link were ignored" in problems


def test_weights_win_over_a_preset_and_the_link_says_so():
    view, problems = parse_query("preset=learning&weights=a:1")
    assert view.preset is None and view.weights == {"a": 1.0}
    assert any("both a preset and weights" in p for p in problems)


def test_overlong_query_is_ignored_whole():
    view, problems = parse_query("weights=" + "a:1," * MAX_QUERY)
    assert view == ViewLink() and "characters long" in problems[0]


def test_parse_weights_skips_blank_items():
    assert parse_weights("a:1,, b : 2 ,") == ({"a": 1.0, "b": 2.0}, [])
