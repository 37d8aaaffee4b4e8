"""Charts of measured evidence (object-oriented matplotlib, as :mod:`.plots`)."""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.axes import Axes

from .style import PLAIN, palette_color, plain, set_plain_ticks


def plot_measure(table: pd.DataFrame, ax: Axes | None = None, *, title: str = "") -> Axes:
    """Draw one measure as grouped horizontal bars, the value printed at each bar's end.

    One group per framework (smallest total first), one bar per app.

    Parameters
    ----------
    table : DataFrame
        A :func:`fwcompare_nb.io.measurements.measure_table`: frameworks as rows, apps as
        columns, the unit in ``.attrs["unit"]`` (the axis label).
    ax : Axes, optional
        Where to draw; default a new figure sized to the table.
    title : str
        The chart's title.

    Returns
    -------
    Axes
        The chart's Axes.
    """
    table = table.loc[table.sum(axis=1).sort_values().index]
    if ax is None:
        _, ax = plt.subplots(figsize=(7.5, 0.9 + 0.42 * len(table) * max(1, len(table.columns))),
                             layout="constrained")  # fmt: skip
    n = len(table.columns)
    height = 0.8 / n
    y = np.arange(len(table))
    for k, app in enumerate(table.columns):
        values = table[app].to_numpy(dtype=float)
        bars = ax.barh(y + (k - (n - 1) / 2) * height, values, height=height * 0.92,
                       color=palette_color(k), label=str(app))  # fmt: skip
        ax.bar_label(bars, fmt="%g", padding=2, fontsize=8)
    set_plain_ticks(ax.yaxis, y, [str(a) for a in table.index])
    ax.invert_yaxis()
    ax.margins(x=0.12)
    ax.spines[["top", "right"]].set_visible(False)
    unit = table.attrs.get("unit", "")
    ax.set_xlabel(unit, **PLAIN)
    if n > 1:
        plain(ax.legend(fontsize=8, frameon=False, loc="lower right").get_texts())
    ax.set_title(title, fontsize=11, loc="left", **PLAIN)
    return ax
