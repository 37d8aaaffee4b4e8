"""``--weights-file``: a saved profile (the explorer's or the dashboard's download) as weights."""

from __future__ import annotations

import json

import pytest

import fwcompare_nb as fw
from fwcompare_nb.cli.main import main
from fwcompare_nb.io.profiles import ProfileStore


def test_recommend_with_a_profile_file_matches_the_same_weights(tmp_path, capsys, comparison):
    weights = {"learning_curve": 3.0, "admin_interface": 1.0}
    path = ProfileStore(tmp_path).save("mine", weights, comparison=comparison.name)
    assert main(["recommend", "--weights-file", str(path), "--format", "json"]) == 0
    got = json.loads(capsys.readouterr().out)
    expected = fw.rank(comparison, weights)
    assert [r["alternative"] for r in got["ranking"]] == list(expected.index)
    assert [r["score"] for r in got["ranking"]] == list(expected["score"])


def test_profile_for_other_criteria_is_one_clear_error(tmp_path, capsys):
    path = ProfileStore(tmp_path).save("other", {"speed": 1.0}, comparison="elsewhere")
    assert main(["sensitivity", "--weights-file", str(path)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and str(path) in err and "'speed'" in err


def test_weights_file_excludes_other_weights(capsys):
    with pytest.raises(SystemExit) as exit_info:
        main(["recommend", "--weights-file", "x.json", "--profile", "learning"])
    assert exit_info.value.code == 2
    assert "not allowed with argument" in capsys.readouterr().err
