"""The explorer's decision-depth tabs, in process: they follow the weights, and what they show
is exactly what the core functions compute."""

from __future__ import annotations

import html
import json

import numpy as np
import pandas as pd
import pytest

import fwcompare_nb as fw
from fwcompare_nb.analysis.ahp import ahp_weights
from fwcompare_nb.app.explorer import Explorer
from fwcompare_nb.core.pairwise import pairwise_from_judgements
from fwcompare_nb.io.profiles import ProfileStore


@pytest.fixture
def ex(comparison, tmp_path):
    return Explorer(comparison, profile="learning", store=ProfileStore(tmp_path / "profiles"))


def test_sensitivity_tab_follows_the_weights(ex, comparison):
    panel = ex.decision
    panel.refresh()
    expected = fw.change_sentence(fw.sensitivity(comparison, "learning"), top=2)
    assert panel.sens_text.value == "<br>".join(html.escape(s) for s in expected)
    labels = [t.get_text() for t in panel.tornado.ax.get_yticklabels()]
    assert labels[0] == "Scaffolding"  # the most fragile criterion for a learner

    ex.sliders["scaffolding"].value = 10.0  # now Django wins
    assert panel.stale
    panel.refresh()
    assert panel.sensitivity.winner == ex.recommendation.winner == "Django"
    assert not panel.stale


def test_uncertainty_tab_shows_rank_acceptability(ex, comparison):
    panel = ex.decision
    panel.tabs.selected_index = 1
    panel.refresh()
    result = panel.robustness
    expected = fw.rank_acceptability(
        comparison, ex.weights, "wsm", samples=result.samples, seed=0,
        weight_sampling="around", concentration=100.0,
    )  # fmt: skip
    assert np.allclose(result.acceptability.to_numpy(), expected.acceptability.to_numpy())
    for alt in comparison.alternatives:
        widths = [panel.accept.segments[alt, r].get_width() for r in (1, 2)]
        assert sum(widths) == pytest.approx(1.0)
        assert widths[0] == pytest.approx(result.acceptability.at[alt, 1])
    assert html.escape(result.sentence()) in panel.rob_text.value

    panel.sampling.value = "uniform"
    panel.refresh()
    assert panel.robustness.weight_sampling == "uniform"
    assert panel.concentration.disabled  # no effect under uniform sampling: not offered


def test_uncertainty_agrees_with_the_cli_and_the_report(ex, comparison, capsys):
    """One default everywhere: around the given weights, the same samples and seed."""
    from fwcompare_nb.cli.main import main
    from fwcompare_nb.reporting.report import build_report

    ex.apply_profile("learning")
    panel = ex.decision
    panel.tabs.selected_index = 1
    panel.refresh()
    assert main(["robustness", "--profile", "learning", "--format", "json"]) == 0
    cli = json.loads(capsys.readouterr().out)
    assert cli["weight_sampling"] == panel.robustness.weight_sampling == "around"
    assert cli["samples"] == panel.robustness.samples
    for alt in comparison.alternatives:
        assert cli["acceptability"][alt]["1"] == panel.robustness.acceptability.at[alt, 1]
    page = build_report(comparison, "learning")
    assert html.escape(panel.robustness.sentence()) in page
    assert "Flask is first" in panel.robustness.sentence()


def test_uncertainty_wording_matches_the_data(tmp_path):
    no_ranges = fw.Comparison.from_frames(
        pd.DataFrame({"alternative": ["A", "B"], "speed": [1.0, 3.0], "cost": [2.0, 1.0]}),
        pd.DataFrame({"id": ["speed", "cost"], "direction": ["benefit", "cost"]}),
    )
    ex = Explorer(no_ranges, store=ProfileStore(tmp_path))
    panel = ex.decision
    assert panel.ranges.disabled and not panel.ranges.value
    assert "no score ranges" in panel.ranges.description
    panel.tabs.selected_index = 1
    panel.refresh()
    text = html.unescape(panel.rob_text.value)
    assert "evidence ranges" not in text and "scores stay fixed" in text


def test_pairwise_questions_give_ahp_weights_and_apply_them(ex):
    panel = ex.decision
    panel.ahp_criteria.value = ("learning_curve", "documentation", "admin_interface")
    assert len(panel.questions) == 3
    panel.questions["learning_curve", "documentation"].value = 3.0
    panel.questions["learning_curve", "admin_interface"].value = 5.0
    panel.questions["documentation", "admin_interface"].value = 3.0
    expected = ahp_weights(
        pairwise_from_judgements(
            ["learning_curve", "documentation", "admin_interface"],
            {("learning_curve", "documentation"): 3, ("learning_curve", "admin_interface"): 5,
             ("documentation", "admin_interface"): 3},
        )
    )  # fmt: skip
    assert np.allclose(panel.ahp.weights.to_numpy(), expected.weights.to_numpy())
    assert "consistent (CR" in panel.ahp_result.value

    panel.apply_ahp()
    w = ex.weights
    assert w.drop(["learning_curve", "documentation", "admin_interface"]).eq(0).all()
    # the sliders show 0.5 steps of 10, but the exact AHP weights are in effect
    got = w[["learning_curve", "documentation", "admin_interface"]].to_numpy()
    np.testing.assert_allclose(got, expected.weights.to_numpy(), rtol=1e-12)
    want = fw.recommend(ex.comparison, expected.weights.to_dict())
    assert ex.recommendation.winner == want.winner
    assert ex.recommendation.margin == pytest.approx(want.margin, abs=1e-12)
    assert html.escape(want.headline()) in ex.headline.value
    assert ex.profile.value == "custom"
    # moving a slider puts the sliders' own weights back in effect
    ex.sliders["maturity"].value = 1.0
    assert ex.weights["maturity"] > 0


