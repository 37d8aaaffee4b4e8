"""Helpers shared by the real-browser tests (Voila dashboard, JupyterLab notebook).

Every wait fails with what the page shows and a screenshot, instead of a bare time-out.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from benchmarks._voila import CHROMIUM, ROOT

OUTPUT = ROOT / "test-output" / "browser"
TIMEOUT_MS = 20_000  # one wait for the page to follow an action (they take well under 1 s)


def in_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() not in ("", "0", "false", "no")


def require_browser() -> None:
    """Skip when Chromium or Playwright is missing; in CI, fail instead."""
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


def headline(page) -> str:
    return page.text_content(".fwc-recommendation").strip()


def preset_shown(page) -> str:
    return page.eval_on_selector(
        ".fwc-profile select", "s => s.options[s.selectedIndex].textContent"
    ).replace("\xa0", " ")


def state(page) -> str:
    """What the page shows now, for failure messages."""
    if page.query_selector(".fwc-recommendation") is None:
        return "no explorer on the page"
    return (
        f"headline={headline(page)!r}, preset={preset_shown(page)!r}, "
        f"admin_interface={page.inner_text('.fwc-weight-admin_interface .widget-readout')!r}, "
        f"error={page.inner_text('.fwc-error').strip()!r}"
    )


def fail_with_page(page, what: str) -> None:
    failed = OUTPUT / "failure.png"
    failed.parent.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(failed), full_page=True)
    pytest.fail(f"timed out waiting for {what}; page: {state(page)}; screenshot: {failed}")


def wait_until(page, what: str, js: str, arg=None, timeout_ms: float | None = None) -> None:
    """Wait for a JS predicate; on time-out fail with what the page shows."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    try:
        page.wait_for_function(js, arg=arg, timeout=timeout_ms)
        return
    except PlaywrightTimeout:
        pass
    fail_with_page(page, what)


def wait_headline(page, text: str) -> None:
    wait_until(
        page,
        f"headline {text!r}",
        "text => document.querySelector('.fwc-recommendation').textContent.trim() === text",
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


def press_and_expect(page, comparison, profile: str, criterion: str, presses: int) -> str:
    """Press ArrowRight ``presses`` times on a slider that starts at 0 in ``profile`` and wait
    for the headline the core computes for the new weights (so the last value rendered)."""
    import fwcompare_nb as fw

    handle = f".fwc-weight-{criterion} .noUi-handle"
    wait_until(
        page,
        f"the {criterion} slider at 0",
        "sel => parseFloat(document.querySelector(sel).getAttribute('aria-valuenow')) === 0",
        handle,
    )
    page.focus(handle)
    for _ in range(presses):
        page.keyboard.press("ArrowRight")
    value = 0.5 * presses
    weights = comparison.profiles.loc[profile, comparison.criteria.index].astype(float)
    weights[criterion] = value  # the preset's largest weight is 10: slider = weight
    moved = fw.recommend(comparison, weights).headline()
    wait_until(
        page,
        f"the {criterion} slider at {value}",
        "([sel, v]) => parseFloat(document.querySelector(sel).getAttribute('aria-valuenow')) === v",
        [handle, value],
    )
    wait_headline(page, moved)
    return moved


def blank_canvas(page, chart: str) -> str:
    """The data URL of an empty canvas the size of the chart's (to wait for a first draw)."""
    return page.evaluate(
        """sel => { const c = document.querySelector(sel + ' canvas'), b = document.createElement('canvas');
                    b.width = c.width; b.height = c.height; return b.toDataURL(); }""",
        f".fwc-chart-{chart}",
    )


KERNEL_IDLE = "(ipykernel) | Idle"


def lab_kernel_idle(page, timeout_ms: float) -> None:
    """Wait for JupyterLab's status bar to say the kernel is idle (the toolbar's indicator is
    racy, shared notes)."""
    wait_until(
        page,
        f"the status bar to say {KERNEL_IDLE!r}",
        "text => [...document.querySelectorAll('.jp-StatusBar-TextItem')]"
        ".some(el => el.textContent.includes(text))",
        KERNEL_IDLE,
        timeout_ms=timeout_ms,
    )


def lab_run_all(page, url: str, timeout_ms: float = 90_000) -> None:
    """Open ``url`` (a notebook in JupyterLab), run every cell from the Run menu and wait for
    the explorer's headline and an idle kernel (as tests/integration/test_jupyterlab.py does)."""
    page.goto(url, wait_until="domcontentloaded", timeout=timeout_ms)
    page.wait_for_selector(".jp-Notebook .jp-Cell", timeout=timeout_ms)
    lab_kernel_idle(page, timeout_ms)
    page.click(".lm-MenuBar-item:has-text('Run')")
    page.click("li[data-command='runmenu:run-all']")
    try:
        page.wait_for_selector(".fwc-explorer .fwc-recommendation", timeout=timeout_ms)
    except Exception:  # noqa: BLE001 - reported with the page's state and a screenshot
        fail_with_page(page, "the explorer to appear after Run All Cells")
    wait_until(
        page,
        "the headline to have text",
        "() => document.querySelector('.fwc-recommendation').textContent.trim().length > 0",
        timeout_ms=timeout_ms,
    )
    lab_kernel_idle(page, timeout_ms)  # every cell has run


def lab_all_cells_ran(page, timeout_ms: float = 90_000) -> None:
    """Wait until every code cell shows an execution count (none at "[ ]" or "[*]"): the status
    bar's "Idle" can show between two cells, so the prompts themselves are read."""
    wait_until(
        page,
        "every code cell to have run",
        """() => { const p = [...document.querySelectorAll('.jp-CodeCell .jp-InputPrompt')]
                          .map(e => e.textContent.trim());
                   return p.length > 0 && p.every(t => /^\\[\\d+\\]:$/.test(t)); }""",
        timeout_ms=timeout_ms,
    )
