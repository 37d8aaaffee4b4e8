"""Group decisions: several stakeholders' weights, one group recommendation.

Each stakeholder gives weights in any form :func:`~fwcompare_nb.resolve_weights` accepts (saved
profiles are read by the caller: :func:`fwcompare_nb.io.profiles.stakeholders_from_profiles`).
Each person's weights are normalised to sum 1 first, so only the ratios between one person's
weights count, never the size of the numbers typed. One method scores everyone; methods saved
with profiles are ignored.

Aggregation
-----------
``"geometric"`` (default)
    The geometric mean across stakeholders of each criterion's weight, renormalised to sum 1: the
    aggregation of individual priorities (AIP) that Forman & Peniwati recommend for AHP group
    decisions ("Aggregating individual judgments and priorities with the Analytic Hierarchy
    Process", EJOR 108, 1998, pp. 165-169). Weights are ratios ("twice as important as") and the
    geometric mean keeps them: the group's ratio between two criteria is the geometric mean of the
    stakeholders' ratios, and pooling inverted weights gives the inverted result. As it is at most
    the arithmetic mean (AM-GM), and further below it the more people differ, renormalising moves
    weight towards the criteria they agree on. **A zero is a veto**: a criterion that anyone
    weights 0 gets group weight 0, however much the others care. :attr:`GroupResult.vetoed` lists
    such criteria and :meth:`GroupResult.sentence` names them; if every criterion is vetoed,
    :func:`aggregate_weights` refuses and suggests ``how="arithmetic"``.
``"arithmetic"``
    The plain mean of the normalised weights (already summing to 1). A zero only pulls a weight
    down: use it when 0 means "I do not mind" rather than "this must not count".

An analysis: NumPy, pandas and the package's core only; no files.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import cast

import numpy as np
import pandas as pd

from ..core.comparison import Comparison, Weights, resolve_weights
from ..core.errors import DataError
from ..core.methods import get_method
from ..core.scoring import Recommendation, recommend
from ..core.text import score_text
from ..core.validation import check_choice

AGGREGATIONS = ("geometric", "arithmetic")
GROUP_ROW = "group"  # the group's row in GroupResult.recommendations: no stakeholder may use it
Stakeholders = Mapping[str, Weights]


def mean_weights(w: np.ndarray, how: str) -> np.ndarray:
    """Kernel: column means of ``w`` (stakeholders x criteria), not renormalised, unchecked.

    The geometric mean is ``exp(mean(log w))`` rather than a product's root so that many small
    weights cannot underflow; ``log 0 = -inf`` makes any zero give exactly 0 (the veto).
    """
    if how == "arithmetic":
        return w.mean(axis=0)
    with np.errstate(divide="ignore"):
        return np.exp(np.log(w).mean(axis=0))


def aggregate_weights(weights: pd.DataFrame, how: str = "geometric") -> pd.Series:
    """Pool the stakeholders' weights into the group's weights.

    Parameters
    ----------
    weights : DataFrame
        Rows = stakeholders, columns = criterion ids, each row summing to 1 (as
        :func:`stakeholder_weights` returns).
    how : {"geometric", "arithmetic"}
        How to pool them; see the module docstring.

    Returns
    -------
    Series
        The group's weights (index ``id``, name ``weight``), summing to 1.

    Raises
    ------
    DataError
        An unknown ``how``, or (geometric) every criterion is weighted 0 by someone.
    """
    how = check_choice(how, AGGREGATIONS, what="aggregation")
    pooled = mean_weights(weights.to_numpy(dtype=float), how)
    total = float(pooled.sum())
    if not total > 0:
        raise DataError(
            "every criterion is weighted 0 by at least one stakeholder; under the geometric "
            "mean a 0 is a veto, so no criterion keeps any weight",
            where="group weights",
            fix='use how="arithmetic" (a 0 then only lowers a weight), or give criteria that '
            "matter little to someone a small weight > 0 instead of 0",
        )
    return pd.Series(pooled / total, index=pd.Index(weights.columns, name="id"), name="weight")


def stakeholder_weights(comparison: Comparison, stakeholders: Stakeholders) -> pd.DataFrame:
    """Each stakeholder's weights normalised to sum 1: index ``stakeholder``, columns ``id``.

    Parameters
    ----------
    comparison : Comparison
    stakeholders : mapping
        ``{name: weights}``, weights in any form :func:`resolve_weights` accepts (preset name,
        mapping or Series by criterion id, ``None`` for the defaults). Names are stripped;
        order is kept.

    Raises
    ------
    DataError
        Fewer than 2 stakeholders; a name that is not text, empty, ``"group"`` or given twice;
        anything :func:`resolve_weights` refuses, naming the stakeholder.
    """
    pairs = _pairs(stakeholders)
    if len(pairs) < 2:
        raise DataError(
            f"a group decision needs at least 2 stakeholders, got {len(pairs)}",
            where="stakeholders",
            fix="add another stakeholder's weights, or use recommend() for one set of weights",
        )
    ids = comparison.criterion_ids
    rows: dict[str, np.ndarray] = {}
    for raw_name, given in pairs:
        name = _check_name(raw_name, rows)
        try:
            w = resolve_weights(comparison, given)
        except DataError as exc:
            where = f"stakeholder {name!r}" + (f", {exc.where}" if exc.where else "")
            raise DataError(
                exc.problem, file=exc.file, where=where, value=exc.value, fix=exc.fix
            ) from exc
        rows[name] = w.reindex(ids).to_numpy(dtype=float)
    index = pd.Index(list(rows), name="stakeholder")
    return pd.DataFrame(list(rows.values()), index=index, columns=pd.Index(ids, name="id"))


@dataclass(frozen=True, eq=False)
class GroupResult:
    """A group decision (see :func:`group_decision`).

    Attributes
    ----------
    how, method : str
        Aggregation and scoring method.
    weights : Series
        The group's weights by criterion id, summing to 1.
    stakeholder_weights : DataFrame
        As :func:`stakeholder_weights` returns.
    recommendations : DataFrame
        Index ``stakeholder``: one row per stakeholder, then a last row ``"group"`` scored with
        the group's weights. Columns ``winner``, ``runner_up`` (None for one alternative),
        ``margin``, ``tie`` (bool) and ``"score: <alternative>"`` per alternative, in the
        comparison's order (prefixed so that no alternative's name can clash with a column).
    disagreement : DataFrame
        Index ``criterion``; columns ``name``, ``group`` (group weight), ``min``, ``max``,
        ``spread`` (max - min), ``std`` (population, ddof=0), ``lowest`` and ``highest`` (the
        first stakeholder with the min / max). Largest spread first; ties keep criteria order.
    winner : str
        The group's winner (on a tie the first by name, as :func:`recommend`).
    vetoed : tuple of str
        Criterion ids someone weights 0 while someone else does not, so the geometric mean
        zeroes them. Always empty for ``how="arithmetic"``.
    recommendation : Recommendation
        The group's full recommendation (ranking, contributions, deciding criteria).
    """

    how: str
    method: str
    weights: pd.Series
    stakeholder_weights: pd.DataFrame
    recommendations: pd.DataFrame
    disagreement: pd.DataFrame
    winner: str
    vetoed: tuple[str, ...]
    recommendation: Recommendation

    def to_dict(self) -> dict:
        """JSON-ready summary: plain str, float, list and dict only."""
        rec = self.recommendations
        # ``margin`` is a float column; the stubs type .at as any scalar.
        people = {
            str(name): {
                "winner": str(rec.at[name, "winner"]),
                "margin": float(cast(float, rec.at[name, "margin"])),
                "weights": _floats(row),
            }
            for name, row in self.stakeholder_weights.iterrows()
        }
        columns = ["spread", "min", "max", "lowest", "highest"]
        return {
            "how": self.how,
            "method": self.method,
            "weights": _floats(self.weights),
            "winner": self.winner,
            "margin": float(cast(float, rec.at[GROUP_ROW, "margin"])),
            "vetoed": list(self.vetoed),
            "stakeholders": people,
            # to_dict("records") hands out Python floats and str, not NumPy scalars.
            "disagreement": self.disagreement[columns].reset_index().to_dict("records"),
        }

    def sentence(self) -> str:
        """Plain words: the group's winner, who agrees, the widest disagreement, any veto."""
        rec = self.recommendations
        group, people = rec.loc[GROUP_ROW], rec.drop(index=GROUP_ROW)
        if group["tie"]:
            head = f"The group's weights tie {self.winner} with {group['runner_up']}"
        else:
            lead = score_text(self.recommendation.margin)
            head = f"The group's weights favour {self.winner} (margin {lead})"
        agree = int(((people["winner"] == self.winner) & ~people["tie"].astype(bool)).sum())
        own = f"{agree} of {len(people)} stakeholders would choose {self.winner} on their own"
        text = f"{head}; {own}."
        top = self.disagreement.iloc[0]
        if top["spread"] > 0:
            text += f" They disagree most on {top['name']} ({top['min']:.0%} to {top['max']:.0%})."
        else:
            text += " They give every criterion the same weight."
        if self.vetoed:
            names = _join([str(self.disagreement.at[c, "name"]) for c in self.vetoed])
            count = (
                f"{len(self.vetoed)} criteria get" if len(self.vetoed) > 1 else "1 criterion gets"
            )
            text += f" {count} no group weight as someone weights them 0 (a veto): {names}."
        return text


