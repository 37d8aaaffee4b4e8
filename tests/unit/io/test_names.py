"""One rule for file names made from data text (issue 13): ``io.names``.

The store, the downloads, the explorer's export, the dashboard's uploads and ``report -o
FOLDER`` all name files through it; these tests hold the rule, and
``test_every_writer_names_files_by_the_one_rule`` holds that nobody spells a second one.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import fwcompare_nb
from fwcompare_nb.io.names import MAX_STEM, file_stem, safe_stem, stem_of

SAFE = re.compile(r"[a-z0-9_-]+")
RESERVED = {"con", "prn", "aux", "nul"} | {f"{p}{i}" for p in ("com", "lpt") for i in range(1, 10)}


@settings(max_examples=300, deadline=None)
@given(text=st.text(max_size=400), squeeze=st.booleans(), limit=st.none() | st.integers(1, 120))
def test_any_text_gives_one_plain_name(text, squeeze, limit):
    stem = safe_stem(text, squeeze=squeeze, limit=limit)
    assert SAFE.fullmatch(stem), stem  # no dot, no separator, never empty
    assert stem not in RESERVED
    if limit is not None:
        assert len(stem.encode()) <= limit + 1  # + the "_" a device name gets
    if squeeze:
        assert "--" not in stem and not stem.startswith("-") and not stem.endswith("-")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Django vs Flask", "django-vs-flask"),
        ("x/../../../somewhere/PWNED", "x-somewhere-pwned"),
        ("Équipe_1", "equipe_1"),
        ("Python Web Frameworks (7)", "python-web-frameworks-7"),
        ("CON", "con_"),
        ("lpt1", "lpt1_"),
        ("..", "untitled"),
        ("日本語", "untitled"),
        ("\x1b[2J", "2j"),
        ("=cmd|' /C calc'!A0", "cmd-c-calc-a0"),
    ],
)
def test_examples(text, expected):
    assert safe_stem(text) == expected


def test_the_store_keeps_its_earlier_file_names():
    # Unsqueezed: what version 1 wrote for these names is still where the store looks.
    assert safe_stem("My  Profile", squeeze=False, limit=None) == "my--profile"
    assert safe_stem("-x-", squeeze=False, limit=None) == "-x-"


def test_a_cut_falls_between_words():
    assert safe_stem("alpha beta gamma delta", limit=14) == "alpha-beta"
    assert safe_stem("a" * 300) == "a" * MAX_STEM


def test_upload_names_lose_their_folders_and_extension():
    assert stem_of("../../My Scores.CSV") == "my-scores"
    assert stem_of("C:\\Users\\me\\scores.csv") == "scores"
    assert stem_of(".csv", default="scores") == "csv"
    assert stem_of("", default="criteria") == "criteria"
    assert stem_of("..", default="criteria") == "criteria"


def test_download_names_keep_the_preset():
    assert file_stem("django-vs-flask", "learning") == "django-vs-flask-learning"
    assert file_stem("日本語", None) == "comparison-custom"
    assert file_stem("a " * 300, "learning").endswith("-learning")
    assert len(file_stem("a" * 300, "b" * 300)) <= MAX_STEM


def test_limit_must_leave_room():
    with pytest.raises(ValueError, match="at least 1"):
        safe_stem("x", limit=0)


def test_every_writer_names_files_by_the_one_rule():
    # A second spelling of the rule (a local regex or NFKD slug) would drift from this one.
    package = Path(fwcompare_nb.__file__).parent
    offenders = []
    for path in package.rglob("*.py"):
        if path.name == "names.py":
            continue
        text = path.read_text(encoding="utf-8")
        for pattern in (r'normalize\("NFKD"', r"\[\^A-Za-z0-9", r"_SLUG_CHARS", r"_RESERVED"):
            if re.search(pattern, text):
                offenders.append(f"{path.relative_to(package)}: {pattern}")
    # downloads.profile_name makes a display name (not a file name) from words: allowed.
    assert offenders == ['app/downloads.py: normalize\\("NFKD"'], offenders
