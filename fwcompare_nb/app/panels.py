"""The explorer's panels below the charts: evidence, saved weight profiles, export.

Each panel gets the comparison, the explorer's state (what it shows) and the callbacks it may
use, never the explorer: a panel can be built, shown and tested on its own.
"""

from __future__ import annotations

import html
from collections.abc import Callable, Mapping
from pathlib import Path

import ipywidgets as widgets
import pandas as pd

from ..analysis.summaries import claims_for
from ..config import EXPORTS_DIR
from ..core.comparison import Comparison
from ..core.errors import DataError
from ..core.methods import METHODS
from ..io.names import file_stem
from ..io.profiles import ProfileStore, judged, weights_for
from .layout import wrapping
from .messages import page_text
from .state import CUSTOM, ExplorerState

VERDICT_COLORS = {
    "supported": "#009E73",
    "outdated": "#D55E00",
    "contested": "#E69F00",
    "unverified": "#777777",
    "false": "#CC0000",
}


def _status_html(text: str, ok: bool) -> str:
    color = "#1b5e20" if ok else "#b00020"
    return f"<span style='color:{color}'>{html.escape(text)}</span>"


class EvidencePanel:
    """One criterion's scores, ranges, rationales, sources and the claims about it.

    Parameters
    ----------
    comparison : Comparison
        Where the evidence comes from.
    colors : dict
        One colour per alternative, as in the charts.
    """

    def __init__(self, comparison: Comparison, colors: Mapping[str, str]) -> None:
        self.comparison, self.colors = comparison, colors
        names = comparison.criterion_names
        self.criterion = widgets.Dropdown(
            options=[(str(names[c]), c) for c in comparison.criterion_ids],
            description="Criterion",
        )
        self.criterion.add_class("fwc-evidence-criterion")
        # A long list of claims scrolls inside the panel instead of stretching the page.
        self.html = widgets.HTML(layout=widgets.Layout(max_height="600px", overflow="auto"))
        self.widget = widgets.VBox(
            [widgets.HTML("<h4 style='margin:4px 0'>Evidence</h4>"), self.criterion, self.html],
            layout=widgets.Layout(
                # Below the matrix rather than squeezed beside it: the table needs ~440 px.
                flex="1 1 440px",
                max_width="760px",
                min_width="min(440px, 100%)",
                margin="0 0 0 16px",
            ),
        )
        self.widget.add_class("fwc-evidence")

    def show(self) -> None:
        """Show the evidence of the criterion picked in the menu."""
        cid = self.criterion.value
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
        data = comp.data_scores
        own = comp.overrides.set_index(["alternative", "criterion"])
        out = comp.ruled_out
        rows = []
        # Every alternative of the data: the user's own scores beside the bundled ones, and
        # those a must-have ruled out marked so, never silently missing.
        for alt in map(str, data.index):
            score = float(data.at[alt, cid])
            shown = f"{score:g}"
            if (alt, cid) in own.index:
                mine = own.loc[(alt, cid)]
                shown = f"{mine['score']:g} (yours; data {mine['bundled']:g})"
            if alt in ev.index:
                e = ev.loc[alt]
                rng = f"{e['score_low']:g}–{e['score_high']:g}"
                why, src = str(e["rationale"]), str(e["source"])
            else:
                rng, why, src = "", "(no evidence recorded)", ""
            if (alt, cid) in own.index and own.loc[(alt, cid)]["reason"]:
                why = f"Your reason: {own.loc[(alt, cid)]['reason']}. Data: {why}"
            gone = out[out["alternative"] == alt]
            if len(gone):
                why = f"Ruled out ({'; '.join(gone['text'])}). {why}"
            rows.append(
                f"<tr style='vertical-align:top;border-top:1px solid #ddd'>"
                f"<td style='color:{self.colors.get(alt, '#555')}'><b>{html.escape(alt)}</b></td>"
                f"<td>{html.escape(shown)}</td><td>{html.escape(rng)}</td>"
                f"<td>{html.escape(why)}</td>"
                f"<td style='font-size:11px'>{html.escape(src)}</td></tr>"
            )
        parts.append(
            # Fixed column shares: the table fits its panel at any width; long words (paths in
            # sources) break rather than push the table sideways.
            "<table class='fwc-evidence-table' style='border-collapse:collapse;width:100%;"
            "line-height:1.35;table-layout:fixed;overflow-wrap:break-word'><tr>"
            "<th style='width:19%'>Alternative</th><th style='width:11%'>Score</th>"
            "<th style='width:11%'>Range</th><th style='width:37%'>Why</th>"
            "<th style='width:22%'>Source</th></tr>" + "".join(rows) + "</table>"
        )
        claims = claims_for(comp, cid)
        if len(claims):
            items = []
            for c in claims.itertuples():
                color = VERDICT_COLORS.get(str(c.verdict), "#777")
                items.append(
                    f"<li><span style='color:white;background:{color};padding:0 4px'>"
                    f"{html.escape(str(c.verdict))}</span> <b>{html.escape(str(c.framework))}</b>"
                    f": {html.escape(str(c.claim))} <br>"
                    f"<small>{html.escape(str(c.evidence))}</small></li>"
                )
            parts.append(f"<p><b>The article's claims about it</b></p><ul>{''.join(items)}</ul>")
        self.html.value = "".join(parts)