def group_decision(
    comparison: Comparison, stakeholders: Stakeholders, method: str = "wsm", how: str = "geometric"
) -> GroupResult:
    """Pool the stakeholders' weights; score each one's choice and the group's; show disagreement.

    ``stakeholders`` as :func:`stakeholder_weights`; ``method`` one of ``wsm``, ``wpm``,
    ``topsis``; ``how`` one of :data:`AGGREGATIONS` (see the module docstring). Raises
    DataError for an unknown method or aggregation and whatever :func:`stakeholder_weights`,
    :func:`aggregate_weights` or :func:`recommend` refuse.
    """
    method = get_method(method).key
    how = check_choice(how, AGGREGATIONS, what="aggregation")
    table = stakeholder_weights(comparison, stakeholders)
    group = aggregate_weights(table, how)
    recs = {name: recommend(comparison, row, method) for name, row in table.iterrows()}
    recs[GROUP_ROW] = recommend(comparison, group, method)
    alts = comparison.alternatives
    recommendations = pd.DataFrame(
        [
            [r.winner, r.runner_up, r.margin, r.tie, *r.ranking["score"][alts]]
            for r in recs.values()
        ],
        index=pd.Index(list(recs), name="stakeholder"),
        columns=["winner", "runner_up", "margin", "tie", *(f"score: {a}" for a in alts)],
    )
    low, high = table.min(), table.max()
    disagreement = pd.DataFrame(
        {
            "name": comparison.criteria["name"].reindex(table.columns),
            "group": group,
            "min": low,
            "max": high,
            "spread": high - low,
            "std": table.std(ddof=0),
            "lowest": table.idxmin(),
            "highest": table.idxmax(),
        }
    ).sort_values("spread", ascending=False, kind="stable")
    disagreement.index.name = "criterion"
    vetoed = tuple(c for c in table.columns if how == "geometric" and low[c] == 0 < high[c])
    winner = recs[GROUP_ROW].winner
    return GroupResult(
        how, method, group, table, recommendations, disagreement, winner, vetoed, recs[GROUP_ROW]
    )


