"""Big comparisons (issue 13, class 6): the report, its charts, SMAA and validation stay bounded.

The figures on 2,000 x 200 come from benchmarks/bench_big.py; these tests pin the behaviour
that makes them so on sizes a unit test can afford.
"""

from __future__ import annotations

import re
import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from matplotlib.colors import to_rgba
from matplotlib.text import Text

from fwcompare_nb.analysis import smaa
from fwcompare_nb.analysis.sensitivity import sensitivity
from fwcompare_nb.analysis.smaa import rank_acceptability
from fwcompare_nb.core.errors import DataError
from fwcompare_nb.core.scoring import recommend
from fwcompare_nb.core.validation import validate_criteria, validate_scores
from fwcompare_nb.io.checking import check_folder
from fwcompare_nb.plots.style import TOP_ALTERNATIVES
from fwcompare_nb.reporting import export, report

sys.path.insert(0, str(Path(__file__).resolve().parents[3]))
from benchmarks.bench_big import write_comparison  # noqa: E402
from benchmarks.bench_scale import random_comparison  # noqa: E402

NAME = re.compile(r"alternative \d{4}")


@pytest.fixture(scope="module")
def big():
    return random_comparison(300, 40)


@pytest.fixture(scope="module")
def big_html(big):
    return report.build_report(big, samples=2_000)


def test_big_report_lists_the_best_and_counts_the_rest(big, big_html):
    ranking = big_html.split('id="ranking-table"')[1].split("</table>")[0]
    assert ranking.count("<tr>") == 1 + report.TOP_RANKING  # header + the best 50
    assert "250 more are not listed" in big_html
    best = list(recommend(big).ranking.index[: report.TOP_RANKING])
    assert [m for m in NAME.findall(ranking)] == best
    table = big_html.split('id="acceptability"')[1].split("</table>")[0]
    assert table.count("<tr>") == 1 + TOP_ALTERNATIVES
    assert "Place 15<" in table and "Place 16<" not in table and "Places 16–300" in table
    assert "285 more are not listed" in big_html
    subtitle = big_html.split('class="subtitle">')[1].split("</p>")[0]
    assert subtitle.endswith("and 285 more") and len(NAME.findall(subtitle)) == TOP_ALTERNATIVES
    sentence = big_html.split('id="smaa-sentence">')[1].split("</p>")[0]
    assert len(NAME.findall(sentence)) <= TOP_ALTERNATIVES and "more" in sentence
    # Before: every alternative in every table and m x m acceptability cells (2 MB at 250 x 3).
    assert len(big_html) < 1_000_000


def test_big_report_acceptability_rows_still_sum_to_one(big):
    rec = recommend(big)
    res = rank_acceptability(big, rec.weights, samples=2_000, seed=0)
    table = report._acceptability(res, rec)
    assert len(table["rows"]) == TOP_ALTERNATIVES and table["more"] == 300 - TOP_ALTERNATIVES
    acc = res.acceptability.reindex(rec.ranking.index)
    for row, alt in zip(table["rows"], acc.index, strict=False):
        assert row["alternative"] == alt
        assert len(row["shares"]) == TOP_ALTERNATIVES + 1  # 15 places and "places 16-300"
        assert acc.loc[alt].iloc[TOP_ALTERNATIVES:].sum() + acc.loc[alt].iloc[
            :TOP_ALTERNATIVES
        ].sum() == pytest.approx(1)


def _seen(fig) -> list[Text]:
    """The texts drawn visibly (not the transparent one that reserves the names' room)."""
    return [t for t in fig.findobj(Text) if t.get_visible() and to_rgba(t.get_color())[3] > 0]


def test_big_charts_show_at_most_the_top_alternatives(big):
    rec = recommend(big)
    sens = sensitivity(big, rec.weights, rec.method)
    res = rank_acceptability(big, rec.weights, samples=2_000, seed=0)
    figures = export.draw_charts(big, rec, sens, res)
    assert set(figures) == set(export.CHARTS)
    for name, fig in figures.items():
        names = {m for t in _seen(fig) for m in NAME.findall(t.get_text())}
        assert len(names) <= TOP_ALTERNATIVES, name
        if name in ("ranking", "contributions", "robustness", "matrix"):
            assert names, name  # it does show the best ones
    texts = " ".join(t.get_text() for t in figures["contributions"].findobj(Text))
    assert re.search(r"other \d+ criteria", texts)
    # the tornado's 8 rows say what they are out of
    assert "the 8 most fragile of 40 criteria" in figures["sensitivity"].axes[0].get_xlabel()


