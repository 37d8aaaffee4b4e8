"""Measured evidence for the comparison: minimal apps per framework, counted and timed.

``python -m tools.evidence --quick`` builds (once, cached) one virtualenv per framework,
starts each app in ``tools/evidence/apps/`` on 127.0.0.1, checks it over HTTP, counts its lines,
times import and first response, runs a bounded load test and writes
``data/evidence/measurements.csv``. The pure parts live in `tools.evidence.core`; the file format
in `fwcompare_nb.io.measurements`. ``python -m tools.evidence.article_claims`` measures the
claims of the seed article with the same line counter.

Importing this package, `core` or `runner` needs the standard library only (the article-claims
script runs in a scratch venv without pandas); the file-format names are loaded on first use.
"""

from __future__ import annotations

from tools.evidence.core import count_python_lines, decide_ratio, python_code_lines

_FILE_FORMAT = ("COLUMNS", "Measurement", "read_rows", "write_measurements")

__all__ = [
    "COLUMNS",
    "Measurement",
    "count_python_lines",
    "decide_ratio",
    "python_code_lines",
    "read_rows",
    "write_measurements",
]


def __getattr__(name: str):
    if name in _FILE_FORMAT:
        from fwcompare_nb.io import measurements

        return getattr(measurements, name)
    raise AttributeError(f"module 'tools.evidence' has no attribute {name!r}")
