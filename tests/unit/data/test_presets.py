"""Every preset's answer follows from its description and the evidence (issue 14).

Each preset of a bundled comparison is pinned to one winner under WSM, WPM and TOPSIS, and its
description says who wins and why in one sentence ("<winner> wins ... because ...", maybe
after a colon that ends the situation): the name
in that sentence must be the winner every method gives, so a change of scores or weights that
moves the answer fails here until the description is rewritten to match.
"""

from __future__ import annotations

import re

import pytest

import fwcompare_nb as fw

WINNERS = {
    "django-vs-flask": {
        "learning": "Flask",
        "large-project": "Django",
        "simple-app": "Flask",
        "changing-requirements": "Django",
        "high-traffic": "Django",
    },
    "python-web-frameworks": {
        "learning": "Flask",
        "api-service": "FastAPI",
        "large-project": "Django",
        "minimal-footprint": "Bottle",
        "async-realtime": "FastAPI",
    },
    "python-web-databases": {
        "prototype": "SQLite",
        "read-heavy-web-app": "PostgreSQL",
        "write-heavy-service": "PostgreSQL",
        "document-data": "MongoDB",
        "microsoft-shop": "SQL Server",
    },
}
CASES = [(folder, preset) for folder, presets in WINNERS.items() for preset in presets]


def _comparison(folder: str) -> fw.Comparison:
    return fw.load_comparison(fw.config.DATA_DIR / folder)


@pytest.mark.parametrize("method", fw.METHODS)
@pytest.mark.parametrize(("folder", "preset"), CASES)
def test_every_preset_has_one_winner_under_every_method(folder, preset, method):
    assert fw.recommend(_comparison(folder), preset, method).winner == WINNERS[folder][preset]


@pytest.mark.parametrize(("folder", "preset"), CASES)
def test_the_description_says_who_wins_and_why_in_one_sentence(folder, preset):
    comp = _comparison(folder)
    text = comp.profiles.loc[preset, "description"]
    sentences = [s for s in re.split(r"(?<=[.!?])\s+", text) if re.search(r"\bwins\b", s)]
    assert len(sentences) == 1, text
    [sentence] = sentences
    # The winner's name (capitalised words) opens the sentence or follows a colon.
    named = re.search(r"(?:^|:\s+)([A-Z]\w*(?: [A-Z]\w*)*) wins\b", sentence)
    assert named, sentence
    assert named.group(1) == WINNERS[folder][preset], sentence
    assert "because" in sentence, sentence  # the why, in the same sentence


def test_every_bundled_preset_is_pinned():
    for folder, presets in WINNERS.items():
        assert list(_comparison(folder).profiles.index) == list(presets), folder
