"""Validating public scoring functions on top of the numeric kernels in :mod:`.methods`."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np
import pandas as pd

from . import methods
from .comparison import Comparison
from .errors import DataError
from .validation import to_number, validate_weight_values

Weights = None | str | Mapping[str, float] | pd.Series


def resolve_weights(comparison: Comparison, weights: Weights = None) -> pd.Series:
    """Turn any accepted form of weights into a Series by criterion id that sums to 1.

    Parameters
    ----------
    comparison : Comparison
    weights : None, str, mapping or Series
        ``None``: the criteria's default weights. A string: the name of one of the comparison's
        profiles. A mapping or Series by criterion id: criteria it leaves out get weight 0.

    Raises
    ------
    DataError
        Unknown profile or criterion id, a non-numeric, NaN or negative weight, or all zero.
    """
    ids = comparison.criterion_ids
    if weights is None:
        return comparison.weights
    if isinstance(weights, str):
        profiles = comparison._profiles
        if weights not in profiles.index:
            known = ", ".join(profiles.index) or "none"
            raise DataError(
                "unknown profile",
                file=f"profiles of {comparison.name!r}",
                value=weights,
                fix=f"use one of: {known}",
            )
        raw = profiles.loc[weights, ids].astype(float)
        return validate_weight_values(raw, source=f"profile {weights!r}")
    if not isinstance(weights, Mapping | pd.Series):
        raise DataError(
            "weights must be None, a profile name, or a mapping of criterion id to weight",
            value=type(weights).__name__,
            fix="pass e.g. {'learning_curve': 3, 'admin_interface': 1}",
        )
    items = weights.items()
    unknown = [k for k, _ in items if k not in ids]
    if unknown:
        raise DataError(
            "unknown criterion in weights",
            file="weights",
            value=unknown[0],
            fix=f"use criterion ids: {', '.join(ids)}",
        )
    raw = pd.Series(0.0, index=pd.Index(ids, name="id"))
    for k, w in weights.items():
        raw[k] = to_number(
            w, source="weights", where=f"criterion {k!r}", what="weight", fix="use a number >= 0"
        )
    return validate_weight_values(raw, source="weights")


def _check_method(method: str) -> str:
    m = str(method).lower()
    if m not in methods.METHODS:
        raise DataError(
            "unknown method", value=method, fix=f"use one of: {', '.join(methods.METHODS)}"
        )
    return m


def _check_positive(comparison: Comparison) -> None:
    x = comparison.arrays[0]
    rows, cols = np.nonzero(x <= 0)
    if len(rows):
        alt, cid = comparison.alternatives[rows[0]], comparison.criterion_ids[cols[0]]
        value = x[rows[0], cols[0]]
        raise DataError(
            "WPM needs positive scores (it divides and takes powers)",
            file=f"scores of {comparison.name!r}",
            where=f"alternative {alt!r}, criterion {cid!r}",
            value=float(value),
            fix="use wsm or topsis, or put the criterion on a scale that starts above 0",
        )


def method_scores(comparison: Comparison, w: np.ndarray, method: str) -> np.ndarray:
    """Scores of every alternative for a checked weight array (one vector or a stack)."""
    x, lo, hi, benefit = comparison.arrays
    if method == "wsm":
        return methods.wsm_scores(x, w, lo, hi, benefit)
    if method == "wpm":
        return methods.wpm_scores(x, w, benefit)
    return methods.topsis_scores(x, w, benefit)


def rank(comparison: Comparison, weights: Weights = None, method: str = "wsm") -> pd.DataFrame:
    """Score and rank the alternatives.

    Parameters
    ----------
    comparison : Comparison
    weights : None, str, mapping or Series
        See :func:`resolve_weights`; normalised to sum 1.
    method : {"wsm", "wpm", "topsis"}
        ``wsm``: weighted sum of values min-max normalised by the declared scale (or over the
        alternatives where none is declared), cost criteria flipped. ``wpm``: weighted product of
        ``x / max`` (benefit) or ``min / x`` (cost). ``topsis``: closeness to the ideal after
        vector normalisation (Hwang & Yoon).

    Returns
    -------
    DataFrame
        Index ``alternative``, best first; columns ``score`` (float; higher is better, 0..1 for
        all three methods) and ``rank`` (int, 1 = best; equal scores share a rank).
    """
    w, method = _checked(comparison, weights, method)
    return _ranking_frame(comparison, w.to_numpy(), method)


def _checked(comparison: Comparison, weights: Weights, method: str) -> tuple[pd.Series, str]:
    """Validate once what every public scoring function needs: weights, method, WPM's inputs."""
    method = _check_method(method)
    w = resolve_weights(comparison, weights)
    if method == "wpm":
        _check_positive(comparison)
    return w, method


