"""Charts of how firm a recommendation is: the tornado and the rank acceptability keep each
alternative's colour (the comparison's order, never "the winner is blue") and stay bounded."""

from __future__ import annotations

import matplotlib.pyplot as plt
import pytest
from matplotlib.colors import to_hex
from matplotlib.figure import Figure

import fwcompare_nb as fw
from fwcompare_nb import plots
from fwcompare_nb.plots import robustness
from fwcompare_nb.plots.style import TOP_ALTERNATIVES

from ._data import random_comparison


@pytest.fixture(autouse=True)
def _close():
    yield
    plt.close("all")


def stable_colour(ax) -> str:
    """The colour of the tornado's "winner stays first" bars (the middle one of each row)."""
    bars = [p for p in ax.patches if p.get_width() > 0 and p.get_alpha() in (None, 1.0)]
    colours = {to_hex(p.get_facecolor()) for p in bars}
    assert len(colours) == 1, colours
    return colours.pop()


def test_tornado_paints_the_winner_in_its_own_colour(comparison):
    colors = plots.alternative_colors(comparison.alternatives)
    sens = fw.sensitivity(comparison, "learning")
    assert sens.winner == "Flask" and comparison.alternatives.index("Flask") > 0
    for ax in (
        plots.plot_tornado(sens),  # no colours given: still not "the winner is blue"
        plots.plot_tornado(sens, comparison=comparison),
        plots.plot_tornado(sens, colors=colors),
    ):
        assert stable_colour(ax) == colors["Flask"].lower()


@pytest.mark.parametrize("profile", ["api-service", "large-project", "async-realtime"])
def test_one_colour_per_alternative_in_every_chart(profile):
    comp = fw.load_comparison("data/python-web-frameworks")
    colors = {a: c.lower() for a, c in plots.alternative_colors(comp.alternatives).items()}
    rec = fw.recommend(comp, profile)
    sens = fw.sensitivity(comp, profile)
    smaa = fw.rank_acceptability(comp, profile, samples=500, seed=0)

    ax = plots.plot_ranking(rec)
    assert {p.get_gid(): to_hex(p.get_facecolor()) for p in ax.patches} == colors

    fig = Figure()
    chart = plots.ContributionsChart(
        fig.add_subplot(), comp, plots.alternative_colors(comp.alternatives)
    )
    chart.update(rec)
    swatches = [to_hex(c) for c in chart.swatches.get_facecolor()]
    assert dict(zip(chart.order, swatches, strict=True)) == colors

    ax = plots.plot_tornado(sens, comparison=comp)
    assert stable_colour(ax) == colors[sens.winner]

    fig = Figure()
    acc = robustness.AcceptabilityChart(fig.add_subplot(), comp.alternatives,
                                        plots.alternative_colors(comp.alternatives))  # fmt: skip
    acc.update(smaa.acceptability, order=rec.ranking.index)
    for (alt, rank), seg in acc.segments.items():
        assert to_hex(seg.get_facecolor()) == colors[alt], (alt, rank)
    # the static chart: each row's segments in the colour of the alternative named there
    ax = plots.plot_acceptability(smaa, order=rec.ranking.index)
    names = [t.get_text() for t in ax.get_yticklabels()]
    for p in ax.patches:
        row = round(p.get_y() + p.get_height() / 2)
        assert to_hex(p.get_facecolor()) == colors[names[row]]


def test_acceptability_of_forty_alternatives_shows_the_top_and_sums_the_low_ranks():
    comp = random_comparison(40, 8)
    rec = fw.recommend(comp)
    smaa = fw.rank_acceptability(comp, samples=400, seed=1)
    ax = plots.plot_acceptability(smaa, order=rec.ranking.index)
    top = list(rec.ranking.index[:TOP_ALTERNATIVES])
    assert [t.get_text() for t in ax.get_yticklabels()] == top
    note = f"+{40 - TOP_ALTERNATIVES} more alternatives: see the ranking table"
    assert note in [t.get_text() for t in ax.texts]
    ranks = robustness.TOP_RANKS + 1
    assert len(ax.patches) == TOP_ALTERNATIVES * ranks  # not 40 x 40
    # each bar still adds up to 100%
    fig = Figure()
    chart = robustness.AcceptabilityChart(fig.add_subplot(), comp.alternatives, {})
    chart.update(smaa.acceptability, order=rec.ranking.index)
    for alt in top:
        widths = [chart.segments[alt, r].get_width() for r in chart.ranks]
        assert sum(widths) == pytest.approx(1.0)
        assert widths[0] == pytest.approx(smaa.acceptability.at[alt, 1])
    # a long sentence does not make a title of forty names
    assert len(ax.get_title(loc="left")) < 200


def test_acceptability_orders_by_first_rank_share_by_default(comparison):
    smaa = fw.rank_acceptability(comparison, "learning", samples=500, seed=0)
    ax = plots.plot_acceptability(smaa)
    first = smaa.acceptability[1].sort_values(ascending=False)
    assert [t.get_text() for t in ax.get_yticklabels()] == list(first.index)
