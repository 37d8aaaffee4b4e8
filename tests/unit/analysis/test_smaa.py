"""SMAA-2 rank acceptability: a slow reference loop, cases solved by hand, refusals."""

from __future__ import annotations

import json
import math

import numpy as np
import pytest

import fwcompare_nb as fw
from fwcompare_nb.analysis import smaa
from fwcompare_nb.analysis.smaa import DEFAULT_CONCENTRATION, DEFAULT_SAMPLES, rank_acceptability
from fwcompare_nb.core import methods


def make(tmp_path, scores: dict, criteria: list[tuple], ranges: dict | None = None, name="t"):
    """A comparison folder: ``scores`` {alternative: [values]}, ``criteria`` [(id, direction,
    min, max)] (None: no declared scale), ``ranges`` {(alternative, id): (low, high)}."""
    folder = tmp_path / name
    folder.mkdir()
    ids = [c[0] for c in criteria]
    rows = ["id,direction,weight,min,max"]
    rows += [
        f"{i},{d},1,{'' if lo is None else lo},{'' if hi is None else hi}"
        for i, d, lo, hi in criteria
    ]
    (folder / "criteria.csv").write_text("\n".join(rows) + "\n")
    lines = ["alternative," + ",".join(ids)] + [
        f"{a}," + ",".join(map(str, v)) for a, v in scores.items()
    ]
    (folder / "scores.csv").write_text("\n".join(lines) + "\n")
    if ranges:
        ev = ["alternative,criterion,score_low,score_high,rationale,source"]
        ev += [f"{a},{c},{lo},{hi},r,s" for (a, c), (lo, hi) in ranges.items()]
        (folder / "evidence.csv").write_text("\n".join(ev) + "\n")
    return fw.load_comparison(folder)


def reference(
    comparison, weights, method, samples, seed, how="uniform", concentration=100.0, block=8192
):
    """Per-sample loop with the methods.py kernels, drawing as smaa documents."""
    x, lo, hi, benefit = comparison.arrays
    centre = fw.resolve_weights(comparison, weights).to_numpy()
    low, high = x.copy(), x.copy()
    for e in comparison.evidence.itertuples():
        i, j = (
            comparison.alternatives.index(e.alternative),
            comparison.criterion_ids.index(e.criterion),
        )
        low[i, j], high[i, j] = e.score_low, e.score_high
    ia, ja = np.nonzero(low < high)
    m, k = x.shape
    rng_w, rng_x = np.random.default_rng(seed).spawn(2)
    ws, us = [], []
    for a in range(0, samples, block):
        b = min(block, samples - a)
        if how == "uniform":
            e = rng_w.standard_exponential((k, b))
            ws.append((e / e.sum(axis=0)).T)
        else:
            w = np.zeros((b, k))
            w[:, centre > 0] = rng_w.dirichlet(concentration * centre[centre > 0], size=b)
            ws.append(w)
        us.append(rng_x.random((len(ia), b)).T)
    W, U = np.vstack(ws), np.vstack(us)

    def scores(xs, w):
        if method == "wsm":
            return methods.wsm_scores(xs, w, lo, hi, benefit)
        if method == "wpm":
            return methods.wpm_scores(xs, w, benefit)
        return methods.topsis_scores(xs, w, benefit)

    matrices = []
    counts, wsum = np.zeros((m, m), dtype=int), np.zeros((m, k))
    for n in range(samples):
        xs = x.copy()
        xs[ia, ja] = low[ia, ja] + (high - low)[ia, ja] * U[n]
        matrices.append(xs)
        ranks = methods.ranks_from_scores(scores(xs, W[n]))
        counts[np.arange(m), ranks - 1] += 1
        wsum[ranks == 1] += W[n]
    central = wsum / np.where(counts[:, :1] > 0, counts[:, :1], np.nan)
    confidence = np.full(m, np.nan)
    for i in np.flatnonzero(counts[:, 0]):
        hits = [methods.ranks_from_scores(scores(xs, central[i]))[i] == 1 for xs in matrices]
        confidence[i] = np.mean(hits)
    return counts / samples, central, confidence


def assert_matches_reference(result, ref):
    acceptability, central, confidence = ref
    np.testing.assert_array_equal(result.acceptability.to_numpy(), acceptability)
    np.testing.assert_allclose(result.central_weights.to_numpy(), central, rtol=1e-12, atol=1e-15)
    np.testing.assert_array_equal(result.confidence.to_numpy(), confidence)


