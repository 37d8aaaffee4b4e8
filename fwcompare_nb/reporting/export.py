"""Every chart of a recommendation as PNG or SVG, for files and for embedding.

The files are what the ``charts`` command and the explorer's export button write; the HTML
report embeds the same charts.

Figures are plain :class:`matplotlib.figure.Figure` objects, never registered with pyplot, so a
long session or a server exporting many charts does not pile figures up. Files are written
atomically (a temporary file in the same folder, then renamed).
"""

from __future__ import annotations

import io
from collections.abc import Callable
from pathlib import Path

import matplotlib
from matplotlib.figure import Figure

from ..analysis.sensitivity import SensitivityResult, sensitivity
from ..analysis.smaa import SmaaResult, rank_acceptability
from ..core.comparison import Comparison
from ..core.errors import DataError
from ..core.scoring import Recommendation, Weights, recommend
from ..core.validation import check_choice
from ..io.files import write_atomic
from ..plots import comparison as plots
from ..plots import robustness as decision_plots

FORMATS = ("png", "svg")
#: name -> what the chart shows (also the file names: ``<name>.<format>``)
CHARTS = {
    "ranking": "each alternative's score, best first",
    "contributions": "what each criterion contributes to each score",
    "matrix": "the comparison matrix as a heatmap",
    "sensitivity": "the weight range over which the winner stays first, per criterion",
    "robustness": "how often each alternative ranks first under uncertain weights (SMAA-2)",
}
DPI = 110


def chart_figures(
    comparison: Comparison,
    weights: Weights = None,
    method: str = "wsm",
    *,
    samples: int = 20_000,
    seed: int = 0,
) -> dict[str, Figure]:
    """Draw every chart of :data:`CHARTS` for these weights; keys are the chart names."""
    rec = recommend(comparison, weights, method)
    sens = sensitivity(comparison, rec.weights, rec.method)
    smaa = rank_acceptability(comparison, rec.weights, rec.method, samples=samples, seed=seed,
                              weight_sampling="around")  # fmt: skip
    return draw_charts(comparison, rec, sens, smaa)


def draw_charts(
    comparison: Comparison, rec: Recommendation, sens: SensitivityResult, smaa: SmaaResult
) -> dict[str, Figure]:
    """Draw every chart of :data:`CHARTS` from analyses already made (the report has them)."""
    colors = plots.alternative_colors(comparison.alternatives)
    n_alt, n_crit = len(comparison.alternatives), len(comparison.criteria)
    draw: dict[str, tuple[tuple[float, float], Callable]] = {
        "ranking": ((7, 1.2 + 0.5 * n_alt),
                    lambda ax: plots.plot_ranking(rec, ax, colors=colors)),
        "contributions": ((8, 1.4 + 0.6 * n_alt),
                          lambda ax: plots.plot_contributions(rec, comparison, ax, colors=colors)),
        "matrix": ((3.8 + 1.0 * n_alt, 1.2 + 0.3 * n_crit),
                   lambda ax: plots.plot_matrix(comparison, ax, weights=rec.weights)),
        "sensitivity": ((8, 4.2),
                        lambda ax: decision_plots.plot_tornado(sens, ax, colors=colors)),
        "robustness": ((8, 1.4 + 0.5 * n_alt),
                       lambda ax: decision_plots.plot_acceptability(smaa, ax, colors=colors)),
    }  # fmt: skip
    figures = {}
    for name, (size, plot) in draw.items():
        fig = Figure(figsize=size, dpi=DPI, layout="constrained")
        plot(fig.add_subplot())
        figures[name] = fig
    return figures


def figure_bytes(fig: Figure, fmt: str) -> bytes:
    """Encode the figure as PNG or SVG (SVG keeps text as text: searchable, selectable).

    Parameters
    ----------
    fig : Figure
        The chart.
    fmt : {"png", "svg"}
        The format (any case, surrounding white space ignored).

    Returns
    -------
    bytes
        The encoded image, on a white background at :data:`DPI`.

    Raises
    ------
    DataError
        An unknown format.
    """
    fmt = check_choice(fmt, FORMATS, what="chart format")
    buffer = io.BytesIO()
    with matplotlib.rc_context({"svg.fonttype": "none"}):
        fig.savefig(buffer, format=fmt, dpi=DPI, facecolor="white")
    return buffer.getvalue()


def export_charts(
    comparison: Comparison,
    directory: str | Path,
    weights: Weights = None,
    method: str = "wsm",
    fmt: str = "png",
    **options,
) -> list[Path]:
    """Write every chart to ``directory/<name>.<fmt>``; returns the paths in :data:`CHARTS` order.

    Raises
    ------
    DataError
        Unknown format, or ``directory`` cannot be created or written (the message names it).
    """
    fmt = check_choice(fmt, FORMATS, what="chart format")
    out = Path(directory)
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise DataError(
            f"cannot create the output folder ({exc.strerror})", file=str(out),
            fix="choose a folder you can write to",
        ) from exc  # fmt: skip
    paths = []
    for name, fig in chart_figures(comparison, weights, method, **options).items():
        path = out / f"{name}.{fmt}"
        try:
            write_atomic(path, figure_bytes(fig, fmt))
        except OSError as exc:
            raise DataError(
                f"cannot write the chart ({exc.strerror})", file=str(path),
                fix="choose a folder you can write to",
            ) from exc  # fmt: skip
        paths.append(path)
    return paths
