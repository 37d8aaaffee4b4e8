"""Group decisions (fwcompare_nb.analysis.group): aggregation properties, worked examples, refusals."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import fwcompare_nb as fw
from fwcompare_nb.analysis.group import (
    AGGREGATIONS,
    GroupResult,
    aggregate_weights,
    group_decision,
    mean_weights,
    stakeholder_weights,
)
from fwcompare_nb.io.profiles import ProfileStore, stakeholders_from_profiles

EXAMPLES = settings(max_examples=60, deadline=None)
TOL = 1e-9
PRESETS = {"learner": "learning", "architect": "large-project", "ops": "high-traffic"}
HOW = pytest.mark.parametrize("how", AGGREGATIONS)


@st.composite
def positive_tables(draw, zeros: bool = False) -> pd.DataFrame:
    """2..6 stakeholders x 2..6 criteria, rows normalised; with ``zeros``, some weights are 0."""
    n, m = draw(st.integers(2, 6)), draw(st.integers(2, 6))
    cell = st.one_of(st.just(0.0), st.floats(0.01, 10.0)) if zeros else st.floats(0.01, 10.0)
    raw = np.array(draw(st.lists(st.lists(cell, min_size=m, max_size=m), min_size=n, max_size=n)))
    raw[raw.sum(axis=1) == 0, 0] = 1.0  # every stakeholder weights something
    return table(raw / raw.sum(axis=1, keepdims=True))


def table(rows) -> pd.DataFrame:
    rows = np.asarray(rows, dtype=float)
    return pd.DataFrame(
        rows,
        index=pd.Index([f"s{i}" for i in range(len(rows))], name="stakeholder"),
        columns=pd.Index([f"c{j}" for j in range(rows.shape[1])], name="id"),
    )


@pytest.fixture(scope="module")
def tiny() -> fw.Comparison:
    """Three criteria x, y, z and three alternatives, for raw-weight tests."""
    scores = pd.DataFrame(
        {"alternative": ["A", "B", "C"], "x": [5, 1, 3], "y": [1, 5, 3], "z": [2, 2, 5]}
    )
    criteria = pd.DataFrame({"id": ["x", "y", "z"], "min": [0] * 3, "max": [5] * 3})
    return fw.Comparison.from_frames(scores, criteria, name="tiny")


# -- properties of the aggregation -------------------------------------------------------------


@HOW
@EXAMPLES
@given(w=positive_tables())
def test_group_weights_are_non_negative_and_sum_to_one(how, w):
    g = aggregate_weights(w, how)
    assert (g >= 0).all()
    assert g.sum() == pytest.approx(1.0, abs=TOL)
    assert g.index.name == "id" and g.name == "weight" and list(g.index) == list(w.columns)


@HOW
@EXAMPLES
@given(w=positive_tables(zeros=True), n=st.integers(2, 5))
def test_unanimity_gives_the_shared_weights(how, w, n):
    same = table(np.repeat(w.to_numpy()[:1], n, axis=0))
    np.testing.assert_allclose(aggregate_weights(same, how), w.iloc[0], atol=TOL)


@HOW
@EXAMPLES
@given(w=positive_tables(), data=st.data())
def test_order_of_stakeholders_does_not_matter(how, w, data):
    order = data.draw(st.permutations(range(len(w))))
    np.testing.assert_allclose(aggregate_weights(w.iloc[order], how), aggregate_weights(w, how))


@HOW
@EXAMPLES
@given(
    raw=st.lists(st.lists(st.floats(0.01, 10.0), min_size=3, max_size=3), min_size=2, max_size=5),
    data=st.data(),
)
def test_rescaling_one_stakeholders_raw_weights_changes_nothing(tiny, how, raw, data):
    factors = data.draw(st.lists(st.floats(1e-3, 1e3), min_size=len(raw), max_size=len(raw)))
    base = {f"s{i}": dict(zip("xyz", r, strict=True)) for i, r in enumerate(raw)}
    scaled = {
        k: {c: v * f for c, v in w.items()} for (k, w), f in zip(base.items(), factors, strict=True)
    }
    np.testing.assert_allclose(
        aggregate_weights(stakeholder_weights(tiny, scaled), how),
        aggregate_weights(stakeholder_weights(tiny, base), how),
        atol=TOL,
    )


@EXAMPLES
@given(w=positive_tables(), factor=st.floats(1e-3, 1e3))
def test_geometric_mean_ignores_row_scale_even_before_rows_are_normalised(w, factor):
    # The ratio-scale property itself: the arithmetic mean relies on rows summing to 1.
    scaled = w.copy()
    scaled.iloc[0] *= factor
    np.testing.assert_allclose(aggregate_weights(scaled), aggregate_weights(w), atol=TOL)


def test_arithmetic_mean_does_depend_on_row_scale():
    w = table([[0.8, 0.2], [0.2, 0.8]])
    scaled = w.copy()
    scaled.iloc[0] *= 3
    assert not np.allclose(aggregate_weights(scaled, "arithmetic"), [0.5, 0.5])


@EXAMPLES
@given(w=positive_tables(zeros=True))
def test_arithmetic_mean_lies_between_each_criterions_min_and_max(w):
    g = aggregate_weights(w, "arithmetic")
    assert (g >= w.min() - TOL).all() and (g <= w.max() + TOL).all()
    np.testing.assert_allclose(g, w.mean(), atol=TOL)  # no renormalisation needed


@EXAMPLES
@given(w=positive_tables(zeros=True))
def test_geometric_mean_is_at_most_arithmetic_before_renormalising(w):
    x = w.to_numpy()
    geo, ari = mean_weights(x, "geometric"), mean_weights(x, "arithmetic")
    assert (geo <= ari + TOL).all()
    np.testing.assert_allclose(geo, np.prod(x, axis=0) ** (1 / len(x)), atol=TOL)


@EXAMPLES
@given(w=positive_tables(zeros=True))
def test_a_zero_vetoes_a_criterion_and_refusal_only_when_all_are_vetoed(w):
    zeroed = (w == 0).any()
    if zeroed.all():
        with pytest.raises(fw.DataError, match="veto.*arithmetic"):
            aggregate_weights(w)
    else:
        g = aggregate_weights(w)
        assert (g[zeroed] == 0).all() and (g[~zeroed] > 0).all()
    assert (aggregate_weights(w, "arithmetic")[w.max() > 0] > 0).all()  # no veto here


def test_mean_weights_does_not_underflow_with_many_small_weights():
    w = np.full((400, 3), 1e-3)
    np.testing.assert_allclose(mean_weights(w, "geometric"), 1e-3)


# -- worked examples ------------------------------------------------------------------------------


def test_hand_computed_two_stakeholders():
    w = table([[0.64, 0.32, 0.04], [0.25, 0.50, 0.25]])
    # geometric: sqrt(.16) = .4, sqrt(.16) = .4, sqrt(.01) = .1; sum .9 -> 4/9, 4/9, 1/9
    np.testing.assert_allclose(aggregate_weights(w), [4 / 9, 4 / 9, 1 / 9], atol=TOL)
    # arithmetic: (.64+.25)/2, (.32+.5)/2, (.04+.25)/2
    np.testing.assert_allclose(aggregate_weights(w, "arithmetic"), [0.445, 0.41, 0.145], atol=TOL)


def test_hand_computed_three_stakeholders_from_raw_weights(tiny):
    # raw 2:1:1, 1:2:1, 4:2:2 normalise to (.5,.25,.25), (.25,.5,.25), (.5,.25,.25)
    people = {
        "Ann": {"x": 2, "y": 1, "z": 1},
        "Bob": {"x": 1, "y": 2, "z": 1},
        "Cy": {"x": 4, "y": 2, "z": 2},
    }
    # geometric: cube roots of 1/16, 1/32, 1/64 = 0.396850, 0.314980, 0.25; sum 0.961831
    geo = group_decision(tiny, people).weights
    np.testing.assert_allclose(geo, [0.412599, 0.327480, 0.259921], atol=1e-6)
    # arithmetic: (1.25/3, 1/3, .75/3)
    ari = group_decision(tiny, people, how="arithmetic").weights
    np.testing.assert_allclose(ari, [0.416667, 0.333333, 0.25], atol=1e-6)


# -- the bundled comparison ----------------------------------------------------------------------


@HOW
@pytest.mark.parametrize("method", fw.METHODS)
def test_presets_each_stakeholder_and_the_group_score_as_recommend_does(comparison, how, method):
    result = group_decision(comparison, PRESETS, method=method, how=how)
    rec = result.recommendations
    assert list(rec.index) == [*PRESETS, "group"]
    for person, preset in PRESETS.items():
        own = fw.recommend(comparison, preset, method)
        assert rec.at[person, "winner"] == own.winner
        assert rec.at[person, "margin"] == pytest.approx(own.margin)
        for alt, score in own.ranking["score"].items():
            assert rec.at[person, f"score: {alt}"] == pytest.approx(score)
    assert result.winner == rec.at["group", "winner"]
    assert result.winner == fw.recommend(comparison, result.weights, method).winner


def test_presets_disagreement_is_sorted_and_topped_by_the_widest_spread(comparison):
    result = group_decision(comparison, PRESETS)
    d = result.disagreement
    assert d["spread"].is_monotonic_decreasing
    presets = pd.DataFrame({p: fw.resolve_weights(comparison, p) for p in PRESETS.values()})
    spread = presets.max(axis=1) - presets.min(axis=1)
    assert d.index[0] in spread[spread == spread.max()].index
    assert d["spread"].iloc[0] == pytest.approx(spread.max())
    top = d.iloc[0]
    assert top["spread"] == pytest.approx(top["max"] - top["min"])
    assert result.stakeholder_weights.at[top["lowest"], d.index[0]] == top["min"]
    assert result.stakeholder_weights.at[top["highest"], d.index[0]] == top["max"]
    np.testing.assert_allclose(d["std"], result.stakeholder_weights[d.index].std(ddof=0))
    assert list(d.columns) == ["name", "group", "min", "max", "spread", "std", "lowest", "highest"]


def test_presets_geometric_vetoes_are_listed_and_told(comparison):
    geo = group_decision(comparison, PRESETS)
    w = geo.stakeholder_weights
    expected = [c for c in w.columns if w[c].min() == 0 < w[c].max()]
    assert list(geo.vetoed) == expected and "admin_interface" in expected
    assert (geo.weights[expected] == 0).all()
    text = geo.sentence()
    assert f"{len(expected)} criteria get no group weight" in text and "Admin interface" in text
    ari = group_decision(comparison, PRESETS, how="arithmetic")
    assert ari.vetoed == () and "veto" not in ari.sentence()
    assert (ari.weights[expected] > 0).all()


def test_sentence_names_winner_agreement_and_widest_disagreement(comparison):
    result = group_decision(comparison, PRESETS, how="arithmetic")
    agree = sum(fw.recommend(comparison, p).winner == result.winner for p in PRESETS.values())
    top = result.disagreement.iloc[0]
    text = result.sentence()
    assert text.startswith(f"The group's weights favour {result.winner} (margin ")
    assert f"{agree} of 3 stakeholders would choose {result.winner} on their own" in text
    assert f"They disagree most on {top['name']} ({top['min']:.0%} to {top['max']:.0%})" in text


def test_sentence_when_everyone_agrees(comparison):
    result = group_decision(comparison, {"a": "learning", "b": "learning"})
    assert "same weight" in result.sentence() and result.vetoed == ()


def test_to_dict_is_json_serialisable(comparison):
    result = group_decision(comparison, PRESETS)
    data = json.loads(json.dumps(result.to_dict()))
    assert set(data) >= {"how", "method", "weights", "winner", "stakeholders", "disagreement"}
    assert data["winner"] == result.winner and data["how"] == "geometric"
    assert sum(data["weights"].values()) == pytest.approx(1)
    assert data["stakeholders"]["ops"]["winner"] == fw.recommend(comparison, "high-traffic").winner
    first = data["disagreement"][0]
    assert set(first) == {"criterion", "spread", "min", "max", "lowest", "highest"}
    assert first["criterion"] == result.disagreement.index[0]


def test_result_is_a_group_result_with_the_groups_recommendation(comparison):
    result = group_decision(comparison, PRESETS, method="TOPSIS", how=" Arithmetic ")
    assert isinstance(result, GroupResult)
    assert (result.method, result.how) == ("topsis", "arithmetic")
    assert result.recommendation.winner == result.winner
    assert result.stakeholder_weights.index.name == "stakeholder"


# -- saved profiles ------------------------------------------------------------------------------


def test_saved_profiles_are_stakeholders(comparison, tmp_path: Path):
    store = ProfileStore(tmp_path)
    for name, preset in PRESETS.items():
        raw = comparison.profiles.loc[preset, comparison.criterion_ids].astype(float)
        store.save(name, raw[raw > 0] * 3, comparison=comparison.name)  # raw, any scale
    profiles = [store.load(name) for name in store.list().index]
    from_files = group_decision(comparison, stakeholders_from_profiles(profiles, comparison))
    from_presets = group_decision(comparison, {p.name: PRESETS[p.name] for p in profiles})
    pd.testing.assert_series_equal(from_files.weights, from_presets.weights)
    assert from_files.winner == from_presets.winner


def test_profile_saved_for_another_comparison_is_refused_naming_the_file(comparison, tmp_path):
    store = ProfileStore(tmp_path)
    store.save("mine", {"learning_curve": 2}, comparison=comparison.name)
    path = store.save("theirs", {"speed": 1, "cost": 2}, comparison="cars")
    with pytest.raises(fw.DataError, match="stakeholder 'theirs'") as info:
        stakeholders_from_profiles([store.load("mine"), store.load("theirs")], comparison)
    assert str(path) in str(info.value) and "'speed'" in str(info.value)


def test_the_same_profile_twice_is_a_duplicate(comparison, tmp_path):
    store = ProfileStore(tmp_path)
    store.save("mine", {"learning_curve": 2})
    with pytest.raises(fw.DataError, match="same name"):
        stakeholders_from_profiles([store.load("mine"), store.load("mine")], comparison)


# -- refusals ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("stakeholders", "match"),
    [
        ({"solo": "learning"}, "at least 2 stakeholders, got 1.*Fix: add another"),
        ({}, "at least 2 stakeholders, got 0"),
        ({"Ann": "learning", " Ann ": "simple-app"}, "same name.*'Ann'"),
        ({"": "learning", "b": "simple-app"}, "non-empty text"),
        ({"  ": "learning", "b": "simple-app"}, "non-empty text"),
        ({1: "learning", "b": "simple-app"}, "non-empty text"),
        ({"group": "learning", "b": "simple-app"}, "other than 'group'"),
        ({"a": "learning", "ops": "nope"}, "stakeholder 'ops'.*unknown profile.*'nope'"),
        (
            {"a": "learning", "ops": {"learning_curve": -1}},
            "stakeholder 'ops', criterion 'learning_curve'.*negative",
        ),
        ({"a": "learning", "ops": {"learning_curve": float("nan")}}, "'ops'.*missing weight"),
        ({"a": "learning", "ops": pd.Series({"maturity": np.inf})}, "stakeholder 'ops'.*finite"),
        (
            {"a": "learning", "ops": {"learning_curve": 0}},
            "stakeholder 'ops'.*all weights are zero",
        ),
        ({"a": "learning", "ops": {"warp_drive": 1}}, "stakeholder 'ops'.*unknown criterion"),
        ({"a": "learning", "ops": 3}, "stakeholder 'ops'.*weights must be"),
        ("learning", "mapping of name to weights"),
        (["learning", "simple-app"], "mapping of name to weights.*stakeholders_from_profiles"),
    ],
)
def test_bad_stakeholders_are_refused(comparison, stakeholders, match):
    with pytest.raises(fw.DataError, match=match):
        group_decision(comparison, stakeholders)


@pytest.mark.parametrize(
    ("kwargs", "match"),
    [
        ({"how": "median"}, "unknown aggregation.*'median'.*geometric, arithmetic"),
        ({"how": None}, "unknown aggregation"),
        ({"method": "ahp"}, "unknown scoring method.*'ahp'.*wsm, wpm, topsis"),
    ],
)
def test_unknown_how_or_method_is_refused(comparison, kwargs, match):
    with pytest.raises(fw.DataError, match=match):
        group_decision(comparison, PRESETS, **kwargs)
    if "how" in kwargs:
        with pytest.raises(fw.DataError, match=match):
            aggregate_weights(table([[0.5, 0.5], [0.5, 0.5]]), kwargs["how"])


def test_everything_vetoed_is_refused_with_the_arithmetic_hint(comparison):
    people = {"a": {"learning_curve": 1}, "b": {"maturity": 1}}
    with pytest.raises(fw.DataError, match=r"veto.*Fix: use how=\"arithmetic\""):
        group_decision(comparison, people)
    assert group_decision(comparison, people, how="arithmetic").weights.sum() == pytest.approx(1)


def test_group_sentence_never_writes_a_real_lead_as_zero(comparison):
    result = group_decision(comparison, PRESETS)
    lead = result.recommendation.margin
    assert f"(margin {lead:.3f})" in result.sentence() or lead < 0.0005
    assert "margin 0.00)" not in result.sentence()
