"""Every notebook runs top to bottom in a real Jupyter kernel (committed without outputs:
tests/unit/project/test_notebook_files.py)."""

from __future__ import annotations

import re

import nbformat
import pytest
from nbclient import NotebookClient

from tests.conftest import ROOT

NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebook_executes(path, tmp_path):
    nb = nbformat.read(path, as_version=4)
    client = NotebookClient(
        nb, timeout=120, kernel_name="python3", resources={"metadata": {"path": str(path.parent)}}
    )
    client.execute()  # raises CellExecutionError on the first failing cell
    errors = [
        o for c in nb.cells if c.cell_type == "code" for o in c.outputs if o.output_type == "error"
    ]
    assert not errors
    # A cell that draws a chart shows it: once, every inline chart after the explorer came out
    # empty (ipympl had switched the backend on import) and this test did not notice.
    for cell in nb.cells:
        if cell.cell_type == "code" and re.search(r"\bplot_\w+\(", cell.source):
            kinds = [k for o in cell.outputs for k in o.get("data", {})]
            assert "image/png" in kinds, f"{path.name}: no chart from {cell.source!r}"
    # The executed copy is kept for people who want to look at it.
    out = ROOT / "test-output" / "notebooks"
    out.mkdir(parents=True, exist_ok=True)
    nbformat.write(nb, out / path.name)
