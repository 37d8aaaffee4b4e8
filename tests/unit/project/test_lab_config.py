"""The pre-save hook `make lab` gives JupyterLab (.jupyter/jupyter_server_config.py): a bundled
notebook saved after a run is the committed file again; other notebooks are saved as they are.
The same in a real JupyterLab and browser: tests/integration/test_lab_saves_clean.py."""

from __future__ import annotations

import copy
import logging
import subprocess
from types import SimpleNamespace

import nbformat
import pytest
from traitlets.config.loader import PyFileConfigLoader

from tests.conftest import ROOT

CONFIG = ROOT / ".jupyter" / "jupyter_server_config.py"
NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))


@pytest.fixture(scope="module")
def hook():
    config = PyFileConfigLoader(CONFIG.name, path=str(CONFIG.parent)).load_config()
    return config.ContentsManager.pre_save_hook


def _manager(root):
    return SimpleNamespace(root_dir=str(root), log=logging.getLogger("test"))


def _as_run_by_lab(path) -> dict:
    """The notebook as JupyterLab sends it after Run All: outputs, counts, widget state..."""
    nb = nbformat.read(path, as_version=nbformat.NO_CONVERT)
    nb.metadata["language_info"] = {
        "codemirror_mode": {"name": "ipython", "version": 3}, "file_extension": ".py",
        "mimetype": "text/x-python", "name": "python", "nbconvert_exporter": "python",
        "pygments_lexer": "ipython3", "version": "3.11.7",
    }  # fmt: skip
    nb.metadata["widgets"] = {"application/vnd.jupyter.widget-state+json": {"state": {}}}
    for n, cell in enumerate(nb.cells, 1):
        cell.metadata.update(execution={"iopub.status.idle": "2026-12-01T00:00:00Z"}, scrolled=True)
        cell.metadata["jupyter"] = {"outputs_hidden": True}
        if cell.cell_type == "code":
            cell.execution_count = n
            cell.outputs = [nbformat.v4.new_output("stream", text="ran\n")]
    return {"type": "notebook", "format": "json", "content": dict(nb)}


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_a_bundled_notebook_saved_after_a_run_is_the_committed_file(hook, path):
    model = _as_run_by_lab(path)
    assert model["content"]["cells"] != nbformat.read(path, as_version=4)["cells"]
    # `make lab` serves the notebook's folder: the API path is the bare name
    hook(model=model, path=path.name, contents_manager=_manager(path.parent))
    # what the contents manager writes (nbformat.write: the JSON, then a newline if missing)
    saved = nbformat.writes(nbformat.from_dict(model["content"]), version=nbformat.NO_CONVERT)
    saved += "" if saved.endswith("\n") else "\n"
    assert saved == path.read_text(encoding="utf-8")


def test_the_hook_keeps_authored_cell_metadata(hook):
    model = _as_run_by_lab(NOTEBOOKS[0])
    cell = model["content"]["cells"][3]
    cell["metadata"]["jupyter"]["source_hidden"] = True
    hook(model=model, path=NOTEBOOKS[0].name, contents_manager=_manager(NOTEBOOKS[0].parent))
    assert cell["metadata"]["jupyter"] == {"source_hidden": True}
    assert cell["metadata"]["tags"] == ["parameters"]


@pytest.mark.parametrize("where", ["reports/01-learning.ipynb", "scratch.ipynb"])
def test_notebooks_outside_notebooks_keep_their_outputs(hook, where):
    model = _as_run_by_lab(NOTEBOOKS[0])
    before = copy.deepcopy(model)
    hook(model=model, path=where, contents_manager=_manager(ROOT))
    assert model == before


def test_other_files_are_left_alone(hook):
    model = {"type": "file", "format": "text", "content": "x = 1\n"}
    hook(model=model, path="notebooks/helper.py", contents_manager=_manager(ROOT))
    assert model == {"type": "file", "format": "text", "content": "x = 1\n"}


def test_make_lab_puts_the_config_folder_on_jupyters_config_path_unless_told_not_to():
    text = subprocess.run(["make", "-n", "lab"], capture_output=True, text=True, cwd=ROOT,
                          check=True).stdout  # fmt: skip
    assert f'JUPYTER_CONFIG_PATH="{CONFIG.parent}' in text
    assert "jupyter lab" in text and "notebooks/01-django-vs-flask.ipynb" in text
    kept = subprocess.run(["make", "-n", "lab", "KEEP_OUTPUTS=1"], capture_output=True, text=True,
                          cwd=ROOT, check=True).stdout  # fmt: skip
    assert "JUPYTER_CONFIG_PATH" not in kept and "jupyter lab" in kept
