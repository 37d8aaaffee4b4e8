"""The dashboard: the explorer as an app, with a comparison chooser, uploads and a share link.

Voila serves ``notebooks/dashboard.ipynb``, which builds a :class:`Dashboard` (before any
request, in a preheated kernel), then waits for the request and applies the page's query string
(:meth:`Dashboard.restore_from_request`), then shows it. The explorer is rebuilt when the
comparison changes (its sliders are the comparison's criteria); the bar above it stays.

Uploaded CSV files are written into a temporary folder of their own, read and validated there
like ``--matrix``/``--criteria`` on the command line, and the folder is removed at once: an
upload never reaches any other place on the server, and a bad file leaves the comparison on
screen as it was.
"""

from __future__ import annotations

import html
import os
import tempfile
from collections.abc import Iterable
from pathlib import Path

import ipywidgets as widgets

from .. import config
from ..core.comparison import Comparison
from ..core.errors import DataError
from ..core.methods import METHODS, get_method
from ..core.text import visible
from ..io.catalog import CatalogEntry, bundled_comparisons, unknown_comparison
from ..io.loading import read_csv
from ..io.names import stem_of
from ..io.profiles import ProfileStore
from .explorer import Explorer
from .layout import close_tree, wrapping
from .link import ViewLink, parse_query
from .messages import page_text
from .state import CUSTOM

#: Environment variables the launcher (``python -m fwcompare_nb dashboard``) sets for kernels.
PRESET_VARIABLE = config.DASHBOARD_PRESET_ENV
COMPARISON_VARIABLE = config.DASHBOARD_COMPARISON_ENV
#: Largest CSV file accepted from the browser.
MAX_UPLOAD_BYTES = 5 * 1024 * 1024
UPLOAD_PREFIX = "upload:"
_request_seen = False  # this kernel's page request has been waited for

# The copy button runs in the page: the kernel does not know the page's address, the browser
# resolves the link's relative href against it. Clipboard first; a prompt to copy by hand when
# the browser refuses (no secure context, no permission).
_COPY_SCRIPT = (
    "const a=this.parentNode.querySelector('a.fwc-share-link');"
    "const s=this.parentNode.querySelector('.fwc-copy-status');"
    "const done=()=>{s.textContent='Copied';};"
    "const manual=()=>{s.textContent='';window.prompt('Copy this link',a.href);};"
    "if(navigator.clipboard){navigator.clipboard.writeText(a.href).then(done,manual);}"
    "else{manual();}"
)


def _label(entry: CatalogEntry, comparison: Comparison) -> str:
    alts = [str(a) for a in comparison.alternatives]
    if len(alts) <= 3:
        text = " vs ".join(alts)
    else:
        text = f"{entry.label} ({len(alts)} alternatives)"
    return text if "/" not in entry.key else f"{text} ({entry.key})"


def _uploaded_name(name: object, role: str) -> str:
    """Give the base name of an upload as its user named it, for messages (never a path)."""
    last = visible(str(name).replace("\\", "/").rsplit("/", 1)[-1]).strip()
    return last[:120] or f"{role}.csv"


def _without_csv(name: str) -> str:
    """``"my scores.csv"`` -> ``"my scores"``: the comparison an upload makes is named so."""
    return name[:-4] if name.lower().endswith(".csv") and len(name) > 4 else name


