"""The slides' parts without a kernel: reveal.js from its package, inline; a notebook converted
to one file with the code hidden and no URL to fetch; a live widget refused; the explorer's
static stand-in (tests/integration/test_slides.py runs `make slides` and opens it in Chromium)."""

from __future__ import annotations

import json
import re

import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook, new_output

import fwcompare_nb as fw
from fwcompare_nb.reporting import slides

# where a page names what a browser fetches: src/href, CSS url() and @import
LINKS = re.compile(r"""\b(?:src|href)\s*=\s*["']?([^"'\s>]*)|url\(\s*["']?([^"')\s]*)|@import""")


def _fetched(page: str) -> list[str]:
    """What the page would fetch: every link but data: URIs and #anchors."""
    found = ["".join(m.groups("")) or m.group(0) for m in LINKS.finditer(page)]
    return [url for url in found if not url.startswith(("data:", "#"))]


def _cell(cell, slide_type: str):
    cell.metadata["slideshow"] = {"slide_type": slide_type}
    return cell


def _notebook(*outputs) -> nbformat.NotebookNode:
    code = new_code_cell("secret_code()", execution_count=1, outputs=list(outputs))
    return new_notebook(cells=[
        _cell(new_markdown_cell("# First"), "slide"),
        _cell(code, "-"),
        _cell(new_markdown_cell("Only in Jupyter: move the sliders."), "skip"),
        _cell(new_markdown_cell("## Second"), "slide"),
    ])  # fmt: skip


def test_reveal_js_comes_inline_from_its_package():
    assets = slides.offline_assets()
    assert (slides.reveal_dir() / "dist" / "reveal.js").is_file()
    assert int(assets["version"].split(".")[0]) >= 4
    assert "Reveal" in assets["reveal_js"] and "</script" not in assets["reveal_js"].lower()
    assert ".reveal" in assets["reveal_css"] and ".reveal" in assets["theme_css"]
    assert "@import" not in assets["theme_css"]  # the theme's web fonts: a request elsewhere
    assert json.loads(assets["config"])["width"] == slides.SIZE[0]


def test_a_notebook_becomes_one_file_that_fetches_nothing_with_the_code_hidden():
    shown = new_output("display_data", data={"text/html": "<b>shown</b>", "text/plain": "x"})
    page = slides.render_slides(_notebook(shown))
    assert page.count("<section") == 4  # two slides, each a <section> around its vertical one
    assert "<b>shown</b>" in page and "<title>First</title>" in page
    assert "secret_code" not in page and "move the sliders" not in page
    markup = re.sub(r"<script>.*?</script>", "", page, flags=re.DOTALL)  # reveal.js itself
    assert _fetched(markup) == []
    assert "<script src" not in page and "require(" not in page


def test_a_live_widget_is_refused():
    widget = new_output(
        "display_data",
        data={slides.WIDGET_VIEW: {"model_id": "abc", "version_major": 2}, "text/plain": "W"},
    )
    with pytest.raises(ValueError, match=r"cell\(s\) 2 show a live widget"):
        slides.render_slides(_notebook(widget))


def test_the_explorer_snapshot_is_its_headline_and_two_charts(comparison):
    shot = slides.explorer_snapshot(comparison, "large-project", "topsis")
    headline = fw.recommend(comparison, "large-project", "topsis").headline()
    page = shot._repr_html_()
    assert page.count("<img ") == 2 and page.count('src="data:image/png;base64,') == 2
    assert [name for name in shot.charts] == ["ranking", "contributions"]
    text = re.sub(r'src="[^"]*"', "", page)  # the words, not the PNGs' base64
    assert "Large project" in shot.what and "TOPSIS" in shot.what and "WSM" not in text
    assert headline.replace("'", "&#x27;") in page and headline in repr(shot)
    for png, alt in shot.charts.values():
        assert png.startswith(b"\x89PNG") and "Large project" in alt


def test_the_command_says_what_went_wrong_in_one_line(tmp_path, capsys):
    status = slides.main([str(tmp_path / "missing.ipynb"), "-o", str(tmp_path / "out.html")])
    assert status == 1
    err = capsys.readouterr().err
    assert err.startswith("slides: ") and len(err.strip().splitlines()) == 1
    assert not (tmp_path / "out.html").exists()
