"""Downloads that reach the browser: the ranking, the weights, the charts and the report.

The export panel writes files on the server's disk, which a dashboard's viewer never sees. This
panel makes each file in memory for the weights, method and preset in effect and hands it to
the browser as a link with a ``data:`` URL and a ``download`` name: ipywidgets' HTML widget puts
its value into the page as it is (``innerHTML``, no sanitiser, in JupyterLab and in Voila), and
a click on such a link saves the file. Nothing is written on the server, not even a temporary
file, and no custom JavaScript is needed.

Like the panels of :mod:`.panels` it gets the explorer's state and the comparison, never the
explorer: it can be built, shown and tested on its own, and :meth:`DownloadPanel.make` gives
the files without a browser.
"""

from __future__ import annotations

import base64
import html
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import ipywidgets as widgets
import pandas as pd

from ..core.comparison import Comparison, resolve_weights
from ..core.errors import DataError
from ..core.methods import get_method
from ..core.scoring import rank, ranking_csv
from ..core.validation import check_choice
from ..io.names import file_stem
from ..io.profiles import MAX_NAME_LENGTH, profile_file_name, profile_json
from .layout import wrapping
from .messages import page_text
from .state import CUSTOM, ExplorerState

__all__ = ["KINDS", "DownloadFile", "DownloadPanel", "file_stem", "profile_name", "size_text"]

#: The name a profile of weights that are no preset gets (followed by the comparison's).
CUSTOM_LABEL = "Custom weights"
#: At most this much of a profile's name is the comparison's, so the preset's label shows too.
MAX_COMPARISON_IN_NAME = 32
#: The part of the page the explorer's error messages name for this panel (``shows_errors``).
SOURCE = "downloads"


@dataclass(frozen=True)
class Kind:
    """One kind of download: its button and what the page says while it is made."""

    label: str
    css: str
    icon: str
    busy: str  # the clicked button's description while the file is made
    what: str  # the files, for the status line


#: The downloads offered, by key (the argument of :meth:`DownloadPanel.make`), in button order.
KINDS: dict[str, Kind] = {
    "ranking": Kind("Ranking (CSV)", "fwc-download-ranking", "table",
                    "Making the ranking…", "the ranking"),
    "profile": Kind("Weights (profile JSON)", "fwc-download-profile", "sliders",
                    "Making the profile…", "the weight profile"),
    "png": Kind("Charts (PNG)", "fwc-download-png", "image",
                "Drawing the charts…", "the charts as PNG"),
    "svg": Kind("Charts (SVG)", "fwc-download-svg", "image",
                "Drawing the charts…", "the charts as SVG"),
    "report": Kind("Report (HTML)", "fwc-download-report", "file",
                   "Making the report…", "the report"),
    "record": Kind("Decision record (MADR)", "fwc-download-record", "book",
                   "Writing the record…", "the decision record"),
    "page": Kind("Live page (HTML, no Python)", "fwc-download-page", "sliders",
                 "Making the live page…", "the live page"),
}  # fmt: skip
#: Font Awesome 4's spinner, turning: ipywidgets prefixes each word of ``icon`` with ``fa-``,
#: and JupyterLab and Voila both ship the ``fa-spin`` animation (no JavaScript of our own).
BUSY_ICON = "spinner spin"
LINK_STYLE = "color:#0b57d0;text-decoration:underline"


@dataclass(frozen=True)
class DownloadFile:
    """One file made in memory for the browser.

    Attributes
    ----------
    name : str
        The file name the browser saves it under (``[a-z0-9-]`` and an extension).
    mime : str
        Its media type, e.g. ``"text/csv;charset=utf-8"``.
    data : bytes
        Its content.
    """

    name: str
    mime: str
    data: bytes = field(repr=False)

    @property
    def size(self) -> int:
        """The file's size in bytes."""
        return len(self.data)

    def data_url(self) -> str:
        """Return the file as a ``data:`` URL (base64: a third larger than the file)."""
        return f"data:{self.mime};base64,{base64.b64encode(self.data).decode('ascii')}"

    def link(self) -> str:
        """Return the HTML link that saves the file: ``<a download=... href="data:...">``."""
        name = html.escape(self.name)
        # Styled here: JupyterLab's and Voila's page styles make a bare <a> look like text.
        return (
            f'<a download="{name}" href="{self.data_url()}" class="fwc-download-link" '
            f'style="{LINK_STYLE}">Save {name} ({size_text(self.size)})</a>'
        )


