"""Plots draw what the recommendation says (Agg backend, no windows): ranking, contributions and
matrix, static (``plot_*``) and live (``*Chart``), in one order, one colour per alternative and a
bounded number of artists whatever the comparison's size."""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import pytest
from matplotlib.colors import to_hex, to_rgb, to_rgba
from matplotlib.figure import Figure

import fwcompare_nb as fw
from fwcompare_nb import plots
from fwcompare_nb.plots import comparison as charts
from fwcompare_nb.plots.style import (
    CRITERION_COLORS,
    OKABE_ITO,
    OTHER_COLOR,
    TOP_ALTERNATIVES,
    TOP_CRITERIA,
    shorten,
)

from ._data import random_comparison


@pytest.fixture(autouse=True)
def _close():
    yield
    plt.close("all")


def names_shown(chart) -> list[str]:
    """The alternatives' names as the chart writes them, top row first."""
    return [t.get_text() for t in reversed(chart.row_names.texts) if t.get_text()]


def written(ax, names) -> dict[str, float]:
    """Texts of ``ax`` that write one of ``names`` (and can be seen) -> their height."""
    return {t.get_text(): t.get_position()[1] for t in ax.texts
            if t.get_text() in names and to_rgba(t.get_color())[3] > 0}  # fmt: skip


def segments_by_bar(ax) -> dict[str, list]:
    """Contribution segments (gid ``alternative|criterion``) with a width, by alternative."""
    bars: dict[str, list] = {}
    for p in ax.patches:
        gid = p.get_gid() or ""
        if "|" in gid and p.get_width() > 0:
            bars.setdefault(gid.split("|")[0], []).append(p)
    return bars


def test_ranking_bars_match_scores(comparison):
    rec = fw.recommend(comparison, "learning")
    ax = plots.plot_ranking(rec)
    bars = {p.get_gid(): p.get_width() for p in ax.patches}
    assert bars == pytest.approx(rec.ranking["score"].to_dict())
    assert "Flask" in ax.get_title(loc="left")
    colors = plots.alternative_colors(comparison.alternatives)
    for patch in ax.patches:
        assert np.allclose(patch.get_facecolor()[:3], to_rgb(colors[patch.get_gid()]))


def test_contributions_bars_match(comparison):
    rec = fw.recommend(comparison, "large-project")
    ax = plots.plot_contributions(rec, comparison)
    widths = {p.get_gid(): p.get_width() for p in ax.patches if "|" in (p.get_gid() or "")}
    top = abs(rec.contributions).sum().sort_values(ascending=False).index[0]
    assert widths[f"Django|{top}"] == pytest.approx(rec.contributions.at["Django", top])
    # WSM: each bar's segments, "other" included, add up to the score
    for alt, segs in segments_by_bar(ax).items():
        assert sum(s.get_width() for s in segs) == pytest.approx(rec.ranking.at[alt, "score"])


@pytest.mark.parametrize("method", ["wsm", "wpm", "topsis"])
def test_ranking_and_contributions_share_one_order_best_first(method):
    comp = fw.load_comparison("data/python-web-frameworks")
    rec = fw.recommend(comp, "api-service", method)
    best_first = list(rec.ranking.index)
    assert best_first != comp.alternatives  # the test means something
    fig, (a1, a2) = plt.subplots(1, 2)
    ranking = charts.RankingChart(
        a1, comp.alternatives, plots.alternative_colors(comp.alternatives)
    )
    contributions = charts.ContributionsChart(a2, comp, plots.alternative_colors(comp.alternatives))
    ranking.update(rec)
    contributions.update(rec)
    assert names_shown(ranking) == names_shown(contributions) == best_first
    assert ranking.order == contributions.order == best_first
    # top to bottom on the page too: the best bar is the highest
    for chart, ax in ((ranking, a1), (contributions, a2)):
        ys = [t.get_position()[1] for t in reversed(chart.row_names.texts)]
        assert ys == sorted(ys, reverse=True)
        bars = (
            segments_by_bar(ax)
            if chart is contributions
            else {a: [b] for a, b in ranking.bars.items()}
        )
        tops = [max(p.get_y() for p in bars[a]) for a in best_first]
        assert tops == sorted(tops, reverse=True)
    # the plot_* functions keep the same order
    ax_r = plots.plot_ranking(rec)
    ax_c = plots.plot_contributions(rec, comp)
    for ax in (ax_r, ax_c):
        rows = written(ax, best_first)
        assert sorted(rows, key=rows.get, reverse=True) == best_first


