"""Every chart of a recommendation as PNG or SVG, for files and for embedding.

The files are what the ``charts`` command and the explorer's export button write; the HTML
report embeds the same charts. A chart file travels alone, so each one says what it shows: a
caption line under the chart names the comparison, the weights (the preset's label, or "custom
weights" and the largest of them) and the method (:func:`weights_caption`), and the PNG or SVG
carries the chart's title and that caption as metadata.

Figures are plain :class:`matplotlib.figure.Figure` objects, never registered with pyplot, so a
long session or a server exporting many charts does not pile figures up. Files are written
atomically (a temporary file in the same folder, then renamed).
"""

from __future__ import annotations

import io
import textwrap
from collections.abc import Callable
from pathlib import Path

import matplotlib
import numpy as np
from matplotlib.figure import Figure
from matplotlib.text import Text
from matplotlib.ticker import FixedFormatter, FuncFormatter

from ..analysis.sensitivity import SensitivityResult, sensitivity
from ..analysis.smaa import SHOWN_CONFIDENCE, SmaaResult, rank_acceptability
from ..core.comparison import Comparison
from ..core.errors import DataError
from ..core.methods import get_method
from ..core.scoring import Recommendation, Weights, recommend
from ..core.text import percent, visible
from ..core.validation import check_choice
from ..io.files import write_atomic
from ..plots import comparison as plots
from ..plots import robustness as decision_plots
from ..plots.style import PLAIN, TOP_ALTERNATIVES, shorten, shown_count, shown_text

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


TOP_WEIGHTS = 3  # custom weights: the caption names this many of the largest


def _preset_of(comparison: Comparison, rec: Recommendation, weights: Weights, profile) -> str:
    """Name the preset the weights are, ``""`` for none.

    ``profile`` or ``weights`` when a preset's id, else the preset whose weights they equal.
    """
    presets = comparison.preset_ids
    for name in (profile, weights):
        if isinstance(name, str) and name in presets:
            return name
    w = rec.weights.to_numpy(dtype=float)
    for name in presets:
        try:
            if np.allclose(comparison.profile_weights(name).to_numpy(dtype=float), w, atol=1e-9):
                return name
        except DataError:  # a preset whose weights cannot be used is no match
            continue
    return ""


def weights_caption(
    comparison: Comparison,
    rec: Recommendation,
    weights: Weights = None,
    *,
    profile: str | None = None,
) -> str:
    """Say what a chart shows: the comparison, the weights and the method, in one line.

    Parameters
    ----------
    comparison : Comparison
        The comparison drawn.
    rec : Recommendation
        The recommendation drawn (its weights and method).
    weights : None, str, mapping or Series
        The weights as they were given (a preset's id names the preset).
    profile : str, optional
        The preset the weights come from; default ``weights`` when a preset's id, else the
        preset whose weights equal ``rec.weights``, if any.

    Returns
    -------
    str
        E.g. ``'django-vs-flask · weights: preset "Learning web development" · method: '``
        and the method's label; for other weights ``"custom weights (Speed 50%, Cost 30%,
        Docs 20%)"``, their largest :data:`TOP_WEIGHTS`; the criteria file's own weights (given
        as ``None`` or equal to them) are "default weights (...)". Followed by " · With N of
        your own scores. Ruled out: ..." when the comparison has them.
    """
    preset = _preset_of(comparison, rec, weights, profile)
    if preset:
        what = f'preset "{comparison.preset_label(preset) or preset}"'
    else:
        w = rec.weights[rec.weights > 0]
        order = np.argsort(-w.to_numpy(dtype=float), kind="stable")[:TOP_WEIGHTS]
        names = comparison.criterion_names
        top = ", ".join(f"{shorten(names[c], 24)} {percent(w[c], 0)}" for c in w.index[order])
        more = ", …" if len(w) > TOP_WEIGHTS else ""
        defaults = comparison.weights.to_numpy(dtype=float)
        same = np.allclose(rec.weights.to_numpy(dtype=float), defaults, atol=1e-9)
        kind = "default weights" if weights is None or same else "custom weights"
        what = f"{kind} ({top}{more})"
    caption = f"{comparison.name} · weights: {what} · method: {get_method(rec.method).label}"
    # Never silently dropped or changed: the chart says whom must-haves ruled out and how many
    # scores are the user's (the same words as the headline, Recommendation.judgement_note).
    return caption + (f" ·{rec.judgement_note()}" if rec.judgement_note() else "")


def chart_figures(
    comparison: Comparison,
    weights: Weights = None,
    method: str = "wsm",
    *,
    profile: str | None = None,
    samples: int | None = None,
    seed: int = 0,
) -> dict[str, Figure]:
    """Draw every chart of :data:`CHARTS` for these weights; keys are the chart names.

    Parameters
    ----------
    comparison : Comparison
        What to draw.
    weights : None, str, mapping or Series
        As :func:`fwcompare_nb.resolve_weights` accepts.
    method : {"wsm", "wpm", "topsis"}
        The scoring method.
    profile : str, optional
        The preset the weights come from, for the caption (see :func:`weights_caption`).
    samples, seed : int
        SMAA-2 sampling for the robustness chart.

    Returns
    -------
    dict
        Chart name -> Figure.
    """
    rec = recommend(comparison, weights, method)
    sens = sensitivity(comparison, rec.weights, rec.method)
    smaa = rank_acceptability(comparison, rec.weights, rec.method, samples=samples, seed=seed,
                              weight_sampling="around",
                              confidence_for=SHOWN_CONFIDENCE)  # fmt: skip
    caption = weights_caption(comparison, rec, weights, profile=profile)
    return draw_charts(comparison, rec, sens, smaa, caption=caption)


