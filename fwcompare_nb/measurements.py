"""Reading the measured evidence (``data/evidence/measurements.csv``) for notebooks and reports.

The measurements are made by :mod:`fwcompare_nb.evidence` (``make evidence``); this module only
reads and reshapes them, so a notebook can redraw its figures without rerunning anything slow.
Pure core: NumPy and pandas only.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from .config import DATA_DIR
from .errors import DataError

MEASUREMENTS = DATA_DIR / "evidence" / "measurements.csv"
COLUMNS = ("framework", "measure", "app", "value", "unit", "n", "method", "versions", "python",
           "machine", "date", "note")  # fmt: skip


def read_measurements(path: str | Path | None = None) -> pd.DataFrame:
    """The measurements as a DataFrame with the documented columns (see data/evidence/README.md).

    Raises
    ------
    DataError
        The file is missing (with the command that makes it) or lacks a documented column.
    """
    path = Path(path) if path is not None else MEASUREMENTS
    if not path.is_file():
        raise DataError(
            "no measurements yet", file=str(path),
            fix="run `make evidence` (about 2 minutes once its virtualenvs are cached)",
        )  # fmt: skip
    frame = pd.read_csv(path, dtype={"app": "string", "note": "string"}, keep_default_na=False)
    missing = [c for c in COLUMNS if c not in frame.columns]
    if missing:
        raise DataError(
            f"missing column(s) {', '.join(missing)}", file=str(path),
            fix="regenerate it with `make evidence`",
        )  # fmt: skip
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
    table = rows.assign(app=rows["app"].replace("", "value")).pivot_table(
        index="framework", columns="app", values="value", aggfunc="median"
    )
    table.columns.name = None
    table.attrs["unit"] = str(rows["unit"].iloc[0])
    return table
