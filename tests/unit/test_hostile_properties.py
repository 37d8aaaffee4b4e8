"""The hostile-input contract, checked on generated input (issue 13): hypothesis writes hostile
CSV files, names, ids, weights and profile names, and every entry point must keep its promise.

* the CLI exits 0 or 2; on 2 it writes exactly one line to stderr and no traceback;
* the API raises :class:`DataError` and nothing else;
* what is written is well-formed: JSON without NaN, CSV whose cells run no formula, terminal
  text without control characters, SVG that parses;
* nothing is written outside the folder given; a saved profile always loads back.

The example budget is bounded (``max_examples``) so that the suite stays within seconds in CI.
"""

from __future__ import annotations

import csv
import io
import json
import math
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

import fwcompare_nb as fw
from fwcompare_nb.cli.main import main
from fwcompare_nb.core.errors import DataError
from fwcompare_nb.io.profiles import ProfileStore, read_profile

SETTINGS = settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

# Text a hostile file may hold: control characters, formula starts, markup, quotes, separators,
# words that mean "missing" elsewhere, mathtext, non-Latin scripts.
HOSTILE = st.one_of(
    st.sampled_from(
        [
            "NA",
            "None",
            "null",
            "n/a",
            "=1+1",
            "+cmd",
            "-2",
            "@SUM(A1)",
            "<b>x</b>",
            "a,b",
            'q"q',
            "$x^2$",
            "\x1b[2J",
            "a\nb",
            "a\rb",
            "\t",
            " ",
            "",
            "..",
            "../x",
            "日本語",
            "x" * 300,
            "\u2028",
            "%s",
            "{0}",
        ]
    ),  # fmt: skip
    st.text(min_size=0, max_size=12),
)
NUMBER = st.one_of(
    st.sampled_from(["1e308", "-1e308", "1e154", "1e-308", "0", "-0", "1_000", "0x10"]),
    st.floats(allow_nan=True, allow_infinity=True).map(repr),
    st.integers(-10, 10).map(str),
    HOSTILE,
)


def _write_csv(path: Path, rows: list[list[str]]) -> None:
    with open(path, "w", newline="", encoding="utf-8") as f:
        csv.writer(f).writerows(rows)


@st.composite
def comparisons(draw):
    """A scores CSV and a criteria CSV, sometimes valid, mostly not."""
    n_crit = draw(st.integers(1, 4))
    ids = draw(st.lists(HOSTILE, min_size=n_crit, max_size=n_crit))
    crit_rows = [["id", "name", "direction", "weight"]]
    for cid in ids:
        crit_rows.append([cid, draw(HOSTILE), draw(st.sampled_from(["benefit", "cost", "x"])),
                          draw(st.one_of(st.just("1"), NUMBER))])  # fmt: skip
    n_alt = draw(st.integers(1, 4))
    score_rows = [["alternative", *ids]]
    for _ in range(n_alt):
        score_rows.append(
            [draw(HOSTILE)] + [draw(st.one_of(st.integers(1, 5).map(str), NUMBER)) for _ in ids]
        )
    return score_rows, crit_rows


def _one_line_error(err: str) -> None:
    assert err.endswith("\n") and err.count("\n") == 1, err
    assert "Traceback" not in err and err.startswith("error: "), err


@SETTINGS
@given(data=comparisons(), fmt=st.sampled_from(["table", "json", "csv"]))
def test_cli_recommend_keeps_its_contract(tmp_path_factory, capsys, data, fmt):
    folder = tmp_path_factory.mktemp("cmp")
    _write_csv(folder / "scores.csv", data[0])
    _write_csv(folder / "criteria.csv", data[1])
    capsys.readouterr()
    code = main(["recommend", "--matrix", str(folder / "scores.csv"),
                 "--criteria", str(folder / "criteria.csv"), "--format", fmt])  # fmt: skip
    out, err = capsys.readouterr()
    assert code in (0, 2)
    if code == 2:
        _one_line_error(err)
        return
    assert err == ""
    if fmt == "json":

        def refuse(token):
            raise AssertionError(f"JSON holds {token}")

        payload = json.loads(out, parse_constant=refuse)
        assert all(math.isfinite(r["score"]) for r in payload["ranking"])
    elif fmt == "csv":
        rows = list(csv.reader(io.StringIO(out)))
        assert rows[0] == ["alternative", "score", "rank"]
        for row in rows[1:]:
            assert not row[0].startswith(("=", "+", "-", "@", "\t", "\r")), row
    else:
        assert not any(ord(c) < 32 and c != "\n" or 0x7F <= ord(c) < 0xA0 for c in out), out


