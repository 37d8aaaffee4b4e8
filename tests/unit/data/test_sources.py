"""Every evidence source names where its fact can be found again (issue 14, "Errors to fix" 6-7).

The rule, applied to the ``source`` column of every ``evidence.csv`` in a comparison folder under
``data/`` (every folder that has one, ``examples/`` left out, so a comparison added later is
covered as soon as it exists):

A source is split into parts at ``"; "`` outside parentheses. Each part must be one of

- ``article: <section>``: a section of the seed article;
- ``measured: ...`` naming the tool or file the figure comes from (``tools/evidence/...``,
  ``tools.evidence`` or ``measurements.csv``);
- ``cross-check: own scratch venv (<pip or uv pip install ...>, Python <version>, <date>) ...``;
- ``inspected: installed <package> <version> ...`` (a look at the installed code) or
  ``inspected: git history of <repository> (...)``;
- ``PyPI metadata: Requires-Dist of <package> <version>...``;
- ``PyPI JSON API release history (...)``, ``offline snapshot of PyPI's package list ...`` or
  ``pip index versions <package> (<interpreter and version>, <date>)``;
- ``data/<folder>/evidence.csv (...)``: the row of another bundled comparison (that exists);
- ``<Project> <version> docs: <page>[, <section>| > <section>][ (detail)]``: a page of the
  project's documentation as read at that version (``major.minor`` at least: ``5.2``, not ``6.x``);
- ``<Project> <version> CHANGES.rst: <section>`` (a changelog section, e.g. ``Version 1.0``);
- ``<publisher>, "<title>" (<year>...)``: a dated publication, e.g. an engineering blog post;
- a bare ``<page>`` right after a docs part (or another bare page): one more page of the same
  documentation, e.g. ``Django 5.2 docs: Security in Django; Deployment checklist``;
- a bare clause right after a ``measured:``, ``cross-check:`` or ``inspected:`` part (or another
  such clause): a detail of that measurement or inspection, e.g. ``...; app checked over HTTP
  first; app tools/evidence/apps/flask/hello/app.py``.

A page is refused when it only names a whole documentation set rather than a page: empty,
``(index)``, ``User's guide``, ``Narrative Documentation``, ``documentation``, a site root
(``docs.example.org``, ``https://...``) or ``FAQ`` without the question it answers.

Claims (``claims.csv``) are prose, so only their citations are checked: a ``<Project> docs``
mention must carry a version, and Flask's ``Foreword`` page (gone since the 2.2 docs) must not be
cited as a source.
"""

from __future__ import annotations

import csv
import re
from pathlib import Path

import pytest

from tests.conftest import ROOT

DATA = ROOT / "data"
FOLDERS = sorted(
    p.parent for p in DATA.glob("*/evidence.csv") if p.parent.name not in {"examples", "evidence"}
)

VERSION = r"\d+(?:\.\d+)+"
DOCS = re.compile(rf"^(?P<project>[\w.-]+(?: [\w.-]+)?) {VERSION} docs: (?P<page>.+)$")
CHANGES = re.compile(rf"^[\w.-]+ {VERSION} CHANGES\.rst: Version \d")
PREFIXED = [
    re.compile(r"^article: \S"),
    re.compile(r"^measured: .*(tools/evidence/|tools\.evidence|measurements\.csv)"),
    re.compile(r"^cross-check: own scratch venv \((?:uv )?pip install [^,]+, Python \d"),
    re.compile(rf"^inspected: (installed [\w.-]+ {VERSION}|git history of \S+ \()"),
    re.compile(rf"^PyPI metadata: Requires-Dist of [\w.-]+ {VERSION}"),
    re.compile(r"^PyPI JSON API release history \(.+\)$"),
    re.compile(r"^offline snapshot of PyPI's package list \S"),
    re.compile(r"^pip index versions [\w.-]+ \(.*Python \d.*\d{4}-\d\d-\d\d.*\)$"),
    CHANGES,
    re.compile(r'^[^"]+, "[^"]+" \(\d{4}'),
]
CROSS_REF = re.compile(r"^data/(?P<folder>[\w-]+)/evidence\.csv \(.+\)$")
VAGUE_PAGES = {"", "index", "user's guide", "user guide", "narrative documentation", "faq"}
VAGUE_PAGES |= {"documentation", "docs", "introduction; faq"}
SITE_ROOT = re.compile(r"^(https?://\S+|[\w-]+(\.[\w-]+)*\.(org|com|io|net|dev)/?)$")


def split_parts(source: str) -> list[str]:
    """Split at "; " outside parentheses."""
    parts, depth, start = [], 0, 0
    for i, ch in enumerate(source):
        depth += {"(": 1, ")": -1}.get(ch, 0)
        if depth == 0 and source.startswith("; ", i):
            parts.append(source[start:i])
            start = i + 2
    parts.append(source[start:])
    return [p.strip() for p in parts]


