"""Numbers at the edge of float64 (issue 13, class 3): finite scores and weights score correctly.

Every finite score and weight the loaders accept must give finite scores with the right winner:
scores of +-1e308 (whose span overflows), 1e154 (whose square overflows), 1e-308 (whose square
underflows), huge and tiny columns side by side, weights of 1e308 each (whose sum overflows).
The three methods are invariant under scaling a column by a positive factor (WSM's min-max,
WPM's ratios, TOPSIS's vector normalisation), so an extreme comparison must score as the
ordinary comparison it is a scaled copy of.
"""

from __future__ import annotations

import json
import math
import warnings

import numpy as np
import pandas as pd
import pytest

import fwcompare_nb as fw
from fwcompare_nb.cli.main import main

METHODS = ("wsm", "wpm", "topsis")


def make(x, *, direction=None, weight=None, lo=None, hi=None, ids=None) -> fw.Comparison:
    """A comparison of alternatives a0, a1, ... over criteria c0, c1, ... from a matrix."""
    x = np.asarray(x, dtype=float)
    m, k = x.shape
    ids = ids or [f"c{j}" for j in range(k)]
    scores = pd.DataFrame(x, columns=ids)
    scores.insert(0, "alternative", [f"a{i}" for i in range(m)])
    criteria = pd.DataFrame(
        {
            "id": ids,
            "direction": direction or ["benefit"] * k,
            "weight": [1.0] * k if weight is None else weight,
        }
    )
    if lo is not None:
        criteria["min"], criteria["max"] = lo, hi
    return fw.Comparison.from_frames(scores, criteria)


@pytest.fixture(autouse=True)
def _no_float_warnings():
    """An overflow, an underflow to NaN or an invalid operation is an error here."""
    with warnings.catch_warnings():
        warnings.simplefilter("error", RuntimeWarning)
        with np.errstate(over="raise", invalid="raise", divide="raise"):
            yield


def assert_same_ranking(extreme: pd.DataFrame, ordinary: pd.DataFrame) -> None:
    assert np.isfinite(extreme["score"]).all(), extreme
    assert list(extreme.index) == list(ordinary.index)
    assert list(extreme["rank"]) == list(ordinary["rank"])
    np.testing.assert_allclose(extreme["score"], ordinary["score"], rtol=1e-12, atol=1e-12)


def ordinary_problem(seed: int, *, signed: bool):
    rng = np.random.default_rng(seed)
    x = rng.uniform(-100.0 if signed else 1.0, 100.0, size=(6, 4))
    return x, ["benefit", "cost", "benefit", "cost"], list(rng.uniform(0.5, 3.0, 4))


# factors that take 1..100 to about 1e308 (span and squares overflow), 1e154 (squares
# overflow), 1e-306 (squares underflow) and 1e-310 (subnormal); negative scores only where the
# method takes them (WPM needs > 0).
FACTORS = [1e306, 1e152, 1e-306, 2.0**-1030]


@pytest.mark.parametrize("method", METHODS)
@pytest.mark.parametrize("factor", FACTORS, ids=lambda f: f"{f:.0e}")
@pytest.mark.parametrize("seed", [0, 1])
def test_a_scaled_column_scores_as_the_ordinary_one(method, factor, seed):
    signed = method != "wpm"
    x, direction, weight = ordinary_problem(seed, signed=signed)
    big = x.copy()
    big[:, 0] *= factor
    big[:, 3] *= factor
    ordinary = fw.rank(make(x, direction=direction, weight=weight), None, method)
    extreme = fw.rank(make(big, direction=direction, weight=weight), None, method)
    # A subnormal factor keeps fewer digits of each score.
    tol = 1e-12 if factor > 1e-300 else 1e-9
    assert list(extreme.index) == list(ordinary.index)
    np.testing.assert_allclose(extreme["score"], ordinary["score"], rtol=tol, atol=tol)


@pytest.mark.parametrize("method", ["wsm", "topsis"])
def test_scores_of_plus_minus_1e308(method):
    # The example: the span 2e308 overflows; the winner scored NaN.
    c = make([[1e308, 1.0], [-1e308, 3.0], [0.0, 2.0]], ids=["big", "small"])
    ordinary = make([[1.0, 1.0], [-1.0, 3.0], [0.0, 2.0]], ids=["big", "small"])
    assert_same_ranking(fw.rank(c, None, method), fw.rank(ordinary, None, method))