def _old_counts(s: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Rank counts and firsts the way smaa_counts made them before chunking (from _ranks)."""
    m = s.shape[0]
    ranks = smaa._ranks(s)
    counts = np.bincount((ranks + m * np.arange(m)[:, None] - 1).ravel(), minlength=m * m)
    return counts, ranks == 1


@pytest.mark.parametrize("m", [3, 9, 40])
def test_rank_counts_equal_the_rank_path_with_ties(m):
    rng = np.random.default_rng(m)
    s = rng.integers(0, 4, (m, 500)) / 3  # many ties, and values equal only after rounding
    s[: m // 2] += 1e-14
    counts, first = np.zeros(m * m, dtype=np.int64), np.zeros((m, 500), dtype=bool)
    smaa._rank_counts(s, counts, first)
    want_counts, want_first = _old_counts(s)
    np.testing.assert_array_equal(counts, want_counts)
    np.testing.assert_array_equal(first, want_first)


@pytest.mark.parametrize("method", ["wsm", "wpm", "topsis"])
@pytest.mark.parametrize("how", ["around", "uniform"])
def test_smaa_chunked_memory_gives_identical_results(monkeypatch, method, how):
    comp = random_comparison(60, 8)
    args = {"samples": 3_000, "seed": 7, "weight_sampling": how}
    whole = rank_acceptability(comp, None, method, chunk=10**6, **args).to_dict()
    monkeypatch.setattr(smaa, "_RANK_CELLS", 60 * 37)  # 37 samples per step
    for chunk in (1, 50, 10**6):
        assert rank_acceptability(comp, None, method, chunk=chunk, **args).to_dict() == whole


def test_smaa_steps_are_bounded_by_alternatives():
    # 2,000 alternatives: a step ranks at most _RANK_CELLS scores, whatever ``chunk`` says.
    comp = random_comparison(2_000, 5)
    seen = []
    real = smaa._rank_counts

    def spy(s, counts, first):
        seen.append(s.shape)
        real(s, counts, first)

    smaa._rank_counts = spy
    try:
        rank_acceptability(comp, None, samples=3_000, seed=0, chunk=10**6)
    finally:
        smaa._rank_counts = real
    assert seen and all(m * n <= smaa._RANK_CELLS for m, n in seen)


def _criteria(k: int) -> pd.DataFrame:
    frame = pd.DataFrame(
        {"id": [f"c{j}" for j in range(k)], "direction": "benefit", "min": 1, "max": 5, "weight": 1}
    )
    return validate_criteria(frame, source="criteria.csv", where=lambda i: f"line {i + 2}")


def _scores(rows: list[list[object]]) -> pd.DataFrame:
    k = len(rows[0]) - 1
    return pd.DataFrame(rows, columns=["alternative", *[f"c{j}" for j in range(k)]], dtype=object)


def test_validate_scores_reports_the_first_bad_cell_in_column_order():
    frame = _scores([["A", "1", "x", "9"], ["B", "7", "2", "3"], ["C", " 2 ", "NA", "1e0"]])
    with pytest.raises(DataError) as err:
        validate_scores(frame, _criteria(3), source="scores.csv", where=lambda i: f"line {i + 2}")
    # column c0 comes first: B's 7 is off the scale before A's "x" in column c1
    assert err.value.where == "line 3 (alternative 'B'), column 'c0'"
    assert "outside the declared scale" in err.value.problem
    frame.iat[1, 1] = "4"
    with pytest.raises(DataError) as err:
        validate_scores(frame, _criteria(3), source="scores.csv", where=lambda i: f"line {i + 2}")
    assert err.value.where == "line 2 (alternative 'A'), column 'c1'"
    assert err.value.problem == "score is not a number"


@pytest.mark.parametrize(
    ("cell", "problem"),
    [("", "missing score"), ("NA", "missing score"), ("nan", "missing score"),
     ("inf", "score is not finite"), (True, "score is not a number"), ("1,5", "score is not a number")],
)  # fmt: skip
def test_validate_scores_keeps_every_cell_rule(cell, problem):
    frame = _scores([["A", "1", "2"], ["B", cell, "3"]])
    with pytest.raises(DataError) as err:
        validate_scores(frame, _criteria(2), source="s", where=lambda i: f"row {i + 1}")
    assert err.value.problem == problem


def test_validate_scores_accepts_numbers_of_any_kind():
    frame = _scores([["A", np.int64(2), np.float32(2.5)], ["B", 3, " 4.0 "], ["C", 1.0, "5"]])
    out = validate_scores(frame, _criteria(2), source="s", where=lambda i: f"row {i + 1}")
    np.testing.assert_array_equal(out.to_numpy(), [[2, 2.5], [3, 4], [1, 5]])


def test_check_folder_still_finds_every_bad_row(tmp_path):
    write_comparison(tmp_path, 30, 4)
    lines = (tmp_path / "scores.csv").read_text().splitlines()
    for n in (3, 9, 20):  # three bad rows: each found
        cells = lines[n].split(",")
        cells[2] = "oops"
        lines[n] = ",".join(cells)
    (tmp_path / "scores.csv").write_text("\n".join(lines) + "\n")
    found = check_folder(tmp_path)
    assert sorted(p.where.split(" ")[1] for p in found) == ["10", "21", "4"]


@pytest.mark.slow
def test_validate_2000_by_200_is_quick(tmp_path):
    write_comparison(tmp_path, 2_000, 200)
    start = time.perf_counter()
    assert check_folder(tmp_path) == []
    assert time.perf_counter() - start < 5  # was 26-43 s
