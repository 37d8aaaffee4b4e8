"""The dashboard in a real browser: Voila serves notebooks/dashboard.ipynb, Debian's headless
Chromium (driven by Playwright) picks presets and moves a weight slider with the keyboard, and
the headline, the preset box and the ranking chart follow.

Runs in CI (``.ci/run`` installs ``chromium``). Outside CI it is skipped when
``/usr/bin/chromium`` is missing; in CI (``CI`` set) a missing browser fails the test.
A full-page screenshot is saved to ``test-output/browser/dashboard.png``.
"""

from __future__ import annotations

import time

import pytest

import fwcompare_nb as fw

# Shared with benchmarks/bench_browser.py (the repository root is on sys.path under pytest).
from benchmarks._voila import chromium_page, voila_server, wait_ready

from ._browser import (
    OUTPUT,
    TIMEOUT_MS,
    blank_canvas,
    headline,
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

SCREENSHOT = OUTPUT / "dashboard.png"
ARROW_PRESSES = 4  # one slider step (0.5) each, pressed as fast as the keyboard goes


@pytest.fixture(scope="module")
def page():
    """The dashboard, loaded and ready, in headless Chromium (server and browser stop after)."""
    require_browser()
    started = time.monotonic()
    with voila_server() as url, chromium_page() as pg:
        pg.set_default_timeout(TIMEOUT_MS)
        wait_ready(pg, url, timeout_ms=60_000)
        print(f"\ndashboard ready in {time.monotonic() - started:.1f} s")
        yield pg


def test_dashboard_follows_presets_and_sliders(page, comparison):
    labels = comparison.profiles["label"]
    first = headline(page)
    assert " comes first " in first, first
    start_chart = settled_canvas(page, "ranking")

    # A preset changes the weights and the answer: a large project -> Django.
    large = fw.recommend(comparison, "large-project").headline()
    assert large.startswith("Django ") and large != first, large
    page.select_option(".fwc-profile select", label=labels["large-project"])
    wait_headline(page, large)
    wait_preset(page, labels["large-project"])
    wait_canvas_change(page, "ranking", start_chart)
    large_chart = settled_canvas(page, "ranking")

    # Learning web development -> Flask; the ranking chart is redrawn too.
    learning = fw.recommend(comparison, "learning").headline()
    assert learning.startswith("Flask "), learning
    page.select_option(".fwc-profile select", label=labels["learning"])
    wait_headline(page, learning)
    wait_preset(page, labels["learning"])
    wait_canvas_change(page, "ranking", large_chart)
    learning_chart = settled_canvas(page, "ranking")
    share_before = page.inner_text(".fwc-share-admin_interface").strip()

    # Keyboard on the admin-interface slider (0 in this preset): each ArrowRight is one step;
    # the presses come faster than the explorer's coalescing window, so this also checks that
    # the last value is the one rendered.
    moved = press_and_expect(page, comparison, "learning", "admin_interface", ARROW_PRESSES)
    assert moved != learning
    value = 0.5 * ARROW_PRESSES
    wait_canvas_change(page, "ranking", learning_chart)
    wait_preset(page, "Custom weights")
    wait_until(
        page,
        "the admin-interface share to change",
        "before => document.querySelector('.fwc-share-admin_interface').innerText.trim() "
        "!== before",
        share_before,
    )
    assert page.inner_text(".fwc-weight-admin_interface .widget-readout").strip() == f"{value:.1f}"
    assert page.inner_text(".fwc-error").strip() == "", state(page)

    # The decision tabs follow once the sliders rest (a timer in the kernel): the first tab
    # says what would change the answer, the second how often each framework comes first.
    wait_until(
        page,
        "the sensitivity sentence",
        "() => /would win if|stays first/.test("
        "document.querySelector('.fwc-sensitivity-sentence').textContent)",
    )
    page.click(".fwc-decision .lm-TabBar-tab:nth-child(2)")
    wait_until(
        page,
        "the rank-acceptability sentence",
        "() => / is first in \\d+%/.test("
        "document.querySelector('.fwc-robustness-sentence').textContent)",
    )
    wait_canvas_change(page, "acceptability", blank_canvas(page, "acceptability"))

    # The whole page, for a person to look at: grow the viewport to Voila's scrolling panel.
    settled_canvas(page, "ranking")
    height = page.evaluate(
        "() => (document.getElementById('rendered_cells') || document.body).scrollHeight"
    )
    page.set_viewport_size({"width": 1400, "height": min(int(height) + 40, 8000)})
    page.wait_for_function(  # Voila's panels follow the window's size on the next frame
        "() => { const r = document.getElementById('rendered_cells');"
        " return !r || r.getBoundingClientRect().height >= window.innerHeight - 1; }"
    )
    SCREENSHOT.parent.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOT), full_page=True)
    print(f"screenshot: {SCREENSHOT}")
