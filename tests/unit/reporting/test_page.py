"""The live decision page: offline, data escaped, the embedded WSM equal to ``fw.rank``.

Rendered and driven in Chromium: tests/integration/test_live_page.py."""

from __future__ import annotations

import json
import os
import re
from html.parser import HTMLParser
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import fwcompare_nb as fw
from fwcompare_nb.cli.main import main
from fwcompare_nb.core.errors import DataError
from fwcompare_nb.reporting.page import live_page, write_page

HOSTILE = ["<script>alert(1)</script>", "\"quotes\" & 'apostrophes'", "esc\x1b[2J name"]
HOSTILE_CRITERION = "<img src=x onerror=alert(2)>"


@pytest.fixture(scope="module")
def comparison() -> fw.Comparison:
    return fw.load_comparison()


@pytest.fixture(scope="module")
def learning(comparison) -> str:
    return live_page(comparison, "learning")


@pytest.fixture(scope="module")
def hostile() -> fw.Comparison:
    scores = pd.DataFrame(
        {"speed": [1.0, 3.0, 5.0], "cost": [10.0, 20.0, 15.0]},
        index=pd.Index(HOSTILE, name="alternative"),
    )
    criteria = pd.DataFrame(
        {
            "id": ["speed", "cost"],
            "name": [HOSTILE_CRITERION, "Cost </script><script>alert(3)</script>"],
            "direction": ["benefit", "cost"],
            "weight": [2.0, 1.0],
            "min": [1.0, np.nan],
            "max": [5.0, np.nan],
        }
    )
    return fw.Comparison.from_frames(scores, criteria, name="<b>hostile</b>")


def embedded(html: str, which: str) -> dict:
    match = re.search(
        rf'<script type="application/json" id="fwc-{which}">(.*?)</script>', html, re.S
    )
    assert match, which
    return json.loads(match.group(1))


def rows_of(html: str) -> pd.DataFrame:
    """The per-(alternative, criterion) WSM terms the page carries."""
    spec = embedded(html, "spec")
    (values,) = [d["values"] for d in spec["data"] if "values" in d]
    return pd.DataFrame(values)


def browser_scores(rows: pd.DataFrame, weights: list[float]) -> pd.Series:
    """What the page computes: sum_c w_c * term / sum_c w_c, per alternative."""
    w = np.asarray(weights, dtype=float)
    contribution = w[rows["ci"].to_numpy()] * rows["term"].to_numpy() / w.sum()
    return pd.Series(contribution, index=rows["alternative"]).groupby(level=0).sum()


class Tags(HTMLParser):
    """Every start tag in the document (script and style bodies are text to the parser)."""

    def __init__(self, html: str) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict]] = []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))


def test_nothing_is_loaded_from_anywhere(learning):
    assert learning.startswith("<!DOCTYPE html>")
    lowered = learning.lower()
    for needle in ('src="http', "src='http", '<link href="http', "<link", "@import", "url(http"):
        assert needle not in lowered, needle
    tags = Tags(learning).tags
    assert all("src" not in attrs for tag, attrs in tags if tag == "script")
    assert not [t for t, _ in tags if t in ("link", "iframe", "img", "object", "embed")]
    csp = [a["content"] for t, a in tags if t == "meta" and a.get("http-equiv")]
    assert csp and csp[0].startswith("default-src 'none'")
    assert "connect-src" not in csp[0]  # default-src 'none' covers fetches too
    assert 500_000 < len(learning.encode()) < 2_000_000  # Vega inlined, about 1 MB


@pytest.mark.parametrize("preset", ["learning", "large-project", "simple-app", "high-traffic"])
def test_embedded_scores_equal_rank(comparison, learning, preset):
    rows = rows_of(learning)
    menu = embedded(learning, "menu")
    (entry,) = [
        e for e in menu["entries"] if e["description"] == comparison.preset_description(preset)
    ]
    got = browser_scores(rows, entry["weights"])
    expected = fw.rank(comparison, preset, "wsm")["score"]
    assert set(got.index) == set(expected.index)
    np.testing.assert_allclose(got[expected.index], expected, rtol=0, atol=1e-9)


def test_the_page_opens_on_the_preset_with_its_weights(comparison, learning):
    spec = embedded(learning, "spec")
    signals = {s["name"]: s for s in spec["signals"]}
    preset = signals["preset"]
    labels = dict(zip(preset["bind"]["options"], preset["bind"]["labels"], strict=True))
    assert labels[preset["value"]] == comparison.preset_label("learning")
    assert [labels[v] for v in preset["bind"]["options"][:-1]] == [
        comparison.preset_label(p) for p in comparison.preset_ids
    ]
    assert preset["bind"]["options"][-1] == "custom"
    raw = comparison.profiles.loc["learning", comparison.criterion_ids].astype(float)
    sliders = [signals[f"w{i}"] for i in range(len(raw))]
    assert [s["value"] for s in sliders] == raw.tolist()
    assert [s["bind"]["name"] for s in sliders] == comparison.criterion_names.tolist()
    assert all(s["bind"]["input"] == "range" and s["bind"]["max"] == 10 for s in sliders)
    # the start weights need no preset: custom weights are the menu's first entry
    custom = live_page(comparison, {"learning_curve": 3, "documentation": 1})
    first = embedded(custom, "menu")["entries"][0]
    assert first["value"] == "start" and first["weights"][:8] == [0.0] * 7 + [10.0]
    np.testing.assert_allclose(
        browser_scores(rows_of(custom), first["weights"]),
        fw.rank(comparison, {"learning_curve": 3, "documentation": 1})["score"].sort_index(),
        rtol=0, atol=1e-9,
    )  # fmt: skip


