"""The Makefile has the targets the README documents for results that travel."""

from __future__ import annotations

import subprocess

from tests.conftest import ROOT


def test_make_targets_exist_for_reports_and_slides():
    text = subprocess.run(["make", "-n", "report", "slides", "notebook-report",
                           "PROFILE=high-traffic"], capture_output=True, text=True,
                          cwd=ROOT).stdout  # fmt: skip
    assert "report --profile high-traffic" in text
    assert "papermill" in text and "-p profile high-traffic" in text
    assert "-m fwcompare_nb.reporting.slides" in text
