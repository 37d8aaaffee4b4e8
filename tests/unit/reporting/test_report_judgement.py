"""Reports and chart files show your own scores and must-haves (issue 15)."""

from __future__ import annotations

import html

import fwcompare_nb as fw
from fwcompare_nb.reporting import export
from fwcompare_nb.reporting.report import build_report


def _judged():
    pwf = fw.load_comparison(fw.config.DATA_DIR / "python-web-frameworks")
    return pwf.with_requirements(["async_support>=3"]).with_scores(
        {("Flask", "async_support"): (3, "<b>we</b> use Flask-Sock & =cmd")}
    )


def test_report_lists_own_scores_beside_the_data_and_what_was_ruled_out():
    comp = _judged()
    text = build_report(comp, "async-realtime", samples=300)
    rec = fw.recommend(comp, "async-realtime")
    assert html.escape(rec.headline(), quote=False) in text.replace("&#39;", "'")
    own = text[text.index('id="own-scores"') : text.index('id="must-haves"')]
    assert "<td>Flask</td><td>Async and real-time</td>" in own
    assert '<td class="num">3</td><td class="num">2</td>' in own
    assert "&lt;b&gt;we&lt;/b&gt; use Flask-Sock &amp; =cmd" in own and "<b>we</b>" not in text
    assert "Flask stays WSGI, without WebSockets" in own  # the data's evidence beside it
    ruled = text[text.index('id="ruled-out"') :]
    assert "<td>Pyramid</td><td>Async and real-time 1 &lt; 3</td>" in ruled
    assert "async_support&gt;=3" in text


def test_report_without_judgement_has_no_such_section():
    text = build_report(fw.load_comparison(), "learning", samples=300)
    assert 'id="your-judgement"' not in text


def test_chart_captions_say_what_was_ruled_out():
    comp = _judged()
    rec = fw.recommend(comp, "async-realtime")
    caption = export.weights_caption(comp, rec, "async-realtime")
    assert caption.endswith(
        "With 1 of your own score. Ruled out: Pyramid (Async and real-time 1 < 3), "
        "Bottle (Async and real-time 1 < 3)."
    )
