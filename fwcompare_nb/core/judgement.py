"""The user's own judgement on top of the data: scores they set themselves, and must-haves.

An **override** replaces one cell of the matrix with the user's score and a one-line reason;
the bundled score stays on record beside it. A **requirement** (a must-have) is a minimum a
benefit criterion must reach, or a maximum a cost criterion must not pass; alternatives that
miss one are screened out before any weighting (conjunctive screening), and the record says
which requirement rules out each and by how much.

Plain functions on frames and arrays, checked here once; :class:`~.comparison.Comparison` keeps
the results (:meth:`~.comparison.Comparison.with_scores`,
:meth:`~.comparison.Comparison.with_requirements`).
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import cast

import pandas as pd

from . import validation as v
from .errors import DataError

__all__ = [
    "OVERRIDE_COLUMNS",
    "RULED_OUT_COLUMNS",
    "Requirement",
    "check_overrides",
    "check_requirements",
    "parse_requirement",
    "parse_score",
    "ruled_out_text",
    "screen",
]

#: Columns of :attr:`Comparison.overrides`: the cell, the user's score, the bundled one, why.
OVERRIDE_COLUMNS = ["alternative", "criterion", "score", "bundled", "reason"]
#: Columns of :attr:`Comparison.ruled_out`: who, which requirement failed, its score, how far.
RULED_OUT_COLUMNS = ["alternative", "criterion", "requirement", "score", "shortfall", "text"]
_OPS = (">=", "<=")
MAX_REASON = 200


@dataclass(frozen=True)
class Requirement:
    """A must-have: ``criterion`` at least (``>=``) or at most (``<=``) ``bound``.

    Attributes
    ----------
    criterion : str
        A criterion id.
    op : {">=", "<="}
        ``>=`` for a minimum (benefit criteria), ``<=`` for a maximum (cost criteria).
    bound : float
        The acceptable limit, on the criterion's scale.
    """

    criterion: str
    op: str
    bound: float

    def passes(self, score: float) -> bool:
        """Whether ``score`` meets the requirement."""
        return score >= self.bound if self.op == ">=" else score <= self.bound

    def spec(self) -> str:
        """Write the requirement as the CLI takes it: ``"async_support>=3"``."""
        return f"{self.criterion}{self.op}{self.bound:g}"

    def to_dict(self) -> dict:
        """JSON-ready: ``{"criterion": ..., "op": ..., "bound": ...}``."""
        return {"criterion": self.criterion, "op": self.op, "bound": self.bound}


def parse_requirement(text: str) -> Requirement:
    """Read ``"CRITERION>=VALUE"`` or ``"CRITERION<=VALUE"`` (spaces allowed).

    Parameters
    ----------
    text : str
        As the CLI's ``--require`` takes it.

    Returns
    -------
    Requirement
        Not yet checked against a comparison (see :func:`check_requirements`).

    Raises
    ------
    DataError
        No ``>=``/``<=``, no criterion, or a value that is not a finite number.

    Examples
    --------
    >>> parse_requirement("async_support >= 3")
    Requirement(criterion='async_support', op='>=', bound=3.0)
    """
    match = re.fullmatch(r"\s*(.+?)\s*(>=|<=)\s*(.+?)\s*", str(text))
    if not match or not match.group(1):
        raise DataError(
            "malformed requirement",
            value=text,
            fix="write CRITERION>=VALUE (a minimum) or CRITERION<=VALUE (a maximum for a cost)",
        )
    bound = v.to_number(
        match.group(3),
        source="requirement",
        where=match.group(1),
        what="required value",
        fix="write a number on the criterion's scale",
    )
    return Requirement(match.group(1), match.group(2), bound)


def parse_score(text: str) -> tuple[str, str, float]:
    """Read ``"ALTERNATIVE:CRITERION=VALUE"`` (the CLI's ``--score``).

    The alternative is everything before the last ``:`` ahead of the ``=``, so names holding a
    colon work as long as the criterion id holds none.

    Examples
    --------
    >>> parse_score("Flask:async_support=3")
    ('Flask', 'async_support', 3.0)
    """
    head, eq, value = str(text).rpartition("=")
    alternative, colon, criterion = head.rpartition(":")
    if not (eq and colon and alternative.strip() and criterion.strip()):
        raise DataError(
            "malformed score",
            value=text,
            fix="write ALTERNATIVE:CRITERION=VALUE, e.g. Flask:async_support=3",
        )
    number = v.to_number(
        value,
        source="score",
        where=f"{alternative.strip()}:{criterion.strip()}",
        what="score",
        fix="write a number on the criterion's scale",
    )
    return alternative.strip(), criterion.strip(), number


def _scale_of(criteria: pd.DataFrame, cid: str) -> tuple[float, float]:
    # Float columns (validate_criteria); the stubs type .at as any scalar.
    return float(cast(float, criteria.at[cid, "min"])), float(cast(float, criteria.at[cid, "max"]))


def _on_scale(value: float, lo: float, hi: float) -> bool:
    return math.isnan(lo) or lo <= value <= hi


def _scale(lo: float, hi: float) -> str:
    return "no declared scale" if math.isnan(lo) else f"its scale {lo:g}..{hi:g}"


def check_overrides(
    cells: Mapping | pd.DataFrame | Iterable,
    scores: pd.DataFrame,
    criteria: pd.DataFrame,
    *,
    reason: str = "",
) -> pd.DataFrame:
    """Validate user scores and return them as rows of :data:`OVERRIDE_COLUMNS` (no ``bundled``).

    Parameters
    ----------
    cells : mapping, DataFrame or iterable
        ``{(alternative, criterion): score}`` or ``{(alternative, criterion): (score, reason)}``;
        a DataFrame with columns ``alternative``, ``criterion``, ``score`` (and ``reason``);
        or an iterable of ``(alternative, criterion, score[, reason])``.
    scores, criteria : DataFrame
        The comparison's (all alternatives, before any screening).
    reason : str
        The reason for cells that give none.

    Raises
    ------
    DataError
        Unknown alternative or criterion, a score that is not a finite number or off the
        criterion's declared scale, a reason that is not one line of at most 200 characters, or
        the same cell twice.
    """
    if isinstance(cells, pd.DataFrame):
        missing = {"alternative", "criterion", "score"} - set(cells.columns)
        if missing:
            raise DataError(
                f"score overrides need the columns {', '.join(sorted(missing))}",
                fix="give columns alternative, criterion, score (and reason)",
            )
        items = [
            (r["alternative"], r["criterion"], r["score"], r.get("reason", reason))
            for _, r in cells.iterrows()
        ]
    elif isinstance(cells, Mapping):
        items = []
        for key, value in cells.items():
            if not (isinstance(key, tuple) and len(key) == 2):
                raise DataError(
                    "a score override is keyed by (alternative, criterion)",
                    value=key,
                    fix="use e.g. {('Flask', 'async_support'): 3}",
                )
            score, why = value if isinstance(value, tuple) else (value, reason)
            items.append((key[0], key[1], score, why))
    else:
        items = [
            (*item, reason) if len(item) == 3 else tuple(item)
            for item in cast(Iterable[tuple], cells)
        ]
    rows, seen = [], set()
    for alt, cid, score, why in items:
        where = f"{alt}:{cid}"
        if alt not in scores.index:
            raise DataError(
                "unknown alternative",
                where=where,
                value=alt,
                fix=f"use one of {', '.join(map(str, scores.index))}",
            )
        if cid not in criteria.index:
            raise DataError(
                "unknown criterion",
                where=where,
                value=cid,
                fix=f"use a criterion id ({', '.join(map(str, criteria.index))})",
            )
        if (alt, cid) in seen:
            raise DataError("score given twice", where=where, fix="give each cell once")
        seen.add((alt, cid))
        number = v.to_number(
            score, source="score", where=where, what="score", fix="write a finite number"
        )
        lo, hi = _scale_of(criteria, cid)
        if not _on_scale(number, lo, hi):
            raise DataError(
                f"score off the criterion's scale {lo:g}..{hi:g}",
                where=where,
                value=score,
                fix=f"give a score from {lo:g} to {hi:g}",
            )
        why = "" if why is None or (isinstance(why, float) and math.isnan(why)) else str(why)
        if any(c in why for c in "\r\n") or len(why) > MAX_REASON:
            raise DataError(
                f"a reason is one line of at most {MAX_REASON} characters",
                where=where,
                value=why[:60],
                fix="shorten it to one line",
            )
        rows.append({"alternative": alt, "criterion": cid, "score": number, "reason": why.strip()})
    return pd.DataFrame(rows, columns=["alternative", "criterion", "score", "reason"])


def check_requirements(
    requirements: Iterable[Requirement | str | Mapping], criteria: pd.DataFrame
) -> tuple[Requirement, ...]:
    """Validate must-haves against the criteria; one per criterion.

    Parameters
    ----------
    requirements : iterable of Requirement, str or mapping
        ``Requirement``, ``"async_support>=3"``, or ``{"criterion": ..., "op": ..., "bound": ...}``
        (a saved profile's form).
    criteria : DataFrame
        The comparison's criteria.

    Returns
    -------
    tuple of Requirement
        In criteria order.

    Raises
    ------
    DataError
        Unknown criterion, an operator other than ``>=``/``<=``, a minimum on a cost or a
        maximum on a benefit criterion, a bound off the declared scale, or a criterion twice.
    """
    out: dict[str, Requirement] = {}
    for item in requirements:
        if isinstance(item, str):
            req = parse_requirement(item)
        elif isinstance(item, Mapping):
            try:
                req = Requirement(str(item["criterion"]), str(item["op"]), item["bound"])
            except KeyError as exc:
                raise DataError(
                    "a requirement needs criterion, op and bound",
                    value=dict(item),
                    fix=f"add {exc.args[0]!r}",
                ) from None
        else:
            req = item
        where = req.spec() if isinstance(req.bound, (int, float)) else req.criterion
        if req.criterion not in criteria.index:
            raise DataError(
                "unknown criterion in a requirement",
                where=where,
                value=req.criterion,
                fix=f"use a criterion id ({', '.join(map(str, criteria.index))})",
            )
        if req.op not in _OPS:
            raise DataError(
                "a requirement is >= (at least) or <= (at most)", where=where, value=req.op,
                fix="use >= for a minimum or <= for a maximum",
            )  # fmt: skip
        bound = v.to_number(
            req.bound, source="requirement", where=where, what="bound", fix="write a number"
        )
        benefit = criteria.at[req.criterion, "direction"] == "benefit"
        if benefit != (req.op == ">="):
            want = ">=" if benefit else "<="
            kind = "higher" if benefit else "lower"
            raise DataError(
                f"{req.criterion} is better {kind}, so its must-have is a "
                f"{'minimum' if benefit else 'maximum'}",
                where=where,
                fix=f"write {req.criterion}{want}{bound:g}",
            )
        lo, hi = _scale_of(criteria, req.criterion)
        if not _on_scale(bound, lo, hi):
            raise DataError(
                f"required value off {_scale(lo, hi)}",
                where=where,
                value=bound,
                fix=f"give a value from {lo:g} to {hi:g}",
            )
        if req.criterion in out:
            raise DataError(
                "two requirements on one criterion",
                where=where,
                fix="keep one per criterion",
            )
        out[req.criterion] = Requirement(req.criterion, req.op, bound)
    order = {c: i for i, c in enumerate(criteria.index)}
    return tuple(sorted(out.values(), key=lambda r: order[r.criterion]))


def screen(
    scores: pd.DataFrame, criteria: pd.DataFrame, requirements: tuple[Requirement, ...]
) -> pd.DataFrame:
    """Which alternatives miss which must-have, and by how much (checked requirements).

    Returns
    -------
    DataFrame
        :data:`RULED_OUT_COLUMNS`, one row per (alternative, failed requirement), in scores and
        criteria order: ``shortfall`` is how far the score is from passing (always > 0), and
        ``text`` reads e.g. ``"Async and real-time 2 < 3"``. Empty when all pass.
    """
    rows = []
    for alt in scores.index:
        for req in requirements:
            score = float(cast(float, scores.at[alt, req.criterion]))
            if req.passes(score):
                continue
            name = str(criteria.at[req.criterion, "name"])
            sign = "<" if req.op == ">=" else ">"
            rows.append(
                {
                    "alternative": alt,
                    "criterion": req.criterion,
                    "requirement": req.spec(),
                    "score": score,
                    "shortfall": abs(score - req.bound),
                    "text": f"{name} {score:g} {sign} {req.bound:g}",
                }
            )
    return pd.DataFrame(rows, columns=RULED_OUT_COLUMNS)


def ruled_out_text(ruled_out: pd.DataFrame) -> str:
    """``"Flask (Async and real-time 2 < 3)"``, one entry per alternative ruled out."""
    parts = []
    for alt, rows in ruled_out.groupby("alternative", sort=False):
        parts.append(f"{alt} ({'; '.join(rows['text'])})")
    return ", ".join(parts)


def all_ruled_out_error(ruled_out: pd.DataFrame, n_alternatives: int) -> DataError:
    """Build the error when no alternative passes: what rules out each, and how far it is."""
    far = []
    for alt, rows in ruled_out.groupby("alternative", sort=False):
        gaps = "; ".join(
            f"{t}, {s:g} short" for t, s in zip(rows["text"], rows["shortfall"], strict=True)
        )
        far.append(f"{alt} ({gaps})")
    return DataError(
        f"all {n_alternatives} alternatives are ruled out by the must-haves: {', '.join(far)}",
        fix="relax or drop a requirement; the nearest miss is "
        + str(ruled_out.sort_values("shortfall", kind="stable").iloc[0]["requirement"]),
    )


def merged_overrides(
    previous: pd.DataFrame, new: pd.DataFrame, bundled: pd.DataFrame
) -> pd.DataFrame:
    """Apply ``new`` overrides on top of ``previous``; ``bundled`` are the data's own scores.

    A cell set back to its bundled score is no override any more.
    """
    keep = previous.set_index(["alternative", "criterion"])
    for _, r in new.iterrows():
        key = (r["alternative"], r["criterion"])
        original = float(cast(float, bundled.at[r["alternative"], r["criterion"]]))
        if float(r["score"]) == original:
            keep = keep.drop(index=key, errors="ignore")
            continue
        keep.loc[key, ["score", "bundled", "reason"]] = [float(r["score"]), original, r["reason"]]
    out = keep.reset_index()
    return out[OVERRIDE_COLUMNS].reset_index(drop=True)
