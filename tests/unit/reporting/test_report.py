"""The self-contained decision report: content, escaping, offline-ness, files.

Rendered in Chromium and printed to PDF: tests/integration/test_report_chromium.py."""

from __future__ import annotations

import base64
import errno
import os
import re
import struct
import xml.etree.ElementTree as ET
from collections import defaultdict
from html.parser import HTMLParser
from pathlib import Path

import markupsafe
import pytest

import fwcompare_nb as fw
from fwcompare_nb.core.methods import get_method
from fwcompare_nb.core.text import percent
from fwcompare_nb.io import files
from fwcompare_nb.reporting import export, report
from fwcompare_nb.reporting.report import build_report, write_report

SAMPLES = 5_000  # SMAA is cheap; this keeps the figures stable and the run short
SECTIONS = [
    "summary", "recommendation", "ranking", "weights", "charts", "change", "robustness",
    "evidence", "claims", "methods",
]  # fmt: skip
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "wbr"}
# Every tag the template writes: anything else on the page came from the data.
TEMPLATE_TAGS = {
    "html", "head", "meta", "title", "style", "body", "main", "header", "section", "footer",
    "h1", "h2", "h3", "p", "dl", "dt", "dd", "div", "span", "strong", "em", "ul", "li", "table",
    "thead", "tbody", "tr", "th", "td", "figure", "img", "figcaption",
}  # fmt: skip

NAME = 'Ünïcode <i>Name</i> & "Co"'
SCRIPT = "<script>alert(1)</script>"
CAFE = "Café 'Olé' </td>"
CRIT = "Crïtère <b>vitesse</b> \"fast\" & 'quick'"
HOSTILE_CRITERIA = f"""id,name,direction,weight,min,max,description,group
speed,"{CRIT.replace('"', '""')}",benefit,2,1,5,"{SCRIPT} — déjà ""vu"" 'ok'","Grüppe <b>one</b>"
cost,{SCRIPT},cost,1,1,5,plain,"Grüppe <b>one</b>"
docs,Docs & 'Ångström',benefit,1,,,,
"""
HOSTILE_SCORES = f"""alternative,speed,cost,docs
"{NAME.replace('"', '""')}",5,2,10
{SCRIPT},3,1,20
{CAFE},1,4,15
"""
RATIONALE = '<img src=x onerror=alert(2)> fast & "proven"'
SOURCE = "https://example.com/?a=1&b=<2> 'bench'"
HOSTILE_EVIDENCE = f"""alternative,criterion,score_low,score_high,rationale,source
"{NAME.replace('"', '""')}",speed,4,5,"{RATIONALE.replace('"', '""')}",{SOURCE}
{SCRIPT},cost,1,2,plain rationale,local notes
"""
CLAIM = '<b>Bold</b> claim: it\'s "fast"'
HOSTILE_CLAIMS = f"""claim_id,section,claim,framework,criterion,verdict,evidence
C1,<h1>Intro</h1>,"{CLAIM.replace('"', '""')}","{NAME.replace('"', '""')}",speed,contested,"{SCRIPT} measured"
"""


