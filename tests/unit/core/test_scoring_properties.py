"""Property tests (hypothesis) of the three scoring methods over random valid comparisons.

Each comparison has 2..8 alternatives, 1..8 criteria, finite positive scores, random directions,
non-negative weights not all zero, and either no declared scale or a declared scale 0..100 on every
criterion. Scores are integers 1..5 (so that ties and constant columns turn up often), values
1.00..100.00 with two decimals as people write them in a CSV, or arbitrary floats in 1..100 (which
include values that differ only in their last digits, where a folded WSM kernel used to cancel
catastrophically; see ``test_methods_reference.py::test_wsm_is_accurate_when_values_are_close_together``).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

import fwcompare_nb as fw

EXAMPLES = settings(max_examples=50, deadline=None)
TOL = 1e-9

CELL = st.one_of(
    st.integers(1, 5).map(float),
    st.integers(100, 10_000).map(lambda v: v / 100),
    st.floats(1.0, 100.0),
)
WEIGHT = st.one_of(st.just(0.0), st.floats(0.01, 10.0))


@dataclass(frozen=True)
class Problem:
    x: np.ndarray  # (alternatives, criteria)
    benefit: tuple[bool, ...]
    weights: tuple[float, ...]  # raw, not normalised
    declared: bool  # scale 0..100 on every criterion, or none

    @property
    def alternatives(self) -> list[str]:
        return [f"alt{i}" for i in range(self.x.shape[0])]

    @property
    def ids(self) -> list[str]:
        return [f"c{j}" for j in range(self.x.shape[1])]

    def weight_map(self, weights=None) -> dict[str, float]:
        return dict(zip(self.ids, self.weights if weights is None else weights, strict=True))

    def comparison(self, order=None, names=None) -> fw.Comparison:
        names = self.alternatives if names is None else names
        order = range(len(names)) if order is None else order
        scores = pd.DataFrame(self.x[list(order)], columns=self.ids)
        scores.insert(0, "alternative", [names[i] for i in order])
        m = len(self.ids)
        criteria = pd.DataFrame(
            {
                "id": self.ids,
                "direction": ["benefit" if b else "cost" for b in self.benefit],
                "weight": list(self.weights),
                "min": [0.0] * m if self.declared else [np.nan] * m,
                "max": [100.0] * m if self.declared else [np.nan] * m,
            }
        )
        return fw.Comparison.from_frames(scores, criteria)

    def normalised(self) -> np.ndarray:
        """WSM's 0..1 values, written out here independently of fwcompare."""
        x = self.x
        lo = np.zeros(x.shape[1]) if self.declared else x.min(axis=0)
        hi = np.full(x.shape[1], 100.0) if self.declared else x.max(axis=0)
        span = hi - lo
        with np.errstate(divide="ignore", invalid="ignore"):
            n = (x - lo) / span
        n = np.where(self.benefit, n, 1.0 - n)
        return np.where(span > 0, n, 0.0)  # a constant column cannot separate anyone


@st.composite
def problems(draw, min_alternatives: int = 2) -> Problem:
    n = draw(st.integers(min_alternatives, 8))
    m = draw(st.integers(1, 8))
    x = np.array(draw(st.lists(st.lists(CELL, min_size=m, max_size=m), min_size=n, max_size=n)))
    benefit = tuple(draw(st.lists(st.booleans(), min_size=m, max_size=m)))
    weights = draw(st.lists(WEIGHT, min_size=m, max_size=m))
    if not any(w > 0 for w in weights):
        weights[draw(st.integers(0, m - 1))] = draw(st.floats(0.01, 10.0))
    return Problem(x, benefit, tuple(weights), draw(st.booleans()))


def ranked(comp: fw.Comparison, weights=None, method: str = "wsm") -> pd.DataFrame:
    return fw.rank(comp, weights=weights, method=method)


def assert_same_ranking(a: pd.DataFrame, b: pd.DataFrame) -> None:
    """Same score (to 1e-9) and same rank for every alternative, and the same listing order."""
    assert sorted(a.index) == sorted(b.index)
    b = b.reindex(a.index)
    np.testing.assert_allclose(a["score"], b["score"], rtol=0, atol=TOL)
    assert a["rank"].to_dict() == b["rank"].to_dict()


METHOD = pytest.mark.parametrize("method", fw.METHODS)


@METHOD
@EXAMPLES
@given(problem=problems(), factor=st.floats(1e-3, 1e3))
def test_scaling_all_weights_changes_nothing(method, problem, factor):
    comp = problem.comparison()
    base = ranked(comp, problem.weight_map(), method)
    scaled = ranked(comp, problem.weight_map([w * factor for w in problem.weights]), method)
    assert_same_ranking(base, scaled)
    assert list(base.index) == list(scaled.index)


