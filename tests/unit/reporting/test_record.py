"""The decision as a record (MADR): sections, figures, escaping, numbering, files."""

from __future__ import annotations

import os
from pathlib import Path

import pandas as pd
import pytest
from markdown_it import MarkdownIt

import fwcompare_nb as fw
from fwcompare_nb.core.errors import DataError
from fwcompare_nb.core.text import percent, score_text, visible
from fwcompare_nb.reporting.record import decision_record, markdown_text, write_record

SAMPLES = 800  # SMAA is cheap; the figures are compared with the API's for the same seed
PWF = fw.config.DATA_DIR / "python-web-frameworks"
MADR = [
    "Context and Problem Statement",
    "Decision Drivers",
    "Considered Options",
    "Decision Outcome",
    "Pros and Cons of the Options",
    "More Information",
]
HOSTILE = [
    "<script>alert(1)</script>",
    "*bold*",
    "[link](http://x)",
    "| pipe",
    "# heading",
    "\x1b[2J",
    "1. ordered",
    "- dash",
    "`code`",
    "_under_",
    "&amp; &lt;b&gt;",
    "x\\",
]
FORBIDDEN = {
    "link_open", "image", "em_open", "strong_open", "html_inline", "html_block", "code_inline",
    "code_block", "fence", "s_open", "autolink",
}  # fmt: skip

md = MarkdownIt("commonmark").enable(["table", "strikethrough"])


def body(text: str) -> str:
    """The record without its front matter (markdown-it has no front-matter rule here)."""
    lines = text.split("\n")
    assert lines[0] == "---"
    end = lines.index("---", 1)
    return "\n".join(lines[end + 1 :])


def front_matter(text: str) -> dict[str, str]:
    lines = text.split("\n")
    end = lines.index("---", 1)
    return dict(line.split(": ", 1) for line in lines[1:end])


def headings(text: str) -> list[tuple[int, str]]:
    tokens = md.parse(body(text))
    return [
        (int(t.tag[1]), "".join(c.content for c in tokens[i + 1].children or []))
        for i, t in enumerate(tokens)
        if t.type == "heading_open"
    ]


def rendered_text(text: str) -> str:
    """Every text the parsed record shows (inline children), joined."""
    out = []
    for t in md.parse(body(text)):
        if t.type == "inline":
            out += [c.content for c in t.children or [] if c.type == "text"]
    return "".join(out)


def types(text: str) -> set[str]:
    found = set()
    for t in md.parse(body(text)):
        found.add(t.type)
        found.update(c.type for c in t.children or [])
    return found


@pytest.fixture(scope="module")
def comparison() -> fw.Comparison:
    return fw.load_comparison()


@pytest.fixture(scope="module")
def learning(comparison) -> str:
    return decision_record(comparison, "learning", samples=SAMPLES, date="2026-12-01")


@pytest.fixture(scope="module")
def judged() -> fw.Comparison:
    return (
        fw.load_comparison(PWF)
        .with_requirements(["async_support>=3"])
        .with_scores({("Flask", "async_support"): (3, "we run it on Quart [really]")})
    )


@pytest.fixture(scope="module")
def judged_record(judged) -> str:
    return decision_record(judged, "async-realtime", "topsis", samples=SAMPLES)


# ------------------------------------------------------------------ escaping
@pytest.mark.parametrize("text", HOSTILE + ["plain", "C# & F#", "a_b_c", "  lead", "trail  "])
@pytest.mark.parametrize("place", ["{}", "* {}", "### {}", "| a | {} |\n| --- | --- |\n| {} | x |"])
def test_markdown_text_stays_text(text, place):
    source = place.format(markdown_text(text), markdown_text(text))
    tokens = md.parse(source)
    kinds = {t.type for t in tokens} | {c.type for t in tokens for c in t.children or []}
    assert not kinds & FORBIDDEN
    assert "\n" not in markdown_text(text)
    shown = [c.content for t in tokens for c in t.children or [] if c.type == "text"]
    assert visible(text).strip(" ") in "".join(shown).replace("\n", "")
    if place == "{}":  # a paragraph holding exactly the text, nothing else
        assert [t.type for t in tokens] == ["paragraph_open", "inline", "paragraph_close"]
        assert "".join(shown) == visible(text)
    if place.startswith("|"):  # still two cells a row
        assert sum(t.type == "td_open" for t in tokens) == 2


