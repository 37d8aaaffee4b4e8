"""The seven-framework comparison in data/python-web-frameworks in the explorer and the report."""

from __future__ import annotations

from tests.unit.data.test_python_web_frameworks import FRAMEWORKS
from tests.unit.data.test_python_web_frameworks import pwf as pwf  # the fixture, shared


def test_explorer_builds_and_a_preset_changes_the_headline(pwf, tmp_path):
    from fwcompare_nb.app.explorer import Explorer
    from fwcompare_nb.io.profiles import ProfileStore

    ex = Explorer(pwf, profile="large-project", store=ProfileStore(tmp_path / "profiles"))
    assert "Django comes first" in ex.headline.value
    before = ex.headline.value
    ex.profile.value = "api-service"
    assert ex.headline.value != before
    assert "FastAPI comes first" in ex.headline.value
    assert set(ex.chart_ranking.bars) == set(pwf.alternatives)


def test_report_builds_and_names_every_framework(pwf):
    from fwcompare_nb.reporting.report import build_report

    html = build_report(pwf, "api-service", samples=2000)
    for name in FRAMEWORKS:
        assert name in html
