"""Your own scores and must-haves in the explorer (issue 15, parts 1 and 2)."""

from __future__ import annotations

import pytest

import fwcompare_nb as fw
from fwcompare_nb.app.explorer import Explorer
from fwcompare_nb.io.profiles import ProfileStore


@pytest.fixture
def pwf():
    return fw.load_comparison(fw.config.DATA_DIR / "python-web-frameworks")


@pytest.fixture
def ex(pwf, tmp_path):
    return Explorer(pwf, profile="async-realtime", store=ProfileStore(tmp_path / "p"))


def _require(ex, cid, value):
    ex.evidence_criterion.value = cid
    ex.judgement.bound.value = value
    ex.judgement.require.click()


def test_a_must_have_rules_out_and_every_part_reads_the_same_result(ex, pwf):
    shown = ex.widget
    old_slider = ex.sliders["async_support"]
    _require(ex, "async_support", 3)
    expected = pwf.with_requirements(["async_support>=3"])
    assert ex.comparison.alternatives == expected.alternatives == [
        "Django", "FastAPI", "Falcon", "Tornado"
    ]  # fmt: skip
    rec = fw.recommend(expected, "async-realtime")
    assert ex.recommendation.headline() == rec.headline()
    assert "Ruled out: Flask (Async and real-time 2 &lt; 3)" in ex.headline.value
    assert ex.decision.comparison is ex.comparison  # the tabs work on those that pass
    assert set(ex.chart_ranking.bars) == set(expected.alternatives)
    # The chart says it too: nothing is silently missing from it.
    title = ex.chart_ranking.ax.get_title(loc="left")
    assert title == "Ranking: FastAPI first (3 ruled out by must-haves)"
    # Same place on the page, same preset and criterion; the old widgets are closed.
    assert ex.widget is shown and ex.profile.value == "async-realtime"
    assert ex.evidence_criterion.value == "async_support"
    assert old_slider.comm is None
    assert "Ruled out (Async and real-time 2 &lt; 3)" in ex.evidence_html.value
    ex.judgement.drop.click()
    assert ex.comparison.alternatives == pwf.alternatives


def test_a_cost_takes_a_maximum(ex):
    ex.evidence_criterion.value = "learning_curve"
    assert ex.judgement.bound.description == "At most"
    _require(ex, "learning_curve", 2)
    assert [r.spec() for r in ex.comparison.requirements] == ["learning_curve<=2"]
    assert ex.comparison.alternatives == ["Flask", "FastAPI", "Bottle"]


def test_own_score_with_reason_then_reset(ex, pwf):
    ex.evidence_criterion.value = "async_support"
    jp = ex.judgement
    jp.alternative.value, jp.score.value, jp.reason.value = "Flask", 4, "we use Flask-Sock"
    jp.use.click()
    assert ex.comparison.score("Flask", "async_support") == 4
    assert ex.judgement.alternative.value == "Flask"  # kept across the rebuild
    assert ex.headline.value.count("With 1 of your own score.") == 1
    assert "4 (yours; data 2)" in ex.evidence_html.value
    assert "Your reason: we use Flask-Sock." in ex.evidence_html.value
    mine = pwf.with_scores({("Flask", "async_support"): 4})
    assert ex.recommendation.headline() == fw.recommend(mine, "async-realtime").headline()
    ex.judgement.reset_cell.click()
    assert ex.comparison.overrides.empty and "own score" not in ex.headline.value
    jp = ex.judgement
    jp.alternative.value, jp.score.value = "Bottle", 5
    jp.use.click()
    ex.judgement.reset_all.click()
    assert ex.comparison.overrides.empty


def test_bad_values_are_a_message_and_change_nothing(ex, pwf):
    ex.evidence_criterion.value = "async_support"
    ex.judgement.alternative.value, ex.judgement.score.value = "Flask", 9
    ex.judgement.use.click()
    assert "off the criterion&#x27;s scale 1..5" in ex.error.value
    assert ex.comparison is pwf
    _require(ex, "async_support", 5)
    _require(ex, "learning_curve", 1)  # with the first: nobody passes
    assert "ruled out by the must-haves" in ex.error.value
    assert "Bottle (Async and real-time 1 &lt; 5, 4 short)" in ex.error.value
    assert [r.spec() for r in ex.comparison.requirements] == ["async_support>=5"]


def test_the_export_box_writes_numbered_records_beside_the_code(ex, tmp_path):
    folder = tmp_path / "docs" / "decisions"
    ex.export_dir.value = str(folder)
    _require(ex, "async_support", 3)
    first = ex.export.write_record()
    ex.export.record_button.click()
    names = sorted(p.name for p in folder.iterdir())
    assert names[0] == first.name and names[0].startswith("0001-use-fastapi-for-async")
    assert names[1].startswith("0002-") and len(names) == 2
    text = first.read_text()
    assert "async_support" in text and "Flask" in text  # the must-have and whom it ruled out


def test_one_ruled_out_is_named_in_the_chart_title(pwf):
    from fwcompare_nb.plots.comparison import ranking_title

    one = pwf.with_requirements(["async_support>=2"])  # only Pyramid and Bottle miss it
    assert ranking_title(fw.recommend(one, "learning")).endswith("(2 ruled out by must-haves)")
    solo = pwf.with_requirements(["maturity>=4"])  # FastAPI and Bottle score 3
    assert fw.recommend(solo, "learning").excluded == ("FastAPI", "Bottle")
    single = pwf.with_requirements(["templating>=2"])  # only Falcon scores 1
    assert (
        ranking_title(fw.recommend(single, "learning")) == "Ranking: Flask first (Falcon ruled out)"
    )
