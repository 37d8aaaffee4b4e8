"""The live explorer: weight sliders, presets and charts that update in place.

Layering: this module wires ipywidgets to the core (:mod:`.scoring`) and to the chart classes of
:mod:`.plots`. Figures are made once, on ipympl canvases (widgets), and each weight change
updates their artists and redraws them: ``draw_idle`` until a browser shows them, then only the
moving artists, sent at once (:mod:`.live_canvas`). No re-plotting, no figures piling up.
"""

from __future__ import annotations

import functools
import html
import traceback
from collections.abc import Callable

import ipywidgets as widgets
import pandas as pd

from ..core.comparison import Comparison
from ..core.errors import DataError
from ..core.methods import REGISTRY, get_method
from ..core.scoring import Recommendation, recommend, resolve_weights
from ..io.loading import load_comparison
from ..io.profiles import ProfileStore
from ..plots import comparison as plots
from ..plots.comparison import MATRIX_CRITERIA
from ..plots.style import TOP_ALTERNATIVES, shown_count
from .analysis_tabs import AnalysisTabs
from .downloads import DownloadPanel
from .judgement_panel import JudgementPanel
from .layout import close_tree, css_token, wrapping
from .live_canvas import live_figure
from .messages import page_text
from .panels import EvidencePanel, ExportPanel, ProfilesPanel
from .state import CUSTOM, ExplorerState
from .timing import Coalesce

#: Page rules the widgets' Python layout cannot express: tab titles at their full width and
#: panels that never spill out of their row (scoped to the explorer).
STYLE = (
    "<style>"
    ".fwc-explorer .fwc-decision .lm-TabBar-tab {flex: 0 0 auto !important;"
    " max-width: none !important;}"
    ".fwc-explorer .fwc-decision .lm-TabBar-tabLabel {overflow: visible; text-overflow: clip;}"
    ".fwc-explorer .jupyter-button {width: auto; min-width: max-content;}"
    ".fwc-explorer .widget-dropdown > select {text-overflow: clip;}"
    "</style>"
)
SLIDER_MAX = 10.0
SLIDER_STEP = 0.5


def slider_values(weights: pd.Series) -> pd.Series:
    """Weights on the sliders' 0..10 scale: the largest at 10, or all at 5 when all are equal."""
    top = float(weights.max())
    if top <= 0:
        return weights * 0
    if float(weights.min()) == top:
        return weights * 0 + SLIDER_MAX / 2
    # Snap to the slider's step: a browser slider rounds 6.999999999999999 to 7.0 and sends it
    # back, which would look like a user's move (and turn the preset into "custom").
    return (weights * (SLIDER_MAX / top) / SLIDER_STEP).round() * SLIDER_STEP


