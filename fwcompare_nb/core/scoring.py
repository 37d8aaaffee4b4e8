"""Scoring a comparison: rank, contributions and the recommendation, on the registry's kernels.

Each public function checks its input once (:func:`checked`: weights, method, the method's
preconditions) and then runs the method's kernels on the comparison's cached weight-free terms.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import cast

import numpy as np
import pandas as pd

from .comparison import Comparison, Weights, resolve_weights
from .judgement import ruled_out_text
from .methods import Method, get_method
from .text import score_text, visible

__all__ = [
    "Recommendation",
    "Weights",
    "checked",
    "contributions",
    "method_scores",
    "rank",
    "ranking_csv",
    "recommend",
    "resolve_weights",
]


def checked(
    comparison: Comparison, weights: Weights = None, method: str | Method = "wsm"
) -> tuple[pd.Series, Method]:
    """Validate once what every scoring function and analysis needs.

    Parameters
    ----------
    comparison : Comparison
        What is scored.
    weights : None, str, mapping or Series
        See :func:`resolve_weights`.
    method : str or Method
        A key of :data:`~fwcompare_nb.core.methods.REGISTRY`.

    Returns
    -------
    weights : Series
        Normalised, by criterion id.
    method : Method
        The registry entry, whose preconditions the comparison meets.

    Raises
    ------
    DataError
        Bad weights, an unknown method, or scores the method cannot use.
    """
    m = get_method(method)
    w = resolve_weights(comparison, weights)
    _check_scores(comparison, m)
    return w, m


def _check_scores(comparison: Comparison, method: Method) -> None:
    if not method.needs_positive:  # nothing to check: skip building the names for a message
        return
    method.check(
        comparison.arrays[0],
        comparison.alternative_index,
        comparison.criterion_ids,
        source=f"scores of {comparison.name!r}",
    )


def method_scores(comparison: Comparison, w: np.ndarray, method: Method) -> np.ndarray:
    """Scores of every alternative for a checked weight array (one vector or a stack)."""
    return method.combine(comparison.terms(method), w)


def rank(comparison: Comparison, weights: Weights = None, method: str = "wsm") -> pd.DataFrame:
    """Score and rank the alternatives.

    Parameters
    ----------
    comparison : Comparison
        What is scored.
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
        all three methods) and ``rank`` (int, 1 = best; equal scores share a rank, listed by
        name).

    Raises
    ------
    DataError
        As :func:`checked`.

    Examples
    --------
    >>> import fwcompare_nb as fw
    >>> fw.rank(fw.load_comparison(), "learning").index[0]
    'Flask'
    """
    # checked() without its Series: rank is the public function that runs hottest.
    m = get_method(method)
    w = comparison.weight_vector(weights)
    _check_scores(comparison, m)
    return _ranking_frame(comparison, method_scores(comparison, w, m))


def _ranking_frame(comparison: Comparison, scores: np.ndarray) -> pd.DataFrame:
    # Best first, ties (scores equal to 12 decimals) by name: one lexsort on arrays the
    # comparison keeps, then competition ranks read off the sorted scores.
    rounded = np.round(scores, 12)
    order = np.lexsort((comparison.name_order, -rounded))
    ordered = rounded[order]
    new = np.empty(len(order), dtype=bool)
    new[:1] = True
    np.not_equal(ordered[1:], ordered[:-1], out=new[1:])
    ranks = np.maximum.accumulate(np.where(new, np.arange(1, len(order) + 1), 0))
    return pd.DataFrame(
        {"score": scores[order], "rank": ranks},
        index=comparison.alternative_index.take(order),
    )


#: What a spreadsheet takes for the start of a formula (OWASP's "CSV injection" list).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def ranking_csv(ranking: pd.DataFrame) -> str:
    """Write a ranking as CSV: ``alternative,score,rank``, best first, one row per alternative.

    The one CSV of a ranking, for the ``recommend --format csv`` command and the explorer's
    download alike. Scores keep every digit (they read back equal to
    :func:`rank`'s); a name a spreadsheet would take for a formula (starting with
    :data:`FORMULA_STARTS`) gets a leading ``'``, so that opening the file runs nothing.

    Parameters
    ----------
    ranking : DataFrame
        As returned by :func:`rank` (or :attr:`Recommendation.ranking`).

    Returns
    -------
    str
        The CSV text: a header line first, every line ending with a newline (the last one too).

    Examples
    --------
    >>> import fwcompare_nb as fw
    >>> ranking_csv(fw.rank(fw.load_comparison(), "learning")).splitlines()[:2]
    ['alternative,score,rank', 'Flask,0.7844827586206897,1']
    """
    names = [visible(a) for a in ranking.index]  # control characters shown, not sent
    safe = ["'" + a if a.startswith(FORMULA_STARTS) else a for a in names]
    table = pd.DataFrame(
        {
            "alternative": safe,
            "score": ranking["score"].to_numpy(),
            "rank": ranking["rank"].to_numpy(),
        }
    )
    # "\n" whatever the platform: pandas would write os.linesep, and text-mode output on
    # Windows turns each "\n" into "\r\n" once more.
    return table.to_csv(index=False, lineterminator="\n")


def contributions(
    comparison: Comparison, weights: Weights = None, method: str = "wsm"
) -> pd.DataFrame:
    """Each criterion's share in each alternative's result.

    Parameters
    ----------
    comparison : Comparison
        What is scored.
    weights : None, str, mapping or Series
        See :func:`resolve_weights`.
    method : {"wsm", "wpm", "topsis"}
        See :func:`rank`.

    Returns
    -------
    DataFrame
        Index ``alternative`` (input order), columns the criterion ids. ``wsm``: ``w_j n_ij``,
        rows sum to the score. ``wpm``: ``w_j log(ratio_ij)`` (<= 0), rows sum to ``log(score)``.
        ``topsis``: terms of ``d-^2 - d+^2`` (positive pulls towards the ideal); rows do not sum
        to the closeness.

    Raises
    ------
    DataError
        As :func:`checked`.
    """
    w, m = checked(comparison, weights, method)
    return _contributions_frame(comparison, w.to_numpy(), m)


def _contributions_frame(comparison: Comparison, w: np.ndarray, method: Method) -> pd.DataFrame:
    return pd.DataFrame(
        method.contributions(comparison.terms(method), w),
        index=comparison.alternative_index,
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
    own_scores : int
        How many of the comparison's scores the user set (:meth:`Comparison.with_scores`).
    ruled_out : str
        The alternatives screened out by must-haves and why, e.g. ``"Flask (Async and
        real-time 2 < 3)"``; empty when none is.
    excluded : tuple of str
        The names of those alternatives, in the data's order.
    """

    method: str
    weights: pd.Series
    ranking: pd.DataFrame
    contributions: pd.DataFrame
    winner: str
    runner_up: str | None
    margin: float
    deciding: pd.DataFrame
    own_scores: int = 0
    ruled_out: str = ""
    excluded: tuple[str, ...] = ()

    @property
    def tie(self) -> bool:
        """Whether the runner-up shares first place (scores equal to 12 decimals)."""
        return self.runner_up is not None and self.ranking["rank"].iloc[1] == 1

    def headline(self, top: int = 3) -> str:
        """One plain sentence: the winner, its margin and the criteria that decide it.

        Followed, when they apply, by how many scores are the user's own and which
        alternatives must-haves ruled out: "... With 2 of your own scores. Ruled out: Flask
        (Async and real-time 2 < 3)."
        """
        return self._first_sentence(top) + self.judgement_note()

    def judgement_note(self) -> str:
        """Say what of the headline rests on the user: own scores, must-haves ("" if none)."""
        note = ""
        if self.own_scores:
            s = "s" if self.own_scores != 1 else ""
            note += f" With {self.own_scores} of your own score{s}."
        if self.ruled_out:
            note += f" Ruled out: {self.ruled_out}."
        return note

    def _first_sentence(self, top: int) -> str:
        if self.runner_up is None:
            return f"{self.winner} is the only alternative."
        if self.tie:
            return f"{self.winner} and {self.runner_up} tie ({get_method(self.method).short})."
        names = list(self.deciding["name"].head(top))
        reasons = names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]
        because = f", mainly on {reasons}" if names else ""
        best = self.ranking["score"].iloc[0]
        return (
            f"{self.winner} comes first ({get_method(self.method).short} score {best:.3f}), "
            f"{score_text(self.margin)} ahead of {self.runner_up}{because}."
        )


