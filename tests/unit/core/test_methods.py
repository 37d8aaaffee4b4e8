"""The three methods agree with an independent implementation (pymcdm) and with worked examples.

pymcdm is configured to the *same* definition as fwcompare for each method:

* WSM: ``minmax_normalization`` (benefit ``(x - min) / (max - min)``, cost
  ``(max - x) / (max - min)``, the same as fwcompare's ``1 - n``) over the alternatives.
  A declared scale is reproduced by appending the scale's two ends as extra rows, so that the
  column min/max pymcdm sees are the declared ones; WSM scores are row-wise, so the real rows'
  scores are unaffected by the extra rows.
* WPM: ``linear_normalization`` is exactly fwcompare's ratio (benefit ``x / max``, cost
  ``min / x``). pymcdm's WPM default (``sum_normalization``) and ``max_normalization`` (whose cost
  form is ``1 - x / max``, not ``min / x``) are different definitions and are not used.
* TOPSIS: ``vector_normalization`` passed explicitly (pymcdm's default is min-max). For cost
  criteria pymcdm normalises to ``1 - r`` and takes max/min as ideal/anti-ideal, while Hwang & Yoon
  keep ``r`` and take min/max; the distances are identical, so the closeness must be too.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from pymcdm.methods import TOPSIS, WPM, WSM
from pymcdm.normalizations import (
    linear_normalization,
    minmax_normalization,
    vector_normalization,
)

import fwcompare_nb as fw
from fwcompare_nb.core import methods

SHAPES = [(3, 2), (2, 1), (4, 3), (5, 5), (8, 4), (12, 7), (20, 1), (30, 12)]
SEEDS = [0, 1, 2]
CASES = [(shape, seed) for shape in SHAPES for seed in SEEDS]
IDS = [f"{n}x{m}-seed{s}" for (n, m), s in CASES]


def random_problem(shape: tuple[int, int], seed: int):
    """Positive scores in 1..100, mixed directions (both present when m > 1), weights summing to 1."""
    n, m = shape
    rng = np.random.default_rng(seed * 1000 + n * 37 + m)
    x = rng.uniform(1.0, 100.0, size=(n, m))
    benefit = rng.random(m) < 0.5
    if m > 1:
        benefit[0], benefit[1] = True, False
    w = rng.dirichlet(np.ones(m))
    return rng, x, benefit, w


def make_comparison(
    x: np.ndarray,
    benefit: np.ndarray,
    w: np.ndarray,
    lo: np.ndarray | None = None,
    hi: np.ndarray | None = None,
) -> fw.Comparison:
    n, m = x.shape
    ids = [f"c{j}" for j in range(m)]
    scores = pd.DataFrame(x, columns=ids)
    scores.insert(0, "alternative", [f"a{i}" for i in range(n)])
    criteria = pd.DataFrame(
        {
            "id": ids,
            "direction": np.where(benefit, "benefit", "cost"),
            "weight": w,
            "min": np.nan if lo is None else lo,
            "max": np.nan if hi is None else hi,
        }
    )
    return fw.Comparison.from_frames(scores, criteria)


def fw_scores_and_ranks(comp: fw.Comparison, w: np.ndarray, method: str):
    weights = dict(zip(comp.criterion_ids, w, strict=True))
    ranking = fw.rank(comp, weights=weights, method=method).reindex(comp.alternatives)
    return ranking["score"].to_numpy(), ranking["rank"].to_numpy()


def types_of(benefit: np.ndarray) -> np.ndarray:
    return np.where(benefit, 1, -1)


def assert_same_result(got_scores, got_ranks, ref_scores, ref_method):
    np.testing.assert_allclose(got_scores, ref_scores, rtol=0, atol=1e-9)
    # Continuous random data has no ties, so pymcdm's average ranks are whole numbers.
    np.testing.assert_array_equal(got_ranks, ref_method.rank(ref_scores).astype(int))


# ---------------------------------------------------------------------------------------------
# Agreement with pymcdm on random matrices
# ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("shape", "seed"), CASES, ids=IDS)
def test_wsm_matches_pymcdm_minmax_without_declared_scale(shape, seed):
    _, x, benefit, w = random_problem(shape, seed)
    got, got_ranks = fw_scores_and_ranks(make_comparison(x, benefit, w), w, "wsm")
    ref_method = WSM(minmax_normalization)
    ref = ref_method(x, w, types_of(benefit), validation=False)
    assert_same_result(got, got_ranks, ref, ref_method)


@pytest.mark.parametrize(("shape", "seed"), CASES, ids=IDS)
def test_wsm_with_declared_scale_matches_formula_and_pymcdm(shape, seed):
    rng, x, benefit, w = random_problem(shape, seed)
    n, m = x.shape
    # Declare a scale wider than the data on a random subset of the criteria (at least one).
    declared = rng.random(m) < 0.6
    declared[0] = True
    lo = np.where(declared, np.floor(x.min(axis=0)) - rng.uniform(0, 20, m), np.nan)
    hi = np.where(declared, np.ceil(x.max(axis=0)) + rng.uniform(0, 20, m), np.nan)
    got, got_ranks = fw_scores_and_ranks(make_comparison(x, benefit, w, lo, hi), w, "wsm")

    # Direct formula, written out independently of fwcompare.
    lo_used = np.where(declared, lo, x.min(axis=0))
    hi_used = np.where(declared, hi, x.max(axis=0))
    norm = (x - lo_used) / (hi_used - lo_used)
    norm = np.where(benefit, norm, 1.0 - norm)
    expected = norm @ w
    np.testing.assert_allclose(got, expected, rtol=0, atol=1e-9)

    # pymcdm on the matrix with the scale's ends appended as two extra rows.
    ref_method = WSM(minmax_normalization)
    augmented = np.vstack([x, lo_used, hi_used])
    ref = ref_method(augmented, w, types_of(benefit), validation=False)[:n]
    assert_same_result(got, got_ranks, ref, ref_method)
    # The declared scale really is used: over the alternatives alone the result differs.
    plain = WSM(minmax_normalization)(x, w, types_of(benefit), validation=False)
    assert not np.allclose(got, plain, rtol=0, atol=1e-6)


@pytest.mark.parametrize(("shape", "seed"), CASES, ids=IDS)
def test_wpm_matches_pymcdm_linear_normalization(shape, seed):
    _, x, benefit, w = random_problem(shape, seed)
    got, got_ranks = fw_scores_and_ranks(make_comparison(x, benefit, w), w, "wpm")
    ref_method = WPM(linear_normalization)  # benefit x / max, cost min / x
    ref = ref_method(x, w, types_of(benefit), validation=False)
    assert_same_result(got, got_ranks, ref, ref_method)
    # And the product written out here, independently of both libraries.
    ratio = np.where(benefit, x / x.max(axis=0), x.min(axis=0) / x)
    np.testing.assert_allclose(got, np.prod(ratio**w, axis=1), rtol=0, atol=1e-9)


@pytest.mark.parametrize(("shape", "seed"), CASES, ids=IDS)
def test_topsis_matches_pymcdm_vector_normalization(shape, seed):
    _, x, benefit, w = random_problem(shape, seed)
    got, got_ranks = fw_scores_and_ranks(make_comparison(x, benefit, w), w, "topsis")
    ref_method = TOPSIS(vector_normalization)
    ref = ref_method(x, w, types_of(benefit), validation=False)
    assert_same_result(got, got_ranks, ref, ref_method)


def test_topsis_ignores_a_declared_scale():
    """TOPSIS uses vector normalisation, so min/max declared on the criteria change nothing."""
    _, x, benefit, w = random_problem((6, 4), 7)
    plain, _ = fw_scores_and_ranks(make_comparison(x, benefit, w), w, "topsis")
    lo, hi = np.zeros(4), np.full(4, 100.0)
    scaled, _ = fw_scores_and_ranks(make_comparison(x, benefit, w, lo, hi), w, "topsis")
    np.testing.assert_allclose(scaled, plain, rtol=0, atol=1e-12)


# ---------------------------------------------------------------------------------------------
# The kernels with a stack of weight vectors
# ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("shape", "seed"), CASES, ids=IDS)
@pytest.mark.parametrize("samples", [1, 5])
def test_kernels_with_a_weight_stack_equal_a_loop(shape, seed, samples):
    rng, x, benefit, _ = random_problem(shape, seed)
    n, m = x.shape
    stack = rng.dirichlet(np.ones(m), size=samples)
    lo = x.min(axis=0) - rng.uniform(0, 5, m)
    hi = x.max(axis=0) + rng.uniform(0, 5, m)
    kernels = {
        "wsm": lambda w: methods.wsm_scores(x, w, lo, hi, benefit),
        "wpm": lambda w: methods.wpm_scores(x, w, benefit),
        "topsis": lambda w: methods.topsis_scores(x, w, benefit),
    }
    assert set(kernels) == set(methods.METHODS)
    for name, kernel in kernels.items():
        stacked = kernel(stack)
        assert stacked.shape == (samples, n), name
        looped = np.array([kernel(w) for w in stack])
        assert looped.shape == (samples, n), name
        np.testing.assert_allclose(stacked, looped, rtol=0, atol=1e-12, err_msg=name)


def test_kernels_agree_with_rank_through_the_public_api():
    _, x, benefit, w = random_problem((7, 5), 3)
    lo = np.full(5, 0.0)
    hi = np.full(5, 100.0)
    comp = make_comparison(x, benefit, w, lo, hi)
    stack = np.vstack([w, np.roll(w, 1)])
    expected = {
        "wsm": methods.wsm_scores(x, stack, lo, hi, benefit),
        "wpm": methods.wpm_scores(x, stack, benefit),
        "topsis": methods.topsis_scores(x, stack, benefit),
    }
    for method, rows in expected.items():
        for weights, row in zip(stack, rows, strict=True):
            got, _ = fw_scores_and_ranks(comp, weights, method)
            np.testing.assert_allclose(got, row, rtol=0, atol=1e-12, err_msg=method)


# ---------------------------------------------------------------------------------------------
# Published and hand-worked examples
# ---------------------------------------------------------------------------------------------


def test_topsis_published_example_tzeng_huang():
    """Tzeng & Huang (2011), *Multiple Attribute Decision Making*, TOPSIS worked example."""
    scores = pd.DataFrame(
        {
            "alternative": ["A1", "A2", "A3", "A4"],
            "x1": [5, 7, 8, 7],
            "x2": [8, 6, 8, 4],
            "x3": [4, 8, 6, 6],
        }
    )
    criteria = pd.DataFrame({"id": ["x1", "x2", "x3"], "direction": "benefit"})
    comp = fw.Comparison.from_frames(scores, criteria)
    ranking = fw.rank(comp, weights={"x1": 0.3, "x2": 0.4, "x3": 0.3}, method="topsis")
    closeness = ranking["score"].round(4).to_dict()
    assert closeness == {"A1": 0.5037, "A2": 0.6581, "A3": 0.7482, "A4": 0.3340}
    assert list(ranking.index) == ["A3", "A2", "A1", "A4"]
    assert list(ranking["rank"]) == [1, 2, 3, 4]


def hand_comparison() -> fw.Comparison:
    scores = pd.DataFrame(
        {
            "alternative": ["P", "Q", "R"],
            "price": [20, 50, 80],
            "speed": [10, 30, 20],
            "support": [5, 3, 2],
        }
    )
    criteria = pd.DataFrame(
        {
            "id": ["price", "speed", "support"],
            "direction": ["cost", "benefit", "benefit"],
            "weight": [2, 1, 1],
            "min": [0, None, 1],
            "max": [100, None, 5],
        }
    )
    return fw.Comparison.from_frames(scores, criteria)


def test_wsm_worked_by_hand():
    # weights 2:1:1 -> .5, .25, .25
    # price  (cost, declared 0..100):   1 - x/100          -> P .8,  Q .5,  R .2
    # speed  (benefit, no scale 10..30): (x - 10) / 20      -> P 0,   Q 1,   R .5
    # support (benefit, declared 1..5): (x - 1) / 4         -> P 1,   Q .5,  R .25
    # P = .5*.8 + .25*0 + .25*1   = .65
    # Q = .5*.5 + .25*1 + .25*.5  = .625
    # R = .5*.2 + .25*.5 + .25*.25 = .2875
    ranking = fw.rank(hand_comparison(), method="wsm")
    assert ranking["score"].to_dict() == pytest.approx(
        {"P": 0.65, "Q": 0.625, "R": 0.2875}, abs=1e-12
    )
    assert list(ranking.index) == ["P", "Q", "R"]
    assert ranking["rank"].to_dict() == {"P": 1, "Q": 2, "R": 3}


def test_wpm_worked_by_hand():
    scores = pd.DataFrame(
        {"alternative": ["A", "B", "C"], "quality": [8, 4, 6], "price": [100, 50, 200]}
    )
    criteria = pd.DataFrame({"id": ["quality", "price"], "direction": ["benefit", "cost"]})
    comp = fw.Comparison.from_frames(scores, criteria)
    # quality ratio x / 8: A 1, B 1/2, C 3/4;  price ratio 50 / x: A 1/2, B 1, C 1/4
    # weights .25 / .75:
    # A = 1^.25 * (1/2)^.75,  B = (1/2)^.25 * 1^.75,  C = (3/4)^.25 * (1/4)^.75
    ranking = fw.rank(comp, weights={"quality": 1, "price": 3}, method="wpm")
    expected = {"A": 0.5**0.75, "B": 0.5**0.25, "C": 0.75**0.25 * 0.25**0.75}
    assert ranking["score"].to_dict() == pytest.approx(expected, abs=1e-12)
    assert list(ranking.index) == ["B", "A", "C"]
    # Equal weights: A = B = sqrt(1/2) exactly, a tie sharing rank 1; C = sqrt(3/16).
    tied = fw.rank(comp, weights={"quality": 1, "price": 1}, method="wpm")
    assert tied["score"].to_dict() == pytest.approx(
        {"A": 0.5**0.5, "B": 0.5**0.5, "C": (3 / 16) ** 0.5}, abs=1e-12
    )
    assert tied["rank"].to_dict() == {"A": 1, "B": 1, "C": 3}
    assert list(tied.index) == ["A", "B", "C"]


# ---------------------------------------------------------------------------------------------
# Regression: WSM stays exact when a column's values are close together. The kernel used to fold
# the scale into the weights, x @ (w / span) - w . lo / span, which cancels catastrophically when
# lo / span is large (got 0.5 / 0.25 / 0.25 below instead of 0.50007 / 0.5 / 0.5); fixed in 05cca04
# by normalising first.
# ---------------------------------------------------------------------------------------------

CLOSE_VALUES = [
    # one benefit criterion, no scale: C is (x - min) / (max - min) = 0.50007105... in floats
    pytest.param({"c": ([99.9999999999, 100.0, 99.99999999995], "benefit")}, id="decimal-1e-10"),
    pytest.param({"c": ([1.00000001, 1.00000002, 1.00000003], "benefit")}, id="decimal-1e-8"),
    # A = (1, 0), B = (0, 1) on the normalised values: both 0.5 (the folded kernel gave 0.25)
    pytest.param(
        {"c": ([1.0, 1.0000000000000002], "cost"), "d": ([1.0, 3.0], "benefit")}, id="one-ulp"
    ),
]


@pytest.mark.parametrize("columns", CLOSE_VALUES)
def test_wsm_is_accurate_when_values_are_close_together(columns):
    x = np.array([values for values, _ in columns.values()]).T
    benefit = np.array([direction == "benefit" for _, direction in columns.values()])
    w = np.full(len(columns), 1 / len(columns))
    got, _ = fw_scores_and_ranks(make_comparison(x, benefit, w), w, "wsm")
    ref = WSM(minmax_normalization)(x, w, types_of(benefit), validation=False)
    comp = make_comparison(x, benefit, w)
    assert fw.contributions(comp, method="wsm").sum(axis=1).to_numpy() == pytest.approx(
        ref, abs=1e-12
    )
    np.testing.assert_allclose(got, ref, rtol=0, atol=1e-12)
