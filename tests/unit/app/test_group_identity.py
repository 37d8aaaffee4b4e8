"""The Group tab keys stakeholders by what they are, not by the name they show (issue 13,
class 5 "Meaning"): a saved profile named like a preset's label is a second stakeholder, not a
silent replacement of the preset."""

from __future__ import annotations

import html

import pytest

import fwcompare_nb as fw
from fwcompare_nb.app.explorer import Explorer
from fwcompare_nb.io.profiles import ProfileStore


@pytest.fixture
def ex(comparison, tmp_path):
    return Explorer(comparison, profile="learning", store=ProfileStore(tmp_path / "profiles"))


def test_a_saved_profile_named_like_a_preset_is_combined_with_it(ex, comparison):
    panel = ex.decision
    label = comparison.preset_label("learning")
    ex.store.save(label, fw.resolve_weights(comparison, "high-traffic"),
                  comparison=comparison.name)  # fmt: skip
    ex._refresh_saved()
    options = dict(panel.members.options)  # label shown -> value
    assert len(set(options)) == len(panel.members.options)  # every choice looks different
    assert f"saved:{label}" in options.values() and "preset:learning" in options.values()
    panel.members.value = ("preset:learning", "preset:large-project", f"saved:{label}")
    panel.combine()
    people = list(panel.group.stakeholder_weights.index)
    assert len(people) == 3  # three picked, three combined
    assert len(set(people)) == 3
    assert sum(label in p for p in people) == 2  # the preset and the saved profile, told apart
    expected = fw.group_decision(
        comparison,
        {
            "a": "learning",
            "b": "large-project",
            "c": fw.resolve_weights(comparison, "high-traffic"),
        },
    )
    assert panel.group.weights.round(12).equals(expected.weights.round(12))
    shown = html.unescape(panel.group_result.value)
    for person in people:
        assert person in shown


def test_a_saved_profile_named_group_is_a_stakeholder(ex, comparison):
    panel = ex.decision
    ex.store.save("group", fw.resolve_weights(comparison, "high-traffic"),
                  comparison=comparison.name)  # fmt: skip
    ex._refresh_saved()
    panel.members.value = ("preset:learning", "saved:group")
    panel.combine()
    assert len(panel.group.stakeholder_weights) == 2


def test_the_list_tells_presets_and_saved_profiles_apart(ex, comparison):
    panel = ex.decision
    label = comparison.preset_label("large-project")
    ex.store.save(label, fw.resolve_weights(comparison, "learning"),
                  comparison=comparison.name)  # fmt: skip
    ex._refresh_saved()
    shown = [text for text, value in panel.members.options if label in text]
    assert len(shown) == 2 and shown[0] != shown[1]
