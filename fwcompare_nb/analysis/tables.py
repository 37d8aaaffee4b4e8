"""Tables to read: the analyses' results with names, percentages and words instead of codes.

The analyses return numbers to compute with: shares from 0 to 1, ``inf`` where no single weight
change flips an answer, ``None`` where nobody wins beyond a bound, ``NaN`` for an alternative
that never comes first. The functions here turn them into what a notebook shows: plain
DataFrames of strings with readable column names, one row per criterion, situation or
alternative under its display name, shares as percentages (:func:`~fwcompare_nb.core.text.percent`),
weight changes in percentage points, and words or "–" where there is no number. They compute
nothing new; keep the results themselves for computing.
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd

from ..core.comparison import Comparison
from ..core.methods import get_method
from ..core.scoring import recommend
from ..core.text import percent, percent_towards
from .ahp import AhpResult
from .group import GROUP_ROW, GroupResult
from .sensitivity import SAME_CROSSING, SensitivityResult
from .smaa import SmaaResult
from .summaries import fragility_table

#: What a cell shows where there is nothing to show (no runner-up, nobody wins beyond a bound).
NOTHING = "–"
#: The change-needed cell of a criterion whose weight can move anywhere without changing the answer.
NO_SINGLE_CHANGE = "no single change"


def _missing(value: object) -> bool:
    if value is None:
        return True
    if isinstance(value, float | np.floating):
        return math.isnan(value)
    return isinstance(value, str) and not value.strip()


def _text(value: object) -> str:
    return NOTHING if _missing(value) else str(value)


def _points(change: float) -> str:
    """Write a weight change in percentage points: ``"11.6 points"``, ``"<0.1 points"``."""
    return percent(abs(change)).removesuffix("%") + " points"


def _change(change: float, raise_it: bool) -> str:
    return f"{'raise' if raise_it else 'lower'} by {_points(change)}"


def _ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def _frame(rows: list[dict[str, str]], columns: list[str], index: str) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=[index, *columns]).set_index(index)


def criteria(comparison: Comparison) -> pd.DataFrame:
    """Return the criteria as a reader needs them: group, direction, scale and default weight.

    Parameters
    ----------
    comparison : Comparison
        The comparison whose criteria are shown.

    Returns
    -------
    DataFrame
        Index ``Criterion`` (display names, in the declared order); string columns ``Group``,
        ``Direction`` ("higher is better" or "lower is better"), ``Scale`` ("1–5" for a declared
        scale, "the scores' range" where none is declared) and ``Default weight`` (the share of
        the total default weight, as a percentage).
    """
    crit = comparison.criteria
    weights = crit["weight"].astype(float)
    total = float(weights.sum())
    shares = (weights / total).tolist() if total > 0 else [math.nan] * len(crit)
    rows = []
    for share, (_, c) in zip(shares, crit.iterrows(), strict=True):
        low, high = c["min"], c["max"]
        scale = "the scores' range" if _missing(low) or _missing(high) else f"{low:g}–{high:g}"
        rows.append(
            {
                "Criterion": str(c["name"]),
                "Group": _text(c.get("group")),
                "Direction": "higher is better" if c["direction"] == "benefit" else
                             "lower is better",
                "Scale": scale,
                "Default weight": percent(share),
            }
        )  # fmt: skip
    return _frame(rows, ["Group", "Direction", "Scale", "Default weight"], "Criterion")


def answers(comparison: Comparison, method: str = "wsm") -> pd.DataFrame:
    """Return each preset's answer: the choice, the runner-up, the lead and why.

    Parameters
    ----------
    comparison : Comparison
        The comparison whose presets are scored.
    method : {"wsm", "wpm", "topsis"}
        The scoring method.

    Returns
    -------
    DataFrame
        Index ``Situation`` (the presets' labels, in file order); string columns ``Choice``,
        ``Runner-up`` ("–" with one alternative), ``Lead (<method> score)`` (three decimals, or
        "tie") and ``Mainly on`` (the three criteria that favour the choice most). Empty, with
        these columns, when the comparison has no presets.
    """
    lead = f"Lead ({get_method(method).short} score)"
    rows = []
    for preset in comparison.preset_ids:
        rec = recommend(comparison, preset, method)
        rows.append(
            {
                "Situation": comparison.preset_label(preset),
                "Choice": rec.winner,
                "Runner-up": _text(rec.runner_up),
                lead: "tie" if rec.tie else f"{rec.margin:.3f}",
                "Mainly on": ", ".join(map(str, rec.deciding["name"].head(3))) or NOTHING,
            }
        )
    return _frame(rows, ["Choice", "Runner-up", lead, "Mainly on"], "Situation")


def stability(result: SensitivityResult) -> pd.DataFrame:
    """Return, per criterion, how far its weight can move before the answer changes.

    Parameters
    ----------
    result : SensitivityResult
        From :func:`~fwcompare_nb.sensitivity`.

    Returns
    -------
    DataFrame
        Index ``Criterion`` (display names), the most fragile first; string columns
        ``Weight now``, ``Keeps <winner> first`` (the weight range, rounded inwards; "any
        weight" for 0–100%), ``Smallest change that flips it`` ("raise by 11.6 points",
        "lower by ...", or "no single change") and ``Then wins`` ("–" where no single change
        flips it).
    """
    iv = result.intervals.sort_values("change_needed", kind="stable")
    keeps = f"Keeps {result.winner} first"
    columns = ["Weight now", keeps, "Smallest change that flips it", "Then wins"]
    rows = []
    for _, r in iv.iterrows():
        low, high = float(r["stable_from"]), float(r["stable_to"])
        change = float(r["change_needed"])
        if math.isfinite(change):
            # the same side as flips_to and change_sentence: the lower one when both are as near
            down = r["flips_below"] is not None and (
                float(r["weight"]) - low <= change + SAME_CROSSING
            )
            flips, then = _change(change, not down), str(r["flips_to"])
        else:
            flips, then = NO_SINGLE_CHANGE, NOTHING
        rows.append(
            {
                "Criterion": str(r["name"]),
                "Weight now": percent(float(r["weight"])),
                keeps: "any weight" if low <= 0 and high >= 1 else
                       f"{percent_towards(low, up=True)} – {percent_towards(high, up=False)}",
                "Smallest change that flips it": flips,
                "Then wins": then,
            }
        )  # fmt: skip
    return _frame(rows, columns, "Criterion")


def fragility(comparison: Comparison, method: str = "wsm") -> pd.DataFrame:
    """Return, per preset, the one weight change that would most easily change its answer.

    Parameters
    ----------
    comparison : Comparison
        The comparison whose presets are examined.
    method : {"wsm", "wpm", "topsis"}
        The scoring method.

    Returns
    -------
    DataFrame
        :func:`~fwcompare_nb.fragility_table` to read: index ``Situation`` (labels), the most
        fragile answer first; string columns ``Choice``, ``Most fragile on`` (a criterion's
        name), ``Weight now``, ``Flips at`` (rounded towards the flipped side),
        ``Change needed`` ("raise by ... points" or "lower by ...") and ``Then wins``. A preset
        that no single weight change flips reads "no single change" and "–".
    """
    columns = ["Choice", "Most fragile on", "Weight now", "Flips at", "Change needed", "Then wins"]
    rows = []
    for _, r in fragility_table(comparison, method).iterrows():
        row = {"Situation": str(r["label"]), "Choice": str(r["winner"])}
        change = float(r["change_needed"])
        if _missing(r["criterion"]) or not math.isfinite(change):
            row.update({c: NOTHING for c in columns[1:]})
            row["Change needed"] = NO_SINGLE_CHANGE
        else:
            weight, at = float(r["weight"]), float(r["flips_at"])
            row.update(
                {
                    "Most fragile on": str(r["name"]),
                    "Weight now": percent(weight),
                    "Flips at": percent_towards(at, up=at > weight),
                    "Change needed": _change(change, at > weight),
                    "Then wins": _text(r["flips_to"]),
                }
            )
        rows.append(row)
    return _frame(rows, columns, "Situation")


def acceptability(result: SmaaResult) -> pd.DataFrame:
    """Return how often each alternative takes each rank, as percentages.

    Parameters
    ----------
    result : SmaaResult
        From :func:`~fwcompare_nb.rank_acceptability`.

    Returns
    -------
    DataFrame
        Index ``Alternative``, the most often first at the top; string columns ``1st``,
        ``2nd``, ... (share of the sampled weightings giving that rank).
    """
    acc = result.acceptability
    first = acc[acc.columns[0]]
    order = sorted(acc.index, key=lambda a: (-float(first[a]), str(a)))
    columns = [_ordinal(int(rank)) for rank in acc.columns]
    rows = [
        {"Alternative": str(a), **dict(zip(columns, map(percent, acc.loc[a]), strict=True))}
        for a in order
    ]
    return _frame(rows, columns, "Alternative")


def central_weights(result: SmaaResult, comparison: Comparison) -> pd.DataFrame:
    """Return the average weighting under which each alternative wins, criterion by criterion.

    Parameters
    ----------
    result : SmaaResult
        From :func:`~fwcompare_nb.rank_acceptability`.
    comparison : Comparison
        The comparison it was computed for (for the criteria's names).

    Returns
    -------
    DataFrame
        Index ``Criterion`` (display names), largest gap first; string columns
        ``When <alternative> wins`` (its central weight; "–" for an alternative that never
        wins), ``Weighs more for`` (the alternative whose central weight is the highest) and
        ``Gap`` (highest minus lowest central weight, in percentage points). With fewer than two
        alternatives that win, the last two read "–".
    """
    cw = result.central_weights
    names = comparison.criterion_names
    wins = cw.dropna(how="all")
    columns = [f"When {a} wins" for a in cw.index] + ["Weighs more for", "Gap"]
    values_by_criterion = cw.to_numpy(dtype=float).T  # (criteria, alternatives), NaN: never wins
    rows, gaps = [], []
    for cid, shares in zip(cw.columns, values_by_criterion, strict=True):
        row = {"Criterion": str(names.get(cid, cid))}
        row.update({f"When {a} wins": percent(p) for a, p in zip(cw.index, shares, strict=True)})
        if len(wins) >= 2:
            values = wins[cid].astype(float)
            gap = float(values.max() - values.min())
            row["Weighs more for"] = str(values.idxmax()) if gap > 0 else NOTHING
            row["Gap"] = _points(gap)
        else:
            gap = -1.0
            row["Weighs more for"] = row["Gap"] = NOTHING
        rows.append(row)
        gaps.append(gap)
    order = np.argsort(-np.array(gaps), kind="stable")
    return _frame([rows[i] for i in order], columns, "Criterion")


def pairwise_weights(result: AhpResult, comparison: Comparison | None = None) -> pd.DataFrame:
    """Return the AHP weights as percentages, largest first.

    Parameters
    ----------
    result : AhpResult
        From :func:`~fwcompare_nb.ahp_weights`.
    comparison : Comparison, optional
        Gives the criteria's display names; without it the ids are shown.

    Returns
    -------
    DataFrame
        Index ``Criterion``; one string column ``Weight``. How consistent the judgements are is
        :func:`~fwcompare_nb.analysis.ahp.inconsistency_message`'s sentence.
    """
    names = comparison.criterion_names if comparison is not None else pd.Series(dtype=object)
    weights = result.weights.sort_values(ascending=False, kind="stable")
    rows = [
        {"Criterion": str(names.get(cid, cid)), "Weight": percent(float(w))}
        for cid, w in weights.items()
    ]
    return _frame(rows, ["Weight"], "Criterion")


def group(result: GroupResult) -> pd.DataFrame:
    """Return each stakeholder's choice and the group's, with the scores behind them.

    Parameters
    ----------
    result : GroupResult
        From :func:`~fwcompare_nb.group_decision`.

    Returns
    -------
    DataFrame
        Index ``Stakeholder`` (the group's row last, named after its aggregation); string
        columns ``Would choose`` ("tie: A and B" on a tie), ``Lead`` and one
        ``<alternative> score`` column per alternative (three decimals).
    """
    rec = result.recommendations
    scores = [c for c in rec.columns if str(c).startswith("score: ")]
    score_columns = [f"{str(c).removeprefix('score: ')} score" for c in scores]
    rows = []
    for name, r in rec.iterrows():
        who = f"the group ({result.how} mean)" if name == GROUP_ROW else str(name)
        choice = str(r["winner"])
        if bool(r["tie"]):
            choice = f"tie: {r['winner']} and {r['runner_up']}"
        row = {"Stakeholder": who, "Would choose": choice, "Lead": f"{float(r['margin']):.3f}"}
        row.update(
            {label: f"{float(r[c]):.3f}" for label, c in zip(score_columns, scores, strict=True)}
        )
        rows.append(row)
    return _frame(rows, ["Would choose", "Lead", *score_columns], "Stakeholder")


#: Units whose values are counts (shown without decimals).
COUNT_UNITS = ("count", "lines", "files")


def _measured(value: float, unit: str) -> str:
    if _missing(value):
        return NOTHING
    if unit == "bool":
        return "yes" if value else "no"
    if unit in COUNT_UNITS:
        return f"{value:.0f}"
    digits = 0 if abs(value) >= 100 else 1 if abs(value) >= 10 else 2
    return f"{value:.{digits}f}"


def measure(table: pd.DataFrame) -> pd.DataFrame:
    """Return one measure's table (frameworks by apps) with its values written out.

    Parameters
    ----------
    table : DataFrame
        From :func:`fwcompare_nb.io.measurements.measure_table` (the unit in
        ``attrs["unit"]``).

    Returns
    -------
    DataFrame
        The same rows and columns as strings: "yes"/"no" for a ``bool`` measure, whole numbers
        for counts, lines and files, otherwise 0–2 decimals by size; "–" where nothing was
        measured. The column axis is named after the unit, or, for a whole-framework measure,
        its single ``value`` column. Index ``Framework``.
    """
    unit = str(table.attrs.get("unit", ""))
    out = table.apply(lambda column: column.map(lambda v: _measured(v, unit))).astype(object)
    whole = list(out.columns) == ["value"]
    out.columns.name = None if whole or unit in ("", "bool") else unit
    if whole and unit:
        out = out.rename(columns={"value": unit})
    out.index.name = "Framework"
    return out


__all__ = [
    "COUNT_UNITS",
    "NOTHING",
    "NO_SINGLE_CHANGE",
    "acceptability",
    "answers",
    "central_weights",
    "criteria",
    "fragility",
    "group",
    "measure",
    "pairwise_weights",
    "stability",
]
