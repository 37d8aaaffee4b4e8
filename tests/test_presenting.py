"""Results that travel: chart files (CLI and the explorer's button), parameterised notebook runs
with papermill, slides with the code hidden, and one-line refusals."""

from __future__ import annotations

import ast
import subprocess
import xml.etree.ElementTree as ET

import nbformat
import pytest
from PIL import Image

import fwcompare_nb as fw
from fwcompare_nb.app.explorer import Explorer
from fwcompare_nb.cli.main import main
from fwcompare_nb.io.profiles import ProfileStore
from fwcompare_nb.reporting.export import CHARTS

from .conftest import ROOT
from .test_cli import run

NOTEBOOK = ROOT / "notebooks" / "01-django-vs-flask.ipynb"
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


def test_explorer_export_button_writes_the_current_charts(comparison, tmp_path):
    ex = Explorer(comparison, profile="large-project", store=ProfileStore(tmp_path / "p"))
    ex.export_dir.value = str(tmp_path / "exports")
    ex.export_format.value = "svg"
    ex.export_button.click()
    assert ex.last_error is None
    assert "Wrote 5 charts" in ex.export_status.value
    assert "Ranking: Django first" in svg_text(tmp_path / "exports" / "ranking.svg")
    ex.export_dir.value = "/proc/fwcompare-cannot-write"
    ex.export_button.click()
    assert "cannot create" in ex.export_status.value


def test_papermill_run_with_another_profile_gives_its_answer(tmp_path, comparison):
    import papermill as pm

    out = tmp_path / "01-simple-app.ipynb"
    pm.execute_notebook(
        str(NOTEBOOK), str(out), parameters={"profile": "simple-app", "method": "topsis"},
        cwd=str(NOTEBOOK.parent), kernel_name="python3", progress_bar=False,
    )  # fmt: skip
    nb = nbformat.read(out, as_version=4)
    injected = [c for c in nb.cells if "injected-parameters" in c.metadata.get("tags", [])]
    assert injected and "simple-app" in injected[0].source
    cell = next(c for c in nb.cells if c.source.startswith("chosen = fw.recommend("))
    shown = cell.outputs[0]["data"]["text/plain"]
    expected = fw.recommend(comparison, "simple-app", "topsis").headline()
    assert ast.literal_eval(shown) == expected

    # The same run as slides with the code hidden (what `make slides` does).
    from nbconvert import SlidesExporter

    body, _ = SlidesExporter(exclude_input=True).from_notebook_node(nb)
    assert body.count("<section") >= 5  # one slide per heading
    assert "fw.recommend(" not in body and "chosen.headline()" not in body
    assert expected.split(" (")[0] in body  # the answer is on a slide


def test_make_targets_exist_for_reports_and_slides():
    text = subprocess.run(["make", "-n", "report", "slides", "notebook-report",
                           "PROFILE=high-traffic"], capture_output=True, text=True,
                          cwd=ROOT).stdout  # fmt: skip
    assert "report --profile high-traffic" in text
    assert "papermill" in text and "-p profile high-traffic" in text
    assert "nbconvert --to slides --no-input" in text