@SETTINGS
@given(data=comparisons())
def test_api_raises_data_error_only(tmp_path_factory, data):
    folder = tmp_path_factory.mktemp("api")
    _write_csv(folder / "scores.csv", data[0])
    _write_csv(folder / "criteria.csv", data[1])
    try:
        comp = fw.read_csv(folder / "scores.csv", folder / "criteria.csv")
    except DataError:
        return
    for method in fw.METHODS:
        try:
            ranking = fw.rank(comp, None, method)
        except DataError:
            continue
        assert ranking["score"].map(math.isfinite).all(), ranking
    assert sorted(p.name for p in folder.iterdir()) == ["criteria.csv", "scores.csv"]


@SETTINGS
@given(
    weights=st.dictionaries(
        st.sampled_from(["learning_curve", "admin_interface", "flexibility", "nope", ""]),
        st.one_of(st.floats(allow_nan=True, allow_infinity=True), st.integers(-5, 10), HOSTILE),
        max_size=4,
    )
)
def test_weights_are_normalised_or_refused(comparison, weights):
    try:
        w = fw.resolve_weights(comparison, weights)
    except DataError:
        return
    assert w.map(math.isfinite).all() and (w >= 0).all()
    assert math.isclose(float(w.sum()), 1.0, rel_tol=1e-9)


@SETTINGS
@given(name=HOSTILE, weight=st.floats(min_value=0, max_value=1e6))
def test_a_saved_profile_always_loads_back(tmp_path_factory, name, weight):
    root = tmp_path_factory.mktemp("store")
    store = ProfileStore(root / "profiles")
    weights = {"learning_curve": weight, "admin_interface": 1.0}
    try:
        path = store.save(name, weights, comparison="django-vs-flask")
    except DataError:
        assert not (root / "profiles").exists() or not any((root / "profiles").iterdir())
        return
    assert path.parent == root / "profiles"  # never outside the folder
    assert [p for p in root.rglob("*") if p.is_file()] == [path]
    saved = read_profile(path)
    assert saved.name == name.strip()
    assert saved.weights.to_dict() == weights
    assert store.load(name).weights.to_dict() == weights


@settings(max_examples=8, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])  # fmt: skip
@given(names=st.lists(HOSTILE, min_size=2, max_size=3, unique=True))
def test_svg_charts_parse_whatever_the_names(tmp_path_factory, names):
    names = [n.strip() for n in names]
    assume(all(names) and len(set(names)) == len(names))
    folder = tmp_path_factory.mktemp("svg")
    _write_csv(folder / "criteria.csv", [["id", "name"], ["q", names[0]], ["r", "R"]])
    _write_csv(folder / "scores.csv",
               [["alternative", "q", "r"]] + [[n, str(i + 1), "2"] for i, n in enumerate(names)])  # fmt: skip
    try:
        comp = fw.read_csv(folder / "scores.csv", folder / "criteria.csv")
    except DataError:
        return
    from fwcompare_nb.reporting.export import export_charts

    for path in export_charts(comp, folder / "out", fmt="svg", samples=100):
        ET.parse(path)
        assert path.parent == folder / "out"


@pytest.mark.parametrize("bad", ["..", "../x", "x/../../y", "/etc/passwd", "a\x00b"])
def test_profile_names_cannot_walk_out(tmp_path, bad):
    store = ProfileStore(tmp_path / "profiles")
    with pytest.raises(DataError):
        store.save(bad, {"learning_curve": 1.0})
    assert not list(tmp_path.rglob("*.json"))


EXTREME = st.sampled_from([1e308, -1e308, 1.7e308, 1e154, -1e154, 1e-308, 5e-324, 0.0, 1.0, 5.0])


@SETTINGS
@given(
    matrix=st.lists(st.lists(EXTREME, min_size=2, max_size=2), min_size=2, max_size=4),
    method=st.sampled_from(["wsm", "wpm", "topsis"]),
)
def test_scores_at_the_edge_of_float_rank_or_refuse(tmp_path_factory, capsys, matrix, method):
    folder = tmp_path_factory.mktemp("edge")
    _write_csv(folder / "criteria.csv", [["id"], ["q"], ["r"]])
    _write_csv(folder / "scores.csv", [["alternative", "q", "r"]]
               + [[f"A{i}", repr(a), repr(b)] for i, (a, b) in enumerate(matrix)])  # fmt: skip
    capsys.readouterr()
    code = main(["recommend", "--matrix", str(folder / "scores.csv"), "--criteria",
                 str(folder / "criteria.csv"), "--method", method, "--format", "json"])  # fmt: skip
    out, err = capsys.readouterr()
    if code == 2:
        _one_line_error(err)
        return
    assert code == 0
    ranking = json.loads(out, parse_constant=lambda t: pytest.fail(f"JSON holds {t}"))["ranking"]
    scores = {r["alternative"]: r["score"] for r in ranking}
    assert all(math.isfinite(s) for s in scores.values())
    # An alternative at least as good on both criteria is never ranked below another.
    for i, (a, b) in enumerate(matrix):
        for j, (c, d) in enumerate(matrix):
            if a >= c and b >= d and method != "wpm":
                assert scores[f"A{i}"] >= scores[f"A{j}"] - 1e-12, (matrix, scores)
