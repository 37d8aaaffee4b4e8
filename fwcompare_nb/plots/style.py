"""What every chart shares: palettes, one way to get an Axes, short and plain labels, percent ticks.

Also how many things a chart shows at most: :data:`TOP_ALTERNATIVES` bars (the best-ranked,
with a note saying how many more there are) and :data:`TOP_CRITERIA` criteria per stacked bar
(the rest summed as one "other" segment), so a chart stays readable, and quick to draw, whatever
the comparison's size.
"""

from __future__ import annotations

import math
from collections import OrderedDict
from collections.abc import Iterable, Sequence

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.axes import Axes
from matplotlib.axis import Axis
from matplotlib.backends.backend_agg import RendererAgg
from matplotlib.colors import to_rgba
from matplotlib.text import Text
from matplotlib.ticker import PercentFormatter
from matplotlib.transforms import IdentityTransform

from ..core.text import visible

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
#: Criteria (segments of a contributions bar), kept apart from the alternatives' colours: Paul
#: Tol's "muted" scheme, also safe for colour-blind readers, without its colours closest to
#: Okabe-Ito's.
CRITERION_COLORS = (
    "#332288",  # indigo
    "#DDCC77",  # sand
    "#CC6677",  # rose
    "#117733",  # green
    "#88CCEE",  # cyan
    "#882255",  # wine
    "#999933",  # olive
    "#AA4499",  # purple
)
#: The "other criteria" segment.
OTHER_COLOR = "#BBBBBB"
#: At most this many alternatives get a bar (the best-ranked ones); a note counts the rest.
TOP_ALTERNATIVES = 15
#: At most this many criteria get their own segment in a contributions bar; the rest are summed.
TOP_CRITERIA = 5
#: Text properties that show a name as it is written: no mathtext (``$x$``), no LaTeX.
PLAIN = {"parse_math": False, "usetex": False}