def test_markdown_text_examples():
    assert markdown_text("[link](http://x)") == "\\[link\\](http://x)"
    assert markdown_text("<b>") == "&lt;b&gt;"
    assert markdown_text("learning_curve") == "learning_curve"  # inside a word: no emphasis
    assert markdown_text("_x_") == "\\_x\\_"
    assert markdown_text("- x") == "\\- x" and markdown_text("12) x") == "12\\) x"
    assert markdown_text("\x1b[2J") == "\\\\x1b\\[2J"


# ------------------------------------------------------------------ the record
def test_record_has_the_madr_sections(learning):
    assert front_matter(learning) == {"status": "proposed", "date": "2026-12-01"}
    found = headings(learning)
    assert found[0] == (1, "Use Flask for Learning web development (django-vs-flask)")
    assert [h for level, h in found if level == 2] == MADR
    level3 = [h for level, h in found if level == 3]
    assert level3[:2] == ["Consequences", "Confirmation"]
    options = level3[2 : level3.index("Ranking")]
    assert options == ["Flask", "Django"]  # one per option, best first
    assert sum(1 for level, _ in found if level == 1) == 1
    assert not types(learning) & FORBIDDEN


def test_figures_are_the_apis(comparison, learning):
    rec = fw.recommend(comparison, "learning")
    smaa = fw.rank_acceptability(comparison, rec.weights, "wsm", samples=SAMPLES, seed=0,
                                 weight_sampling="around")  # fmt: skip
    sens = fw.sensitivity(comparison, rec.weights, "wsm")
    text = rendered_text(learning)
    assert f'Chosen option: "{rec.winner}", because' in text
    assert f"{score_text(rec.margin)} ahead of {rec.runner_up}" in text
    assert f"first in {percent(smaa.acceptability[1][rec.winner])} of weightings" in text
    assert smaa.settings_sentence() in text
    assert rec.headline() in text
    for sentence in fw.change_sentence(sens, 3):
        assert sentence in text
    names = comparison.criterion_names
    top = rec.weights.sort_values(ascending=False, kind="stable").head(12)
    drivers = [line for line in learning.splitlines() if line.endswith("of the weight (lower is better)")
               or line.endswith("of the weight (higher is better)")]  # fmt: skip
    assert drivers == [
        f"* {names[c]}: {percent(w)} of the weight "
        f"({'lower' if comparison.criteria.at[c, 'direction'] == 'cost' else 'higher'} is better)"
        for c, w in top.items()
        if w > 0
    ]
    # Consequences: every criterion where the winner scores below the runner-up, by name
    weaker = [c for c in comparison.criterion_ids if rec.weights[c] > 0
              and rec.contributions.at["Flask", c] < rec.contributions.at["Django", c]]  # fmt: skip
    consequences = learning.split("### Consequences")[1].split("### Confirmation")[0]
    for cid in weaker:
        assert names[cid] in consequences


def test_evidence_and_sources_are_quoted(comparison, learning):
    ev = comparison.evidence_for("learning_curve").loc["Flask"]
    text = rendered_text(learning)
    assert visible(ev["rationale"]) in text and visible(ev["source"]) in text


def test_status_date_and_weights_are_named(comparison):
    text = decision_record(comparison, {"learning_curve": 1, "maturity": 3}, status="accepted",
                           date="2025-02-03", samples=SAMPLES)  # fmt: skip
    assert front_matter(text) == {"status": "accepted", "date": "2025-02-03"}
    assert headings(text)[0][1].endswith("for django-vs-flask with custom weights")
    assert "* Maturity: 75.0% of the weight" in text
    default = decision_record(comparison, samples=SAMPLES)
    assert "with the default weights" in headings(default)[0][1]
    assert front_matter(default)["date"] == pd.Timestamp.now("UTC").date().isoformat()


@pytest.mark.parametrize(
    "kwargs",
    [{"status": "accepted: yes"}, {"status": "a\nb"}, {"status": ""}, {"date": "yesterday"},
     {"samples": 0}, {"method": "nope"}],
)  # fmt: skip
def test_bad_arguments_are_data_errors(comparison, kwargs):
    with pytest.raises(DataError):
        decision_record(comparison, "learning", **{"samples": SAMPLES, **kwargs})


