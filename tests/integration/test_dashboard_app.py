"""The dashboard as an app, in Voila and headless Chromium: a link opens a view, the chooser
switches comparisons, uploads are validated, each download arrives in the browser and is a
valid file, and a copied link gives the same headline in a fresh browser. Throughout, the page
asks nothing of any host but 127.0.0.1 and logs no console error.

Screenshots: ``test-output/browser/dashboard-app-*.png``.
"""

from __future__ import annotations

import html
import io
import json
import xml.etree.ElementTree as ET
from contextlib import contextmanager

import matplotlib.image as mpimg
import pandas as pd
import pytest

import fwcompare_nb as fw
from benchmarks._voila import open_page, voila_server, wait_ready
from fwcompare_nb.io.profiles import read_profile, weights_for
from tests.conftest import CRITERIA_CSV, SCORES_CSV

from ._browser import OUTPUT, TIMEOUT_MS, headline, require_browser, state, wait_until

pytestmark = pytest.mark.browser

LABEL_7 = "Python Web Frameworks (7 alternatives)"


@pytest.fixture(scope="module")
def server():
    require_browser()
    with voila_server() as url:
        yield url


@pytest.fixture(scope="module")
def watch():
    """Every page's traffic, checked at the end of each test: nothing leaves 127.0.0.1 and
    nothing is logged as an error."""
    return []


@contextmanager
def fresh_page(browser, watch: list):
    """A page in a browser context of its own (no cookies, storage or cache from another)."""
    page = open_page(browser, record=True)
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    page.set_default_timeout(TIMEOUT_MS)
    watch.append(page.traffic)
    try:
        yield page
    finally:
        page.context.close()


def clean(watch: list) -> bool:
    bad = [t for t in watch if t.outside or t.errors or t.exceptions]
    assert not bad, "\n".join(t.summary() for t in bad)
    return True


def wait_text(page, selector: str, pattern: str) -> None:
    wait_until(
        page,
        f"{selector} to match /{pattern}/",
        "([s, p]) => { const el = document.querySelector(s);"
        " return el !== null && new RegExp(p).test(el.innerText); }",
        [selector, pattern],
    )


def wait_headline_is(page, text: str) -> None:
    wait_until(
        page,
        f"the headline {text!r}",
        "t => { const el = document.querySelector('.fwc-recommendation');"
        " return el !== null && el.innerText.trim() === t; }",
        text,
    )


def choose_file(page, button: str, name: str, data: bytes) -> None:
    """Pick a file in the upload button's file dialog, as a visitor does."""
    with page.expect_file_chooser() as chooser:
        page.click(button)
    chooser.value.set_files(files=[{"name": name, "mimeType": "text/csv", "buffer": data}])


def shot(page, name: str) -> None:
    OUTPUT.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(OUTPUT / f"dashboard-app-{name}.png"))


def test_link_opens_the_view_and_copy_link_reproduces_it(server, browser, watch, comparison):
    expected = fw.recommend(comparison, "large-project", "topsis").headline()
    with fresh_page(browser, watch) as page:
        wait_ready(page, server + "?comparison=django-vs-flask&preset=large-project&method=topsis")
        assert headline(page) == expected, state(page)
        assert page.locator(".fwc-dashboard-notes").is_hidden()
        # A weight the user moves, then the link copied the way a visitor would.
        handle = page.locator(".fwc-weight-learning_curve .noUi-handle")
        handle.focus()
        for _ in range(3):
            handle.press("ArrowRight")
        wait_until(
            page,
            "the link to carry the moved weights",
            "() => /weights=.*learning_curve:/.test("
            "document.querySelector('a.fwc-share-link').getAttribute('href'))",
        )
        moved = headline(page)
        page.click(".fwc-copy-link")
        wait_text(page, ".fwc-copy-status", "Copied")
        link = page.evaluate("navigator.clipboard.readText()")
        assert link.startswith(server + "?") and "method=topsis" in link, link
        shot(page, "link")
    with fresh_page(browser, watch) as page:  # a colleague opens it
        wait_ready(page, link)
        wait_headline_is(page, moved)
        assert page.inner_text(".fwc-method select option:checked").startswith("TOPSIS")
    assert clean(watch)


def test_bad_link_is_reported_and_falls_back(server, browser, watch, comparison):
    first = comparison.preset_ids[0]
    with fresh_page(browser, watch) as page:
        wait_ready(page, server + "?comparison=../../etc&preset=nope&bogus=%3Cb%3Ex")
        wait_headline_is(page, fw.recommend(comparison, first).headline())
        notes = page.inner_text(".fwc-dashboard-notes")
        assert "unknown comparison" in notes and "unknown parameter 'bogus'" in notes, notes
        assert page.locator(".fwc-dashboard-notes b", has_text="x").count() == 0
        shot(page, "bad-link")
    assert clean(watch)


