"""Stability intervals: brute force on random matrices, hand cases, the bundled data, refusals."""

from __future__ import annotations

import json

import numpy as np
import pandas as pd
import pytest

import fwcompare_nb as fw
from fwcompare_nb.analysis.sensitivity import (
    NO_FLIP,
    SensitivityResult,
    change_sentence,
    sensitivity,
    stability_intervals,
)
from fwcompare_nb.core import methods

FINE = np.linspace(0.0, 1.0, 20001)
# How close the brute-force crossing must be: exact for the linear methods.
PRECISION = {"wsm": 1e-9, "wpm": 1e-9, "topsis": 1e-6}


def random_comparison(seed: int) -> tuple[fw.Comparison, dict[str, float]]:
    """2-5 alternatives (names not in row order) x 2-6 criteria, scores 1..9, some cost."""
    rng = np.random.default_rng(seed)
    a, c = int(rng.integers(2, 6)), int(rng.integers(2, 7))
    ids = [f"c{j}" for j in range(c)]
    scores = pd.DataFrame(rng.integers(1, 10, size=(a, c)).astype(float), columns=ids)
    scores.insert(0, "alternative", list(rng.permutation(list("VWXYZ"))[:a]))
    declared = rng.random(c) < 0.5
    criteria = pd.DataFrame(
        {
            "id": ids,
            "direction": rng.choice(["benefit", "cost"], size=c),
            "min": np.where(declared, 1.0, np.nan),
            "max": np.where(declared, 9.0, np.nan),
        }
    )
    w = rng.random(c) * (rng.random(c) > 0.2)
    if seed % 7 == 0 or not w.any():
        w = np.eye(c)[int(rng.integers(c))]  # all weight on one criterion
    return fw.Comparison.from_frames(scores, criteria), dict(zip(ids, w, strict=True))


def scores_along(comp: fw.Comparison, w: np.ndarray, k: int, t: np.ndarray, method: str):
    """Scores (len(t), alternatives) with w_j(t) = w_j (1 - t) / (1 - w_k), written out here."""
    if w[k] < 1:
        rest = w * (1 - t[:, None]) / (1 - w[k])
    else:  # documented: the freed weight is spread equally over the others
        rest = np.ones_like(w) * (1 - t[:, None]) / (len(w) - 1)
    stack = rest.copy()
    stack[:, k] = t
    x, lo, hi, benefit = comp.arrays
    if method == "wsm":
        return methods.wsm_scores(x, stack, lo, hi, benefit)
    if method == "wpm":
        return methods.wpm_scores(x, stack, benefit)
    return methods.topsis_scores(x, stack, benefit)


def first(comp: fw.Comparison, scores: np.ndarray) -> str:
    """Who rank() would list first for one row of scores (equal to 12 dp: by name)."""
    s = np.round(scores, 12)
    return min(a for a, v in zip(comp.alternatives, s, strict=True) if v == s.max())


@pytest.mark.parametrize("method", fw.METHODS)
@pytest.mark.parametrize("seed", range(40))
def test_brute_force(seed, method):
    comp, weights = random_comparison(seed)
    res = sensitivity(comp, weights, method)
    assert res.winner == fw.recommend(comp, weights, method).winner
    iv = res.intervals
    assert list(iv.index) == comp.criterion_ids
    w = res.weights.to_numpy()
    win = comp.alternatives.index(res.winner)
    transform = np.log if method == "wpm" else (lambda s: s)  # WPM is linear in log score
    for k, (cid, row) in enumerate(iv.iterrows()):
        lo, hi = row["stable_from"], row["stable_to"]
        assert 0 <= lo <= w[k] <= hi <= 1
        s = transform(scores_along(comp, w, k, FINE, method))
        lead = s[:, win] - np.delete(s, win, axis=1).max(axis=1)
        inside = (FINE > lo + 1e-6) & (FINE < hi - 1e-6)
        assert (lead[inside] >= -1e-9).all(), (cid, FINE[inside][lead[inside] < -1e-9][:3])
        for edge, flip, step in ((lo, row["flips_below"], -1e-5), (hi, row["flips_above"], 1e-5)):
            if flip is None:
                assert edge in (0.0, 1.0) and edge == (0.0 if step < 0 else 1.0)
                continue
            out = scores_along(comp, w, k, np.array([edge + step]), method)[0]
            assert first(comp, out) == flip != res.winner
            # the brute-force crossing: where the lead changes sign next to the edge
            losing = np.flatnonzero((lead < 0) & (FINE < w[k] if step < 0 else FINE > w[k]))
            j = losing[-1] if step < 0 else losing[0]
            i = j + 1 if step < 0 else j - 1
            cross = FINE[i] + (FINE[j] - FINE[i]) * lead[i] / (lead[i] - lead[j])
            assert edge == pytest.approx(cross, abs=PRECISION[method])
            # the edge is the crossing itself: the winner ties with the best challenger there
            there = transform(scores_along(comp, w, k, np.array([edge]), method))[0]
            assert abs(there[win] - np.delete(there, win).max()) < 1e-10
        changes = [w[k] - lo if row["flips_below"] else np.inf]
        changes.append(hi - w[k] if row["flips_above"] else np.inf)
        assert row["change_needed"] == min(changes)
        near = row["flips_below"] if changes[0] <= changes[1] + 1e-12 else row["flips_above"]
        assert row["flips_to"] == near


