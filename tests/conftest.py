"""Shared fixtures: the bundled comparison and a writer for small CSV folders."""

from __future__ import annotations

from pathlib import Path

import matplotlib
import pytest

matplotlib.use("Agg")  # tests never open windows

import fwcompare_nb as fw  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]

CRITERIA_CSV = """id,name,direction,weight,min,max
speed,Speed,benefit,2,1,5
cost,Cost,cost,1,1,5
docs,Docs,benefit,1,,
"""
SCORES_CSV = """alternative,speed,cost,docs
A,5,2,10
B,3,1,20
C,1,4,15
"""


@pytest.fixture(scope="session")
def comparison() -> fw.Comparison:
    return fw.load_comparison()


@pytest.fixture
def write_pair(tmp_path: Path):
    """Write ``scores.csv`` and ``criteria.csv`` (text or bytes) and return their paths."""

    def write(scores: str | bytes = SCORES_CSV, criteria: str | bytes = CRITERIA_CSV):
        paths = []
        for name, content in (("scores.csv", scores), ("criteria.csv", criteria)):
            path = tmp_path / name
            if isinstance(content, bytes):
                path.write_bytes(content)
            else:
                path.write_text(content, encoding="utf-8")
            paths.append(path)
        return tuple(paths)

    return write
