"""Loading and validation: the plain-CSV contract and every class of bad input."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

import fwcompare_nb as fw
from fwcompare_nb import config
from tests.conftest import CRITERIA_CSV, SCORES_CSV


def test_read_csv_plain_contract(write_pair):
    scores_csv, criteria_csv = write_pair()
    comp = fw.read_csv(scores_csv, criteria_csv)
    assert comp.alternatives == ["A", "B", "C"]
    assert comp.criterion_ids == ["speed", "cost", "docs"]
    assert comp.scores.loc["B", "docs"] == 20.0
    crit = comp.criteria
    assert list(crit.columns) == [
        "name",
        "description",
        "group",
        "direction",
        "min",
        "max",
        "weight",
    ]
    assert crit.loc["cost", "direction"] == "cost"
    assert math.isnan(crit.loc["docs", "min"])  # no declared scale
    assert comp.weights.to_dict() == pytest.approx({"speed": 0.5, "cost": 0.25, "docs": 0.25})


def test_defaults_for_optional_criteria_columns(write_pair):
    scores_csv, criteria_csv = write_pair(criteria="id\nspeed\ncost\ndocs\n")
    crit = fw.read_csv(scores_csv, criteria_csv).criteria
    assert (crit["direction"] == "benefit").all()
    assert (crit["weight"] == 1.0).all()
    assert list(crit["name"]) == ["speed", "cost", "docs"]


def test_bom_and_crlf_and_blank_lines_are_accepted(write_pair):
    scores = "\ufeff" + SCORES_CSV.replace("\n", "\r\n") + "\r\n\r\n"
    criteria = ("\ufeff" + CRITERIA_CSV).encode("utf-8")
    comp = fw.read_csv(*write_pair(scores, criteria))
    assert comp.alternatives == ["A", "B", "C"]
    assert comp.criterion_ids[0] == "speed"


def test_first_column_may_have_another_name(write_pair):
    comp = fw.read_csv(*write_pair(SCORES_CSV.replace("alternative", "framework")))
    assert comp.alternatives == ["A", "B", "C"]


def test_bundled_comparison_loads_everything(comparison):
    assert comparison.alternatives == ["Django", "Flask"]
    assert len(comparison.criteria) >= 20
    evidence = comparison.evidence
    assert len(evidence) == len(comparison.alternatives) * len(comparison.criteria)
    assert len(comparison.claims) >= 30
    assert set(comparison.profiles.index) >= {
        "learning",
        "large-project",
        "simple-app",
        "changing-requirements",
        "high-traffic",
    }
    # Every score sits inside its evidence range, and every evidence row names a source.
    for row in evidence.itertuples():
        score = comparison.scores.at[row.alternative, row.criterion]
        assert row.score_low <= score <= row.score_high
        assert row.rationale.strip() and row.source.strip()


def test_load_comparison_by_name_and_default():
    assert fw.load_comparison("django-vs-flask").name == config.DEFAULT_COMPARISON
    assert fw.load_comparison(config.DEFAULT_COMPARISON_DIR).alternatives == ["Django", "Flask"]


def test_comparison_is_immutable(comparison):
    scores = comparison.scores
    scores.iloc[0, 0] = -99
    assert comparison.scores.iloc[0, 0] != -99
    with pytest.raises(AttributeError):
        comparison.name = "other"
    x = comparison.arrays[0]
    with pytest.raises(ValueError):
        x[0, 0] = 1.0


def test_with_weights_returns_new_object(comparison):
    other = comparison.with_weights({"admin_interface": 1})
    assert other is not comparison
    assert other.weights["admin_interface"] == 1.0
    assert comparison.weights["admin_interface"] < 1.0
    pd.testing.assert_series_equal(
        other.with_weights("learning").weights, comparison.profile_weights("learning"), rtol=1e-12
    )


def test_from_frames_accepts_index_forms():
    scores = pd.DataFrame(
        {"x": [1.0, 2.0], "y": [3.0, 1.0]}, index=pd.Index(["P", "Q"], name="alternative")
    )
    criteria = pd.DataFrame(
        {"direction": ["benefit", "cost"]}, index=pd.Index(["x", "y"], name="id")
    )
    comp = fw.Comparison.from_frames(scores, criteria)
    assert comp.alternatives == ["P", "Q"]
    assert comp.criteria.loc["y", "direction"] == "cost"


# (case id, scores text/bytes or None for default, criteria text/bytes or None, file named, fragments)
BAD_INPUT = [
    ("missing score", SCORES_CSV.replace("B,3,1,20", "B,3,,20"), None, "scores.csv",
     ["line 3", "'cost'", "missing score", "Fix:"]),
    ("non-numeric score", SCORES_CSV.replace("B,3,1,20", "B,three,1,20"), None, "scores.csv",
     ["line 3", "'speed'", "not a number", "'three'"]),
    ("NaN score", SCORES_CSV.replace("B,3,1,20", "B,NaN,1,20"), None, "scores.csv",
     ["line 3", "missing score"]),
    ("infinite score", SCORES_CSV.replace("B,3,1,20", "B,3,1,inf"), None, "scores.csv",
     ["line 3", "not finite"]),
    ("score outside scale", SCORES_CSV.replace("A,5,2,10", "A,7,2,10"), None, "scores.csv",
     ["line 2", "'speed'", "outside the declared scale 1..5", "7"]),
    ("undeclared column", SCORES_CSV.replace("docs\n", "docs,extra\n").replace("10\n", "10,1\n")
     .replace("20\n", "20,1\n").replace("15\n", "15,1\n"), None, "scores.csv",
     ["'extra' is not a declared criterion", "criteria.csv"]),
    ("criterion missing from scores", "alternative,speed,cost\nA,5,2\nB,3,1\n", None, "scores.csv",
     ["'docs' has no scores column"]),
    ("duplicate alternative", SCORES_CSV.replace("C,1,4,15", "A,1,4,15"), None, "scores.csv",
     ["duplicate alternative 'A'", "line 4", "line 2"]),
    ("duplicate criterion", None, CRITERIA_CSV + "speed,Speed again,benefit,1,1,5\n", "criteria.csv",
     ["duplicate criterion id 'speed'", "line 5"]),
    ("duplicate scores column", "alternative,speed,speed,cost,docs\nA,1,1,1,1\n", None, "scores.csv",
     ["duplicate column 'speed'"]),
    ("row too long", SCORES_CSV.replace("B,3,1,20", "B,3,1,20,9"), None, "scores.csv",
     ["line 3", "5 fields but the header has 4"]),
    ("row too short", SCORES_CSV.replace("B,3,1,20", "B,3,1"), None, "scores.csv",
     ["line 3", "3 fields"]),
    ("empty scores file", "", None, "scores.csv", ["file is empty"]),
    ("header only", "alternative,speed,cost,docs\n", None, "scores.csv", ["no data rows"]),
    ("binary file", b"PK\x03\x04\x00\x00binary", None, "scores.csv", ["binary", "export the sheet as CSV"]),
    ("not utf-8", None, "id,name\nspeed,Vitesse \xe9\n".encode("latin-1"), "criteria.csv",
     ["not UTF-8", "line 2"]),
    ("malformed quotes", None, 'id,name\nspeed,"Speed\n', "criteria.csv", ["malformed CSV"]),
    ("missing id column", None, "name,direction\nSpeed,benefit\n", "criteria.csv",
     ["missing required column(s) 'id'"]),
    ("bad direction", None, CRITERIA_CSV.replace("cost,Cost,cost", "cost,Cost,lower"), "criteria.csv",
     ["line 3", "direction must be 'benefit' or 'cost'", "'lower'"]),
    ("negative weight", None, CRITERIA_CSV.replace("benefit,2,1,5", "benefit,-2,1,5"), "criteria.csv",
     ["line 2", "weight is negative", "-2"]),
    ("non-numeric weight", None, CRITERIA_CSV.replace("benefit,2,1,5", "benefit,high,1,5"),
     "criteria.csv", ["line 2", "weight is not a number", "'high'"]),
    ("all-zero weights", None, "id,weight\nspeed,0\ncost,0\ndocs,0\n", "criteria.csv",
     ["all weights are zero"]),
    ("min greater than max", None, CRITERIA_CSV.replace("benefit,2,1,5", "benefit,2,5,1"),
     "criteria.csv", ["line 2", "min must be less than max", "(5.0, 1.0)"]),
    ("one-sided scale", None, CRITERIA_CSV.replace("benefit,2,1,5", "benefit,2,1,"), "criteria.csv",
     ["only one end of the scale"]),
    ("blank alternative name", SCORES_CSV.replace("B,3,1,20", ",3,1,20"), None, "scores.csv",
     ["blank alternative", "line 3"]),
    ("criterion id as first column", "speed,cost,docs\n1,1,1\n", None, "scores.csv",
     ["first column must name the alternatives"]),
]  # fmt: skip


@pytest.mark.parametrize(
    ("scores", "criteria", "named", "fragments"),
    [case[1:] for case in BAD_INPUT],
    ids=[case[0] for case in BAD_INPUT],
)
def test_bad_input_is_refused_clearly(write_pair, scores, criteria, named, fragments):
    scores_csv, criteria_csv = write_pair(
        SCORES_CSV if scores is None else scores, CRITERIA_CSV if criteria is None else criteria
    )
    with pytest.raises(fw.DataError) as info:
        fw.read_csv(scores_csv, criteria_csv)
    message = str(info.value)
    assert isinstance(info.value, ValueError)
    assert message.startswith(str(scores_csv if named == "scores.csv" else criteria_csv))
    for fragment in fragments:
        assert fragment in message, f"{fragment!r} not in {message!r}"
    assert "Fix:" in message


def test_missing_file(tmp_path):
    with pytest.raises(fw.DataError, match=r"nope\.csv: file not found\. Fix:"):
        fw.read_csv(tmp_path / "nope.csv", tmp_path / "nope.csv")


def test_missing_folder(tmp_path):
    with pytest.raises(fw.DataError, match="comparison folder not found"):
        fw.load_comparison(tmp_path / "absent")


@pytest.mark.parametrize(
    ("scores", "criteria", "fragment"),
    [
        (pd.DataFrame({"alternative": ["A", "A"], "x": [1, 2]}), pd.DataFrame({"id": ["x"]}), "duplicate alternative"),
        (pd.DataFrame({"alternative": ["A"], "x": [np.nan]}), pd.DataFrame({"id": ["x"]}), "missing score"),
        (pd.DataFrame({"alternative": ["A"], "x": [1]}), pd.DataFrame({"id": ["x", "x"]}), "duplicate criterion id"),
        (pd.DataFrame({"alternative": ["A"], "x": [1]}), pd.DataFrame({"id": ["x"], "weight": [-1]}), "negative"),
        (pd.DataFrame({"alternative": ["A"], "x": [1], "z": [1]}), pd.DataFrame({"id": ["x"]}), "'z' is not a declared"),
        (pd.DataFrame({"alternative": ["A"], "x": [9]}), pd.DataFrame({"id": ["x"], "min": [1], "max": [5]}), "outside"),
        (pd.DataFrame({"alternative": ["A"], "x": [1]}), pd.DataFrame({"name": ["x"]}), "missing required column 'id'"),
    ],
)  # fmt: skip
def test_from_frames_validates_like_the_csv_loader(scores, criteria, fragment):
    with pytest.raises(fw.DataError, match=fragment) as info:
        fw.Comparison.from_frames(scores, criteria)
    assert "DataFrame" in str(info.value)


def _copy_bundled(tmp_path):
    folder = tmp_path / "cmp"
    folder.mkdir()
    for path in config.DEFAULT_COMPARISON_DIR.glob("*.csv"):
        (folder / path.name).write_bytes(path.read_bytes())
    return folder


def test_supplement_files_are_validated(tmp_path):
    folder = _copy_bundled(tmp_path)
    evidence = (folder / "evidence.csv").read_text(encoding="utf-8")
    (folder / "evidence.csv").write_text(
        evidence.replace("Django,admin_interface,", "Django,admin_ui,", 1)
    )
    with pytest.raises(
        fw.DataError, match=r"evidence\.csv: line \d+, column 'criterion': unknown criterion"
    ):
        fw.load_comparison(folder)


def test_profile_with_negative_weight_is_refused(tmp_path):
    folder = _copy_bundled(tmp_path)
    lines = (folder / "profiles.csv").read_text(encoding="utf-8").splitlines()
    lines[1] = lines[1][: lines[1].rindex(",")] + ",-1"
    (folder / "profiles.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(
        fw.DataError, match=r"profiles\.csv: line 2 \(profile 'learning'\).*negative"
    ):
        fw.load_comparison(folder)


def test_claim_with_unknown_verdict_is_refused(tmp_path):
    folder = _copy_bundled(tmp_path)
    text = (folder / "claims.csv").read_text(encoding="utf-8")
    for verdict in ("supported", "outdated", "contested", "false", "unverified"):
        if f",{verdict}," in text:
            text = text.replace(f",{verdict},", ",maybe,", 1)
            break
    (folder / "claims.csv").write_text(text, encoding="utf-8")
    with pytest.raises(fw.DataError, match="unknown verdict.*'maybe'"):
        fw.load_comparison(folder)


# ------------------------------------------------- evidence: the array check and the loop agree
_EV_HEAD = "alternative,criterion,score_low,score_high,rationale,source\n"
_EV_CASES = {
    "good": "Django,learning_curve,3,4,r,s\nFlask,learning_curve,2,2,r,s\n",
    "unknown alternative": "Bottle,learning_curve,3,4,r,s\n",
    "unknown criterion": "Django,speed,3,4,r,s\n",
    "duplicate": "Django,learning_curve,3,4,r,s\nDjango,learning_curve,3,4,r,s\n",
    "blank": "Django,learning_curve,,4,r,s\n",
    "not a number": "Django,learning_curve,x,4,r,s\n",
    "infinite": "Django,learning_curve,3,inf,r,s\n",
    "underscore": "Django,learning_curve,3,4_0,r,s\n",
    "outside the score": "Django,learning_curve,1,2,r,s\n",
    "off the scale": "Django,learning_curve,3,9,r,s\n",
}


@pytest.mark.parametrize("case", list(_EV_CASES))
def test_evidence_checked_at_once_says_what_the_row_loop_says(tmp_path, monkeypatch, case):
    # The array check (400,000 rows in 1 s) must accept exactly what the loop accepts.
    import fwcompare_nb.io.loading as loading

    src = fw.config.DATA_DIR / "django-vs-flask"
    for name in ("scores.csv", "criteria.csv"):
        (tmp_path / name).write_text((src / name).read_text())
    scores = fw.load_comparison(src).scores
    text = _EV_CASES[case].replace("Django,learning_curve,3,", "Django,learning_curve,{lo},")
    lo = scores.at["Django", "learning_curve"]
    (tmp_path / "evidence.csv").write_text(_EV_HEAD + text.format(lo=f"{lo:g}"))

    def outcome():
        try:
            return fw.load_comparison(tmp_path).evidence
        except fw.DataError as exc:
            return str(exc)

    quick = outcome()
    monkeypatch.setattr(loading, "_quick_evidence", lambda *a: None)
    looped = outcome()
    if isinstance(quick, str):
        assert quick == looped and case != "good", quick  # "4_0" is 40: off the 1..5 scale
    else:
        assert case == "good", quick
        pd.testing.assert_frame_equal(quick, looped)
