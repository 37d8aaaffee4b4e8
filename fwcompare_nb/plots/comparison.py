"""Matplotlib charts of a comparison and its recommendation (object-oriented API).

Two ways in: ``plot_*`` functions draw once on ``ax`` (or a new figure) and return the Axes;
the ``*Chart`` classes behind them keep their artists and ``update`` them in place, which is
what the live explorer does on every weight change (no re-plotting, no new figures).

What every chart here keeps to:

* **one colour per alternative** everywhere (:func:`~.style.alternative_colors`, by the
  comparison's order; Okabe-Ito, safe for colour-blind readers);
* **one order**: the ranking and the contributions list the alternatives best first, top to
  bottom;
* **a bounded size**: at most :data:`~.style.TOP_ALTERNATIVES` bars (the best-ranked, with a
  note counting the rest) and :data:`~.style.TOP_CRITERIA` criteria per contributions bar (the
  rest summed as "other"), so the number of artists, and the time to draw them, does not grow
  with the comparison;
* **names as text**: no mathtext or LaTeX in any label (:data:`~.style.PLAIN`).
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import matplotlib
import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.font_manager import FontProperties
from matplotlib.patches import Patch
from matplotlib.textpath import text_to_path
from matplotlib.transforms import ScaledTranslation, blended_transform_factory, offset_copy

from ..core.comparison import Comparison
from ..core.methods import get_method, minmax_normalise
from ..core.scoring import Recommendation, recommend
from ..core.text import percent
from .style import (
    CRITERION_COLORS,
    OTHER_COLOR,
    PLAIN,
    TOP_ALTERNATIVES,
    TOP_CRITERIA,
    alternative_colors,
    axes_or_new,
    more_note,
    plain,
    set_plain_ticks,
    shorten,
    shown_count,
    stamp_text,
)

#: The most criteria the matrix heatmap shows as rows (those with the largest weights).
MATRIX_CRITERIA = 25
NAME_CHARS = 28  # alternative names on an axis are cut to this many characters
NOTE_STYLE = {"fontsize": 8, "color": "0.35", "style": "italic", **PLAIN}


def score_decimals(rec: Recommendation) -> int:
    """Decimals that tell the winner's score from the runner-up's: 3, more for a close race.

    A real tie (:attr:`~fwcompare_nb.Recommendation.tie`) keeps 3: its scores are equal.

    Parameters
    ----------
    rec : Recommendation
        The recommendation shown.

    Returns
    -------
    int
        3 to 12.
    """
    margin = abs(rec.margin)
    if rec.tie or margin == 0 or margin >= 0.0005:
        return 3
    return min(12, max(3, -math.floor(math.log10(margin))))


def ranking_title(rec: Recommendation) -> str:
    """Title the ranking: who is first, or who ties for first.

    Parameters
    ----------
    rec : Recommendation
        The recommendation shown.

    Returns
    -------
    str
        E.g. "Ranking: Flask first" or "Ranking: Django and Flask tie for first", followed by
        "(Bottle ruled out)" or "(3 ruled out by must-haves)" when must-haves ruled some out.
    """
    if rec.tie:
        title = f"Ranking: {shorten(rec.winner, 24)} and {shorten(rec.runner_up, 24)} tie for first"
    else:
        title = f"Ranking: {shorten(rec.winner, 40)} first"
    # Alternatives a must-have ruled out are not drawn; the title says so, never silently.
    out = rec.excluded
    if len(out) == 1:
        title += f" ({shorten(out[0], 24)} ruled out)"
    elif out:
        title += f" ({len(out)} ruled out by must-haves)"
    return title


def widest(names: Sequence[str], fontsize: float) -> str:
    """Return the name that takes the most room at ``fontsize`` (measured among the longest).

    Parameters
    ----------
    names : sequence of str
        Names as they are shown.
    fontsize : float
        In points.

    Returns
    -------
    str
        One of ``names`` (``""`` for none).
    """
    longest = sorted(names, key=len, reverse=True)[:12]
    prop = FontProperties(size=fontsize)

    def width(s: str) -> float:
        return text_to_path.get_text_width_height_descent(s, prop, ismath=False)[0]

    return max(longest, key=width, default="")


class _RowNames:
    """The alternatives' names beside the bars: one text per row, left of the axis.

    They are texts of their own rather than tick labels so that a live chart can list them
    among its moving artists when the alternatives shown keep changing (more of them than
    rows): a new order is then a blit, not a full render. Otherwise (``moving`` false) they
    are part of the background, which costs less per frame while the order holds. One
    transparent text of the widest name reserves their room when the figure is laid out.
    """

    def __init__(self, ax: Axes, rows: int, names: Sequence[str], pad: float) -> None:
        self.moving = len(names) > rows
        size = FontProperties(size=matplotlib.rcParams["ytick.labelsize"]).get_size_in_points()
        transform = offset_copy(
            blended_transform_factory(ax.transAxes, ax.transData), ax.figure, x=-pad,
            units="points",
        )  # fmt: skip
        style = {"transform": transform, "ha": "right", "va": "center", "fontsize": size,
                 "clip_on": False, **PLAIN}  # fmt: skip
        self.texts = [stamp_text(ax, 0, y, "", **style) for y in range(rows)]
        self.room = ax.text(0, rows - 1, widest(names, size), color="none", **style)
        ax.set_yticks([])

    def show(self, names: Sequence[str]) -> None:
        """Write ``names``, top row first."""
        top = len(self.texts) - 1
        for i, name in enumerate(names):
            self.texts[top - i].set_text(name)

    def shown(self) -> list[str]:
        """Return the names shown, top row first."""
        return [t.get_text() for t in reversed(self.texts)]

    def dynamic(self) -> list:
        """Return the texts for a chart's ``dynamic_artists`` (none when they are static)."""
        return self.texts if self.moving else []

    def key(self) -> tuple:
        """Return the names for a chart's ``background_key`` (none when they move)."""
        return () if self.moving else tuple(self.shown())