class ProfilesPanel:
    """Save the weights in effect under a name; load or delete saved ones.

    Parameters
    ----------
    state : ExplorerState
        The weights and method saved.
    comparison : Comparison
        The comparison the profiles are for.
    store : ProfileStore
        Where profiles live.
    set_weights : callable
        Puts loaded weights into effect.
    set_method : callable
        Chooses a loaded profile's method.
    on_change : callable
        Called when the list of saved profiles changed (the group tab offers them).
    set_comparison : callable, optional
        Puts a loaded profile's own scores and must-haves into effect (a new comparison).
    """

    def __init__(
        self,
        state: ExplorerState,
        comparison: Comparison,
        store: ProfileStore,
        *,
        set_weights: Callable[[pd.Series], None],
        set_method: Callable[[str], None],
        on_change: Callable[[], None],
        set_comparison: Callable[[Comparison], None] | None = None,
    ) -> None:
        self.state, self.comparison, self.store = state, comparison, store
        self.set_weights, self.set_method, self.on_change = set_weights, set_method, on_change
        self.set_comparison = set_comparison
        self.name = widgets.Text(placeholder="name for these weights", description="Save as")
        self.name.add_class("fwc-save-name")
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
        self.status = widgets.HTML()
        self.status.add_class("fwc-store-status")
        self._confirm_delete: str | None = None
        self.widget = widgets.VBox(
            [
                widgets.HTML("<h4>Saved weight profiles</h4>"),
                widgets.HBox([self.name, self.overwrite, self.save_button],
                             layout=wrapping()),
                widgets.HBox([self.saved, self.load_button, self.delete_button],
                             layout=wrapping()),
                self.status,
            ]
        )  # fmt: skip
        self.widget.add_class("fwc-saved-profiles")

    def _say(self, text: str, ok: bool = True) -> None:
        self.status.value = _status_html(text, ok)

    def refresh(self) -> None:
        """List the saved profiles again; report files that cannot be read."""
        try:
            names = list(self.store.list().index)
            problems = self.store.problems()
        except DataError as exc:  # e.g. the profiles path is a file, not a folder
            self.saved.options = []
            self._say(page_text(exc), ok=False)
            return
        self.saved.options = names
        self.on_change()
        if problems:
            self._say(
                "Some saved files could not be read: " + "; ".join(str(p) for p in problems),
                ok=False,
            )

    def save(self, name: str | None = None, overwrite: bool | None = None) -> None:
        """Save the weights and method in effect under ``name`` (default: the text box)."""
        name = (name if name is not None else self.name.value).strip()
        overwrite = self.overwrite.value if overwrite is None else overwrite
        try:
            path = self.store.save(
                name, self.state.weights, comparison=self.comparison.name,
                method=self.state.method, overwrite=overwrite,
                own_scores=self.comparison.overrides, requirements=self.comparison.requirements,
            )  # fmt: skip
        except DataError as exc:
            self._say(page_text(exc), ok=False)
            return
        self.overwrite.value = False
        self.refresh()
        self.saved.value = name if name in self.saved.options else self.saved.value
        self._say(f"Saved '{name}' to {path}")

    def load(self, name: str | None = None) -> None:
        """Put a saved profile's weights (and method) into effect."""
        name = name if name is not None else self.saved.value
        if not name:
            self._say("Nothing to load: save a profile first.", ok=False)
            return
        try:
            saved = self.store.load(name)
            weights = weights_for(saved, self.comparison)
            judged_comp = judged(saved, self.comparison)
        except DataError as exc:
            self._say(page_text(exc), ok=False)
            return
        same = (
            judged_comp.overrides.equals(self.comparison.overrides)
            and judged_comp.requirements == self.comparison.requirements
        )
        if not same and self.set_comparison is not None:
            # The profile's own scores and must-haves replace those on screen (none: cleared).
            self.set_comparison(judged_comp)
        self.set_weights(weights)
        if saved.method in METHODS:
            self.set_method(saved.method)
        self._say(f"Loaded '{name}'")

    def delete(self, name: str | None = None, confirm: bool = False) -> None:
        """Delete a saved profile; from the page the first click asks, the second deletes."""
        name = name if name is not None else self.saved.value
        if not name:
            return
        if not confirm and self._confirm_delete != name:
            self._confirm_delete = name
            self.delete_button.description = "Really delete?"
            self._say(f"Click 'Really delete?' to delete '{name}'.", ok=False)
            return
        self._confirm_delete = None
        self.delete_button.description = "Delete"
        try:
            self.store.delete(name)
        except DataError as exc:
            self._say(page_text(exc), ok=False)
            return
        self.refresh()
        self._say(f"Deleted '{name}'")


