"""Turn raw tables (from CSV files or DataFrames) into checked, typed frames.

Every check raises :class:`~fwcompare_nb.errors.DataError` naming the source, the row or column,
the bad value and the fix. Row labels come from ``where`` so that CSV input can say "line 7" and
DataFrame input "row 7".
"""

from __future__ import annotations

import math
from collections.abc import Callable, Collection, Mapping, Sequence
from typing import TypeVar

import numpy as np
import pandas as pd

from .errors import DataError
from .methods import unit_scale

DIRECTIONS = ("benefit", "cost")
CRITERIA_COLUMNS = ("name", "description", "group", "direction", "min", "max", "weight")
Where = Callable[[int], str]


def row_labels(lines: Sequence[int] | None) -> Where:
    """Describe data row ``i`` as a CSV line number, or as a 1-based row of a DataFrame."""
    if lines is None:
        return lambda i: f"row {i + 1}"
    return lambda i: f"line {lines[i]}"


def _is_blank(value: object) -> bool:
    if value is None:
        return True
    if isinstance(value, str):
        return not value.strip() or value.strip().lower() in {"nan", "na", "n/a", "null", "none"}
    return isinstance(value, float) and math.isnan(value)


def to_number(value: object, *, source: str, where: str, what: str, fix: str) -> float:
    """Parse one cell as a finite float or raise a DataError about it."""
    if _is_blank(value):
        raise DataError(f"missing {what}", file=source, where=where, fix=fix)
    if isinstance(value, bool):
        raise DataError(f"{what} is not a number", file=source, where=where, value=value, fix=fix)
    try:
        number = float(value.strip() if isinstance(value, str) else value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        raise DataError(
            f"{what} is not a number", file=source, where=where, value=value, fix=fix
        ) from None
    if not math.isfinite(number):
        raise DataError(f"{what} is not finite", file=source, where=where, value=value, fix=fix)
    return number


def quick_number(value: object) -> float:
    """``value`` as a finite float when :func:`to_number` would surely accept it, else NaN.

    Only plain str, int and float (not bool) are tried, with the same ``float()``; anything
    else, and every NaN, goes through :func:`to_number` for its verdict and message.
    """
    if isinstance(value, (str, float, int)) and not isinstance(value, bool):
        try:
            number = float(value)
        except (TypeError, ValueError):
            return math.nan
        return number if math.isfinite(number) else math.nan
    return math.nan


def _optional_number(value: object, **kwargs: str) -> float:
    return math.nan if _is_blank(value) else to_number(value, **kwargs)


def _text(value: object) -> str:
    # Names are text: "NA", "None", "null" or "n/a" name something (a product, a team); only
    # nothing at all, or a missing value of a DataFrame, is blank. Numbers keep those words as
    # "missing" (to_number).
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    return str(value).strip()


def check_unique(names: Sequence[str], *, source: str, where: Where, what: str) -> None:
    """Refuse blank or duplicate names (alternatives, criteria, profiles)."""
    seen: dict[str, int] = {}
    for i, name in enumerate(names):
        if not name:
            raise DataError(f"blank {what}", file=source, where=where(i), fix=f"name every {what}")
        if name in seen:
            raise DataError(
                f"duplicate {what} {name!r} (also at {where(seen[name])})",
                file=source,
                where=where(i),
                fix=f"keep one row per {what} or rename one of them",
            )
        seen[name] = i


def validate_criteria(frame: pd.DataFrame, *, source: str, where: Where) -> pd.DataFrame:
    """Check a criteria table and return it typed and indexed by ``id``.

    Parameters
    ----------
    frame : DataFrame
        Column ``id`` (or an index named ``id``) and optionally ``name``, ``description``,
        ``group``, ``direction``, ``min``, ``max``, ``weight``.
    source : str
        Shown in errors (a file name or e.g. ``"criteria DataFrame"``).
    where : callable
        Maps a row position to a label such as ``"line 4"``.

    Returns
    -------
    DataFrame
        Indexed by ``id`` with columns ``name`` (str, defaults to the id), ``description``,
        ``group`` (str, default ``""``), ``direction`` (``benefit``/``cost``, default ``benefit``),
        ``min``, ``max`` (float, NaN where no scale is declared), ``weight`` (float, default 1).
    """
    if "id" not in frame.columns:
        if frame.index.name == "id":
            frame = frame.reset_index()
        else:
            raise DataError(
                "missing required column 'id'",
                file=source,
                where="header",
                value=",".join(map(str, frame.columns)),
                fix="add a column 'id' holding each criterion's identifier",
            )
    ids = [_text(v) for v in frame["id"]]
    check_unique(ids, source=source, where=where, what="criterion id")
    out = pd.DataFrame(index=pd.Index(ids, name="id"))
    col = {c: list(frame[c]) if c in frame.columns else [None] * len(ids) for c in CRITERIA_COLUMNS}
    out["name"] = [_text(v) or cid for v, cid in zip(col["name"], ids, strict=True)]
    out["description"] = [_text(v) for v in col["description"]]
    out["group"] = [_text(v) for v in col["group"]]
    directions = []
    for i, value in enumerate(col["direction"]):
        d = _text(value).lower() or "benefit"
        if d not in DIRECTIONS:
            raise DataError(
                "direction must be 'benefit' or 'cost'",
                file=source,
                where=f"{where(i)}, column 'direction' (criterion {ids[i]!r})",
                value=value,
                fix="write 'benefit' (higher is better) or 'cost' (lower is better)",
            )
        directions.append(d)
    out["direction"] = directions
    lows, highs, weights = [], [], []
    for i, cid in enumerate(ids):
        at = f"{where(i)} (criterion {cid!r})"
        lo = _optional_number(
            col["min"][i],
            source=source,
            where=f"{at}, column 'min'",
            what="min",
            fix="write a number or leave it blank",
        )
        hi = _optional_number(
            col["max"][i],
            source=source,
            where=f"{at}, column 'max'",
            what="max",
            fix="write a number or leave it blank",
        )
        if math.isnan(lo) != math.isnan(hi):
            raise DataError(
                "only one end of the scale is declared",
                file=source,
                where=f"{at}, columns 'min'/'max'",
                value=(None if math.isnan(lo) else lo, None if math.isnan(hi) else hi),
                fix="declare both min and max, or leave both blank to scale over the alternatives",
            )
        if not math.isnan(lo) and lo >= hi:
            raise DataError(
                "min must be less than max",
                file=source,
                where=f"{at}, columns 'min'/'max'",
                value=(lo, hi),
                fix="swap them or correct the scale (e.g. min 1, max 5)",
            )
        w = (
            1.0
            if _is_blank(col["weight"][i])
            else to_number(
                col["weight"][i],
                source=source,
                where=f"{at}, column 'weight'",
                what="weight",
                fix="write a non-negative number",
            )
        )
        if w < 0:
            raise DataError(
                "weight is negative",
                file=source,
                where=f"{at}, column 'weight'",
                value=w,
                fix="use 0 to ignore a criterion; weights must be >= 0",
            )
        lows.append(lo)
        highs.append(hi)
        weights.append(w)
    out["min"] = np.array(lows, dtype=float)
    out["max"] = np.array(highs, dtype=float)
    out["weight"] = np.array(weights, dtype=float)
    if not out.empty and not (out["weight"] > 0).any():
        raise DataError(
            "all weights are zero",
            file=source,
            where="column 'weight'",
            fix="give at least one criterion a positive weight",
        )
    if out.empty:
        raise DataError("no criteria declared", file=source, fix="add one row per criterion")
    return out


def validate_scores(
    frame: pd.DataFrame,
    criteria: pd.DataFrame,
    *,
    source: str,
    where: Where,
    criteria_source: str = "the criteria",
) -> pd.DataFrame:
    """Check a wide scores table against the criteria and return it as floats.

    Parameters
    ----------
    frame : DataFrame
        First column ``alternative`` (or the index holds the alternatives), then one column per
        criterion id.
    criteria : DataFrame
        Output of :func:`validate_criteria`.

    Returns
    -------
    DataFrame
        Float scores, index ``alternative`` (str), columns in the criteria's order.
    """
    if "alternative" in frame.columns:
        names = [_text(v) for v in frame["alternative"]]
        body = frame.drop(columns="alternative")
    elif (
        len(frame.columns)
        and str(frame.columns[0]) not in criteria.index
        and (frame.index.name is None or isinstance(frame.index, pd.RangeIndex))
    ):
        # First column holds the names under another header (e.g. "framework").
        names = [_text(v) for v in frame.iloc[:, 0]]
        body = frame.iloc[:, 1:]
    elif not isinstance(frame.index, pd.RangeIndex):
        names = [_text(v) for v in frame.index]
        body = frame
    else:
        raise DataError(
            "the first column must name the alternatives",
            file=source,
            where="header",
            value=",".join(map(str, frame.columns)),
            fix="add a first column 'alternative' with one name per row",
        )
    check_unique(names, source=source, where=where, what="alternative")
    columns = [str(c).strip() for c in body.columns]
    unknown = [c for c in columns if c not in criteria.index]
    if unknown:
        raise DataError(
            f"column {unknown[0]!r} is not a declared criterion",
            file=source,
            where=f"column {unknown[0]!r}",
            fix=f"add {unknown[0]!r} to {criteria_source} or remove/rename the column "
            f"(declared: {', '.join(criteria.index)})",
        )
    missing = [c for c in criteria.index if c not in columns]
    if missing:
        raise DataError(
            f"declared criterion {missing[0]!r} has no scores column",
            file=source,
            where="header",
            fix=f"add a column {missing[0]!r} with a score for every alternative, "
            f"or remove it from {criteria_source}",
        )
    # By position: the first column of each declared criterion, in the criteria's order.
    body = body.iloc[:, [columns.index(c) for c in criteria.index]]
    # Parsed in one pass without building any message (a message per cell cost 40 s on
    # 2,000 x 200); a cell the quick parse leaves out (not a plain finite number) or off its
    # scale then goes through the full per-cell rules, in column order, so the first error
    # raised is the one a cell-by-cell check would raise.
    cells = body.to_numpy(dtype=object).T
    values = np.array([[quick_number(raw) for raw in col] for col in cells], dtype=float)
    values = values.reshape(len(criteria), len(names)).T
    lo_all = criteria["min"].to_numpy(dtype=float)
    hi_all = criteria["max"].to_numpy(dtype=float)
    with np.errstate(invalid="ignore"):
        off = ~np.isnan(lo_all) & ~((lo_all <= values) & (values <= hi_all))
    for j, i in sorted(zip(*np.nonzero((np.isnan(values) | off).T), strict=True)):
        cid = criteria.index[j]
        lo, hi = float(lo_all[j]), float(hi_all[j])
        scale = "" if math.isnan(lo) else f" on its scale {lo:g}..{hi:g}"
        at = f"{where(i)} (alternative {names[i]!r}), column {cid!r}"
        x = to_number(
            cells[j][i],
            source=source,
            where=at,
            what="score",
            fix=f"write a number{scale} for {names[i]!r} on {cid!r}",
        )
        if not math.isnan(lo) and not lo <= x <= hi:
            raise DataError(
                f"score is outside the declared scale {lo:g}..{hi:g}",
                file=source,
                where=at,
                value=x,
                fix=f"use a value from {lo:g} to {hi:g}, or widen min/max in {criteria_source}",
            )
        values[i, j] = x
    if not names:
        raise DataError("no alternatives", file=source, fix="add one row per alternative")
    return pd.DataFrame(
        values,
        index=pd.Index(names, name="alternative"),
        columns=pd.Index(criteria.index, name="criterion"),
    )


_W = TypeVar("_W", np.ndarray, pd.Series)


def without_overflow(weights: _W) -> _W:
    """Weights divided by a power of two near the largest, so that their sum cannot overflow.

    Weights of 1e308 each sum to inf (and would all normalise to 0); divided by 2**1023 they sum
    to a few units. The division is exact: ordinary weights are left as they are, and extreme
    ones normalise to the same shares. Weights that are not all finite and >= 0 are returned
    unchanged, so that the check refusing them names the value given.
    """
    values = np.asarray(weights, dtype=float)
    if not len(values) or not (np.isfinite(values).all() and (values >= 0).all()):
        return weights
    scale = unit_scale(np.array([values.max()]))
    return weights if scale is None else weights / scale[0]


def validate_weight_values(
    weights: pd.Series, *, source: str, fix_all_zero: str = "give at least one criterion weight > 0"
) -> pd.Series:
    """Check a full weight vector (float Series by criterion id) and return it summing to 1."""
    for cid, w in weights.items():
        if not np.isfinite(w):
            raise DataError(
                "weight is not a finite number",
                file=source,
                where=f"criterion {cid!r}",
                value=w,
                fix="use a number >= 0",
            )
        if w < 0:
            raise DataError(
                "weight is negative",
                file=source,
                where=f"criterion {cid!r}",
                value=float(w),
                fix="weights must be >= 0; use 0 to ignore a criterion",
            )
    weights = without_overflow(weights)  # checked finite and >= 0 above
    total = float(weights.sum())
    if total <= 0:
        raise DataError("all weights are zero", file=source, fix=fix_all_zero)
    out = (weights / total).rename("weight")
    out.index.name = "id"
    return out


def check_weight_mapping(
    weights: object, *, source: str, known: Collection[str] | None = None
) -> dict[str, float]:
    """Check weights given by criterion id (a mapping or Series) and return them as floats.

    The one check of user-given weight mappings: every key non-empty text (and, if ``known`` is
    given, one of those ids), each criterion once, every value a finite number >= 0, not all
    zero. The values are returned unscaled, in the order given.

    Parameters
    ----------
    weights : mapping or Series
        Weight by criterion id.
    source : str
        Where the weights come from, for the message (e.g. ``"weights"``).
    known : collection of str, optional
        The criterion ids the weights may name.

    Returns
    -------
    dict
        Criterion id -> weight (float).

    Raises
    ------
    DataError
        Not a mapping, a duplicate, blank or unknown id, a bad value, or all zero.

    Examples
    --------
    >>> check_weight_mapping({"speed": 2, "cost": "1"}, source="weights")
    {'speed': 2.0, 'cost': 1.0}
    """
    if isinstance(weights, pd.Series):
        if not weights.index.is_unique:
            dup = weights.index[weights.index.duplicated()][0]
            raise DataError(
                "a criterion appears twice in the weights",
                file=source,
                value=dup,
                fix="give each criterion one weight",
            )
    elif not isinstance(weights, Mapping):
        raise DataError(
            "weights must be a mapping or Series of criterion id to weight",
            file=source,
            value=type(weights).__name__,
            fix="pass e.g. {'learning_curve': 3, 'admin_interface': 1}",
        )
    items = list(weights.items())
    if not items:
        raise DataError(
            "no weights given", file=source, fix="give at least one criterion a weight > 0"
        )
    out: dict[str, float] = {}
    for key, value in items:
        if not isinstance(key, str) or not key.strip():
            raise DataError(
                "criterion ids must be non-empty text",
                file=source,
                where="weights",
                value=key,
                fix="pass a mapping of criterion id to weight, e.g. {'learning_curve': 3}",
            )
        if known is not None and key not in known:
            raise DataError(
                "unknown criterion in weights",
                file=source,
                value=key,
                fix=f"use criterion ids: {', '.join(known)}",
            )
        out[key] = to_number(
            value, source=source, where=f"criterion {key!r}", what="weight", fix="use a number >= 0"
        )
    validate_weight_values(pd.Series(out, dtype=float), source=source)
    return out


def check_choice(value: object, allowed: Sequence[str], *, what: str) -> str:
    """``value`` as one of ``allowed`` (text, compared stripped and in lower case).

    Parameters
    ----------
    value : object
        What the user gave.
    allowed : sequence of str
        The lower-case choices.
    what : str
        What is chosen, for the message (e.g. ``"report format"``).

    Returns
    -------
    str
        The matching choice.

    Raises
    ------
    DataError
        ``value`` is not one of them; the message lists them.

    Examples
    --------
    >>> check_choice(" PNG", ("png", "svg"), what="chart format")
    'png'
    """
    text = value.strip().lower() if isinstance(value, str) else None
    if text is None or text not in allowed:
        raise DataError(f"unknown {what}", value=value, fix=f"use one of: {', '.join(allowed)}")
    return text