@pytest.fixture
def toy(tmp_path):
    """3 alternatives x 4 criteria: a cost criterion, one without a declared scale, ranges."""
    return make(
        tmp_path,
        {"A": [4, 2, 3, 10], "B": [3, 4, 5, 20], "C": [5, 3, 2, 15]},
        [
            ("q", "benefit", 1, 5),
            ("c", "cost", 1, 5),
            ("s", "benefit", 1, 5),
            ("d", "benefit", None, None),
        ],
        {
            ("A", "q"): (3, 5),
            ("B", "c"): (2, 5),
            ("B", "s"): (4, 5),
            ("C", "q"): (4, 5),
            ("C", "s"): (2, 2),
        },
    )


@pytest.mark.parametrize("method", fw.METHODS)
@pytest.mark.parametrize("how", smaa.WEIGHT_SAMPLING)
def test_matches_reference_loop_toy(toy, method, how):
    weights = {"q": 1, "c": 2, "s": 0, "d": 1}  # a zero weight: 'around' must keep it at 0
    got = rank_acceptability(
        toy, weights, method, samples=300, seed=7, weight_sampling=how, concentration=5
    )
    assert_matches_reference(got, reference(toy, weights, method, 300, 7, how, 5.0))


@pytest.mark.parametrize("method", fw.METHODS)
def test_matches_reference_loop_bundled(comparison, method):
    got = rank_acceptability(comparison, "learning", method, samples=300, seed=3,
                             weight_sampling="uniform")  # fmt: skip
    assert_matches_reference(got, reference(comparison, "learning", method, 300, 3))
    # given weights: drawn around them by default (as the CLI, explorer and report do)
    got = rank_acceptability(comparison, "learning", method, samples=300, seed=3)
    assert got.weight_sampling == "around"
    assert_matches_reference(
        got, reference(comparison, "learning", method, 300, 3, "around", DEFAULT_CONCENTRATION)
    )


def test_default_sampling_follows_whether_weights_are_given(toy):
    assert rank_acceptability(toy, samples=10).weight_sampling == "uniform"
    assert rank_acceptability(toy, {"q": 1}, samples=10).weight_sampling == "around"
    assert rank_acceptability(toy, samples=10).samples == 10
    assert rank_acceptability(toy).samples == DEFAULT_SAMPLES


def test_matches_reference_across_blocks(toy, monkeypatch):
    """Blocks of 64 samples (the last one shorter) and steps of 10: the stream's block order."""
    monkeypatch.setattr(smaa, "_BLOCK", 64)
    got = rank_acceptability(toy, None, "topsis", samples=300, seed=11, chunk=10)
    assert_matches_reference(got, reference(toy, None, "topsis", 300, 11, block=64))


def test_matches_reference_with_many_alternatives_and_ties(tmp_path):
    """12 alternatives (the sorting rank path) with two identical ones that always tie."""
    rng = np.random.default_rng(5)
    values = rng.integers(1, 6, size=(12, 4))
    values[11] = values[10]
    comp = make(
        tmp_path,
        {f"a{i:02d}": list(v) for i, v in enumerate(values)},
        [(f"k{j}", "benefit", 1, 5) for j in range(4)],
    )
    got = rank_acceptability(comp, None, "wsm", samples=300, seed=2)
    assert_matches_reference(got, reference(comp, None, "wsm", 300, 2))
    acc = got.acceptability
    assert acc.loc["a10"].equals(acc.loc["a11"])  # ties share the better rank
    np.testing.assert_allclose(acc.sum(axis=1), 1.0)


@pytest.mark.parametrize("method", fw.METHODS)
def test_scores_equal_to_12_decimals_tie(tmp_path, method):
    """B differs from A by one ulp (0.1 + 0.2 != 0.3): ranks_from_scores calls that a tie."""
    comp = make(tmp_path, {"A": [0.3, 0.5], "B": [0.1 + 0.2, 0.5], "C": [0.2, 0.4]}, UNIT)
    got = rank_acceptability(comp, None, method, samples=300, seed=1)
    assert_matches_reference(got, reference(comp, None, method, 300, 1))
    assert got.acceptability[1].tolist() == [1.0, 1.0, 0.0]


def test_ranks_agree_with_ranks_from_scores():
    rng = np.random.default_rng(0)
    for m in (2, 3, 9, 15):
        s = rng.integers(0, 4, size=(m, 200)).astype(float) / 3  # many ties
        want = np.array([methods.ranks_from_scores(col) for col in s.T]).T
        np.testing.assert_array_equal(smaa._ranks(s), want)


