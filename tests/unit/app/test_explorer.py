"""The live explorer, driven in process: sliders, presets, reset, errors, saved profiles, export."""

from __future__ import annotations

import asyncio
import json
import subprocess
import sys

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import pytest

import fwcompare_nb as fw
from fwcompare_nb.app.explorer import CUSTOM, Explorer, slider_values
from fwcompare_nb.io.profiles import ProfileStore
from tests.unit.cli.test_export_commands import svg_text


@pytest.fixture
def store(tmp_path):
    return ProfileStore(tmp_path / "profiles")


@pytest.fixture
def ex(comparison, store):
    return Explorer(comparison, profile="learning", store=store)


def bar_widths(ex: Explorer) -> dict[str, float]:
    return {a: bar.get_width() for a, bar in ex.chart_ranking.bars.items()}


def test_widget_hooks_and_layout(ex, comparison):
    assert "fwc-explorer" in ex.widget._dom_classes
    assert ex.widget.explorer is ex
    assert "fwc-profile" in ex.profile._dom_classes and "fwc-method" in ex.method._dom_classes
    assert "fwc-recommendation" in ex.headline._dom_classes
    assert "fwc-chart-ranking" in ex.canvas_ranking._dom_classes
    for cid in comparison.criterion_ids:
        assert f"fwc-weight-{cid}" in ex.sliders[cid]._dom_classes
    assert set(ex.profile.options[i][1] for i in range(len(ex.profile.options))) == {
        *comparison.profiles.index,
        CUSTOM,
    }


def test_starts_on_the_preset(ex, comparison):
    assert ex.profile.value == "learning"
    assert ex.recommendation.winner == "Flask"
    assert "Flask comes first" in ex.headline.value
    expected = fw.rank(comparison, "learning")
    assert bar_widths(ex) == pytest.approx(expected["score"].to_dict())


def test_slider_changes_headline_and_bars(ex, comparison):
    before_headline, before = ex.headline.value, bar_widths(ex)
    ex.sliders["admin_interface"].value = 10.0
    assert ex.headline.value != before_headline
    after = bar_widths(ex)
    assert after["Django"] > before["Django"]
    assert ex.profile.value == CUSTOM  # a moved slider is no longer the preset
    assert after == pytest.approx(fw.rank(comparison, ex.weights)["score"].to_dict())
    share = ex.weights["admin_interface"]
    assert ex.shares["admin_interface"].value == f"{share:.0%}"


def test_choosing_a_preset_sets_every_slider(ex, comparison):
    ex.profile.value = "large-project"
    expected = slider_values(comparison.profile_weights("large-project"))
    for cid, slider in ex.sliders.items():
        assert slider.value == pytest.approx(expected[cid])
    assert ex.recommendation.winner == "Django"
    pd.testing.assert_series_equal(
        ex.weights, comparison.profile_weights("large-project"), rtol=1e-12
    )
    assert "Django comes first" in ex.headline.value
    assert "Large project" not in ex.profile_note.value  # shows the description, not the label
    assert "big application" in ex.profile_note.value


def test_preset_change_redraws_once(ex):
    before = ex.redraws
    ex.profile.value = "simple-app"
    assert ex.redraws == before + 1


def test_reset_restores(ex):
    start = {cid: s.value for cid, s in ex.sliders.items()}
    ex.method.value = "topsis"
    ex.sliders["maturity"].value = 9.5
    ex.reset.click()
    assert {cid: s.value for cid, s in ex.sliders.items()} == start
    assert ex.method.value == "wsm" and ex.profile.value == "learning"


def test_method_changes_scores_and_axis(ex, comparison):
    ex.method.value = "topsis"
    assert bar_widths(ex) == pytest.approx(
        fw.rank(comparison, "learning", "topsis")["score"].to_dict()
    )
    assert "TOPSIS" in ex.chart_ranking.ax.get_xlabel()


def test_callback_errors_are_shown_not_lost(ex):
    for slider in ex.sliders.values():
        slider.value = 0.0
    assert ex.error.layout.display != "none"
    assert "all weights are zero" in ex.error.value
    assert isinstance(ex.last_error, fw.DataError)
    # the refused move is undone: the last slider shows the weight still in effect
    last = list(ex.sliders)[-1]
    assert ex.sliders[last].value > 0
    assert ex.recommendation.weights[last] == pytest.approx(1.0)
    ex.sliders["maturity"].value = 2.0  # a valid state clears the message
    assert ex.error.layout.display == "none"
    assert ex.recommendation.winner == "Django"


def test_no_figures_pile_up(comparison, store):
    before = plt.get_fignums()
    for _ in range(3):
        Explorer(comparison, store=store)
    assert plt.get_fignums() == before


