"""JupyterLab as ``make lab`` starts it (``JUPYTER_CONFIG_PATH`` names this folder).

Saving a notebook that lives in this repository's ``notebooks/`` folder writes it without what
running it added: outputs, execution counts, widget state, the kernel's ``language_info`` details
and per-cell run metadata. The notebooks are committed that way, so running them in ``make lab``
and saving (or letting Lab autosave) leaves ``git status`` clean, and what you see in the browser
is unchanged. Edits to the cells themselves are saved as usual.

To keep a run's outputs, start ``make lab KEEP_OUTPUTS=1`` (this file is then not read) or
render the notebook with ``make notebook-report``. Notebooks outside ``notebooks/`` are saved
untouched. Your own Jupyter configuration still applies; this file only adds the hook (it comes
first on the config path, so it wins if yours sets a pre-save hook too).
"""

from __future__ import annotations

import warnings
from pathlib import Path

NOTEBOOKS = Path(__file__).resolve().parent.parent / "notebooks"

# What a run adds to a notebook's metadata, and to a cell's (JupyterLab, ipywidgets, the classic
# notebook's collapse/scroll flags and timing extensions).
RUN_METADATA = ("widgets", "signature")
KEPT_LANGUAGE_INFO = ("name",)
RUN_CELL_METADATA = ("execution", "ExecuteTime", "collapsed", "scrolled")


def strip_run_state(nb: dict) -> dict:
    """Remove outputs, execution counts and run metadata from a notebook (JSON dict) in place."""
    metadata = nb.setdefault("metadata", {})
    for key in RUN_METADATA:
        metadata.pop(key, None)
    if isinstance(metadata.get("language_info"), dict):
        info = metadata["language_info"]
        metadata["language_info"] = {k: info[k] for k in KEPT_LANGUAGE_INFO if k in info}
    for cell in nb.get("cells", []):
        cell_metadata = cell.get("metadata", {})
        for key in RUN_CELL_METADATA:
            cell_metadata.pop(key, None)
        jupyter = cell_metadata.get("jupyter")
        if isinstance(jupyter, dict):
            jupyter.pop("outputs_hidden", None)
            if not jupyter:
                del cell_metadata["jupyter"]
        if cell.get("cell_type") == "code":
            cell["outputs"] = []
            cell["execution_count"] = None
    return nb


def strip_bundled_notebooks(model: dict, path: str, contents_manager, **kwargs) -> None:
    """Pre-save hook: strip run state from notebooks saved into ``notebooks/``."""
    if model.get("type") != "notebook" or not isinstance(model.get("content"), dict):
        return
    target = Path(contents_manager.root_dir, path.strip("/")).resolve()
    if NOTEBOOKS in target.parents:
        strip_run_state(model["content"])
        contents_manager.log.info(
            "Saving %s without outputs, execution counts or widget state (%s; "
            "`make lab KEEP_OUTPUTS=1` keeps them)", path, __file__,
        )  # fmt: skip


c = get_config()  # noqa: F821 - provided by Jupyter when it loads this file
c.ContentsManager.pre_save_hook = strip_bundled_notebooks
# JupyterLab applies the server's config twice; the second time replaces the hook with itself.
warnings.filterwarnings(
    "ignore", r"Overriding existing pre_save_hook \(strip_bundled_notebooks\) with a new one"
)