class ExportPanel:
    """Write the charts or the report for the weights and method in effect.

    Parameters
    ----------
    state : ExplorerState
        The weights, method and preset exported.
    comparison : Comparison
        What is exported.
    """

    def __init__(self, state: ExplorerState, comparison: Comparison) -> None:
        self.state, self.comparison = state, comparison
        self.folder = widgets.Text(
            value=str(EXPORTS_DIR), description="Folder",
            layout=widgets.Layout(width="360px", max_width="100%"),
        )  # fmt: skip
        self.folder.add_class("fwc-export-dir")
        self.format = widgets.Dropdown(
            options=["png", "svg"], value="png", layout=widgets.Layout(width="80px")
        )
        self.format.add_class("fwc-export-format")
        self.charts_button = widgets.Button(description="Export charts", icon="image")
        self.charts_button.add_class("fwc-export")
        self.report_button = widgets.Button(description="Export report", icon="file")
        self.report_button.add_class("fwc-export-report")
        self.record_button = widgets.Button(description="Write decision record", icon="book")
        self.record_button.add_class("fwc-export-record")
        self.status = widgets.HTML()
        self.status.add_class("fwc-export-status")
        self.widget = widgets.VBox(
            [
                widgets.HTML("<h4>Export (current weights and method)</h4>"),
                widgets.HBox(
                    [
                        self.folder,
                        self.format,
                        self.charts_button,
                        self.report_button,
                        self.record_button,
                    ],  # fmt: skip
                    layout=wrapping(),
                ),
                self.status,
            ],
            layout=widgets.Layout(margin="0 0 0 16px"),
        )
        self.widget.add_class("fwc-export-box")

    def _say(self, text: str, ok: bool = True) -> None:
        self.status.value = _status_html(text, ok)

    def _folder(self) -> Path:
        return Path(self.folder.value.strip() or str(EXPORTS_DIR)).expanduser()

    def export_charts(self) -> list[Path]:
        """Write every chart for the weights and method in effect (the ``charts`` command's)."""
        from ..reporting.export import export_charts  # matplotlib's file back ends: only when asked

        profile = self.state.preset if self.state.preset != CUSTOM else None
        try:
            paths = export_charts(
                self.comparison, self._folder(), self.state.weights, self.state.method,
                self.format.value, profile=profile,
            )  # fmt: skip
        except DataError as exc:
            self._say(page_text(exc), ok=False)
            return []
        self._say(f"Wrote {len(paths)} charts to {paths[0].parent}")
        return paths

    def write_record(self) -> Path | None:
        """Write the decision as the folder's next MADR record (``NNNN-<title>.md``).

        The one the ``record`` command writes: numbered after the highest record in the folder,
        never replacing one (``docs/decisions/`` beside the code is the usual place).
        """
        from ..reporting.record import write_record

        profile = self.state.preset if self.state.preset != CUSTOM else None
        try:
            path = write_record(self.comparison, self._folder(), self.state.weights,
                                self.state.method, profile=profile)  # fmt: skip
        except DataError as exc:
            self._say(page_text(exc), ok=False)
            return None
        self._say(f"Wrote {path}")
        return path

    def export_report(self) -> Path | None:
        """Write the self-contained HTML report for the weights and method in effect."""
        from ..reporting.report import write_report

        profile = self.state.preset if self.state.preset != CUSTOM else None
        # The preset id comes from a data file: its file name is made safe like the downloads'.
        name = f"{file_stem(self.comparison.name, profile)}-report.html"
        try:
            self._folder().mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            self._say(f"{self._folder()}: cannot create it ({exc.strerror})", ok=False)
            return None
        try:
            path = write_report(self.comparison, self._folder() / name, self.state.weights,
                                self.state.method, profile=profile)  # fmt: skip
        except DataError as exc:
            self._say(page_text(exc), ok=False)
            return None
        self._say(f"Wrote {path}")
        return path
