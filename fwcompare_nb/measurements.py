"""Reading the measured evidence (``data/evidence/measurements.csv``) for notebooks and reports.

The measurements are made by :mod:`fwcompare_nb.evidence` (``make evidence``); this module only
reads and reshapes them, so a notebook can redraw its figures without rerunning anything slow.
Pure core: NumPy and pandas only.
"""

from __future__ import annotations

from dataclasses import asdict
from pathlib import Path

import pandas as pd

from .config import DATA_DIR
from .errors import DataError
from .evidence.core import COLUMNS
from .evidence.core import read_measurements as read_rows

MEASUREMENTS = DATA_DIR / "evidence" / "measurements.csv"


def read_measurements(path: str | Path | None = None) -> pd.DataFrame:
    """The measurements as a DataFrame with the documented columns (see data/evidence/README.md).

    Rows are read and validated by :func:`fwcompare_nb.evidence.core.read_measurements` (units,
    numbers, counts, ISO dates); ``value`` is a float, NaN where a ratio was declined.

    Raises
    ------
    DataError
        The file is missing (with the command that makes it) or a row is invalid.
    """
    path = Path(path) if path is not None else MEASUREMENTS
    if not path.is_file():
        raise DataError(
            "no measurements yet", file=str(path),
            fix="run `make evidence` (about 2 minutes once its virtualenvs are cached)",
        )  # fmt: skip
    frame = pd.DataFrame([asdict(m) for m in read_rows(path)], columns=list(COLUMNS))
    frame["value"] = pd.to_numeric(frame["value"], errors="coerce")
    return frame


def measure_table(measurements: pd.DataFrame, measure: str) -> pd.DataFrame:
    """One measure as a table: frameworks as rows, apps as columns (blank app: ``value``).

    The unit is kept in ``.attrs["unit"]``.
    """
    rows = measurements[measurements["measure"] == measure]
    if rows.empty:
        known = ", ".join(sorted(measurements["measure"].unique()))
        raise DataError(f"no measure {measure!r}", file="measurements", fix=f"use one of: {known}")
    # measures of a whole framework (installed size) have no app: "-" or blank
    table = rows.assign(app=rows["app"].replace({"": "value", "-": "value"})).pivot_table(
        index="framework", columns="app", values="value", aggfunc="median"
    )
    table.columns.name = None
    table.attrs["unit"] = str(rows["unit"].iloc[0])
    return table
