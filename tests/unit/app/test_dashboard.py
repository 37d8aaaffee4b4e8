"""The dashboard in process: opening preset, chooser, uploads, the link and its problems."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pytest

import fwcompare_nb as fw
from fwcompare_nb.app.dashboard import (
    COMPARISON_VARIABLE,
    MAX_UPLOAD_BYTES,
    PRESET_VARIABLE,
    Dashboard,
)
from fwcompare_nb.app.state import CUSTOM
from fwcompare_nb.io.profiles import ProfileStore
from tests.conftest import CRITERIA_CSV, SCORES_CSV


@pytest.fixture
def store(tmp_path):
    return ProfileStore(tmp_path / "profiles")


@pytest.fixture
def app(store, monkeypatch):
    monkeypatch.delenv(PRESET_VARIABLE, raising=False)
    monkeypatch.delenv(COMPARISON_VARIABLE, raising=False)
    return Dashboard(store=store)


def upload(name: str, text: str | bytes) -> dict:
    data = text.encode() if isinstance(text, str) else text
    when = dt.datetime(2026, 12, 1, tzinfo=dt.UTC)
    return {"name": name, "type": "text/csv", "size": len(data), "content": memoryview(data),
            "last_modified": when}  # fmt: skip


def test_opens_on_the_first_preset_with_its_description(app, comparison):
    first = comparison.preset_ids[0]
    assert app.explorer.state.preset == first and app.explorer.profile.value == first
    assert comparison.preset_description(first)[:40] in app.explorer.profile_note.value
    expected = fw.recommend(comparison, first)
    assert app.explorer.recommendation.headline() == expected.headline()
    # visitors download files; nothing is offered to write on the server
    assert app.explorer.export.widget not in app.explorer.widget.children[-1].children


def test_command_line_preset_and_comparison_via_environment(store, monkeypatch):
    monkeypatch.setenv(COMPARISON_VARIABLE, "python-web-frameworks")
    monkeypatch.setenv(PRESET_VARIABLE, "api-service")
    app = Dashboard(store=store)
    assert app.key == "python-web-frameworks" and app.explorer.state.preset == "api-service"
    monkeypatch.setenv(COMPARISON_VARIABLE, "nope")
    app = Dashboard(store=store)
    assert app.key == "django-vs-flask"
    assert "unknown comparison" in app.notes.value and app.notes.layout.display is None


def test_chooser_switches_and_closes_the_old_explorer(app):
    old = app.explorer
    assert [k for _, k in app.chooser.options][:1] == ["django-vs-flask"]
    app.chooser.value = "python-web-frameworks"
    assert app.explorer is not old and len(app.explorer.comparison.alternatives) == 7
    assert app.body.children == (app.explorer.widget,)
    assert old.widget.comm is None and old.sliders["learning_curve"].comm is None
    assert "comparison=python-web-frameworks" in app.link.value


def test_chooser_offers_the_database_comparison_with_its_presets(app):
    assert "python-web-databases" in [k for _, k in app.chooser.options]
    app.chooser.value = "python-web-databases"
    assert app.explorer.comparison.alternatives[:3] == ["SQLite", "PostgreSQL", "MariaDB"]
    app.explorer.profile.value = "microsoft-shop"
    assert app.explorer.recommendation.winner == "SQL Server"
    assert "comparison=python-web-databases" in app.link.value


def test_link_round_trip_restores_the_same_result(app, store):
    app.explorer.method.value = "topsis"
    app.explorer.sliders["learning_curve"].value = 9.5
    query = app.view().query()
    other = Dashboard(store=store)
    assert other.restore(query) == []
    assert other.explorer.state.preset == CUSTOM and other.explorer.state.method == "topsis"
    assert other.explorer.recommendation.headline() == app.explorer.recommendation.headline()
    assert other.explorer.state.weights.equals(app.explorer.state.weights)


def test_exact_weights_travel_exactly(app, store):
    exact = {"learning_curve": 1 / 3, "admin_interface": 0.1 + 0.2, "documentation": 2 / 7}
    app.explorer.set_weights(exact)
    other = Dashboard(store=store)
    other.restore(app.view().query())
    assert other.explorer.state.weights.equals(app.explorer.state.weights)


def test_preset_link_on_the_same_comparison_keeps_the_explorer(app):
    explorer = app.explorer
    assert app.restore("preset=large-project&method=wpm") == []
    assert app.explorer is explorer and explorer.state.preset == "large-project"
    assert explorer.state.method == "wpm"
    assert "preset=large-project" in app.link.value and "method=wpm" in app.link.value


@pytest.mark.parametrize(
    ("query", "fragment"),
    [
        ("comparison=../../etc", "unknown comparison"),
        ("preset=nope", "preset 'nope' is not one of"),
        ("weights=nope:3", "unknown criteria 'nope'"),
        ("weights=learning_curve:0", "all are 0"),
        ("method=zz", "method 'zz' is not one of"),
        ("foo=<b>x</b>", "unknown parameter"),
    ],
)
def test_bad_links_are_reported_and_fall_back(app, query, fragment):
    problems = app.restore(query)
    assert any(fragment in p for p in problems), problems
    assert app.key == "django-vs-flask"
    assert app.explorer.state.preset == app.explorer.comparison.preset_ids[0]
    assert app.explorer.state.method == "wsm"
    assert "could not be followed" in app.notes.value and "<b>x" not in app.notes.value


def test_restore_from_request_reads_voila_query_string(app, monkeypatch):
    monkeypatch.setenv("QUERY_STRING", "comparison=examples/own&method=topsis")
    assert app.restore_from_request() == []
    assert app.key == "examples/own" and app.explorer.state.method == "topsis"


def test_good_upload_becomes_a_comparison(app):
    app.scores_upload.value = (upload("my scores.csv", SCORES_CSV),)
    app.criteria_upload.value = (upload("crit.csv", CRITERIA_CSV),)
    assert app.use_uploaded_files()
    assert app.key.startswith("upload:") and app.explorer.comparison.alternatives == ["A", "B", "C"]
    assert app.chooser.value == app.key and "uploaded: my scores" in app.chooser.label
    assert "3 alternatives on 3 criteria" in app.upload_status.value
    assert app.view() is None and "cannot travel in a link" in app.link.value
    assert app.scores_upload.value == ()  # ready for the next upload
    app.chooser.value = "django-vs-flask"  # and back
    assert app.explorer.comparison.name == "django-vs-flask"


@pytest.mark.parametrize(
    ("scores", "criteria", "fragment"),
    [
        ("alternative,speed\nA,x\n", CRITERIA_CSV, "my-scores.csv"),
        (SCORES_CSV, "name\nSpeed\n", "../../crit.csv"),
        (b"\xff\xfe\x00garbage", CRITERIA_CSV, "my-scores.csv"),
        ("x" * (MAX_UPLOAD_BYTES + 1), CRITERIA_CSV, "too large"),
    ],
)
def test_bad_upload_names_the_file_and_keeps_the_view(app, scores, criteria, fragment, tmp_path):
    before = app.explorer
    app.scores_upload.value = (upload("../my-scores.csv", scores),)
    app.criteria_upload.value = (upload("../../crit.csv", criteria),)
    assert not app.use_uploaded_files()
    status = app.upload_status.value
    assert app.explorer is before and app.key == "django-vs-flask"
    # named as uploaded (base name only), never by the temporary path
    assert (fragment if fragment != "../../crit.csv" else "crit.csv") in status
    assert "fwc-upload-" not in status and "/tmp" not in status
    assert not list(Path(os.environ.get("TMPDIR", "/tmp")).glob("fwc-upload-*"))


def test_upload_needs_both_files(app):
    app.scores_upload.value = (upload("s.csv", SCORES_CSV),)
    assert not app.use_uploaded_files()
    assert "Upload a criteria CSV first" in app.upload_status.value


def test_unloadable_bundled_folder_is_listed_not_offered(app):
    keys = [k for _, k in app.chooser.options]
    assert "examples/own-with-mistakes" not in keys
    assert any("own-with-mistakes" in p for p in app.problems)