class _Rows:
    """Artists for the rows a chart shows, lent to whichever alternatives are shown.

    Each shown alternative holds one group of artists. When the shown set changes, the
    artists of the alternatives that left go to those that came (``recolor`` paints them);
    when it does not (all alternatives shown), an alternative keeps its artists for good.
    """

    def __init__(self, alternatives: Sequence[str], make) -> None:
        self.held = {a: make(a) for a in alternatives}

    def show(self, order: Sequence[str], recolor) -> None:
        keep = set(order)
        free = [self.held.pop(a) for a in [a for a in self.held if a not in keep]]
        for alt in order:
            if alt not in self.held:
                self.held[alt] = group = free.pop()
                recolor(alt, group)


class RankingChart:
    """Horizontal bars of each alternative's score, best at the top, score printed at the end.

    At most ``top`` bars: beyond that many alternatives the best-ranked are shown and a note
    counts the rest. Bars are made once (``gid`` = the alternative shown); :meth:`update`
    moves, resizes and, when the shown set changes, repaints them, so the chart follows the
    ranking without being drawn anew.

    Parameters
    ----------
    ax : Axes
        Where to draw.
    alternatives : sequence of str
        The comparison's alternatives.
    colors : dict
        Alternative -> colour (see :func:`~fwcompare_nb.plots.style.alternative_colors`);
        missing ones are grey.
    top : int
        The most bars shown.

    Attributes
    ----------
    bars, labels : dict
        Alternative -> its bar and score label, for the alternatives shown.
    order : list of str
        The alternatives shown, best first (after :meth:`update`).
    """

    def __init__(
        self,
        ax: Axes,
        alternatives: Sequence[str],
        colors: dict[str, str],
        *,
        top: int = TOP_ALTERNATIVES,
    ) -> None:
        self.ax = ax
        self.colors = colors
        alternatives = list(alternatives)
        self.n = shown_count(len(alternatives), top)
        self.more = len(alternatives) - self.n
        self.order: list[str] = []

        def make(alt):
            (bar,) = ax.barh([0], [0.0], height=0.6, color=colors.get(alt, "0.6"))
            bar.set_gid(alt)
            return bar, stamp_text(ax, 0, 0, "", va="center", fontsize=9, **PLAIN)

        self._rows = _Rows(alternatives[: self.n], make)
        self.row_names = _RowNames(ax, self.n, [shorten(a, NAME_CHARS) for a in alternatives], 4)
        self.note = None
        if self.more:
            self.note = ax.text(0.0, -1, more_note(self.more), va="center", **NOTE_STYLE)
        ax.set_ylim(-0.5 - (1 if self.more else 0), self.n - 0.5)
        ax.set_xlim(0, 1.15)  # every method scores 0..1: a fixed axis makes changes visible
        ax.set_xticks([0, 0.25, 0.5, 0.75, 1])
        ax.spines[["top", "right"]].set_visible(False)

    @property
    def bars(self) -> dict:
        """Alternative -> its bar, for the alternatives shown."""
        return {a: group[0] for a, group in self._rows.held.items()}

    @property
    def labels(self) -> dict:
        """Alternative -> its score label, for the alternatives shown."""
        return {a: group[1] for a, group in self._rows.held.items()}

    def _recolor(self, alt: str, group) -> None:
        group[0].set_color(self.colors.get(alt, "0.6"))
        group[0].set_gid(alt)

    def update(self, rec: Recommendation) -> None:
        """Show the ranking of ``rec``: bars in rank order, scores, axis label and title.

        Scores carry three decimals, more when the winner leads by less than 0.0005 (so two
        different scores never read the same).

        Parameters
        ----------
        rec : Recommendation
            Its alternatives must be the chart's.
        """
        order = [str(a) for a in rec.ranking.index[: self.n]]
        self._rows.show(order, self._recolor)
        digits = score_decimals(rec)
        scores = rec.ranking["score"]
        n = len(order)
        for pos, alt in enumerate(order):
            y = n - 1 - pos
            score = float(scores.iloc[pos])
            bar, label = self._rows.held[alt]
            bar.set_y(y - 0.3)
            bar.set_width(score)
            label.set_position((score, y))
            label.set_text(f" {score:.{digits}f}")
        self.row_names.show([shorten(a, NAME_CHARS) for a in order])
        self.order = order
        self.ax.set_xlabel(get_method(rec.method).axis_label, fontsize=9, **PLAIN)
        self.ax.set_title(ranking_title(rec), fontsize=11, loc="left", **PLAIN)

    def dynamic_artists(self) -> list:
        """List what every update moves, bottom to top (bars cover the left spine, so it follows).

        Returns
        -------
        list of Artist
            For :meth:`fwcompare_nb.app.live_canvas.LiveCanvas.set_dynamic`.
        """
        groups = list(self._rows.held.values())
        return [*(g[0] for g in groups), self.ax.spines["left"], *(g[1] for g in groups),
                *self.row_names.dynamic()]  # fmt: skip

    def background_key(self) -> tuple:
        """Return what the rest of the chart shows that an update can change.

        Returns
        -------
        tuple
            The names in order (unless they move with the bars, as they do when there are
            more alternatives than bars), the title, the axis label and limits: a new value
            means the static part must be drawn again.
        """
        ax = self.ax
        return self.row_names.key(), ax.get_title(loc="left"), ax.get_xlabel(), ax.get_xlim()


