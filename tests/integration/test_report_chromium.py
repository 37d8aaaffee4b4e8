"""The self-contained decision report in Chromium: every preset's report renders offline with
its charts, hostile names show literally, and the PDF prints."""

from __future__ import annotations

import pytest

import fwcompare_nb as fw
from fwcompare_nb.reporting import export
from fwcompare_nb.reporting.report import write_report
from tests.conftest import ROOT
from tests.unit.reporting.test_report import (
    CAFE,
    CLAIM,
    CRIT,
    NAME,
    RATIONALE,
    SAMPLES,
    SCRIPT,
    SOURCE,
)
from tests.unit.reporting.test_report import hostile as hostile  # the fixture, shared

from ._browser import OUTPUT, require_browser

pytestmark = pytest.mark.browser

REPORTS = ROOT / "test-output" / "reports"


def _watch(page) -> dict[str, list]:
    """Collect, from now on, what goes wrong on the page: console errors, page errors, dialogs
    and any request that is not a local file or a data URI."""
    seen: dict[str, list] = {"console": [], "errors": [], "requests": [], "dialogs": []}
    page.on("console", lambda m: m.type == "error" and seen["console"].append(m.text))
    page.on("pageerror", lambda e: seen["errors"].append(str(e)))
    page.on("dialog", lambda d: (seen["dialogs"].append(d.message), d.dismiss()))
    page.on(
        "request",
        lambda r: r.url.startswith(("file:", "data:")) or seen["requests"].append(r.url),
    )
    return seen


def _images_loaded(page) -> list[list]:
    return page.evaluate(
        "Array.from(document.images).map(i => [i.complete, i.naturalWidth, i.naturalHeight])"
    )


def test_every_preset_report_renders_in_chromium(comparison):
    require_browser()
    from benchmarks._voila import chromium_page

    REPORTS.mkdir(parents=True, exist_ok=True)
    OUTPUT.mkdir(parents=True, exist_ok=True)
    profiles = list(comparison.profiles.index)
    assert len(profiles) == 5
    with chromium_page(viewport=(1100, 900)) as page:
        seen = _watch(page)
        for profile in profiles:
            path = REPORTS / f"report-{profile}.html"
            write_report(comparison, path, profile, profile=profile)
            rec = fw.recommend(comparison, profile)
            page.goto(path.resolve().as_uri(), wait_until="load")
            images = _images_loaded(page)
            assert len(images) == len(export.CHARTS)
            assert all(done and w > 0 and h > 0 for done, w, h in images), images
            assert page.inner_text("#winner") == rec.winner
            assert page.inner_text("#margin") == f"{rec.margin:.3f}"
            assert page.inner_text("#headline") == rec.headline()
            shot = OUTPUT / f"report-{profile}.png"
            page.screenshot(path=str(shot), full_page=True)
            assert shot.stat().st_size > 10_000
            assert not any(seen.values()), (profile, seen)


def test_hostile_report_in_chromium_shows_names_literally(hostile, tmp_path):
    require_browser()
    from benchmarks._voila import chromium_page

    _, full = hostile
    path = write_report(full, tmp_path / "hostile.html", samples=SAMPLES)
    rec = fw.recommend(full)
    with chromium_page(viewport=(1100, 900)) as page:
        seen = _watch(page)
        page.goto(path.resolve().as_uri(), wait_until="load")
        text = page.inner_text("body")
        for literal in (NAME, SCRIPT, CAFE, CRIT, RATIONALE, SOURCE, CLAIM):
            assert literal in text, literal
        assert page.inner_text("#winner") == rec.winner == SCRIPT
        assert page.inner_text("#margin") == f"{rec.margin:.3f}"
        assert page.evaluate("document.querySelectorAll('script, i, b, img[src=x]').length") == 0
        assert page.evaluate("document.querySelectorAll('h1').length") == 1
        assert page.title() == f"{full.name}: {NAME} vs {SCRIPT} vs {CAFE}"
        assert all(done and w > 0 for done, w, _ in _images_loaded(page))
    assert not any(seen.values()), seen


def test_pdf_report(comparison, tmp_path):
    require_browser()
    out = write_report(
        comparison, tmp_path / "report.pdf", "large-project", fmt="pdf", samples=SAMPLES
    )
    data = out.read_bytes()
    assert data.startswith(b"%PDF") and b"%%EOF" in data[-1024:]
    assert len(data) > 50_000  # the charts are in it
    assert [p.name for p in tmp_path.iterdir()] == ["report.pdf"]