def _pairs(stakeholders: object) -> list[tuple[object, Weights]]:
    if not isinstance(stakeholders, Mapping):
        raise DataError(
            "stakeholders must be a mapping of name to weights",
            where="stakeholders",
            value=type(stakeholders).__name__,
            fix="pass e.g. {'Ann': 'learning', 'Bob': {'maturity': 3}}; for saved profiles, "
            "fwcompare_nb.io.profiles.stakeholders_from_profiles(profiles, comparison)",
        )
    return list(stakeholders.items())


def _check_name(name: object, seen: Mapping[str, object]) -> str:
    text = name.strip() if isinstance(name, str) else ""
    if not text or text == GROUP_ROW:
        raise DataError(
            "a stakeholder's name must be non-empty text other than 'group' (the group's row)",
            where="stakeholders",
            value=name,
            fix="name each stakeholder, e.g. 'Ann' or 'ops team'",
        )
    if text in seen:
        raise DataError(
            "two stakeholders have the same name",
            where="stakeholders",
            value=text,
            fix="give each stakeholder a different name",
        )
    return text


def _floats(weights: pd.Series) -> dict[str, float]:
    return {str(k): float(v) for k, v in weights.items()}


def _join(names: list[str], limit: int = 3) -> str:
    if len(names) > limit:
        names = [*names[:limit], f"{len(names) - limit} more"]
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


__all__ = [
    "AGGREGATIONS",
    "GroupResult",
    "aggregate_weights",
    "group_decision",
    "mean_weights",
    "stakeholder_weights",
]
