"""Plots draw what the recommendation says (Agg backend, no windows)."""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
import pytest

import fwcompare_nb as fw
from fwcompare_nb import plots


@pytest.fixture(autouse=True)
def _close():
    yield
    plt.close("all")


def test_ranking_bars_match_scores(comparison):
    rec = fw.recommend(comparison, "learning")
    ax = plots.plot_ranking(rec)
    bars = {p.get_gid(): p.get_width() for p in ax.patches}
    assert bars == pytest.approx(rec.ranking["score"].to_dict())
    assert "Flask" in ax.get_title(loc="left")
    colors = plots.alternative_colors(comparison.alternatives)
    for patch in ax.patches:
        assert np.allclose(
            patch.get_facecolor()[:3], plt.matplotlib.colors.to_rgb(colors[patch.get_gid()])
        )


def test_contributions_bars_match(comparison):
    rec = fw.recommend(comparison, "large-project")
    ax = plots.plot_contributions(rec, comparison)
    widths = {p.get_gid(): p.get_width() for p in ax.patches}
    assert len(widths) == rec.contributions.size
    assert widths["Django|admin_interface"] == pytest.approx(
        rec.contributions.at["Django", "admin_interface"]
    )


def test_matrix_shows_every_score(comparison):
    ax = plots.plot_matrix(comparison, weights=comparison.profile_weights("learning"))
    texts = [t.get_text() for t in ax.texts]
    assert len(texts) == comparison.scores.size
    labels = [t.get_text() for t in ax.get_yticklabels()]
    assert any(label.startswith("Learning curve (cost)") for label in labels)


def test_draws_on_given_axes(comparison):
    fig, ax = plt.subplots()
    assert plots.plot_ranking(fw.recommend(comparison), ax=ax) is ax
    assert len(plt.get_fignums()) == 1


def test_palette_is_stable_and_distinct():
    colors = plots.alternative_colors(["a", "b", "c"])
    assert len(set(colors.values())) == 3
    assert plots.alternative_colors(["a", "b", "c"]) == colors
