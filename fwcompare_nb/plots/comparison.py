"""Matplotlib charts of a comparison and its recommendation (object-oriented API).

Two ways in: ``plot_*`` functions draw once on ``ax`` (or a new figure) and return the Axes;
the ``*Chart`` classes behind them keep their artists and ``update`` them in place, which is
what the live explorer does on every weight change (no re-plotting, no new figures).
Alternatives keep one colour everywhere (Okabe-Ito palette, safe for colour-blind readers).
"""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd
from matplotlib.axes import Axes

from ..core.comparison import Comparison
from ..core.methods import get_method, minmax_normalise
from ..core.scoring import Recommendation
from .style import alternative_colors, axes_or_new, shorten


class RankingChart:
    """Horizontal bars of each alternative's score, best at the top, score printed at the end.

    Bars are made once per alternative (``gid`` = its name); :meth:`update` moves and resizes
    them, so the chart follows the ranking without being drawn anew.

    Parameters
    ----------
    ax : Axes
        Where to draw.
    alternatives : sequence of str
        One bar each.
    colors : dict
        Alternative -> colour (see :func:`~fwcompare_nb.plots.style.alternative_colors`).
    """

    def __init__(self, ax: Axes, alternatives: Sequence[str], colors: dict[str, str]) -> None:
        self.ax = ax
        self.bars = {}
        self.labels = {}
        for a in alternatives:
            (bar,) = ax.barh([0], [0.0], height=0.6, color=colors[a])
            bar.set_gid(a)
            self.bars[a] = bar
            self.labels[a] = ax.text(0, 0, "", va="center", fontsize=9)
        ax.set_ylim(-0.5, len(alternatives) - 0.5)
        ax.set_xlim(0, 1.15)  # every method scores 0..1: a fixed axis makes changes visible
        ax.set_xticks([0, 0.25, 0.5, 0.75, 1])
        ax.spines[["top", "right"]].set_visible(False)

    def update(self, rec: Recommendation) -> None:
        """Show the ranking of ``rec``: bars in rank order, scores, axis label and title.

        Parameters
        ----------
        rec : Recommendation
            Its alternatives must be the chart's.
        """
        order = list(rec.ranking.index)
        n = len(order)
        for pos, alt in enumerate(order):
            y = n - 1 - pos
            score = float(rec.ranking.at[alt, "score"])
            self.bars[alt].set_y(y - 0.3)
            self.bars[alt].set_width(score)
            self.labels[alt].set_position((score, y))
            self.labels[alt].set_text(f" {score:.3f}")
        self.ax.set_yticks(range(n), order[::-1])
        self.ax.set_xlabel(get_method(rec.method).axis_label, fontsize=9)
        self.ax.set_title(f"Ranking: {rec.winner} first", fontsize=11, loc="left")

    def dynamic_artists(self) -> list:
        """List what every update moves, bottom to top (bars cover the left spine, so it follows).

        Returns
        -------
        list of Artist
            For :meth:`fwcompare_nb.app.live_canvas.LiveCanvas.set_dynamic`.
        """
        return [*self.bars.values(), self.ax.spines["left"], *self.labels.values()]

    def background_key(self) -> tuple:
        """Return what the rest of the chart shows that an update can change.

        Returns
        -------
        tuple
            The order of the alternatives, the title, the axis label and limits: a new value
            means the static part must be drawn again.
        """
        ax = self.ax
        ticks = tuple(t.get_text() for t in ax.get_yticklabels())
        return ticks, ax.get_title(loc="left"), ax.get_xlabel(), ax.get_xlim()


