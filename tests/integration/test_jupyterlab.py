"""The main notebook in JupyterLab, in a real browser: the analyst's path.

JupyterLab serves a copy of ``notebooks/01-django-vs-flask.ipynb`` (autosave never touches the
repository); Debian's headless Chromium opens it, waits for the kernel, runs every cell from the
Run menu, and then uses the explorer the notebook displays: the preset box, a slider moved with
the keyboard, the headline and the ranking chart. The notebook's static charts (inline PNGs)
must render too. A screenshot goes to ``test-output/browser/jupyterlab.png``.

Runs in CI like the Voila test (``.ci/run`` installs ``chromium``).
"""

from __future__ import annotations

import time

import pytest

import fwcompare_nb as fw
from benchmarks._voila import chromium_page, lab_server

from ._browser import (
    OUTPUT,
    TIMEOUT_MS,
    lab_all_cells_ran,
    lab_run_all,
    press_and_expect,
    require_browser,
    settled_canvas,
    state,
    wait_canvas_change,
    wait_headline,
    wait_preset,
)

pytestmark = pytest.mark.browser

NOTEBOOK = "notebooks/01-django-vs-flask.ipynb"
SCREENSHOT = OUTPUT / "jupyterlab.png"


@pytest.fixture(scope="module")
def lab_page():
    """The main notebook open in JupyterLab, every cell run, the explorer on screen."""
    require_browser()
    started = time.monotonic()
    with lab_server(NOTEBOOK) as url, chromium_page(viewport=(1500, 1400)) as page:
        page.set_default_timeout(TIMEOUT_MS)
        lab_run_all(page, url)
        page.locator(".fwc-explorer").scroll_into_view_if_needed()
        print(f"\nJupyterLab notebook run in {time.monotonic() - started:.1f} s")
        yield page


def test_notebook_runs_without_errors_in_jupyterlab(lab_page):
    lab_all_cells_ran(lab_page)  # every code cell has an execution count
    errors = lab_page.locator(
        ".jp-OutputArea-output[data-mime-type='application/vnd.jupyter.stderr']"
    )
    tracebacks = lab_page.locator(
        ".jp-RenderedText[data-mime-type='application/vnd.jupyter.error']"
    )
    assert tracebacks.count() == 0, tracebacks.first.inner_text()[:2000]
    assert errors.count() == 0, errors.first.inner_text()[:2000]


def test_explorer_works_in_jupyterlab(lab_page, comparison):
    page = lab_page
    labels = comparison.profiles["label"]
    # the notebook opens the explorer on its `profile` parameter, large-project by default
    large = fw.recommend(comparison, "large-project").headline()
    wait_headline(page, large)
    wait_preset(page, labels["large-project"])
    start_chart = settled_canvas(page, "ranking")

    learning = fw.recommend(comparison, "learning").headline()
    page.select_option(".fwc-profile select", label=labels["learning"])
    wait_headline(page, learning)
    wait_canvas_change(page, "ranking", start_chart)
    learning_chart = settled_canvas(page, "ranking")
    moved = press_and_expect(page, comparison, "learning", "admin_interface", 4)
    assert moved != learning
    wait_canvas_change(page, "ranking", learning_chart)
    wait_preset(page, "Custom weights")
    assert page.inner_text(".fwc-error").strip() == "", state(page)

    page.evaluate("document.querySelector('.fwc-explorer').scrollIntoView({block: 'start'})")
    settled_canvas(page, "ranking")
    SCREENSHOT.parent.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOT))
    print(f"screenshot: {SCREENSHOT}")
