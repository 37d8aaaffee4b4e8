"""AHP (Analytic Hierarchy Process) weights from pairwise comparisons of criteria.

A judgement ``a[i, j]`` says how much more important criterion ``i`` is than ``j`` on Saaty's
1-9 scale (``1/3``: ``j`` is moderately more important). The weights are the principal
eigenvector of the reciprocal matrix; ``CR = CI / RI`` measures how much the judgements conflict.

Pairwise CSV: square; the header's first cell is anything (empty or ``id``), the other header
cells are the criterion ids, and the first column holds the same ids in the same order. Entries
are numbers or fractions such as ``1/3`` (white space tolerated): the full matrix, or only the
upper triangle with blanks below it (filled with reciprocals; a blank diagonal is 1)::

    id,speed,cost,docs
    speed,1,3,5
    cost,,1,2
    docs,,,1

Decisions: one criterion is accepted (weight 1, CR 0), an empty matrix is not. Values must lie
in [1/9, 9] within 1e-9 relative, so ``0.111`` is refused ("write it as 1/9"). When both
triangles are given, ``a[i, j] * a[j, i]`` must be 1 within 5e-3 relative: that admits every
reciprocal rounded to three decimals (``0.333``; worst case near 1/9: 0.0005 * 9 = 4.5e-3) but
not ``0.33``; the upper triangle is kept and the lower one made exactly reciprocal. More than 15
criteria are refused by :func:`ahp_weights`: the random index stops at 15, and reusing the last
value would make the CR meaningless.
"""

from __future__ import annotations

import csv
import io
import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import partial
from numbers import Real
from pathlib import Path

import numpy as np
import pandas as pd

from ..core.errors import DataError
from ..io.csvfile import read_text

#: Saaty's random index RI (mean CI of random reciprocal matrices of order n): n = 1..10 from
#: Saaty (1980), The Analytic Hierarchy Process, and Saaty (1990), EJOR 48:9-26, Table 2;
#: n = 11..15 from Saaty's extended table (the dip at 12 is as published). n > 15 is refused.
SAATY_RANDOM_INDEX: dict[int, float] = {
    1: 0.0, 2: 0.0, 3: 0.58, 4: 0.90, 5: 1.12, 6: 1.24, 7: 1.32, 8: 1.41,
    9: 1.45, 10: 1.49, 11: 1.51, 12: 1.48, 13: 1.56, 14: 1.57, 15: 1.59,
}  # fmt: skip
CR_THRESHOLD = 0.1
SCALE_TOLERANCE = 1e-9
RECIPROCAL_TOLERANCE = 5e-3

_NUMBER = r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?"
_CELL = re.compile(rf"\s*({_NUMBER})\s*(?:/\s*({_NUMBER})\s*)?")
_SCALE_FIX = "use Saaty's scale 1/9 to 9 and write reciprocals as fractions (write 0.111 as 1/9)"


def principal_eigenvector(a: np.ndarray) -> tuple[np.ndarray, float]:
    """Return the principal eigenvector (summing to 1) and ``lambda_max`` of a positive matrix.

    Kernel, no validation. Power iteration starting from the row geometric means, which are
    already exact for a consistent matrix. For entries in [1/9, 9] Birkhoff's contraction bound
    (at most tanh(log(9**4) / 4) ~ 0.976 per step) guarantees convergence well within the cap.
    """
    a = np.asarray(a, dtype=float)
    w = np.exp(np.log(a).mean(axis=1))
    w /= w.sum()
    for _ in range(10_000):
        aw = a @ w
        new = aw / aw.sum()
        if np.max(np.abs(new - w)) <= 1e-14:
            return new, float(aw.sum())  # sum(A w) = lambda * sum(w) = lambda
        w = new
    raise ArithmeticError("power iteration did not converge; is the matrix positive?")


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


def _ids(labels: Sequence[object], *, source: str, what: str) -> list[str]:
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


@dataclass(frozen=True, eq=False)
class AhpResult:
    """AHP weights and consistency of one pairwise matrix (see :func:`ahp_weights`)."""

    weights: pd.Series
    lambda_max: float
    consistency_index: float
    consistency_ratio: float
    consistent: bool
    matrix: pd.DataFrame
    inconsistent_judgements: pd.DataFrame

    def to_dict(self) -> dict:
        """Return a JSON-ready dict of plain floats, strings and bools."""
        rows = self.inconsistent_judgements.to_dict(orient="records")
        return {
            "weights": {str(k): float(v) for k, v in self.weights.items()},
            "consistency_ratio": float(self.consistency_ratio),
            "consistent": bool(self.consistent),
            "inconsistent_judgements": [
                {k: v if isinstance(v, str) else float(v) for k, v in r.items()} for r in rows
            ],
        }