def test_own_scores_and_must_haves_are_on_record(judged, judged_record):
    text = rendered_text(judged_record)
    bundled = judged.overrides.iloc[0]
    assert bundled["bundled"] == 2.0
    assert "Flask, Async and real-time: our score 3 (because we run it on Quart [really]), " \
           "the data's 2." in text  # fmt: skip
    flask_async = judged.evidence_for("async_support").loc["Flask"]
    assert visible(flask_async["rationale"]) in text.split("Our own scores")[1]
    assert "Async and real-time at least 3 (async_support>=3): rules out Pyramid (1, 2 short), " \
           "Bottle (1, 2 short)" in text  # fmt: skip
    assert "Pyramid: ruled out by a must-have (Async and real-time 1 < 3)" in text
    level3 = [h for level, h in headings(judged_record) if level == 3]
    assert {"Pyramid", "Bottle", "Our own scores", "Must-haves"} <= set(level3)
    rec = fw.recommend(judged, "async-realtime", "topsis")
    assert f'Chosen option: "{rec.winner}"' in text and "With 1 of your own score." in text


def test_a_tie_and_a_single_option_are_said_so():
    scores = pd.DataFrame({"alternative": ["B", "A"], "x": [1.0, 2.0], "y": [2.0, 1.0]})
    criteria = pd.DataFrame({"id": ["x", "y"], "min": [0, 0], "max": [3, 3]})
    tie = fw.Comparison.from_frames(scores, criteria, name="tie")
    text = decision_record(tie, samples=SAMPLES)
    assert headings(text)[0][1] == "Use A or B for tie with the default weights"
    assert 'Chosen option: "A" or "B": they tie' in rendered_text(text)
    one = tie.with_requirements(["x>=2"])
    text = decision_record(one, samples=SAMPLES)
    assert "because it is the only option left after the must-haves" in rendered_text(text)
    assert [h for level, h in headings(text) if level == 2] == MADR


# ------------------------------------------------------------------ hostile data
@pytest.fixture
def hostile(tmp_path: Path) -> fw.Comparison:
    folder = tmp_path / "data"
    folder.mkdir()
    alts = HOSTILE[:6]
    pd.DataFrame({"alternative": alts, "a": range(1, 7), "b": range(6, 0, -1)}).to_csv(
        folder / "scores.csv", index=False
    )
    pd.DataFrame(
        {"id": ["a", "b"], "name": ["# crit *a*", "[b](http://y) | x"],
         "direction": ["benefit", "benefit"], "min": [0, 0], "max": [10, 10], "weight": [2, 1]}
    ).to_csv(folder / "criteria.csv", index=False)  # fmt: skip
    pd.DataFrame(
        {"alternative": alts, "criterion": ["a"] * 6, "score_low": range(1, 7),
         "score_high": range(1, 7), "rationale": [f"**why** <i>{i}</i> [x](y)" for i in range(6)],
         "source": ["<https://evil>", "`rm -rf`", "_s_", "| s |", "# s", "\x1b[31m"]}
    ).to_csv(folder / "evidence.csv", index=False)  # fmt: skip
    pd.DataFrame(
        {"profile": ["x/../../PWNED"], "label": ["## not a heading"],
         "description": ["<img src=x onerror=alert(1)>"], "a": [1], "b": [1]}
    ).to_csv(folder / "profiles.csv", index=False)  # fmt: skip
    comp = fw.load_comparison(folder)
    return comp.with_scores({("*bold*", "b"): (7, "[me](http://z) <b>")})


def test_hostile_names_stay_text(hostile):
    text = decision_record(hostile, "x/../../PWNED", samples=SAMPLES)
    assert not types(text) & FORBIDDEN
    found = headings(text)
    assert found[0][0] == 1 and sum(1 for level, _ in found if level == 1) == 1
    assert [h for level, h in found if level == 2] == MADR
    options = [h for level, h in found if level == 3][2:-4]
    assert sorted(options) == sorted(visible(a) for a in hostile.alternatives)
    shown = rendered_text(text)
    for name in [
        *hostile.alternatives,
        "# crit *a*",
        "[b](http://y) | x",
        "## not a heading",
        "<img src=x onerror=alert(1)>",
        "[me](http://z) <b>",
        "\x1b[31m",
        "`rm -rf`",
    ]:
        assert visible(name) in shown, name  # fmt: skip
    assert "\x1b" not in text
    tokens = md.parse(body(text))
    rows = [i for i, t in enumerate(tokens) if t.type == "tr_open"]
    for i in rows:  # every table row keeps its cells
        end = next(j for j in range(i, len(tokens)) if tokens[j].type == "tr_close")
        cells = sum(t.type in ("td_open", "th_open") for t in tokens[i:end])
        assert cells in (3, 4)


