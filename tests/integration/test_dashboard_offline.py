"""The dashboard served as users serve it (``python -m fwcompare_nb dashboard``, through
benchmarks/_voila.voila_process) is offline and clean in headless Chromium:

* no request leaves 127.0.0.1 (every such request is recorded, then aborted);
* no console error, no uncaught exception, no failed request to the server; the widgets and the
  ipympl charts render (only the lab extensions the page needs are loaded);
* the console's warnings are counted, and each must be one of the known kind: the two lab
  extensions the page needs (@jupyter-widgets/jupyterlab-manager, jupyter-matplotlib) were built
  for a newer JupyterLab than the 4.2 core Voila 0.5's page provides, and webpack says so once
  per shared module (harmless: the page's copy is used). Anything else fails the test;
* closing the tab shuts the page's kernel down (Voila's beacon, which the fwcompare template
  makes acceptable to the server), instead of keeping it until the server stops;
* ``--comparison`` / ``--preset`` reach the preheated kernel, and so does the page's query
  string (``voila.utils.wait_for_request``).

What the page logged is saved to ``test-output/browser/dashboard-console.txt``.
"""

from __future__ import annotations

import re
import time

import pytest

import fwcompare_nb as fw
from benchmarks._voila import (
    kernel_pid,
    open_page,
    page_kernel_id,
    voila_process,
    wait_ready,
)

from ._browser import OUTPUT, TIMEOUT_MS, headline, settled_canvas, wait_headline

pytestmark = [pytest.mark.slow, pytest.mark.browser]

# webpack's module federation, for a shared module whose version the page does not satisfy
KNOWN_WARNING = re.compile(
    r"^(Unsatisfied version \S+ from _JUPYTERLAB\.CORE_OUTPUT of shared singleton module "
    r"@jupyterlab/[\w-]+ \(required \^[\w.-]+\)"
    r"|No satisfying version \(\^[\w.-]+\) of shared module @jupyterlab/[\w-]+ found in shared "
    r"scope default\.)"
)
# Chromium's hint when a script reads a canvas back often: this test's own polling of the charts
# (settled_canvas), run by Playwright, hence no script URL before the line number.
OURS = re.compile(r"^Canvas2D: Multiple readback operations using getImageData .* \(:\d+\)$")
LOG = OUTPUT / "dashboard-console.txt"


@pytest.fixture(scope="module")
def server():
    with voila_process(timeout=120) as running:
        yield running


def test_no_request_outside_and_no_console_error(server, browser):
    page = open_page(browser, record=True)
    page.set_default_timeout(TIMEOUT_MS)
    try:
        wait_ready(page, server.url, timeout_ms=90_000)
        # the ipympl charts drew (jupyter-matplotlib is among the loaded extensions)
        settled_canvas(page, "ranking")
        settled_canvas(page, "contributions")
        assert page.locator(".fwc-weights .noUi-handle").count() > 0  # widgets rendered
        page.wait_for_timeout(1_000)  # late requests and messages
    finally:
        traffic = page.traffic
        LOG.parent.mkdir(parents=True, exist_ok=True)
        LOG.write_text(traffic.summary() + "\n", encoding="utf-8")
        page.context.close()
    known = sum(bool(KNOWN_WARNING.match(w)) for w in traffic.warnings)
    ours = sum(bool(OURS.match(w)) for w in traffic.warnings)
    print(
        f"\n{traffic.summary().splitlines()[0]}: {known} warning(s) from the lab extensions' "
        f"versions, {ours} from this test's canvas polling (all of it in {LOG})"
    )
    assert traffic.outside == [], traffic.summary()
    assert traffic.errors == [], traffic.summary()
    assert traffic.exceptions == [], traffic.summary()
    assert traffic.failed == [], traffic.summary()
    unknown = [w for w in traffic.warnings if not (KNOWN_WARNING.match(w) or OURS.match(w))]
    assert unknown == [], "warnings of a new kind:\n" + "\n".join(unknown)


def test_closing_the_tab_shuts_its_kernel_down(server, browser):
    page = open_page(browser)
    wait_ready(page, server.url, timeout_ms=90_000)
    kernel = page_kernel_id(page)
    assert kernel_pid(server.pid, kernel) is not None
    page.close(run_before_unload=True)  # as a user closes the tab
    deadline = time.monotonic() + 15
    while kernel_pid(server.pid, kernel) is not None and time.monotonic() < deadline:
        time.sleep(0.2)
    page.context.close()
    assert kernel_pid(server.pid, kernel) is None, (
        f"kernel {kernel} still runs 15 s after its page closed; server log:\n"
        + server.log.read_text(errors="replace")[-2000:]
    )


def test_command_line_choice_and_query_string_reach_the_kernel(browser):
    comparison = fw.load_comparison("python-web-frameworks")
    chosen = fw.recommend(comparison, "api-service").headline()
    linked = fw.recommend(comparison, "learning").headline()
    assert chosen != linked
    with voila_process(
        timeout=120, comparison="python-web-frameworks", preset="api-service"
    ) as other:
        page = open_page(browser)
        page.set_default_timeout(TIMEOUT_MS)
        wait_ready(page, other.url, timeout_ms=90_000)
        wait_headline(page, chosen)
        page.close(run_before_unload=True)
        page.context.close()
        # a link: the preheated kernel waited for this request and read its query string
        page = open_page(browser)
        page.set_default_timeout(TIMEOUT_MS)
        wait_ready(page, other.url + "?preset=learning", timeout_ms=90_000)
        wait_headline(page, linked)
        assert headline(page) == linked
        page.context.close()
