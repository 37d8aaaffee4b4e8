"""``--score`` and ``--require`` on every command that reads data (issue 15)."""

from __future__ import annotations

import json

import pytest

import fwcompare_nb as fw
from fwcompare_nb.cli.main import main

PWF = ["--data", str(fw.config.DATA_DIR / "python-web-frameworks")]


def test_recommend_with_own_scores_and_must_haves(capsys):
    argv = ["recommend", *PWF, "--profile", "async-realtime", "--require", "async_support>=3",
            "--score", "Flask:async_support=3", "--format", "json"]  # fmt: skip
    assert main(argv) == 0
    out = json.loads(capsys.readouterr().out)
    assert [r["alternative"] for r in out["ranking"]] == [
        "FastAPI", "Falcon", "Tornado", "Django", "Flask"
    ]  # fmt: skip
    assert out["own_scores"][0] | {"reason": None} == {
        "alternative": "Flask", "criterion": "async_support", "score": 3.0, "bundled": 2.0,
        "reason": None,
    }  # fmt: skip
    assert out["requirements"] == [{"criterion": "async_support", "op": ">=", "bound": 3.0}]
    assert [r["alternative"] for r in out["ruled_out"]] == ["Pyramid", "Bottle"]
    # The same answer as the API's.
    comp = (
        fw.load_comparison(fw.config.DATA_DIR / "python-web-frameworks")
        .with_requirements(["async_support>=3"])
        .with_scores({("Flask", "async_support"): 3})
    )
    assert out["winner"] == fw.recommend(comp, "async-realtime").winner


def test_table_headline_says_what_rests_on_the_user(capsys):
    argv = ["recommend", *PWF, "--profile", "learning", "--require", "async_support>=4"]
    assert main(argv) == 0
    last = capsys.readouterr().out.strip().splitlines()[-1]
    assert last.endswith("Ruled out: Django (Async and real-time 3 < 4), Flask (Async and "
                         "real-time 2 < 4), Pyramid (Async and real-time 1 < 4), Bottle "
                         "(Async and real-time 1 < 4).")  # fmt: skip


@pytest.mark.parametrize("command", ["sensitivity", "robustness"])
def test_analyses_work_on_those_that_pass(command, capsys):
    argv = [command, *PWF, "--require", "async_support>=4", "--format", "json"]
    if command == "robustness":
        argv += ["--samples", "300"]
    assert main(argv) == 0
    text = capsys.readouterr().out
    assert "Django" not in text and "FastAPI" in text


@pytest.mark.parametrize(
    ("extra", "fragment"),
    [
        (["--score", "Flask:async_support=9"], "off the criterion's scale"),
        (["--score", "Flask=3"], "malformed score"),
        (["--require", "learning_curve>=2"], "must-have is a maximum"),
        (["--require", "async_support>=5", "--require", "learning_curve<=1"],
         "all 7 alternatives are ruled out"),
    ],
)  # fmt: skip
def test_bad_judgement_gives_one_line_and_exit_2(extra, fragment, capsys):
    assert main(["recommend", *PWF, *extra]) == 2
    err = capsys.readouterr().err
    assert err.startswith("error: ") and err.count("\n") == 1 and fragment in err, err
