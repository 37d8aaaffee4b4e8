"""The dashboard in a real browser: Voila serves notebooks/dashboard.ipynb, Debian's headless
Chromium (driven by Playwright) picks presets and moves a weight slider with the keyboard, and
the headline, the preset box and the ranking chart follow.

Runs in CI (``.ci/run`` installs ``chromium``). Outside CI it is skipped when
``/usr/bin/chromium`` is missing; in CI (``CI`` set) a missing browser fails the test.
A full-page screenshot is saved to ``test-output/browser/dashboard.png``.
"""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

import fwcompare_nb as fw

# Shared with benchmarks/bench_browser.py (the repository root is on sys.path under pytest).
from benchmarks._voila import CHROMIUM, ROOT, chromium_page, voila_server, wait_ready

SCREENSHOT = ROOT / "test-output" / "browser" / "dashboard.png"
TIMEOUT_MS = 20_000  # one wait for the page to follow an action (they take well under 1 s)
ARROW_PRESSES = 4  # one slider step (0.5) each


def in_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() not in ("", "0", "false", "no")


@pytest.fixture(scope="module")
def page():
    """The dashboard, loaded and ready, in headless Chromium (server and browser stop after)."""
    missing = None
    if not Path(CHROMIUM).exists():
        missing = f"{CHROMIUM} is missing (apt-get install chromium fonts-liberation)"
    else:
        try:
            import playwright.sync_api  # noqa: F401
        except ImportError:
            missing = "the playwright package is missing (pip install -e '.[test]')"
    if missing:
        if in_ci():
            pytest.fail(f"browser test cannot run in CI: {missing}")
        pytest.skip(missing)

    started = time.monotonic()
    with voila_server() as url, chromium_page() as pg:
        pg.set_default_timeout(TIMEOUT_MS)
        wait_ready(pg, url, timeout_ms=60_000)
        print(f"\ndashboard ready in {time.monotonic() - started:.1f} s")
        yield pg


def headline(page) -> str:
    return page.inner_text(".fwc-recommendation").strip()


def state(page) -> str:
    """What the page shows now, for failure messages."""
    return (
        f"headline={headline(page)!r}, preset={preset_shown(page)!r}, "
        f"admin_interface={page.inner_text('.fwc-weight-admin_interface .widget-readout')!r}, "
        f"error={page.inner_text('.fwc-error').strip()!r}"
    )


def wait_until(page, what: str, js: str, arg=None) -> None:
    """Wait for a JS predicate; on time-out fail with what the page shows."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    try:
        page.wait_for_function(js, arg=arg)
        return
    except PlaywrightTimeout:
        pass
    failed = SCREENSHOT.with_name("failure.png")
    failed.parent.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(failed), full_page=True)
    pytest.fail(f"timed out waiting for {what}; page: {state(page)}; screenshot: {failed}")


def wait_headline(page, text: str) -> None:
    wait_until(
        page,
        f"headline {text!r}",
        "text => document.querySelector('.fwc-recommendation').innerText.trim() === text",
        text,
    )


def wait_preset(page, label: str) -> None:
    wait_until(
        page,
        f"preset {label!r}",
        """label => { const s = document.querySelector('.fwc-profile select');
                      return s.options[s.selectedIndex].textContent
                              .replace(/\u00a0/g, ' ') === label; }""",
        label,
    )


def wait_canvas_change(page, chart: str, before: str) -> None:
    wait_until(
        page,
        f"the {chart} chart to change",
        "([sel, before]) => document.querySelector(sel + ' canvas').toDataURL() !== before",
        [f".fwc-chart-{chart}", before],
    )


def settled_canvas(page, chart: str, quiet_ms: int = 400) -> str:
    """The chart's data URL once it is drawn (ipympl's figure canvas, the first one: the second
    is the rubber-band overlay) and has not changed for ``quiet_ms``."""
    return page.evaluate(
        """([sel, quiet, limit]) => new Promise((resolve, reject) => {
            const canvas = () => document.querySelector(sel + ' canvas');
            let last = canvas().toDataURL(), since = performance.now();
            const start = since;
            const poll = () => {
                const now = performance.now(), c = canvas(), url = c.toDataURL();
                if (url !== last) { last = url; since = now; }
                // a drawn figure is opaque (white background); an empty canvas is transparent
                const drawn = c.width > 0 && c.getContext('2d').getImageData(0, 0, 1, 1).data[3] > 0;
                if (drawn && now - since >= quiet) return resolve(last);
                if (now - start > limit) return reject(new Error(sel + ' never settled'));
                setTimeout(poll, 50);
            };
            poll();
        })""",
        [f".fwc-chart-{chart}", quiet_ms, TIMEOUT_MS],
    )


def preset_shown(page) -> str:
    return page.eval_on_selector(
        ".fwc-profile select", "s => s.options[s.selectedIndex].textContent"
    ).replace("\xa0", " ")


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

    # Keyboard on the admin-interface slider (0 in this preset): each ArrowRight is one step.
    handle = ".fwc-weight-admin_interface .noUi-handle"
    wait_until(
        page,
        "the admin-interface slider at 0",
        "sel => parseFloat(document.querySelector(sel).getAttribute('aria-valuenow')) === 0",
        handle,
    )
    page.focus(handle)
    for _ in range(ARROW_PRESSES):
        page.keyboard.press("ArrowRight")
    value = 0.5 * ARROW_PRESSES
    weights = comparison.profiles.loc["learning", comparison.criteria.index].astype(float)
    weights["admin_interface"] = value  # the preset's largest weight is 10: slider = weight
    moved = fw.recommend(comparison, weights).headline()
    assert moved != learning
    wait_until(
        page,
        f"the admin-interface slider at {value}",
        "([sel, v]) => parseFloat(document.querySelector(sel).getAttribute('aria-valuenow')) === v",
        [handle, value],
    )
    wait_headline(page, moved)
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
