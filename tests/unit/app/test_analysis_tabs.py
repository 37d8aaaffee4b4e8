"""The explorer's decision-depth tabs, in process: they follow the weights, and what they show
is exactly what the core functions compute."""

from __future__ import annotations

import html

import numpy as np
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
    assert panel.concentration.layout.visibility == "hidden"


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
    # the sliders hold 0.5 steps of 10: the applied weights are the AHP weights to that step
    got = w[["learning_curve", "documentation", "admin_interface"]].to_numpy()
    assert np.allclose(got, expected.weights.to_numpy(), atol=0.05)
    assert ex.profile.value == "custom"


def test_inconsistent_answers_are_flagged(ex):
    panel = ex.decision
    panel.ahp_criteria.value = ("learning_curve", "documentation", "admin_interface")
    panel.questions["learning_curve", "documentation"].value = 9.0
    panel.questions["documentation", "admin_interface"].value = 9.0
    panel.questions["learning_curve", "admin_interface"].value = 1 / 9  # contradicts both
    assert not panel.ahp.consistent
    assert "not consistent" in panel.ahp_result.value


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