class ContributionsChart:
    """One stacked bar per alternative, best first: what the criteria that matter contribute.

    Each bar has a segment for each of the ``k`` criteria with the largest contributions (in
    absolute value, summed over the alternatives shown) and one "other" segment for the rest,
    summed; a legend names them. A criterion has one colour within the chart (from
    :data:`~.style.CRITERION_COLORS`, apart from the alternatives' colours) and keeps it while
    it stays among the ``k``. A swatch in the alternative's own colour marks each row.
    Positive contributions stack right of 0, negative ones (WPM, TOPSIS) left of it. The bars
    are in the ranking's order, the best at the top; at most ``top`` of them, with a note
    counting the rest.

    Parameters
    ----------
    ax : Axes
        Where to draw.
    comparison : Comparison
        Gives the alternatives and the criteria.
    colors : dict
        Alternative -> colour (see :func:`~fwcompare_nb.plots.style.alternative_colors`).
    top : int
        The most bars shown.
    k : int
        The most criteria with a segment of their own; with at most ``k + 1`` criteria each
        has its own and there is no "other".

    Attributes
    ----------
    criteria_shown : list of str
        The criterion ids with a segment, largest first (after :meth:`update`).
    order : list of str
        The alternatives shown, best first (after :meth:`update`).
    """

    def __init__(
        self,
        ax: Axes,
        comparison: Comparison,
        colors: dict[str, str],
        *,
        top: int = TOP_ALTERNATIVES,
        k: int = TOP_CRITERIA,
    ) -> None:
        self.ax = ax
        self.colors = colors
        self.alternatives = list(comparison.alternatives)
        self.criteria = list(comparison.criterion_ids)
        self.names = comparison.criterion_names
        self._position = {c: j for j, c in enumerate(self.criteria)}
        m = len(self.criteria)
        self.k = m if m <= k + 1 else k
        self.other = m - self.k  # criteria summed in the "other" segment (0: none)
        self.n = shown_count(len(self.alternatives), top)
        self.more = len(self.alternatives) - self.n
        self.criteria_shown: list[str] = []
        self.order: list[str] = []
        self._color_of: dict[str, int] = {}  # criterion -> palette slot, while it is shown
        slots = self.k + (1 if self.other else 0)
        # x in axes fraction (0: the left spine), y in data: the row's swatches and the note
        rows_transform = blended_transform_factory(ax.transAxes, ax.transData)

        def make(alt):
            segs = []
            for _ in range(slots):
                (seg,) = ax.barh([0], [0.0], height=0.6, edgecolor="white", linewidth=0.6)
                segs.append(seg)
            return segs

        self._rows = _Rows(self.alternatives[: self.n], make)
        # One square per row in the alternative's colour, just left of the axis (one artist).
        self.swatches = ax.scatter(
            np.zeros(self.n), np.arange(self.n), s=42, marker="s", linewidths=0, clip_on=False,
            transform=offset_copy(rows_transform, ax.figure, x=-6, units="points"),
        )  # fmt: skip
        self.row_names = _RowNames(
            ax, self.n, [shorten(a, NAME_CHARS) for a in self.alternatives], 13
        )
        self.note = None
        if self.more:
            self.note = ax.text(0.0, -1, more_note(self.more), va="center",
                                transform=rows_transform, **NOTE_STYLE)  # fmt: skip
        ax.set_ylim(-0.5 - (1 if self.more else 0), self.n - 0.5)
        self.zero_line = ax.axvline(0, color="0.3", linewidth=0.8)
        ax.spines[["top", "right"]].set_visible(False)
        # The legend sits under the axis label: a fixed distance below the axes, in inches.
        below = ax.transAxes + ScaledTranslation(0, -0.5, ax.figure.dpi_scale_trans)
        handles = [Patch(facecolor=OTHER_COLOR) for _ in range(slots)]
        self.legend = ax.legend(
            handles, ["" for _ in handles], loc="upper left", bbox_to_anchor=(0, 0),
            bbox_transform=below, ncol=3, fontsize=8, frameon=False, handlelength=1.2,
            columnspacing=1.2, borderaxespad=0,
        )  # fmt: skip
        plain(self.legend.get_texts())

    @property
    def segments(self) -> dict:
        """``(alternative, slot) -> bar segment`` for the alternatives shown.

        Slot ``j < k`` is ``criteria_shown[j]``; the last slot is "other" when there is one.
        Each segment's ``gid`` is ``"<alternative>|<criterion id or 'other'>"``.
        """
        return {(a, j): s for a, segs in self._rows.held.items() for j, s in enumerate(segs)}

    def dynamic_artists(self) -> list:
        """List what every update moves, bottom to top: segments, the zero line, the swatches.

        Returns
        -------
        list of Artist
            For :meth:`fwcompare_nb.app.live_canvas.LiveCanvas.set_dynamic`.
        """
        segments = [s for segs in self._rows.held.values() for s in segs]
        return [*segments, self.zero_line, self.ax.spines["left"], self.swatches,
                *self.row_names.dynamic()]  # fmt: skip

    def background_key(self) -> tuple:
        """Return what the rest of the chart shows that an update can change.

        Returns
        -------
        tuple
            The names in order (unless they move with the bars, as they do when there are
            more alternatives than bars), the legend (criteria and colours), the axis limits,
            the axis label and the title: a new value means the static part must be drawn
            again.
        """
        ax = self.ax
        legend = tuple(
            (t.get_text(), tuple(h.get_facecolor()))
            for t, h in zip(self.legend.get_texts(), self.legend.legend_handles, strict=True)
        )
        names = self.row_names.key()
        return names, legend, ax.get_xlim(), ax.get_xlabel(), ax.get_title(loc="left")

    def _pick_criteria(self, values: np.ndarray) -> list[int]:
        """Positions of the (at most ``k``) criteria with the largest absolute contributions.

        Largest first (ties keep the declared order), except that while the same criteria stay
        the largest they keep their order and their colours: a live chart then redraws its
        legend only when a criterion enters or leaves. One that enters takes a colour none of
        the others has. Criteria that contribute nothing (weight 0) are never picked.
        """
        size = np.abs(values).sum(axis=0)
        picked = [int(j) for j in np.argsort(-size, kind="stable")[: self.k] if size[j] > 0]
        ids = [self.criteria[j] for j in picked]
        if set(ids) == set(self.criteria_shown):
            return [self._position[c] for c in self.criteria_shown]
        self._color_of = {c: s for c, s in self._color_of.items() if c in ids}
        taken = set(self._color_of.values())
        free = [s for s in range(max(len(CRITERION_COLORS), self.k)) if s not in taken]
        for cid in ids:
            if cid not in self._color_of:
                self._color_of[cid] = free.pop(0)
        return picked

    def update(self, rec: Recommendation) -> None:
        """Show the contributions of ``rec``: bars in rank order, segment sizes, legend, axis.

        The axis is 0..1 for an additive method (WSM); otherwise it spans the largest negative
        and positive totals, with a margin.

        Parameters
        ----------
        rec : Recommendation
            Its alternatives and criteria must be the chart's comparison's.
        """
        order = [str(a) for a in rec.ranking.index[: self.n]]
        self._rows.show(order, lambda alt, segs: None)  # segments are painted below
        values = rec.contributions.loc[order, self.criteria].to_numpy(dtype=float)
        picked = self._pick_criteria(values)
        self.criteria_shown = [self.criteria[j] for j in picked]
        # one column per slot: the criteria picked, empty slots (fewer criteria contribute
        # than there are slots), then "other"
        empty = self.k - len(picked)
        parts = np.column_stack([values[:, picked], np.zeros((len(order), empty))])
        keys: list = [*self.criteria_shown, *[None] * empty]
        colors = [CRITERION_COLORS[self._color_of[c] % len(CRITERION_COLORS)]
                  for c in self.criteria_shown] + [OTHER_COLOR] * empty  # fmt: skip
        rest = len(self.criteria) - len(picked)
        if self.other:
            parts = np.column_stack([parts, values.sum(axis=1) - parts.sum(axis=1)])
            keys.append("other")
            colors.append(OTHER_COLOR)

        n = len(order)
        for pos, alt in enumerate(order):
            y = n - 1 - pos
            segs = self._rows.held[alt]
            right = left = 0.0
            for j, seg in enumerate(segs):
                value = float(parts[pos, j])
                if value >= 0:
                    x0, right = right, right + value
                else:
                    left, x0 = left + value, left + value
                seg.set_xy((x0, y - 0.3))
                seg.set_width(abs(value))
                seg.set_facecolor(colors[j])
                seg.set_gid(f"{alt}|{keys[j]}" if keys[j] else None)
        self.swatches.set_offsets(np.column_stack([np.zeros(n), np.arange(n)[::-1]]))
        self.swatches.set_facecolor([self.colors.get(a, "0.6") for a in order])

        if get_method(rec.method).additive:  # segments add up to a score in 0..1
            lo, hi = 0.0, 1.0
        else:
            lo = min(0.0, float(parts.clip(max=0).sum(axis=1).min()))
            hi = max(0.0, float(parts.clip(min=0).sum(axis=1).max()))
            pad = 0.05 * ((hi - lo) or 1.0)
            lo, hi = lo - (pad if lo < 0 else 0), hi + (pad if hi > 0 else 0)
            if hi <= lo:  # nothing to show (every contribution 0): an axis around 0
                lo, hi = -1.0, 1.0
        self.ax.set_xlim(lo, hi)
        self.row_names.show([shorten(a, NAME_CHARS) for a in order])
        self.order = order

        labels = [shorten(self.names[c], 30) for c in self.criteria_shown] + [""] * empty
        if self.other:
            labels.append(f"other {rest} criteria" if rest > 1 else "1 other criterion")
        for text, handle, label, color in zip(
            self.legend.get_texts(), self.legend.legend_handles, labels, colors, strict=True
        ):
            text.set_text(label)
            handle.set_facecolor(color)
            handle.set_visible(bool(label))
        self.ax.set_xlabel(get_method(rec.method).contributions_label, fontsize=9, **PLAIN)
        self.ax.set_title("What each criterion contributes", fontsize=11, loc="left", **PLAIN)


