"""The seven-framework comparison in data/python-web-frameworks works with every tool unchanged.

The explorer and the report on it: tests/integration/test_python_web_frameworks_tools.py."""

from __future__ import annotations

import math

import matplotlib
import pandas as pd
import pytest

matplotlib.use("Agg")

import fwcompare_nb as fw  # noqa: E402
from fwcompare_nb.io.checking import check_folder, check_paths  # noqa: E402
from tests.conftest import ROOT  # noqa: E402

FOLDER = ROOT / "data" / "python-web-frameworks"
FRAMEWORKS = ["Django", "Flask", "FastAPI", "Pyramid", "Bottle", "Falcon", "Tornado"]
MEASURED = ["installed_mb", "distributions", "startup_ms", "loc_hello", "loc_json"]
PRESETS = ["learning", "api-service", "large-project", "minimal-footprint", "async-realtime"]


@pytest.fixture(scope="module")
def pwf() -> fw.Comparison:
    return fw.load_comparison("python-web-frameworks")


def test_folder_validates_without_problems():
    assert check_folder(FOLDER) == []
    assert check_paths([FOLDER]) == []


def test_alternatives_and_criteria(pwf):
    assert len(pwf.alternatives) >= 6
    assert set(FRAMEWORKS) <= set(pwf.alternatives)
    judged = [c for c in pwf.criterion_ids if c not in MEASURED]
    assert len(judged) >= 14
    # the judged criteria reuse the django-vs-flask ids, names and scales where they overlap
    dvf = fw.load_comparison("django-vs-flask").criteria
    shared = [c for c in judged if c in dvf.index]
    assert len(shared) >= 14
    for cid in shared:
        row, ref = pwf.criteria.loc[cid], dvf.loc[cid]
        assert (row["min"], row["max"], row["direction"]) == (
            ref["min"],
            ref["max"],
            ref["direction"],
        )
    for cid in judged:
        assert (pwf.criteria.loc[cid, "min"], pwf.criteria.loc[cid, "max"]) == (1, 5)


def test_every_cell_has_evidence_that_contains_the_score(pwf):
    ev = pwf.evidence.set_index(["alternative", "criterion"])
    assert not ev.index.duplicated().any()
    assert len(ev) == len(pwf.alternatives) * len(pwf.criterion_ids)
    for alt in pwf.alternatives:
        for cid in pwf.criterion_ids:
            row = ev.loc[(alt, cid)]
            score = float(pwf.scores.loc[alt, cid])
            assert str(row["rationale"]).strip(), (alt, cid)
            assert str(row["source"]).strip(), (alt, cid)
            assert row["score_low"] <= score <= row["score_high"], (alt, cid)


def test_measured_criteria_are_costs_without_scale_and_cite_a_measurement(pwf):
    crit = pwf.criteria
    ev = pwf.evidence
    for cid in MEASURED:
        assert cid in crit.index
        assert crit.loc[cid, "direction"] == "cost"
        assert math.isnan(crit.loc[cid, "min"]) and math.isnan(crit.loc[cid, "max"])
        rows = ev[ev["criterion"] == cid]
        assert len(rows) == len(pwf.alternatives)
        for source in rows["source"]:
            assert source.startswith("measured: "), source
            assert "measurements.csv" in source and "Python 3.11" in source
    assert (pwf.scores[MEASURED] > 0).all().all()


def test_judged_sources_are_docs_metadata_or_measurements(pwf):
    ev = pwf.evidence[~pwf.evidence["criterion"].isin(MEASURED)]
    kinds = ("docs", "PyPI", "inspected:", "measured:", "snapshot", "pip index")
    for source in ev["source"]:
        assert any(k in source for k in kinds), source


@pytest.mark.parametrize("method", ["wsm", "wpm", "topsis"])
@pytest.mark.parametrize("preset", PRESETS)
def test_every_preset_gives_a_winner(pwf, preset, method):
    assert preset in pwf.profiles.index
    rec = fw.recommend(pwf, preset, method)
    assert rec.winner in FRAMEWORKS
    assert rec.runner_up in FRAMEWORKS and rec.runner_up != rec.winner
    assert rec.margin >= 0


def test_presets_give_the_expected_wsm_winners(pwf):
    winners = {p: fw.recommend(pwf, p, "wsm").winner for p in PRESETS}
    assert winners["large-project"] == "Django"
    assert winners["api-service"] == "FastAPI"
    assert winners["async-realtime"] == "FastAPI"
    assert winners["learning"] == "Flask"
    assert winners["minimal-footprint"] == "Bottle"  # every method: tests/unit/data/test_presets.py


def test_sensitivity_and_rank_acceptability_run(pwf):
    sens = fw.sensitivity(pwf, "api-service")
    assert sens.winner == fw.recommend(pwf, "api-service").winner
    assert set(sens.intervals.index) == set(pwf.criterion_ids)
    smaa = fw.rank_acceptability(pwf, samples=2000)
    acc = smaa.acceptability
    assert set(acc.index) == set(pwf.alternatives)
    assert acc.shape[1] == len(pwf.alternatives)
    assert ((acc.sum(axis=1) - 1).abs() < 1e-9).all()


def test_scores_table_is_wide_and_complete(pwf):
    scores = pd.read_csv(FOLDER / "scores.csv")
    assert list(scores["alternative"]) == FRAMEWORKS
    assert not scores.isna().any().any()


def test_measured_cells_equal_the_committed_measurements():
    # Traceability: a measured score is the number in data/evidence/measurements.csv, so a rerun
    # of `make evidence` that moves a figure must be carried into the comparison (or this fails).
    from fwcompare_nb.io.measurements import measure_table, read_measurements

    m = read_measurements()
    scores = fw.load_comparison("python-web-frameworks").scores
    scores.index = scores.index.str.lower()
    pairs = {
        "installed_mb": ("installed_mb", "value", 0.01),
        "distributions": ("distributions", "value", 0),
        "startup_ms": ("first_response_ms", "hello", 0.1),
        "loc_hello": ("loc_written", "hello", 0),
        "loc_json": ("loc_written", "json", 0),
    }
    for column, (measure, app, tol) in pairs.items():
        table = measure_table(m, measure)
        for framework in scores.index:
            measured = float(table.at[framework, app])
            assert abs(float(scores.at[framework, column]) - measured) <= tol + 1e-9, (
                column, framework, scores.at[framework, column], measured,
            )  # fmt: skip