def draw_charts(
    comparison: Comparison,
    rec: Recommendation,
    sens: SensitivityResult,
    smaa: SmaaResult,
    *,
    caption: str | None = None,
) -> dict[str, Figure]:
    """Draw every chart of :data:`CHARTS` from analyses already made (the report has them).

    Every chart takes its colours from the comparison's order and its bars from the ranking's
    (best first), and carries ``caption`` as a line under it.

    Parameters
    ----------
    comparison : Comparison
        What is drawn.
    rec : Recommendation
        Its recommendation.
    sens : SensitivityResult
        Its weight stability (the sensitivity chart).
    smaa : SmaaResult
        Its rank acceptability (the robustness chart).
    caption : str, optional
        What the charts show; default :func:`weights_caption` of ``rec`` (a preset's label
        when the weights equal a preset's, otherwise "custom weights").

    Returns
    -------
    dict
        Chart name -> Figure (not registered with pyplot).
    """
    if caption is None:
        caption = weights_caption(comparison, rec, rec.weights)
    colors = plots.alternative_colors(comparison.alternatives)
    n_alt = len(comparison.alternatives)
    rows = shown_count(n_alt) + (1 if n_alt > TOP_ALTERNATIVES else 0)
    cols = shown_count(n_alt)
    n_crit = shown_count(len(comparison.criteria), plots.MATRIX_CRITERIA)
    order = list(rec.ranking.index)
    draw: dict[str, tuple[tuple[float, float], Callable]] = {
        "ranking": ((7, 1.5 + 0.5 * rows),
                    lambda ax: plots.plot_ranking(rec, ax, colors=colors)),
        "contributions": ((8, 2.2 + 0.55 * rows),
                          lambda ax: plots.plot_contributions(rec, comparison, ax, colors=colors)),
        "matrix": ((max(7.0, 4.2 + 1.0 * cols), 1.9 + 0.3 * n_crit),
                   lambda ax: plots.plot_matrix(comparison, ax, weights=rec.weights,
                                                method=rec.method)),
        "sensitivity": ((8, 4.5),
                        lambda ax: decision_plots.plot_tornado(sens, ax, colors=colors)),
        "robustness": ((8, 1.7 + 0.5 * rows),
                       lambda ax: decision_plots.plot_acceptability(smaa, ax, colors=colors,
                                                                    order=order)),
    }  # fmt: skip
    figures = {}
    for name, (size, plot) in draw.items():
        fig = Figure(figsize=size, dpi=DPI, layout="constrained")
        plot(fig.add_subplot())
        # ~15 characters per inch at 8 pt: long captions wrap instead of running off the edge
        text = textwrap.fill(caption, int(size[0] * 15))
        fig.supxlabel(text, x=0.01, ha="left", fontsize=8, color="0.3", **PLAIN)
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
    # Control characters in names are shown as escapes (most are not allowed in XML: an SVG
    # holding one would not open); the charts' own line breaks stay.
    for artist in fig.findobj():
        if isinstance(artist, Text):
            raw = artist.get_text()
            shown = shown_text(raw)
            if shown != raw:
                artist.set_text(shown)
        # The SVG writer turns labels and gids into element ids and attributes.
        label, gid = artist.get_label(), artist.get_gid()
        if isinstance(label, str) and visible(label) != label:
            artist.set_label(visible(label))
        if isinstance(gid, str) and visible(gid) != gid:
            artist.set_gid(visible(gid))
    for ax in fig.axes:  # tick labels are made again at each draw, from the formatters
        for axis in (ax.xaxis, ax.yaxis):
            for formatter in (axis.get_major_formatter(), axis.get_minor_formatter()):
                if isinstance(formatter, FixedFormatter):
                    formatter.seq = [shown_text(s) for s in formatter.seq]
                elif isinstance(formatter, FuncFormatter):
                    func = formatter.func
                    formatter.func = lambda x, pos=None, f=func: shown_text(f(x, pos))
    buffer = io.BytesIO()
    titles = [ax.get_title(loc="left") or ax.get_title() for ax in fig.axes]
    metadata = {"Title": next((t for t in titles if t), None), "Description": fig.get_supxlabel()}
    metadata = {k: v for k, v in metadata.items() if v}
    with matplotlib.rc_context({"svg.fonttype": "none"}):
        fig.savefig(buffer, format=fmt, dpi=DPI, facecolor="white", metadata=metadata)
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

    Parameters
    ----------
    comparison : Comparison
        What to draw.
    directory : str or Path
        The folder (created if missing).
    weights : None, str, mapping or Series
        As :func:`fwcompare_nb.resolve_weights` accepts.
    method : {"wsm", "wpm", "topsis"}
        The scoring method.
    fmt : {"png", "svg"}
        The file format.
    **options
        ``profile``, ``samples``, ``seed``: as :func:`chart_figures`.

    Returns
    -------
    list of Path
        The files written.

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
