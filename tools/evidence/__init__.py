"""Measured evidence for the comparison: minimal apps per framework, counted and timed.

``python -m tools.evidence --quick`` builds (once, cached) one virtualenv per framework,
starts each app in ``tools/evidence/apps/`` on 127.0.0.1, checks it over HTTP, counts its lines,
times import and first response, runs a bounded load test and writes
``data/evidence/measurements.csv``. The pure parts live in `tools.evidence.core`; the file format in
`fwcompare_nb.io.measurements`.
"""

from __future__ import annotations

from fwcompare_nb.io.measurements import COLUMNS, Measurement, read_rows, write_measurements
from tools.evidence.core import count_python_lines, decide_ratio, python_code_lines

__all__ = [
    "COLUMNS",
    "Measurement",
    "count_python_lines",
    "decide_ratio",
    "python_code_lines",
    "read_rows",
    "write_measurements",
]
