"""Tables to read (fwcompare_nb.analysis.tables): names, percentages and words, never NaN/None/inf."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

import fwcompare_nb as fw
from fwcompare_nb.analysis import tables
from fwcompare_nb.config import DATA_DIR

# A dominates B on every criterion: no weight makes B win, B is never first.
DOMINATED_CRITERIA = (
    "id,name,direction,weight,min,max\nspeed,Speed,benefit,2,1,5\ncost,Cost,cost,1,,\n"
)
DOMINATED_SCORES = "alternative,speed,cost\nA,5,1\nB,2,3\n"
DOMINATED_PROFILES = "profile,label,description,speed,cost\nfast,Speed first,,3,1\n"


def _assert_readable(frame: pd.DataFrame) -> None:
    """Every cell and label is text a reader can take at face value."""
    cells = [*frame.to_numpy().ravel(), *frame.index, *frame.columns]
    for cell in cells:
        assert isinstance(cell, str), (type(cell), cell)
        assert cell.strip() and cell.strip().lower() not in {"nan", "none", "inf", "-inf", "<na>"}
        assert not any(w in cell.split() for w in ("nan", "NaN", "None", "inf")), cell


def _percent(text: str) -> float:
    return float(text.removesuffix("%").lstrip("<>")) / 100


@pytest.fixture(scope="module")
def own() -> fw.Comparison:
    return fw.read_csv(DATA_DIR / "examples" / "own" / "scores.csv",
                       DATA_DIR / "examples" / "own" / "criteria.csv")  # fmt: skip


@pytest.fixture
def dominated(tmp_path) -> fw.Comparison:
    for name, text in (
        ("criteria.csv", DOMINATED_CRITERIA),
        ("scores.csv", DOMINATED_SCORES),
        ("profiles.csv", DOMINATED_PROFILES),
    ):
        (tmp_path / name).write_text(text, encoding="utf-8")
    return fw.load_comparison(tmp_path)


def test_criteria_by_name_with_direction_scale_and_default_share(comparison, own):
    table = tables.criteria(comparison)
    _assert_readable(table)
    assert list(table.columns) == ["Group", "Direction", "Scale", "Default weight"]
    assert list(table.index) == list(comparison.criteria["name"])
    assert table.at["Learning curve", "Direction"] == "lower is better"
    assert table.at["Maturity", "Direction"] == "higher is better"
    assert set(table["Scale"]) == {"1–5"}
    mine = tables.criteria(own)
    _assert_readable(mine)
    # import time has no declared scale: it is scaled over the scores
    assert mine.at["Median import time (ms)", "Scale"] == "the scores' range"
    assert set(mine["Default weight"]) == {"16.7%"}


def test_answers_agree_with_profile_table(comparison):
    table = tables.answers(comparison, "topsis")
    _assert_readable(table)
    numbers = fw.profile_table(comparison, "topsis")
    assert list(table.index) == list(numbers["label"])
    assert list(table["Choice"]) == list(numbers["winner"])
    assert list(table["Runner-up"]) == list(numbers["runner_up"])
    assert [float(x) for x in table["Lead (TOPSIS score)"]] == pytest.approx(
        numbers["margin"].tolist(), abs=5e-4
    )
    rec = fw.recommend(comparison, "large-project", "topsis")
    assert table.at["Large project", "Mainly on"] == ", ".join(rec.deciding["name"].head(3))


def test_answers_without_presets_is_empty_with_its_columns(own):
    table = tables.answers(own)
    assert table.empty and list(table.columns) == ["Choice", "Runner-up", "Lead (WSM score)",
                                                   "Mainly on"]  # fmt: skip


def test_stability_reads_like_the_sensitivity_result(comparison):
    result = fw.sensitivity(comparison, "learning")
    table = tables.stability(result)
    _assert_readable(table)
    assert list(table.columns) == ["Weight now", "Keeps Flask first",
                                   "Smallest change that flips it", "Then wins"]  # fmt: skip
    iv = result.intervals.sort_values("change_needed", kind="stable")
    assert list(table.index) == list(iv["name"])
    flips = np.isfinite(iv["change_needed"]).to_numpy()
    assert (table["Smallest change that flips it"][~flips] == tables.NO_SINGLE_CHANGE).all()
    assert (table["Then wins"][~flips] == tables.NOTHING).all()
    assert (table["Keeps Flask first"][~flips] == "any weight").all()
    assert list(table["Then wins"][flips]) == list(iv["flips_to"][flips])
    # the most fragile: scaffolding, 1.7% now, Django wins from about 12.9%
    top = table.iloc[0]
    assert top.name == "Scaffolding"
    assert top["Weight now"] == "1.7%"
    assert top["Keeps Flask first"] == "0.0% – 12.9%"
    assert top["Smallest change that flips it"] == "raise by 11.3 points"
    # the same direction as the sentences
    sentence = fw.change_sentence(result)[0]
    assert sentence.startswith("Django would win if Scaffolding weighed") and "or more" in sentence


def test_stability_says_lower_when_lowering_a_weight_flips_it(own):
    weights = fw.ahp_weights(fw.read_pairwise(DATA_DIR / "examples" / "own" / "pairwise.csv"))
    result = fw.sensitivity(own, weights.weights.to_dict())
    table = tables.stability(result)
    _assert_readable(table)
    speed = table.loc["Speed on large data"]
    assert speed["Smallest change that flips it"].startswith("lower by ")
    assert speed["Then wins"] == "DuckDB"
    sentences = fw.change_sentence(result, top=len(table))
    assert any("Speed on large data" in s and "or less" in s for s in sentences)


def test_fragility_reads_like_fragility_table(comparison):
    table = tables.fragility(comparison)
    _assert_readable(table)
    numbers = fw.fragility_table(comparison)
    assert list(table.index) == list(numbers["label"])
    assert list(table["Most fragile on"]) == list(numbers["name"])
    assert list(table["Then wins"]) == list(numbers["flips_to"])
    for (_, row), (_, n) in zip(table.iterrows(), numbers.iterrows(), strict=True):
        assert _percent(row["Weight now"]) == pytest.approx(n["weight"], abs=5e-4)
        assert _percent(row["Flips at"]) == pytest.approx(n["flips_at"], abs=1e-3)
        word = "raise" if n["flips_at"] > n["weight"] else "lower"
        assert row["Change needed"] == f"{word} by {n['change_needed'] * 100:.1f} points"


def test_an_answer_no_single_change_flips_reads_in_words(dominated):
    assert math.isinf(fw.fragility_table(dominated)["change_needed"].iloc[0])
    table = tables.fragility(dominated)
    _assert_readable(table)
    row = table.loc["Speed first"]
    assert row["Choice"] == "A" and row["Change needed"] == tables.NO_SINGLE_CHANGE
    assert (row.drop(["Choice", "Change needed"]) == tables.NOTHING).all()
    stable = tables.stability(fw.sensitivity(dominated, "fast"))
    _assert_readable(stable)
    assert set(stable["Smallest change that flips it"]) == {tables.NO_SINGLE_CHANGE}


def test_acceptability_as_percentages_with_ordinal_ranks(comparison):
    result = fw.rank_acceptability(comparison, "learning", samples=2_000, seed=1,
                                   weight_sampling="around", concentration=100)  # fmt: skip
    table = tables.acceptability(result)
    _assert_readable(table)
    assert list(table.columns) == ["1st", "2nd"]
    assert list(table.index) == ["Flask", "Django"]  # most often first at the top
    for alt in table.index:
        for col, rank in zip(table.columns, result.acceptability.columns, strict=True):
            assert _percent(table.at[alt, col]) == pytest.approx(
                result.acceptability.at[alt, rank], abs=5.01e-4
            )


def test_ordinals():
    assert [tables._ordinal(n) for n in (1, 2, 3, 4, 11, 12, 13, 21, 22, 101, 111)] == [
        "1st", "2nd", "3rd", "4th", "11th", "12th", "13th", "21st", "22nd", "101st", "111th"]  # fmt: skip


def test_central_weights_by_criterion_largest_gap_first(comparison):
    result = fw.rank_acceptability(comparison, samples=5_000, seed=1)
    table = tables.central_weights(result, comparison)
    _assert_readable(table)
    assert list(table.columns) == ["When Django wins", "When Flask wins", "Weighs more for", "Gap"]
    assert sorted(table.index) == sorted(comparison.criteria["name"])
    gaps = [float(g.split()[0].lstrip("<")) for g in table["Gap"]]
    assert gaps == sorted(gaps, reverse=True)
    cw = result.central_weights
    names = comparison.criterion_names
    top = names[names == table.index[0]].index[0]
    assert table.iloc[0]["Weighs more for"] == cw[top].idxmax()


def test_central_weights_of_an_alternative_that_never_wins(dominated):
    result = fw.rank_acceptability(dominated, samples=500, seed=1)
    assert result.central_weights.loc["B"].isna().all()
    table = tables.central_weights(result, dominated)
    _assert_readable(table)
    assert (table["When B wins"] == tables.NOTHING).all()
    assert (table[["Weighs more for", "Gap"]] == tables.NOTHING).all().all()


def test_pairwise_weights_largest_first_by_name(comparison):
    ahp = fw.ahp_weights(fw.read_pairwise(DATA_DIR / "examples" / "pairwise-newcomer.csv"))
    table = tables.pairwise_weights(ahp, comparison)
    _assert_readable(table)
    assert list(table.columns) == ["Weight"]
    assert table.index[0] == "Learning curve" and table.iloc[0, 0] == "42.3%"
    assert sum(_percent(w) for w in table["Weight"]) == pytest.approx(1, abs=3e-3)
    assert tables.pairwise_weights(ahp).index[0] == "learning_curve"  # ids without names


def test_group_table(comparison):
    team = {"learner": "learning", "architect": "large-project", "operator": "high-traffic"}
    result = fw.group_decision(comparison, team)
    table = tables.group(result)
    _assert_readable(table)
    assert list(table.index) == ["learner", "architect", "operator", "the group (geometric mean)"]
    assert list(table.columns) == ["Would choose", "Lead", "Django score", "Flask score"]
    assert list(table["Would choose"]) == ["Flask", "Django", "Django", "Django"]
    rec = result.recommendations
    assert [float(x) for x in table["Flask score"]] == pytest.approx(
        rec["score: Flask"].tolist(), abs=5e-4
    )


def test_group_tie_is_named():
    tie = fw.Comparison.from_frames(
        pd.DataFrame({"alternative": ["A", "B"], "x": [1.0, 2.0], "y": [2.0, 1.0]}),
        pd.DataFrame({"id": ["x", "y"]}),
    )
    table = tables.group(fw.group_decision(tie, {"ann": {"x": 1, "y": 1}, "bob": {"x": 1, "y": 1}}))
    _assert_readable(table)
    assert table.at["ann", "Would choose"] == "tie: A and B"


def test_measure_writes_values_out():
    threaded = pd.DataFrame(
        {"django.runserver": [1.0, np.nan], "flask.app.run": [np.nan, 1.0],
         "werkzeug.run_simple": [np.nan, 0.0]},
        index=pd.Index(["django", "flask"], name="framework"),
    )  # fmt: skip
    threaded.attrs["unit"] = "bool"
    table = tables.measure(threaded)
    _assert_readable(table)
    assert table.loc["flask"].tolist() == ["–", "yes", "no"]
    assert table.index.name == "Framework" and table.columns.name is None

    lines = pd.DataFrame({"hello": [5.0, 11.0], "project-hello": [np.nan, 105.0]},
                         index=pd.Index(["flask", "django"], name="framework"))  # fmt: skip
    lines.attrs["unit"] = "lines"
    table = tables.measure(lines)
    _assert_readable(table)
    assert table.loc["flask"].tolist() == ["5", "–"] and table.columns.name == "lines"

    size = pd.DataFrame({"value": [0.46, 12.345, 123.4]}, index=["a", "b", "c"])
    size.attrs["unit"] = "MB"
    table = tables.measure(size)
    assert list(table.columns) == ["MB"] and table["MB"].tolist() == ["0.46", "12.3", "123"]


def test_measure_on_the_committed_measurements():
    from fwcompare_nb.io.measurements import measure_table, read_measurements

    m = read_measurements()
    for name in sorted(m["measure"].unique()):
        _assert_readable(tables.measure(measure_table(m, name)))