def test_chooser_and_uploads(server, browser, watch, tmp_path):
    seven = fw.load_comparison("python-web-frameworks")
    with fresh_page(browser, watch) as page:
        wait_ready(page, server)
        page.select_option(".fwc-comparison select", label=LABEL_7)
        wait_headline_is(page, fw.recommend(seven, seven.preset_ids[0]).headline())
        assert page.locator(".fwc-weights .widget-slider").count() == len(seven.criterion_ids)
        wait_until(
            page,
            "the link to name the seven frameworks",
            "() => document.querySelector('a.fwc-share-link').getAttribute('href')"
            ".includes('comparison=python-web-frameworks')",
        )
        shot(page, "seven")

        # A bad scores file: one clear message naming it; the seven frameworks stay.
        before = headline(page)
        bad = "alternative,speed,cost,docs\nA,5,2,10\nA,3,1,20\n"
        choose_file(page, ".fwc-upload-scores", "bad scores.csv", bad.encode())
        choose_file(page, ".fwc-upload-criteria", "criteria.csv", CRITERIA_CSV.encode())
        wait_text(page, ".fwc-upload-scores", r"\(1\)")
        wait_text(page, ".fwc-upload-criteria", r"\(1\)")
        page.click(".fwc-use-upload")
        wait_text(page, ".fwc-upload-status", "bad scores.csv: line 3: duplicate alternative 'A'")
        assert headline(page) == before
        shot(page, "bad-upload")

        # Good files: their comparison replaces it, as the CLI would read them.
        choose_file(page, ".fwc-upload-scores", "mine.csv", SCORES_CSV.encode())
        choose_file(page, ".fwc-upload-criteria", "criteria.csv", CRITERIA_CSV.encode())
        wait_text(page, ".fwc-upload-scores", r"\(1\)")
        page.click(".fwc-use-upload")
        wait_text(page, ".fwc-upload-status", "Showing your upload 'mine'")
        scores, criteria = tmp_path / "s.csv", tmp_path / "c.csv"
        scores.write_text(SCORES_CSV)
        criteria.write_text(CRITERIA_CSV)
        wait_headline_is(page, fw.recommend(fw.read_csv(scores, criteria)).headline())
        wait_text(page, ".fwc-share", "cannot travel in a link")
        shot(page, "upload")
    assert clean(watch)


DOWNLOADS = {  # button class -> how many files it makes and how their names end
    "fwc-download-ranking": (1, "-ranking.csv"),
    "fwc-download-profile": (1, ".json"),
    "fwc-download-png": (5, ".png"),
    "fwc-download-svg": (5, ".svg"),
    "fwc-download-report": (1, "-report.html"),
    "fwc-download-record": (1, "-decision-record.md"),
    "fwc-download-page": (1, "-page.html"),
}


def fetch_downloads(page, button: str, count: int, suffix: str, tmp_path) -> dict[str, bytes]:
    """Click a download button, wait for its links, save each through the download event."""
    page.click(f".{button}")
    wait_until(
        page,
        f"{count} link(s) to *{suffix} from {button}",
        "([n, end]) => { const a = [...document.querySelectorAll("
        "'.fwc-download-links a.fwc-download-link')];"
        " return a.length === n && a.every(x => x.getAttribute('download').endsWith(end))"
        " && !document.querySelector('.fwc-downloads button:disabled'); }",
        [count, suffix],
    )
    files = {}
    for i in range(count):
        with page.expect_download() as info:
            page.locator(".fwc-download-links a.fwc-download-link").nth(i).click()
        download = info.value
        target = tmp_path / download.suggested_filename
        download.save_as(target)
        files[download.suggested_filename] = target.read_bytes()
    return files