def test_batched_kernels_match_methods():
    rng = np.random.default_rng(1)
    xs = rng.uniform(0.5, 5, size=(40, 4, 6))
    w = rng.dirichlet(np.ones(6), size=40)
    benefit = np.array([True, False, True, True, False, True])
    for n in range(40):
        np.testing.assert_allclose(
            smaa.wpm_scores_batch(xs, w, benefit)[n],
            methods.wpm_scores(xs[n], w[n], benefit),
            rtol=1e-13,
        )
        np.testing.assert_allclose(
            smaa.topsis_scores_batch(xs, w, benefit)[n],
            methods.topsis_scores(xs[n], w[n], benefit),
            rtol=1e-13,
        )


def test_sample_functions_draw_as_documented():
    rng = np.random.default_rng(4)
    centre = np.array([0.5, 0.0, 0.3, 0.2])
    w = smaa.sample_weights(rng, 20_000, centre, "around", 50.0)
    assert np.all(w[:, 1] == 0)
    np.testing.assert_allclose(w.sum(axis=1), 1.0)
    np.testing.assert_allclose(w.mean(axis=0), centre, atol=0.003)
    np.testing.assert_allclose(w.var(axis=0), centre * (1 - centre) / 51, rtol=0.05, atol=1e-12)
    u = smaa.sample_weights(np.random.default_rng(4), 9000, None, "uniform", 1.0, criteria=3)
    e = np.random.default_rng(4).standard_exponential((3, 8192))
    np.testing.assert_allclose(u[:8192], (e / e.sum(axis=0)).T, rtol=1e-15)
    np.testing.assert_allclose(u.mean(axis=0), 1 / 3, atol=0.01)
    x, low, high = (
        np.array([[1.0, 2.0], [3.0, 4.0]]),
        np.array([[0.0, 2.0], [3.0, 1.0]]),
        np.array([[2.0, 2.0], [3.0, 9.0]]),
    )
    xs = smaa.sample_scores(np.random.default_rng(8), 5, x, low, high)
    draws = np.random.default_rng(8).random((2, 5))
    np.testing.assert_array_equal(xs[:, 0, 1], 2.0)
    np.testing.assert_array_equal(xs[:, 1, 0], 3.0)
    np.testing.assert_allclose(xs[:, 0, 0], 2 * draws[0])
    np.testing.assert_allclose(xs[:, 1, 1], 1 + 8 * draws[1])


# --- cases solved by hand (WSM, benefit criteria on a 0..1 scale) ------------------------------

UNIT = [("c1", "benefit", 0, 1), ("c2", "benefit", 0, 1)]


def within(got, p, n, sd=None):
    """``got`` within 4 standard errors of ``p`` (a share, or a mean with spread ``sd``)."""
    se = (sd if sd is not None else math.sqrt(p * (1 - p))) / math.sqrt(n)
    assert abs(got - p) <= 4 * se, (got, p, se)


def test_two_criteria_share_and_central_weights(tmp_path):
    # A = (1, 0.5), B = (0, 1): A scores 0.5 + w1 / 2, B 1 - w1; A first iff w1 > 1/3.
    comp = make(tmp_path, {"A": [1, 0.5], "B": [0, 1]}, UNIT)
    n = 200_000
    got = rank_acceptability(comp, samples=n, seed=1)
    within(got.acceptability.loc["A", 1], 2 / 3, n)
    within(got.acceptability.loc["B", 2], 2 / 3, n)
    # w1 ~ U(0, 1): given A first it is U(1/3, 1), mean 2/3; given B first U(0, 1/3), mean 1/6.
    within(got.central_weights.loc["A", "c1"], 2 / 3, n * 2 / 3, sd=(2 / 3) / math.sqrt(12))
    within(got.central_weights.loc["B", "c1"], 1 / 6, n / 3, sd=(1 / 3) / math.sqrt(12))
    np.testing.assert_allclose(got.central_weights.sum(axis=1), 1.0)
    assert got.confidence.tolist() == [1.0, 1.0]  # fixed scores: each wins under its centre