def test_contributions_show_top_criteria_other_and_a_legend(comparison):
    assert len(comparison.criterion_ids) > TOP_CRITERIA + 1  # 21 criteria
    rec = fw.recommend(comparison, "learning")
    ax = plots.plot_contributions(rec, comparison)
    bars = segments_by_bar(ax)
    assert set(bars) == set(comparison.alternatives)
    for segs in bars.values():
        assert len(segs) <= TOP_CRITERIA + 1
    size = rec.contributions.abs().sum().sort_values(ascending=False, kind="stable")
    top = list(size.index[:TOP_CRITERIA])
    legend = [t.get_text() for t in ax.get_legend().get_texts()]
    names = comparison.criterion_names
    assert legend[:TOP_CRITERIA] == [shorten(names[c], 30) for c in top]
    rest = len(comparison.criterion_ids) - TOP_CRITERIA
    assert legend[-1] == f"other {rest} criteria"
    # "other" is the rest, summed
    for alt, segs in bars.items():
        other = [s for s in segs if s.get_gid().endswith("|other")]
        expected = rec.contributions.loc[alt].drop(top).sum()
        assert other[0].get_width() == pytest.approx(expected)


def test_each_criterion_has_one_colour_apart_from_the_alternatives(comparison):
    rec = fw.recommend(comparison, "large-project")
    ax = plots.plot_contributions(rec, comparison)
    by_criterion: dict[str, set] = {}
    for segs in segments_by_bar(ax).values():
        for s in segs:
            by_criterion.setdefault(s.get_gid().split("|")[1], set()).add(to_hex(s.get_facecolor()))
    assert all(len(c) == 1 for c in by_criterion.values()), by_criterion
    used = [next(iter(c)) for c in by_criterion.values()]
    assert len(set(used)) == len(used)
    assert not {c.lower() for c in used} & {c.lower() for c in OKABE_ITO}
    assert {c.lower() for c in used} <= {c.lower() for c in (*CRITERION_COLORS, OTHER_COLOR)}
    # the legend's colours are the segments' colours, criterion by criterion
    size = rec.contributions.abs().sum().sort_values(ascending=False, kind="stable")
    keys = [*size.index[:TOP_CRITERIA], "other"]
    legend = ax.get_legend()
    for key, handle in zip(keys, legend.legend_handles, strict=True):
        assert by_criterion[key] == {to_hex(handle.get_facecolor())}


def test_a_criterion_keeps_its_colour_while_it_stays_among_the_top(comparison):
    fig = Figure()
    chart = charts.ContributionsChart(fig.add_subplot(), comparison,
                                      plots.alternative_colors(comparison.alternatives))  # fmt: skip

    def colours() -> dict[str, str]:
        return {s.get_gid().split("|")[1]: to_hex(s.get_facecolor())
                for s in chart.segments.values()}  # fmt: skip

    before = None
    for profile in comparison.preset_ids:
        chart.update(fw.recommend(comparison, profile))
        now = colours()
        if before is not None:
            stayed = set(now) & set(before) - {"other"}
            assert {c: now[c] for c in stayed} == {c: before[c] for c in stayed}
        assert len(set(now.values())) == len(now)  # distinct within the chart
        before = now
    # same weights twice: same criteria, same colours, same legend (no background change)
    rec = fw.recommend(comparison, "learning")
    chart.update(rec)
    key = chart.background_key()
    chart.update(fw.recommend(comparison, rec.weights * 1.0))
    assert chart.background_key() == key