class MatrixChart:
    """Heatmap of the scores, criteria as rows: colour = normalised value (green is good).

    The raw score is printed in each cell; :meth:`update` rewrites the row labels with the
    current weights' shares. A large comparison shows its ``top`` best-ranked alternatives (for
    ``weights`` and ``method``) and the ``rows`` criteria with the largest weights, and says so
    under the heatmap.

    Parameters
    ----------
    ax : Axes
        Where to draw; a colour bar is added beside it.
    comparison : Comparison
        The scores and the criteria (cost criteria are flipped so that green is always good).
    weights : None, str, mapping or Series
        Ranks the alternatives and criteria when not all are shown (see
        :func:`fwcompare_nb.resolve_weights`); default the criteria's own weights.
    method : str
        Ranks the alternatives when not all are shown.
    top : int
        The most alternatives (columns) shown.
    rows : int
        The most criteria (rows) shown.
    """

    def __init__(
        self,
        ax: Axes,
        comparison: Comparison,
        *,
        weights=None,
        method: str = "wsm",
        top: int = TOP_ALTERNATIVES,
        rows: int = MATRIX_CRITERIA,
    ) -> None:
        self.ax = ax
        alts = list(comparison.alternatives)
        ids = list(comparison.criterion_ids)
        n_alt, n_crit = shown_count(len(alts), top), shown_count(len(ids), rows)
        notes = []
        if n_alt < len(alts) or n_crit < len(ids):
            rec = recommend(comparison, weights, method)
            if n_alt < len(alts):
                alts = [str(a) for a in rec.ranking.index[:n_alt]]
                notes.append(
                    f"the {n_alt} best-ranked of {len(comparison.alternatives):,} alternatives"
                )
            if n_crit < len(ids):
                weights_ = rec.weights.sort_values(ascending=False, kind="stable")
                heaviest = set(weights_.index[:n_crit])
                ids = [c for c in ids if c in heaviest]  # declared order: groups stay together
                total = len(comparison.criterion_ids)
                notes.append(f"the {n_crit} weightiest of {total:,} criteria")
        x, lo, hi, benefit = comparison.arrays
        ia = comparison.alternative_index.get_indexer(pd.Index(alts))
        ja = pd.Index(comparison.criterion_ids).get_indexer(pd.Index(ids))
        x = x[np.ix_(ia, ja)]
        norm = minmax_normalise(x, lo[ja], hi[ja], benefit[ja]).T
        crit = comparison.criteria.loc[ids]
        self.ids = ids
        self.alternatives = alts
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
                    color="white" if dark else "black", **PLAIN,
                )  # fmt: skip
        set_plain_ticks(ax.yaxis, range(len(self.names)), self.names, fontsize=8)
        long = max((len(a) for a in alts), default=0) > 10 and len(alts) > 4
        set_plain_ticks(ax.xaxis, range(len(alts)), [shorten(a, NAME_CHARS) for a in alts],
                        rotation=30 if long else 0, ha="left" if long else "center")  # fmt: skip
        ax.xaxis.tick_top()
        ax.figure.colorbar(image, ax=ax, label="normalised score (1 = best)", shrink=0.6)
        ax.set_title("Comparison matrix: raw scores, colour = how good", fontsize=10, pad=24,
                     **PLAIN)  # fmt: skip
        self.note = None
        if notes:
            self.note = ax.set_xlabel(
                "Showing " + " and ".join(notes) + ": see the ranking table", **NOTE_STYLE
            )

    def update(self, weights: pd.Series) -> None:
        """Label each criterion's row with its name and its share of ``weights``.

        Parameters
        ----------
        weights : Series
            Normalised weights by criterion id.
        """
        labels = [
            f"{n}  {percent(weights[c], 0)}" for n, c in zip(self.names, self.ids, strict=True)
        ]
        set_plain_ticks(self.ax.yaxis, range(len(labels)), labels, fontsize=8)


