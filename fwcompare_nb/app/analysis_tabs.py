"""The explorer's analysis tabs, one analysis each, under its charts.

The four tabs: what would change the answer, uncertainty (SMAA), pairwise questions (AHP) and
group decisions.

They follow the explorer's weights but are not on its fast path: a weight change marks them
stale, and the visible tab is recomputed once the sliders have rested for ``delay`` seconds
(inside a running event loop, as in a Jupyter kernel), or when :meth:`AnalysisTabs.refresh` is
called (scripts, tests). A slider drag therefore costs them nothing.
"""

from __future__ import annotations

import html
import itertools
from collections.abc import Callable, Mapping

import ipywidgets as widgets
import pandas as pd

from ..analysis.ahp import ahp_weights, inconsistency_message
from ..analysis.group import AGGREGATIONS, group_decision
from ..analysis.sensitivity import change_sentence, sensitivity
from ..analysis.smaa import (
    DEFAULT_CONCENTRATION,
    SHOWN_CONFIDENCE,
    rank_acceptability,
)
from ..core.comparison import Comparison
from ..core.errors import DataError
from ..core.pairwise import pairwise_from_judgements
from ..core.text import score_text
from ..io.profiles import ProfileStore, stakeholders_from_profiles
from ..plots import robustness as robustness_plots
from ..plots.style import shown_count
from .layout import css_token, wrapping
from .live_canvas import live_figure
from .state import ExplorerState
from .timing import Coalesce

TABS = ("Change the answer?", "Uncertainty", "Pairwise (AHP)", "Group")
AHP_SCALE = (9, 7, 5, 3, 1)  # Saaty's odd steps; the even ones are allowed in files
#: How sure the user is of their weights, as the Dirichlet concentration of "around" sampling.
CERTAINTY = (("roughly (concentration 10)", 10.0), ("fairly (concentration 100)", 100.0),
             ("very (concentration 1,000)", 1000.0))  # fmt: skip


def _ahp_options(a: str, b: str) -> list[tuple[str, float]]:
    """Slider stops from "a 9x more important" through "equal" to "b 9x more important"."""
    left = [(f"{a} {v}×", float(v)) for v in AHP_SCALE[:-1]]
    right = [(f"{b} {v}×", 1.0 / v) for v in reversed(AHP_SCALE[:-1])]
    return [*left, ("equal", 1.0), *right]


def judgement_sentence(a: str, b: str, value: float) -> str:
    """Say a pairwise judgement in words: which side is favoured, and by how much.

    Examples
    --------
    >>> judgement_sentence("Speed", "Cost", 3.0)
    'Speed is 3× as important as Cost'
    >>> judgement_sentence("Speed", "Cost", 1 / 5)
    'Cost is 5× as important as Speed'
    """
    if value == 1:
        return f"{a} and {b} are equally important"
    big, small, ratio = (a, b, value) if value > 1 else (b, a, 1 / value)
    return f"{big} is {ratio:g}× as important as {small}"


def _choices_table(recommendations: pd.DataFrame) -> str:
    """Each stakeholder's choice as a small HTML table a reader can take in at a glance."""
    rows = []
    for who, r in recommendations.iterrows():
        lead = "a tie" if r["tie"] else score_text(float(r["margin"]))
        rows.append(
            f"<tr><td>{html.escape(str(who))}</td><td><b>{html.escape(str(r['winner']))}</b></td>"
            f"<td>{html.escape(str(r['runner_up'] or '–'))}</td><td>{lead}</td></tr>"
        )
    return (
        "<table class='fwc-group-choices'><tr><th>Stakeholder</th><th>Chooses</th>"
        "<th>Next</th><th>Lead (score)</th></tr>" + "".join(rows) + "</table>"
    )


