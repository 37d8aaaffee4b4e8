"""Blitted redraws: after every weight change the chart shows exactly what a full render shows,
a changed background (order, axis) forces a full render, and no frame waits for the browser."""

from __future__ import annotations

import random

import numpy as np
import pytest

from fwcompare_nb.app.explorer import SLIDER_MAX, SLIDER_STEP, Explorer
from fwcompare_nb.app.live_canvas import LiveCanvas
from fwcompare_nb.io.profiles import ProfileStore


@pytest.fixture
def live(comparison, tmp_path):
    """An explorer whose canvases act as if a browser view had initialised them."""
    ex = Explorer(comparison, store=ProfileStore(tmp_path / "profiles"))
    for canvas in (ex.canvas_ranking, ex.canvas_contrib):
        canvas.syncing_data_url = False  # ipympl sets this when the view says "initialized"
    ex.update()
    return ex


def pixels(canvas: LiveCanvas) -> np.ndarray:
    return np.asarray(canvas.get_renderer().buffer_rgba()).copy()


@pytest.mark.slow
def test_every_blitted_frame_equals_a_full_render(live):
    rng = random.Random(7)
    ids = list(live.sliders)
    canvases = (live.canvas_ranking, live.canvas_contrib)
    blits_before = [c.blits for c in canvases]
    for method in ("wsm", "topsis", "wpm"):
        live.method.value = method
        for _ in range(15):
            slider = live.sliders[rng.choice(ids)]
            step = rng.choice((-2, -1, 1, 2)) * SLIDER_STEP
            slider.value = min(SLIDER_MAX, max(0.0, slider.value + step))
            for canvas in canvases:
                shown = pixels(canvas)
                canvas.draw()  # a full render of the same state
                assert np.array_equal(shown, pixels(canvas)), canvas._dom_classes
    # the fast path was taken (the WSM contributions axis is fixed, the ranking's too)
    assert [c.blits for c in canvases] > blits_before
    assert all(c.blits > 10 for c in canvases), [c.blits for c in canvases]


def test_a_new_order_renders_in_full(live, comparison):
    canvas = live.canvas_ranking
    live.apply_profile("learning")
    assert live.recommendation.winner == "Flask"
    full = canvas.full_draws
    live.apply_profile("large-project")  # Django first: tick labels and title change
    assert live.recommendation.winner == "Django"
    assert canvas.full_draws == full + 1
    shown = pixels(canvas)
    canvas.draw()
    assert np.array_equal(shown, pixels(canvas))


def test_without_a_browser_view_ipympl_draws_on_request(comparison, tmp_path):
    ex = Explorer(comparison, store=ProfileStore(tmp_path / "profiles"))
    canvas = ex.canvas_ranking
    assert canvas.syncing_data_url  # no view has initialised it
    before = (canvas.full_draws, canvas.blits)
    ex.sliders["admin_interface"].value = 7.0
    assert (canvas.full_draws, canvas.blits) == before  # draw_idle: the view will ask
    canvas.handle_draw({"type": "draw"})  # what the view sends: a full frame, bars included
    assert canvas.full_draws == before[0] + 1
    widths = [bar.get_width() for bar in ex.chart_ranking.bars.values()]
    assert all(w > 0 for w in widths)


@pytest.mark.slow
def test_blitted_frames_equal_full_renders_when_the_top_changes(tmp_path):
    """More alternatives than bars and more criteria than segments: the alternatives shown
    (names that move with the bars) and the criteria with a segment of their own (the legend,
    a new background) change with the weights; every frame is still a full render's twin."""
    from tests.unit.plots._data import random_comparison

    comp = random_comparison(20, 10, seed=3)
    ex = Explorer(comp, store=ProfileStore(tmp_path / "profiles"))
    canvases = (ex.canvas_ranking, ex.canvas_contrib)
    for canvas in canvases:
        canvas.syncing_data_url = False
    ex.update()
    rng = random.Random(11)
    ids = list(ex.sliders)
    tops, legends = set(), set()
    full_before = ex.canvas_contrib.full_draws
    for _ in range(40):
        slider = ex.sliders[rng.choice(ids)]
        slider.value = rng.choice((0.0, SLIDER_MAX, slider.value + SLIDER_STEP))
        tops.add(tuple(ex.chart_ranking.order))
        legends.add(tuple(ex.chart_contrib.criteria_shown))
        for canvas in canvases:
            shown = pixels(canvas)
            canvas.draw()
            assert np.array_equal(shown, pixels(canvas)), canvas._dom_classes
    assert len(tops) > 5 and len(legends) > 1  # both changed along the way
    assert ex.canvas_ranking.blits > 20  # new orders were blits
    assert ex.canvas_contrib.full_draws > full_before + 1  # a new legend: full renders
