"""The live decision page in headless Chromium, from ``file://`` with every request blocked.

Loads with no request and no console error; a slider and the preset menu recompute the ranking
in the browser, equal to ``fw.rank`` for the same weights to 1e-9; hostile names stay text.
The screenshot of the ``learning`` preset goes to test-output/browser/live-page.png.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

import fwcompare_nb as fw
from fwcompare_nb.reporting.page import write_page

from ._browser import OUTPUT, TIMEOUT_MS

HOSTILE = ["<script>alert(1)</script>", '"quotes" & <b>bold</b>', "esc\x1b[2J name"]


@pytest.fixture(scope="module")
def comparison() -> fw.Comparison:
    return fw.load_comparison()


class Visit:
    """A page opened from file:// in a fresh context: other requests aborted and counted."""

    def __init__(self, browser, path) -> None:
        self.requests: list[str] = []
        self.errors: list[str] = []
        self.context = browser.new_context(viewport={"width": 1400, "height": 1000})
        self.context.add_init_script("window.alert = () => { window.__alerted = true; };")
        self.context.route("**/*", self._route)
        self.page = self.context.new_page()
        self.page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.goto(path.resolve().as_uri())
        self.page.wait_for_function("window.fwcReady === true", timeout=TIMEOUT_MS)

    def _route(self, route) -> None:
        self.requests.append(route.request.url)
        if route.request.url.startswith("file://"):
            route.continue_()
        else:
            route.abort()

    def scores(self) -> pd.Series:
        rows = self.page.evaluate(
            "fwcView.data('scores').map(d => [d.alternative, d.score, d.pos])"
        )
        return pd.Series({a: s for a, s, _ in rows}, name="score")

    def first(self) -> str:
        return self.page.evaluate("fwcView.data('scores').find(d => d.pos === 1).alternative")

    def headline(self) -> str:
        (text,) = self.page.evaluate("fwcView.data('headline').map(d => d.headline)")
        return text

    def close(self) -> None:
        self.context.close()


def assert_rank_equal(got: pd.Series, comparison, weights) -> None:
    expected = fw.rank(comparison, weights, "wsm")["score"]
    assert set(got.index) == set(expected.index)
    np.testing.assert_allclose(got[expected.index], expected, rtol=0, atol=1e-9)


def move_slider(page, i: int, value: float) -> None:
    """Set a range input as a user would, through its own input and change events."""
    page.eval_on_selector(
        f"#fwc-sliders input[type=range][name=w{i}]",
        """(el, v) => { el.value = String(v);
                        el.dispatchEvent(new Event('input', {bubbles: true}));
                        el.dispatchEvent(new Event('change', {bubbles: true})); }""",
        value,
    )


def test_live_page_offline_and_live(browser, comparison, tmp_path):
    path = write_page(comparison, tmp_path / "decision.html", "learning")
    visit = Visit(browser, path)
    page = visit.page
    try:
        # Loaded: the page itself and nothing else, no error.
        assert visit.requests == [path.resolve().as_uri()]
        assert visit.errors == []
        assert page.evaluate("document.querySelectorAll('#fwc-chart svg').length") >= 1
        assert_rank_equal(visit.scores(), comparison, "learning")
        rec = fw.recommend(comparison, "learning")
        assert visit.headline() == rec.headline()
        shown = page.eval_on_selector("#fwc-chart svg", "svg => svg.textContent")
        assert "Flask comes first (WSM score 0.780), 0.129 ahead of Django," in shown
        selected = page.eval_on_selector(
            "#fwc-preset select", "s => s.options[s.selectedIndex].textContent"
        )
        assert selected == comparison.preset_label("learning")
        OUTPUT.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(OUTPUT / "live-page.png"), full_page=True)

        # A slider that changes the answer: the admin interface weight from 0 to 10.
        ids = comparison.criterion_ids
        raw = comparison.profiles.loc["learning", ids].astype(float)
        moved = raw.copy()
        moved["admin_interface"] = 10.0
        winner = fw.rank(comparison, moved).index[0]
        assert winner != rec.winner  # the data gives a flip; the page must show it
        move_slider(page, ids.index("admin_interface"), 10)
        page.wait_for_function(
            "w => fwcView.data('scores').find(d => d.pos === 1).alternative === w",
            arg=winner,
            timeout=TIMEOUT_MS,
        )
        assert_rank_equal(visit.scores(), comparison, moved)
        assert visit.headline() == fw.recommend(comparison, moved).headline()
        assert page.eval_on_selector("#fwc-preset select", "s => s.value") == "custom"

        # The preset menu sets every slider, and the ranking follows.
        page.select_option("#fwc-preset select", label=comparison.preset_label("large-project"))
        page.wait_for_function(
            "v => fwcView.signal('w' + v[0]) === v[1]",
            arg=[ids.index("batteries_included"), 8],
            timeout=TIMEOUT_MS,
        )
        page.wait_for_function(
            "w => fwcView.data('scores').find(d => d.pos === 1).alternative === w",
            arg=fw.rank(comparison, "large-project").index[0],
            timeout=TIMEOUT_MS,
        )
        assert_rank_equal(visit.scores(), comparison, "large-project")
        values = page.eval_on_selector_all(
            "#fwc-sliders input[type=range]", "els => els.map(e => parseFloat(e.value))"
        )
        large = comparison.profiles.loc["large-project", ids].astype(float).tolist()
        assert values == large
        assert visit.headline() == fw.recommend(comparison, "large-project").headline()
        assert visit.errors == [] and len(visit.requests) == 1
    finally:
        visit.close()


def test_hostile_names_stay_text(browser, tmp_path):
    scores = pd.DataFrame(
        {"speed": [1.0, 3.0, 5.0], "cost": [10.0, 20.0, 15.0]},
        index=pd.Index(HOSTILE, name="alternative"),
    )
    criteria = pd.DataFrame(
        {
            "id": ["speed", "cost"],
            "name": ["<img src=x onerror=alert(2)>", "Cost"],
            "direction": ["benefit", "cost"],
            "weight": [2.0, 1.0],
        }
    )
    comp = fw.Comparison.from_frames(scores, criteria, name="<i>hostile</i>")
    visit = Visit(browser, write_page(comp, tmp_path / "hostile.html"))
    page = visit.page
    try:
        assert visit.errors == [] and len(visit.requests) == 1
        assert page.evaluate("document.querySelectorAll('img, b, i, iframe').length") == 0
        assert page.evaluate("document.querySelectorAll('script').length") == 4
        assert page.evaluate("window.__alerted === undefined")
        chart = page.eval_on_selector("#fwc-chart svg", "svg => svg.textContent")
        for name in HOSTILE[:2]:
            assert name in chart  # axis labels, the sentence: shown as written
        sliders = page.eval_on_selector("#fwc-sliders", "el => el.textContent")
        assert "<img src=x onerror=alert(2)>" in sliders
        assert page.title().startswith("<i>hostile</i>")
        assert_rank_equal(visit.scores(), comp, None)
        move_slider(page, 0, 0)  # speed off: cost alone decides
        page.wait_for_function(
            "w => fwcView.data('scores').find(d => d.pos === 1).alternative === w",
            arg=fw.rank(comp, {"cost": 1}).index[0],
            timeout=TIMEOUT_MS,
        )
        assert_rank_equal(visit.scores(), comp, {"cost": 1})
        assert page.evaluate("window.__alerted === undefined")
    finally:
        visit.close()