def hand_comparison() -> fw.Comparison:
    # Scale 0..10, so normalised: Alpha (1, 0, .5), Beta (0, 1, .5).
    scores = pd.DataFrame(
        {"alternative": ["Alpha", "Beta"], "c1": [10.0, 0.0], "c2": [0.0, 10.0], "c3": [5.0, 5.0]}
    )
    criteria = pd.DataFrame(
        {
            "id": ["c1", "c2", "c3"],
            "name": ["Speed", "Docs", "Safety"],
            "weight": [5.0, 3.0, 2.0],
            "min": 0.0,
            "max": 10.0,
        }
    )
    return fw.Comparison.from_frames(scores, criteria)


def test_wsm_by_hand():
    # Weights .5/.3/.2: Alpha .6, Beta .4.
    # c1 = t: Alpha t + .2(1 - t), Beta .8(1 - t): Alpha first for t >= .375.
    # c2 = t: Alpha .6(1 - t)/.7, Beta t + .1(1 - t)/.7: Alpha first for t <= 5/12.
    # c3 = t: Alpha - Beta = .25(1 - t) >= 0: never overtaken (a tie at t = 1 only).
    res = sensitivity(hand_comparison())
    assert res.winner == "Alpha" and res.method == "wsm"
    iv = stability_intervals(hand_comparison())
    assert iv.attrs == {"winner": "Alpha", "method": "wsm"}
    assert list(iv.columns) == [
        "name",
        "weight",
        "stable_from",
        "stable_to",
        "flips_below",
        "flips_above",
        "flips_to",
        "change_needed",
    ]
    assert iv.index.name == "criterion"
    assert iv["weight"].tolist() == pytest.approx([0.5, 0.3, 0.2])
    assert iv["stable_from"].tolist() == pytest.approx([0.375, 0.0, 0.0], abs=1e-15)
    assert iv["stable_to"].tolist() == pytest.approx([1.0, 5 / 12, 1.0], abs=1e-15)
    assert iv["flips_below"].tolist() == ["Beta", None, None]
    assert iv["flips_above"].tolist() == [None, "Beta", None]
    assert iv["flips_to"].tolist() == ["Beta", "Beta", None]
    assert iv["change_needed"].tolist() == pytest.approx([0.125, 5 / 12 - 0.3, np.inf])


def test_change_sentences_by_hand():
    res = sensitivity(hand_comparison())
    assert change_sentence(res) == ["Beta would win if Docs weighed 42% or more (now 30%)."]
    assert change_sentence(res, top=3) == [
        "Beta would win if Docs weighed 42% or more (now 30%).",
        "Beta would win if Speed weighed 37% or less (now 50%).",
    ]


def test_sentence_when_nothing_flips():
    comp = fw.Comparison.from_frames(
        pd.DataFrame({"alternative": ["P", "Q"], "x": [5.0, 1.0], "y": [3.0, 2.0]}),
        pd.DataFrame({"id": ["x", "y"]}),
    )
    res = sensitivity(comp)
    assert res.winner == "P" and res.intervals["flips_to"].isna().all()
    assert change_sentence(res) == [NO_FLIP]