def test_contributions_swatch_in_each_alternatives_colour(comparison):
    rec = fw.recommend(comparison, "learning")
    fig = Figure()
    colors = plots.alternative_colors(comparison.alternatives)
    chart = charts.ContributionsChart(fig.add_subplot(), comparison, colors)
    chart.update(rec)
    faces = [to_hex(c) for c in chart.swatches.get_facecolor()]
    assert faces == [colors[a].lower() for a in chart.order]


def test_matrix_shows_every_score(comparison):
    ax = plots.plot_matrix(comparison, weights=comparison.profile_weights("learning"))
    texts = [t.get_text() for t in ax.texts]
    assert len(texts) == comparison.scores.size
    labels = [t.get_text() for t in ax.get_yticklabels()]
    assert any(label.startswith("Learning curve (cost)") for label in labels)
    assert ax.get_xlabel() == ""  # no "showing the best ..." note: everything is shown


def test_draws_on_given_axes(comparison):
    fig, ax = plt.subplots()
    assert plots.plot_ranking(fw.recommend(comparison), ax=ax) is ax
    assert len(plt.get_fignums()) == 1


def test_palette_is_stable_and_distinct():
    colors = plots.alternative_colors(["a", "b", "c"])
    assert len(set(colors.values())) == 3
    assert plots.alternative_colors(["a", "b", "c"]) == colors


def test_forty_alternatives_show_the_top_and_say_how_many_more():
    comp = random_comparison(40, 12)
    rec = fw.recommend(comp)
    top = list(rec.ranking.index[:TOP_ALTERNATIVES])
    note = f"+{40 - TOP_ALTERNATIVES} more alternatives: see the ranking table"

    ax = plots.plot_ranking(rec)
    bars = [p for p in ax.patches if p.get_width() > 0]
    assert len(bars) == TOP_ALTERNATIVES
    assert {p.get_gid() for p in bars} == set(top)
    assert note in [t.get_text() for t in ax.texts]

    ax = plots.plot_contributions(rec, comp)
    assert set(segments_by_bar(ax)) == set(top)
    assert note in [t.get_text() for t in ax.texts]

    ax = plots.plot_matrix(comp, weights=rec.weights)
    assert [t.get_text() for t in ax.get_xticklabels()] == top
    assert len(ax.texts) == TOP_ALTERNATIVES * 12
    assert "15 best-ranked of 40 alternatives" in ax.get_xlabel()


def test_matrix_of_many_criteria_shows_the_weightiest():
    comp = random_comparison(20, 40)
    w = comp.weights
    ax = plots.plot_matrix(comp, weights=w)
    rows = [t.get_text() for t in ax.get_yticklabels()]
    assert len(rows) == charts.MATRIX_CRITERIA
    heaviest = w.sort_values(ascending=False, kind="stable").index[: charts.MATRIX_CRITERIA]
    names = comp.criterion_names
    assert {r.rsplit("  ", 1)[0].removesuffix(" (cost)") for r in rows} == {
        names[c] for c in heaviest
    }
    assert "25 weightiest of 40 criteria" in ax.get_xlabel()


@pytest.mark.parametrize(("n_alt", "n_crit"), [(200, 20), (1000, 50)])
def test_live_charts_make_a_bounded_number_of_artists(n_alt, n_crit):
    comp = random_comparison(n_alt, n_crit)
    rec = fw.recommend(comp)
    colors = plots.alternative_colors(comp.alternatives)
    fig = Figure()
    a1, a2, a3 = fig.subplots(1, 3)
    ranking = charts.RankingChart(a1, comp.alternatives, colors)
    contributions = charts.ContributionsChart(a2, comp, colors)
    charts.MatrixChart(a3, comp)
    for chart in (ranking, contributions):
        chart.update(rec)
    n, k = TOP_ALTERNATIVES, TOP_CRITERIA
    assert len(a1.patches) == n and len(ranking.dynamic_artists()) <= 3 * n + 1
    assert len(a2.patches) == n * (k + 1)
    assert len(contributions.dynamic_artists()) <= n * (k + 1) + n + 3
    assert len(a3.texts) == n * min(n_crit, charts.MATRIX_CRITERIA)
    assert len(fig.findobj()) < 2500


