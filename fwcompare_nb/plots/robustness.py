"""Charts of how firm a recommendation is: weight stability, rank acceptability, disagreement.

A tornado of weight-stability intervals, stacked bars of rank acceptability and a dot plot of
the stakeholders' disagreement (object-oriented matplotlib, as :mod:`.plots`).

As there, ``plot_*`` functions draw once on ``ax`` (or a new figure) and return the Axes, and the
``*Chart`` classes keep their artists so the explorer can update them in place.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd
from matplotlib.axes import Axes

from .style import alternative_colors, axes_or_new, palette_color, percent_axis

OUTSIDE_ALPHA = 0.35  # beyond the interval: the colour of whoever wins there, lighter


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
        ax.set_xlabel(
            "weight of the criterion, the others rescaled in proportion (black tick: now)",
            fontsize=9,
        )

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
            labels.append(str(row["name"]))
        weights = shown["weight"].to_numpy(dtype=float)
        self.current.set_data(weights, np.arange(len(shown)))
        self.ax.set_yticks(range(self.rows), labels, fontsize=8)
        stable_all = bool(np.isinf(order["change_needed"]).all())
        title = (
            f"{winner} stays first whatever any one weight is" if stable_all
            else f"Weights over which {winner} stays first (dark), and who wins beyond"
        )  # fmt: skip
        self.ax.set_title(title, fontsize=10, loc="left")


class AcceptabilityChart:
    """Rank acceptability as one stacked bar per alternative, the 1st-place share printed.

    A bar's segments are the shares of sampled weightings (and scores) in which the alternative
    ranks 1st, 2nd, ... (darkest = 1st).

    Parameters
    ----------
    ax : Axes
        Where to draw.
    alternatives : sequence of str
        One bar each, top to bottom.
    colors : dict
        Alternative -> colour (see :func:`~fwcompare_nb.plots.style.alternative_colors`).
    """

    def __init__(self, ax: Axes, alternatives: Sequence[str], colors: dict[str, str]) -> None:
        self.ax = ax
        self.alternatives = list(alternatives)
        n = len(self.alternatives)
        self.segments: dict[tuple[str, int], object] = {}
        self.labels = {}
        for i, alt in enumerate(self.alternatives):
            for r in range(1, n + 1):
                alpha = 1.0 - 0.75 * (r - 1) / max(n - 1, 1)
                (seg,) = ax.barh([i], [0.0], height=0.6, color=colors[alt], alpha=alpha,
                                 edgecolor="white", linewidth=0.8)  # fmt: skip
                self.segments[alt, r] = seg
            self.labels[alt] = ax.text(0.01, i, "", va="center", fontsize=9, color="white",
                                       fontweight="bold")  # fmt: skip
        ax.set_yticks(range(n), self.alternatives)
        ax.set_ylim(n - 0.5, -0.5)
        ax.set_xlim(0, 1)
        ax.set_xticks(np.linspace(0, 1, 5))
        percent_axis(ax.xaxis)
        ax.spines[["top", "right"]].set_visible(False)
        ax.set_xlabel("share of plausible weightings: 1st (dark), 2nd, ... (lighter)", fontsize=9)

    def update(self, acceptability: pd.DataFrame, title: str = "") -> None:
        """Show a :class:`fwcompare_nb.SmaaResult`'s ``acceptability`` frame.

        Parameters
        ----------
        acceptability : DataFrame
            Index the chart's alternatives, columns the ranks 1..m, values shares.
        title : str
            The chart's title; default "How often each alternative ranks first".
        """
        for alt in self.alternatives:
            left = 0.0
            for r in range(1, len(self.alternatives) + 1):
                share = float(acceptability.at[alt, r])
                seg = self.segments[alt, r]
                seg.set_x(left)
                seg.set_width(share)
                left += share
            first = float(acceptability.at[alt, 1])
            self.labels[alt].set_text(f"first {first:.0%}" if first >= 0.12 else "")
        self.ax.set_title(title or "How often each alternative ranks first", fontsize=10,
                          loc="left")  # fmt: skip


def plot_tornado(result, ax: Axes | None = None, *, rows: int = 8, colors=None) -> Axes:
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
        Alternative -> colour; default one per alternative named in the result.

    Returns
    -------
    Axes
        The chart's Axes.
    """
    ax = axes_or_new(ax, (7, 1.0 + 0.4 * rows))
    alts = list(dict.fromkeys([result.winner, *result.intervals["flips_below"].dropna(),
                               *result.intervals["flips_above"].dropna()]))  # fmt: skip
    TornadoChart(ax, colors or alternative_colors(alts), rows).update(
        result.winner, result.intervals
    )
    return ax


def plot_acceptability(result, ax: Axes | None = None, *, colors=None) -> Axes:
    """Draw the rank acceptability of a :func:`fwcompare_nb.rank_acceptability` result.

    Parameters
    ----------
    result : SmaaResult
        What to draw; its :meth:`~fwcompare_nb.SmaaResult.sentence` is the title.
    ax : Axes, optional
        Where to draw; default a new figure.
    colors : dict, optional
        Alternative -> colour; default one per alternative in the result's order.

    Returns
    -------
    Axes
        The chart's Axes.
    """
    alts = list(result.acceptability.index)
    ax = axes_or_new(ax, (7, 1.0 + 0.5 * len(alts)))
    chart = AcceptabilityChart(ax, alts, colors or alternative_colors(alts))
    chart.update(result.acceptability, result.sentence())
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
                color=palette_color(k + 4), label=person)  # fmt: skip
    ax.plot(top["group"], y, linestyle="none", marker="D", markersize=6, color="black",
            zorder=4, label="group")  # fmt: skip
    ax.set_yticks(y, top["name"], fontsize=8)
    ax.set_ylim(len(top) - 0.5, -0.5)
    ax.set_xlim(0, max(0.05, float(top["max"].max()) * 1.1))
    percent_axis(ax.xaxis, decimals=None)
    ax.spines[["top", "right"]].set_visible(False)
    ax.set_xlabel("normalised weight", fontsize=9)
    ax.legend(fontsize=8, loc="lower right", frameon=False)
    ax.set_title(f"Where the stakeholders disagree ({result.how} mean for the group)",
                 fontsize=10, loc="left")  # fmt: skip
    return ax
