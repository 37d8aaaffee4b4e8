"""The dashboard's share link carries your own scores and must-haves (issue 15)."""

from __future__ import annotations

import html
from urllib.parse import parse_qs

import pytest

import fwcompare_nb as fw
from fwcompare_nb.app.dashboard import Dashboard
from fwcompare_nb.app.link import ViewLink, parse_query
from fwcompare_nb.io.profiles import ProfileStore

HOSTILE = 'Flask-Sock, "sure" & <b>=x</b> ,:;'


def test_link_round_trip_keeps_names_and_reasons_exactly():
    link = ViewLink(comparison="c", own=(("A:b", "x", 3.5, HOSTILE),), requirements=("x>=2",))
    back, problems = parse_query(link.query())
    assert problems == [] and back == link


@pytest.mark.parametrize(
    ("query", "fragment"),
    [
        ("own=[[1,2]]", "own: not a list of [alternative, criterion, score, reason]"),
        ("own=nope", "own is not readable (JSON)"),
        ('own=[["a","b",NaN,""]]', "own: not a list"),
        ("require=[1]", "require: not a list"),
    ],
)
def test_malformed_judgement_in_a_link_is_a_note(query, fragment):
    link, problems = parse_query(query)
    assert link.own is None and link.requirements is None
    assert any(fragment in p for p in problems), problems


@pytest.fixture
def app(tmp_path):
    return Dashboard("python-web-frameworks", "async-realtime", ProfileStore(tmp_path))


def test_the_link_follows_the_judgement_on_screen_and_restores_it(app, tmp_path):
    ex = app.explorer
    ex.evidence_criterion.value = "async_support"
    ex.judgement.bound.value = 3
    ex.judgement.require.click()  # through the page: the link is rewritten
    ex = app.explorer
    ex.judgement.alternative.value, ex.judgement.score.value = "Flask", 3
    ex.judgement.reason.value = HOSTILE
    ex.judgement.use.click()
    query = app.view().query()
    assert html.escape("?" + query, quote=True) in app.link.value  # the link on the page
    params = parse_qs(query)
    assert params["require"] == ['["async_support>=3"]']
    other = Dashboard(None, None, ProfileStore(tmp_path / "o"))
    assert other.restore(query) == []
    comp = other.explorer.comparison
    assert comp.requirements == app.explorer.comparison.requirements
    assert comp.overrides.equals(app.explorer.comparison.overrides)
    assert other.explorer.headline.value == app.explorer.headline.value


def test_a_link_the_comparison_refuses_is_a_note(app):
    notes = app.restore('comparison=python-web-frameworks&require=["async_support>=9"]')
    assert len(notes) == 1 and "must-haves ignored" in notes[0] and "off its scale" in notes[0]
    assert app.explorer.comparison.requirements == ()
    assert fw.recommend(app.explorer.comparison, "async-realtime").winner == "FastAPI"
