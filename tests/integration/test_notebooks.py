"""Every notebook runs top to bottom in a real Jupyter kernel (committed without outputs:
tests/unit/project/test_notebook_files.py), shows only what a reader can read (no bare NaN, None
or inf, no dict dumps), and passes its parameters to every cell that uses them."""

from __future__ import annotations

import ast
import functools
import html
import re
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

import fwcompare_nb as fw
from fwcompare_nb.core.methods import get_method
from tests.conftest import ROOT

NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))


@functools.cache
def _executed(path: Path) -> nbformat.NotebookNode:
    """The notebook run by nbclient (once per test session; a failing run is not cached)."""
    nb = nbformat.read(path, as_version=4)
    client = NotebookClient(
        nb, timeout=120, kernel_name="python3", resources={"metadata": {"path": str(path.parent)}}
    )
    client.execute()  # raises CellExecutionError on the first failing cell
    return nb


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebook_executes(path):
    nb = _executed(path)
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


# --- What a reader sees ----------------------------------------------------------------------

# A missing or infinite value as pandas prints it (NaN, None, inf, <NA>, NaT).
BARE = r"(?:NaN|nan|None|-?inf|<NA>|NaT)"
# ...alone in an HTML table cell
HTML_CELL = re.compile(rf"<t[dh][^>]*>\s*(?:{BARE}|&lt;NA&gt;|&lt;NaT&gt;)\s*</t[dh]>")
# ...alone in a plain-text table: set apart by two spaces (pandas' column gap) or the line's
# ends, so a sentence ("None of the criteria...") never matches
PLAIN_CELL = re.compile(rf"(?:^|(?<=\s\s)){BARE}(?=\s\s|\s*$)", re.MULTILINE)
# A dict (or a list of dicts) printed as Python: fine for a line or three, not as a dump.
DICT_LINES = 3


def _shown(output: nbformat.NotebookNode) -> list[tuple[str, str]]:
    """(mime type, text) of what a reader sees of one output: the HTML where there is one, else
    the plain text; nothing of a widget (its plain text is a fallback Lab never shows) or an
    image's plain-text caption."""
    if output.output_type == "stream":
        return [("stream", output.text)]
    data = output.get("data", {})
    if "application/vnd.jupyter.widget-view+json" in data or "image/png" in data:
        return []
    if "text/html" in data:
        return [("text/html", data["text/html"]), ("text/plain", data.get("text/plain", ""))]
    return [("text/plain", data.get("text/plain", ""))]


def unreadable(outputs: list[nbformat.NotebookNode]) -> list[str]:
    """What in these outputs a reader should not have to decipher."""
    found = []
    for output in outputs:
        for mime, text in _shown(output):
            if mime == "text/html":
                found += [f"HTML cell {m.group(0)!r}" for m in HTML_CELL.finditer(text)]
                continue
            found += [f"{mime} value {m.group(0)!r}" for m in PLAIN_CELL.finditer(text)]
            lines = text.strip().splitlines()
            if text.lstrip().startswith(("{", "[{", "({")) and len(lines) > DICT_LINES:
                found.append(f"a {len(lines)}-line dict dump: {text[:80]!r}...")
    return found


def test_the_readability_check_finds_what_it_should_and_nothing_else():
    def out(text: str, mime: str = "text/plain") -> nbformat.NotebookNode:
        return nbformat.v4.new_output("execute_result", data={mime: text}, execution_count=1)

    dump = "{'weights': {'a': 0.4,\n  'b': 0.6},\n 'consistent': True,\n 'ratio': 0.01}"
    bad = [
        out("<table><tr><td>NaN</td><td>1.0</td></tr></table>", "text/html"),
        out("<table><tr><td>None</td></tr></table>", "text/html"),
        out("<table><tr><td>inf</td></tr></table>", "text/html"),
        out("               stable_to flips_below\nscaffolding      0.13        None"),
        out("import_ms    NaN\nName: max, dtype: float64"),
        out("a  -inf  2"),
        out("None"),
        out(dump),
        nbformat.v4.new_output("stream", text="x    NaN\n"),
    ]
    for output in bad:
        assert unreadable([output]), output
    good = [
        out("'None of the criteria flips it; inf is not a weight (NaN either).'"),
        out(
            "<p>None of these is NaN</p><table><tr><td>no single change</td></tr></table>",
            "text/html",
        ),  # fmt: skip
        out("                   Weight\nLearning curve      42.3%\nDocumentation          –"),
        out("{'a': 1, 'b': None}"),  # short: a value, not a dump
        nbformat.v4.new_output("stream", text="The judgements are consistent (CR 0.016).\n"),
        nbformat.v4.new_output("display_data", data={"image/png": "", "text/plain": "None"}),
    ]
    assert not unreadable(good), unreadable(good)


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebook_outputs_are_readable(path):
    nb = _executed(path)
    problems = [
        f"cell {n} ({cell.source.splitlines()[0][:60]!r}): {problem}"
        for n, cell in enumerate(nb.cells)
        if cell.cell_type == "code"
        for problem in unreadable(cell.outputs)
    ]
    assert not problems, "\n".join(problems)