def test_three_alternatives_three_criteria(tmp_path):
    """Uniform weights on the triangle (density 2): areas give every rank acceptability.

    A = e1, B = e2, C = (0.4, 0.4, 0.4): A first iff w1 > max(w2, 0.4) (area 0.17, so 0.34);
    C first iff w1, w2 < 0.4 (0.32); C last iff w1, w2 > 0.4 (0.04); A last iff
    w1 < min(w2, 0.4) (0.48).
    """
    cube = [(f"c{j}", "benefit", 0, 1) for j in (1, 2, 3)]
    comp = make(tmp_path, {"A": [1, 0, 0], "B": [0, 1, 0], "C": [0.4, 0.4, 0.4]}, cube)
    n = 200_000
    got = rank_acceptability(comp, samples=n, seed=2)
    exact = {"A": (0.34, 0.18, 0.48), "B": (0.34, 0.18, 0.48), "C": (0.32, 0.64, 0.04)}
    for alt, row in exact.items():
        for r, p in enumerate(row, start=1):
            within(got.acceptability.loc[alt, r], p, n)
    np.testing.assert_allclose(got.acceptability.sum(axis=0), 1.0)  # no ties: columns sum to 1
    np.testing.assert_allclose(got.acceptability.sum(axis=1), 1.0)


def test_range_straddling_a_fixed_score(tmp_path):
    # B's c1 is uniform on 0.3..1.0 against A's fixed 0.6; c2 is 0 for both: B first iff > 0.6.
    comp = make(tmp_path, {"A": [0.6, 0], "B": [0.5, 0]}, UNIT, {("B", "c1"): (0.3, 1.0)})
    n = 200_000
    got = rank_acceptability(comp, samples=n, seed=3)
    within(got.acceptability.loc["B", 1], 4 / 7, n)
    # The weights do not matter here, so under any central weights the same samples win.
    assert got.confidence.tolist() == got.acceptability[1].tolist()
    fixed = rank_acceptability(comp, samples=1000, seed=3, score_ranges=False)
    assert fixed.acceptability.loc["A", 1] == 1.0


def test_range_interacting_with_weights(tmp_path):
    """A = (1, 0), B = (0, u), u ~ U(0, 1): B first iff u > w1 / (1 - w1).

    P(B first) = int_0^1/2 (1 - 2 w1) / (1 - w1) dw1 = 1 - ln 2; E[w1 | B first] =
    (3/4 - ln 2) / (1 - ln 2); B's confidence is then 1 - c1 / c2, A's is 1.
    """
    comp = make(tmp_path, {"A": [1, 0], "B": [0, 0.5]}, UNIT, {("B", "c2"): (0, 1)})
    n = 200_000
    got = rank_acceptability(comp, samples=n, seed=4)
    within(got.acceptability.loc["B", 1], 1 - math.log(2), n)
    c1 = (0.75 - math.log(2)) / (1 - math.log(2))
    assert got.central_weights.loc["B", "c1"] == pytest.approx(c1, abs=0.002)
    assert got.confidence["B"] == pytest.approx(1 - c1 / (1 - c1), abs=0.01)
    assert got.confidence["A"] == 1.0


def test_never_first_has_no_central_weights(tmp_path):
    comp = make(tmp_path, {"A": [1, 1], "B": [0.5, 0.5]}, UNIT)
    got = rank_acceptability(comp, samples=500)
    assert got.acceptability.loc["B"].tolist() == [0.0, 1.0]
    assert got.central_weights.loc["B"].isna().all() and math.isnan(got.confidence["B"])
    d = got.to_dict()
    assert d["central_weights"]["B"] is None and d["confidence"]["B"] is None
    json.dumps(d)
    assert got.sentence() == "A is first in 100% of plausible weightings (B 0%)."


# --- 'around' --------------------------------------------------------------------------------


def test_around_with_huge_concentration_is_the_deterministic_ranking(comparison):
    winner = fw.recommend(comparison, "learning").winner
    got = rank_acceptability(
        comparison,
        "learning",
        samples=5000,
        weight_sampling="around",
        concentration=1e7,
        score_ranges=False,
    )
    assert got.acceptability.loc[winner, 1] == 1.0
    assert got.confidence[winner] == 1.0
    zero = fw.resolve_weights(comparison, "learning") == 0
    assert zero.any() and (got.central_weights.loc[winner, zero] == 0).all()
    central = got.central_weights.loc[winner]
    np.testing.assert_allclose(central, fw.resolve_weights(comparison, "learning"), atol=1e-4)


