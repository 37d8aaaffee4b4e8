"""Saved profiles carry your own scores and must-haves (schema version 2; version 1 still loads)."""

from __future__ import annotations

import json

import pandas as pd
import pytest

import fwcompare_nb as fw
from fwcompare_nb.app.explorer import Explorer
from fwcompare_nb.cli.main import main
from fwcompare_nb.io.profiles import ProfileStore, judged, profile_json, read_profile


@pytest.fixture
def pwf():
    return fw.load_comparison(fw.config.DATA_DIR / "python-web-frameworks")


def _mine(pwf):
    return pwf.with_scores({("Flask", "async_support"): (3, "Flask-Sock")}).with_requirements(
        ["async_support>=3", "learning_curve<=3"]
    )


def test_save_and_load_round_trip(tmp_path, pwf):
    mine = _mine(pwf)
    store = ProfileStore(tmp_path)
    store.save("team", {"async_support": 2}, comparison=pwf.name,
               own_scores=mine.overrides, requirements=mine.requirements)  # fmt: skip
    saved = store.load("team")
    assert saved.own_scores == (
        {
            "alternative": "Flask",
            "criterion": "async_support",
            "score": 3.0,
            "reason": "Flask-Sock",
        },
    )
    assert saved.requirements == (
        {"criterion": "async_support", "op": ">=", "bound": 3.0},
        {"criterion": "learning_curve", "op": "<=", "bound": 3.0},
    )
    again = judged(saved, pwf)
    pd.testing.assert_frame_equal(again.overrides, mine.overrides)
    assert again.requirements == mine.requirements
    assert again.alternatives == mine.alternatives


def test_version_1_files_still_load(tmp_path, pwf):
    raw = json.loads(profile_json("old", {"async_support": 1}))
    raw["schema_version"] = 1
    del raw["own_scores"], raw["requirements"]
    path = tmp_path / "old.json"
    path.write_text(json.dumps(raw))
    saved = read_profile(path)
    assert saved.own_scores == () and saved.requirements == ()
    assert judged(saved, _mine(pwf)).overrides.empty  # a profile is the whole state


@pytest.mark.parametrize(
    ("key", "value", "fragment"),
    [
        ("own_scores", {"x": 1}, "'own_scores' is not a list"),
        ("own_scores", [{"alternative": "Flask"}], "each entry needs"),
        ("own_scores", [{"alternative": "Flask", "criterion": "a", "score": "3", "reason": ""}],
         "'score' is not a finite number"),
        ("requirements", [{"criterion": "a", "op": ">=", "bound": True}],
         "'bound' is not a finite number"),
    ],
)  # fmt: skip
def test_bad_entries_name_the_file_and_field(tmp_path, key, value, fragment):
    raw = json.loads(profile_json("bad", {"async_support": 1}))
    raw[key] = value
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(raw))
    with pytest.raises(fw.DataError, match=fragment) as info:
        read_profile(path)
    assert "bad.json" in str(info.value)


def test_entries_the_comparison_refuses_name_the_file(tmp_path, pwf):
    raw = json.loads(profile_json("other", {"async_support": 1}))
    raw["own_scores"] = [{"alternative": "Rails", "criterion": "async_support", "score": 3,
                          "reason": ""}]  # fmt: skip
    path = tmp_path / "other.json"
    path.write_text(json.dumps(raw))
    with pytest.raises(fw.DataError, match="unknown alternative") as info:
        judged(read_profile(path), pwf)
    assert "other.json" in str(info.value)


def test_explorer_saves_and_loads_the_judgement(tmp_path, pwf):
    ex = Explorer(pwf, profile="async-realtime", store=ProfileStore(tmp_path))
    ex.set_comparison(_mine(pwf))
    ex.save_name.value = "ops"
    ex.save_button.click()
    ex.set_comparison(pwf)  # back to the data as given
    assert ex.comparison.overrides.empty
    ex.saved.value = "ops"
    ex.load_button.click()
    assert ex.comparison.requirements == _mine(pwf).requirements
    assert ex.comparison.score("Flask", "async_support") == 3
    assert "With 1 of your own score." in ex.headline.value


def test_cli_weights_file_brings_the_judgement(tmp_path, pwf, capsys):
    mine = _mine(pwf)
    path = tmp_path / "team.json"
    path.write_bytes(profile_json("team", {"async_support": 1}, comparison=pwf.name,
                                  own_scores=mine.overrides, requirements=mine.requirements))  # fmt: skip
    argv = ["recommend", "--data", str(fw.config.DATA_DIR / "python-web-frameworks"),
            "--weights-file", str(path), "--format", "json"]  # fmt: skip
    assert main(argv) == 0
    out = json.loads(capsys.readouterr().out)
    assert list(dict.fromkeys(r["alternative"] for r in out["ruled_out"])) == sorted(
        set(pwf.alternatives) - set(mine.alternatives), key=pwf.alternatives.index
    )
    assert out["own_scores"][0]["reason"] == "Flask-Sock"
