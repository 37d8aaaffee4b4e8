"""The bundled comparisons: which folders the dashboard offers and under which key."""

from __future__ import annotations

import pytest

from fwcompare_nb.core.errors import DataError
from fwcompare_nb.io.catalog import bundled_comparisons, find_entry, label_for
from tests.conftest import CRITERIA_CSV, SCORES_CSV


def test_bundled_folders_default_first():
    keys = [e.key for e in bundled_comparisons()]
    assert keys[0] == "django-vs-flask"
    assert {"python-web-frameworks", "python-web-databases", "examples/own"} <= set(keys)
    assert "evidence" not in keys  # holds measurements, not a comparison


def test_folders_without_both_files_and_symlinks_are_skipped(tmp_path):
    for name in ("b-one", "a-two/nested"):
        (tmp_path / name).mkdir(parents=True)
        (tmp_path / name / "scores.csv").write_text(SCORES_CSV)
        (tmp_path / name / "criteria.csv").write_text(CRITERIA_CSV)
    (tmp_path / "half").mkdir()
    (tmp_path / "half" / "scores.csv").write_text(SCORES_CSV)
    (tmp_path / "link").symlink_to(tmp_path / "b-one")
    entries = bundled_comparisons(tmp_path)
    assert [e.key for e in entries] == ["a-two/nested", "b-one"]
    assert entries[1].load().alternatives == ["A", "B", "C"]


def test_labels_and_lookup():
    assert label_for("django-vs-flask") == "Django vs Flask"
    assert label_for("examples/own") == "Own (examples)"
    assert label_for("python-web-databases") == "Python Web Databases"
    entries = bundled_comparisons()
    assert find_entry(entries, "examples/own").folder.name == "own"
    with pytest.raises(DataError, match="unknown comparison.*choose one of: django-vs-flask"):
        find_entry(entries, "../etc")
