"""What every chart shares: percent ticks as precise as their spacing, names shown as written
(never as mathtext or TeX), notes and margins in plain words."""

from __future__ import annotations

import io
import re

import matplotlib
import matplotlib.pyplot as plt
import numpy as np
import pytest
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.text import Text

import fwcompare_nb as fw
from fwcompare_nb import plots
from fwcompare_nb.plots import comparison as charts
from fwcompare_nb.plots import robustness, style
from fwcompare_nb.reporting import export

from ._data import MARKUP_ALTERNATIVES, MARKUP_CRITERIA, markup_comparison


@pytest.fixture(autouse=True)
def _close():
    yield
    plt.close("all")


def tick_labels(ax) -> list[str]:
    ax.figure.canvas.draw()
    return [t.get_text() for t in ax.get_xticklabels()]


def test_percent_ticks_every_2_5_percent_read_as_written():
    fig, ax = plt.subplots()
    ax.set_xlim(0, 0.1)
    ax.set_xticks(np.arange(0, 0.101, 0.025))
    style.percent_axis(ax.xaxis)
    assert tick_labels(ax) == ["0%", "2.5%", "5%", "7.5%", "10%"]


@pytest.mark.parametrize(
    ("ticks", "expected"),
    [
        ([0, 0.2, 0.4], ["0%", "20%", "40%"]),
        ([0, 0.25, 0.5, 0.75, 1], ["0%", "25%", "50%", "75%", "100%"]),
        ([0.0, 0.0025, 0.005], ["0%", "0.25%", "0.5%"]),
        ([0.1, 0.125, 0.15], ["10%", "12.5%", "15%"]),
    ],
)
def test_percent_ticks_carry_the_decimals_their_spacing_needs(ticks, expected):
    fig, ax = plt.subplots()
    ax.set_xlim(min(ticks), max(ticks))
    ax.set_xticks(ticks)
    style.percent_axis(ax.xaxis)
    assert tick_labels(ax) == expected


def test_every_percent_axis_of_the_charts_follows_its_spacing(comparison):
    """Tornado, acceptability and disagreement: zoomed to ticks every 2.5%, none reads 8%."""
    sens = fw.sensitivity(comparison, "learning")
    smaa = fw.rank_acceptability(comparison, "learning", samples=300, seed=0)
    group = fw.group_decision(comparison, {"a": "learning", "b": "large-project"})
    for ax in (
        plots.plot_tornado(sens, comparison=comparison),
        plots.plot_acceptability(smaa),
        plots.plot_disagreement(group),
    ):
        ax.set_xlim(0, 0.1)
        ax.set_xticks(np.arange(0, 0.101, 0.025))
        assert tick_labels(ax) == ["0%", "2.5%", "5%", "7.5%", "10%"]


def test_more_note():
    assert style.more_note(185) == "+185 more alternatives: see the ranking table"
    assert style.more_note(1) == "+1 more alternative: see the ranking table"
    assert style.more_note(3, "criteria", "see the table") == "+3 more criteria: see the table"


def all_texts(fig) -> list[Text]:
    return [t for t in fig.findobj(Text) if t.get_text()]


def test_names_with_dollars_and_backslashes_render_as_written():
    comp = markup_comparison()
    rec = fw.recommend(comp)
    sens = fw.sensitivity(comp)
    smaa = fw.rank_acceptability(comp, samples=300, seed=0)
    people = {"$a$ team": {"price": 2, "cost": 1, "xy": 1}, "b_1 ^ team": {"cost": 1, "xy": 1}}
    group = fw.group_decision(comp, people, how="arithmetic")
    figures = export.draw_charts(comp, rec, sens, smaa)
    for draw in (
        lambda ax: plots.plot_ranking(rec, ax),
        lambda ax: plots.plot_contributions(rec, comp, ax),
        lambda ax: plots.plot_matrix(comp, ax, weights=rec.weights),
        lambda ax: plots.plot_tornado(sens, ax, comparison=comp),
        lambda ax: plots.plot_acceptability(smaa, ax),
        lambda ax: plots.plot_disagreement(group, ax),
    ):
        fig = Figure(layout="constrained")
        draw(fig.add_subplot())
        figures[str(draw)] = fig
    for name, fig in figures.items():
        FigureCanvasAgg(fig).draw()  # mathtext would raise on "$$", "$x$" would be an italic x
        shown = " | ".join(t.get_text() for t in all_texts(fig))
        for text in all_texts(fig):
            if "$" in text.get_text() or "\\" in text.get_text():
                assert not text.get_parse_math() and not text.get_usetex(), (name, text)
        # each chart names what it shows literally
        names = [*MARKUP_ALTERNATIVES, *MARKUP_CRITERIA]
        assert any(n in shown for n in names), (name, shown)
    # in the files too: SVG keeps the text as it is written
    svg = export.figure_bytes(figures["contributions"], "svg").decode()
    assert "Price ($) / Support ($$$)" in svg.replace("&amp;", "&")
    assert r"C:\tools\$HOME" in svg


def test_names_stay_literal_even_with_usetex_on():
    comp = markup_comparison()
    rec = fw.recommend(comp)
    with matplotlib.rc_context({"text.usetex": True}):
        fig = Figure()
        charts.plot_contributions(rec, comp, fig.add_subplot())
    for text in all_texts(fig):
        if "$" in text.get_text():
            assert not text.get_usetex()


def test_percent_formatter_is_the_default_of_percent_axis():
    fig, ax = plt.subplots()
    style.percent_axis(ax.xaxis)
    assert isinstance(ax.xaxis.get_major_formatter(), style.SpacingPercentFormatter)
    style.percent_axis(ax.xaxis, decimals=1)
    assert ax.xaxis.get_major_formatter()(0.5) == "50.0%"
    assert re.fullmatch(r"\d+%", style.SpacingPercentFormatter().format_pct(0.2, 1.0))
    assert robustness.percent_axis is style.percent_axis


def test_stamped_text_looks_like_text_and_stays_text_in_svg():
    """A StampText renders (Agg) what a Text renders, from a cached image the second time."""

    def render(make) -> np.ndarray:
        fig = Figure(figsize=(3, 1), dpi=72)
        FigureCanvasAgg(fig)
        ax = fig.add_subplot()
        ax.barh([0.5], [0.6], height=0.5, color="#E69F00")
        make(ax)
        fig.canvas.draw()
        return np.asarray(fig.canvas.buffer_rgba()).astype(int)

    label = {"fontsize": 10, "va": "center", **style.PLAIN}
    text = render(lambda ax: ax.text(0.1, 0.5, "Acme $5 plan 0.913", **label))
    style.StampText.stamps.clear()
    first = render(lambda ax: style.stamp_text(ax, 0.1, 0.5, "Acme $5 plan 0.913", **label))
    assert len(style.StampText.stamps) == 1
    again = render(lambda ax: style.stamp_text(ax, 0.1, 0.5, "Acme $5 plan 0.913", **label))
    assert len(style.StampText.stamps) == 1  # drawn from the cache
    assert np.abs(first - text).max() <= 2 and np.array_equal(first, again)
    fig = Figure()
    style.stamp_text(fig.add_subplot(), 0.1, 0.5, "Acme $5 plan", **label)
    buffer = io.BytesIO()
    fig.savefig(buffer, format="svg")
    assert "Acme $5 plan" in buffer.getvalue().decode()