def test_wsm_at_plus_minus_1e308_by_hand():
    c = make([[1e308, 1.0], [-1e308, 3.0], [0.0, 2.0]])
    r = fw.rank(c)
    # normalised: a0 (1, 0), a1 (0, 1), a2 (0.5, 0.5): a three-way tie at 0.5
    np.testing.assert_allclose(r["score"], [0.5, 0.5, 0.5], atol=1e-15)
    assert list(r["rank"]) == [1, 1, 1]
    r = fw.rank(c, {"c0": 3, "c1": 1})
    assert list(r.index) == ["a0", "a2", "a1"]
    np.testing.assert_allclose(r["score"], [0.75, 0.5, 0.25], atol=1e-15)


def test_wsm_on_a_declared_scale_of_the_whole_float_range():
    top = np.finfo(float).max
    c = make([[top, 1.0], [0.0, 1.0], [-top, 1.0]], lo=[-top, 1.0], hi=[top, 5.0])
    r = fw.rank(c, {"c0": 1})
    assert list(r.index) == ["a0", "a1", "a2"]
    np.testing.assert_allclose(r["score"], [1.0, 0.5, 0.0], atol=1e-15)


def test_topsis_keeps_the_winner_at_1e154():
    # sqrt(sum x^2) overflowed once x^2 > 1e308: the winner scored 0.
    c = make([[2e154, 1.0], [1e154, 3.0], [1.0, 2.0]], weight=[3, 1])
    ordinary = make([[2.0, 1.0], [1.0, 3.0], [1e-154, 2.0]], weight=[3, 1])
    r = fw.rank(c, None, "topsis")
    assert r.index[0] == "a0"
    assert_same_ranking(r, fw.rank(ordinary, None, "topsis"))


@pytest.mark.parametrize("method", METHODS)
def test_scores_of_1e_minus_308(method):
    # Squares of 1e-308 are 0: TOPSIS saw every alternative at the ideal (all 0.5).
    c = make([[1e-308, 3e-308], [2e-308, 1e-308], [3e-308, 2e-308]], weight=[3, 1])
    ordinary = make([[1.0, 3.0], [2.0, 1.0], [3.0, 2.0]], weight=[3, 1])
    r, expected = fw.rank(c, None, method), fw.rank(ordinary, None, method)
    assert r.index[0] == "a2"
    # 1e-308 is subnormal: about 15 of its 16 digits are kept
    np.testing.assert_allclose(r["score"], expected["score"], rtol=1e-13, atol=1e-13)
    assert list(r.index) == list(expected.index)


@pytest.mark.parametrize("method", METHODS)
def test_huge_and_tiny_columns_side_by_side(method):
    signed = method != "wpm"
    huge = [1e308, -1e308 if signed else 1e307, 5e307]
    tiny = [3e-308, 1e-308, 2e-308]
    c = make(
        np.column_stack([huge, tiny, [1.0, 3.0, 2.0]]), direction=["benefit", "cost", "benefit"]
    )
    x = np.column_stack([np.array(huge) / 1e300, np.array(tiny) * 1e308, [1.0, 3.0, 2.0]])
    ordinary = make(x, direction=["benefit", "cost", "benefit"])
    assert_same_ranking(fw.rank(c, None, method), fw.rank(ordinary, None, method))


# --- weights whose sum overflows -----------------------------------------------------------------


def test_default_weights_of_1e308_each_are_equal_shares():
    c = make([[1.0, 2.0, 3.0], [2.0, 1.0, 1.0]], weight=[1e308, 1e308, 5e307])
    np.testing.assert_allclose(c.weights, [0.4, 0.4, 0.2], rtol=1e-15)
    r = fw.rank(c)
    assert list(r.index) == ["a0", "a1"] and r["rank"].tolist() == [1, 2]