def test_updates_artists_in_place(ex):
    bars = dict(ex.chart_ranking.bars)
    patches = len(ex.chart_ranking.ax.patches)
    for value in (0.0, 5.0, 10.0):
        ex.sliders["flexibility"].value = value
    assert ex.chart_ranking.bars == bars
    assert len(ex.chart_ranking.ax.patches) == patches


def test_slider_events_are_coalesced(comparison, store):
    async def drag():
        ex = Explorer(comparison, profile="learning", store=store, coalesce=0.02)
        before = ex.redraws
        for value in np.arange(0.0, 10.5, 0.5):  # 21 events, as a drag sends them
            ex.sliders["admin_interface"].value = float(value)
        assert ex.redraws == before + 1  # the first event draws at once; the rest wait
        await asyncio.sleep(0.1)
        return ex, before

    ex, before = asyncio.run(drag())
    assert ex.redraws == before + 2  # one more redraw for the other 20 events...
    assert ex.weights["admin_interface"] == pytest.approx(ex.weights.max())  # ...of the last value
    assert ex.recommendation.weights.equals(ex.weights)


@pytest.mark.parametrize(
    "profile",
    ["learning", "large-project", "simple-app", "changing-requirements", "high-traffic", None],
)
def test_slider_values_sit_on_the_slider_steps(comparison, profile):
    """A value off the step grid is snapped by the browser and sent back as a 'user move'."""
    values = slider_values(fw.resolve_weights(comparison, profile))
    steps = values / 0.5
    assert (steps == steps.round()).all()
    assert values.max() == 10.0 or (values == 5.0).all()


def test_save_and_load_round_trip(ex, store):
    ex.sliders["admin_interface"].value = 7.5
    weights = ex.weights
    ex.method.value = "wpm"
    ex.save_profile("my team")
    assert "Saved 'my team'" in ex.store_status.value.replace("&#x27;", "'")
    assert "my team" in ex.saved.options
    ex.reset_weights()
    assert not np.allclose(ex.weights, weights)
    ex.load_profile("my team")
    pd.testing.assert_series_equal(ex.weights, weights, rtol=1e-9)
    assert ex.method.value == "wpm"


def test_save_never_overwrites_unasked(ex, store):
    ex.save_profile("mine")
    file = store.load("mine").file
    old = file.read_bytes()
    ex.sliders["maturity"].value = 10.0
    ex.save_profile("mine")
    assert "already exists" in ex.store_status.value
    assert file.read_bytes() == old
    ex.overwrite.value = True
    ex.save_profile("mine")
    assert file.read_bytes() != old
    assert ex.overwrite.value is False  # asked once, not left on


def test_corrupt_profile_refused_and_old_one_survives(ex, store):
    ex.save_profile("good")
    good = store.load("good").file
    good_bytes = good.read_bytes()
    bad = good.parent / "broken.json"
    bad.write_text('{"schema": "fwcompare.weights", "weights": {', encoding="utf-8")
    foreign = good.parent / "package.json"
    foreign.write_text(json.dumps({"name": "left-pad", "version": "1.0.0"}), encoding="utf-8")
    ex._refresh_saved()
    status = ex.store_status.value
    assert "broken.json" in status and "package.json" in status
    assert list(ex.saved.options) == ["good"]
    ex.load_profile("good")
    assert good.read_bytes() == good_bytes
    assert "Loaded 'good'" in ex.store_status.value.replace("&#x27;", "'")


def test_profile_for_another_comparison_is_refused(ex, store):
    store.save("alien", {"speed": 1.0}, comparison="cars")
    ex._refresh_saved()
    ex.load_profile("alien")
    assert "speed" in ex.store_status.value and "cars" in ex.store_status.value
    assert ex.profile.value == "learning"  # nothing changed


def test_delete_asks_first(ex, store):
    ex.save_profile("temp")
    ex.saved.value = "temp"
    ex.delete_button.click()
    assert store.exists("temp") and "Really" in ex.delete_button.description
    ex.delete_button.click()
    assert not store.exists("temp") and "temp" not in ex.saved.options


def test_evidence_panel(ex):
    ex.evidence_criterion.value = "production_load"
    text = ex.evidence_html.value
    assert "Django" in text and "Flask" in text
    assert "single-threaded" in text and "Flask 1.0" in text  # why the claim is false
    assert "fwc-evidence-table" in text


def test_text_from_data_is_escaped(store):
    scores = pd.DataFrame({"alternative": ["<script>x</script>", "B&B"], "c": [5.0, 1.0]})
    criteria = pd.DataFrame({"id": ["c"], "name": ["<b>bold</b>"], "description": ["<img src=x>"]})
    ex = Explorer(fw.Comparison.from_frames(scores, criteria, name="<i>n</i>"), store=store)
    for html_text in (ex.headline.value, ex.evidence_html.value, ex.widget.children[0].value):
        assert "<script>" not in html_text and "<img" not in html_text and "<i>n" not in html_text
    assert "&lt;script&gt;" in ex.headline.value


