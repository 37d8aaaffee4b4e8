"""The download panel, in process: what each button makes is valid and is what the page shows,
it reaches the page as data-URL links, nothing is written to disk, and the busy state comes back."""

from __future__ import annotations

import base64
import builtins
import dataclasses
import html
import io
import json
import os
import re
import tempfile
import xml.etree.ElementTree as ET
from html.parser import HTMLParser

import numpy as np
import pandas as pd
import pytest
from PIL import Image

import fwcompare_nb as fw
from fwcompare_nb.app.downloads import (
    BUSY_ICON,
    KINDS,
    DownloadFile,
    DownloadPanel,
    file_stem,
    profile_name,
    size_text,
)
from fwcompare_nb.app.panels import ProfilesPanel
from fwcompare_nb.app.state import CUSTOM, ExplorerState
from fwcompare_nb.cli.main import main
from fwcompare_nb.core.errors import DataError
from fwcompare_nb.io.profiles import ProfileStore, read_profile, weights_for
from fwcompare_nb.reporting.export import CHARTS

SAFE_NAME = re.compile(r"[a-z0-9_]+(-[a-z0-9_]+)*\.(csv|json|png|svg|html)")
SVG = "{http://www.w3.org/2000/svg}"


def state_for(comparison: fw.Comparison, preset: str = "learning", method: str = "wsm",
              weights: object = None) -> ExplorerState:  # fmt: skip
    """The state an explorer on ``preset`` (or on other weights, as custom) would have."""
    w = fw.resolve_weights(comparison, preset if weights is None else weights)
    return ExplorerState(weights=w, method=method, preset=preset if weights is None else CUSTOM)