@pytest.mark.parametrize("method", METHODS)
def test_given_weights_of_1e308_each_are_equal_shares(method):
    c = make([[1.0, 2.0], [2.0, 4.0], [3.0, 1.0]])
    huge = fw.rank(c, {"c0": 1e308, "c1": 1e308}, method)
    assert_same_ranking(huge, fw.rank(c, {"c0": 1, "c1": 1}, method))
    w = fw.resolve_weights(c, pd.Series({"c0": 1e308, "c1": 1.5e308}))
    np.testing.assert_allclose(w, [0.4, 0.6], rtol=1e-15)


def test_a_preset_of_1e308_each_is_equal_shares(tmp_path):
    (tmp_path / "criteria.csv").write_text("id,weight\nc0,1\nc1,1\n")
    (tmp_path / "scores.csv").write_text("alternative,c0,c1\na0,1,2\na1,3,1\n")
    (tmp_path / "profiles.csv").write_text("profile,label,c0,c1\nbig,Big,1e308,1.5e308\n")
    # The loader's check of profiles.csv sums the weights as given (to inf, harmlessly: it
    # only looks for all zeros); scoring must not.
    with np.errstate(over="ignore"):
        c = fw.load_comparison(tmp_path)
    np.testing.assert_allclose(c.profile_weights("big"), [0.4, 0.6], rtol=1e-15)


def test_weights_unchanged_for_ordinary_data():
    # Scaling by a power of two is exact: the same bits as before for ordinary weights.
    c = make([[1.0, 2.0, 3.0], [2.0, 1.0, 1.0]], weight=[0.3, 0.1, 7.0])
    w = np.array([0.3, 0.1, 7.0])
    assert c.weights.tolist() == (w / w.sum()).tolist()
    given = {"c0": 0.7, "c1": 0.2, "c2": 3.0}
    g = np.array(list(given.values()))
    assert fw.resolve_weights(c, given).tolist() == (g / g.sum()).tolist()


def test_bad_weights_are_still_named_unscaled():
    c = make([[1.0, 2.0], [2.0, 1.0]])
    with pytest.raises(fw.DataError, match=r"negative.*-5"):
        fw.resolve_weights(c, {"c0": 1e308, "c1": -5})


# --- recommend and SMAA ------------------------------------------------------------------------


@pytest.mark.parametrize("method", ["wsm", "topsis"])
def test_recommend_at_plus_minus_1e308(method):
    c = make([[1e308, 1.0], [-1e308, 3.0], [0.0, 2.0]], weight=[3, 1])
    rec = fw.recommend(c, None, method)
    assert rec.winner == "a0" and rec.runner_up == "a2"
    assert math.isfinite(rec.margin) and rec.margin > 0
    assert np.isfinite(rec.contributions.to_numpy()).all()
    assert "nan" not in rec.headline().lower()


def test_recommend_with_weights_of_1e308_each():
    c = make([[1.0, 2.0], [2.0, 4.0], [3.0, 1.0]], weight=[1e308, 1e308])
    rec = fw.recommend(c)
    assert not rec.tie and rec.winner == "a1"
    np.testing.assert_allclose(rec.weights, [0.5, 0.5])


@pytest.mark.parametrize("method", METHODS)
def test_rank_acceptability_of_an_extreme_comparison(method):
    signed = method != "wpm"
    x = [[1e308, 1.0], [-1e308 if signed else 1e300, 3.0], [2e154, 2.0]]
    c = make(x, weight=[3, 1])
    ordinary = make(np.array(x) / np.array([1e300, 1.0]), weight=[3, 1])
    got = fw.rank_acceptability(c, None, method, samples=300, seed=1)
    want = fw.rank_acceptability(ordinary, None, method, samples=300, seed=1)
    acc = got.acceptability.to_numpy()
    assert np.isfinite(acc).all()
    np.testing.assert_allclose(acc.sum(axis=1), 1.0)
    np.testing.assert_allclose(acc.sum(axis=0), 1.0)  # no alternative first by NaN
    np.testing.assert_allclose(acc, want.acceptability.to_numpy(), atol=1e-12)


def test_rank_acceptability_with_weights_of_1e308_each():
    c = make([[1.0, 2.0], [2.0, 4.0], [3.0, 1.0]])
    got = fw.rank_acceptability(c, {"c0": 1e308, "c1": 1e308}, samples=200, seed=0)
    want = fw.rank_acceptability(c, {"c0": 1, "c1": 1}, samples=200, seed=0)
    pd.testing.assert_frame_equal(got.acceptability, want.acceptability)


