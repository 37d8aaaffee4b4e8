"""The user's own scores and must-haves (issue 15, parts 1 and 2), in the core."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

import fwcompare_nb as fw
from fwcompare_nb.core.judgement import Requirement, parse_requirement, parse_score


@pytest.fixture(scope="module")
def pwf():
    return fw.load_comparison(fw.config.DATA_DIR / "python-web-frameworks")


# ------------------------------------------------------------------------ own scores
def test_own_score_is_recorded_beside_the_bundled_one(comparison):
    mine = comparison.with_scores({("Flask", "admin_interface"): (3, "Flask-Admin suits us")})
    assert comparison.score("Flask", "admin_interface") == 1  # the value object is unchanged
    assert mine.score("Flask", "admin_interface") == 3
    assert mine.overrides.to_dict("records") == [
        {"alternative": "Flask", "criterion": "admin_interface", "score": 3.0, "bundled": 1.0,
         "reason": "Flask-Admin suits us"}
    ]  # fmt: skip
    again = mine.with_scores({("Flask", "admin_interface"): 4})
    assert again.overrides["bundled"].tolist() == [1.0]  # still the data's score
    assert again.with_scores({("Flask", "admin_interface"): 1}).overrides.empty  # back: gone
    assert mine.without_scores().score("Flask", "admin_interface") == 1
    assert mine.without_scores([("Flask", "admin_interface")]).overrides.empty


def test_own_scores_change_every_answer_and_say_so(comparison):
    mine = comparison.with_scores(
        [("Flask", "admin_interface", 5), ("Flask", "batteries_included", 5)], reason="plugins"
    )
    # Independent: the same matrix built from frames by hand ranks the same.
    scores = comparison.scores.copy()
    scores.loc["Flask", ["admin_interface", "batteries_included"]] = 5
    by_hand = fw.Comparison.from_frames(scores, comparison.criteria.reset_index())
    w = comparison.profile_weights("large-project")
    pd.testing.assert_frame_equal(fw.rank(mine, w), fw.rank(by_hand, w))
    rec = fw.recommend(mine, "large-project")
    assert rec.own_scores == 2 and rec.headline().endswith("With 2 of your own scores.")
    assert "own score" not in fw.recommend(comparison, "large-project").headline()


def test_own_scores_are_not_drawn_within_the_evidence_range(comparison):
    mine = comparison.with_scores({("Flask", "learning_curve"): 5})
    low, high = fw.analysis.smaa._ranges(mine, True)
    i, k = mine.alternatives.index("Flask"), mine.criterion_ids.index("learning_curve")
    assert low[i, k] == high[i, k] == 5
    full = fw.rank_acceptability(comparison, samples=500).ranged_cells
    assert fw.rank_acceptability(mine, samples=500).ranged_cells == full - 1


@pytest.mark.parametrize(
    ("cells", "fragment"),
    [
        ({("Nope", "admin_interface"): 3}, "unknown alternative"),
        ({("Flask", "nope"): 3}, "unknown criterion"),
        ({("Flask", "admin_interface"): 9}, "off the criterion's scale 1..5"),
        ({("Flask", "admin_interface"): float("nan")}, "missing score"),
        ({("Flask", "admin_interface"): "x"}, "not a number"),
        ({("Flask", "admin_interface"): (3, "two\nlines")}, "one line"),
        ({"Flask": 3}, "keyed by (alternative, criterion)"),
    ],
)
def test_bad_own_scores_are_refused(comparison, cells, fragment):
    with pytest.raises(fw.DataError, match=fragment.replace("(", r"\(").replace(")", r"\)")):
        comparison.with_scores(cells)


def test_score_text_parses_like_the_cli():
    assert parse_score("Flask:async_support=3") == ("Flask", "async_support", 3.0)
    assert parse_score("Ruby: on Rails:x = 2.5") == ("Ruby: on Rails", "x", 2.5)
    for bad in ("Flask=3", "Flask:async", ":x=1", "Flask:x=abc"):
        with pytest.raises(fw.DataError):
            parse_score(bad)


# ------------------------------------------------------------------------ must-haves
def test_must_haves_screen_before_weighting(pwf):
    screened = pwf.with_requirements(["async_support>=4"])
    assert screened.alternatives == ["FastAPI", "Falcon", "Tornado"]
    out = screened.ruled_out
    assert list(out["alternative"]) == ["Django", "Flask", "Pyramid", "Bottle"]
    assert list(out["text"])[:2] == ["Async and real-time 3 < 4", "Async and real-time 2 < 4"]
    assert list(out["shortfall"]) == [1, 2, 3, 3]
    # Every analysis works on those that pass: the same as a comparison of only them.
    only = fw.Comparison.from_frames(
        pwf.scores.loc[["FastAPI", "Falcon", "Tornado"]], pwf.criteria.reset_index()
    )
    w = pwf.profile_weights("learning")
    for method in fw.METHODS:
        pd.testing.assert_frame_equal(fw.rank(screened, w, method), fw.rank(only, w, method))
    assert set(fw.sensitivity(screened, "learning").intervals["flips_to"].dropna()) <= {
        "FastAPI", "Falcon", "Tornado"
    }  # fmt: skip
    smaa = fw.rank_acceptability(screened, "learning", samples=500)
    assert list(smaa.acceptability.index) == ["FastAPI", "Falcon", "Tornado"]
    head = fw.recommend(screened, "learning").headline()
    assert head.endswith(
        "Ruled out: Django (Async and real-time 3 < 4), Flask (Async and real-time 2 < 4), "
        "Pyramid (Async and real-time 1 < 4), Bottle (Async and real-time 1 < 4)."
    )


def test_a_cost_takes_a_maximum(pwf):
    screened = pwf.with_requirements(["learning_curve<=2", Requirement("maturity", ">=", 4)])
    assert screened.alternatives == ["Flask"]
    assert [r.spec() for r in screened.requirements] == ["learning_curve<=2", "maturity>=4"]
    assert pwf.with_requirements([]).alternatives == pwf.alternatives


def test_own_score_can_let_an_alternative_pass(pwf):
    screened = pwf.with_requirements(["async_support>=3"])
    assert "Flask" not in screened.alternatives
    mine = screened.with_scores({("Flask", "async_support"): (3, "Flask-Sock for our sockets")})
    assert "Flask" in mine.alternatives and "Flask" not in set(mine.ruled_out["alternative"])


def test_when_all_are_ruled_out_the_error_says_how_far_each_is(pwf):
    with pytest.raises(fw.DataError) as info:
        pwf.with_requirements(["async_support>=5", "learning_curve<=1"])
    text = str(info.value)
    assert "all 7 alternatives are ruled out" in text
    assert "Bottle (Async and real-time 1 < 5, 4 short)" in text
    assert "FastAPI (Learning curve 2 > 1, 1 short)" in text
    assert "the nearest miss is" in text


@pytest.mark.parametrize(
    ("req", "fragment"),
    [
        ("speed>=3", "unknown criterion"),
        ("learning_curve>=3", "better lower, so its must-have is a maximum"),
        ("maturity<=3", "better higher, so its must-have is a minimum"),
        ("maturity>=7", "off its scale 1..5"),
        ("maturity=3", "malformed requirement"),
        ("maturity>=x", "not a number"),
    ],
)
def test_bad_must_haves_are_refused(pwf, req, fragment):
    with pytest.raises(fw.DataError, match=fragment):
        pwf.with_requirements([req])


def test_one_requirement_per_criterion(pwf):
    with pytest.raises(fw.DataError, match="two requirements on one criterion"):
        pwf.with_requirements(["maturity>=3", "maturity>=4"])
    assert parse_requirement(" maturity >= 3 ") == Requirement("maturity", ">=", 3.0)


def test_weights_survive_screening(pwf):
    screened = pwf.with_requirements(["async_support>=4"]).with_weights("api-service")
    assert screened.requirements and np.isclose(screened.weights.sum(), 1)