def _ranking_frame(comparison: Comparison, w: np.ndarray, method: str) -> pd.DataFrame:
    scores = method_scores(comparison, w, method)
    frame = pd.DataFrame(
        {"score": scores, "rank": methods.ranks_from_scores(scores)},
        index=pd.Index(comparison.alternatives, name="alternative"),
    )
    # Ties are listed by name so that the row order of the input never shows through.
    return frame.assign(_name=frame.index).sort_values(["rank", "_name"]).drop(columns="_name")


def contributions(
    comparison: Comparison, weights: Weights = None, method: str = "wsm"
) -> pd.DataFrame:
    """Each criterion's share in each alternative's result.

    Returns
    -------
    DataFrame
        Index ``alternative`` (input order), columns the criterion ids. ``wsm``: ``w_j n_ij``,
        rows sum to the score. ``wpm``: ``w_j log(ratio_ij)`` (<= 0), rows sum to ``log(score)``.
        ``topsis``: terms of ``d-^2 - d+^2`` (positive pulls towards the ideal); rows do not sum
        to the closeness.
    """
    w, method = _checked(comparison, weights, method)
    return _contributions_frame(comparison, w.to_numpy(), method)


def _contributions_frame(comparison: Comparison, w: np.ndarray, method: str) -> pd.DataFrame:
    x, lo, hi, benefit = comparison.arrays
    if method == "wsm":
        c = methods.wsm_contributions(x, w, lo, hi, benefit)
    elif method == "wpm":
        c = methods.wpm_contributions(x, w, benefit)
    else:
        c = methods.topsis_contributions(x, w, benefit)
    return pd.DataFrame(
        c,
        index=pd.Index(comparison.alternatives, name="alternative"),
        columns=pd.Index(comparison.criterion_ids, name="criterion"),
    )


@dataclass(frozen=True)
class Recommendation:
    """The outcome of scoring a comparison with one set of weights.

    Attributes
    ----------
    method : str
    weights : Series
        Normalised weights used, by criterion id.
    ranking : DataFrame
        As returned by :func:`rank`.
    contributions : DataFrame
        As returned by :func:`contributions`.
    winner, runner_up : str
        ``runner_up`` is ``None`` for a single alternative.
    margin : float
        Winner's score minus the runner-up's (0 when tied).
    deciding : DataFrame
        The criteria that favour the winner over the runner-up most, largest first: index
        ``criterion``, columns ``name``, ``advantage`` (winner's contribution minus the
        runner-up's, > 0), ``share`` (of the total positive advantage).
    """

    method: str
    weights: pd.Series
    ranking: pd.DataFrame
    contributions: pd.DataFrame
    winner: str
    runner_up: str | None
    margin: float
    deciding: pd.DataFrame

    @property
    def tie(self) -> bool:
        return self.runner_up is not None and self.ranking["rank"].iloc[1] == 1

    def headline(self, top: int = 3) -> str:
        """One plain sentence: the winner, its margin and the criteria that decide it."""
        if self.runner_up is None:
            return f"{self.winner} is the only alternative."
        if self.tie:
            return f"{self.winner} and {self.runner_up} tie ({self.method.upper()})."
        names = list(self.deciding["name"].head(top))
        reasons = names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]
        because = f", mainly on {reasons}" if names else ""
        best = self.ranking["score"].iloc[0]
        return (
            f"{self.winner} comes first ({self.method.upper()} score {best:.3f}), "
            f"{self.margin:.3f} ahead of {self.runner_up}{because}."
        )


def recommend(
    comparison: Comparison, weights: Weights = None, method: str = "wsm"
) -> Recommendation:
    """Rank, decompose and explain in one call (see :class:`Recommendation`)."""
    w, method = _checked(comparison, weights, method)
    ranking = _ranking_frame(comparison, w.to_numpy(), method)
    contrib = _contributions_frame(comparison, w.to_numpy(), method)
    winner = str(ranking.index[0])
    runner_up = str(ranking.index[1]) if len(ranking) > 1 else None
    margin = float(ranking["score"].iloc[0] - ranking["score"].iloc[1]) if runner_up else 0.0
    names = comparison._criteria["name"]
    if runner_up:
        adv = contrib.loc[winner] - contrib.loc[runner_up]
        adv = adv[adv > 0].sort_values(ascending=False)
    else:
        adv = pd.Series(dtype=float)
    deciding = pd.DataFrame(
        {
            "name": names.reindex(adv.index),
            "advantage": adv,
            "share": adv / adv.sum() if len(adv) else adv,
        },
    )
    deciding.index.name = "criterion"
    return Recommendation(method, w, ranking, contrib, winner, runner_up, margin, deciding)
