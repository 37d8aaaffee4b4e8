"""Charts of how firm a recommendation is: weight stability, rank acceptability, disagreement.

A tornado of weight-stability intervals, stacked bars of rank acceptability and a dot plot of
the stakeholders' disagreement (object-oriented matplotlib, as :mod:`.plots`).

As there, ``plot_*`` functions draw once on ``ax`` (or a new figure) and return the Axes, and the
``*Chart`` classes keep their artists so the explorer can update them in place.
"""

from __future__ import annotations

import textwrap
from collections.abc import Sequence

import numpy as np
import pandas as pd
from matplotlib.axes import Axes

from ..core.comparison import Comparison
from ..core.text import percent
from .style import (
    PLAIN,
    TOP_ALTERNATIVES,
    alternative_colors,
    axes_or_new,
    more_note,
    palette_color,
    percent_axis,
    plain,
    set_plain_ticks,
    shorten,
    shown_count,
)

OUTSIDE_ALPHA = 0.35  # beyond the interval: the colour of whoever wins there, lighter
#: The most ranks with a segment of their own in a rank-acceptability bar.
TOP_RANKS = 5
_TORNADO_AXIS = "weight of the criterion, the others rescaled in proportion (black tick: now)"


class TornadoChart:
    """Weight-stability intervals of the ``rows`` most fragile criteria, as a tornado chart.

    Each row shows the weight interval over which the winner stays first (in the winner's
    colour), the weights beyond it (in the colour of who wins there), and the current weight
    (a black tick). Rows are the criteria whose weight needs the smallest change to flip the
    winner, most fragile at the top; :meth:`update` re-labels and resizes the same artists.

    Parameters
    ----------
    ax : Axes
        Where to draw.
    colors : dict
        Alternative -> colour; who is missing is drawn grey.
    rows : int
        How many criteria to show.
    """

    def __init__(self, ax: Axes, colors: dict[str, str], rows: int = 8) -> None:
        self.ax = ax
        self.colors = colors
        self.rows = rows
        self.below, self.stable, self.above = [], [], []
        for _ in range(rows):
            for store, alpha in ((self.below, OUTSIDE_ALPHA), (self.stable, 1.0),
                                 (self.above, OUTSIDE_ALPHA)):  # fmt: skip
                (bar,) = ax.barh([0], [0.0], height=0.62, alpha=alpha, linewidth=0)
                store.append(bar)
        (self.current,) = ax.plot([], [], linestyle="none", marker="|", markersize=14,
                                  markeredgewidth=2.2, color="black")  # fmt: skip
        ax.set_xlim(0, 1)
        ax.set_xticks(np.linspace(0, 1, 6))
        percent_axis(ax.xaxis)
        ax.set_ylim(rows - 0.5, -0.5)
        ax.spines[["top", "right"]].set_visible(False)
        ax.set_xlabel(_TORNADO_AXIS, fontsize=9, **PLAIN)

    def update(self, winner: str, intervals: pd.DataFrame) -> None:
        """Show the intervals of a :func:`fwcompare_nb.sensitivity` result for ``winner``.

        Parameters
        ----------
        winner : str
            The current winner (the result's ``winner``).
        intervals : DataFrame
            The result's ``intervals``: one row per criterion with ``name``, ``weight``,
            ``stable_from``, ``stable_to``, ``flips_below``, ``flips_above`` and
            ``change_needed``.
        """
        order = intervals.sort_values(["change_needed", "weight"], ascending=[True, False])
        shown = order.head(self.rows)
        labels = []
        for i in range(self.rows):
            bars = (self.below[i], self.stable[i], self.above[i])
            if i >= len(shown):
                for bar in bars:
                    bar.set_width(0)
                labels.append("")
                continue
            row = shown.iloc[i]
            lo, hi = float(row["stable_from"]), float(row["stable_to"])
            spans = ((0.0, lo, row["flips_below"]), (lo, hi, winner), (hi, 1.0, row["flips_above"]))
            for bar, (x0, x1, who) in zip(bars, spans, strict=True):
                bar.set_y(i - 0.31)
                bar.set_x(x0)
                bar.set_width(max(x1 - x0, 0.0) if who is not None else 0.0)
                bar.set_color(self.colors.get(who, "0.7") if who is not None else "0.7")
            labels.append(shorten(row["name"], 32))
        weights = shown["weight"].to_numpy(dtype=float)
        self.current.set_data(weights, np.arange(len(shown)))
        set_plain_ticks(self.ax.yaxis, range(self.rows), labels, fontsize=8)
        if len(order) > self.rows:  # say what the rows are out of (e.g. 8 of 200 criteria)
            self.ax.set_xlabel(
                f"{_TORNADO_AXIS}; the {self.rows} most fragile of {len(order):,} criteria",
                fontsize=9, **PLAIN,
            )  # fmt: skip
        stable_all = bool(np.isinf(order["change_needed"]).all())
        title = (
            f"{winner} stays first whatever any one weight is" if stable_all
            else f"Weights over which {winner} stays first (dark), and who wins beyond"
        )  # fmt: skip
        self.ax.set_title(title, fontsize=10, loc="left", **PLAIN)


