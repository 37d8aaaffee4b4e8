"""Chart files say what they show: each exported chart names the comparison, the weights (the
preset's label, or "custom weights" and the largest of them) and the method, in a caption line
and in the file's metadata."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.colors import to_hex
from PIL import Image

import fwcompare_nb as fw
from fwcompare_nb.core.methods import get_method
from fwcompare_nb.plots import alternative_colors
from fwcompare_nb.reporting import export
from tests.unit.plots._data import random_comparison

SVG = "{http://www.w3.org/2000/svg}"


def svg_text(path) -> str:
    root = ET.parse(path).getroot()
    assert root.tag == f"{SVG}svg"
    return " ".join(t.strip() for t in root.itertext() if t.strip())


@pytest.fixture(scope="module")
def preset_files(comparison, tmp_path_factory):
    out = tmp_path_factory.mktemp("charts")
    return export.export_charts(comparison, out, "learning", "topsis", "svg", samples=300)


def test_every_exported_chart_names_the_preset_and_the_method(comparison, preset_files):
    label = comparison.preset_label("learning")
    method = get_method("topsis").label
    assert [p.stem for p in preset_files] == list(export.CHARTS)
    for path in preset_files:
        text = " ".join(svg_text(path).split())
        assert f'preset "{label}"' in text, path.name
        assert method in text, path.name
        assert comparison.name in text, path.name


def test_png_carries_the_caption_as_metadata(comparison, tmp_path):
    paths = export.export_charts(comparison, tmp_path, "large-project", "wpm", samples=300)
    for path in paths:
        with Image.open(path) as im:
            description = " ".join(im.info["Description"].split())
            assert 'preset "Large project"' in description
            assert get_method("wpm").label in description
            assert im.info["Title"]  # the chart's own title


def test_custom_weights_are_named_with_the_largest_of_them(comparison):
    weights = {"learning_curve": 5, "documentation": 3, "maturity": 2, "scaffolding": 1}
    figures = export.chart_figures(comparison, weights, "wsm", samples=300)
    names = comparison.criterion_names
    for name, fig in figures.items():
        caption = " ".join(fig.get_supxlabel().split())
        assert "custom weights (" in caption, name
        assert f"{names['learning_curve']} 45%" in caption  # 5/11
        assert f"{names['documentation']} 27%" in caption
        assert f"{names['maturity']} 18%" in caption
        assert names["scaffolding"] not in caption  # only the largest three, then "…"
        assert "…" in caption
        assert get_method("wsm").label in caption


def test_weights_equal_to_a_preset_are_that_preset(comparison):
    """The explorer passes its sliders' weights, not the preset's name."""
    rec = fw.recommend(comparison, comparison.profile_weights("learning"))
    caption = export.weights_caption(comparison, rec, rec.weights)
    assert f'preset "{comparison.preset_label("learning")}"' in caption
    rec = fw.recommend(comparison)
    assert "default weights (" in export.weights_caption(comparison, rec)
    assert "default weights (" in export.weights_caption(comparison, rec, rec.weights)
    # an explicit profile wins
    caption = export.weights_caption(comparison, rec, rec.weights, profile="high-traffic")
    assert comparison.preset_label("high-traffic") in caption


def test_draw_charts_keep_each_alternatives_colour(comparison):
    """Flask is orange in every exported chart, though it wins ("learning")."""
    rec = fw.recommend(comparison, "learning")
    sens = fw.sensitivity(comparison, "learning")
    smaa = fw.rank_acceptability(comparison, "learning", samples=300, seed=0)
    figures = export.draw_charts(comparison, rec, sens, smaa)
    flask = alternative_colors(comparison.alternatives)["Flask"].lower()
    ranking = figures["ranking"].axes[0]
    assert {to_hex(p.get_facecolor()) for p in ranking.patches if p.get_gid() == "Flask"} == {flask}
    tornado = figures["sensitivity"].axes[0]
    stable = {to_hex(p.get_facecolor()) for p in tornado.patches
              if p.get_width() > 0 and p.get_alpha() in (None, 1.0)}  # fmt: skip
    assert stable == {flask}
    robustness = figures["robustness"].axes[0]
    names = [t.get_text() for t in robustness.get_yticklabels()]
    assert names == list(rec.ranking.index)  # the ranking's order
    row = names.index("Flask")
    assert {to_hex(p.get_facecolor()) for p in robustness.patches
            if round(p.get_y() + 0.3) == row} == {flask}  # fmt: skip


def test_forty_alternatives_export_readable_sizes(tmp_path):
    comp = random_comparison(40, 30)
    figures = export.chart_figures(comp, None, "wsm", samples=300)
    for name, fig in figures.items():
        width, height = fig.get_size_inches()
        assert width <= 25 and height <= 15, (name, width, height)
        FigureCanvasAgg(fig).draw()
    assert "+25 more alternatives" in " ".join(
        t.get_text() for t in figures["ranking"].axes[0].texts
    )
