"""A preset may carry must-haves: ``profiles.csv``'s optional ``require`` column (issue 15)."""

from __future__ import annotations

import csv
import io
import json
import shutil

import pytest

import fwcompare_nb as fw
from fwcompare_nb.app.explorer import Explorer
from fwcompare_nb.cli.main import main
from fwcompare_nb.io.profiles import ProfileStore

SRC = fw.config.DATA_DIR / "python-web-frameworks"


def _folder(tmp_path, require: str):
    folder = tmp_path / "pwf"
    shutil.copytree(SRC, folder)
    rows = list(csv.DictReader(open(folder / "profiles.csv", newline="", encoding="utf-8")))
    for r in rows:
        r["require"] = require if r["profile"] == "async-realtime" else ""
    out = io.StringIO()
    w = csv.DictWriter(out, fieldnames=list(rows[0]), lineterminator="\n")
    w.writeheader()
    w.writerows(rows)
    (folder / "profiles.csv").write_text(out.getvalue(), encoding="utf-8")
    return folder


def test_a_preset_carries_its_must_haves(tmp_path):
    comp = fw.load_comparison(_folder(tmp_path, " async_support >= 3 ; learning_curve<=4"))
    assert [r.spec() for r in comp.preset_requirements("async-realtime")] == [
        "async_support>=3", "learning_curve<=4"
    ]  # fmt: skip
    assert comp.preset_requirements("learning") == ()
    # Scoring with the preset's weights alone does not screen: with_requirements does.
    assert fw.recommend(comp, "async-realtime").ruled_out == ""


def test_the_explorer_and_the_cli_apply_them_with_the_preset(tmp_path, capsys):
    folder = _folder(tmp_path, "async_support>=3")
    comp = fw.load_comparison(folder)
    ex = Explorer(comp, profile="learning", store=ProfileStore(tmp_path / "p"))
    assert ex.comparison.alternatives == comp.alternatives
    ex.profile.value = "async-realtime"
    assert [r.spec() for r in ex.comparison.requirements] == ["async_support>=3"]
    assert "Ruled out: Flask (Async and real-time 2 &lt; 3)" in ex.headline.value
    assert ex.profile.value == "async-realtime"
    ex.profile.value = "learning"  # carries none: the must-haves on screen stay
    assert ex.comparison.requirements
    argv = ["recommend", "--data", str(folder), "--profile", "async-realtime", "--format", "json"]
    assert main(argv) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["requirements"] == [{"criterion": "async_support", "op": ">=", "bound": 3.0}]
    assert [r["alternative"] for r in out["ruled_out"]] == ["Flask", "Pyramid", "Bottle"]


@pytest.mark.parametrize(
    ("require", "fragment"),
    [("speed>=3", "unknown criterion"), ("learning_curve>=3", "must-have is a maximum")],
)
def test_a_bad_must_have_names_the_file_and_row(tmp_path, require, fragment):
    with pytest.raises(fw.DataError, match=fragment) as info:
        fw.load_comparison(_folder(tmp_path, require))
    text = str(info.value)
    assert "profiles.csv" in text and "profile 'async-realtime'" in text and "'require'" in text


def test_opening_on_a_preset_with_must_haves(tmp_path):
    comp = fw.load_comparison(_folder(tmp_path, "async_support>=3"))
    ex = Explorer(comp, profile="async-realtime", store=ProfileStore(tmp_path / "p"))
    assert [r.spec() for r in ex.comparison.requirements] == ["async_support>=3"]
    tabs = [w for w in ex.charts_box.children if w is ex.decision.widget]
    assert len(tabs) == 1 and len(ex.charts_box.children) == 3  # ranking, contributions, tabs
    assert ex.decision.comparison is ex.comparison
    assert "Ruled out: Flask" in ex.headline.value