def recommend(
    comparison: Comparison, weights: Weights = None, method: str = "wsm"
) -> Recommendation:
    """Rank, decompose and explain in one call (see :class:`Recommendation`).

    Parameters
    ----------
    comparison : Comparison
        What is scored.
    weights : None, str, mapping or Series
        See :func:`resolve_weights`.
    method : {"wsm", "wpm", "topsis"}
        See :func:`rank`.

    Returns
    -------
    Recommendation
        The ranking, the contributions, the winner, its margin and the deciding criteria.

    Raises
    ------
    DataError
        As :func:`checked`.

    Examples
    --------
    >>> import fwcompare_nb as fw
    >>> fw.recommend(fw.load_comparison(), "large-project").winner
    'Django'
    """
    w, m = checked(comparison, weights, method)
    wv = w.to_numpy()
    ranking = _ranking_frame(comparison, method_scores(comparison, wv, m))
    contrib = _contributions_frame(comparison, wv, m)
    winner = str(ranking.index[0])
    runner_up = str(ranking.index[1]) if len(ranking) > 1 else None
    margin = float(ranking["score"].iloc[0] - ranking["score"].iloc[1]) if runner_up else 0.0
    if runner_up:
        # Alternatives are unique, so each .loc is one row; the stubs allow a DataFrame too.
        adv = cast(pd.Series, contrib.loc[winner] - contrib.loc[runner_up])
        # Largest first; advantages equal to 12 decimals in criterion order, so that weights
        # that differ in the last bit (normalised twice) name the same criteria.
        key = adv.to_numpy().round(12)
        order = np.lexsort((np.arange(len(key)), -key))
        adv = adv.iloc[order[key[order] > 0]]
    else:
        adv = pd.Series(dtype=float)
    deciding = pd.DataFrame(
        {
            "name": comparison.criterion_names.reindex(adv.index),
            "advantage": adv,
            "share": adv / adv.sum() if len(adv) else adv,
        },
    )
    deciding.index.name = "criterion"
    return Recommendation(
        m.key, w, ranking, contrib, winner, runner_up, margin, deciding,
        own_scores=len(comparison.overrides),
        ruled_out=ruled_out_text(comparison.ruled_out),
        excluded=tuple(dict.fromkeys(map(str, comparison.ruled_out["alternative"]))),
    )  # fmt: skip