def page_problem(page: str) -> str | None:
    bare = re.sub(r"\([^)]*\)", "", page).strip().strip(",").strip()
    if bare.lower() in VAGUE_PAGES:
        return f"names no page or section: {page!r}"
    if SITE_ROOT.match(bare):
        return f"a site root is not a page: {page!r}"
    return None


def source_problems(source: str) -> list[str]:
    problems, in_docs, in_measure = [], False, False
    for part in split_parts(source):
        docs = DOCS.match(part)
        if docs:
            problem = page_problem(docs["page"])
            if problem:
                problems.append(problem)
            in_docs, in_measure = True, False
            continue
        cross = CROSS_REF.match(part)
        if cross:
            if not (DATA / cross["folder"] / "evidence.csv").is_file():
                problems.append(f"cites a missing comparison: {part!r}")
            in_docs = in_measure = False
            continue
        if any(p.match(part) for p in PREFIXED):
            in_docs = False
            in_measure = part.startswith(("measured: ", "cross-check: ", "inspected: "))
            continue
        if in_measure:
            continue
        if in_docs and not re.match(r"^[\w.-]+ [\dx.]+ docs", part):
            problem = page_problem(part)
            if problem:
                problems.append(problem)
            continue
        problems.append(f"not a recognised source form: {part!r}")
    return problems


def read_rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as f:
        return list(csv.DictReader(f))


def test_there_are_comparisons_to_check():
    names = {f.name for f in FOLDERS}
    assert {"django-vs-flask", "python-web-frameworks"} <= names


@pytest.mark.parametrize("folder", FOLDERS, ids=[f.name for f in FOLDERS])
def test_every_evidence_source_names_a_page_section_or_measurement(folder):
    bad = []
    for row in read_rows(folder / "evidence.csv"):
        for problem in source_problems(row["source"]):
            bad.append(f"{row['alternative']} / {row['criterion']}: {problem}")
    assert not bad, "\n".join(bad)


@pytest.mark.parametrize("folder", FOLDERS, ids=[f.name for f in FOLDERS])
def test_claims_cite_versioned_documentation(folder):
    path = folder / "claims.csv"
    if not path.is_file():
        pytest.skip("no claims.csv")
    bad = []
    for row in read_rows(path):
        text = row["evidence"]
        for m in re.finditer(r"\b([A-Z][\w-]+)(?: (\S+))? docs\b", text):
            if not (m.group(2) and re.fullmatch(VERSION, m.group(2))):
                bad.append(f"{row['claim_id']}: unversioned {m.group(0)!r}")
        for m in re.finditer(r"\b([A-Z][\w-]+)(?: (\S+))? CHANGES\.rst", text):
            if not (m.group(2) and re.fullmatch(VERSION, m.group(2))):
                bad.append(f"{row['claim_id']}: unversioned {m.group(0)!r}")
        if re.search(r"Flask's Foreword|docs[:,] Foreword", text):
            bad.append(f"{row['claim_id']}: cites Flask's Foreword, removed in Flask 2.2")
    assert not bad, "\n".join(bad)


@pytest.mark.parametrize(
    "source",
    [
        "Tornado 6.6 docs: User's guide",
        "Pyramid 2.1 docs: Quick Tour of Pyramid; Narrative Documentation",
        "Django 5.2 docs (docs.djangoproject.com)",
        "Flask 3.1 docs: (index)",
        "Falcon 4.4 docs: Introduction; FAQ",
        "Falcon 4.x docs: Tutorial (WSGI)",
        "FastAPI docs: Deployment",
        "Flask 3.1 docs: https://flask.palletsprojects.com/",
        "Flask 3.1 docs: flask.palletsprojects.com",
        "Flask-SQLAlchemy, Flask-Login, Flask-Admin docs",
        "measured: by hand",
        "Flask CHANGES.rst, Version 1.0",
        "data/no-such-comparison/evidence.csv (measured there)",
    ],
)
def test_vague_sources_are_refused(source):
    assert source_problems(source)


@pytest.mark.parametrize(
    "source",
    [
        "Django 5.2 docs: Security in Django; Deployment checklist; article: Features of Django",
        "Falcon 4.4 docs: FAQ, Misc. > How do I manage my database connections?",
        "Flask 3.1.3 CHANGES.rst: Version 1.0; Flask 3.1 docs: Design Decisions in Flask, "
        'What does "micro" mean?',
        "measured: data/evidence/measurements.csv (Flask 3.1.3, 2026-11-24, run of 00:27 UTC), "
        "tools.evidence --quick, measure installed_mb, app -: sum of RECORD files; cross-check: "
        "own scratch venv (uv pip install flask, Python 3.11.7, 2026-11-24), 2.21 MB",
        'Instagram Engineering blog, "What Powers Instagram" (2011)',
        "pip index versions django (CPython 3.11.7, 2026-11-24)",
    ],
)
def test_precise_sources_pass(source):
    assert source_problems(source) == []