# --- the command line --------------------------------------------------------------------------


def _refuse(constant: str):
    raise ValueError(f"not JSON: {constant}")


def strict_json(text: str):
    return json.loads(text, parse_constant=_refuse)


@pytest.fixture
def extreme_files(tmp_path):
    def write(scores: str, weights: str = "1,1"):
        w0, w1 = weights.split(",")
        (tmp_path / "criteria.csv").write_text(
            f"id,direction,weight\nbig,benefit,{w0}\nsmall,benefit,{w1}\n"
        )
        (tmp_path / "scores.csv").write_text("alternative,big,small\n" + scores)
        return [
            "--matrix",
            str(tmp_path / "scores.csv"),
            "--criteria",
            str(tmp_path / "criteria.csv"),
        ]

    return write


SCORES_308 = "A,1e308,1\nB,-1e308,3\nC,0,2\n"
SCORES_154 = "A,2e154,1\nB,1e154,3\nC,1,2\n"


@pytest.mark.parametrize(
    ("scores", "weights", "method", "winner"),
    [
        (SCORES_308, "3,1", "wsm", "A"),
        (SCORES_308, "3,1", "topsis", "A"),
        (SCORES_154, "3,1", "topsis", "A"),
        (SCORES_154, "3,1", "wpm", "A"),
        (SCORES_154, "1e308,1e308", "wsm", "B"),
        (SCORES_308, "1e308,1e308", "topsis", "A"),
    ],
)
def test_cli_recommend_json_is_valid(capsys, extreme_files, scores, weights, method, winner):
    files = extreme_files(scores, weights)
    assert main(["recommend", *files, "--method", method, "--format", "json"]) == 0
    out = strict_json(capsys.readouterr().out)
    assert out["winner"] == winner
    assert all(math.isfinite(row["score"]) for row in out["ranking"])


def test_cli_recommend_table_at_1e308(capsys, extreme_files):
    assert main(["recommend", *extreme_files(SCORES_308, "3,1")]) == 0
    out = capsys.readouterr().out
    assert "NaN" not in out and "A comes first" in out


@pytest.mark.parametrize("method", METHODS)
def test_cli_robustness_json_is_valid(capsys, extreme_files, method):
    scores = SCORES_308 if method != "wpm" else SCORES_154
    files = extreme_files(scores, "1e308,1e308")
    args = ["robustness", *files, "--method", method, "--samples", "300", "--format", "json"]
    assert main([*args, "--weights", "big=1e308,small=1e308"]) == 0
    out = strict_json(capsys.readouterr().out)
    first = [row["1"] for row in out["acceptability"].values()]
    assert math.isclose(sum(first), 1.0)  # not two alternatives first every time


def _folder(path, factor: float):
    path.mkdir()
    (path / "criteria.csv").write_text("id,weight\nbig,1\nsmall,1\n")
    (path / "scores.csv").write_text(
        f"alternative,big,small\nA,{1.5 * factor!r},1\nB,{-1 * factor!r},3\nC,0,2\n"
    )
    (path / "evidence.csv").write_text(
        "alternative,criterion,score_low,score_high,rationale,source\n"
        f"A,big,{0.5 * factor!r},{1.7 * factor!r},r,s\nB,big,{-1.2 * factor!r},{-0.2 * factor!r},r,s\n"
    )
    return fw.load_comparison(path)


@pytest.mark.parametrize("method", ["wsm", "topsis"])
def test_rank_acceptability_draws_scores_near_1e308(tmp_path, method):
    # Scores drawn within evidence ranges near 1e308 (each range's width stays finite).
    got = fw.rank_acceptability(_folder(tmp_path / "x", 1e308), None, method, samples=300)
    want = fw.rank_acceptability(_folder(tmp_path / "o", 1.0), None, method, samples=300)
    assert got.ranged_cells == want.ranged_cells == 2
    acc = got.acceptability.to_numpy()
    np.testing.assert_allclose(acc.sum(axis=0), 1.0)
    np.testing.assert_allclose(acc, want.acceptability.to_numpy(), atol=1e-12)
