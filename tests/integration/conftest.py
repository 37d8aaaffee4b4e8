"""Everything under tests/integration/ is ``slow``: `make test-fast` leaves it out."""

from __future__ import annotations

from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent


def pytest_collection_modifyitems(config, items):
    for item in items:
        if HERE in item.path.resolve().parents:
            item.add_marker(pytest.mark.slow)


@pytest.fixture(scope="module")
def browser():
    """One headless Chromium per test module (Playwright's sync API allows one at a time);
    pages come from ``benchmarks._voila.open_page``. Skipped without Chromium outside CI."""
    from benchmarks._voila import chromium_browser

    from ._browser import require_browser

    require_browser()
    with chromium_browser() as chromium:
        yield chromium
