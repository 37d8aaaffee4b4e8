"""Parameterised notebook runs with papermill, and the same run as slides with the code hidden."""

from __future__ import annotations

import ast

import nbformat

import fwcompare_nb as fw
from tests.conftest import ROOT

NOTEBOOK = ROOT / "notebooks" / "01-django-vs-flask.ipynb"


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