def test_each_download_arrives_and_is_valid(server, browser, watch, comparison, tmp_path):
    with fresh_page(browser, watch) as page:
        wait_ready(page, server + "?preset=large-project&method=topsis")
        shown = headline(page)
        rec = fw.recommend(comparison, "large-project", "topsis")
        assert shown == rec.headline()
        got = {b: fetch_downloads(page, b, n, end, tmp_path) for b, (n, end) in DOWNLOADS.items()}
        shot(page, "downloads")

    (name, data), = got["fwc-download-ranking"].items()  # fmt: skip
    assert name.endswith("-large-project-ranking.csv")
    table = pd.read_csv(io.BytesIO(data))
    expected = fw.rank(comparison, rec.weights, "topsis").reset_index()
    assert list(table["alternative"]) == list(expected["alternative"])
    assert table["score"].to_numpy() == pytest.approx(expected["score"].to_numpy(), abs=1e-12)
    assert list(table["rank"]) == list(expected["rank"])

    (name, data), = got["fwc-download-profile"].items()  # fmt: skip
    path = tmp_path / "profiles" / name
    path.parent.mkdir()
    path.write_bytes(data)
    saved = read_profile(path)  # as the CLI (--weights-file) and the explorer read it
    assert saved.method == "topsis"
    assert weights_for(saved, comparison).to_numpy() == pytest.approx(rec.weights.to_numpy())
    assert json.loads(data)["schema"] == "fwcompare.weights"

    pngs = got["fwc-download-png"]
    assert len(pngs) == 5 and all(n.endswith(".png") for n in pngs)
    for data in pngs.values():
        image = mpimg.imread(io.BytesIO(data), format="png")
        assert image.shape[0] > 100 and image.shape[1] > 100
    svgs = got["fwc-download-svg"]
    assert len(svgs) == 5
    for data in svgs.values():
        assert ET.fromstring(data).tag.endswith("svg")

    (name, data), = got["fwc-download-report"].items()  # fmt: skip
    assert name.endswith("-report.html")
    report = data.decode("utf-8")
    assert rec.headline() in report or html.escape(rec.headline()) in report
    with fresh_page(browser, watch) as page:  # the report opens on its own, offline
        path = tmp_path / name
        page.goto(path.as_uri())
        assert page.locator("img").count() >= 3

    (name, data), = got["fwc-download-record"].items()  # fmt: skip
    record = data.decode("utf-8")
    assert record.startswith("---\nstatus: proposed\n") and rec.headline() in record
    (name, data), = got["fwc-download-page"].items()  # fmt: skip
    assert data.decode("utf-8").lstrip().lower().startswith("<!doctype html")
    assert clean(watch)


def test_own_scores_and_must_haves_in_the_page(server, browser, watch, tmp_path):
    pwf = fw.load_comparison(fw.config.DATA_DIR / "python-web-frameworks")
    reason = "<b>we</b> use Flask-Sock"
    with fresh_page(browser, watch) as page:
        wait_ready(page, server + "?comparison=python-web-frameworks&preset=async-realtime")
        page.select_option(".fwc-evidence-criterion select", label="Async and real-time")
        wait_until(page, "the scale's minimum in the must-have box",
                   "() => document.querySelector('.fwc-require-bound input').value === '1'")  # fmt: skip
        page.fill(".fwc-require-bound input", "3")
        page.press(".fwc-require-bound input", "Enter")
        page.click(".fwc-require")
        screened = pwf.with_requirements(["async_support>=3"])
        wait_headline_is(page, fw.recommend(screened, "async-realtime").headline())
        assert "Ruled out: Flask (Async and real-time 2 < 3)" in headline(page)
        wait_until(page, "the link to carry the must-have",
                   "() => /require=/.test(document.querySelector('a.fwc-share-link')"
                   ".getAttribute('href'))")  # fmt: skip
        # Your own score for Flask lets it pass; the reason stays text.
        page.select_option(".fwc-own-alternative select", label="Flask")
        # The kernel answers the choice by showing Flask's data score; typing before that
        # arrives would be overwritten by it.
        wait_until(page, "Flask's data score in the score box",
                   "() => document.querySelector('.fwc-own-score input').value === '2'")  # fmt: skip
        page.fill(".fwc-own-score input", "3")
        page.press(".fwc-own-score input", "Enter")
        page.fill(".fwc-own-reason input", reason)
        page.press(".fwc-own-reason input", "Enter")
        page.click(".fwc-own-use")
        mine = screened.with_scores({("Flask", "async_support"): (3, reason)})
        wait_headline_is(page, fw.recommend(mine, "async-realtime").headline())
        assert "With 1 of your own score." in headline(page)
        evidence = page.inner_text(".fwc-evidence")
        assert "3 (yours; data 2)" in evidence and f"Your reason: {reason}" in evidence
        assert page.locator(".fwc-evidence b", has_text="we").count() == 0
        wait_until(page, "the rebuilt charts drawn",
                   "() => [...document.querySelectorAll('.fwc-chart-ranking canvas')]"
                   ".some(c => c.width > 100)")  # fmt: skip
        shot(page, "judgement")
        link = page.get_attribute("a.fwc-share-link", "href")
    with fresh_page(browser, watch) as page:  # a colleague opens the link: the same answer
        wait_ready(page, server + link)
        wait_headline_is(page, fw.recommend(mine, "async-realtime").headline())
    assert clean(watch)