@METHOD
@EXAMPLES
@given(problem=problems(), data=st.data())
def test_a_criterion_with_weight_zero_changes_nothing(method, problem, data):
    n, m = problem.x.shape
    column = np.array(data.draw(st.lists(CELL, min_size=n, max_size=n), label="extra column"))
    position = data.draw(st.integers(0, m), label="position")
    extra = Problem(
        np.insert(problem.x, position, column, axis=1),
        problem.benefit[:position] + (data.draw(st.booleans()),) + problem.benefit[position:],
        problem.weights[:position] + (0.0,) + problem.weights[position:],
        problem.declared,
    )
    # Default weights (the criteria's weight column) and the same weights passed explicitly.
    base = ranked(problem.comparison(), None, method)
    assert_same_ranking(base, ranked(extra.comparison(), None, method))
    assert_same_ranking(base, ranked(extra.comparison(), extra.weight_map(), method))


@METHOD
@EXAMPLES
@given(problem=problems(), data=st.data())
def test_permuting_the_alternatives_changes_nothing(method, problem, data):
    n = problem.x.shape[0]
    order = data.draw(st.permutations(range(n)), label="order")
    base = ranked(problem.comparison(), None, method)
    permuted = ranked(problem.comparison(order=order), None, method)
    assert_same_ranking(base, permuted)
    # Ties are listed by name, so the input order never shows through.
    assert list(base.index) == list(permuted.index)


@METHOD
@EXAMPLES
@given(problem=problems())
def test_scores_in_unit_interval_and_ranks_consistent(method, problem):
    result = ranked(problem.comparison(), None, method)
    n = problem.x.shape[0]
    scores, ranks = result["score"].to_numpy(), result["rank"].to_numpy()
    assert len(result) == n
    assert np.isfinite(scores).all()
    # All three stay in [0, 1] exactly: WPM is a product of ratios <= 1, TOPSIS d- / (d+ + d-),
    # and WSM clips the rounding of weights that sum to 1 + 2.2e-16 (see below).
    assert (scores >= 0.0).all() and (scores <= 1.0).all(), scores
    assert ranks.dtype.kind == "i"
    assert ((ranks >= 1) & (ranks <= n)).all()
    assert ranks[0] == 1 and ranks.min() == 1
    np.testing.assert_allclose(result.loc[result["rank"] == 1, "score"], scores.max(), atol=1e-12)
    # Listed best first: scores never increase and ranks never decrease down the table.
    assert (np.diff(scores) <= 1e-12).all()
    assert (np.diff(ranks) >= 0).all()
    # Competition ranks: 1 + the number of alternatives clearly ahead.
    for s, r in zip(scores, ranks, strict=True):
        ahead = int((scores > s + 1e-9).sum())
        level = int((np.abs(scores - s) <= 1e-9).sum())
        assert ahead + 1 <= r <= ahead + level


@METHOD
@EXAMPLES
@given(problem=problems(), data=st.data())
def test_identical_alternatives_share_a_rank(method, problem, data):
    n = problem.x.shape[0]
    source = data.draw(st.integers(0, n - 1), label="duplicated alternative")
    position = data.draw(st.integers(0, n), label="inserted at")
    twin = Problem(
        np.insert(problem.x, position, problem.x[source], axis=0),
        problem.benefit,
        problem.weights,
        problem.declared,
    )
    names = problem.alternatives
    names.insert(position, "twin")
    original = names[source + 1 if position <= source else source]
    result = ranked(twin.comparison(names=names), None, method)
    assert result.at["twin", "score"] == pytest.approx(result.at[original, "score"], abs=1e-12)
    assert result.at["twin", "rank"] == result.at[original, "rank"]


WSM_EXACT_BOUNDS = [
    # Found by the property above with the old folded kernel (x @ (w / span) + const), which gave B
    # -2.2e-16; normalising first (05cca04) fixed it. A is best everywhere, B worst where it counts.
    pytest.param(
        np.array([[1.0, 1.0, 1.0, 1.0, 1.0], [3.0, 2.0, 1.0, 1.0, 1.0]]),
        (False,) * 5,
        (3.0, 0.5, 0.0, 0.0, 0.0),
        id="folded-kernel",
    ),
    # Found by the property above after the fix: 3 / 4.1 + 1.1 / 4.1 == 1.0000000000000002, so the
    # normalised weights sum to just over 1 and A, best on both criteria, scores above 1.
    pytest.param(
        np.array([[1.0, 2.0], [2.0, 1.0]]),
        (False, True),
        (3.0, 1.1),
        id="weights-sum-above-1",
    ),
]