def test_bundled_learning_around(comparison):
    winner = fw.recommend(comparison, "learning").winner
    got = rank_acceptability(
        comparison, "learning", samples=20_000, weight_sampling="around", concentration=100
    )
    print(got.sentence(), got.acceptability.to_dict(), got.confidence.to_dict())
    assert got.acceptability.loc[winner, 1] > 0.5
    assert got.concentration == 100.0 and got.weight_sampling == "around"


# --- reproducibility ---------------------------------------------------------------------------


@pytest.mark.slow
def test_same_seed_same_result_any_chunk(toy):
    base = rank_acceptability(toy, None, "wsm", samples=20_000, seed=5).to_dict()
    for chunk in (1, 7, 1000, 8192, 10**6):
        assert (
            rank_acceptability(toy, None, "wsm", samples=20_000, seed=5, chunk=chunk).to_dict()
            == base
        )
    assert rank_acceptability(toy, None, "wsm", samples=20_000, seed=6).to_dict() != base


def test_seed_none_draws_fresh(toy):
    a = rank_acceptability(toy, samples=2000, seed=None)
    b = rank_acceptability(toy, samples=2000, seed=None)
    assert a.seed is None and a.to_dict() != b.to_dict()


def test_result_shapes_and_dict(comparison):
    got = rank_acceptability(comparison, "learning", "topsis", samples=1000, seed=1)
    assert list(got.acceptability.columns) == [1, 2]
    assert got.acceptability.index.name == "alternative"
    assert list(got.central_weights.columns) == comparison.criterion_ids
    d = got.to_dict()
    assert set(d["acceptability"]["Flask"]) == {"1", "2"}
    assert (d["samples"], d["seed"], d["method"], d["weight_sampling"], d["concentration"]) == (
        1000,
        1,
        "topsis",
        "around",
        100.0,
    )
    assert d["ranged_cells"] == got.ranged_cells == 39  # 39 of the 42 cells have a range
    assert json.loads(json.dumps(d)) == d
    first = got.acceptability[1]
    top = first.idxmax()
    assert got.sentence().startswith(
        f"{top} is first in {first[top]:.0%} of weightings near the current weights ("
    )
    uniform = rank_acceptability(comparison, "learning", "topsis", samples=1000, seed=1,
                                 weight_sampling="uniform")  # fmt: skip
    first = uniform.acceptability[1]
    top = first.idxmax()
    assert uniform.sentence().startswith(
        f"{top} is first in {first[top]:.0%} of plausible weightings ("
    )


# --- refusals ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"samples": 0}, "samples"),
        ({"samples": 1.5}, "samples"),
        ({"samples": True}, "samples"),
        ({"samples": 10**8}, "samples"),
        ({"chunk": 0}, "chunk"),
        ({"seed": -1}, "seed"),
        ({"seed": "x"}, "seed"),
        ({"weight_sampling": "gaussian"}, "weight_sampling"),
        ({"weight_sampling": "around", "concentration": 0}, "concentration"),
        ({"weight_sampling": "around", "concentration": -1.0}, "concentration"),
        ({"weight_sampling": "around", "concentration": math.inf}, "concentration"),
        ({"weight_sampling": "around", "concentration": math.nan}, "concentration"),
        ({"weight_sampling": "around", "concentration": "big"}, "concentration"),
        ({"weight_sampling": "around", "concentration": 5e-324}, "concentration"),
        ({"method": "electre"}, "unknown scoring method"),
        ({"weights": {"nope": 1}}, "unknown criterion"),
        ({"weights": {"learning_curve": -1}}, "negative"),
        ({"weights": {"learning_curve": 0}}, "all weights are zero"),
        ({"weights": "no-such-profile"}, "unknown profile"),
    ],
)
def test_refusals(comparison, kwargs, message):
    with pytest.raises(fw.DataError, match=message) as info:
        rank_acceptability(comparison, **kwargs)
    assert "Fix:" in str(info.value)


def test_wpm_refuses_a_range_reaching_zero(tmp_path):
    comp = make(
        tmp_path,
        {"A": [2, 3], "B": [3, 2]},
        [("c1", "benefit", 0, 5), ("c2", "benefit", 0, 5)],
        {("A", "c1"): (0, 3)},
    )
    with pytest.raises(fw.DataError, match="WPM needs positive scores") as info:
        rank_acceptability(comp, method="wpm")
    assert "'A'" in str(info.value) and "'c1'" in str(info.value)
    assert rank_acceptability(comp, method="wpm", score_ranges=False, samples=100).samples == 100