def alternative_colors(alternatives: Sequence[str]) -> dict[str, str]:
    """One colour per alternative, by its position in the comparison (cycles after eight).

    Every chart takes its colours from this, called with the comparison's own order
    (``comparison.alternatives``), so an alternative has the same colour everywhere.

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


def shown_text(text: object) -> str:
    """Write data text for a chart: control characters as escapes (:func:`visible`), lines kept.

    The one way names reach a chart (with :data:`PLAIN`: no mathtext): a live canvas, PNG and
    SVG then all show the escape where a name holds ESC, and SVG stays well-formed.
    """
    return "\n".join(visible(line) for line in str(text).split("\n"))


def shorten(text: str, n: int = 16) -> str:
    """``text`` cut to ``n`` characters, the last one an ellipsis when cut (see shown_text)."""
    text = shown_text(text)
    return text if len(text) <= n else text[: n - 1] + "…"


def shown_count(n: int, top: int = TOP_ALTERNATIVES) -> int:
    """How many of ``n`` alternatives a chart shows: all of them, or the best ``top``.

    Size figures by this, not by ``n``: a chart of 200 alternatives is as tall as one of 15.

    Parameters
    ----------
    n : int
        Alternatives in the comparison.
    top : int
        The most a chart shows.

    Returns
    -------
    int
        ``min(n, top)``.
    """
    return min(n, top)


def more_note(more: int, what: str = "alternatives", where: str = "see the ranking table") -> str:
    """Say how many items a chart leaves out, e.g. "+185 more alternatives: see the ranking table".

    Parameters
    ----------
    more : int
        How many are not shown (> 0).
    what : str
        What they are, in the plural; "alternatives" and "criteria" take their singular for one.
    where : str
        Where to find them.

    Returns
    -------
    str
        The note.
    """
    singular = {"alternatives": "alternative", "criteria": "criterion"}
    noun = singular.get(what, what) if more == 1 else what
    return f"+{more:,} more {noun}: {where}"


def plain(texts: Text | Iterable[Text]) -> None:
    """Show these texts as written: no mathtext, no LaTeX (names may hold ``$``, ``_``, ``^``).

    Parameters
    ----------
    texts : Text or iterable of Text
        Labels, titles, tick labels, legend texts.
    """
    for text in [texts] if isinstance(texts, Text) else texts:
        text.set_parse_math(False)
        text.set_usetex(False)
        shown = shown_text(text.get_text())
        if shown != text.get_text():
            text.set_text(shown)


def set_plain_ticks(axis: Axis, ticks: Sequence[float], labels: Sequence[str], **kwargs) -> None:
    """Put ``labels`` at ``ticks`` on ``axis`` as plain text (see :data:`PLAIN`).

    Parameters
    ----------
    axis : Axis
        ``ax.xaxis`` or ``ax.yaxis``.
    ticks : sequence of float
        Tick positions.
    labels : sequence of str
        One label per tick.
    **kwargs
        Further text properties (``fontsize``, ``color``, ...).
    """
    axis.set_ticks(list(ticks), [shown_text(s) for s in labels], **PLAIN, **kwargs)


def tick_decimals(values: Sequence[float], most: int = 4) -> int:
    """Count the fewest decimals that write every one of ``values`` exactly (at most ``most``).

    Parameters
    ----------
    values : sequence of float
        Tick values, in the unit they are written in (percent for percent ticks).
    most : int
        The most decimals returned.

    Returns
    -------
    int
        E.g. 1 for 0, 2.5, 5, 7.5; 0 for 0, 20, 40.
    """
    v = np.asarray(values, dtype=float)
    v = v[np.isfinite(v)]
    for d in range(most + 1):
        if np.allclose(np.round(v, d), v, rtol=0, atol=1e-6 * 10.0**-d):
            return d
    return most


class SpacingPercentFormatter(PercentFormatter):
    """Percent tick labels with the decimals their spacing needs: 2.5%, 5%, 7.5%, 10%.

    Values are fractions of 1. Each label carries as many decimals as it needs among the
    decimals the set of ticks needs (``0%``, ``2.5%``, ``5%``), never rounding a tick onto the
    wrong number (``8%`` for 7.5%).
    """

    def __init__(self) -> None:
        super().__init__(xmax=1.0, decimals=None)

    _ticks: Sequence[float] = ()

    def set_locs(self, locs: Sequence[float]) -> None:
        """Keep the tick values: every label's decimals depend on all of them.

        Parameters
        ----------
        locs : sequence of float
            The tick values (fractions of 1).
        """
        super().set_locs(locs)
        self._ticks = list(locs)

    def format_pct(self, x: float, display_range: float) -> str:
        """Format ``x`` (a fraction) as a percentage with the ticks' decimals.

        Parameters
        ----------
        x : float
            The tick's value.
        display_range : float
            The axis' visible span (used when the ticks are not known).

        Returns
        -------
        str
            E.g. ``"7.5%"``.
        """
        locs = [self.convert_to_pct(v) for v in self._ticks] or [self.convert_to_pct(x)]
        text = f"{self.convert_to_pct(x) + 0.0:.{tick_decimals(locs)}f}"
        if "." in text:
            text = text.rstrip("0").rstrip(".")
        return ("0" if text == "-0" else text) + self.symbol


def percent_axis(axis: Axis, decimals: int | None = None) -> None:
    """Label ``axis`` (values as fractions of 1) in percent.

    Parameters
    ----------
    axis : Axis
        ``ax.xaxis`` or ``ax.yaxis``.
    decimals : int, optional
        Fixed decimals; by default as many as the tick spacing needs
        (:class:`SpacingPercentFormatter`), so ticks every 2.5% read 2.5%, 5%, 7.5%.
    """
    if decimals is None:
        axis.set_major_formatter(SpacingPercentFormatter())
    else:
        axis.set_major_formatter(PercentFormatter(xmax=1.0, decimals=decimals))


class StampText(Text):
    """A one-line text that a raster canvas draws from a cached image of itself.

    Laying out and rendering glyphs costs about 1 ms per label with matplotlib 3.11's text
    engine; a live chart redraws its names and scores on every frame. On the Agg renderer
    (PNG files, the explorer's canvases) this text renders once into a small image per
    (string, font, colour, dpi) and is stamped from then on: the image is what a direct render
    gives, placed to the pixel (at another sub-pixel offset a direct render may differ by less
    than a pixel; every frame that shows the text stamps the same image). Anything else (SVG
    and PDF keep text as text, rotation, boxes, several lines, mathtext) draws as a plain
    :class:`~matplotlib.text.Text`.
    """

    #: Images of the texts drawn lately, least recently used first (shared by every chart).
    stamps: OrderedDict = OrderedDict()
    most_stamps = 1024

    def _stampable(self, renderer) -> bool:
        s = self.get_text()
        return (
            type(renderer) is RendererAgg
            and self.get_visible()
            and bool(s)
            and "\n" not in s
            and not self.get_rotation()
            and self.get_bbox_patch() is None
            and not self.get_path_effects()
            and not self.get_usetex()
            and not (self.get_parse_math() and "$" in s)
        )

    def draw(self, renderer) -> None:
        """Draw the text, stamped from its cached image where the renderer allows it.

        Parameters
        ----------
        renderer : RendererBase
            The renderer to draw with.
        """
        if not self._stampable(renderer):
            super().draw(renderer)
            return
        box = self.get_window_extent(renderer)
        x0, y0 = math.floor(box.x0) - 1, math.floor(box.y0) - 1
        key = (
            self.get_text(), hash(self.get_fontproperties()),
            to_rgba(self.get_color(), self.get_alpha()), self.get_antialiased(),
            renderer.dpi, round(box.width, 3), round(box.height, 3),
        )  # fmt: skip
        image = self.stamps.get(key)
        if image is None:
            image = self._render(renderer, x0, y0, box)
            self.stamps[key] = image
            if len(self.stamps) > self.most_stamps:
                self.stamps.popitem(last=False)
        else:
            self.stamps.move_to_end(key)
        gc = renderer.new_gc()
        self._set_gc_clip(gc)
        renderer.draw_image(gc, x0, y0, image)
        gc.restore()
        self.stale = False

    def _render(self, renderer, x0: int, y0: int, box) -> np.ndarray:
        """Render the text alone into an image whose lower left corner is at ``(x0, y0)``."""
        width, height = math.ceil(box.x1) - x0 + 2, math.ceil(box.y1) - y0 + 2
        canvas = RendererAgg(width, height, renderer.dpi)
        alone = Text()
        alone.update_from(self)
        alone.set_text(self.get_text())
        alone.set_parse_math(self.get_parse_math())
        alone.set_figure(self.get_figure(root=False))
        alone.set_transform(IdentityTransform())
        x, y = self.get_transform().transform(self.get_unitless_position())
        alone.set_position((x - x0, y - y0))
        alone.set_clip_on(False)
        alone.draw(canvas)
        return np.asarray(canvas.buffer_rgba())[::-1].copy()  # draw_image: bottom row first


def stamp_text(ax: Axes, x: float, y: float, s: str, **kwargs) -> StampText:
    """Add a :class:`StampText` to ``ax``, as ``ax.text(x, y, s, **kwargs)`` adds a Text.

    Parameters
    ----------
    ax : Axes
        Where.
    x, y : float
        Position, in data coordinates unless ``transform`` says otherwise.
    s : str
        The text.
    **kwargs
        Text properties.

    Returns
    -------
    StampText
        The text.
    """
    text = StampText(x, y, s, **{"transform": ax.transData, **kwargs})
    ax.add_artist(text)
    return text