# ------------------------------------------------------------------ files
def test_numbering_continues_after_the_highest(tmp_path, comparison):
    (tmp_path / "0001-x.md").write_text("x")
    (tmp_path / "0007-y.md").write_text("y")
    (tmp_path / "notes.md").write_text("n")
    path = write_record(comparison, tmp_path, "learning", samples=SAMPLES)
    assert path.parent == tmp_path
    assert path.name == "0008-use-flask-for-learning-web-development-django-vs-flask.md"
    first = path.read_text(encoding="utf-8")
    assert first == decision_record(comparison, "learning", samples=SAMPLES)
    again = write_record(comparison, tmp_path, "learning", samples=SAMPLES)
    assert again.name.startswith("0009-") and path.read_text(encoding="utf-8") == first
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".")) == []


def test_a_taken_name_is_never_overwritten(tmp_path, comparison, monkeypatch):
    victim = tmp_path / "victim.txt"
    victim.write_text("keep")
    slug = "use-flask-for-learning-web-development-django-vs-flask"
    (tmp_path / "rec").mkdir()
    (tmp_path / "rec" / f"0001-{slug}.md").symlink_to(victim)  # 0001 is taken by a link
    os.mkfifo(tmp_path / "rec" / f"0002-{slug}.md")
    from fwcompare_nb.reporting import record

    monkeypatch.setattr(record, "_next_number", lambda folder: 1)  # as if another writer raced
    path = write_record(comparison, tmp_path / "rec", "learning", samples=SAMPLES)
    assert path.name == f"0003-{slug}.md"
    assert victim.read_text() == "keep"
    assert (tmp_path / "rec" / f"0001-{slug}.md").is_symlink()


def test_the_file_stays_inside_the_folder(tmp_path, hostile):
    out = tmp_path / "w" / "new" / "decisions"
    path = write_record(hostile, out, "x/../../PWNED", samples=SAMPLES)
    assert path.parent == out and path.name.startswith("0001-") and path.suffix == ".md"
    named = fw.Comparison.from_frames(
        pd.DataFrame({"alternative": ["../../x", "y"], "a": [1, 2]}),
        pd.DataFrame({"id": ["a"]}),
        name="../../x",
    )
    path = write_record(named, out, {"a": 1}, profile="../../../etc/passwd", samples=SAMPLES)
    assert path.parent == out and path.name.startswith("0002-")
    assert "/" not in path.name and ".." not in path.name
    assert sorted(p.name for p in (tmp_path / "w").rglob("*") if p.is_file()) == sorted(
        p.name for p in out.iterdir()
    )


def test_a_file_where_the_folder_should_be_is_a_data_error(tmp_path, comparison):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(DataError, match="cannot keep records there"):
        write_record(comparison, blocker, "learning", samples=SAMPLES)
    assert blocker.read_text() == "x"


def test_an_unwritable_folder_is_a_data_error(tmp_path, comparison, monkeypatch):
    from fwcompare_nb.io import files

    def refuse(*args, **kwargs):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(files.tempfile, "mkstemp", refuse)
    with pytest.raises(DataError, match="cannot write the record"):
        write_record(comparison, tmp_path, "learning", samples=SAMPLES)
    assert list(tmp_path.iterdir()) == []


def test_without_hard_links_the_file_is_created_exclusively(tmp_path, comparison, monkeypatch):
    from fwcompare_nb.reporting import record

    def no_links(*args, **kwargs):
        raise OSError(1, "Operation not permitted")

    monkeypatch.setattr(record.os, "link", no_links)
    slug = "use-flask-for-learning-web-development-django-vs-flask"
    (tmp_path / f"0002-{slug}.md").write_text("taken")
    monkeypatch.setattr(record, "_next_number", lambda folder: 2)
    path = write_record(comparison, tmp_path, "learning", samples=SAMPLES)
    assert path.name == f"0003-{slug}.md"
    assert path.read_text(encoding="utf-8").startswith("---\nstatus: proposed\n")
    assert (tmp_path / f"0002-{slug}.md").read_text() == "taken"
    assert sorted(p.name for p in tmp_path.iterdir()) == [f"0002-{slug}.md", f"0003-{slug}.md"]