class ContributionsChart:
    """One stacked bar per alternative: a segment per criterion, in the alternative's colour.

    Positive contributions stack right of 0, negative ones (WPM, TOPSIS) left of it; segments
    alternate in shade and carry the criterion's name where they are wide enough to read.

    Parameters
    ----------
    ax : Axes
        Where to draw.
    comparison : Comparison
        Gives the alternatives (one bar each) and the criteria (one segment each).
    colors : dict
        Alternative -> colour (see :func:`~fwcompare_nb.plots.style.alternative_colors`).
    label_min : float
        A segment shows its criterion's name when it is at least this share of the axis per
        character of the name.
    """

    def __init__(
        self, ax: Axes, comparison: Comparison, colors: dict[str, str], *, label_min: float = 0.009
    ) -> None:
        self.ax = ax
        self.alternatives = comparison.alternatives
        self.criteria = comparison.criterion_ids
        names = comparison.criteria["name"]
        self.label_min = label_min
        self.segments = {}
        self.texts = {}
        n = len(self.alternatives)
        for i, alt in enumerate(self.alternatives):
            y = n - 1 - i
            for j, cid in enumerate(self.criteria):
                (seg,) = ax.barh(
                    [y], [0.0], height=0.6, color=colors[alt], alpha=1.0 if j % 2 == 0 else 0.55,
                    edgecolor="white", linewidth=0.8,
                )  # fmt: skip
                seg.set_gid(f"{alt}|{cid}")
                self.segments[alt, cid] = seg
                self.texts[alt, cid] = ax.text(
                    0, y, shorten(names[cid], 12), ha="center", va="center", fontsize=7,
                    visible=False,
                )  # fmt: skip
        ax.set_yticks(range(n), self.alternatives[::-1])
        ax.set_ylim(-0.5, n - 0.5)
        self.zero_line = ax.axvline(0, color="0.3", linewidth=0.8)
        ax.spines[["top", "right"]].set_visible(False)

    def dynamic_artists(self) -> list:
        """List what every update moves, bottom to top: segments, the zero line, the names.

        Returns
        -------
        list of Artist
            For :meth:`fwcompare_nb.app.live_canvas.LiveCanvas.set_dynamic`.
        """
        return [
            *self.segments.values(), self.zero_line, self.ax.spines["left"], *self.texts.values(),
        ]  # fmt: skip

    def background_key(self) -> tuple:
        """Return what the rest of the chart shows that an update can change: the axis.

        Returns
        -------
        tuple
            The axis limits, the axis label and the title: a new value means the static part
            must be drawn again.
        """
        return self.ax.get_xlim(), self.ax.get_xlabel(), self.ax.get_title(loc="left")

    def update(self, rec: Recommendation) -> None:
        """Show the contributions of ``rec``: segment sizes, names that fit, axis and label.

        The axis is 0..1 for an additive method (WSM); otherwise it spans the largest negative
        and positive totals, with a margin.

        Parameters
        ----------
        rec : Recommendation
            Its alternatives and criteria must be the chart's comparison's.
        """
        contrib = rec.contributions
        if get_method(rec.method).additive:  # segments add up to a score in 0..1
            lo, hi = 0.0, 1.0
        else:
            lo = min(0.0, float(contrib.clip(upper=0).sum(axis=1).min()))
            hi = max(0.0, float(contrib.clip(lower=0).sum(axis=1).max()))
            pad = 0.05 * ((hi - lo) or 1.0)
            lo, hi = lo - (pad if lo < 0 else 0), hi + (pad if hi > 0 else 0)
        span = hi - lo
        for alt in self.alternatives:
            right = left = 0.0
            for cid in self.criteria:
                value = float(contrib.at[alt, cid])
                seg, text = self.segments[alt, cid], self.texts[alt, cid]
                if value >= 0:
                    x0, right = right, right + value
                else:
                    left, x0 = left + value, left + value
                seg.set_x(x0)
                seg.set_width(abs(value))
                text.set_x(x0 + abs(value) / 2)
                # show a name only where it fits (~1.1% of the axis per character at 7 pt)
                fits = abs(value) >= self.label_min * span * len(text.get_text())
                text.set_visible(fits)
        self.ax.set_xlim(lo, hi)
        self.ax.set_xlabel(get_method(rec.method).contributions_label, fontsize=9)
        self.ax.set_title("What each criterion contributes", fontsize=11, loc="left")