class AcceptabilityChart:
    """Rank acceptability as one stacked bar per alternative, the 1st-place share printed.

    A bar's segments are the shares of sampled weightings (and scores) in which the alternative
    ranks 1st, 2nd, ... (darkest = 1st); beyond ``ranks + 1`` alternatives the ranks after
    ``ranks`` share one lightest segment. At most ``top`` bars, best first, with a note
    counting the rest.

    Parameters
    ----------
    ax : Axes
        Where to draw.
    alternatives : sequence of str
        The comparison's alternatives.
    colors : dict
        Alternative -> colour (see :func:`~fwcompare_nb.plots.style.alternative_colors`).
    top : int
        The most bars shown.
    ranks : int
        The most ranks with a segment of their own.

    Attributes
    ----------
    segments : dict
        ``(alternative, rank) -> segment`` for the alternatives shown; ``rank`` is 1, 2, ...
        and ``"lower"`` for the ranks summed.
    labels : dict
        Alternative -> its "first NN%" label, for the alternatives shown.
    """

    def __init__(
        self,
        ax: Axes,
        alternatives: Sequence[str],
        colors: dict[str, str],
        *,
        top: int = TOP_ALTERNATIVES,
        ranks: int = TOP_RANKS,
    ) -> None:
        self.ax = ax
        self.colors = colors
        self.alternatives = list(alternatives)
        m = len(self.alternatives)
        self.n = shown_count(m, top)
        self.more = m - self.n
        summed = m > ranks + 1  # the ranks after `ranks` share one segment
        self.ranks: list = [*range(1, ranks + 1), "lower"] if summed else list(range(1, m + 1))
        self.alphas = [1.0 - 0.75 * i / max(len(self.ranks) - 1, 1) for i in range(len(self.ranks))]
        self.held: dict[str, tuple[list, object]] = {}
        for alt in self.alternatives[: self.n]:
            segs = []
            for alpha in self.alphas:
                (seg,) = ax.barh([0], [0.0], height=0.6, color=colors.get(alt, "0.6"),
                                 alpha=alpha, edgecolor="white", linewidth=0.8)  # fmt: skip
                segs.append(seg)
            label = ax.text(0.01, 0, "", va="center", fontsize=9, color="white",
                            fontweight="bold", **PLAIN)  # fmt: skip
            self.held[alt] = (segs, label)
        self.note = None
        if self.more:
            self.note = ax.text(0.0, self.n, more_note(self.more), va="center", fontsize=8,
                                color="0.35", style="italic", **PLAIN)  # fmt: skip
        set_plain_ticks(ax.yaxis, range(self.n), [shorten(a, 28) for a in self.held])
        ax.set_ylim(self.n - 0.5 + (1 if self.more else 0), -0.5)
        ax.set_xlim(0, 1)
        ax.set_xticks(np.linspace(0, 1, 5))
        percent_axis(ax.xaxis)
        ax.spines[["top", "right"]].set_visible(False)
        lightest = f"..., below {ranks}th (lightest)" if summed else "(lighter)"
        ax.set_xlabel(f"share of plausible weightings: 1st (dark), 2nd {lightest}", fontsize=9,
                      **PLAIN)  # fmt: skip

    @property
    def segments(self) -> dict:
        """``(alternative, rank) -> segment`` for the alternatives shown."""
        return {(a, r): seg for a, (segs, _) in self.held.items()
                for r, seg in zip(self.ranks, segs, strict=True)}  # fmt: skip

    @property
    def labels(self) -> dict:
        """Alternative -> its "first NN%" label, for the alternatives shown."""
        return {a: label for a, (_, label) in self.held.items()}

    def update(
        self, acceptability: pd.DataFrame, title: str = "", order: Sequence[str] | None = None
    ) -> None:
        """Show a :class:`fwcompare_nb.SmaaResult`'s ``acceptability`` frame.

        Parameters
        ----------
        acceptability : DataFrame
            Index the chart's alternatives, columns the ranks 1..m, values shares.
        title : str
            The chart's title; default "How often each alternative ranks first".
        order : sequence of str, optional
            The alternatives best first (a recommendation's ranking); default most often
            first first, then most often second, ... The first ``top`` get a bar.
        """
        acc = acceptability.reindex(columns=range(1, len(self.alternatives) + 1), fill_value=0.0)
        if order is None:
            shares = acc.to_numpy(dtype=float)
            keys = [np.asarray(acc.index, dtype=str), *(-shares[:, ::-1].T)]
            order = list(acc.index[np.lexsort(keys)])  # last key first: rank 1, 2, ..., name
        order = [str(a) for a in order][: self.n]
        leaving = [a for a in self.held if a not in set(order)]
        free = [self.held.pop(a) for a in leaving]
        for alt in order:
            if alt not in self.held:
                self.held[alt] = group = free.pop()
                for seg in group[0]:
                    seg.set_facecolor(self.colors.get(alt, "0.6"))
        own = [r for r in self.ranks if r != "lower"]
        values = acc.loc[order, own].to_numpy(dtype=float)
        if self.ranks[-1] == "lower":
            values = np.column_stack([values, 1.0 - values.sum(axis=1)])
        for pos, alt in enumerate(order):
            segs, label = self.held[alt]
            left = 0.0
            for seg, share in zip(segs, values[pos], strict=True):
                share = max(float(share), 0.0)
                seg.set_xy((left, pos - 0.3))
                seg.set_width(share)
                left += share
            first = float(values[pos, 0])
            label.set_y(pos)
            label.set_text(f"first {percent(first, 0)}" if first >= 0.12 else "")
        set_plain_ticks(self.ax.yaxis, range(len(order)), [shorten(a, 28) for a in order])
        title = _short_title(title or "How often each alternative ranks first")
        self.ax.set_title(textwrap.fill(title, 90), fontsize=10, loc="left", **PLAIN)