def test_explorer_function_returns_the_container(comparison, store):
    box = fw.explorer(comparison, profile="large-project", store=store)
    assert box.explorer.recommendation.winner == "Django"


def test_store_path_that_is_a_file_is_reported(comparison, tmp_path):
    not_a_folder = tmp_path / "profiles"
    not_a_folder.write_text("oops", encoding="utf-8")
    ex = Explorer(comparison, store=ProfileStore(not_a_folder))
    assert str(not_a_folder) in ex.store_status.value
    assert list(ex.saved.options) == []


def test_importing_the_explorer_keeps_the_users_matplotlib_backend():
    # ipympl's package switches the backend on import when matplotlib is loaded; in a notebook
    # that silenced every later inline chart and closed open figures.
    code = (
        "import matplotlib; matplotlib.use('svg'); import matplotlib.pyplot as plt\n"
        "fig = plt.figure()\n"
        "import fwcompare_nb.app.explorer\n"
        "assert matplotlib.get_backend() == 'svg', matplotlib.get_backend()\n"
        "assert plt.fignum_exists(fig.number), 'the open figure was closed'\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr


def test_explorer_export_button_writes_the_current_charts(comparison, tmp_path):
    ex = Explorer(comparison, profile="large-project", store=ProfileStore(tmp_path / "p"))
    ex.export_dir.value = str(tmp_path / "exports")
    ex.export_format.value = "svg"
    ex.export_button.click()
    assert ex.last_error is None
    assert "Wrote 5 charts" in ex.export_status.value
    assert "Ranking: Django first" in svg_text(tmp_path / "exports" / "ranking.svg")
    ex.export_dir.value = "/proc/fwcompare-cannot-write"
    ex.export_button.click()
    assert "cannot create" in ex.export_status.value


# -- one truth on screen: refused changes revert, messages leave with their cause ---------------


def test_refused_method_reverts_the_menu_and_says_why(store):
    zero = fw.Comparison.from_frames(
        pd.DataFrame({"alternative": ["A", "B"], "speed": [0.0, 3.0], "cost": [2.0, 1.0]}),
        pd.DataFrame({"id": ["speed", "cost"], "direction": ["benefit", "cost"]}),
    )
    ex = Explorer(zero, store=store)
    before = ex.headline.value
    ex.method.value = "wpm"
    assert ex.method.value == "wsm"  # the menu shows what the headline and charts use
    assert ex.recommendation.method == "wsm" and ex.headline.value == before
    assert "WPM needs positive scores" in ex.error.value
    ex.method.value = "topsis"  # a method that works: the message goes
    assert ex.error.layout.display == "none" and ex.recommendation.method == "topsis"


def test_a_message_leaves_when_its_part_of_the_page_succeeds(ex):
    ex.decision.members.value = ("preset:learning",)
    ex.decision.group_run.click()
    assert "stakeholder" in ex.error.value
    ex.decision.members.value = ("preset:learning", "preset:large-project")
    ex.decision.group_run.click()
    assert ex.error.layout.display == "none" and ex.error.value == ""


def test_a_failed_save_message_goes_after_a_successful_load(ex):
    ex.save_profile("good")
    ex.save_profile("bad/name")
    assert "/" in ex.store_status.value and "#b00020" in ex.store_status.value
    ex.load_profile("good")
    assert "#b00020" not in ex.store_status.value and ex.error.layout.display == "none"


def test_page_messages_speak_to_the_page_not_to_python(ex):
    ex.save_profile("team")
    ex.save_profile("team")  # exists, overwrite not ticked
    text = html_text(ex.store_status.value)
    assert "already exists" in text and "tick 'overwrite'" in text
    assert "overwrite=True" not in text and "()" not in text


def test_presets_are_in_effect_exactly_not_rounded_to_the_slider_step(ex, comparison):
    for preset in comparison.preset_ids:
        ex.profile.value = preset
        want = fw.recommend(comparison, preset)
        pd.testing.assert_series_equal(ex.recommendation.weights, want.weights)
        assert ex.recommendation.headline() == want.headline()


def html_text(value: str) -> str:
    import html

    return html.unescape(value)


def test_panels_get_state_and_callbacks_not_the_explorer(ex):
    for panel in (ex.evidence, ex.profiles, ex.export, ex.decision):
        assert not any(value is ex for value in vars(panel).values()), type(panel).__name__
    assert ex.profiles.state is ex.state and ex.export.state is ex.state


def test_exported_charts_name_the_preset_in_effect(ex, tmp_path):
    ex.profile.value = "large-project"
    ex.export_dir.value = str(tmp_path)
    ex.export_format.value = "svg"
    paths = ex.export_charts()
    assert paths and "Large project" in paths[0].read_text(encoding="utf-8")
