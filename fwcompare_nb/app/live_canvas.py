"""ipympl canvases for charts that change many times a second (the explorer's).

Two things ipympl does not do for a live chart:

* **Redraw only what changed.** A weight change moves bars and score labels; axes, ticks and
  titles usually stay. :class:`LiveCanvas` keeps the rendered static part as a background and,
  while the chart's *background key* (say, the order of the alternatives and the axis limits)
  is unchanged, restores it and draws just the moving artists on top (matplotlib's blitting;
  see the "Faster rendering by using blitting" tutorial). Text is most of a render, so this
  cuts a redraw from ~20 ms to a few.
* **Send the frame at once.** ipympl's ``draw_idle`` asks the browser to ask back for a frame,
  a kernel -> browser -> kernel round trip before rendering starts (25-30 ms per slider move in
  Voila). :meth:`LiveCanvas.redraw` renders and sends in one go once a browser view has
  initialised the canvas; before that, ipympl's ``draw_idle`` and its resize/refresh protocol
  are left alone (taking those over left canvases at zero size).

Importing this module does not switch matplotlib's backend (importing ``ipympl`` normally does).
"""

from __future__ import annotations

from collections.abc import Hashable, Sequence

import matplotlib
from matplotlib.artist import Artist
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure


def _import_ipympl_canvas():
    """Import ipympl's canvas classes without ipympl switching the user's matplotlib backend.

    Importing the ``ipympl`` package calls ``matplotlib.use("module://ipympl.backend_nbagg")``
    whenever matplotlib is already loaded: in a notebook that turned every later inline chart
    (``plot_ranking(...)``) into nothing and closed the user's open pyplot figures. The explorer
    only needs the canvas class, so the switch is skipped for the duration of the import.
    """
    use = matplotlib.use
    matplotlib.use = lambda *args, **kwargs: None
    try:
        from ipympl.backend_nbagg import Canvas, FigureManager
    finally:
        matplotlib.use = use
    return Canvas, FigureManager


Canvas, FigureManager = _import_ipympl_canvas()


class LiveCanvas(Canvas):
    """An ipympl canvas with a fixed size, blitted redraws and no browser round trip.

    Parameters
    ----------
    figure : Figure
        The figure it shows.
    **kwargs
        Passed on to ipympl's ``Canvas``.

    Attributes
    ----------
    full_draws, blits : int
        How many redraws rendered everything, and how many only the moving artists (tests and
        benchmarks read them).
    """

    def __init__(self, figure: Figure, **kwargs) -> None:
        super().__init__(figure, **kwargs)
        self._dynamic: list[Artist] = []
        self._background = None
        self._background_key: Hashable = None
        self.full_draws = 0
        self.blits = 0

    def set_dynamic(self, artists: Sequence[Artist]) -> None:
        """Set the artists that change on every update, drawn over the saved background.

        They are marked ``animated`` (matplotlib then leaves them out of a normal render) and
        drawn in the given order after it, so list them bottom to top.

        Parameters
        ----------
        artists : sequence of Artist
            Such as a chart's ``dynamic_artists()``; the saved background is dropped.
        """
        for artist in artists:
            artist.set_animated(True)
        self._dynamic = list(artists)
        self._background = None

    # ipympl calls draw() itself (first frame, browser refresh, resize): it must always
    # produce the whole chart, moving artists included.
    def draw(self) -> None:
        """Render everything, keep the static part as the background, send the frame."""
        self._png_is_old = True
        try:
            FigureCanvasAgg.draw(self)  # the static part: animated artists are skipped
            self._background = self.copy_from_bbox(self.figure.bbox) if self._dynamic else None
            self._draw_dynamic()
            self.full_draws += 1
        finally:
            self.manager.refresh_all()  # ipympl: encode (diff) and send to every view

    def _draw_dynamic(self) -> None:
        renderer = self.get_renderer()
        for artist in self._dynamic:
            if artist.get_visible():
                artist.draw(renderer)

    def redraw(self, background_key: Hashable = None) -> None:
        """Show the chart's current state: a blit if the background still holds, else a draw.

        Parameters
        ----------
        background_key : hashable
            Whatever the static part shows that can change (tick labels, limits, titles); a
            new key means a full render.
        """
        if self.syncing_data_url:
            # No browser view has initialised the canvas yet (or none ever will, as in
            # headless execution): ipympl's own path, which draws when the view asks.
            self._background_key = None
            self.draw_idle()
            return
        if self._background is None or background_key != self._background_key:
            self._background_key = background_key
            self.draw()
            return
        self.restore_region(self._background)
        self._draw_dynamic()
        self.blits += 1
        self.blit(self.figure.bbox)  # webagg: mark the frame new and send it

    def _handle_message(self, object, content, buffers) -> None:
        super()._handle_message(object, content, buffers)
        # ipympl's front end turns `resizable` back on (locally) once its comm is live and
        # draws a resize handle; dragging it would resize a figure whose layout is frozen.
        if content.get("type") == "initialized" and not self.resizable:
            self.send_state("resizable")


def live_figure(width: float, height: float, css_class: str) -> tuple[Figure, LiveCanvas]:
    """Make a figure on its own :class:`LiveCanvas`, kept out of pyplot's registry (no pile-up).

    Sizes are in inches at 80 dpi (what they look like on the page); the figure renders at
    72 dpi: fewer pixels to render and send on every redraw, text still readable.

    Parameters
    ----------
    width, height : float
        The size on the page, in inches at 80 dpi.
    css_class : str
        Added to the canvas widget (tests and benchmarks find the chart by it).

    Returns
    -------
    fig : Figure
        The figure to draw on (constrained layout).
    canvas : LiveCanvas
        Its canvas: the widget to display, without header, footer, toolbar or resize handle.
    """
    fig = Figure(figsize=(width * 80 / 72, height * 80 / 72), dpi=72, layout="constrained")
    canvas = LiveCanvas(fig)
    FigureManager(canvas, 0)  # the canvas needs a manager (toolbar, messages); pyplot never sees it
    canvas.header_visible = False
    canvas.footer_visible = False
    canvas.toolbar_visible = False
    canvas.resizable = False
    canvas.capture_scroll = False
    canvas.add_class(css_class)
    return fig, canvas