def test_tie_at_current_weights():
    # Alpha (1, 0) and Beta (0, 1) tie at .5/.5; rank() lists Alpha first by name.
    comp = fw.Comparison.from_frames(
        pd.DataFrame({"alternative": ["Beta", "Alpha"], "x": [0.0, 10.0], "y": [10.0, 0.0]}),
        pd.DataFrame({"id": ["x", "y"], "min": 0.0, "max": 10.0}),
    )
    for method in ("wsm", "topsis"):
        iv = sensitivity(comp, method=method).intervals
        assert iv.attrs["winner"] == "Alpha"
        assert iv["stable_from"].tolist() == pytest.approx([0.5, 0.0], abs=1e-7)
        assert iv["stable_to"].tolist() == pytest.approx([1.0, 0.5], abs=1e-7)
        assert iv["change_needed"].tolist() == pytest.approx([0.0, 0.0], abs=1e-7)
        assert iv["flips_to"].tolist() == ["Beta", "Beta"]


def test_identical_twin_never_flips():
    # Q equals P everywhere, so it ties at every weight and rank() keeps P first.
    comp = fw.Comparison.from_frames(
        pd.DataFrame({"alternative": ["Q", "P", "R"], "x": [3.0, 3.0, 1.0], "y": [2.0, 2.0, 9.0]}),
        pd.DataFrame({"id": ["x", "y"], "weight": [0.9, 0.1]}),
    )
    for method in fw.METHODS:
        iv = stability_intervals(comp, method=method)
        assert iv.attrs["winner"] == "P"
        assert set(iv["flips_below"]) | set(iv["flips_above"]) <= {"R", None}
        assert iv.loc["y", "flips_above"] == "R"


def test_equally_near_boundaries_name_the_lower():
    # Normalised x: A .9, B 0, C 1; y = z: A .5, B .8, C .2; weights .5/.25/.25.
    # Weight of x = t: A .5 + .4t, B .8(1 - t), C .2 + .8t: B leads below .25, C above .75.
    comp = fw.Comparison.from_frames(
        pd.DataFrame(
            {"alternative": ["C", "B", "A"], "x": [1, 0, 0.9], "y": [0.2, 0.8, 0.5]}
        ).assign(z=lambda f: f["y"]),
        pd.DataFrame({"id": ["x", "y", "z"], "weight": [2.0, 1, 1], "min": 0.0, "max": 1.0}),
    )
    res = sensitivity(comp)
    row = res.intervals.loc["x"]
    assert (row["stable_from"], row["stable_to"]) == pytest.approx((0.25, 0.75), abs=1e-15)
    assert (row["flips_below"], row["flips_above"], row["flips_to"]) == ("B", "C", "B")
    assert change_sentence(res) == ["B would win if x weighed 25% or less (now 50%)."]


@pytest.mark.parametrize("method", fw.METHODS)
def test_challengers_crossing_together_are_named_like_rank(method):
    # R and Q are identical and overtake P at the same point; rank() would list Q first.
    comp = fw.Comparison.from_frames(
        pd.DataFrame({"alternative": ["R", "Q", "P"], "x": [1.0, 1.0, 9.0], "y": [9.0, 9.0, 2.0]}),
        pd.DataFrame({"id": ["x", "y"], "weight": [0.7, 0.3]}),
    )
    iv = stability_intervals(comp, method=method)
    assert iv.attrs["winner"] == "P"
    assert iv["flips_below"].tolist() == ["Q", None]
    assert iv["flips_above"].tolist() == [None, "Q"]


@pytest.mark.parametrize("method", ["wsm", "wpm"])
def test_rounding_noise_is_not_a_flip(method):
    # P and Q hold the same values in another order: on the last criterion they tie at every t
    # in exact arithmetic, but the sums differ by an ulp in floating point.
    comp = fw.Comparison.from_frames(
        pd.DataFrame([[64.0, 55, 9, 3, 50], [3, 64, 55, 9, 50]], columns=list("abcde")).assign(
            alternative=["P", "Q"]
        ),
        pd.DataFrame({"id": list("abcde"), "min": 0.0, "max": 100.0}),
    )
    iv = stability_intervals(comp, method=method)
    assert iv.attrs["winner"] == "P"
    assert iv.loc["e", ["flips_below", "flips_above", "flips_to"]].isna().all()
    assert (iv.loc["e", "stable_from"], iv.loc["e", "stable_to"]) == (0.0, 1.0)