def _figure_rows(n: int) -> int:
    """Rows a bar chart of ``n`` alternatives takes: the bars shown, and one for the note."""
    shown = shown_count(n)
    return shown + (1 if shown < n else 0)


def plot_ranking(
    recommendation: Recommendation,
    ax: Axes | None = None,
    *,
    colors: dict[str, str] | None = None,
) -> Axes:
    """Draw horizontal bars of each alternative's score, best at the top, score printed.

    Parameters
    ----------
    recommendation : Recommendation
        What to draw.
    ax : Axes, optional
        Where to draw; default a new figure sized to the bars shown.
    colors : dict, optional
        Alternative -> colour; default one per alternative in the comparison's order.

    Returns
    -------
    Axes
        The chart's Axes.
    """
    alternatives = list(recommendation.contributions.index)  # the comparison's order
    ax = axes_or_new(ax, (6, 0.9 + 0.5 * _figure_rows(len(alternatives))))
    colors = colors or alternative_colors(alternatives)
    RankingChart(ax, alternatives, colors).update(recommendation)
    return ax


def plot_contributions(
    recommendation: Recommendation,
    comparison: Comparison,
    ax: Axes | None = None,
    *,
    colors: dict[str, str] | None = None,
) -> Axes:
    """Draw each criterion's contribution to each alternative's result, as one stacked bar each.

    Bars are in the ranking's order, best at the top; the criteria that contribute most have
    their own segments, named in the legend, and the rest are summed as "other". For WSM an
    alternative's segments add up to its score; for WPM they are log factors and for TOPSIS
    separation terms (see :func:`fwcompare_nb.contributions`).

    Parameters
    ----------
    recommendation : Recommendation
        What to draw.
    comparison : Comparison
        The comparison it scores.
    ax : Axes, optional
        Where to draw; default a new figure sized to the bars shown.
    colors : dict, optional
        Alternative -> colour; default one per alternative in the comparison's order.

    Returns
    -------
    Axes
        The chart's Axes.
    """
    ax = axes_or_new(ax, (8, 1.9 + 0.55 * _figure_rows(len(comparison.alternatives))))
    colors = colors or alternative_colors(comparison.alternatives)
    ContributionsChart(ax, comparison, colors).update(recommendation)
    return ax


