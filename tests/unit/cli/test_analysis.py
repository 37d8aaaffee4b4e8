"""``ahp``, ``sensitivity``, ``robustness`` and ``group`` on the command line: the documented JSON,
readable tables, and one-line refusals with exit status 2."""

from __future__ import annotations

import json

import pytest

import fwcompare_nb as fw
from fwcompare_nb.cli.main import main
from fwcompare_nb.io.profiles import ProfileStore
from tests.conftest import ROOT

from .test_main import run

PAIRWISE = ROOT / "data" / "examples" / "pairwise-newcomer.csv"


def out_json(capsys, *argv: str) -> dict:
    assert main([*argv, "--format", "json"]) == 0
    return json.loads(capsys.readouterr().out)


def test_ahp_json_and_table(capsys):
    out = out_json(capsys, "ahp", str(PAIRWISE))
    assert set(out) >= {"weights", "consistency_ratio", "consistent"}
    assert sum(out["weights"].values()) == pytest.approx(1.0)
    assert out["consistent"] is True and out["consistency_ratio"] < 0.1
    assert max(out["weights"], key=out["weights"].get) == "learning_curve"
    assert main(["ahp", str(PAIRWISE)]) == 0
    text = capsys.readouterr().out
    assert "consistency ratio" in text and "learning_curve" in text


def test_ahp_names_the_worst_judgements_when_inconsistent(tmp_path, capsys):
    path = tmp_path / "bad.csv"
    path.write_text("id,a,b,c\na,1,9,1/9\nb,,1,9\nc,,,1\n", encoding="utf-8")
    out = out_json(capsys, "ahp", str(path))
    assert out["consistent"] is False and out["consistency_ratio"] > 0.1
    assert main(["ahp", str(path)]) == 0
    text = capsys.readouterr().out
    assert "NOT consistent" in text and " vs " in text


def test_ahp_refusals_are_one_line(tmp_path):
    path = tmp_path / "p.csv"
    path.write_text("id,a,b\na,1,12\nb,,1\n", encoding="utf-8")
    done = run("ahp", str(path))
    assert done.returncode == 2
    assert done.stderr.count("\n") == 1 and "p.csv" in done.stderr and "Fix:" in done.stderr
    missing = run("ahp", str(tmp_path / "nope.csv"))
    assert missing.returncode == 2 and "nope.csv" in missing.stderr


def test_sensitivity_json_matches_the_core(capsys, comparison):
    out = out_json(capsys, "sensitivity", "--profile", "learning")
    core = fw.sensitivity(comparison, "learning").to_dict()
    assert out["winner"] == core["winner"] == "Flask"
    assert out["criteria"] == core["criteria"]
    first = out["criteria"][0]
    assert set(first) >= {"criterion", "weight", "stable_from", "stable_to", "flips_to"}
    assert main(["sensitivity", "--profile", "learning", "--method", "topsis"]) == 0
    text = capsys.readouterr().out
    assert "would win if" in text


def test_robustness_is_reproducible_and_matches_the_core(capsys, comparison):
    argv = ["robustness", "--profile", "learning", "--samples", "5000", "--seed", "3",
            "--weight-sampling", "around", "--concentration", "50"]  # fmt: skip
    a, b = out_json(capsys, *argv), out_json(capsys, *argv)
    assert a == b
    core = fw.rank_acceptability(comparison, "learning", samples=5000, seed=3,
                                 weight_sampling="around", concentration=50).to_dict()  # fmt: skip
    assert a["acceptability"] == core["acceptability"]
    assert set(a) >= {"acceptability", "confidence", "central_weights"}
    assert sum(a["acceptability"]["Flask"].values()) == pytest.approx(1.0)
    assert main(["robustness", "--samples", "2000", "--no-score-ranges"]) == 0
    assert "rank 1" in capsys.readouterr().out


def test_robustness_of_many_alternatives_shows_the_top_of_the_table(tmp_path, capsys):
    # 60 alternatives would print a 60 x 60 table; the default shows the 10 most often first.
    from benchmarks.bench_big import write_comparison

    write_comparison(tmp_path, 60, 4)
    data = ["--data", str(tmp_path), "--samples", "500"]
    assert main(["robustness", *data]) == 0
    out = capsys.readouterr().out.splitlines()
    table = out[3:-2]  # settings, header, index name, rows ..., note, sentence
    assert len(table) == 10 and "rank 10 " in out[1] and "rank 11" not in out[1], out[:3]
    assert "the 10 of 60 alternatives most often first" in out[-2]
    result = fw.rank_acceptability(
        fw.read_csv(tmp_path / "scores.csv", tmp_path / "criteria.csv"), samples=500
    )
    first = result.acceptability.iloc[:, 0]
    shown = [line.rsplit(maxsplit=11)[0] for line in table]  # 10 ranks + confidence
    assert first[shown].tolist() == sorted(first, reverse=True)[:10]
    assert main(["robustness", *data, "--top", "0"]) == 0
    assert len(capsys.readouterr().out.splitlines()) == 60 + 4


@pytest.mark.parametrize(
    "argv",
    [
        ["robustness", "--samples", "0"],
        ["robustness", "--concentration", "-1", "--weight-sampling", "around"],
        ["robustness", "--weights", "speed=1"],
        ["robustness", "--top", "-1"],
        ["sensitivity", "--profile", "nope"],
        ["group", "preset:learning"],
        ["group", "preset:learning", "preset:nope"],
    ],
)
def test_decision_refusals_exit_2_with_one_line(argv, capsys):
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert err.startswith("error: ") and err.count("\n") == 1, err


def test_group_from_presets_files_and_saved_profiles(tmp_path, capsys, comparison):
    store = ProfileStore(tmp_path / "store")
    store.save("ops", fw.resolve_weights(comparison, "high-traffic"), comparison=comparison.name)
    other = ProfileStore(tmp_path / "elsewhere")
    path = other.save("architect", fw.resolve_weights(comparison, "large-project"),
                      comparison=comparison.name)  # fmt: skip
    out = out_json(capsys, "group", "--store", str(tmp_path / "store"), "preset:learning",
                   str(path), "ops")  # fmt: skip
    assert set(out["stakeholders"]) == {"learning", "architect", "ops"}
    assert out["winner"] == "Django"
    assert out["stakeholders"]["learning"]["winner"] == "Flask"
    assert out["disagreement"][0]["spread"] >= out["disagreement"][-1]["spread"]
    assert main(["group", "preset:learning", "preset:large-project", "--how", "arithmetic"]) == 0
    text = capsys.readouterr().out
    assert "disagree most" in text and "arithmetic" in text