@pytest.mark.parametrize("method", fw.METHODS)
def test_degenerate_shapes(method):
    one_alt = fw.Comparison.from_frames(
        pd.DataFrame({"alternative": ["P"], "x": [1.0], "y": [2.0]}),
        pd.DataFrame({"id": ["x", "y"]}),
    )
    one_crit = fw.Comparison.from_frames(
        pd.DataFrame({"alternative": ["P", "Q"], "x": [1.0, 2.0]}), pd.DataFrame({"id": ["x"]})
    )
    for comp in (one_alt, one_crit):
        iv = stability_intervals(comp, method=method)
        assert (iv["stable_from"] == 0).all() and (iv["stable_to"] == 1).all()
        assert iv[["flips_below", "flips_above", "flips_to"]].isna().all().all()
        assert np.isinf(iv["change_needed"]).all()


@pytest.mark.parametrize("method", fw.METHODS)
def test_bundled_flip_is_real(comparison, method):
    res = sensitivity(comparison, "learning", method)
    assert res.winner == "Flask"
    iv = res.intervals
    flipping = iv[np.isfinite(iv["change_needed"])]
    assert len(flipping) >= 5
    ids = comparison.criterion_ids
    w = res.weights.to_numpy()
    for cid, row in flipping.iterrows():
        k = ids.index(cid)
        up = row["flips_to"] == row["flips_above"]
        edge = row["stable_to"] if up else row["stable_from"]
        for step, expected in ((1e-4, row["flips_to"]), (-1e-4, "Flask")):
            t = edge + (step if up else -step)
            moved = w * (1 - t) / (1 - w[k])
            moved[k] = t
            winner = fw.recommend(comparison, dict(zip(ids, moved, strict=True)), method).winner
            assert winner == expected, (cid, t)


def test_bundled_sentence(comparison):
    res = sensitivity(comparison, "learning")
    iv = res.intervals
    best = iv["change_needed"].idxmin()
    (sentence,) = change_sentence(res)
    name, to = iv.loc[best, "name"], iv.loc[best, "stable_to"]
    assert sentence == (
        f"Django would win if {name} weighed {np.ceil(to * 100):.0f}% or more "
        f"(now {iv.loc[best, 'weight'] * 100:.0f}%)."
    )


def test_to_dict_is_json(comparison):
    res = sensitivity(comparison, "learning", "topsis")
    assert isinstance(res, SensitivityResult)
    data = json.loads(json.dumps(res.to_dict(), allow_nan=False))
    assert data["winner"] == "Flask" and data["method"] == "topsis"
    assert [c["criterion"] for c in data["criteria"]] == comparison.criterion_ids
    keys = {"criterion", "weight", "stable_from", "stable_to", "flips_to"}
    keys |= {"flips_below", "flips_above"}
    for c in data["criteria"]:
        assert keys <= set(c)
        assert all(type(c[k]) is float for k in ("weight", "stable_from", "stable_to"))
        assert all(c[k] is None or type(c[k]) is str for k in ("flips_to", "flips_above"))
        assert (c["flips_to"] is None) == (c["change_needed"] is None)


@pytest.mark.parametrize(
    ("kwargs", "fragment"),
    [
        ({"method": "ahp"}, "unknown scoring method"),
        ({"weights": {"nope": 1}}, "unknown criterion in weights"),
        ({"weights": {"admin_interface": -1}}, "weight is negative"),
        ({"weights": {"admin_interface": float("nan")}}, "missing weight"),
        ({"weights": {"admin_interface": 0}}, "all weights are zero"),
        ({"weights": "no-such-profile"}, "unknown profile"),
        ({"tol": -1.0}, "tolerance out of range"),
    ],
)
def test_refusals(comparison, kwargs, fragment):
    with pytest.raises(fw.DataError, match=fragment):
        stability_intervals(comparison, **kwargs)


def test_wpm_refuses_non_positive_scores():
    comp = fw.Comparison.from_frames(
        pd.DataFrame({"alternative": ["P", "Q"], "x": [0.0, 2.0], "y": [1.0, 1.0]}),
        pd.DataFrame({"id": ["x", "y"]}),
    )
    with pytest.raises(fw.DataError, match="WPM needs positive scores"):
        sensitivity(comp, method="wpm")