class Page(HTMLParser):
    """The parts of a report the tests read: tags with attributes, visible text, text by id."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict]] = []
        self.style: list[str] = []
        self._text: list[str] = []
        self._by_id: dict[str, list[str]] = defaultdict(list)
        self._open: list[tuple[str, str | None]] = []
        self.feed(html)
        self.close()

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        self.tags.append((tag, a))
        if tag not in VOID:
            self._open.append((tag, a.get("id")))

    def handle_startendtag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    def handle_endtag(self, tag):
        for i in range(len(self._open) - 1, -1, -1):
            if self._open[i][0] == tag:
                del self._open[i:]
                break

    def handle_data(self, data):
        inside = {t for t, _ in self._open}
        if "style" in inside:
            self.style.append(data)
            return
        if "title" in inside:
            return
        self._text.append(data)
        for _, id_ in self._open:
            if id_:
                self._by_id[id_].append(data)

    @property
    def text(self) -> str:
        return squash(" ".join(self._text))

    def by_id(self, id_: str) -> str:
        assert id_ in self._by_id, f"no element #{id_} with text"
        return squash(" ".join(self._by_id[id_]))

    def has_id(self, id_: str) -> bool:
        return any(a.get("id") == id_ for _, a in self.tags)


def squash(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def image_bytes(src: str) -> tuple[str, bytes]:
    match = re.fullmatch(r"data:image/(png|svg\+xml);base64,([A-Za-z0-9+/=]+)", src)
    assert match, f"not a base64 image data URI: {src[:60]!r}"
    return match[1], base64.b64decode(match[2], validate=True)


def check_image(kind: str, data: bytes) -> None:
    if kind == "png":
        assert data[:8] == b"\x89PNG\r\n\x1a\n"
        assert data[12:16] == b"IHDR"
        width, height = struct.unpack(">II", data[16:24])
        assert width > 50 and height > 50
        assert data.endswith(b"IEND\xaeB`\x82")
    else:
        assert ET.fromstring(data).tag.endswith("svg")


def check_self_contained(html: str, page: Page) -> None:
    """Nothing is loaded from anywhere: no external tag, attribute or CSS reference."""
    tags = {t for t, _ in page.tags}
    assert not tags & {"script", "link", "iframe", "object", "embed", "base", "frame", "audio"}
    for tag, attrs in page.tags:
        for name, value in attrs.items():
            value = value or ""
            assert "http:" not in value and "https:" not in value, (tag, name, value[:80])
            if name in ("src", "href", "srcset", "action", "poster", "data"):
                assert value.startswith("data:image/"), (tag, name, value[:80])
    css = "".join(page.style)
    assert "url(" not in css and "@import" not in css and "http" not in css
    lowered = html.lower()
    for pattern in ('<img src="http', "<link", "<script", ' src="//', " href="):
        assert pattern not in lowered, pattern
    csp = [a for t, a in page.tags if t == "meta" and a.get("http-equiv")]
    assert csp and "default-src 'none'" in csp[0]["content"]


@pytest.fixture(scope="module")
def bundled(comparison) -> dict[str, str]:
    return {
        p: build_report(comparison, p, profile=p, samples=SAMPLES)
        for p in ("learning", "large-project")
    }


@pytest.fixture
def hostile(tmp_path: Path, write_pair) -> tuple[fw.Comparison, fw.Comparison]:
    """The same hostile comparison twice: plain CSV import, and the folder with evidence and
    claims."""
    scores, criteria = write_pair(HOSTILE_SCORES, HOSTILE_CRITERIA)
    plain = fw.read_csv(scores, criteria, name="Hostile <em>names</em> & co")
    (tmp_path / "evidence.csv").write_text(HOSTILE_EVIDENCE, encoding="utf-8")
    (tmp_path / "claims.csv").write_text(HOSTILE_CLAIMS, encoding="utf-8")
    return plain, fw.load_comparison(tmp_path)


@pytest.mark.parametrize("profile", ["learning", "large-project"])
def test_report_states_the_recommendation(comparison, bundled, profile):
    html = bundled[profile]
    page = Page(html)
    rec = fw.recommend(comparison, profile)
    assert page.by_id("winner") == rec.winner
    assert page.by_id("runner-up") == rec.runner_up
    assert page.by_id("margin") == f"{rec.margin:.3f}"
    assert page.by_id("headline") == rec.headline()
    assert page.by_id("weights-label").startswith(comparison.profiles.at[profile, "label"])
    assert page.by_id("method") == "Weighted sum (WSM)"
    assert page.by_id("version") == f"fwcompare_nb {fw.__version__}"
    assert page.by_id("summary").startswith(f"{comparison.name} Django vs Flask")
    # the ranking table lists recommend()'s ranking, best first
    rows = re.findall(r"(\d) (Django|Flask) (\d\.\d{3})", page.by_id("ranking-table"))
    expected = [(str(int(r["rank"])), a, f"{r['score']:.3f}") for a, r in rec.ranking.iterrows()]
    assert rows == expected
    # every criterion is in the weights table, heaviest first
    weights_text = page.by_id("weights-table")
    for name in comparison.criteria["name"]:
        assert name in weights_text
    shown = [float(x) for x in re.findall(r"(\d+\.\d)%", weights_text)]
    assert len(shown) == len(comparison.criteria)
    assert shown == sorted(shown, reverse=True)
    assert shown[0] == pytest.approx(100 * rec.weights.max(), abs=0.05)


@pytest.mark.parametrize("profile", ["learning", "large-project"])
def test_sections_in_order_with_analyses(comparison, bundled, profile):
    html = bundled[profile]
    page = Page(html)
    positions = [html.index(f'id="{s}"') for s in SECTIONS]
    assert positions == sorted(positions)
    rec = fw.recommend(comparison, profile)
    sens = fw.sensitivity(comparison, rec.weights)
    for sentence in fw.change_sentence(sens, 3):
        assert sentence in page.by_id("change-sentences")
    flips = sens.intervals[sens.intervals["flips_to"].notna()]
    assert len(flips)  # both presets have criteria that can flip the answer
    flip_text = page.by_id("flip-table")
    for name in flips["name"]:
        assert name in flip_text
    smaa = fw.rank_acceptability(
        comparison, rec.weights, samples=SAMPLES, seed=0, weight_sampling="around"
    )
    assert page.by_id("smaa-sentence") == smaa.sentence()
    robustness = page.by_id("robustness")
    assert "5,000 times" in robustness and "seed 0" in robustness and "“around”" in robustness
    first = smaa.acceptability[1]
    acc = page.by_id("acceptability")
    for alt in comparison.alternatives:
        assert f"{alt} {percent(first[alt], 0)}" in acc
    for name in ("ranking", "contributions", "matrix", "sensitivity", "robustness"):
        caption = export.CHARTS[name]
        assert page.by_id(f"chart-{name}").lower() == caption.lower() + "."


def test_evidence_and_claims_are_all_there(comparison, bundled):
    page = Page(bundled["learning"])
    evidence = page.by_id("evidence")
    for row in comparison.evidence.itertuples():
        assert squash(row.source) in evidence
        assert squash(row.rationale) in evidence
    claims = page.by_id("claims")
    for row in comparison.claims.itertuples():
        assert squash(row.claim) in claims
        assert squash(row.evidence) in claims
    badges = [a["class"] for t, a in page.tags if t == "span" and "badge" in a.get("class", "")]
    assert sorted(b.split()[1] for b in badges) == sorted(
        f"v-{v}" for v in comparison.claims["verdict"]
    )
    counts = comparison.claims["verdict"].value_counts()
    for verdict, n in counts.items():
        assert f"{n} {verdict}" in page.by_id("verdict-counts")


@pytest.mark.parametrize("profile", ["learning", "large-project"])
def test_report_is_self_contained(bundled, profile):
    html = bundled[profile]
    page = Page(html)
    check_self_contained(html, page)
    images = [a["src"] for t, a in page.tags if t == "img"]
    assert len(images) == len(export.CHARTS)
    for src in images:
        check_image(*image_bytes(src))


@pytest.mark.slow
@pytest.mark.parametrize("method", ["wpm", "topsis"])
def test_other_methods_and_weight_labels(comparison, method):
    weights = {"flexibility": 3, "maturity": 1}
    page = Page(build_report(comparison, weights, method, samples=500))
    rec = fw.recommend(comparison, weights, method)
    assert page.by_id("winner") == rec.winner
    assert page.by_id("margin") == f"{rec.margin:.3f}"
    assert page.by_id("weights-label") == "custom"
    assert page.by_id("method") == get_method(method).label
    default = Page(build_report(comparison, samples=500))
    assert default.by_id("weights-label") == "default weights of the criteria file"


def test_hostile_names_are_escaped_and_shown_literally(hostile):
    plain, full = hostile
    for comp in (plain, full):
        html = build_report(comp, samples=SAMPLES)
        page = Page(html)
        rec = fw.recommend(comp)
        assert rec.winner == SCRIPT  # the hostile name is the one in the spotlight
        assert page.by_id("winner") == rec.winner
        assert page.by_id("margin") == f"{rec.margin:.3f}"
        assert page.by_id("headline") == rec.headline()
        # nothing from the data became markup
        for raw in (
            "<i>Name",
            "<b>vitesse",
            "<b>one",
            "<b>Bold",
            "<script",
            "<em>names",
            "<h1>Intro",
            "<img src=x",
        ):
            assert raw not in html, raw
        assert {t for t, _ in page.tags} <= TEMPLATE_TAGS
        for text in (NAME, SCRIPT, CAFE, CRIT, "Grüppe <b>one</b>", "Docs & 'Ångström'"):
            assert str(markupsafe.escape(text)) in html
            assert text in page.text
        assert f"{NAME} vs {SCRIPT} vs {CAFE}" in page.by_id("summary")
        assert page.by_id("summary").startswith(comp.name)  # plain: "Hostile <em>names</em> & co"
        check_self_contained(html, page)
        if comp is plain:  # the plain import has neither evidence nor claims
            assert page.has_id("no-evidence") and not page.has_id("claims")
        else:
            assert page.has_id("claims") and not page.has_id("no-evidence")
            assert RATIONALE in page.by_id("evidence") and SOURCE in page.by_id("evidence")
            assert CLAIM in page.by_id("claims") and f"{SCRIPT} measured" in page.by_id("claims")
            assert "<h1>Intro</h1>" in page.by_id("claims")


def test_write_report_is_atomic(comparison, tmp_path, monkeypatch):
    out = tmp_path / "new" / "folder" / "report.html"
    assert write_report(comparison, out, "learning", samples=SAMPLES) == out
    assert [p.name for p in out.parent.iterdir()] == ["report.html"]  # no temporary left
    text = out.read_text(encoding="utf-8")
    assert text.startswith("<!DOCTYPE html>") and text.rstrip().endswith("</html>")
    mask = os.umask(0o022)
    os.umask(mask)
    assert out.stat().st_mode & 0o777 == 0o666 & ~mask  # shareable like any file, not 0600

    # a failure while writing leaves the old report as it was, and nothing else
    out.write_text("old report", encoding="utf-8")

    def full_disk(fd):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(files.os, "fsync", full_disk)
    with pytest.raises(fw.DataError, match="No space left on device") as info:
        write_report(comparison, out, "learning", samples=SAMPLES)
    assert str(out) in str(info.value)
    assert out.read_text(encoding="utf-8") == "old report"
    assert [p.name for p in out.parent.iterdir()] == ["report.html"]
    monkeypatch.undo()

    # a failure while building writes nothing at all
    fresh = tmp_path / "fresh.html"
    with pytest.raises(fw.DataError, match="unknown profile"):
        write_report(comparison, fresh, "no-such-profile", samples=SAMPLES)
    with pytest.raises(fw.DataError, match="unknown report format"):
        write_report(comparison, fresh, fmt="docx")
    assert not fresh.exists()


@pytest.mark.slow
def test_unwritable_path_names_it(comparison, tmp_path):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder", encoding="utf-8")
    for bad in (blocker / "report.html", tmp_path):  # under a file; a folder itself
        # under a file: the write fails; a folder: refused before any work (check_target)
        with pytest.raises(
            fw.DataError, match="cannot write the report|not a regular file"
        ) as info:
            write_report(comparison, bad, samples=SAMPLES)
        assert str(bad) in str(info.value)
        assert "Fix:" in str(info.value)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a-file"]


def test_pdf_without_working_chromium_is_a_clear_error(comparison, tmp_path, monkeypatch):
    monkeypatch.setattr(report, "CHROMIUM", str(tmp_path / "no-chromium"))
    monkeypatch.setattr(report.shutil, "which", lambda name: None)
    with pytest.raises(fw.DataError, match="needs Chromium") as info:
        write_report(comparison, tmp_path / "r.pdf", fmt="pdf", samples=SAMPLES)
    assert "apt-get install chromium" in str(info.value)
    # one that runs but prints nothing
    monkeypatch.setattr(report, "CHROMIUM", "/bin/false")
    with pytest.raises(fw.DataError, match="could not print the PDF"):
        write_report(comparison, tmp_path / "r.pdf", fmt="pdf", samples=SAMPLES)
    assert not (tmp_path / "r.pdf").exists()