def _judgements(a: np.ndarray, w: np.ndarray, ids: list[str]) -> pd.DataFrame:
    n = len(ids)
    i, j = np.triu_indices(n, k=1)
    error = a[i, j] * w[j] / w[i]
    # At the principal eigenvector lambda_max - n = (1/n) sum_{i<j} (e + 1/e - 2) exactly, so
    # these terms add up to CI, and each grows with |log e| whichever way the judgement errs.
    contribution = (error + 1 / error - 2) / max(n * (n - 1), 1)  # n = 1: no judgements
    table = pd.DataFrame({"row": [ids[k] for k in i], "column": [ids[k] for k in j]})
    table = table.assign(
        judged=a[i, j], implied=w[i] / w[j], error=error, contribution=contribution
    )
    return table.sort_values("contribution", ascending=False, kind="stable").reset_index(drop=True)


def ahp_weights(matrix: pd.DataFrame | Mapping, *, source: str = "pairwise matrix") -> AhpResult:
    """Validate a pairwise matrix (via :func:`pairwise_frame`) and compute the AHP weights.

    ``inconsistent_judgements`` has one row per judgement above the diagonal: ``judged``
    (a_ij), ``implied`` (w_i / w_j), ``error`` (a_ij w_j / w_i; 1 = consistent) and
    ``contribution`` = (error + 1/error - 2) / (n (n - 1)), the judgement's exact additive share
    of the consistency index (the column sums to CI). Sorted by contribution, largest first.
    Refuses (DataError) what :func:`pairwise_frame` refuses, and more than 15 criteria.
    """
    full = pairwise_frame(matrix, source=source)
    ids, n = list(full.index), len(full)
    if n > max(SAATY_RANDOM_INDEX):
        problem = f"{n} criteria, but Saaty's random index is published only up to 15"
        fix = "split the criteria into groups (a hierarchy) of at most 15, ideally at most 9"
        raise DataError(problem, file=source, where="criterion ids", fix=fix)
    a = full.to_numpy()
    w, lam = principal_eigenvector(a)
    # lambda_max >= n in exact arithmetic; rounding may dip just below it.
    ci = max(lam - n, 0.0) / (n - 1) if n > 2 else 0.0
    cr = ci / SAATY_RANDOM_INDEX[n] if n > 2 else 0.0
    return AhpResult(
        weights=pd.Series(w, index=pd.Index(ids, name="id"), name="weight"),
        lambda_max=lam,
        consistency_index=ci,
        consistency_ratio=cr,
        consistent=cr <= CR_THRESHOLD,
        matrix=full,
        inconsistent_judgements=_judgements(a, w, ids),
    )


def _ratio(x: float) -> str:
    """Show 0.2 as 1/5 and 3.0 as 3, as people write judgements."""
    if x < 1 and abs(1 / x - round(1 / x)) < 1e-6:
        return f"1/{round(1 / x)}"
    return f"{x:.2g}"


def inconsistency_message(result: AhpResult, top: int = 3) -> str:
    """Name the ``top`` judgements that contribute most to the inconsistency, with a fix."""
    cr = result.consistency_ratio
    if result.consistent:
        return f"The judgements are consistent enough (CR {cr:.3f} <= {CR_THRESHOLD})."
    worst = "; ".join(
        f"{r.row} vs {r.column} (judged {_ratio(r.judged)}, the weights imply {_ratio(r.implied)})"
        for r in result.inconsistent_judgements.head(top).itertuples()
    )
    return (
        f"The judgements are inconsistent (CR {cr:.3f} > {CR_THRESHOLD}). The judgements that "
        f"contribute most to the inconsistency: {worst}. Fix: revise them; CR must be <= "
        f"{CR_THRESHOLD}."
    )


def check_ids(
    result_or_matrix: AhpResult | pd.DataFrame,
    criterion_ids: Sequence[str],
    *,
    source: str = "pairwise matrix",
) -> None:
    """Raise DataError unless the matrix (or result) has exactly ``criterion_ids``, any order.

    The message names the unknown ids (in the matrix, not among the criteria) and the missing.
    """
    obj = result_or_matrix
    have = [str(x) for x in (obj.weights.index if isinstance(obj, AhpResult) else obj.index)]
    want = [str(x) for x in criterion_ids]
    unknown, missing = [x for x in have if x not in want], [x for x in want if x not in have]
    if unknown or missing:
        problem = f"ids differ from the criteria: unknown {unknown}, missing {missing}"
        fix = "give the matrix one row and one column per criterion id, and no others"
        raise DataError(problem, file=source, where="criterion ids", fix=fix)
