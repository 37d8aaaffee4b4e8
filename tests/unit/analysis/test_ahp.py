"""AHP pairwise weights: Saaty's drinks example, the eigenvector kernel, consistency and refusals."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from fwcompare_nb.analysis import ahp
from fwcompare_nb.core.errors import DataError
from fwcompare_nb.core.pairwise import pairwise_frame, pairwise_from_judgements
from fwcompare_nb.io.pairwise import read_pairwise

# Saaty (1990), "How to make a decision: the AHP", EJOR 48:9-26: relative consumption of drinks
# in the US. Published weights to 3 decimals and CR 0.022.
DRINKS = ["coffee", "wine", "tea", "beer", "sodas", "milk", "water"]
DRINKS_ROWS = [
    ["1", "9", "5", "2", "1", "1", "1/2"],
    ["1/9", "1", "1/3", "1/9", "1/9", "1/9", "1/9"],
    ["1/5", "3", "1", "1/3", "1/4", "1/3", "1/9"],
    ["1/2", "9", "3", "1", "1/2", "1", "1/3"],
    ["1", "9", "4", "2", "1", "2", "1/2"],
    ["1", "9", "3", "1", "1/2", "1", "1/3"],
    ["2", "9", "9", "3", "2", "3", "1"],
]
DRINKS_WEIGHTS = {
    "coffee": 0.177, "wine": 0.019, "tea": 0.042, "beer": 0.116,
    "sodas": 0.190, "milk": 0.129, "water": 0.327,
}  # fmt: skip
SCALE = [1 / 9, 1 / 8, 1 / 7, 1 / 6, 1 / 5, 1 / 4, 1 / 3, 1 / 2, 1, 2, 3, 4, 5, 6, 7, 8, 9]


def _csv(ids: list[str], rows: list[list[str]], *, upper_only: bool = False) -> str:
    lines = ["id," + ",".join(ids)]
    for i, (name, row) in enumerate(zip(ids, rows, strict=True)):
        cells = ["" if upper_only and j <= i else c for j, c in enumerate(row)]
        lines.append(",".join([name, *cells]))
    return "\n".join(lines) + "\n"


def _write(tmp_path: Path, text: str, name: str = "pairwise.csv") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def _consistent(v) -> np.ndarray:
    v = np.asarray(v, dtype=float)
    return np.outer(v, 1 / v)


def _frame(a: np.ndarray, ids: list[str] | None = None) -> pd.DataFrame:
    ids = ids or [f"c{k}" for k in range(len(a))]
    return pd.DataFrame(a, index=ids, columns=ids)


# --- Saaty's drinks example -------------------------------------------------------------------


def test_drinks_matches_saatys_published_weights_and_cr():
    frame = pd.DataFrame(DRINKS_ROWS, index=DRINKS, columns=DRINKS)
    result = ahp.ahp_weights(frame, source="drinks")
    assert list(result.weights.index) == DRINKS
    assert result.weights.index.name == "id" and result.weights.name == "weight"
    assert result.weights.sum() == pytest.approx(1, abs=1e-12)
    for name, expected in DRINKS_WEIGHTS.items():
        assert round(result.weights[name], 3) == pytest.approx(expected), name
    assert round(result.consistency_ratio, 3) == pytest.approx(0.022)
    assert result.consistency_index == pytest.approx((result.lambda_max - 7) / 6)
    assert result.consistency_ratio == pytest.approx(result.consistency_index / 1.32)
    assert result.consistent


def test_drinks_full_and_upper_triangle_csv_agree(tmp_path):
    full = read_pairwise(_write(tmp_path, _csv(DRINKS, DRINKS_ROWS), "full.csv"))
    upper_text = _csv(DRINKS, DRINKS_ROWS, upper_only=True).replace("id,", ",", 1)
    upper = read_pairwise(_write(tmp_path, upper_text, "upper.csv"))
    pd.testing.assert_frame_equal(full, upper, rtol=1e-15)
    assert upper.loc["wine", "coffee"] == 1 / 9 and upper.loc["tea", "tea"] == 1.0
    a, b = ahp.ahp_weights(full), ahp.ahp_weights(upper)
    pd.testing.assert_series_equal(a.weights, b.weights, rtol=1e-12)
    assert a.consistency_ratio == pytest.approx(b.consistency_ratio, rel=1e-12)
    assert round(b.weights["water"], 3) == 0.327


def test_csv_tolerates_bom_whitespace_and_blank_lines(tmp_path):
    text = "\ufeff id , a , b \n\n a , 1 ,  1 / 3 \n b ,, 1\n"
    matrix = read_pairwise(_write(tmp_path, text))
    assert matrix.loc["a", "b"] == pytest.approx(1 / 3) and matrix.loc["b", "a"] == 3.0
    assert list(matrix.columns) == ["a", "b"] and matrix.index.name == "id"


# --- the kernel and consistency ---------------------------------------------------------------


@pytest.mark.parametrize("seed", range(5))
def test_consistent_matrix_gives_exact_weights_and_zero_cr(seed):
    rng = np.random.default_rng(seed)
    v = rng.uniform(1, 3, size=rng.integers(3, 10))
    result = ahp.ahp_weights(_frame(_consistent(v)))
    np.testing.assert_allclose(result.weights.to_numpy(), v / v.sum(), rtol=0, atol=1e-12)
    assert result.consistency_ratio == pytest.approx(0, abs=1e-12)
    assert result.lambda_max == pytest.approx(len(v), rel=1e-12)
    assert result.consistent
    np.testing.assert_allclose(result.inconsistent_judgements["error"], 1, atol=1e-12)


@settings(max_examples=60, deadline=None)
@given(
    st.integers(2, 12).flatmap(
        lambda n: st.lists(
            st.sampled_from(SCALE), min_size=n * (n - 1) // 2, max_size=n * (n - 1) // 2
        ).map(lambda up: (n, up))
    )
)  # noqa: E501
def test_eigenvector_agrees_with_numpy_eig(case):
    n, upper = case
    a = np.ones((n, n))
    a[np.triu_indices(n, 1)] = upper
    a.T[np.triu_indices(n, 1)] = 1 / np.asarray(upper)
    w, lam = ahp.principal_eigenvector(a)
    values, vectors = np.linalg.eig(a)
    k = np.argmax(values.real)
    expected = np.abs(vectors[:, k].real)
    np.testing.assert_allclose(w, expected / expected.sum(), rtol=1e-8, atol=1e-10)
    assert lam == pytest.approx(values[k].real, rel=1e-10)
    assert w.sum() == pytest.approx(1, abs=1e-12) and (w > 0).all()
    result = ahp.ahp_weights(_frame(a))  # the documented link: contributions add up to CI
    total = result.inconsistent_judgements["contribution"].sum()
    assert total == pytest.approx(result.consistency_index, rel=1e-6, abs=1e-12)


IDS5 = ["speed", "cost", "docs", "community", "hosting"]
PAIRS5 = [(i, j) for i in range(5) for j in range(i + 1, 5)]


@pytest.mark.parametrize(("i", "j"), PAIRS5)
def test_corrupted_judgement_is_named_first(i, j):
    v = np.array([5.0, 4, 3, 2, 1])
    a = _consistent(v)
    a[i, j] = 1 / 9  # the consistent value is v_i / v_j >= 1: flip it to the other extreme
    a[j, i] = 9
    result = ahp.ahp_weights(_frame(a, IDS5))
    assert result.consistency_ratio > ahp.CR_THRESHOLD
    assert not result.consistent
    top = result.inconsistent_judgements.iloc[0]
    assert (top["row"], top["column"]) == (IDS5[i], IDS5[j])
    assert top["judged"] == pytest.approx(1 / 9) and top["error"] < 1
    table = result.inconsistent_judgements
    assert len(table) == 10 and table["contribution"].is_monotonic_decreasing
    w = result.weights
    np.testing.assert_allclose(
        table["implied"], w[table["row"]].to_numpy() / w[table["column"]].to_numpy()
    )  # noqa: E501
    np.testing.assert_allclose(table["error"], table["judged"] / table["implied"])
    np.testing.assert_allclose(
        table["judged"],
        [
            a[IDS5.index(r), IDS5.index(c)]
            for r, c in zip(table["row"], table["column"], strict=True)
        ],
    )  # noqa: E501
    message = ahp.inconsistency_message(result, top=2)
    assert message.count(" vs ") == 2
    assert f"{IDS5[i]} vs {IDS5[j]} (judged 1/9, the weights imply" in message
    assert "Fix: revise them; CR must be <= 0.1" in message


def test_consistent_message_and_small_matrices():
    assert "consistent enough" in ahp.inconsistency_message(
        ahp.ahp_weights(_frame(_consistent([1, 2, 3])))
    )  # noqa: E501
    two = ahp.ahp_weights({"a": {"b": "1/4"}, "b": {}})
    assert two.weights.to_dict() == pytest.approx({"a": 0.2, "b": 0.8})
    assert two.consistency_ratio == 0.0 and two.consistency_index == 0.0 and two.consistent
    one = ahp.ahp_weights(_frame(np.ones((1, 1)), ["only"]))
    assert one.weights.to_dict() == {"only": 1.0} and one.consistency_ratio == 0.0
    assert one.inconsistent_judgements.empty


def test_to_dict_is_plain_json():
    result = ahp.ahp_weights(pd.DataFrame(DRINKS_ROWS, index=DRINKS, columns=DRINKS))
    data = result.to_dict()
    assert set(data) == {"weights", "consistency_ratio", "consistent", "inconsistent_judgements"}
    assert json.loads(json.dumps(data)) == data
    assert type(data["consistency_ratio"]) is float and type(data["consistent"]) is bool
    assert all(type(w) is float for w in data["weights"].values())
    first = data["inconsistent_judgements"][0]
    assert set(first) == {"row", "column", "judged", "implied", "error", "contribution"}
    assert all(type(first[k]) is float for k in ("judged", "implied", "error", "contribution"))
    assert (first["row"], first["column"]) == ("wine", "water")
    assert len(data["inconsistent_judgements"]) == 21


def test_result_is_immutable():
    result = ahp.ahp_weights(_frame(_consistent([1, 2])))
    with pytest.raises(AttributeError):
        result.consistent = False  # type: ignore[misc]


def test_random_index_table():
    published = [0, 0, 0.58, 0.90, 1.12, 1.24, 1.32, 1.41, 1.45, 1.49, 1.51, 1.48, 1.56, 1.57, 1.59]
    assert ahp.SAATY_RANDOM_INDEX == dict(enumerate(published, start=1))
    assert ahp.CR_THRESHOLD == 0.1


# --- refusals ---------------------------------------------------------------------------------

H3 = "id,a,b,c\n"
# (CSV text, words in the problem, the place named)
BAD_CSV = [
    ('id,a,b\na,1,"3\nb,,1\n', "malformed CSV", "line"),
    (H3 + "a,1,3,5\nb,,1\nc,,,1\n", "row has 3 fields but the header has 4", "line 3, row 'b'"),
    (
        H3 + "a,1,3,5\nb,,1,2\nx,,,1\n",
        "column ids ['c'] are not row ids; row ids ['x']",
        "header vs first column",
    ),  # noqa: E501
    (
        H3 + "a,1,3,5\nc,,1,2\nb,,,1\n",
        "different order: at 2, row 'c', column 'b'",
        "header vs first column",
    ),  # noqa: E501
    ("id,a,a,c\na,1,3,5\nb,,1,2\nc,,,1\n", "duplicate criterion id in the header", "position 2"),
    (H3 + "a,1,3,5\na,,1,2\nc,,,1\n", "duplicate criterion id in the first column", "position 2"),
    ("id,a,,c\na,1,3,5\n,,1,2\nc,,,1\n", "blank criterion id", "position 2"),
    ("id\n", "the matrix is empty", ""),
    ("id,a,b\n", "the matrix is empty", ""),
    (H3 + "a,1,abc,5\nb,,1,2\nc,,,1\n", "not a number (got 'abc')", "row 'a', column 'b'"),
    (H3 + "a,1,3,1/0\nb,,1,2\nc,,,1\n", "division by zero (got '1/0')", "row 'a', column 'c'"),
    (H3 + "a,1,3,5\nb,,1,\nc,,,1\n", "missing judgement above the diagonal", "row 'b', column 'c'"),
    (H3 + "a,1,0,5\nb,,1,2\nc,,,1\n", "zero or negative", "row 'a', column 'b'"),
    (H3 + "a,1,-3,5\nb,,1,2\nc,,,1\n", "zero or negative", "row 'a', column 'b'"),
    (H3 + "a,1,3,1/-5\nb,,1,2\nc,,,1\n", "zero or negative", "row 'a', column 'c'"),
    (H3 + "a,1,10,5\nb,,1,2\nc,,,1\n", "outside 1/9..9 (got '10')", "row 'a', column 'b'"),
    (H3 + "a,1,0.1111,5\nb,,1,2\nc,,,1\n", "outside 1/9..9 (got '0.1111')", "row 'a', column 'b'"),
    (H3 + "a,1,3,5\nb,1/10,1,2\nc,,,1\n", "outside 1/9..9", "row 'b', column 'a'"),
    (H3 + "a,1,3,inf\nb,,1,2\nc,,,1\n", "not a number (got 'inf')", "row 'a', column 'c'"),
    (H3 + "a,1,nan,5\nb,,1,2\nc,,,1\n", "not a number (got 'nan')", "row 'a', column 'b'"),
    (
        H3 + "a,1,3,5\nb,3,1,2\nc,,,1\n",
        "not the reciprocal of row 'a', column 'b' (3)",
        "row 'b', column 'a'",
    ),  # noqa: E501
    (H3 + "a,1,3,5\nb,0.33,1,2\nc,,,1\n", "not the reciprocal", "row 'b', column 'a'"),
    (H3 + "a,2,3,5\nb,,1,2\nc,,,1\n", "diagonal entry is not 1", "row 'a', column 'a'"),
]


@pytest.mark.parametrize(("text", "problem", "where"), BAD_CSV)
def test_bad_csv_is_refused_naming_file_cell_and_fix(tmp_path, text, problem, where):
    path = _write(tmp_path, text)
    with pytest.raises(DataError) as info:
        read_pairwise(path)
    message = str(info.value)
    assert message.startswith(f"{path}: ")
    assert problem in message
    assert where in message
    assert info.value.fix and ". Fix: " in message


def test_decimal_one_ninth_fix_says_write_it_as_a_fraction(tmp_path):
    path = _write(tmp_path, "id,a,b\na,1,0.111\nb,,1\n")
    with pytest.raises(DataError, match=r"write 0\.111 as 1/9"):
        read_pairwise(path)


def test_three_decimal_reciprocals_are_accepted_and_made_exact(tmp_path):
    text = H3 + "a,1,3,1/7\nb,0.333,1,2\nc,7,0.5,1\n"
    matrix = read_pairwise(_write(tmp_path, text))
    assert matrix.loc["b", "a"] == 1 / 3 and matrix.loc["c", "a"] == 7.0
    assert matrix.loc["a", "c"] == pytest.approx(1 / 7, rel=1e-15)


def test_missing_and_unreadable_files_are_refused(tmp_path):
    with pytest.raises(DataError, match="file not found"):
        read_pairwise(tmp_path / "nope.csv")


@pytest.mark.parametrize(
    ("value", "problem"),
    [
        (np.inf, "not finite"),
        (np.nan, "missing judgement"),
        (True, "not a number"),
        (-1.0, "zero or negative"),
    ],  # noqa: E501
)
def test_bad_in_memory_values_are_refused(value, problem):
    frame = _frame(_consistent([1, 2, 3]), ["a", "b", "c"]).astype(object)
    frame.loc["a", "c"] = value
    with pytest.raises(DataError) as info:
        pairwise_frame(frame, source="my matrix")
    message = str(info.value)
    assert message.startswith("my matrix: row 'a', column 'c': ") and problem in message
    assert ". Fix: " in message


def test_more_than_fifteen_criteria_is_refused():
    ids = [f"k{n}" for n in range(16)]
    with pytest.raises(DataError, match="16 criteria.*up to 15.*Fix: split") as info:
        ahp.ahp_weights(_frame(np.ones((16, 16)), ids), source="big.csv")
    assert str(info.value).startswith("big.csv: criterion ids: ")
    assert ahp.ahp_weights(_frame(np.ones((15, 15)))).consistency_ratio == pytest.approx(0)


def test_pairwise_frame_accepts_a_mapping_of_upper_triangle_rows():
    table = {"a": {"b": 3, "c": "5"}, "b": {"c": " 1/2 "}, "c": {}}
    matrix = pairwise_frame(table)
    expected = np.array([[1, 3, 5], [1 / 3, 1, 0.5], [1 / 5, 2, 1]])
    np.testing.assert_allclose(matrix.to_numpy(), expected, rtol=1e-15)
    assert list(matrix.index) == list(matrix.columns) == ["a", "b", "c"]


# --- judgements from the questions panel and id checks ----------------------------------------


def test_pairwise_from_judgements_builds_the_reciprocal_matrix():
    matrix = pairwise_from_judgements(["a", "b", "c"], {("a", "b"): 3, ("c", "a"): "1/5"})
    expected = np.array([[1, 3, 5], [1 / 3, 1, 1], [1 / 5, 1, 1]])
    np.testing.assert_allclose(matrix.to_numpy(), expected, rtol=1e-15)
    assert list(matrix.index) == ["a", "b", "c"] and matrix.index.name == "id"
    both = pairwise_from_judgements(["a", "b"], {("a", "b"): 4, ("b", "a"): 0.25})
    assert both.loc["b", "a"] == 0.25
    assert pairwise_from_judgements(["a", "b"], {}).to_numpy().tolist() == [[1, 1], [1, 1]]


@pytest.mark.parametrize(
    ("judgements", "problem", "where"),
    [
        ({("a", "zz"): 3}, "unknown criterion ids ['zz']", "row 'a', column 'zz'"),
        ({("a", "a"): 3}, "an id compared with itself", "row 'a', column 'a'"),
        ({("a", "b"): 12}, "outside 1/9..9", "row 'a', column 'b'"),
        ({("a", "b"): 3, ("b", "a"): 3}, "not the reciprocal", "row 'b', column 'a'"),
    ],
)
def test_pairwise_from_judgements_refusals(judgements, problem, where):
    with pytest.raises(DataError) as info:
        pairwise_from_judgements(["a", "b", "c"], judgements, source="questions")
    message = str(info.value)
    assert message.startswith(f"questions: {where}: ") and problem in message
    assert ". Fix: " in message


def test_check_ids_names_unknown_and_missing():
    result = ahp.ahp_weights(_frame(_consistent([1, 2, 3]), ["speed", "cost", "docs"]))
    ahp.check_ids(result, ["docs", "speed", "cost"], source="w.csv")  # any order is fine
    ahp.check_ids(result.matrix, ["docs", "speed", "cost"], source="w.csv")
    with pytest.raises(DataError) as info:
        ahp.check_ids(result, ["speed", "cost", "hosting"], source="w.csv")
    message = str(info.value)
    assert message.startswith("w.csv: criterion ids: ")
    assert "unknown ['docs']" in message and "missing ['hosting']" in message
    assert ". Fix: " in message