@pytest.mark.parametrize(("x", "benefit", "weights"), WSM_EXACT_BOUNDS)
def test_wsm_scores_stay_in_unit_interval_exactly(x, benefit, weights):
    problem = Problem(x, benefit, weights, False)
    scores = ranked(problem.comparison(), None, "wsm")["score"]
    assert ((scores >= 0.0) & (scores <= 1.0)).all(), scores.to_dict()
    assert scores.to_dict() == {"alt0": 1.0, "alt1": 0.0}


# ---------------------------------------------------------------------------------------------
# WSM: raising the weight of a criterion on which A beats B
# ---------------------------------------------------------------------------------------------


@settings(max_examples=120, deadline=None)
@given(problem=problems(), data=st.data())
def test_wsm_raising_a_weight_where_a_beats_b_never_lowers_a_against_b(problem, data):
    """What "raising the weight of a criterion on which A beats B never lowers A against B" means.

    Let ``n`` be the 0..1 values, ``d_j = n_Aj - n_Bj``, raw weights ``w`` with ``S = sum w`` and
    ``D = score(A) - score(B) = sum_j w_j d_j / S`` (weights are renormalised to sum 1).
    Raising ``w_k`` by ``delta > 0`` where A beats B (``d_k > 0``) gives

        D' = (S * D + delta * d_k) / (S + delta),

    a weighted average of the old difference ``D`` and ``d_k``. So the *unnormalised* weighted
    difference grows by exactly ``delta * d_k`` and, after renormalising:

    * if A was level with or ahead of B (``D >= 0``), A ends strictly ahead (``D' > 0``);
    * if A was behind (``D < 0 < d_k``), A gains ground (``D' > D``);
    * in every case ``D' >= min(D, d_k)``: A's lead can shrink (when it already exceeded ``d_k``,
      see the example below), but never below ``d_k > 0``, so A never drops behind B.

    The naive statement "score(A) - score(B) never decreases" is false with renormalisation.
    """
    n, m = problem.x.shape
    norm = problem.normalised()
    i = data.draw(st.integers(0, n - 1), label="i")
    j = data.draw(st.integers(0, n - 2).map(lambda t: t + (t >= i)), label="j")
    k = data.draw(st.integers(0, m - 1), label="k")
    # A must beat B on k by a visible margin, so that "strictly ahead" shows above rounding.
    assume(abs(norm[i, k] - norm[j, k]) > 1e-6)
    a, b = (i, j) if norm[i, k] > norm[j, k] else (j, i)
    d_k = norm[a, k] - norm[b, k]
    delta = data.draw(st.floats(0.01, 10.0), label="delta")

    comp = problem.comparison()
    names = problem.alternatives
    before = ranked(comp, problem.weight_map(), "wsm")
    raised = list(problem.weights)
    raised[k] += delta
    after = ranked(comp, problem.weight_map(raised), "wsm")

    old = before.at[names[a], "score"] - before.at[names[b], "score"]
    new = after.at[names[a], "score"] - after.at[names[b], "score"]
    total = sum(problem.weights)
    # The exact identity (equivalently: the unnormalised difference grows by delta * d_k).
    assert new == pytest.approx((total * old + delta * d_k) / (total + delta), abs=TOL)
    assert (total + delta) * new - total * old == pytest.approx(delta * d_k, abs=TOL)
    # Never below min(old, d_k): A never falls behind because of the raise.
    assert new >= min(old, d_k) - 1e-12
    if old >= 0:
        assert new > 0
        assert after.at[names[a], "rank"] < after.at[names[b], "rank"]
    else:
        assert new > old
    if before.at[names[a], "rank"] <= before.at[names[b], "rank"]:
        assert after.at[names[a], "rank"] <= after.at[names[b], "rank"]


def test_wsm_lead_can_shrink_when_a_beats_b_by_less_than_its_lead():
    """Why the property above is not "the difference never decreases": a concrete case."""
    scores = pd.DataFrame({"alternative": ["A", "B"], "big": [1.0, 0.0], "small": [0.2, 0.0]})
    criteria = pd.DataFrame({"id": ["big", "small"], "min": [0.0, 0.0], "max": [1.0, 1.0]})
    comp = fw.Comparison.from_frames(scores, criteria)
    before = fw.rank(comp, {"big": 1, "small": 1})["score"]
    after = fw.rank(comp, {"big": 1, "small": 2})["score"]
    # d = (1, .2): before (1 + .2) / 2 = .6; after (1 + 2 * .2) / 3 = 1.4 / 3 -- less, still > .2.
    assert before["A"] - before["B"] == pytest.approx(0.6)
    assert after["A"] - after["B"] == pytest.approx(1.4 / 3)
    assert 0.2 < after["A"] - after["B"] < before["A"] - before["B"]