def plot_matrix(
    comparison: Comparison,
    ax: Axes | None = None,
    *,
    weights: pd.Series | None = None,
    method: str = "wsm",
) -> Axes:
    """Draw a heatmap of the scores, criteria as rows and alternatives as columns.

    Colour is the normalised value (cost criteria flipped, so green is always good); the raw
    score is printed in each cell. With ``weights`` the row labels show each weight's share.
    A large comparison shows its best-ranked alternatives and weightiest criteria (see
    :class:`MatrixChart`).

    Parameters
    ----------
    comparison : Comparison
        What to draw.
    ax : Axes, optional
        Where to draw; default a new figure sized to the cells shown.
    weights : Series, optional
        Normalised weights by criterion id (the row labels' shares, and the ranking that picks
        what a large comparison shows).
    method : str
        Ranks the alternatives of a large comparison.

    Returns
    -------
    Axes
        The chart's Axes.
    """
    n_alt = shown_count(len(comparison.alternatives))
    n_crit = shown_count(len(comparison.criterion_ids), MATRIX_CRITERIA)
    ax = axes_or_new(ax, (3.5 + 1.1 * n_alt, 1.2 + 0.3 * n_crit))
    chart = MatrixChart(ax, comparison, weights=weights, method=method)
    if weights is not None:
        chart.update(weights)
    return ax