def _colors(colors, comparison: Comparison | None, named: Sequence[str]) -> dict[str, str]:
    """Pick the colours given, else the comparison's, else by name (never by who wins)."""
    if colors:
        return colors
    if comparison is not None:
        return alternative_colors(comparison.alternatives)
    return alternative_colors(sorted(set(named)))


def plot_tornado(
    result,
    ax: Axes | None = None,
    *,
    rows: int = 8,
    colors: dict[str, str] | None = None,
    comparison: Comparison | None = None,
) -> Axes:
    """Draw the weight-stability intervals of a :func:`fwcompare_nb.sensitivity` result.

    Parameters
    ----------
    result : SensitivityResult
        What to draw.
    ax : Axes, optional
        Where to draw; default a new figure.
    rows : int
        How many criteria to show, the most fragile first.
    colors : dict, optional
        Alternative -> colour.
    comparison : Comparison, optional
        Without ``colors``, the colours are the comparison's (:func:`alternative_colors` of its
        alternatives, as every other chart); without either, the alternatives named in the
        result get colours in name order. Pass one of them to match the other charts.

    Returns
    -------
    Axes
        The chart's Axes.
    """
    ax = axes_or_new(ax, (7, 1.0 + 0.4 * rows))
    iv = result.intervals
    named = [result.winner, *iv["flips_below"].dropna(), *iv["flips_above"].dropna()]
    TornadoChart(ax, _colors(colors, comparison, named), rows).update(result.winner, iv)
    return ax