def size_text(n_bytes: int) -> str:
    """Say how large a file is: ``"812 B"``, ``"45 kB"``, ``"1.2 MB"`` (powers of 1000).

    Parameters
    ----------
    n_bytes : int
        The size.

    Returns
    -------
    str
        The size in the unit that keeps it short.
    """
    if n_bytes < 1000:
        return f"{n_bytes} B"
    if n_bytes < 1_000_000:
        return f"{n_bytes / 1000:.0f} kB"
    return f"{n_bytes / 1_000_000:.1f} MB"


def _words(text: str) -> list[str]:
    """Split ``text`` into ASCII words, hyphenated words kept whole; anything else separates.

    Accents are dropped first (``"Équipe"`` -> ``"Equipe"``), as :func:`.profiles.slugify`
    does, so that a name made of these words slugs to ``[a-z0-9]`` runs joined by single ``-``:
    no dots, slashes, underscores or doubled hyphens from whatever the data says.
    """
    decomposed = unicodedata.normalize("NFKD", text)
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return re.findall(r"[A-Za-z0-9]+(?:-[A-Za-z0-9]+)*", plain)


def _cut(text: str, limit: int) -> str:
    """``text`` at most ``limit`` characters long, cut at a space when one is near."""
    if len(text) <= limit:
        return text
    head = text[:limit]
    if text[limit] != " " and " " in head[limit // 2 :]:
        head = head.rsplit(" ", 1)[0]  # not in the middle of a word
    return head.rstrip(" -")


def profile_name(comparison: Comparison, preset: str | None) -> str:
    """Name a downloaded weight profile: the preset's label for the comparison.

    Parameters
    ----------
    comparison : Comparison
        Its name ends the profile's name.
    preset : str or None
        The preset's id; ``None`` (or ``"custom"``) for weights that are no preset.

    Returns
    -------
    str
        E.g. ``"Learning web development for django-vs-flask"`` or ``"Custom weights for
        django-vs-flask"``: ASCII words only, at most 64 characters, so it passes
        :func:`~fwcompare_nb.io.profiles.check_name` and its file name
        (:func:`~fwcompare_nb.io.profiles.profile_file_name`) is ``[a-z0-9-]`` and ``.json``.
    """
    label = ""
    if preset and preset != CUSTOM:
        try:
            label = comparison.preset_label(preset) or preset
        except DataError:  # a preset the comparison does not have: its id is all we know
            label = preset
    # A label in another script has no ASCII words: the preset's id may have some.
    words = " ".join(_words(label) or _words(preset or "")) or CUSTOM_LABEL
    # Never the label alone: "CON" would slug to a Windows device name ("con_").
    comp = _cut(" ".join(_words(comparison.name)), MAX_COMPARISON_IN_NAME) or "comparison"
    tail = f" for {comp}"
    return _cut(words, MAX_NAME_LENGTH - len(tail)) + tail


def _status_html(text: str, tone: str) -> str:
    color = {"ok": "#1b5e20", "error": "#b00020", "note": "#555555"}[tone]
    return f"<span style='color:{color}'>{html.escape(text)}</span>"


class DownloadPanel:
    """Buttons that make the ranking, weights, charts or report and offer them to the browser.

    Parameters
    ----------
    state : ExplorerState
        The weights, method and preset the files are made for.
    comparison : Comparison
        What the files are about.
    wrap : callable, optional
        Wraps each button's callback as ``wrap(callback, "downloads")``, e.g. the explorer's
        ``shows_errors``, so that an unexpected error appears on the page. Default: none.

    Attributes
    ----------
    widget : ipywidgets.VBox
        The panel to display (CSS class ``fwc-downloads``).
    buttons : dict
        One button per key of :data:`KINDS`.
    status : ipywidgets.HTML
        What is being made, what was made, or why it could not be (``fwc-download-status``).
    links : ipywidgets.HTML
        The links that save the files last made (``fwc-download-links``).
    """

    def __init__(
        self,
        state: ExplorerState,
        comparison: Comparison,
        *,
        wrap: Callable[[Callable[..., Any], str], Callable[..., Any]] | None = None,
    ) -> None:
        self.state, self.comparison = state, comparison
        # What the links on show were made for: (weights, method, preset), or None.
        self._made_for: tuple[pd.Series | None, str, str] | None = None
        self.buttons: dict[str, widgets.Button] = {}
        for key, kind in KINDS.items():
            button = widgets.Button(
                description=kind.label, icon=kind.icon, layout=widgets.Layout(width="auto"),
                tooltip=f"Make {kind.what} for the weights and method in effect",
            )  # fmt: skip
            button.add_class(kind.css)
            callback = self._clicked(key)
            button.on_click(wrap(callback, SOURCE) if wrap is not None else callback)
            self.buttons[key] = button
        self.status = widgets.HTML()
        self.status.add_class("fwc-download-status")
        self.links = widgets.HTML()
        self.links.add_class("fwc-download-links")
        self.widget = widgets.VBox(
            [
                widgets.HTML("<h4>Download (current weights and method)</h4>"),
                widgets.HBox(list(self.buttons.values()), layout=wrapping()),
                self.status,
                self.links,
            ],
            layout=widgets.Layout(margin="0 0 0 16px", max_width="100%"),
        )
        self.widget.add_class("fwc-downloads")
        # Links made for other weights would save files that no longer match the page.
        state.observe(self._state_changed, names=["weights", "method", "preset"])

    # ----------------------------------------------------------------- making the files
    def _preset(self) -> str | None:
        return self.state.preset if self.state.preset != CUSTOM else None

    def make(self, kind: str) -> list[DownloadFile]:
        """Make the files of one kind for the state's weights, method and preset, in memory.

        Parameters
        ----------
        kind : {"ranking", "profile", "png", "svg", "report", "record", "page"}
            What to make (a key of :data:`KINDS`).

        Returns
        -------
        list of DownloadFile
            One file; for the charts one per chart, in the order of
            :data:`~fwcompare_nb.reporting.export.CHARTS`.

        Raises
        ------
        DataError
            An unknown kind, or weights or a method the comparison refuses.
        """
        kind = check_choice(kind, tuple(KINDS), what="download")
        comp, weights, method = self.comparison, self.state.weights, self.state.method
        preset = self._preset()
        stem = file_stem(comp.name, preset)
        if kind == "ranking":
            text = ranking_csv(rank(comp, weights, method))
            return [DownloadFile(f"{stem}-ranking.csv", "text/csv;charset=utf-8", text.encode())]
        if kind == "profile":
            name = profile_name(comp, preset)
            # Every weight, normalised as the page has them (0 for the criteria left out).
            data = profile_json(
                name, resolve_weights(comp, weights), comparison=comp.name, method=method,
                own_scores=comp.overrides, requirements=comp.requirements,
            )  # fmt: skip
            # Named as the profiles folder wants it: the file is listed when put there.
            return [DownloadFile(profile_file_name(name), "application/json", data)]
        if kind in ("png", "svg"):
            # matplotlib's file back ends and the analyses: only when asked.
            from ..reporting.export import chart_figures, figure_bytes

            mime = "image/png" if kind == "png" else "image/svg+xml"
            figures = chart_figures(comp, weights, method, profile=preset)
            return [
                DownloadFile(f"{stem}-{chart}.{kind}", mime, figure_bytes(fig, kind))
                for chart, fig in figures.items()
            ]
        if kind == "page":
            from ..reporting.page import live_page

            text = live_page(comp, weights, method, profile=preset)
            return [DownloadFile(f"{stem}-page.html", "text/html;charset=utf-8", text.encode())]
        if kind == "record":
            from ..reporting.record import decision_record

            text = decision_record(comp, weights, method, profile=preset)
            mime = "text/markdown;charset=utf-8"
            return [DownloadFile(f"{stem}-decision-record.md", mime, text.encode())]
        from ..reporting.report import build_report

        page = build_report(comp, weights, method, profile=preset)
        return [DownloadFile(f"{stem}-report.html", "text/html;charset=utf-8", page.encode())]

    # ----------------------------------------------------------------- the page
    def _clicked(self, kind: str) -> Callable[[widgets.Button], None]:
        def clicked(_button: widgets.Button) -> None:
            self.download(kind)

        return clicked

    def _say(self, text: str, tone: str = "ok") -> None:
        self.status.value = _status_html(text, tone)

    def _weights_text(self) -> str:
        preset = self._preset()
        if preset is None:
            what = "custom weights"
        else:
            try:
                what = f"preset '{self.comparison.preset_label(preset) or preset}'"
            except DataError:
                what = f"preset '{preset}'"
        return f"{what}, {get_method(self.state.method).short}"

    def _start(self, kind: str) -> None:
        for button in self.buttons.values():
            button.disabled = True  # one file at a time: the kernel makes them one by one
        clicked = self.buttons[kind]
        clicked.description, clicked.icon = KINDS[kind].busy, BUSY_ICON
        self._say(f"Making {KINDS[kind].what} for {self._weights_text()}…", "note")

    def _finish(self) -> None:
        for key, button in self.buttons.items():
            button.description, button.icon = KINDS[key].label, KINDS[key].icon
            button.disabled = False

    def download(self, kind: str) -> list[DownloadFile]:
        """Make the files of one kind and show links that save them (what a button does).

        While they are made every button is disabled and the clicked one turns into a
        spinner; they come back afterwards, also when making fails.

        Parameters
        ----------
        kind : {"ranking", "profile", "png", "svg", "report", "record", "page"}
            What to make.

        Returns
        -------
        list of DownloadFile
            The files shown; empty when the weights or method were refused (the status says
            why). Other errors are raised, for the caller's ``wrap`` to show.
        """
        kind = check_choice(kind, tuple(KINDS), what="download")
        self._start(kind)
        try:
            files = self.make(kind)
        except DataError as exc:
            self.links.value = ""
            self._say(page_text(exc), "error")
            return []
        except BaseException:
            # Shown by the caller's wrapper; the status must not say "Making…" for ever.
            self.links.value = ""
            self._say(f"Could not make {KINDS[kind].what}.", "error")
            raise
        finally:
            self._finish()
        self.links.value = "".join(f"<div>{f.link()}</div>" for f in files)
        weights = self.state.weights
        self._made_for = (
            None if weights is None else weights.copy(),
            self.state.method,
            self.state.preset,
        )
        total = size_text(sum(f.size for f in files))
        count = "1 file" if len(files) == 1 else f"{len(files)} files"
        self._say(
            f"Made {KINDS[kind].what} for {self._weights_text()} ({count}, {total}): "
            "click a link to save it."
        )
        return files

    def _made_for_state(self) -> bool:
        if self._made_for is None:
            return False
        weights, method, preset = self._made_for
        now = self.state.weights
        same = weights is None if now is None else weights is not None and weights.equals(now)
        return same and (method, preset) == (self.state.method, self.state.preset)

    def _state_changed(self, _change: object) -> None:
        # The explorer assigns its state on every redraw: only a real change makes links stale.
        if self.links.value and not self._made_for_state():
            self.links.value = ""
            self._made_for = None
            self._say(
                "The weights or the method changed: click a button again for files that match.",
                "note",
            )
