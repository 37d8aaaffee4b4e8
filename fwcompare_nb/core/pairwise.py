"""The pairwise comparison matrix of AHP: reading its cells and checking it is reciprocal.

A judgement ``a[i, j]`` says how much more important criterion ``i`` is than ``j`` on Saaty's
1-9 scale (``1/3``: ``j`` is moderately more important). Entries are numbers or fractions such
as ``1/3`` (white space tolerated): the full matrix, or only the upper triangle with blanks
below it (filled with reciprocals; a blank diagonal is 1).

Values must lie in [1/9, 9] within 1e-9 relative, so ``0.111`` is refused ("write it as 1/9").
When both triangles are given, ``a[i, j] * a[j, i]`` must be 1 within 5e-3 relative: that admits
every reciprocal rounded to three decimals (``0.333``; worst case near 1/9: 0.0005 * 9 = 4.5e-3)
but not ``0.33``; the upper triangle is kept and the lower one made exactly reciprocal. An empty
matrix is refused.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Mapping, Sequence
from functools import partial
from numbers import Real

import numpy as np
import pandas as pd

from .errors import DataError

SCALE_TOLERANCE = 1e-9
RECIPROCAL_TOLERANCE = 5e-3

_NUMBER = r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?"
_CELL = re.compile(rf"\s*({_NUMBER})\s*(?:/\s*({_NUMBER})\s*)?")
_SCALE_FIX = "use Saaty's scale 1/9 to 9 and write reciprocals as fractions (write 0.111 as 1/9)"


def _cell(value: object, *, source: str, where: str) -> float | None:
    """Parse one judgement: None when blank, else a float in [1/9, 9]."""
    if value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value)):
        return None
    if isinstance(value, str) and not value.strip():
        return None
    bad = partial(DataError, file=source, where=where, value=value, fix=_SCALE_FIX)
    if isinstance(value, Real) and not isinstance(value, bool):
        number = float(value)
    elif isinstance(value, str) and (match := _CELL.fullmatch(value)):
        if float(match[2] or 1) == 0:
            raise bad("division by zero")
        number = float(match[1]) / float(match[2] or 1)
    else:
        raise bad("not a number", fix="write a number or a fraction such as 3 or 1/3")
    if not math.isfinite(number):
        raise bad("not finite")
    if number <= 0:
        raise bad("zero or negative")
    if not (1 / 9) * (1 - SCALE_TOLERANCE) <= number <= 9 * (1 + SCALE_TOLERANCE):
        raise bad("outside 1/9..9")
    return number


def _ids(labels: Iterable[object], *, source: str, what: str) -> list[str]:
    ids = [str(label).strip() for label in labels]
    for i, name in enumerate(ids):
        if not name or name in ids[:i]:
            problem = f"{'duplicate' if name else 'blank'} criterion id in the {what}"
            where, fix = f"position {i + 1}", "give each criterion one unique id"
            raise DataError(problem, file=source, where=where, value=name or None, fix=fix)
    return ids


def pairwise_frame(
    table: pd.DataFrame | Mapping, *, source: str = "pairwise matrix"
) -> pd.DataFrame:
    """Validate a pairwise matrix and return the full reciprocal float matrix (index ``id``).

    Parameters
    ----------
    table : pandas.DataFrame or Mapping
        Index and columns: the criterion ids in the same order; or ``{row id: {column id:
        value}}`` with omitted cells blank. Entries are numbers or strings such as ``'1/3'``;
        blanks/NaN are allowed on and below the diagonal.
    source : str
        The file or object named in error messages.

    Raises
    ------
    DataError
        Mismatched, blank or duplicate ids, an empty matrix, a bad or missing value, a diagonal
        not 1, or a non-reciprocal pair (tolerances in the module docstring).
    """
    frame = table
    if not isinstance(frame, pd.DataFrame):
        frame = pd.DataFrame.from_dict({k: dict(v) for k, v in table.items()}, orient="index")
        if set(frame.columns) <= set(table):  # omitted cells are blanks, not missing columns
            frame = frame.reindex(columns=list(table))
    bad = partial(DataError, file=source)
    rows = _ids(frame.index, source=source, what="first column (row ids)")
    cols = _ids(frame.columns, source=source, what="header (column ids)")
    if not rows or not cols:
        raise bad("the matrix is empty", fix="add one row and one column per criterion")
    if rows != cols:
        extra, missing = [c for c in cols if c not in rows], [r for r in rows if r not in cols]
        problem = f"column ids {extra} are not row ids; row ids {missing} are not column ids"
        if not (extra or missing):
            k = next(k for k, (r, c) in enumerate(zip(rows, cols, strict=True)) if r != c)
            problem = f"ids in a different order: at {k + 1}, row {rows[k]!r}, column {cols[k]!r}"
        fix = "list the same criterion ids in the same order in the header and first column"
        raise bad(problem, where="header vs first column", fix=fix)
    cells, n = frame.to_numpy(dtype=object), len(rows)
    out = np.ones((n, n))
    for i, j in np.ndindex(n, n):  # row-major, so the upper cell (j, i) is known when i > j
        where = f"row {rows[i]!r}, column {rows[j]!r}"
        value = _cell(cells[i, j], source=source, where=where)
        if i == j and value is not None and abs(value - 1) > SCALE_TOLERANCE:
            fix = "write 1 or leave it blank (a criterion equals itself)"
            raise bad("diagonal entry is not 1", where=where, value=cells[i, j], fix=fix)
        if i < j:
            if value is None:
                fix = "write how much more important the row is than the column (1/9..9, 1 = equal)"
                raise bad("missing judgement above the diagonal", where=where, fix=fix)
            out[i, j] = value
        elif i > j:
            if value is not None and abs(value * out[j, i] - 1) > RECIPROCAL_TOLERANCE:
                problem = (
                    f"not the reciprocal of row {rows[j]!r}, column {rows[i]!r} ({cells[j, i]})"
                )
                fix = "leave it blank, or write the reciprocal as a fraction such as 1/3"
                raise bad(problem, where=where, value=cells[i, j], fix=fix)
            out[i, j] = 1 / out[j, i]
    return pd.DataFrame(out, index=pd.Index(rows, name="id"), columns=pd.Index(rows))


def pairwise_from_judgements(
    ids: Sequence[str],
    judgements: Mapping[tuple[str, str], float],
    *,
    source: str = "pairwise judgements",
) -> pd.DataFrame:
    """Build the full reciprocal matrix from ``{(a, b): how much more important a is than b}``.

    Pairs not given count as equal (1); ``(a, b)`` and ``(b, a)`` may both be given only if
    reciprocal. Refuses (DataError) blank or duplicate ids, a pair with an unknown id or one id
    twice, and bad values.
    """
    names = _ids(list(ids), source=source, what="criterion ids")
    pos = {name: k for k, name in enumerate(names)}
    cells = np.full((len(names), len(names)), np.nan)
    for (a, b), value in judgements.items():
        where = f"row {a!r}, column {b!r}"
        unknown = [x for x in (a, b) if x not in pos]
        if unknown or a == b:
            problem = (
                f"unknown criterion ids {unknown}" if unknown else "an id compared with itself"
            )
            raise DataError(problem, file=source, where=where, fix=f"compare two of {names}")
        i, j = pos[a], pos[b]
        cells[i, j] = _cell(value, source=source, where=where)
        if np.isnan(cells[j, i]):  # a mirror given explicitly is checked by pairwise_frame
            cells[j, i] = 1 / cells[i, j]
    full = pd.DataFrame(np.where(np.isnan(cells), 1.0, cells), index=names, columns=names)
    return pairwise_frame(full, source=source)
