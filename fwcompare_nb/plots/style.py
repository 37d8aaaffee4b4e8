"""What every chart shares: the palette, one way to get an Axes, short labels, percent ticks."""

from __future__ import annotations

from collections.abc import Sequence

import matplotlib.pyplot as plt
from matplotlib.axes import Axes
from matplotlib.axis import Axis
from matplotlib.ticker import PercentFormatter

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
    """One colour per alternative, by its position in the comparison (cycles after eight).

    Parameters
    ----------
    alternatives : sequence of str
        The comparison's alternatives, in their own order.

    Returns
    -------
    dict
        Alternative -> hex colour.

    Examples
    --------
    >>> alternative_colors(["Django", "Flask"])
    {'Django': '#0072B2', 'Flask': '#E69F00'}
    """
    return {a: OKABE_ITO[i % len(OKABE_ITO)] for i, a in enumerate(alternatives)}


def palette_color(k: int) -> str:
    """Return the ``k``-th colour of the palette, cycling (for series that are not alternatives).

    Parameters
    ----------
    k : int
        Position of the series, from 0.

    Returns
    -------
    str
        A hex colour.
    """
    return OKABE_ITO[k % len(OKABE_ITO)]


def axes_or_new(ax: Axes | None, size: tuple[float, float]) -> Axes:
    """``ax`` itself, or the Axes of a new constrained-layout figure of ``size`` inches."""
    if ax is None:
        _, ax = plt.subplots(figsize=size, layout="constrained")
    return ax


def shorten(text: str, n: int = 16) -> str:
    """``text`` cut to ``n`` characters, the last one an ellipsis when cut."""
    return text if len(text) <= n else text[: n - 1] + "…"


def percent_axis(axis: Axis, decimals: int | None = 0) -> None:
    """Label ``axis`` (values as fractions of 1) in percent.

    ``decimals=None`` lets matplotlib choose enough decimals for the tick spacing.
    """
    axis.set_major_formatter(PercentFormatter(xmax=1.0, decimals=decimals))
