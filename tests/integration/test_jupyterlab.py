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
    fail_with_page,
    press_and_expect,
    require_browser,
    settled_canvas,
    state,
    wait_canvas_change,
    wait_headline,
    wait_preset,
    wait_until,
)

pytestmark = pytest.mark.browser

NOTEBOOK = "notebooks/01-django-vs-flask.ipynb"
SCREENSHOT = OUTPUT / "jupyterlab.png"
KERNEL_IDLE = "(ipykernel) | Idle"


def _kernel_idle(page, timeout_ms: float) -> None:
    # The status bar's text; the toolbar's kernel indicator is racy (shared notes).
    wait_until(
        page,
        f"the status bar to say {KERNEL_IDLE!r}",
        "text => [...document.querySelectorAll('.jp-StatusBar-TextItem')]"
        ".some(el => el.textContent.includes(text))",
        KERNEL_IDLE,
        timeout_ms=timeout_ms,
    )


@pytest.fixture(scope="module")
def lab_page():
    """The main notebook open in JupyterLab, every cell run, the explorer on screen."""
    require_browser()
    started = time.monotonic()
    with lab_server(NOTEBOOK) as url, chromium_page(viewport=(1500, 1400)) as page:
        page.set_default_timeout(TIMEOUT_MS)
        page.goto(url, wait_until="domcontentloaded", timeout=90_000)
        page.wait_for_selector(".jp-Notebook .jp-Cell", timeout=90_000)
        _kernel_idle(page, 90_000)
        page.click(".lm-MenuBar-item:has-text('Run')")
        page.click("li[data-command='runmenu:run-all']")
        try:
            page.wait_for_selector(".fwc-explorer .fwc-recommendation", timeout=90_000)
        except Exception:  # noqa: BLE001 - reported with the page's state and a screenshot
            fail_with_page(page, "the explorer to appear after Run All Cells")
        wait_until(
            page,
            "the headline to have text",
            "() => document.querySelector('.fwc-recommendation').textContent.trim().length > 0",
        )
        _kernel_idle(page, 90_000)  # every cell has run
        page.locator(".fwc-explorer").scroll_into_view_if_needed()
        print(f"\nJupyterLab notebook run in {time.monotonic() - started:.1f} s")
        yield page


def test_notebook_runs_without_errors_in_jupyterlab(lab_page):
    # every code cell gets an execution count (none left at "[ ]" or "[*]"); the status bar's
    # "Idle" can show between two cells, so wait for the prompts themselves
    wait_until(
        lab_page,
        "every code cell to have run",
        """() => { const p = [...document.querySelectorAll('.jp-CodeCell .jp-InputPrompt')]
                          .map(e => e.textContent.trim());
                   return p.length > 0 && p.every(t => /^\\[\\d+\\]:$/.test(t)); }""",
        timeout_ms=90_000,
    )
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