# --- Parameters reach every cell -------------------------------------------------------------


def _papermill(notebook: str, tmp_path: Path, **parameters) -> nbformat.NotebookNode:
    import papermill as pm

    path, out = ROOT / "notebooks" / notebook, tmp_path / notebook
    pm.execute_notebook(str(path), str(out), parameters=parameters, cwd=str(path.parent),
                        kernel_name="python3", progress_bar=False)  # fmt: skip
    nb = nbformat.read(out, as_version=4)
    injected = [c for c in nb.cells if "injected-parameters" in c.metadata.get("tags", [])]
    assert injected and all(str(v) in injected[0].source for v in parameters.values())
    return nb


def _texts(nb: nbformat.NotebookNode) -> list[str]:
    return [
        text
        for cell in nb.cells
        if cell.cell_type == "code"
        for output in cell.outputs
        for _, text in _shown(output)
    ]


def _result(nb: nbformat.NotebookNode, source_start: str) -> str:
    cell = next(c for c in nb.cells if c.source.startswith(source_start))
    return ast.literal_eval(cell.outputs[0]["data"]["text/plain"])


def _widget(nb: nbformat.NotebookNode, css_class: str) -> dict:
    """The saved state of the one widget with ``css_class`` (nbclient keeps widget state)."""
    state = nb.metadata["widgets"]["application/vnd.jupyter.widget-state+json"]["state"]
    found = [m["state"] for m in state.values() if css_class in m["state"].get("_dom_classes", [])]
    assert len(found) == 1, f"{len(found)} widgets with class {css_class}"
    return found[0]


def test_notebook_01_explorer_opens_on_the_profile_parameter(tmp_path, comparison):
    # not the default (large-project), and another method than the default (wsm)
    nb = _papermill("01-django-vs-flask.ipynb", tmp_path, profile="high-traffic", method="wpm")
    expected = fw.recommend(comparison, "high-traffic", "wpm").headline()
    assert expected != fw.recommend(comparison, "large-project", "wpm").headline()

    profile, method = _widget(nb, "fwc-profile"), _widget(nb, "fwc-method")
    assert profile["_options_labels"][profile["index"]] == comparison.preset_label("high-traffic")
    assert method["_options_labels"][method["index"]] == get_method("wpm").label
    assert html.unescape(_widget(nb, "fwc-recommendation")["value"]).count(expected) == 1
    # the detail section follows the same parameters, and nothing is scored with WSM
    assert _result(nb, "chosen = fw.recommend(") == expected
    assert not [t for t in _texts(nb) if "WSM" in t]


def test_notebook_02_passes_its_parameters_to_every_analysis(tmp_path, comparison):
    nb = _papermill("02-what-would-change-the-answer.ipynb", tmp_path, profile="simple-app",
                    method="topsis")  # fmt: skip
    first = _result(nb, "fw.recommend(comparison, profile, method)")
    assert first == fw.recommend(comparison, "simple-app", "topsis").headline()
    team_cell = next(c for c in nb.cells if c.source.startswith("team = "))
    team = ast.literal_eval(team_cell.source.splitlines()[0].split("=", 1)[1].strip())
    group = fw.group_decision(comparison, team, "topsis")
    assert _result(nb, "team = ") == group.sentence()
    arithmetic = fw.group_decision(comparison, team, "topsis", how="arithmetic").sentence()
    assert _result(nb, "fw.group_decision(comparison, team, method") == arithmetic
    ahp_headline = _result(nb, "fw.recommend(comparison, ahp.weights")
    assert "(TOPSIS score" in ahp_headline
    assert not [t for t in _texts(nb) if "WSM" in t]
