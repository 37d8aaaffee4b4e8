"""Reading the measured evidence (``data/evidence/measurements.csv``) for notebooks and reports.

The measurements are made by the harness in ``tools/evidence/`` (``make evidence``, outside the
package); this module holds their file format (columns, units, writing and reading), and reads
and reshapes them, so a notebook can redraw its figures without rerunning anything slow.
Pure core: NumPy and pandas only.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field, fields
from datetime import datetime
from pathlib import Path
from typing import Any

import pandas as pd

from ..config import DATA_DIR
from ..core.errors import DataError
from .files import write_atomic

MEASUREMENTS = DATA_DIR / "evidence" / "measurements.csv"
#: Columns of ``measurements.csv``, in order.
COLUMNS = (
    "framework",
    "measure",
    "app",
    "value",
    "unit",
    "n",
    "method",
    "versions",
    "python",
    "machine",
    "date",
    "note",
)
#: Units a measurement may use.
UNITS = frozenset({"lines", "files", "MB", "count", "ms", "bool", "ratio", "req/s"})
#: Measures whose value may be blank (a declined ratio: the note says why).
DECLINABLE = frozenset({"threaded_speedup"})


def read_measurements(path: str | Path | None = None) -> pd.DataFrame:
    """Read the measurements as a DataFrame with the documented columns.

    Rows are read and validated by :func:`read_rows` (units, numbers, counts, ISO dates).

    Parameters
    ----------
    path : str or Path, optional
        The CSV file; default :data:`MEASUREMENTS` (``data/evidence/measurements.csv``).

    Returns
    -------
    DataFrame
        The columns :data:`COLUMNS` (see ``data/evidence/README.md``); ``value`` is a float,
        NaN where a ratio was declined.

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


@dataclass
class Measurement:
    """One row of ``measurements.csv`` (see ``data/evidence/README.md``)."""

    framework: str
    measure: str
    app: str
    value: float | int | str | None
    unit: str
    n: int = 1
    method: str = ""
    versions: str = ""
    python: str = ""
    machine: str = ""
    date: str = ""
    note: str = field(default="")


def format_value(value: object) -> str:
    """CSV text for a value: blank for None, ints as ints, floats with up to 3 decimals."""
    if value is None or value == "":
        return ""
    if isinstance(value, bool):
        return str(int(value))
    if isinstance(value, float):
        return f"{value:.3f}".rstrip("0").rstrip(".") if value == value else ""
    return str(value)


def write_measurements(rows: Iterable[Measurement], path: Path) -> Path:
    """Write rows to ``path`` atomically (a temporary file in the same folder, then replace).

    Returns
    -------
    pathlib.Path
        ``path``.
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    text = io.StringIO(newline="")
    writer = csv.DictWriter(text, fieldnames=COLUMNS, lineterminator="\n")
    writer.writeheader()
    for row in rows:
        rec = asdict(row)
        rec["value"] = format_value(rec["value"])
        writer.writerow(rec)
    return write_atomic(path, text.getvalue().encode("utf-8"))


def read_rows(path: Path) -> list[Measurement]:
    """Read and validate ``measurements.csv``.

    Raises
    ------
    fwcompare_nb.core.errors.DataError
        On missing columns, unknown units, non-numeric values, bad counts or non-ISO dates.
    """
    path = Path(path)
    with path.open(newline="", encoding="utf-8-sig") as fh:
        reader = csv.DictReader(fh)
        missing = [c for c in COLUMNS if c not in (reader.fieldnames or [])]
        if missing:
            raise DataError(
                "missing columns",
                file=str(path),
                value=missing,
                fix="re-run `python -m tools.evidence`",
            )
        out = []
        names = {f.name for f in fields(Measurement)}
        for i, rec in enumerate(reader, start=2):
            where = f"line {i}"
            if rec["unit"] not in UNITS:
                raise DataError("unknown unit", file=str(path), where=where, value=rec["unit"])
            value: float | None
            if rec["value"] == "":
                if rec["measure"] not in DECLINABLE:
                    raise DataError("blank value", file=str(path), where=where)
                value = None
            else:
                try:
                    value = float(rec["value"])
                except ValueError:
                    raise DataError(
                        "value is not a number", file=str(path), where=where, value=rec["value"]
                    ) from None
            try:
                n = int(rec["n"])
                datetime.fromisoformat(rec["date"])
            except ValueError:
                raise DataError(
                    "bad n or non-ISO date",
                    file=str(path),
                    where=where,
                    value=(rec["n"], rec["date"]),
                ) from None
            kwargs: dict[str, Any] = {k: v for k, v in rec.items() if k in names}
            kwargs.update(value=value, n=n)
            out.append(Measurement(**kwargs))
        return out