def test_live_charts_follow_a_changing_top(comparison):
    """The bars lent to the alternatives that enter the top N show them, in their colours."""
    comp = random_comparison(40, 6)
    colors = plots.alternative_colors(comp.alternatives)
    fig = Figure()
    chart = charts.RankingChart(fig.add_subplot(), comp.alternatives, colors)
    patches = list(chart.ax.patches)
    for cid in comp.criterion_ids:
        rec = fw.recommend(comp, {cid: 1})
        chart.update(rec)
        top = list(rec.ranking.index[:TOP_ALTERNATIVES])
        assert list(chart.bars) and set(chart.bars) == set(top)
        for alt, bar in chart.bars.items():
            assert bar.get_gid() == alt
            assert to_hex(bar.get_facecolor()) == colors[alt].lower()
            assert bar.get_width() == pytest.approx(rec.ranking.at[alt, "score"])
        assert names_shown(chart) == top
    assert list(chart.ax.patches) == patches  # the same artists throughout


def test_close_race_scores_show_enough_digits_and_a_tie_says_so():
    scores = pd.DataFrame({"alternative": ["A", "B", "C"], "x": [1.0, 1.0, 0.0],
                           "y": [0.0, 0.0002, 1.0]})  # fmt: skip
    criteria = pd.DataFrame({"id": ["x", "y"], "weight": [1.0, 1.0], "min": [0, 0],
                             "max": [1, 1]})  # fmt: skip
    comp = fw.Comparison.from_frames(scores, criteria)
    rec = fw.recommend(comp, {"x": 0.9, "y": 0.1})
    assert not rec.tie and 0 < rec.margin < 0.0005
    fig = Figure()
    chart = charts.RankingChart(fig.add_subplot(), comp.alternatives, {})
    chart.update(rec)
    first, second = (chart.labels[a].get_text().strip() for a in rec.ranking.index[:2])
    assert first != second  # not both "0.900"
    assert chart.ax.get_title(loc="left") == f"Ranking: {rec.winner} first"

    tied = fw.recommend(fw.Comparison.from_frames(scores.assign(y=[0.0, 0.0, 1.0]), criteria),
                        {"x": 0.9, "y": 0.1})  # fmt: skip
    assert tied.tie
    chart.update(tied)
    assert chart.ax.get_title(loc="left") == "Ranking: A and B tie for first"
    assert charts.score_decimals(tied) == 3


def test_criteria_that_contribute_nothing_get_no_segment_nor_legend_entry(comparison):
    rec = fw.recommend(comparison, {"learning_curve": 2, "documentation": 1})
    ax = plots.plot_contributions(rec, comparison)
    legend = [t.get_text() for t in ax.get_legend().get_texts() if t.get_text()]
    names = comparison.criterion_names
    assert legend == [names["learning_curve"], names["documentation"], "other 19 criteria"]
    for segs in segments_by_bar(ax).values():
        assert {s.get_gid().split("|")[1] for s in segs} <= {"learning_curve", "documentation"}


@pytest.mark.parametrize("method", ["wsm", "wpm", "topsis"])
def test_a_single_alternative_draws_without_warnings(method, recwarn):
    comp = fw.Comparison.from_frames(
        pd.DataFrame({"alternative": ["only"], "x": [2.0]}), pd.DataFrame({"id": ["x"]})
    )
    rec = fw.recommend(comp, None, method)
    for ax in (plots.plot_ranking(rec), plots.plot_contributions(rec, comp)):
        ax.figure.canvas.draw()
        assert ax.get_xlim()[0] < ax.get_xlim()[1]
    assert not [w for w in recwarn if issubclass(w.category, UserWarning)]