def test_the_headline_is_worded_as_recommendation(comparison, learning):
    # The sentence is computed in the browser (tests/integration); here: its wording's parts.
    spec = json.dumps(embedded(learning, "spec"))
    for part in ("comes first (WSM score ", " ahead of ", ", mainly on ", " tie (WSM).",
                 " is the only alternative."):  # fmt: skip
        assert json.dumps(part)[1:-1] in spec, part
    assert "<noscript>" in learning
    assert fw.recommend(comparison, "learning").headline() in learning


def test_hostile_names_stay_text(hostile):
    html = live_page(hostile)
    assert "<script>alert" not in html and "<img src=x" not in html
    for block in ("spec", "menu"):  # the JSON is ASCII: control characters as \u escapes
        found = re.search(rf'id="fwc-{block}">(.*?)</script>', html, re.S)
        assert found and found.group(1).isascii() and "\x1b" not in found.group(1)
    # No tag beyond the page's own: the data's markup never reaches the document as markup.
    tags = {t for t, _ in Tags(html).tags}
    assert tags <= {
        "html", "head", "meta", "title", "style", "script", "body", "main", "h1", "h2", "h3",
        "p", "div", "noscript", "section", "details", "summary", "span", "table", "thead",
        "tbody", "tr", "th", "td", "ul", "li", "code",
    }  # fmt: skip
    # Four scripts: the bundle, two JSON blocks and the page's own; none ends early.
    assert html.count("</script>") == 4
    # The JSON carries the names exactly, the HTML escapes them.
    rows = rows_of(html)
    assert set(rows["alternative"]) == set(HOSTILE)
    signals = {s["name"]: s for s in embedded(html, "spec")["signals"]}
    assert signals["criterion_names"]["value"][0] == HOSTILE_CRITERION
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "&quot;quotes&quot; &amp; &#x27;apostrophes&#x27;" in html
    assert "&lt;b&gt;hostile&lt;/b&gt;" in html
    np.testing.assert_allclose(
        browser_scores(rows, [signals["w0"]["value"], signals["w1"]["value"]]),
        fw.rank(hostile)["score"].sort_index(),
        rtol=0, atol=1e-9,
    )  # fmt: skip


def test_own_scores_and_ruled_out_are_shown():
    comp = (
        fw.load_comparison("python-web-frameworks")
        .with_scores({("Django", "async_support"): 5}, reason="we use Channels <already>")
        .with_requirements(["async_support>=3"])
    )
    html = live_page(comp, "learning")
    rec = fw.recommend(comp, "learning")
    assert "Ruled out (" in html and "Flask" in html
    for text in comp.ruled_out["text"]:
        assert text.replace("<", "&lt;") in html
    assert "we use Channels &lt;already&gt;" in html
    assert "(yours; data: " in html
    assert '<span class="out">(ruled out)</span>' in html
    # the ruled-out alternatives are not scored, the page's WSM equals rank's
    rows = rows_of(html)
    assert set(rows["alternative"]) == set(rec.ranking.index)
    signals = {s["name"]: s for s in embedded(html, "spec")["signals"]}
    note = signals["note"]["value"]
    assert note == rec.judgement_note() and "Ruled out: " in note


def test_another_method_is_named(comparison):
    html = live_page(comparison, "learning", "topsis")
    assert "You asked for TOPSIS; this page computes WSM" in html
    assert "You asked for" not in live_page(comparison, "learning")
    with pytest.raises(DataError):
        live_page(comparison, "learning", "nope")
    with pytest.raises(DataError):
        live_page(comparison, "no-such-preset")


def test_write_page_and_its_target(comparison, tmp_path):
    out = write_page(comparison, tmp_path / "decision.html", "learning")
    assert out == tmp_path / "decision.html"
    assert out.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    link = tmp_path / "link.html"
    link.symlink_to(tmp_path / "elsewhere.html")
    with pytest.raises(DataError, match="symbolic link"):
        write_page(comparison, link)
    assert not (tmp_path / "elsewhere.html").exists()
    fifo = tmp_path / "fifo.html"
    os.mkfifo(fifo)
    with pytest.raises(DataError, match="not a regular file"):
        write_page(comparison, fifo)


def test_cli_page(tmp_path, capsys):
    out = tmp_path / "decision.html"
    assert main(["page", "--profile", "large-project", "-o", str(out)]) == 0
    assert capsys.readouterr().out.strip() == f"wrote {out}"
    signals = {s["name"]: s for s in embedded(out.read_text(encoding="utf-8"), "spec")["signals"]}
    assert signals["preset"]["value"] == "p1"  # large-project, the second preset
    assert main(["page", "--require", "async_support>=9", "-o", str(out)]) == 2
    assert "error:" in capsys.readouterr().err
    # a folder: the file is named after the comparison and the weights
    assert (
        main(["page", "--weights", "learning_curve=1", "--method", "wpm", "-o", str(tmp_path)]) == 0
    )
    written = Path(capsys.readouterr().out.strip().removeprefix("wrote "))
    assert written.parent == tmp_path and written.name.endswith("-page.html")
    assert "You asked for WPM" in written.read_text(encoding="utf-8")