def _short_title(sentence: str, limit: int = 120) -> str:
    """``sentence`` as a title: a long list in parentheses keeps its first three entries."""
    head, sep, rest = sentence.partition(" (")
    if len(sentence) <= limit or not sep:
        return sentence
    items = rest.rstrip(".").rstrip(")").split(", ")
    return f"{head} ({', '.join(items[:3])}, …)."


def plot_acceptability(
    result,
    ax: Axes | None = None,
    *,
    colors: dict[str, str] | None = None,
    comparison: Comparison | None = None,
    order: Sequence[str] | None = None,
) -> Axes:
    """Draw the rank acceptability of a :func:`fwcompare_nb.rank_acceptability` result.

    Parameters
    ----------
    result : SmaaResult
        What to draw; its :meth:`~fwcompare_nb.SmaaResult.sentence` is the title.
    ax : Axes, optional
        Where to draw; default a new figure.
    colors : dict, optional
        Alternative -> colour; default the comparison's (``comparison``, else the result's
        order, which is the comparison's).
    comparison : Comparison, optional
        Gives the colours when ``colors`` is not given.
    order : sequence of str, optional
        The alternatives best first (e.g. ``recommendation.ranking.index``); default by how
        often each ranks first. Beyond :data:`~.style.TOP_ALTERNATIVES` the first are shown.

    Returns
    -------
    Axes
        The chart's Axes.
    """
    alts = [str(a) for a in result.acceptability.index]
    shown = shown_count(len(alts))
    ax = axes_or_new(ax, (7, 1.1 + 0.5 * (shown + (shown < len(alts)))))
    colors = colors or alternative_colors(comparison.alternatives if comparison else alts)
    chart = AcceptabilityChart(ax, alts, colors)
    chart.update(result.acceptability, _short_title(result.sentence()), order)
    return ax


def plot_disagreement(result, ax: Axes | None = None, *, rows: int = 8) -> Axes:
    """Draw where the stakeholders of a group decision disagree, largest spread at the top.

    Each criterion's row shows each stakeholder's weight (a dot each), the range between them
    (grey) and the group's weight (black diamond).

    Parameters
    ----------
    result : GroupResult
        A :func:`fwcompare_nb.group_decision` result.
    ax : Axes, optional
        Where to draw; default a new figure.
    rows : int
        How many criteria to show.

    Returns
    -------
    Axes
        The chart's Axes.
    """
    top = result.disagreement.head(rows)
    people = list(result.stakeholder_weights.index)
    ax = axes_or_new(ax, (7, 1.0 + 0.42 * len(top)))
    y = np.arange(len(top))
    ax.hlines(y, top["min"], top["max"], color="0.75", linewidth=6, zorder=1)
    for k, person in enumerate(people):
        values = result.stakeholder_weights.loc[person, top.index].to_numpy(dtype=float)
        ax.plot(values, y, linestyle="none", marker="o", markersize=7, zorder=3,
                color=palette_color(k + 4), label=shorten(person, 32))  # fmt: skip
    ax.plot(top["group"], y, linestyle="none", marker="D", markersize=6, color="black",
            zorder=4, label="group")  # fmt: skip
    set_plain_ticks(ax.yaxis, y, [shorten(n, 32) for n in top["name"]], fontsize=8)
    ax.set_ylim(len(top) - 0.5, -0.5)
    ax.set_xlim(0, max(0.05, float(top["max"].max()) * 1.1))
    percent_axis(ax.xaxis)
    ax.spines[["top", "right"]].set_visible(False)
    ax.set_xlabel("normalised weight", fontsize=9)
    plain(ax.legend(fontsize=8, loc="lower right", frameon=False).get_texts())
    ax.set_title(f"Where the stakeholders disagree ({result.how} mean for the group)",
                 fontsize=10, loc="left", **PLAIN)  # fmt: skip
    return ax
