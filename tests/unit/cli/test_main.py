"""The command line, in process (fast) and as a real subprocess (exit codes, stderr)."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from fwcompare_nb import config
from fwcompare_nb.cli.main import main
from tests.conftest import CRITERIA_CSV, ROOT, SCORES_CSV
from tests.unit.core.test_scoring import EXPECTED
from tests.unit.io.test_loading import BAD_INPUT


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "fwcompare_nb", *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=60,
    )


def test_recommend_json_schema(capsys):
    assert main(["recommend", "--profile", "learning", "--format", "json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["method"] == "wsm"
    assert set(out["weights"]) == set(fw_ids())
    assert sum(out["weights"].values()) == pytest.approx(1.0)
    assert [r["alternative"] for r in out["ranking"]] == ["Flask", "Django"]
    assert [r["rank"] for r in out["ranking"]] == [1, 2]
    assert set(out["ranking"][0]) == {"alternative", "score", "rank"}


def fw_ids():
    import fwcompare_nb as fw

    return fw.load_comparison().criterion_ids


@pytest.mark.parametrize("method", ["wsm", "wpm", "topsis"])
@pytest.mark.parametrize(("profile", "winner"), EXPECTED.items())
def test_recommend_presets(capsys, profile, winner, method):
    assert main(["recommend", "--profile", profile, "--method", method, "--format", "csv"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == "alternative,score,rank"
    assert lines[1].startswith(f"{winner},") and lines[1].endswith(",1")


def test_recommend_table_and_weights(capsys):
    assert main(["recommend", "--weights", "admin_interface=3, flexibility=1"]) == 0
    out = capsys.readouterr().out
    assert "Django comes first" in out and "custom" in out


def test_recommend_plain_csv_import(write_pair, capsys):
    scores, criteria = write_pair()
    assert (
        main(
            ["recommend", "--matrix", str(scores), "--criteria", str(criteria), "--format", "json"]
        )
        == 0
    )
    assert json.loads(capsys.readouterr().out)["ranking"][0]["alternative"] == "B"


def test_profiles_lists_presets(capsys):
    assert main(["profiles"]) == 0
    out = capsys.readouterr().out
    for profile, winner in EXPECTED.items():
        line = next(row for row in out.splitlines() if row.startswith(profile + " "))
        assert winner in line
    assert main(["profiles", "--format", "json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert {r["profile"]: r["winner_wsm"] for r in rows} == EXPECTED


def test_validate_ok(capsys):
    assert main(["validate", str(config.DEFAULT_COMPARISON_DIR)]) == 0
    assert "OK" in capsys.readouterr().out


def test_validate_reports_every_problem(tmp_path, capsys):
    (tmp_path / "criteria.csv").write_text(
        "id,direction,weight\nspeed,up,1\ncost,cost,-1\ndocs,benefit,1\n"
    )
    (tmp_path / "scores.csv").write_text(SCORES_CSV)
    assert main(["validate", str(tmp_path)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("2 problem(s) found:")
    assert "line 2" in err and "direction must be" in err
    assert "line 3" in err and "weight is negative" in err


def test_validate_reports_problems_in_several_rows_of_scores(tmp_path, capsys):
    (tmp_path / "criteria.csv").write_text("id,min,max\nspeed,1,5\ncost,1,5\ndocs,1,50\n")
    bad = SCORES_CSV.replace("A,5,2,10", "A,9,2,10").replace("C,1,4,15", "C,x,4,15")
    (tmp_path / "scores.csv").write_text(bad)
    assert main(["validate", str(tmp_path / "scores.csv")]) == 2
    err = capsys.readouterr().err
    assert "line 2" in err and "outside the declared scale" in err
    assert "line 4" in err and "not a number" in err


BAD_CLI = [
    (["recommend", "--profile", "nope"], "unknown profile"),
    (["recommend", "--weights", "admin_interface"], "malformed --weights item"),
    (["recommend", "--weights", "admin_interface=-1"], "weight is negative"),
    (["recommend", "--weights", "admin_interface=0"], "all weights are zero"),
    (["recommend", "--weights", "x=1"], "unknown criterion in weights"),
    (["recommend", "--data", "/no/such/folder"], "comparison folder not found"),
    (["recommend", "--matrix", "/no/such.csv"], "--matrix and --criteria go together"),
    (
        ["recommend", "--matrix", "/no/s.csv", "--criteria", "/no/c.csv"],
        "/no/c.csv: file not found",
    ),
    (["recommend", "--method", "ahp"], "invalid choice"),
]


@pytest.mark.parametrize(("args", "fragment"), BAD_CLI, ids=[" ".join(a) for a, _ in BAD_CLI])
def test_bad_cli_input_in_process(capsys, args, fragment):
    with pytest.raises(SystemExit) if "--method" in args else _nothing():
        status = main(args)
        assert status == 2
    err = capsys.readouterr().err
    assert fragment in err
    assert len(err.strip().splitlines()) == 1
    assert "Traceback" not in err


class _nothing:
    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return False


def test_bad_file_through_real_process(write_pair):
    scores, criteria = write_pair(SCORES_CSV.replace("A,5,2,10", "A,7,2,10"))
    proc = run("recommend", "--matrix", str(scores), "--criteria", str(criteria))
    assert proc.returncode == 2
    assert proc.stdout == ""
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and str(scores) in lines[0] and "outside the declared scale" in lines[0]
    assert "Fix:" in lines[0] and "Traceback" not in proc.stderr


def test_debug_shows_traceback(write_pair):
    scores, criteria = write_pair(b"\x00\x01binary")
    proc = run("--debug", "recommend", "--matrix", str(scores), "--criteria", str(criteria))
    assert proc.returncode != 0 and "Traceback" in proc.stderr and "DataError" in proc.stderr


def test_usage_error_is_one_line_exit_2():
    proc = run("recommend", "--method", "ahp")
    assert proc.returncode == 2
    assert len(proc.stderr.strip().splitlines()) == 1 and "invalid choice" in proc.stderr


def test_real_process_happy_path():
    proc = run("recommend", "--profile", "large-project", "--format", "json")
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)["ranking"][0]["alternative"] == "Django"


@pytest.mark.parametrize(
    ("scores", "criteria", "named", "fragments"),
    [case[1:] for case in BAD_INPUT],
    ids=[case[0] for case in BAD_INPUT],
)
def test_every_bad_input_class_through_the_cli(
    write_pair, capsys, scores, criteria, named, fragments
):
    scores_csv, criteria_csv = write_pair(
        SCORES_CSV if scores is None else scores, CRITERIA_CSV if criteria is None else criteria
    )
    status = main(["recommend", "--matrix", str(scores_csv), "--criteria", str(criteria_csv)])
    captured = capsys.readouterr()
    assert status == 2 and captured.out == ""
    lines = captured.err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: ")
    assert str(scores_csv if named == "scores.csv" else criteria_csv) in lines[0]
    for fragment in fragments:
        assert fragment in lines[0]
    # validate reports the same problem (and exits 2) for the folder
    assert main(["validate", str(scores_csv.parent)]) == 2
    assert fragments[0] in capsys.readouterr().err


def test_core_imports_no_plotting_or_widgets():
    code = (
        "import sys, fwcompare_nb, fwcompare_nb.cli; "
        "bad = [m for m in ('matplotlib', 'ipywidgets', 'ipympl') if m in sys.modules]; "
        "sys.exit(f'core imported {bad}' if bad else 0)"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0, proc.stderr