def test_ahp_apply_does_not_round_a_close_call_into_a_tie(ex):
    """The issue's case: 17.7/51.9/30.4 % gives Flask by 0.006; rounded to the slider step it
    was a tie."""
    panel = ex.decision
    ids = ("learning_curve", "batteries_included", "admin_interface")
    panel.ahp_criteria.value = ids
    for q in panel.questions.values():
        q.value = 1.0
    exact = {"learning_curve": 0.177, "batteries_included": 0.519, "admin_interface": 0.304}
    ex.set_weights(exact)
    want = fw.recommend(ex.comparison, exact)
    assert ex.recommendation.winner == want.winner
    assert ex.recommendation.tie == want.tie
    assert ex.recommendation.margin == pytest.approx(want.margin, abs=1e-12)


def test_each_pair_is_labelled_and_its_readout_names_the_favoured_side(ex):
    panel = ex.decision
    panel.ahp_criteria.value = ("learning_curve", "documentation")
    (pair,) = panel.ahp_questions.children
    label = pair.children[0].value
    assert "Learning curve" in label and "Documentation" in label
    panel.questions["learning_curve", "documentation"].value = 1 / 5
    assert panel.readouts["learning_curve", "documentation"].value == (
        "Documentation is 5× as important as Learning curve"
    )
    panel.questions["learning_curve", "documentation"].value = 1.0
    assert "equally important" in panel.readouts["learning_curve", "documentation"].value


def test_ahp_criteria_follow_the_preset_until_picked(ex, comparison):
    panel = ex.decision
    ex.apply_profile("large-project")
    panel.tabs.selected_index = 2
    panel.refresh()
    top = fw.resolve_weights(comparison, "large-project").sort_values(ascending=False)
    assert set(panel.ahp_criteria.value) == set(top.index[:4])
    # the picked criteria are listed first, so they are in sight
    assert [v for _, v in panel.ahp_criteria.options[:4]] == list(panel.ahp_criteria.value)
    panel.ahp_criteria.value = ("maturity", "documentation")
    ex.apply_profile("learning")
    panel.refresh()
    assert panel.ahp_criteria.value == ("maturity", "documentation")


def test_inconsistent_answers_are_flagged(ex):
    panel = ex.decision
    panel.ahp_criteria.value = ("learning_curve", "documentation", "admin_interface")
    panel.questions["learning_curve", "documentation"].value = 9.0
    panel.questions["documentation", "admin_interface"].value = 9.0
    panel.questions["learning_curve", "admin_interface"].value = 1 / 9  # contradicts both
    assert not panel.ahp.consistent
    text = html.unescape(panel.ahp_result.value)
    assert "inconsistent" in text
    assert "Learning curve vs Admin interface" in text  # names, not ids
    assert "learning_curve" not in text
    assert text.count(f"CR {panel.ahp.consistency_ratio:.3f}") == 1  # said once


def test_group_tab_combines_presets_and_saved_profiles(ex, comparison):
    panel = ex.decision
    ex.store.save("ops lead", fw.resolve_weights(comparison, "high-traffic"),
                  comparison=comparison.name)  # fmt: skip
    ex._refresh_saved()
    values = [v for _, v in panel.members.options]
    assert "saved:ops lead" in values and "preset:learning" in values
    panel.members.value = ("preset:learning", "preset:large-project", "saved:ops lead")
    panel.combine()
    team = {
        comparison.profiles.at["learning", "label"]: "learning",
        comparison.profiles.at["large-project", "label"]: "large-project",
        "ops lead": "high-traffic",
    }
    expected = fw.group_decision(comparison, team)
    assert html.escape(expected.sentence()) in panel.group_result.value
    assert panel.group.winner == expected.winner == "Django"
    panel.apply_group()
    assert ex.recommendation.winner == expected.winner


def test_group_needs_two_people_and_says_so(ex):
    panel = ex.decision
    panel.members.value = ("preset:learning",)
    panel.group_run.click()  # errors in callbacks are shown in the explorer, not lost
    assert "stakeholder" in ex.error.value.lower()
    assert ex.last_error is not None


def test_group_tab_reads_as_a_page(ex):
    panel = ex.decision
    panel.members.value = ("preset:learning",)
    panel.group_run.click()
    text = html.unescape(ex.error.value)
    assert "two or more stakeholders" in text and "Ctrl- or Cmd-click" in text
    assert "recommend()" not in text
    panel.members.value = ("preset:learning", "preset:large-project")
    panel.group_run.click()
    result = html.unescape(panel.group_result.value)
    assert "Chooses" in result and "Stakeholder" in result
    assert "runner_up" not in result and "False" not in result and "True" not in result


def test_group_tab_without_presets_says_what_to_do(tmp_path):
    bare = fw.Comparison.from_frames(
        pd.DataFrame({"alternative": ["A", "B"], "speed": [1.0, 3.0], "cost": [2.0, 1.0]}),
        pd.DataFrame({"id": ["speed", "cost"], "direction": ["benefit", "cost"]}),
    )
    ex = Explorer(bare, store=ProfileStore(tmp_path))
    assert ex.decision.members.options == ()
    assert "Save as" in ex.decision.members_hint.value
    ex.save_profile("ann")
    ex.save_profile("bob")
    assert ex.decision.members_hint.value == ""


def test_tabs_get_the_state_and_callbacks_not_the_explorer(ex):
    panel = ex.decision
    assert not any(value is ex for value in vars(panel).values())
    assert panel.state is ex.state and panel.comparison is ex.comparison
    panel.refresh()
    assert not panel.stale
    ex.sliders["maturity"].value = 3.0  # a new recommendation in the state marks them stale
    assert panel.stale and panel.state.recommendation is ex.recommendation
    assert panel.state.weights["maturity"] == ex.weights["maturity"]
