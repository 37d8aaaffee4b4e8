"""Results that travel, from the command line: chart files (PNG, SVG) and one-line refusals of
``charts`` and ``report``. The explorer's export button: tests/unit/app/test_explorer.py;
papermill runs and slides: tests/integration/test_papermill.py."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest
from PIL import Image

import fwcompare_nb as fw
from fwcompare_nb.cli.main import main
from fwcompare_nb.reporting.export import CHARTS

from .test_main import run

SVG = "{http://www.w3.org/2000/svg}"


def svg_text(path) -> str:
    root = ET.parse(path).getroot()  # raises on a malformed file
    assert root.tag == f"{SVG}svg"
    return " ".join(t.strip() for t in root.itertext() if t.strip())


def test_charts_command_writes_valid_png_and_svg(tmp_path, capsys):
    assert main(["charts", "--profile", "learning", "-o", str(tmp_path / "png")]) == 0
    assert main(["charts", "--profile", "learning", "-o", str(tmp_path / "svg"),
                 "--format", "svg"]) == 0  # fmt: skip
    capsys.readouterr()
    for name in CHARTS:
        with Image.open(tmp_path / "png" / f"{name}.png") as im:
            im.verify()  # a complete, valid PNG
        with Image.open(tmp_path / "png" / f"{name}.png") as im:
            assert im.format == "PNG" and im.width > 400 and im.height > 100
    # The SVG keeps its text: each file is the chart it claims to be.
    rec = fw.recommend(fw.load_comparison(), "learning")
    assert f"Ranking: {rec.winner} first" in svg_text(tmp_path / "svg" / "ranking.svg")
    assert "What each criterion contributes" in svg_text(tmp_path / "svg" / "contributions.svg")
    assert "Learning curve (cost)" in svg_text(tmp_path / "svg" / "matrix.svg")
    assert f"{rec.winner} stays first" in svg_text(tmp_path / "svg" / "sensitivity.svg")
    assert "Rank acceptability" in svg_text(tmp_path / "svg" / "robustness.svg") or (
        "first in" in svg_text(tmp_path / "svg" / "robustness.svg")
    )
    assert not list((tmp_path / "png").glob("*.tmp"))  # written atomically


@pytest.mark.parametrize(
    "argv",
    [
        ["charts"],  # no -o
        ["charts", "-o", "x", "--format", "gif"],
        ["report"],
        ["report", "-o", "r.html", "--profile", "nope"],
        ["charts", "-o", "/proc/fwcompare-cannot-write"],
    ],
)
def test_bad_arguments_give_one_line_and_exit_2(argv):
    done = run(*argv)
    assert done.returncode == 2, done.stderr
    assert done.stderr.count("\n") == 1 and done.stdout == "", done.stderr
