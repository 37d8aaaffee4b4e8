"""Your own scores and must-haves, set beside the evidence of one criterion.

The panel gets the comparison, the criterion menu of the evidence panel and one callback,
``set_comparison``, which puts a new version of the comparison on screen (the explorer keeps
its weights, method and preset). It never holds the explorer: what it changes goes through
:meth:`Comparison.with_scores` and :meth:`Comparison.with_requirements`, which check every value
(an off-scale score or a minimum on a cost is a message, not a change).
"""

from __future__ import annotations

import html
import math
from collections.abc import Callable

import ipywidgets as widgets

from ..core.comparison import Comparison
from ..core.judgement import Requirement
from .layout import wrapping


class JudgementPanel:
    """Set your own score for a cell, with a reason, and a must-have per criterion.

    Parameters
    ----------
    comparison : Comparison
        What is shown now (its overrides and requirements included).
    criterion : Dropdown
        The evidence panel's criterion menu: the panel acts on the criterion picked there.
    set_comparison : callable
        Called with the changed comparison.
    """

    def __init__(
        self,
        comparison: Comparison,
        criterion: widgets.Dropdown,
        set_comparison: Callable[[Comparison], None],
    ) -> None:
        self.comparison, self.criterion, self.set_comparison = comparison, criterion, set_comparison
        everyone = [str(a) for a in comparison.data_scores.index]
        self.alternative = widgets.Dropdown(options=everyone, description="Alternative")
        self.alternative.add_class("fwc-own-alternative")
        self.score = widgets.FloatText(
            description="Your score", layout=widgets.Layout(width="190px")
        )
        self.score.add_class("fwc-own-score")
        self.reason = widgets.Text(
            placeholder="why, in one line", layout=widgets.Layout(width="260px")
        )
        self.reason.add_class("fwc-own-reason")
        self.use = widgets.Button(description="Use my score", icon="pencil")
        self.use.add_class("fwc-own-use")
        self.reset_cell = widgets.Button(description="Reset cell", icon="undo")
        self.reset_cell.add_class("fwc-own-reset")
        self.reset_all = widgets.Button(description="Reset all my scores", icon="undo")
        self.reset_all.add_class("fwc-own-reset-all")
        self.bound = widgets.FloatText(
            description="Must-have", layout=widgets.Layout(width="190px")
        )
        self.bound.add_class("fwc-require-bound")
        self.require = widgets.Button(description="Require", icon="filter")
        self.require.add_class("fwc-require")
        self.drop = widgets.Button(description="No must-have", icon="times")
        self.drop.add_class("fwc-require-drop")
        self.note = widgets.HTML()
        self.note.add_class("fwc-judgement-note")
        self.widget = widgets.VBox(
            [
                widgets.HTML("<b>Your judgement</b>"),
                widgets.HBox([self.alternative, self.score, self.reason], layout=wrapping()),
                widgets.HBox([self.use, self.reset_cell, self.reset_all], layout=wrapping()),
                widgets.HBox([self.bound, self.require, self.drop], layout=wrapping()),
                self.note,
            ]
        )
        self.widget.add_class("fwc-judgement")
        self.alternative.observe(lambda _: self.show(), names="value")

    # ----------------------------------------------------------------- reading
    def show(self) -> None:
        """Fill the controls for the criterion and alternative picked."""
        comp, cid, alt = self.comparison, self.criterion.value, self.alternative.value
        if cid is None or alt is None:
            return
        own = comp.overrides
        mine = own[(own["alternative"] == alt) & (own["criterion"] == cid)]
        data = comp.data_scores
        self.score.value = float(mine["score"].iloc[0]) if len(mine) else float(data.at[alt, cid])
        self.reason.value = str(mine["reason"].iloc[0]) if len(mine) else ""
        benefit = comp.criteria.at[cid, "direction"] == "benefit"
        self.bound.description = "At least" if benefit else "At most"
        req = next((r for r in comp.requirements if r.criterion == cid), None)
        lo = comp.criteria.at[cid, "min"]
        default = float(lo if benefit else comp.criteria.at[cid, "max"])
        if math.isnan(default):
            default = float(data[cid].min() if benefit else data[cid].max())
        self.bound.value = req.bound if req else default
        self.drop.disabled = req is None
        self.note.value = self._note()

    def _note(self) -> str:
        comp = self.comparison
        parts = []
        if len(comp.overrides):
            n = len(comp.overrides)
            parts.append(f"{n} of your own score{'s' if n != 1 else ''} in effect")
        if comp.requirements:
            specs = ", ".join(r.spec() for r in comp.requirements)
            parts.append(f"must-haves: {specs}")
        if len(comp.ruled_out):
            out = ", ".join(dict.fromkeys(map(str, comp.ruled_out["alternative"])))
            parts.append(f"ruled out: {out}")
        return f"<small>{html.escape('; '.join(parts))}</small>" if parts else ""

    # ----------------------------------------------------------------- acting
    def use_score(self) -> None:
        """Put the score and reason typed into effect for the cell picked."""
        cell = (self.alternative.value, self.criterion.value)
        self.set_comparison(
            self.comparison.with_scores({cell: (self.score.value, self.reason.value)})
        )

    def reset_score(self) -> None:
        """Give the cell picked its bundled score back."""
        cell = (self.alternative.value, self.criterion.value)
        self.set_comparison(self.comparison.without_scores([cell]))

    def reset_scores(self) -> None:
        """Give every cell its bundled score back."""
        self.set_comparison(self.comparison.without_scores())

    def add_requirement(self) -> None:
        """Make the value typed a must-have of the criterion picked (replacing its old one)."""
        cid = self.criterion.value
        benefit = self.comparison.criteria.at[cid, "direction"] == "benefit"
        keep = [r for r in self.comparison.requirements if r.criterion != cid]
        new = Requirement(cid, ">=" if benefit else "<=", float(self.bound.value))
        self.set_comparison(self.comparison.with_requirements([*keep, new]))

    def drop_requirement(self) -> None:
        """Remove the must-have of the criterion picked."""
        cid = self.criterion.value
        keep = [r for r in self.comparison.requirements if r.criterion != cid]
        self.set_comparison(self.comparison.with_requirements(keep))