class _Writes:
    """Record every attempt to open a file for writing, or to make a temporary file or folder."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.seen: list[str] = []
        real_open, real_os_open = builtins.open, os.open

        def guarded_open(file, mode="r", *args, **kwargs):
            if isinstance(mode, str) and any(c in mode for c in "wax+"):
                self.seen.append(f"open({file!r}, {mode!r})")
            return real_open(file, mode, *args, **kwargs)

        def guarded_os_open(path, flags, *args, **kwargs):
            if flags & (os.O_WRONLY | os.O_RDWR | os.O_CREAT):
                self.seen.append(f"os.open({path!r})")
            return real_os_open(path, flags, *args, **kwargs)

        def refused(name):
            def make(*args, **kwargs):
                self.seen.append(name)
                raise AssertionError(f"{name} called")

            return make

        monkeypatch.setattr(builtins, "open", guarded_open)
        monkeypatch.setattr(io, "open", guarded_open)
        monkeypatch.setattr(os, "open", guarded_os_open)
        for name in ("mkstemp", "mkdtemp", "NamedTemporaryFile", "TemporaryDirectory",
                     "TemporaryFile", "SpooledTemporaryFile"):  # fmt: skip
            monkeypatch.setattr(tempfile, name, refused(f"tempfile.{name}"))


@pytest.fixture(scope="module")
def made(comparison) -> tuple[dict[str, list[DownloadFile]], list[str], ExplorerState]:
    """Every kind made once for the "learning" preset, while any write to disk is recorded."""
    state = state_for(comparison)
    panel = DownloadPanel(state, comparison)
    with pytest.MonkeyPatch.context() as mp:
        writes = _Writes(mp)
        files = {kind: panel.make(kind) for kind in KINDS}
    return files, writes.seen, state


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.links: list[dict[str, str | None]] = []
        self._open: dict[str, str | None] | None = None

    def handle_starttag(self, tag, attrs):
        if tag == "a":
            self._open = {**dict(attrs), "text": ""}
            self.links.append(self._open)

    def handle_data(self, data):
        if self._open is not None:
            self._open["text"] = (self._open["text"] or "") + data

    def handle_endtag(self, tag):
        if tag == "a":
            self._open = None


def links_of(value: str) -> list[dict[str, str | None]]:
    parser = _Links()
    parser.feed(value)
    return parser.links


# ----------------------------------------------------------------- the panel


def test_widget_hooks(comparison):
    panel = DownloadPanel(state_for(comparison), comparison)
    assert "fwc-downloads" in panel.widget._dom_classes
    assert "Download (current weights and method)" in panel.widget.children[0].value
    expected = {
        "ranking": ("Ranking (CSV)", "fwc-download-ranking"),
        "profile": ("Weights (profile JSON)", "fwc-download-profile"),
        "png": ("Charts (PNG)", "fwc-download-png"),
        "svg": ("Charts (SVG)", "fwc-download-svg"),
        "report": ("Report (HTML)", "fwc-download-report"),
        "record": ("Decision record (MADR)", "fwc-download-record"),
        "page": ("Live page (HTML, no Python)", "fwc-download-page"),
    }
    assert list(panel.buttons) == list(expected)
    for kind, (label, css) in expected.items():
        assert panel.buttons[kind].description == label
        assert css in panel.buttons[kind]._dom_classes
    assert "fwc-download-links" in panel.links._dom_classes
    assert "fwc-download-status" in panel.status._dom_classes
    assert panel.links.value == ""


def test_nothing_is_written_to_disk(made):
    _, writes, _ = made
    assert writes == []


def test_the_write_guard_sees_writes(tmp_path, monkeypatch):
    writes = _Writes(monkeypatch)
    (tmp_path / "x.txt").write_text("x")
    with pytest.raises(AssertionError):
        tempfile.mkstemp()
    assert len(writes.seen) == 2


# ----------------------------------------------------------------- what each kind makes


@pytest.mark.parametrize("method", ["wsm", "wpm", "topsis"])
@pytest.mark.parametrize("weights", [None, {"learning_curve": 1, "production_load": 3}])
def test_ranking_csv_is_fw_rank(comparison, method, weights):
    state = state_for(comparison, method=method, weights=weights)
    [csv] = DownloadPanel(state, comparison).make("ranking")
    assert csv.mime == "text/csv;charset=utf-8"
    table = pd.read_csv(io.BytesIO(csv.data), index_col="alternative")
    expected = fw.rank(comparison, state.weights, method)
    assert list(table.columns) == ["score", "rank"]
    assert list(table.index) == list(expected.index)
    np.testing.assert_array_equal(table["score"].to_numpy(), expected["score"].to_numpy())
    np.testing.assert_array_equal(table["rank"].to_numpy(), expected["rank"].to_numpy())


@pytest.mark.parametrize("method", ["wsm", "topsis"])
def test_ranking_csv_is_what_the_cli_prints(comparison, capsys, method):
    state = state_for(comparison, method=method)
    [csv] = DownloadPanel(state, comparison).make("ranking")
    # Given the same weights (the state's, every digit), the CLI prints the same bytes.
    given = ",".join(f"{cid}={w!r}" for cid, w in state.weights.items())
    assert main(["recommend", "--weights", given, "--method", method, "--format", "csv"]) == 0
    assert capsys.readouterr().out == csv.data.decode()
    # Given the preset's name the scores may differ in the last bit: the state holds the
    # preset's weights normalised, and normalising them again is not exact.
    assert main(["recommend", "--profile", "learning", "--method", method, "--format", "csv"]) == 0
    cli = pd.read_csv(io.StringIO(capsys.readouterr().out))
    ours = pd.read_csv(io.BytesIO(csv.data))
    pd.testing.assert_frame_equal(cli, ours, rtol=1e-12)


def test_formula_names_cannot_run_in_a_spreadsheet():
    names = ['=HYPERLINK("http://x")', "+1", "-2", "@SUM(A1)", "\tTab", "Plain, with comma"]
    scores = pd.DataFrame({"alternative": names, "speed": [1.0, 2.0, 3.0, 4.0, 5.0, 6.0]})
    comp = fw.Comparison.from_frames(scores, pd.DataFrame({"id": ["speed"]}), name="evil")
    [csv] = DownloadPanel(ExplorerState(weights=comp.weights), comp).make("ranking")
    table = pd.read_csv(io.BytesIO(csv.data), keep_default_na=False)
    expected = fw.rank(comp)
    quoted = ["'" + n if n[0] in "=+-@\t" else n for n in expected.index]
    assert list(table["alternative"]) == quoted
    assert all(cell[0] not in "=+-@\t" for cell in table["alternative"])
    np.testing.assert_array_equal(table["score"].to_numpy(), expected["score"].to_numpy())


def test_profile_json_loads_as_the_weights_in_effect(comparison, made, tmp_path):
    files, _, state = made
    [profile] = files["profile"]
    assert profile.mime == "application/json"
    assert profile.name == "learning-web-development-for-django-vs-flask.json"
    folder = tmp_path / "profiles"
    folder.mkdir()
    (folder / profile.name).write_bytes(profile.data)
    saved = read_profile(folder / profile.name)
    assert saved.name == "Learning web development for django-vs-flask"
    assert saved.comparison == comparison.name and saved.method == state.method
    pd.testing.assert_series_equal(
        weights_for(saved, comparison), state.weights, check_names=False, rtol=1e-12
    )
    # Put in the profiles folder, the explorer lists it (and reports no bad file).
    store = ProfileStore(folder)
    assert store.problems() == []
    panel = ProfilesPanel(state, comparison, store, set_weights=lambda w: None,
                          set_method=lambda m: None, on_change=lambda: None)  # fmt: skip
    panel.refresh()
    assert saved.name in panel.saved.options


def test_custom_weights_profile(comparison, tmp_path):
    state = state_for(comparison, method="topsis", weights={"learning_curve": 2, "flexibility": 1})
    [profile] = DownloadPanel(state, comparison).make("profile")
    assert profile.name == "custom-weights-for-django-vs-flask.json"
    (tmp_path / profile.name).write_bytes(profile.data)
    saved = read_profile(tmp_path / profile.name)
    assert saved.name == "Custom weights for django-vs-flask" and saved.method == "topsis"
    pd.testing.assert_series_equal(
        weights_for(saved, comparison), state.weights, check_names=False, rtol=1e-12
    )


def test_png_charts_are_valid_images(made):
    files, _, _ = made
    pngs = files["png"]
    assert [f.name for f in pngs] == [f"django-vs-flask-learning-{c}.png" for c in CHARTS]
    for f in pngs:
        assert f.mime == "image/png" and f.data.startswith(b"\x89PNG\r\n\x1a\n")
        with Image.open(io.BytesIO(f.data)) as im:
            im.verify()  # a complete, valid PNG
        with Image.open(io.BytesIO(f.data)) as im:
            assert im.format == "PNG" and im.width > 400 and im.height > 100


def test_svg_charts_parse_and_name_the_preset(made):
    files, _, _ = made
    svgs = files["svg"]
    assert [f.name for f in svgs] == [f"django-vs-flask-learning-{c}.svg" for c in CHARTS]
    for f in svgs:
        assert f.mime == "image/svg+xml"
        root = ET.fromstring(f.data)  # raises on a malformed file
        assert root.tag == f"{SVG}svg"
        text = " ".join(t.strip() for t in root.itertext() if t.strip())
        assert "Learning web development" in text  # the caption says what the chart shows


def test_report_is_html_with_the_headline(comparison, made):
    files, _, state = made
    [report] = files["report"]
    assert report.name == "django-vs-flask-learning-report.html"
    assert report.mime == "text/html;charset=utf-8"
    page = report.data.decode("utf-8")
    assert page.lstrip().lower().startswith("<!doctype html")
    headline = fw.recommend(comparison, state.weights, state.method).headline()
    assert headline in html.unescape(page)
    assert "Learning web development" in page
    assert 100_000 < report.size < 1_500_000  # a data URL of it stays well under 2 MB


# ----------------------------------------------------------------- links, busy, errors


def test_download_shows_one_data_url_link_per_file(comparison):
    panel = DownloadPanel(state_for(comparison), comparison)
    for kind in ("ranking", "profile"):
        files = panel.download(kind)
        links = links_of(panel.links.value)
        assert len(links) == len(files) == 1
        [f], [a] = files, links
        assert a["download"] == f.name and a["class"] == "fwc-download-link"
        head, _, body = (a["href"] or "").partition(",")
        assert head == f"data:{f.mime};base64"
        assert base64.b64decode(body, validate=True) == f.data
        assert a["text"] == f"Save {f.name} ({size_text(f.size)})"
        assert "Made" in panel.status.value and "click a link" in panel.status.value


def test_charts_give_one_link_per_chart(comparison, monkeypatch):
    panel = DownloadPanel(state_for(comparison), comparison)
    fake = [DownloadFile(f"c{i}.svg", "image/svg+xml", b"<svg/>") for i in range(len(CHARTS))]
    monkeypatch.setattr(panel, "make", lambda kind: fake)
    panel.download("svg")
    assert [a["download"] for a in links_of(panel.links.value)] == [f.name for f in fake]
    assert f"{len(CHARTS)} files" in panel.status.value


def test_busy_while_making_and_restored_after(comparison, monkeypatch):
    panel = DownloadPanel(state_for(comparison), comparison)
    seen = {}

    def make(kind):
        seen["disabled"] = [b.disabled for b in panel.buttons.values()]
        seen["clicked"] = (panel.buttons[kind].description, panel.buttons[kind].icon)
        seen["status"] = panel.status.value
        return [DownloadFile("x.csv", "text/csv", b"a\n")]

    monkeypatch.setattr(panel, "make", make)
    panel.buttons["report"].click()
    assert seen["disabled"] == [True] * len(KINDS)
    assert seen["clicked"] == ("Making the report…", BUSY_ICON)
    assert "Making the report for preset &#x27;Learning web development&#x27;" in seen["status"]
    for kind, button in panel.buttons.items():
        assert (button.description, button.icon, button.disabled) == (
            KINDS[kind].label, KINDS[kind].icon, False,
        )  # fmt: skip


def test_a_refusal_is_shown_in_the_panel_and_the_buttons_come_back(comparison):
    state = state_for(comparison)
    panel = DownloadPanel(state, comparison)
    panel.download("ranking")
    state.weights = pd.Series({"no_such_criterion": 1.0})
    assert panel.download("report") == []
    assert "no_such_criterion" in html.unescape(panel.status.value)
    assert "b00020" in panel.status.value  # in the error colour
    assert panel.links.value == ""
    assert not any(b.disabled for b in panel.buttons.values())
    assert panel.buttons["report"].description == "Report (HTML)"


def test_other_errors_go_to_the_wrapper_and_the_buttons_come_back(comparison, monkeypatch):
    caught: list[tuple[str, BaseException]] = []

    def shows_errors(callback, source):
        def run(*args):
            try:
                return callback(*args)
            except Exception as exc:  # as the explorer's wrapper does
                caught.append((source, exc))
                return None

        return run

    panel = DownloadPanel(state_for(comparison), comparison, wrap=shows_errors)

    def broken(kind):
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(panel, "make", broken)
    panel.buttons["png"].click()
    [(source, exc)] = caught
    assert source == "downloads" and str(exc) == "disk on fire"
    assert "Could not make the charts as PNG" in panel.status.value
    assert not any(b.disabled for b in panel.buttons.values())
    assert panel.buttons["png"].icon == "image"
    with pytest.raises(RuntimeError):  # without a wrapper it propagates
        panel.download("png")


def test_links_go_when_the_weights_or_method_change(comparison):
    state = state_for(comparison)
    panel = DownloadPanel(state, comparison)
    panel.download("ranking")
    assert panel.links.value
    # The explorer assigns its state on every redraw: the same values keep the links.
    state.weights, state.method, state.preset = state.weights.copy(), "wsm", "learning"
    assert panel.links.value
    state.method = "topsis"
    assert panel.links.value == ""
    assert "changed" in panel.status.value
    panel.download("ranking")
    state.weights = fw.resolve_weights(comparison, "large-project")
    assert panel.links.value == ""
    panel.download("ranking")
    state.preset = CUSTOM  # same weights, but no longer called the preset: names would lie
    assert panel.links.value == ""


def test_unknown_kind_is_refused(comparison):
    with pytest.raises(DataError, match="unknown download"):
        DownloadPanel(state_for(comparison), comparison).make("pdf")


# ----------------------------------------------------------------- file names


NASTY = ["../../etc/x", "..", "CON", "", "日本語", "Équipe_1 / \x00 <b>test</b>", "a" * 300,
         ".hidden", "x\\y:z*?\"<>|", "--=cmd--"]  # fmt: skip


@pytest.mark.parametrize("name", NASTY)
@pytest.mark.parametrize("preset", ["learning", "../../etc/x", "日本", CUSTOM, None])
def test_file_names_are_harmless(name, preset):
    stem = file_stem(name, preset)
    assert SAFE_NAME.fullmatch(stem + "-ranking.csv"), stem
    assert len(stem) <= 80


@pytest.mark.parametrize("name", NASTY)
def test_downloads_of_any_comparison_get_safe_names(comparison, name):
    # A preset id and a label that try to climb out of the folder, on a comparison so named.
    profiles = comparison.profiles.rename(index={"learning": "../../etc/x"})
    profiles.loc["../../etc/x", "label"] = name
    comp = dataclasses.replace(comparison, name=name, _profiles=profiles)
    state = ExplorerState(weights=comp.weights, method="wsm", preset="../../etc/x")
    panel = DownloadPanel(state, comp)
    for kind in ("ranking", "profile"):
        [f] = panel.make(kind)
        assert SAFE_NAME.fullmatch(f.name), f.name
    [profile] = panel.make("profile")
    saved = json.loads(profile.data)["name"]
    assert len(saved) <= 64 and "/" not in saved
    assert profile.name == re.sub(r"[^a-z0-9]+", "-", saved.lower()) + ".json"


def test_names_describe_the_comparison_and_preset(comparison):
    assert file_stem("django-vs-flask", "learning") == "django-vs-flask-learning"
    assert file_stem("django-vs-flask", None) == "django-vs-flask-custom"
    assert file_stem("../../etc/x", "../y") == "etc-x-y"
    assert file_stem("a" * 300, "learning").endswith("-learning")  # never cut off
    assert profile_name(comparison, "simple-app") == (
        "Simple app prototype or small service for django-vs-flask"
    )
    assert profile_name(comparison, None) == "Custom weights for django-vs-flask"
    pwf = fw.load_comparison(fw.config.DATA_DIR / "python-web-frameworks")
    name = profile_name(pwf, "minimal-footprint")
    assert name == "Minimal footprint small deployments for python-web-frameworks"
    assert len(name) <= 64


def test_size_text():
    assert [size_text(n) for n in (0, 999, 1000, 45_300, 999_499, 1_234_567)] == [
        "0 B", "999 B", "1 kB", "45 kB", "999 kB", "1.2 MB",
    ]  # fmt: skip


def test_record_and_profile_carry_the_judgement(comparison):
    # The decision record is the one reporting.record writes; the profile keeps own scores
    # and must-haves (schema version 2), so loading it brings them back.
    from fwcompare_nb.reporting.record import decision_record

    mine = comparison.with_scores({("Flask", "admin_interface"): (3, "Flask-Admin")})
    mine = mine.with_requirements(["built_in_security>=2"])
    state = ExplorerState(weights=mine.weights, method="wsm", preset="learning")
    panel = DownloadPanel(state, mine)
    [record] = panel.make("record")
    assert record.name == "django-vs-flask-learning-decision-record.md"
    assert record.mime.startswith("text/markdown")
    text = record.data.decode()
    assert text == decision_record(mine, mine.weights, "wsm", profile="learning",
                                   date=text.split("date: ")[1][:10])  # fmt: skip
    [profile] = panel.make("profile")
    data = json.loads(profile.data)
    assert data["schema_version"] == 2
    assert data["own_scores"][0]["reason"] == "Flask-Admin"
    assert data["requirements"] == [{"criterion": "built_in_security", "op": ">=", "bound": 2.0}]


def test_live_page_download_is_the_page_the_cli_writes(comparison):
    from fwcompare_nb.reporting.page import live_page

    state = ExplorerState(weights=comparison.profile_weights("learning"), method="wsm",
                          preset="learning")  # fmt: skip
    [page] = DownloadPanel(state, comparison).make("page")
    assert page.name == "django-vs-flask-learning-page.html"
    assert page.data.decode() == live_page(comparison, state.weights, "wsm", profile="learning")
