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
from pathlib import Path

import ipywidgets as widgets
import pandas as pd

from ..analysis.summaries import claims_for
from ..config import EXPORTS_DIR
from ..core.comparison import Comparison
from ..core.errors import DataError
from ..core.methods import METHODS, REGISTRY
from ..core.scoring import Recommendation, recommend, resolve_weights
from ..io.loading import load_comparison
from ..io.profiles import ProfileStore, weights_for
from ..plots import comparison as plots
from .analysis_tabs import AnalysisTabs
from .live_canvas import live_figure
from .messages import page_text
from .state import CUSTOM, ExplorerState
from .timing import Coalesce

#: Rows whose panels move below one another when the page is too narrow for them side by side.
WRAP = {"flex_flow": "row wrap", "align_items": "flex-start", "max_width": "100%"}
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
VERDICT_COLORS = {
    "supported": "#009E73",
    "outdated": "#D55E00",
    "contested": "#E69F00",
    "unverified": "#777777",
    "false": "#CC0000",
}


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
    ) -> None:
        self.comparison = comparison if comparison is not None else load_comparison()
        self.store = store if store is not None else ProfileStore()
        self.coalesce = coalesce
        self.initial_profile = profile
        self.initial_method = method
        self.colors = plots.alternative_colors(self.comparison.alternatives)
        self.redraws = 0  # how many times the charts were updated (tests, benchmarks)
        self.last_error: BaseException | None = None
        # What the page shows, apart from the widgets: panels observe it (state.py).
        self.state = ExplorerState(method=method)
        self.state.observe(lambda _: self._render_messages(), names="messages")
        # Weights given exactly (a preset, AHP, a group, a loaded profile) stay in effect while
        # the sliders show them rounded to their step; moving a slider ends that.
        self._exact: pd.Series | None = None
        self._shown: dict[str, float] = {}
        self._last_move: tuple[widgets.FloatSlider, float] | None = None
        self._muted = False
        # Slider events: the first redraws at once, those within ``coalesce`` s leave one more.
        self._redraw = Coalesce(
            self.update, coalesce, leading=True, later=self.shows_errors(self.update, "weights")
        )
        self._layout_frozen = False
        self.decision = None
        self._build()
        self.apply_profile(profile)
        self.method.value = method
        # Built last: it reads the starting weights. Under the charts, beside the sliders.
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
                slider.add_class(f"fwc-weight-{cid}")
                share = widgets.HTML(layout=widgets.Layout(width="48px"))
                share.add_class(f"fwc-share-{cid}")
                self.sliders[cid] = slider
                self.shares[cid] = share
                rows.append(widgets.HBox([slider, share]))
        weights_box = widgets.VBox(
            rows, layout=widgets.Layout(width="540px", flex="0 0 auto", margin="0 16px 8px 0")
        )
        weights_box.add_class("fwc-weights")

        n_alt = len(comp.alternatives)
        self.fig_ranking, self.canvas_ranking = live_figure(
            6.4, 0.9 + 0.45 * n_alt, "fwc-chart-ranking"
        )
        self.fig_contrib, self.canvas_contrib = live_figure(
            6.4, 1.1 + 0.5 * n_alt, "fwc-chart-contributions"
        )
        self.fig_matrix, self.canvas_matrix = live_figure(
            3.6 + 0.9 * n_alt, 1.0 + 0.27 * len(crit), "fwc-chart-matrix"
        )
        self.chart_ranking = plots.RankingChart(
            self.fig_ranking.add_subplot(), comp.alternatives, self.colors
        )
        self.chart_contrib = plots.ContributionsChart(
            self.fig_contrib.add_subplot(), comp, self.colors
        )
        self.chart_matrix = plots.MatrixChart(self.fig_matrix.add_subplot(), comp)
        self.canvas_ranking.set_dynamic(self.chart_ranking.dynamic_artists())
        self.canvas_contrib.set_dynamic(self.chart_contrib.dynamic_artists())

        self.evidence_criterion = widgets.Dropdown(
            options=[(str(crit.at[c, "name"]), c) for c in crit.index], description="Criterion"
        )
        self.evidence_criterion.add_class("fwc-evidence-criterion")
        # A long list of claims scrolls inside the panel instead of stretching the page.
        self.evidence_html = widgets.HTML(
            layout=widgets.Layout(max_height="600px", overflow="auto")
        )
        evidence = widgets.VBox(
            [
                widgets.HTML("<h4 style='margin:4px 0'>Evidence</h4>"),
                self.evidence_criterion,
                self.evidence_html,
            ],
            layout=widgets.Layout(
                flex="1 1 380px", max_width="760px", min_width="0", margin="0 0 0 16px"
            ),  # fmt: skip
        )
        evidence.add_class("fwc-evidence")

        self.save_name = widgets.Text(placeholder="name for these weights", description="Save as")
        self.save_name.add_class("fwc-save-name")
        self.overwrite = widgets.Checkbox(
            value=False, description="overwrite", indent=False, layout=widgets.Layout(width="auto")
        )
        self.save_button = widgets.Button(description="Save", icon="save")
        self.save_button.add_class("fwc-save")
        self.saved = widgets.Dropdown(options=[], description="Saved")
        self.saved.add_class("fwc-saved")
        self.load_button = widgets.Button(description="Load", icon="folder-open")
        self.load_button.add_class("fwc-load")
        self.delete_button = widgets.Button(
            description="Delete", icon="trash", button_style="warning"
        )
        self.delete_button.add_class("fwc-delete")
        self.store_status = widgets.HTML()
        self.store_status.add_class("fwc-store-status")
        self._confirm_delete: str | None = None
        saved_box = widgets.VBox(
            [
                widgets.HTML("<h4>Saved weight profiles</h4>"),
                widgets.HBox([self.save_name, self.overwrite, self.save_button]),
                widgets.HBox([self.saved, self.load_button, self.delete_button]),
                self.store_status,
            ]
        )
        saved_box.add_class("fwc-saved-profiles")

        self.export_dir = widgets.Text(value=str(EXPORTS_DIR), description="Folder",
                                       layout=widgets.Layout(width="360px",
                                                             max_width="100%"))  # fmt: skip
        self.export_dir.add_class("fwc-export-dir")
        self.export_format = widgets.Dropdown(options=["png", "svg"], value="png",
                                              layout=widgets.Layout(width="80px"))  # fmt: skip
        self.export_format.add_class("fwc-export-format")
        self.export_button = widgets.Button(description="Export charts", icon="image")
        self.export_button.add_class("fwc-export")
        self.report_button = widgets.Button(description="Export report", icon="file")
        self.report_button.add_class("fwc-export-report")
        self.export_status = widgets.HTML()
        self.export_status.add_class("fwc-export-status")
        export_box = widgets.VBox(
            [
                widgets.HTML("<h4>Export (current weights and method)</h4>"),
                widgets.HBox([self.export_dir, self.export_format, self.export_button,
                              self.report_button]),
                self.export_status,
            ]
        )  # fmt: skip
        export_box.add_class("fwc-export-box")
        export_box.layout.margin = "0 0 0 16px"

        alts = comp.alternatives
        topic = " vs ".join(alts) if len(alts) <= 4 else comp.name
        title = widgets.HTML(
            f"<h3 style='margin:0'>{html.escape(topic)}: which should you choose?</h3>"
            "<p style='margin:2px 0'>Pick a preset or move the weights: how much each criterion "
            "matters to you. The charts follow at once.</p>"
        )
        controls = widgets.HBox(
            [self.profile, self.method, self.reset], layout=widgets.Layout(**WRAP)
        )
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
                widgets.HBox([weights_box, charts], layout=widgets.Layout(**WRAP)),
                widgets.HBox([self.canvas_matrix, evidence], layout=widgets.Layout(**WRAP)),
                widgets.HBox([saved_box, export_box], layout=widgets.Layout(**WRAP)),
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
        self.evidence_criterion.observe(
            self.shows_errors(lambda _: self._show_evidence(), "evidence"), names="value"
        )
        self.save_button.on_click(self.shows_errors(lambda _: self.save_profile(), "profiles"))
        self.load_button.on_click(self.shows_errors(lambda _: self.load_profile(), "profiles"))
        self.delete_button.on_click(self.shows_errors(lambda _: self.delete_profile(), "profiles"))
        self.export_button.on_click(self.shows_errors(lambda _: self.export_charts(), "export"))
        self.report_button.on_click(self.shows_errors(lambda _: self.export_report(), "export"))
        self._refresh_saved()
        self._show_evidence()

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
        raw = {cid: s.value for cid, s in self.sliders.items()}
        if self._exact is not None and raw == self._shown:
            return self._exact.copy()
        self._exact = None
        return resolve_weights(self.comparison, raw)

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
        """Set the sliders to a preset (``None``: the criteria's default weights)."""
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

    # ----------------------------------------------------------------- evidence
    def _show_evidence(self) -> None:
        cid = self.evidence_criterion.value
        comp = self.comparison
        crit = comp.criteria.loc[cid]
        scale = (
            ""
            if pd.isna(crit["min"])
            else f" (scale {crit['min']:g}–{crit['max']:g}, {crit['direction']})"
        )
        parts = [f"<p><b>{html.escape(str(crit['name']))}</b>{html.escape(scale)}: "
                 f"{html.escape(str(crit['description']))}</p>"]  # fmt: skip
        ev = comp.evidence_for(cid)
        rows = []
        for alt in comp.alternatives:
            score = comp.score(alt, cid)
            if alt in ev.index:
                e = ev.loc[alt]
                rng = f"{e['score_low']:g}–{e['score_high']:g}"
                why, src = str(e["rationale"]), str(e["source"])
            else:
                rng, why, src = "", "(no evidence recorded)", ""
            rows.append(
                f"<tr style='vertical-align:top;border-top:1px solid #ddd'>"
                f"<td style='color:{self.colors[alt]}'><b>{html.escape(alt)}</b></td>"
                f"<td>{score:g}</td><td>{html.escape(rng)}</td><td>{html.escape(why)}</td>"
                f"<td style='font-size:11px'>{html.escape(src)}</td></tr>"
            )
        parts.append(
            "<table class='fwc-evidence-table' style='border-collapse:collapse;width:100%;"
            "line-height:1.35'><tr><th>Alternative</th><th>Score</th><th>Range</th>"
            "<th style='width:55%'>Why</th><th style='width:25%'>Source</th></tr>"
            + "".join(rows)
            + "</table>"
        )
        claims = claims_for(comp, cid)
        if len(claims):
            items = []
            for c in claims.itertuples():
                color = VERDICT_COLORS.get(c.verdict, "#777")
                items.append(
                    f"<li><span style='color:white;background:{color};padding:0 4px'>"
                    f"{html.escape(c.verdict)}</span> <b>{html.escape(c.framework)}</b>: "
                    f"{html.escape(c.claim)} <br><small>{html.escape(c.evidence)}</small></li>"
                )
            parts.append(f"<p><b>The article's claims about it</b></p><ul>{''.join(items)}</ul>")
        self.evidence_html.value = "".join(parts)

    # ----------------------------------------------------------------- saved profiles
    def _refresh_saved(self) -> None:
        try:
            names = list(self.store.list().index)
            problems = self.store.problems()
        except DataError as exc:  # e.g. the profiles path is a file, not a folder
            self.saved.options = []
            self._status(page_text(exc), ok=False)
            return
        self.saved.options = names
        if self.decision is not None:
            self.decision.refresh_members()
        if problems:
            self._status(
                "Some saved files could not be read: " + "; ".join(str(p) for p in problems),
                ok=False,
            )

    def _status(self, text: str, ok: bool = True) -> None:
        color = "#1b5e20" if ok else "#b00020"
        self.store_status.value = f"<span style='color:{color}'>{html.escape(text)}</span>"

    def save_profile(self, name: str | None = None, overwrite: bool | None = None) -> None:
        """Save the current weights under ``name`` (default: the text box)."""
        name = (name if name is not None else self.save_name.value).strip()
        overwrite = self.overwrite.value if overwrite is None else overwrite
        try:
            path = self.store.save(
                name, self.weights, comparison=self.comparison.name, method=self.method.value,
                overwrite=overwrite,
            )  # fmt: skip
        except DataError as exc:
            self._status(page_text(exc), ok=False)
            return
        self.overwrite.value = False
        self._refresh_saved()
        self.saved.value = name if name in self.saved.options else self.saved.value
        self._status(f"Saved '{name}' to {path}")

    def load_profile(self, name: str | None = None) -> None:
        """Set the sliders (and method) from a saved profile."""
        name = name if name is not None else self.saved.value
        if not name:
            self._status("Nothing to load: save a profile first.", ok=False)
            return
        try:
            saved = self.store.load(name)
            weights = weights_for(saved, self.comparison)
        except DataError as exc:
            self._status(page_text(exc), ok=False)
            return
        self.set_weights(weights)
        if saved.method in METHODS:
            self.method.value = saved.method
        self._status(f"Loaded '{name}'")

    def delete_profile(self, name: str | None = None, confirm: bool = False) -> None:
        """Delete a saved profile; from the UI the first click asks, the second deletes."""
        name = name if name is not None else self.saved.value
        if not name:
            return
        if not confirm and self._confirm_delete != name:
            self._confirm_delete = name
            self.delete_button.description = "Really delete?"
            self._status(f"Click 'Really delete?' to delete '{name}'.", ok=False)
            return
        self._confirm_delete = None
        self.delete_button.description = "Delete"
        try:
            self.store.delete(name)
        except DataError as exc:
            self._status(page_text(exc), ok=False)
            return
        self._refresh_saved()
        self._status(f"Deleted '{name}'")

    # ----------------------------------------------------------------- export
    def _export_folder(self) -> Path:
        return Path(self.export_dir.value.strip() or str(EXPORTS_DIR)).expanduser()

    def _export_status(self, text: str, ok: bool = True) -> None:
        color = "#1b5e20" if ok else "#b00020"
        self.export_status.value = f"<span style='color:{color}'>{html.escape(text)}</span>"

    def export_charts(self) -> list[Path]:
        """Write every chart for the current weights and method (``charts`` command's files)."""
        from ..reporting.export import export_charts  # matplotlib's file back ends: only when asked

        try:
            paths = export_charts(self.comparison, self._export_folder(), self.weights,
                                  self.method.value, self.export_format.value)  # fmt: skip
        except DataError as exc:
            self._export_status(page_text(exc), ok=False)
            return []
        self._export_status(f"Wrote {len(paths)} charts to {paths[0].parent}")
        return paths

    def export_report(self) -> Path | None:
        """Write the self-contained HTML report for the current weights and method."""
        from ..reporting.report import write_report

        profile = self.profile.value if self.profile.value != CUSTOM else None
        name = f"report-{profile or 'custom'}.html"
        try:
            self._export_folder().mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            self._export_status(f"{self._export_folder()}: cannot create it ({exc.strerror})",
                                ok=False)  # fmt: skip
            return None
        try:
            path = write_report(self.comparison, self._export_folder() / name, self.weights,
                                self.method.value, profile=profile)  # fmt: skip
        except DataError as exc:
            self._export_status(page_text(exc), ok=False)
            return None
        self._export_status(f"Wrote {path}")
        return path


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