class Dashboard:
    """The explorer with a comparison chooser, CSV uploads and a link to the view.

    Parameters
    ----------
    comparison : str, optional
        Key of the bundled comparison to open (see :func:`fwcompare_nb.io.catalog.
        bundled_comparisons`); default ``FWCOMPARE_DASHBOARD_COMPARISON`` or Django vs Flask.
    preset : str, optional
        Preset to open on; default ``FWCOMPARE_DASHBOARD_PRESET`` or the comparison's first.
    store : ProfileStore, optional
        Saved weight profiles.
    data_dir : str or Path, optional
        Where the bundled comparisons are; default ``config.DATA_DIR``.

    Attributes
    ----------
    widget : ipywidgets.VBox
        What to display.
    explorer : Explorer
        The explorer shown now.
    """

    def __init__(
        self,
        comparison: str | None = None,
        preset: str | None = None,
        store: ProfileStore | None = None,
        data_dir: str | Path | None = None,
    ) -> None:
        self.store = store if store is not None else ProfileStore()
        self.entries: dict[str, CatalogEntry] = {}
        self.comparisons: dict[str, Comparison] = {}
        self.problems: list[str] = []
        self._load_catalog(data_dir)
        self.default_key = next(iter(self.comparisons))
        self.key = self.default_key
        self._uploads = 0
        self.explorer: Explorer | None = None
        self._build()

        key = comparison if comparison is not None else os.environ.get(COMPARISON_VARIABLE)
        preset = preset if preset is not None else os.environ.get(PRESET_VARIABLE) or None
        notes = []
        if key and key not in self.comparisons:
            notes.append(page_text(self._unknown(key)) + f"; showing {self._title()}")
            key = None
        self.startup_key = key or self.default_key
        self.startup_preset = preset
        self._show(self.startup_key, preset, notes)

    # ----------------------------------------------------------------- catalog
    def _load_catalog(self, data_dir: str | Path | None) -> None:
        for entry in bundled_comparisons(data_dir):
            try:
                self.comparisons[entry.key] = entry.load()
            except DataError as exc:
                # Listed on the page, not offered: picking it could only fail.
                self.problems.append(f"not offered: {entry.key} ({page_text(exc)})")
                continue
            self.entries[entry.key] = entry
        if not self.comparisons:
            raise DataError(
                "no comparison could be loaded",
                file=str(data_dir or config.DATA_DIR),
                fix="run 'python -m fwcompare_nb validate' on its folders",
            )

    def _unknown(self, key: str) -> DataError:
        return unknown_comparison(list(self.entries.values()), key)

    def _known_preset(self, key: str, preset: str | None, notes: list[str]) -> str | None:
        """``preset`` if comparison ``key`` has it; otherwise None, and a note saying so."""
        presets = self.comparisons[key].preset_ids
        if preset is None or preset in presets:
            return preset
        known = ", ".join(presets) or "none"
        notes.append(f"preset {preset!r} is not one of {self._title(key)}'s ({known})")
        return None

    def _title(self, key: str | None = None) -> str:
        key = key or self.key
        if key in self.entries:
            return _label(self.entries[key], self.comparisons[key])
        return f"uploaded: {self.comparisons[key].name}"

    def _options(self) -> list[tuple[str, str]]:
        return [(self._title(k), k) for k in self.comparisons]

    # ----------------------------------------------------------------- building
    def _build(self) -> None:
        self.chooser = widgets.Dropdown(
            options=self._options(), value=self.key, description="Comparison",
            layout=widgets.Layout(width="auto", min_width="340px", max_width="100%"),
        )  # fmt: skip
        self.chooser.add_class("fwc-comparison")
        self.scores_upload = widgets.FileUpload(
            accept=".csv,text/csv", multiple=False, description="Scores CSV"
        )
        self.scores_upload.add_class("fwc-upload-scores")
        self.criteria_upload = widgets.FileUpload(
            accept=".csv,text/csv", multiple=False, description="Criteria CSV"
        )
        self.criteria_upload.add_class("fwc-upload-criteria")
        self.use_upload = widgets.Button(
            description="Use uploaded files", icon="upload",
            tooltip="Compare the alternatives of your scores CSV on the criteria of your "
            "criteria CSV (see 'Plain-CSV import' in the README)",
        )  # fmt: skip
        self.use_upload.add_class("fwc-use-upload")
        self.upload_status = widgets.HTML()
        self.upload_status.add_class("fwc-upload-status")
        self.link = widgets.HTML()
        self.link.add_class("fwc-share")
        self.notes = widgets.HTML(layout=widgets.Layout(display="none"))
        self.notes.add_class("fwc-dashboard-notes")
        self.body = widgets.VBox(layout=widgets.Layout(max_width="100%"))
        upload = widgets.HBox(
            [self.scores_upload, self.criteria_upload, self.use_upload], layout=wrapping("center")
        )
        bar = widgets.HBox([self.chooser, upload], layout=wrapping("center"))
        self.widget = widgets.VBox(
            [bar, self.upload_status, self.link, self.notes, self.body],
            layout=widgets.Layout(max_width="100%"),
        )
        self.widget.add_class("fwc-dashboard")
        self.widget.dashboard = self
        self.chooser.observe(self._on_choose, names="value")
        self.use_upload.on_click(lambda _: self.use_uploaded_files())

    def _say_upload(self, text: str, ok: bool) -> None:
        color = "#1b5e20" if ok else "#b00020"
        self.upload_status.value = f"<span style='color:{color}'>{html.escape(text)}</span>"

    def _set_notes(self, notes: Iterable[str]) -> None:
        notes = list(notes)
        if not notes:
            self.notes.value = ""
            self.notes.layout.display = "none"
            return
        items = "".join(f"<li>{html.escape(n)}</li>" for n in notes)
        self.notes.value = (
            "<div style='color:#8a4b00'><b>The link could not be followed in full:</b>"
            f"<ul style='margin:2px 0'>{items}</ul></div>"
        )
        self.notes.layout.display = None

    # ----------------------------------------------------------------- showing
    def _show(self, key: str, preset: str | None, notes: list[str] | None = None) -> None:
        """Show comparison ``key`` on ``preset`` (default its first), replacing the explorer."""
        comp = self.comparisons[key]
        notes = list(notes or [])
        preset = self._known_preset(key, preset, notes)
        if preset is None and comp.preset_ids:
            preset = comp.preset_ids[0]
        old = self.explorer
        self.explorer = Explorer(comp, profile=preset, store=self.store, save_to_folder=False)
        self.key = key
        self.explorer.observe_state(lambda _: self.update_link(), names="recommendation")
        self.body.children = (self.explorer.widget,)
        if old is not None:
            close_tree(old.widget)
        if self.chooser.value != key:
            self.chooser.unobserve(self._on_choose, names="value")
            try:
                self.chooser.value = key
            finally:
                self.chooser.observe(self._on_choose, names="value")
        self._set_notes(notes)
        self.update_link()

    def choose(self, key: str) -> None:
        """Show another comparison (bundled key or an upload's), on its first preset."""
        if key not in self.comparisons:
            raise self._unknown(key)
        self._show(key, None)

    def _on_choose(self, change) -> None:
        if change["new"] != self.key:
            self.choose(change["new"])

    # ----------------------------------------------------------------- uploads
    def use_uploaded_files(self) -> bool:
        """Validate the two uploaded CSV files and, if they are good, show their comparison.

        Returns
        -------
        bool
            Whether the comparison changed; if not, the status line says why.
        """
        scores, criteria = self.scores_upload.value, self.criteria_upload.value
        if not scores or not criteria:
            missing = " and ".join(
                n for n, v in (("a scores CSV", scores), ("a criteria CSV", criteria)) if not v
            )
            self._say_upload(f"Upload {missing} first, then click 'Use uploaded files'.", False)
            return False
        try:
            comp = self.read_upload(scores[0], criteria[0])
        except DataError as exc:
            self._say_upload(page_text(exc), False)
            return False
        self._uploads += 1
        key = f"{UPLOAD_PREFIX}{self._uploads}"
        self.comparisons[key] = comp
        self.chooser.unobserve(self._on_choose, names="value")
        try:
            self.chooser.options = self._options()
        finally:
            self.chooser.observe(self._on_choose, names="value")
        self._show(key, None)
        n_alt, n_crit = len(comp.alternatives), len(comp.criterion_ids)
        self._say_upload(
            f"Showing your upload '{comp.name}': {n_alt} alternatives on {n_crit} criteria.", True
        )
        # Cleared, so that the same files can be chosen again after a fix.
        self.scores_upload.value = ()
        self.criteria_upload.value = ()
        return True

    @staticmethod
    def read_upload(scores: dict, criteria: dict) -> Comparison:
        """Read two uploaded files (ipywidgets ``FileUpload`` values) as the CLI reads them.

        Each file goes into a temporary folder of its own under a cleaned base name (a name
        like ``../../x.csv`` cannot lead anywhere), is read with :func:`read_csv` and the folder
        is removed. Messages name the files as uploaded, not the temporary paths.

        Raises
        ------
        DataError
            A file too large, not UTF-8 text, or with any problem the CLI reports.
        """
        files = {"scores": scores, "criteria": criteria}
        with tempfile.TemporaryDirectory(prefix="fwc-upload-") as tmp:
            paths, shown = {}, {}
            for role, item in files.items():
                given = item.get("name", "")
                name = _uploaded_name(given, role)
                data = bytes(item.get("content", b""))
                if len(data) > MAX_UPLOAD_BYTES:
                    raise DataError(
                        f"the {role} file is too large ({len(data):,} bytes)",
                        file=name,
                        fix=f"upload at most {MAX_UPLOAD_BYTES // 2**20} MB",
                    )
                folder = Path(tmp) / role
                folder.mkdir()
                # On disk under the one safe-name rule; messages still say the name as given.
                paths[role] = folder / f"{stem_of(given, default=role)}.csv"
                paths[role].write_bytes(data)
                shown[str(paths[role])] = name
            try:
                named = _without_csv(shown[str(paths["scores"])])
                comp = read_csv(paths["scores"], paths["criteria"], name=named)
            except DataError as exc:

                def as_uploaded(text: str | None) -> str | None:
                    for path, name in shown.items():
                        text = text.replace(path, name) if text else text
                    return text

                raise DataError(exc.problem, file=as_uploaded(exc.file), where=exc.where,
                                value=exc.value, fix=as_uploaded(exc.fix)) from None  # fmt: skip
        return comp

    # ----------------------------------------------------------------- the link
    def view(self) -> ViewLink | None:
        """Describe the view on screen as a link (``None`` for an upload: no link carries files)."""
        if self.key not in self.entries or self.explorer is None:
            return None
        state, comp = self.explorer.state, self.explorer.comparison
        # Your own scores and must-haves travel with the link.
        own = (
            tuple(
                (str(o.alternative), str(o.criterion), float(o.score), str(o.reason))
                for o in comp.overrides.itertuples(index=False)
            )
            or None
        )
        reqs = tuple(r.spec() for r in comp.requirements) or None
        if state.preset != CUSTOM:
            return ViewLink(comparison=self.key, preset=state.preset, method=state.method,
                            own=own, requirements=reqs)  # fmt: skip
        return ViewLink(
            comparison=self.key, weights=self.explorer.weights_as_given(), method=state.method,
            own=own, requirements=reqs,
        )  # fmt: skip

    def update_link(self) -> None:
        """Rewrite the share link for the view on screen."""
        view = self.view()
        if view is None:
            self.link.value = (
                "<span class='fwc-share-none' style='color:#555'>An uploaded comparison "
                "cannot travel in a link: send the two CSV files and this page's weights "
                "(download them as a profile).</span>"
            )
            return
        href = html.escape("?" + view.query(), quote=True)
        self.link.value = (
            "<span class='fwc-share-row'>"
            f"<a class='fwc-share-link' href='{href}'>Link to this view</a> "
            f"<button class='fwc-copy-link' type='button' onclick=\"{_COPY_SCRIPT}\">"
            "Copy link</button> <span class='fwc-copy-status' style='color:#1b5e20'></span>"
            "</span>"
        )

    def restore(self, query: str) -> list[str]:
        """Show the view a link's query string describes; report what could not be followed.

        Unknown or malformed parameters, a comparison, preset or method that does not exist,
        or weights naming unknown criteria are listed on the page, and the default takes their
        place.

        Parameters
        ----------
        query : str
            The page's query string (``QUERY_STRING``).

        Returns
        -------
        list of str
            The problems shown.
        """
        link, notes = parse_query(query)
        key = self.startup_key
        if link.comparison is not None:
            if link.comparison in self.entries:
                key = link.comparison
            else:
                notes.append(page_text(self._unknown(link.comparison)))
        comp = self.comparisons[key]
        weights = None
        if link.weights is not None:
            unknown = sorted(set(link.weights) - set(comp.criterion_ids))
            if unknown:
                notes.append(
                    f"weights: unknown criteria {', '.join(map(repr, unknown))} "
                    f"(this comparison has {', '.join(comp.criterion_ids)}); weights ignored"
                )
            elif not any(link.weights.values()):
                notes.append("weights: all are 0; weights ignored")
            else:
                weights = dict(link.weights)
        preset = link.preset if weights is None else None
        if weights is None and preset is None:
            preset = self.startup_preset if key == self.startup_key else None
        method = link.method
        if method is not None:
            try:
                method = get_method(method).key  # any case, as the command line takes it
            except DataError:
                notes.append(f"method {method!r} is not one of {', '.join(METHODS)}; using wsm")
                method = None
        if key != self.key:
            self._show(key, preset, notes)  # a new explorer, on that preset
        else:
            preset = self._known_preset(key, preset, notes)
            if preset is not None and preset != self.explorer.state.preset:
                self.explorer.apply_profile(preset)
            self._set_notes(notes)
        explorer = self.explorer
        if link.own or link.requirements:
            try:
                judged = comp.with_scores(list(link.own or ())).with_requirements(
                    list(link.requirements or ())
                )
            except DataError as exc:
                notes.append(f"own scores and must-haves ignored: {page_text(exc)}")
                self._set_notes(notes)
            else:
                explorer.set_comparison(judged)
        if weights is not None:
            explorer.set_weights(weights)
        if method is not None and method != explorer.method.value:
            explorer.method.value = method
            if explorer.state.method != method:  # refused (e.g. WPM with a zero score)
                error = explorer.last_error
                refused = isinstance(error, DataError)
                notes.append(page_text(error) if refused else f"method {method!r} was refused")
                self._set_notes(notes)
        self.update_link()
        return notes

    def restore_from_request(self) -> list[str]:
        """Wait for the page's request (in a preheated Voila kernel) and apply its query string.

        Outside a preheated kernel (JupyterLab, Voila without preheating) this returns at once;
        with no query string it leaves the view as it is.
        """
        global _request_seen  # noqa: PLW0603 - one request per kernel, whatever the caller
        if not _request_seen:
            try:
                from voila.utils import wait_for_request
            except ImportError:  # not served by Voila
                pass
            else:
                # A preheated kernel gets its request once: a second wait would never return.
                wait_for_request()
            _request_seen = True
        query = os.environ.get("QUERY_STRING", "")
        return self.restore(query) if query else []


def dashboard_app(
    comparison: str | None = None, preset: str | None = None, store: ProfileStore | None = None
) -> Dashboard:
    """Build the dashboard (see :class:`Dashboard`); display its ``widget``.

    Examples
    --------
    In the dashboard notebook::

        app = fw.dashboard_app()
        app.restore_from_request()
        app.widget
    """
    return Dashboard(comparison, preset, store)
