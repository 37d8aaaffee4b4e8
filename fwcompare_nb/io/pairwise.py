"""Reading a pairwise comparison CSV (AHP judgements) into a checked matrix.

Square; the header's first cell is anything (empty or ``id``), the other header cells are the
criterion ids, and the first column holds the same ids in the same order; entries as
:mod:`fwcompare_nb.core.pairwise` describes::

    id,speed,cost,docs
    speed,1,3,5
    cost,,1,2
    docs,,,1
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pandas as pd

from ..core.errors import DataError
from ..core.pairwise import pairwise_frame
from .csvfile import read_text


def read_pairwise(path: str | Path) -> pd.DataFrame:
    """Read a pairwise CSV (format in the module docstring) into the full reciprocal matrix.

    Refuses (DataError) an unreadable or malformed CSV, ragged rows, and whatever
    :func:`pairwise_frame` refuses.
    """
    name = str(path)
    reader = csv.reader(io.StringIO(read_text(path), newline=""), strict=True)
    records: list[tuple[int, list[str]]] = []
    try:
        for record in reader:
            if any(cell.strip() for cell in record):  # blank lines carry nothing
                records.append((reader.line_num, [cell.strip() for cell in record]))
    except csv.Error as exc:
        where, fix = f"line {reader.line_num}", "check the quotes on that line"
        raise DataError(f"malformed CSV ({exc})", file=name, where=where, fix=fix) from None
    header = records[0][1]  # read_text refused a blank file
    for line, rec in records[1:]:
        if len(rec) != len(header):
            problem = f"row has {len(rec)} fields but the header has {len(header)}"
            where, fix = f"line {line}, row {rec[0]!r}", "give every row one cell per header cell"
            raise DataError(problem, file=name, where=where, value=",".join(rec), fix=fix)
    body = [rec for _, rec in records[1:]]
    frame = pd.DataFrame([r[1:] for r in body], [r[0] for r in body], header[1:], dtype=object)
    return pairwise_frame(frame, source=name)
