"""Matplotlib charts of a comparison and its recommendation (object-oriented API).

Every ``plot_*`` function draws on ``ax`` (or a new figure's axes) and returns the Axes.
Alternatives keep one colour everywhere (Okabe-Ito palette, safe for colour-blind readers).
"""

from __future__ import annotations

from collections.abc import Sequence

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.axes import Axes

from .methods import minmax_normalise
from .model import Comparison
from .scoring import Recommendation

#: Okabe & Ito (2008), "Color Universal Design": distinguishable under common colour blindness.
OKABE_ITO = (
    "#0072B2",  # blue
    "#E69F00",  # orange
    "#009E73",  # bluish green
    "#CC79A7",  # reddish purple
    "#56B4E9",  # sky blue
    "#D55E00",  # vermillion
    "#F0E442",  # yellow
    "#000000",  # black
)


def alternative_colors(alternatives: Sequence[str]) -> dict[str, str]:
    """One colour per alternative, by its position in the comparison (cycles after eight)."""
    return {a: OKABE_ITO[i % len(OKABE_ITO)] for i, a in enumerate(alternatives)}


def _axes(ax: Axes | None, size: tuple[float, float]) -> Axes:
    if ax is None:
        _, ax = plt.subplots(figsize=size, layout="constrained")
    return ax


def plot_ranking(
    recommendation: Recommendation,
    ax: Axes | None = None,
    *,
    colors: dict[str, str] | None = None,
) -> Axes:
    """Horizontal bars of each alternative's score, best at the top, with the score printed.

    Bars carry the alternative's name as ``gid`` so that callers can update them in place.
    """
    ranking = recommendation.ranking
    ax = _axes(ax, (6, 0.6 + 0.5 * len(ranking)))
    colors = colors or alternative_colors(sorted(ranking.index))
    names = list(ranking.index)[::-1]  # barh draws bottom-up
    scores = ranking["score"].to_numpy()[::-1]
    bars = ax.barh(names, scores, color=[colors[n] for n in names])
    for bar, name, score in zip(bars, names, scores, strict=True):
        bar.set_gid(name)
        ax.text(score, bar.get_y() + bar.get_height() / 2, f" {score:.3f}", va="center", fontsize=9)
    ax.set_xlim(0, max(1.0, float(scores.max()) * 1.15))
    ax.set_xlabel(f"{recommendation.method.upper()} score (higher is better)")
    ax.set_title(f"Ranking: {recommendation.winner} first")
    ax.spines[["top", "right"]].set_visible(False)
    return ax


def plot_contributions(
    recommendation: Recommendation,
    comparison: Comparison,
    ax: Axes | None = None,
    *,
    colors: dict[str, str] | None = None,
) -> Axes:
    """Each criterion's contribution to each alternative's score, as grouped bars per criterion.

    For WSM the bars of one alternative add up to its score; for WPM they are log factors and
    for TOPSIS separation terms (see :func:`fwcompare_nb.contributions`).
    """
    contrib = recommendation.contributions
    names = comparison.criteria["name"].reindex(contrib.columns)
    ax = _axes(ax, (7, 0.8 + 0.35 * len(names) * max(1, len(contrib) / 2)))
    colors = colors or alternative_colors(list(contrib.index))
    n_alt = len(contrib)
    height = 0.8 / n_alt
    y = np.arange(len(names))[::-1]
    for k, alt in enumerate(contrib.index):
        offset = (k - (n_alt - 1) / 2) * height
        bars = ax.barh(
            y - offset, contrib.loc[alt].to_numpy(), height, label=alt, color=colors[alt]
        )
        for bar, cid in zip(bars, contrib.columns, strict=True):
            bar.set_gid(f"{alt}|{cid}")
    ax.set_yticks(y, list(names))
    ax.axvline(0, color="0.3", linewidth=0.8)
    labels = {"wsm": "weight x normalised score", "wpm": "weight x log(ratio)"}
    ax.set_xlabel(labels.get(recommendation.method, "(v - worst)² - (v - best)²"))
    ax.set_title("Contribution of each criterion")
    ax.legend(loc="lower right", frameon=False)
    ax.spines[["top", "right"]].set_visible(False)
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
    x, lo, hi, benefit = comparison.arrays
    norm = minmax_normalise(x, lo, hi, benefit).T
    crit = comparison.criteria
    alts = comparison.alternatives
    ax = _axes(ax, (3.5 + 1.1 * len(alts), 1.0 + 0.3 * len(crit)))
    image = ax.imshow(norm, cmap="RdYlGn", vmin=0, vmax=1, aspect="auto")
    for j in range(norm.shape[0]):
        for i in range(norm.shape[1]):
            ax.text(i, j, f"{x[i, j]:g}", ha="center", va="center", fontsize=8)
    labels = [
        f"{name}{' (cost)' if d == 'cost' else ''}"
        for name, d in zip(crit["name"], crit["direction"], strict=True)
    ]
    if weights is not None:
        labels = [f"{lab}  {weights[cid]:.0%}" for lab, cid in zip(labels, crit.index, strict=True)]
    ax.set_yticks(range(len(labels)), labels, fontsize=8)
    ax.set_xticks(range(len(alts)), alts)
    ax.xaxis.tick_top()
    ax.figure.colorbar(image, ax=ax, label="normalised score (1 = best)", shrink=0.6)
    ax.set_title("Comparison matrix: raw scores, colour = how good", fontsize=10, pad=24)
    return ax