class MatrixChart:
    """Heatmap of the scores, criteria as rows: colour = normalised value (green is good).

    The raw score is printed in each cell; :meth:`update` rewrites the row labels with the
    current weights' shares.

    Parameters
    ----------
    ax : Axes
        Where to draw; a colour bar is added beside it.
    comparison : Comparison
        The scores and the criteria (cost criteria are flipped so that green is always good).
    """

    def __init__(self, ax: Axes, comparison: Comparison) -> None:
        self.ax = ax
        x, lo, hi, benefit = comparison.arrays
        norm = minmax_normalise(x, lo, hi, benefit).T
        crit = comparison.criteria
        alts = comparison.alternatives
        self.ids = list(crit.index)
        self.names = [
            f"{name}{' (cost)' if d == 'cost' else ''}"
            for name, d in zip(crit["name"], crit["direction"], strict=True)
        ]
        image = ax.imshow(norm, cmap="RdYlGn", vmin=0, vmax=1, aspect="auto")
        for j in range(norm.shape[0]):
            for i in range(norm.shape[1]):
                dark = norm[j, i] > 0.85 or norm[j, i] < 0.15  # deep green or red cell
                ax.text(
                    i, j, f"{x[i, j]:g}", ha="center", va="center", fontsize=9,
                    color="white" if dark else "black",
                )  # fmt: skip
        ax.set_yticks(range(len(self.names)), self.names, fontsize=8)
        ax.set_xticks(range(len(alts)), alts)
        ax.xaxis.tick_top()
        ax.figure.colorbar(image, ax=ax, label="normalised score (1 = best)", shrink=0.6)
        ax.set_title("Comparison matrix: raw scores, colour = how good", fontsize=10, pad=24)

    def update(self, weights: pd.Series) -> None:
        """Label each criterion's row with its name and its share of ``weights``.

        Parameters
        ----------
        weights : Series
            Normalised weights by criterion id.
        """
        labels = [f"{n}  {weights[c]:.0%}" for n, c in zip(self.names, self.ids, strict=True)]
        self.ax.set_yticks(range(len(labels)), labels, fontsize=8)


def plot_ranking(
    recommendation: Recommendation,
    ax: Axes | None = None,
    *,
    colors: dict[str, str] | None = None,
) -> Axes:
    """Horizontal bars of each alternative's score, best at the top, with the score printed."""
    ranking = recommendation.ranking
    ax = axes_or_new(ax, (6, 0.9 + 0.5 * len(ranking)))
    colors = colors or alternative_colors(list(recommendation.contributions.index))
    RankingChart(ax, list(ranking.index), colors).update(recommendation)
    return ax


def plot_contributions(
    recommendation: Recommendation,
    comparison: Comparison,
    ax: Axes | None = None,
    *,
    colors: dict[str, str] | None = None,
) -> Axes:
    """Each criterion's contribution to each alternative's result, as one stacked bar each.

    For WSM an alternative's segments add up to its score; for WPM they are log factors and
    for TOPSIS separation terms (see :func:`fwcompare_nb.contributions`).
    """
    ax = axes_or_new(ax, (9, 1.2 + 0.8 * len(comparison.alternatives)))
    colors = colors or alternative_colors(comparison.alternatives)
    ContributionsChart(ax, comparison, colors).update(recommendation)
    return ax


def plot_matrix(
    comparison: Comparison,
    ax: Axes | None = None,
    *,
    weights: pd.Series | None = None,
) -> Axes:
    """Heatmap of the scores, criteria as rows and alternatives as columns.

    Colour is the normalised value (cost criteria flipped, so green is always good); the raw
    score is printed in each cell. With ``weights`` the row labels show each weight's share.
    """
    ax = axes_or_new(
        ax, (3.5 + 1.1 * len(comparison.alternatives), 1.0 + 0.3 * len(comparison.criteria))
    )
    chart = MatrixChart(ax, comparison)
    if weights is not None:
        chart.update(weights)
    return ax