class AnalysisTabs:
    """Four tabs under the explorer's charts (see the module docstring).

    Parameters
    ----------
    state : ExplorerState
        The weights, method and recommendation the tabs follow (they observe it).
    comparison : Comparison
        What is compared.
    store : ProfileStore
        Saved profiles, offered as stakeholders.
    colors : dict
        One colour per alternative, as in the explorer's other charts.
    set_weights : callable
        Puts weights into effect (AHP and group weights are applied through it).
    shows_errors : callable
        ``shows_errors(callback, part)`` wraps a control's callback so that its errors appear
        on the page (see :meth:`Explorer.shows_errors`).
    delay : float
        Seconds the weights must rest before the visible tab is recomputed.
    """

    def __init__(
        self,
        state: ExplorerState,
        comparison: Comparison,
        *,
        store: ProfileStore,
        colors: dict[str, str],
        set_weights: Callable[[Mapping[str, float]], None],
        shows_errors: Callable[[Callable, str], Callable],
        delay: float = 0.3,
    ) -> None:
        self.state = state
        self.comparison = comparison
        self.store = store
        self.set_weights = set_weights
        self.shows_errors = shows_errors
        self.delay = delay
        self.stale = True
        # Recomputed once the weights rest for ``delay`` s: off the sliders' fast path.
        self._rest = Coalesce(
            self.refresh, delay, leading=False, later=shows_errors(self.refresh, "analysis")
        )
        self.sensitivity = None
        self.robustness = None
        self.ahp = None
        self.group = None
        comp = comparison

        # --- what would change the answer
        self.sens_text = widgets.HTML()
        self.sens_text.add_class("fwc-sensitivity-sentence")
        self.fig_tornado, self.canvas_tornado = live_figure(6.4, 3.9, "fwc-chart-tornado")
        self.tornado = robustness_plots.TornadoChart(self.fig_tornado.add_subplot(), colors)
        sens_tab = widgets.VBox([self.sens_text, self.canvas_tornado])

        # --- uncertainty
        self.sampling = widgets.Dropdown(
            options=[("around my weights", "around"), ("any weights (uniform)", "uniform")],
            value="around", description="Weights",
        )  # fmt: skip
        self.sampling.add_class("fwc-robustness-sampling")
        self.concentration = widgets.Dropdown(
            options=CERTAINTY, value=DEFAULT_CONCENTRATION, description="I am sure of them",
            style={"description_width": "initial"},
            tooltip="How closely the drawn weights stay around yours (Dirichlet concentration)",
        )  # fmt: skip
        self.concentration.add_class("fwc-robustness-certainty")
        has_ranges = bool(
            len(comp.evidence) and (comp.evidence["score_low"] < comp.evidence["score_high"]).any()
        )
        self.ranges = widgets.Checkbox(
            value=has_ranges, disabled=not has_ranges, indent=False,
            description="draw scores within their evidence ranges" if has_ranges
            else "scores fixed (this comparison records no score ranges)",
        )  # fmt: skip
        self.ranges.add_class("fwc-robustness-ranges")
        self.rob_text = widgets.HTML()
        self.rob_text.add_class("fwc-robustness-sentence")
        self.fig_accept, self.canvas_accept = live_figure(
            6.4, 0.9 + 0.45 * (shown_count(len(comp.alternatives)) + 1), "fwc-chart-acceptability"
        )
        self.accept = robustness_plots.AcceptabilityChart(
            self.fig_accept.add_subplot(), comp.alternatives, colors
        )
        for w in (self.sampling, self.concentration, self.ranges):
            w.observe(lambda _: self.changed(), names="value")
        rob_tab = widgets.VBox(
            [widgets.HBox([self.sampling, self.ranges], layout=wrapping("center")),
             self.concentration, self.rob_text, self.canvas_accept]
        )  # fmt: skip

        # --- pairwise (AHP)
        self.ahp_criteria = widgets.SelectMultiple(
            rows=6, description="Compare", layout=widgets.Layout(width="auto", max_width="100%")
        )
        self.ahp_criteria.add_class("fwc-ahp-criteria")
        self._ahp_picked = False  # the user chose the criteria: stop following the weights
        self._ahp_following = False
        self.ahp_questions = widgets.VBox()
        self.ahp_result = widgets.HTML()
        self.ahp_result.add_class("fwc-ahp-result")
        self.ahp_apply = widgets.Button(description="Apply to sliders", icon="check")
        self.ahp_apply.add_class("fwc-ahp-apply")
        self.questions: dict[tuple[str, str], widgets.SelectionSlider] = {}
        self.readouts: dict[tuple[str, str], widgets.HTML] = {}
        self.ahp_criteria.observe(lambda _: self._on_ahp_criteria(), names="value")
        self.ahp_apply.on_click(shows_errors(lambda _: self.apply_ahp(), "ahp"))
        ahp_tab = widgets.VBox(
            [widgets.HTML("How much more important is one criterion than the other? "
                          "(Saaty's 1–9 scale; Ctrl- or Cmd-click picks several criteria)"),
             self.ahp_criteria, self.ahp_questions, self.ahp_result, self.ahp_apply]
        )  # fmt: skip

        # --- group
        self.members = widgets.SelectMultiple(
            rows=6, description="Who", layout=widgets.Layout(width="auto", max_width="100%")
        )
        self.members.add_class("fwc-group-members")
        self.how = widgets.Dropdown(options=AGGREGATIONS, value="geometric", description="Mean")
        self.how.add_class("fwc-group-how")
        self.group_run = widgets.Button(description="Combine", icon="users")
        self.group_run.add_class("fwc-group-run")
        self.group_apply = widgets.Button(description="Apply group weights", icon="check")
        self.group_apply.add_class("fwc-group-apply")
        self.group_result = widgets.HTML()
        self.group_result.add_class("fwc-group-result")
        self.fig_disagree, self.canvas_disagree = live_figure(6.4, 3.6, "fwc-chart-disagreement")
        self.group_run.on_click(shows_errors(lambda _: self.combine(), "group"))
        self.group_apply.on_click(shows_errors(lambda _: self.apply_group(), "group"))
        self.members_hint = widgets.HTML()
        self.members_hint.add_class("fwc-group-hint")
        group_tab = widgets.VBox(
            [widgets.HTML("Pick two or more stakeholders, presets or saved profiles "
                          "(Ctrl- or Cmd-click picks several)."),
             self.members, self.members_hint,
             widgets.HBox([self.how, self.group_run, self.group_apply]),
             self.group_result, self.canvas_disagree]
        )  # fmt: skip

        self.tabs = widgets.Tab(children=[sens_tab, rob_tab, ahp_tab, group_tab])
        for i, title in enumerate(TABS):
            self.tabs.set_title(i, title)
        self.tabs.add_class("fwc-decision")
        self.tabs.observe(lambda _: self.changed(), names="selected_index")
        self.widget = self.tabs
        self.refresh_members()
        # The pairwise questions (~80 widgets for four criteria) are asked when the AHP tab is
        # first opened (refresh) or criteria are picked, not before: every widget model is sent
        # to the page and created there before anything shows, delaying the first answer.
        self.follow_weights_in_ahp(ask=False)
        # A new recommendation (weights or method) makes the tabs stale.
        state.observe(lambda _: self.changed(), names="recommendation")
        self.changed()  # in a kernel: fill the visible tab once the page has settled

    # ------------------------------------------------------------------ following the weights
    def changed(self) -> None:
        """Mark the tabs stale; recompute the visible one once things rest.

        Called when the weights or a setting changed. Inside a running event loop the
        recomputation waits ``delay`` seconds from the last change; elsewhere nothing is
        recomputed until :meth:`refresh` is called.
        """
        self.stale = True
        self._rest()  # outside an event loop only marked: scripts and tests call refresh()

    def refresh(self) -> None:
        """Recompute the weight-dependent tabs for the explorer's current weights."""
        self._rest.cancel()
        self.stale = False
        weights, method = self.state.weights, self.state.method
        tab = self.tabs.selected_index or 0
        if tab == 0:
            self.sensitivity = sensitivity(self.comparison, weights, method)
            sentences = change_sentence(self.sensitivity, top=2)
            self.sens_text.value = "<br>".join(html.escape(s) for s in sentences)
            self.tornado.update(self.sensitivity.winner, self.sensitivity.intervals)
            self.canvas_tornado.redraw(None)  # layout and labels change: a full render
        elif tab == 1:
            # The same defaults as the CLI's robustness and the report: same weights, same figures.
            self.concentration.disabled = self.sampling.value != "around"
            self.robustness = rank_acceptability(
                self.comparison, weights, method, seed=0, confidence_for=SHOWN_CONFIDENCE,
                weight_sampling=self.sampling.value, concentration=self.concentration.value,
                score_ranges=self.ranges.value,
            )  # fmt: skip
            self.rob_text.value = (
                f"<b>{html.escape(self.robustness.sentence())}</b><br>"
                f"<small>{html.escape(self.robustness.settings_sentence())}</small>"
            )
            self.accept.update(  # in the ranking's order, as the charts beside it
                self.robustness.acceptability, "Rank acceptability",
                order=list(self.state.recommendation.ranking.index),
            )  # fmt: skip
            self.canvas_accept.redraw(None)
        elif tab == 2 and not self._ahp_picked:
            self.follow_weights_in_ahp()

    # ------------------------------------------------------------------ AHP
    def follow_weights_in_ahp(self, ask: bool = True) -> None:
        """List the criteria heaviest first and pick the top four, until the user picks.

        Called when the weights change (a preset, the sliders): the picked criteria stay in
        sight at the top of the list and match the weights shown. ``ask=False`` leaves the
        pairwise questions for later.
        """
        weights = self.state.weights
        order = weights.sort_values(ascending=False, kind="stable").index
        names = self.comparison.criterion_names
        self._ahp_following = True
        try:
            picked = self.ahp_criteria.value if self._ahp_picked else tuple(order[:4])
            self.ahp_criteria.options = [(str(names[c]), c) for c in order]
            self.ahp_criteria.value = tuple(c for c in picked if c in names.index)
        finally:
            self._ahp_following = False
        if ask:
            self._ask()

    def _on_ahp_criteria(self) -> None:
        if not self._ahp_following:
            self._ahp_picked = True
            self._ask()

    def _ask(self) -> None:
        ids = list(self.ahp_criteria.value)
        names = self.comparison.criterion_names
        old = {k: q.value for k, q in self.questions.items()}
        self.questions, self.readouts = {}, {}
        rows = []
        for a, b in itertools.combinations(ids, 2):
            na, nb = str(names[a]), str(names[b])
            q = widgets.SelectionSlider(
                options=_ahp_options(na, nb), value=old.get((a, b), 1.0),
                continuous_update=False, readout=False, layout=widgets.Layout(width="300px"),
            )  # fmt: skip
            q.add_class(f"fwc-ahp-q-{css_token(a)}-{css_token(b)}")
            readout = widgets.HTML(judgement_sentence(na, nb, q.value))
            readout.add_class("fwc-ahp-readout")
            q.observe(self.shows_errors(lambda _: self.compute_ahp(), "ahp"), names="value")
            self.questions[a, b] = q
            self.readouts[a, b] = readout
            label = widgets.HTML(f"<b>{html.escape(na)}</b> vs <b>{html.escape(nb)}</b>")
            label.add_class("fwc-ahp-pair")
            rows.append(
                widgets.VBox([label, widgets.HBox([q, readout], layout=wrapping("center"))])
            )
        self.ahp_questions.children = rows
        self.compute_ahp()

    def compute_ahp(self) -> None:
        """Compute the AHP weights from the pairwise questions and show them with the CR.

        With fewer than two criteria chosen there are no weights; the tab says so.
        """
        ids = list(self.ahp_criteria.value)
        if len(ids) < 2:
            self.ahp = None
            self.ahp_result.value = "<i>Choose at least two criteria.</i>"
            return
        names = self.comparison.criterion_names
        for (a, b), q in self.questions.items():
            self.readouts[a, b].value = html.escape(
                judgement_sentence(str(names[a]), str(names[b]), q.value)
            )
        matrix = pairwise_from_judgements(ids, {k: q.value for k, q in self.questions.items()})
        self.ahp = ahp_weights(matrix, source="pairwise questions")
        cells = "".join(
            f"<tr><td>{html.escape(str(names[c]))}</td><td>{w:.1%}</td></tr>"
            for c, w in self.ahp.weights.sort_values(ascending=False).items()
        )
        cr = self.ahp.consistency_ratio
        verdict = (
            f"<span style='color:#1b5e20'>consistent (CR {cr:.3f} ≤ 0.1)</span>"
            if self.ahp.consistent
            else f"<span style='color:#b00020'>"
            f"{html.escape(inconsistency_message(self.ahp, names=names.to_dict()))}</span>"
        )
        self.ahp_result.value = f"<table>{cells}</table>{verdict}"

    def apply_ahp(self) -> None:
        """Put the AHP weights into effect exactly; criteria not compared get 0.

        The sliders show them rounded to their step; the headline, charts and tabs use the
        exact weights (see :meth:`Explorer.set_weights`).
        """
        if self.ahp is None:
            raise DataError("no pairwise weights yet", fix="choose two or more criteria")
        picked = self.ahp_criteria.value
        self.set_weights(self.ahp.weights.to_dict())
        self._ahp_picked, self.ahp_criteria.value = True, picked  # keep the questions asked

    # ------------------------------------------------------------------ group
    def refresh_members(self) -> None:
        """List the presets and saved profiles as possible stakeholders, keeping the choice.

        Each is chosen by what it is (value ``"preset:<id>"`` or ``"saved:<name>"``) and shown
        under a name no other choice has, e.g. ``"Large project (preset)"`` and ``"Large
        project (saved)"``: the name it gets in the group's results. A profile folder that
        cannot be read lists no saved profiles.
        """
        comp = self.comparison
        choices = [(f"{comp.preset_label(p)} (preset)", f"preset:{p}") for p in comp.preset_ids]
        try:
            saved = [(f"{n} (saved)", f"saved:{n}") for n in self.store.list().index]
        except DataError:
            saved = []
        options: list[tuple[str, str]] = []
        shown: set[str] = set()
        for label, value in choices + saved:
            text = label.strip()
            if text in shown:  # e.g. two presets with one label: the id tells them apart
                kind, _, key = value.partition(":")
                text = f"{text.removesuffix(f' ({kind})')} ({kind} {key})".strip()
            base, n = text, 2
            while text in shown:
                text, n = f"{base} #{n}", n + 1
            shown.add(text)
            options.append((text, value))
        keep = [v for v in self.members.value if v in {value for _, value in options}]
        self.members.options = options
        self.members.value = tuple(keep)
        self.members_hint.value = (
            ""
            if len(options) >= 2
            else "<i>This comparison has fewer than two presets and saved profiles: save the "
            "weights of each stakeholder under <b>Saved weight profiles</b> (Save as), then "
            "pick them here.</i>"
        )

    def _stakeholders(self) -> dict:
        """Return the chosen stakeholders, ``{name shown: weights}``: one entry per choice.

        Keyed by the (distinct) names the list shows, never by a preset's label or a profile's
        name alone, so a saved profile named like a preset does not replace it.
        """
        shown = {value: text for text, value in self.members.options}
        out: dict[str, object] = {}
        for item in self.members.value:
            kind, _, key = item.partition(":")
            if kind == "preset":
                out[shown[item]] = key
            else:
                saved = self.store.load(key)
                (weights,) = stakeholders_from_profiles([saved], self.comparison).values()
                out[shown[item]] = weights
        return out

    def combine(self) -> None:
        """Combine the chosen stakeholders' weights and show where they disagree."""
        if len(self.members.value) < 2:
            raise DataError(
                f"a group needs two or more stakeholders; {len(self.members.value)} picked",
                fix="Ctrl- or Cmd-click the stakeholders in the list, then Combine",
            )
        self.group = group_decision(self.comparison, self._stakeholders(), self.state.method,
                                    self.how.value)  # fmt: skip
        self.group_result.value = (
            f"<p><b>{html.escape(self.group.sentence())}</b></p>"
            + _choices_table(self.group.recommendations)
        )
        self.fig_disagree.clear()
        robustness_plots.plot_disagreement(self.group, self.fig_disagree.add_subplot())
        self.canvas_disagree.redraw(None)

    def apply_group(self) -> None:
        """Set the sliders to the group's weights.

        Raises
        ------
        DataError
            No group weights yet (:meth:`combine` has not run).
        """
        if self.group is None:
            raise DataError("no group weights yet", fix="pick stakeholders and press Combine")
        self.set_weights(pd.Series(self.group.weights).to_dict())