class Explorer:
    """Sliders, presets, method, headline, charts, evidence and saved profiles in one widget.

    Parameters
    ----------
    comparison : Comparison, optional
        Default: the bundled Django vs Flask comparison.
    profile : str, optional
        Preset to start from; default: the criteria's own weights.
    method : {"wsm", "wpm", "topsis"}
    store : ProfileStore, optional
        Where saved weight profiles live; default ``config.PROFILES_DIR``.
    save_to_folder : bool
        Offer to write charts and reports into a folder on the machine running the kernel
        (JupyterLab); the dashboard leaves it out: its visitors download files instead.
    coalesce : float
        Seconds to gather slider events before one redraw (only inside a running event loop,
        as in a Jupyter kernel; elsewhere every change redraws at once).

    Attributes
    ----------
    widget : ipywidgets.VBox
        The container to display.
    recommendation : Recommendation
        What the charts show now.
    """

    def __init__(
        self,
        comparison: Comparison | None = None,
        profile: str | None = None,
        method: str = "wsm",
        store: ProfileStore | None = None,
        coalesce: float = 0.03,
        *,
        save_to_folder: bool = True,
    ) -> None:
        # "WSM", " wsm " and "wsm" are one method here as in fw.rank (the menu holds keys).
        method = get_method(method, source="explorer", where="method").key
        self.comparison = comparison if comparison is not None else load_comparison()
        self.store = store if store is not None else ProfileStore()
        self.coalesce = coalesce
        self.initial_profile = profile
        self.initial_method = method
        self.save_to_folder = save_to_folder
        # Colours by every alternative of the data: ruling one out never recolours the others.
        self.colors = plots.alternative_colors(list(self.comparison.data_scores.index))
        self.redraws = 0  # how many times the charts were updated (tests, benchmarks)
        self.last_error: BaseException | None = None
        self._state_observers: list[tuple[Callable, str]] = []
        self._muted = False
        # Slider events: the first redraws at once, those within ``coalesce`` s leave one more.
        self._redraw = Coalesce(
            self.update, coalesce, leading=True, later=self.shows_errors(self.update, "weights")
        )
        self._start_page(method)
        self.apply_profile(profile)
        self.method.value = method
        # A preset with must-haves has rebuilt the page already (set_comparison made its tabs).
        if self.decision is None:
            self._add_tabs()

    def _start_page(self, method: str) -> None:
        """Build the page afresh: a new state (the old panels keep the old one) and widgets."""
        # What the page shows, apart from the widgets: panels observe it (state.py).
        self.state = ExplorerState(method=method)
        self.state.observe(lambda _: self._render_messages(), names="messages")
        for callback, names in self._state_observers:
            self.state.observe(callback, names=names)
        # Weights given exactly (a preset, AHP, a group, a loaded profile) stay in effect while
        # the sliders show them rounded to their step; moving a slider ends that.
        self._exact: pd.Series | None = None
        self._shown: dict[str, float] = {}
        self._last_move: tuple[widgets.FloatSlider, float] | None = None
        self._layout_frozen = False
        self.decision: AnalysisTabs | None = None
        self._build()

    def _add_tabs(self) -> None:
        """Add the analysis tabs: built last, as they read the starting weights."""
        # Under the charts, beside the sliders.
        self.decision = AnalysisTabs(
            self.state, self.comparison, store=self.store, colors=self.colors,
            set_weights=self.set_weights, shows_errors=self.shows_errors,
        )  # fmt: skip
        self.charts_box.children += (self.decision.widget,)

    # ----------------------------------------------------------------- building
    def _build(self) -> None:
        comp = self.comparison
        crit = comp.criteria
        self.profile = widgets.Dropdown(
            options=[(comp.preset_label(p), p) for p in comp.preset_ids]
            + [("Custom weights", CUSTOM)],
            value=CUSTOM,
            description="Preset",
        )
        self.profile.add_class("fwc-profile")
        self.method = widgets.Dropdown(
            options=[(m.label, m.key) for m in REGISTRY.values()],
            value="wsm",
            description="Method",
        )
        self.method.add_class("fwc-method")
        self.reset = widgets.Button(
            description="Reset", icon="undo", tooltip="Back to the starting weights"
        )
        self.reset.add_class("fwc-reset")
        self.profile_note = widgets.HTML()
        self.headline = widgets.HTML()
        self.headline.add_class("fwc-recommendation")
        self.error = widgets.HTML(layout=widgets.Layout(display="none"))
        self.error.add_class("fwc-error")

        self.sliders: dict[str, widgets.FloatSlider] = {}
        self.shares: dict[str, widgets.HTML] = {}
        rows = []
        for group, ids in crit.groupby("group", sort=False).groups.items():
            rows.append(widgets.HTML(f"<b>{html.escape(str(group) or 'Criteria')}</b>"))
            for cid in ids:
                slider = widgets.FloatSlider(
                    min=0.0, max=SLIDER_MAX, step=SLIDER_STEP, value=0.0,
                    description=str(crit.at[cid, "name"]), readout_format=".1f",
                    continuous_update=True, style={"description_width": "235px"},
                    layout=widgets.Layout(width="480px", flex="0 0 auto"),
                    tooltip=str(crit.at[cid, "description"]),
                )  # fmt: skip
                slider.add_class(f"fwc-weight-{css_token(cid)}")
                share = widgets.HTML(layout=widgets.Layout(width="48px"))
                share.add_class(f"fwc-share-{css_token(cid)}")
                self.sliders[cid] = slider
                self.shares[cid] = share
                rows.append(widgets.HBox([slider, share]))
        weights_box = widgets.VBox(
            rows, layout=widgets.Layout(width="540px", flex="0 0 auto", margin="0 16px 8px 0")
        )
        weights_box.add_class("fwc-weights")

        # Sized by the bars a chart shows (at most the best 15, and a "+N more" line), not by
        # the number of alternatives: 200 alternatives draw as fast as 15.
        n_bars = shown_count(len(comp.alternatives)) + (len(comp.alternatives) > TOP_ALTERNATIVES)
        n_rows = shown_count(len(crit), MATRIX_CRITERIA)
        self.fig_ranking, self.canvas_ranking = live_figure(
            6.4, 0.9 + 0.45 * n_bars, "fwc-chart-ranking"
        )
        self.fig_contrib, self.canvas_contrib = live_figure(
            6.4, 1.6 + 0.5 * n_bars, "fwc-chart-contributions"
        )
        self.fig_matrix, self.canvas_matrix = live_figure(
            3.6 + 0.9 * shown_count(len(comp.alternatives)), 1.0 + 0.27 * n_rows,
            "fwc-chart-matrix",
        )  # fmt: skip
        self.chart_ranking = plots.RankingChart(
            self.fig_ranking.add_subplot(), comp.alternatives, self.colors
        )
        self.chart_contrib = plots.ContributionsChart(
            self.fig_contrib.add_subplot(), comp, self.colors
        )
        self.chart_matrix = plots.MatrixChart(self.fig_matrix.add_subplot(), comp)
        self.canvas_ranking.set_dynamic(self.chart_ranking.dynamic_artists())
        self.canvas_contrib.set_dynamic(self.chart_contrib.dynamic_artists())

        # The panels below the charts get the comparison, the state and callbacks (panels.py).
        self.evidence = EvidencePanel(comp, self.colors)
        self.judgement = JudgementPanel(
            comp, self.evidence.criterion, self.shows_errors(self.set_comparison, "evidence")
        )
        self.evidence.widget.children += (self.judgement.widget,)
        self.profiles = ProfilesPanel(
            self.state, comp, self.store, set_weights=self.set_weights,
            set_method=self._set_method, on_change=self._saved_changed,
            set_comparison=self.shows_errors(self.set_comparison, "profiles"),
        )  # fmt: skip
        self.export = ExportPanel(self.state, comp)
        # Files reach the browser (Lab and the dashboard alike); nothing is written on the server.
        self.downloads = DownloadPanel(self.state, comp, wrap=self.shows_errors)

        alts = comp.alternatives
        topic = " vs ".join(alts) if len(alts) <= 4 else comp.name
        title = widgets.HTML(
            f"<h3 style='margin:0'>{html.escape(topic)}: which should you choose?</h3>"
            "<p style='margin:2px 0'>Pick a preset or move the weights: how much each criterion "
            "matters to you. The charts follow at once.</p>"
        )
        controls = widgets.HBox([self.profile, self.method, self.reset], layout=wrapping())
        # Beside the sliders when there is room, below them when not: never over them.
        self.charts_box = charts = widgets.VBox(
            [self.canvas_ranking, self.canvas_contrib],
            layout=widgets.Layout(flex="0 1 auto", min_width="0", max_width="100%"),
        )
        self.widget = widgets.VBox(
            [
                widgets.HTML(STYLE),
                title,
                controls,
                self.profile_note,
                self.headline,
                self.error,
                widgets.HBox([weights_box, charts], layout=wrapping()),
                widgets.HBox([self.canvas_matrix, self.evidence.widget], layout=wrapping()),
                widgets.HBox(
                    [self.profiles.widget, self.downloads.widget]
                    + ([self.export.widget] if self.save_to_folder else []),
                    layout=wrapping(),
                ),
            ],
            layout=widgets.Layout(max_width="100%"),
        )
        self.widget.add_class("fwc-explorer")
        self.widget.explorer = self  # reach the controller from the displayed widget

        for slider in self.sliders.values():
            slider.observe(self.shows_errors(self._on_slider, "weights"), names="value")
        self.profile.observe(self.shows_errors(self._on_profile, "weights"), names="value")
        self.method.observe(self.shows_errors(self._on_method, "method"), names="value")
        self.reset.on_click(self.shows_errors(lambda _: self.reset_weights(), "weights"))
        ev, prof, exp = self.evidence, self.profiles, self.export
        ev.criterion.observe(self.shows_errors(lambda _: ev.show(), "evidence"), names="value")
        jp = self.judgement
        ev.criterion.observe(self.shows_errors(lambda _: jp.show(), "evidence"), names="value")
        for button, act in ((jp.use, jp.use_score), (jp.reset_cell, jp.reset_score),
                            (jp.reset_all, jp.reset_scores), (jp.require, jp.add_requirement),
                            (jp.drop, jp.drop_requirement)):  # fmt: skip
            button.on_click(self.shows_errors(lambda _, act=act: act(), "evidence"))
        prof.save_button.on_click(self.shows_errors(lambda _: prof.save(), "profiles"))
        prof.load_button.on_click(self.shows_errors(lambda _: prof.load(), "profiles"))
        prof.delete_button.on_click(self.shows_errors(lambda _: prof.delete(), "profiles"))
        exp.charts_button.on_click(self.shows_errors(lambda _: exp.export_charts(), "export"))
        exp.report_button.on_click(self.shows_errors(lambda _: exp.export_report(), "export"))
        exp.record_button.on_click(self.shows_errors(lambda _: exp.write_record(), "export"))
        # The panels' controls under the names the explorer has always had (scripts, tests).
        self.evidence_criterion, self.evidence_html = ev.criterion, ev.html
        self.save_name, self.overwrite, self.saved = prof.name, prof.overwrite, prof.saved
        self.save_button, self.load_button = prof.save_button, prof.load_button
        self.delete_button, self.store_status = prof.delete_button, prof.status
        self.save_profile, self.load_profile = prof.save, prof.load
        self.delete_profile, self._refresh_saved = prof.delete, prof.refresh
        self.export_dir, self.export_format = exp.folder, exp.format
        self.export_button, self.report_button = exp.charts_button, exp.report_button
        self.export_status = exp.status
        self.export_charts, self.export_report = exp.export_charts, exp.export_report
        prof.refresh()
        ev.show()
        jp.show()

    def observe_state(self, callback: Callable, names: str) -> None:
        """Follow a trait of :attr:`state`, also across :meth:`set_comparison` (a new state).

        Parameters
        ----------
        callback : callable
            Called with traitlets' change dict.
        names : str
            The trait, e.g. ``"recommendation"``.
        """
        self._state_observers.append((callback, names))
        self.state.observe(callback, names=names)

    # ----------------------------------------------------------------- your judgement
    def set_comparison(self, comparison: Comparison, *, profile: str | None = None) -> None:
        """Show another version of the comparison: own scores or must-haves changed.

        The weights, method, preset and the criterion whose evidence is open stay; the charts,
        panels and tabs are built again for the alternatives that pass, in the same place on
        the page (the widget on screen keeps its identity).

        Parameters
        ----------
        comparison : Comparison
            E.g. ``explorer.comparison.with_scores(...)`` or ``.with_requirements(...)``.
        profile : str, optional
            A preset to show instead of the weights on screen (choosing a preset with
            must-haves).
        """
        given = self.weights_as_given()
        preset, method = profile or self.profile.value, self.method.value
        criterion = self.evidence.criterion.value
        alternative = self.judgement.alternative.value
        typed = {w: getattr(self, w).value for w in ("export_dir", "export_format", "save_name")}
        shown, old_children = self.widget, self.widget.children
        self.comparison = comparison
        self._start_page(method)
        self.set_weights(given if preset == CUSTOM else preset, profile=preset)
        self.method.value = method
        self._add_tabs()
        self.evidence.criterion.value = criterion
        self.judgement.alternative.value = alternative
        for name, value in typed.items():  # what the user typed stays
            getattr(self, name).value = value
        shown.children = self.widget.children
        self.widget = shown
        for child in old_children:
            close_tree(child)

    # ----------------------------------------------------------------- errors
    def shows_errors(self, callback: Callable, source: str = "page") -> Callable:
        """Wrap a callback so that an exception appears on the page instead of being lost.

        Parameters
        ----------
        callback : callable
            What a control runs.
        source : str
            The part of the page the callback is about (``"weights"``, ``"method"``,
            ``"profiles"``, ``"group"``, ...). Its message is shown until a callback of the same
            part succeeds.

        Returns
        -------
        callable
            The wrapped callback.
        """

        @functools.wraps(callback)
        def run(*args, **kwargs):
            try:
                result = callback(*args, **kwargs)
            except Exception as exc:  # noqa: BLE001 - shown to the user, kept for inspection
                self.show_message(source, exc)
                return None
            self.clear_message(source)
            return result

        return run

    def show_message(self, source: str, exc: BaseException) -> None:
        """Show what went wrong in one part of the page (replacing that part's last message)."""
        self.last_error = exc
        if isinstance(exc, DataError):
            text = html.escape(page_text(exc))
        else:
            detail = "".join(traceback.format_exception_only(type(exc), exc)).strip()
            text = f"Internal error, please report it: {html.escape(detail)}"
        self.state.messages = {**self.state.messages, source: text}

    def clear_message(self, source: str) -> None:
        """Remove the message about one part of the page, if any."""
        if source in self.state.messages:
            self.state.messages = {k: v for k, v in self.state.messages.items() if k != source}

    def _render_messages(self) -> None:
        messages = self.state.messages
        if not messages:
            self.error.value = ""
            self.error.layout.display = "none"
            return
        items = "".join(f"<div><b>Error:</b> {text}</div>" for text in messages.values())
        self.error.value = f"<div style='color:#b00020'>{items}</div>"
        self.error.layout.display = None

    # ----------------------------------------------------------------- weights
    @property
    def recommendation(self) -> Recommendation:
        """What the headline, charts and tabs show now (``state.recommendation``)."""
        return self.state.recommendation

    @property
    def weights(self) -> pd.Series:
        """The weights in effect, normalised to sum 1 (a Series by criterion id).

        Weights set exactly (:meth:`set_weights`) while the sliders still show them; otherwise
        the sliders' own values.
        """
        raw = self._slider_values()
        if self._exact is not None and raw == self._shown:
            return self._exact.copy()
        self._exact = None
        return resolve_weights(self.comparison, raw)

    def _slider_values(self) -> dict[str, float]:
        return {cid: float(s.value) for cid, s in self.sliders.items()}

    def weights_as_given(self) -> dict[str, float]:
        """Return the weights in effect as the user gave them (a link restores them exactly).

        The sliders' values (0 to 10) while the sliders set the weights, otherwise the exact
        weights put into effect (:meth:`set_weights`, normalised). Either reads back through
        :meth:`set_weights` to the same weights.
        """
        raw = self._slider_values()
        if self._exact is not None and raw == self._shown:
            return {cid: float(v) for cid, v in self._exact.items()}
        return raw

    def set_weights(self, weights, *, profile: str = CUSTOM) -> None:
        """Put weights into effect exactly and move every slider to show them (one redraw).

        ``weights`` as for :func:`resolve_weights`. The sliders show the weights rounded to
        their step; the exact weights stay in effect (headline, charts, tabs, exports) until a
        slider moves.
        """
        exact = resolve_weights(self.comparison, weights)
        values = slider_values(exact)
        self._muted = True
        try:
            self.profile.value = profile
        finally:
            self._muted = False
        self._describe_profile()
        # The answer first, then the sliders: 21 slider messages ahead of the headline cost
        # ~100 ms in the browser.
        self.update(exact)
        self._exact = exact
        self._shown = {cid: float(values[cid]) for cid in self.sliders}
        self._muted = True
        try:
            for cid, slider in self.sliders.items():
                slider.value = self._shown[cid]
        finally:
            self._muted = False

    def apply_profile(self, profile: str | None) -> None:
        """Set the sliders to a preset (``None``: the criteria's default weights).

        A preset that carries must-haves (``profiles.csv``'s ``require`` column) puts them in
        place of those on screen; one that carries none leaves them as they are.
        """
        if profile is not None:
            reqs = self.comparison.preset_requirements(profile)
            if reqs and reqs != self.comparison.requirements:
                # The page is rebuilt for those that pass, on the preset's weights.
                self.set_comparison(self.comparison.with_requirements(reqs), profile=profile)
                return
        self.set_weights(profile, profile=profile or CUSTOM)

    def reset_weights(self) -> None:
        """Back to the weights and method the explorer started with."""
        self.apply_profile(self.initial_profile)
        self.method.value = self.initial_method

    def _on_slider(self, change) -> None:
        if self._muted:
            return
        self._last_move = (change["owner"], change["old"])
        if self.profile.value != CUSTOM:
            self._muted = True
            self.profile.value = CUSTOM
            self._muted = False
            self._describe_profile()
        self.schedule()

    def _on_profile(self, change) -> None:
        if self._muted:
            return
        if change["new"] != CUSTOM:
            self.apply_profile(change["new"])
        else:
            self._describe_profile()

    def _on_method(self, change) -> None:
        if self._muted:
            return
        try:
            self.update()
        except DataError:
            # Refused (e.g. WPM with a score of 0): the menu goes back to what the page shows.
            self._muted = True
            try:
                self.method.value = change["old"]
            finally:
                self._muted = False
            raise

    def _describe_profile(self) -> None:
        name = self.profile.value
        if name == CUSTOM:
            self.profile_note.value = ""
            return
        text = html.escape(self.comparison.preset_description(name))
        self.profile_note.value = f"<div style='max-width:1050px;color:#333'><i>{text}</i></div>"

    # ----------------------------------------------------------------- updating
    def schedule(self) -> None:
        """Redraw for the sliders now, then gather the events of the next ``coalesce`` s.

        Outside an event loop (scripts, tests) every change redraws at once. Inside one (a
        Jupyter kernel) the first event of a drag draws at once, so a single key press is not
        delayed, and the events that arrive while the window is open leave only their last
        value to draw: the kernel never queues stale work (:class:`.timing.Coalesce`).
        """
        self._redraw()

    def update(self, weights: pd.Series | None = None) -> Recommendation:
        """Recompute and update every chart in place.

        ``weights`` (normalised, by criterion id) defaults to the sliders' weights.
        """
        self._redraw.pending = False  # this redraw shows the latest values
        if weights is None:
            try:
                weights = self.weights  # validates: all-zero weights raise here
            except DataError:
                self._undo_last_move()  # the slider goes back; the page says why
                raise
        rec = recommend(self.comparison, weights, self.method.value)
        self.state.weights, self.state.method = weights, rec.method
        self.state.preset = self.profile.value
        self.state.recommendation = rec  # last: observers see weights and method that match
        # Messages leave in this order: the answer and its charts before the 21 share labels.
        self.headline.value = self._headline_html(rec)
        self.chart_ranking.update(rec)
        self.chart_contrib.update(rec)
        if not self._layout_frozen:
            self._freeze_layout()
        # The matrix does not depend on the weights (the shares sit beside the sliders), so
        # only the two charts that do are redrawn.
        self.canvas_ranking.redraw(self.chart_ranking.background_key())
        self.canvas_contrib.redraw(self.chart_contrib.background_key())
        for cid, share in self.shares.items():  # weights sum to 1: each is its share
            share.value = f"{weights[cid]:.0%}"
        self.redraws += 1
        self.clear_message("weights")  # the state those messages described is gone
        self.clear_message("method")
        return rec

    def _undo_last_move(self) -> None:
        if self._last_move is None:
            return
        slider, old = self._last_move
        self._last_move = None
        self._muted = True
        try:
            slider.value = old
        finally:
            self._muted = False

    def _freeze_layout(self) -> None:
        """Lay the figures out once, then keep that layout: redraws skip the layout solver.

        Constrained layout costs about a third of each redraw; the charts' text changes in
        place (scores, order) but not in size, so the first layout stays right.
        """
        for fig in (self.fig_ranking, self.fig_contrib, self.fig_matrix):
            fig.draw_without_rendering()
            fig.set_layout_engine("none")
        self._layout_frozen = True

    def _headline_html(self, rec: Recommendation) -> str:
        color = self.colors[rec.winner]
        return (
            f"<div style='font-size:15px;padding:6px 10px;border-left:6px solid {color};"
            f"background:#f6f6f6;max-width:1050px'>{html.escape(rec.headline())}</div>"
        )

    def _set_method(self, method: str) -> None:
        self.method.value = method

    def _saved_changed(self) -> None:
        if self.decision is not None:
            self.decision.refresh_members()


def explorer(
    comparison: Comparison | None = None,
    profile: str | None = None,
    method: str = "wsm",
    store: ProfileStore | None = None,
) -> widgets.VBox:
    """Build the live explorer as one widget to display (its controller is ``.explorer``).

    Parameters
    ----------
    comparison : Comparison, optional
        Default: the bundled Django vs Flask comparison.
    profile : str, optional
        Preset to start from.
    method : {"wsm", "wpm", "topsis"}
    store : ProfileStore, optional
        Saved weight profiles; default ``config.PROFILES_DIR``.

    Returns
    -------
    ipywidgets.VBox
        The explorer's widget; its ``explorer`` attribute is the :class:`Explorer`.
    """
    return Explorer(comparison, profile, method, store).widget
