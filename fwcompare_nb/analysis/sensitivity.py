"""What would change the answer: the weight range over which each criterion keeps the winner.

For criterion ``k`` its normalised weight ``t`` moves over 0..1 while the other weights are
rescaled in proportion, ``w_j(t) = w_j (1 - t) / (1 - w_k)``, so that they still sum to 1.

Conventions
-----------
* The winner is :func:`~fwcompare_nb.recommend`'s: first in :func:`rank` order (best
  first, equal scores listed by name).
* The winner *stays first* while its score is >= every other score minus ``tol``. A boundary is
  the crossing point where a challenger's score equals the winner's: there the two tie (and
  :func:`rank` lists them by name); just beyond it the challenger leads. A challenger counts only
  if it gets more than ``tol`` ahead somewhere on that side, so rounding noise between identical
  alternatives never makes a boundary.
* Ties at the current weights: a tied challenger that pulls ahead on one side puts that boundary
  at the current weight (``change_needed`` 0).
* ``w_k == 1`` (the others all 0) cannot be rescaled: below 1 the freed weight ``1 - t`` is
  spread equally over the other criteria. One criterion or one alternative: [0, 1], no flips.
* ``flips_to`` names who leads beyond the nearer boundary (the lower one when both are within
  1e-12).

Methods
-------
``wsm`` and ``wpm`` are exact: the score (WSM) or log score (WPM, same order) is linear in ``t``,
``s_a(t) = r_a + t (m_ak - r_a)`` with ``r_a`` the score on the other criteria alone, so each
challenger's crossing is the root of the winner's lead ``alpha + beta t``. ``topsis`` is not
linear: the lead is scanned on 2001 grid points plus the current weight, the first losing cell on
each side is bisected to < 1e-7 and the crossing interpolated inside it. A flip-and-flip-back
narrower than the grid step (5e-4) could be missed; the tests brute-force 20001 points.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import pandas as pd

from ..core.comparison import Comparison, Weights
from ..core.errors import DataError
from ..core.methods import Method, Terms, get_method
from ..core.scoring import checked, method_scores
from ..core.text import percent_towards

GRID = 2001
BRACKET = 1e-7
SAME_CROSSING = 1e-12  # challengers crossing this close together share the boundary
NO_FLIP = "No single weight change makes another alternative win."

Intervals = tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]


def _rest_weights(w: np.ndarray) -> np.ndarray:
    """(criteria, criteria): row k holds the other criteria's weights scaled to sum 1."""
    c = len(w)
    rest = np.tile(w, (c, 1))
    np.fill_diagonal(rest, 0.0)
    total = rest.sum(axis=1, keepdims=True)
    equal = np.full((c, c), 1.0 / max(c - 1, 1))
    np.fill_diagonal(equal, 0.0)
    return np.where(total > 0, rest / np.where(total > 0, total, 1.0), equal)


def _first(scores: np.ndarray, name_rank: np.ndarray) -> np.ndarray:
    """Index of the alternative :func:`rank` puts first in each row (equal to 12 dp: by name)."""
    s = np.round(scores, 12)
    top = s == s.max(axis=1, keepdims=True)
    return np.where(top, name_rank, len(name_rank)).argmin(axis=1)


def _flip(overtakes, cross, edge, steep, name_rank) -> np.ndarray:
    """Who leads just beyond ``edge``: the steepest challenger crossing there (then by name)."""
    group = overtakes & (np.abs(cross - edge) <= SAME_CROSSING)
    key = np.round(np.where(group, steep, -np.inf), 12)
    lead = group & (key == key.max(axis=0))
    flip = np.where(lead, name_rank[:, None], len(name_rank)).argmin(axis=0)
    return np.where(group.any(axis=0), flip, -1)


def _linear(m, w, winner, name_rank, tol) -> Intervals:
    """Exact intervals when the alternatives are ordered by ``m @ w`` (see module notes)."""
    r = m @ _rest_weights(w).T  # (alternatives, criteria): score on the other criteria alone
    slope = m - r
    alpha, beta = r[winner] - r, slope[winner] - slope
    with np.errstate(divide="ignore", invalid="ignore"):
        cross = -alpha / beta
    below = (beta > 0) & (alpha < -tol)  # ahead at t = 0, behind at the current weight
    above = (beta < 0) & (alpha + beta < -tol)  # ahead at t = 1
    lo = np.where(below, cross, 0.0).max(axis=0)
    hi = np.where(above, cross, 1.0).min(axis=0)
    flips = _flip(below, cross, lo, beta, name_rank), _flip(above, cross, hi, -beta, name_rank)
    return np.clip(lo, 0.0, w), np.clip(hi, w, 1.0), *flips


def _numeric(score, w, winner, name_rank, tol) -> Intervals:
    """Grid scan plus batched bisection for a score that is not linear in ``t``."""
    c = len(w)
    rest = _rest_weights(w)

    def lead_at(k, t):
        stack = (1.0 - t)[:, None] * rest[k]
        stack[np.arange(len(t)), k] = t
        s = score(stack)
        return s[:, winner] - np.delete(s, winner, axis=1).max(axis=1), s

    found = []  # (criterion, side 0 = below / 1 = above, inner t, outer t)
    grid = np.linspace(0.0, 1.0, GRID)
    for k in range(c):
        t = np.union1d(grid, w[k : k + 1])
        lost = np.flatnonzero(lead_at(k, t)[0] < -tol)
        here = np.searchsorted(t, w[k])
        if (down := lost[lost < here]).size:
            found.append((k, 0, t[down[-1] + 1], t[down[-1]]))
        if (up := lost[lost > here]).size:
            found.append((k, 1, t[up[0] - 1], t[up[0]]))
    lo, hi, flips = np.zeros(c), np.ones(c), np.full((2, c), -1)
    if not found:
        return lo, hi, flips[0], flips[1]
    ks, side, inner, outer = (np.array(a) for a in zip(*found, strict=True))
    # All brackets bisect together: one kernel call per halving.
    while np.abs(outer - inner).max() >= BRACKET:
        mid = 0.5 * (inner + outer)
        ok = lead_at(ks, mid)[0] >= -tol
        inner, outer = np.where(ok, mid, inner), np.where(ok, outer, mid)
    f_in, f_out = lead_at(ks, inner)[0], lead_at(ks, outer)
    # A secant step puts the edge where the lead is 0 (not -tol); it may reach a little behind
    # `inner` when the lead there is already in [-tol, 0).
    frac = np.clip(f_in / (f_in - f_out[0]), -100.0, 1.0)
    edge = np.clip(
        inner + frac * (outer - inner), np.where(side, w[ks], 0), np.where(side, 1, w[ks])
    )
    lo[ks[side == 0]], hi[ks[side == 1]] = edge[side == 0], edge[side == 1]
    flips[side, ks] = _first(f_out[1], name_rank)
    return lo, hi, flips[0], flips[1]


def interval_arrays(
    x: np.ndarray,
    lo: np.ndarray,
    hi: np.ndarray,
    benefit: np.ndarray,
    w: np.ndarray,
    winner: int,
    method: str | Method,
    *,
    name_rank: np.ndarray | None = None,
    tol: float = 1e-9,
    terms: Terms | None = None,
) -> Intervals:
    """Unvalidated kernel: stability intervals for every criterion.

    Parameters
    ----------
    x, lo, hi, benefit
        As :attr:`Comparison.arrays`.
    w : ndarray
        Weights (criteria,), >= 0, summing to 1.
    winner : int
        Row of the current winner.
    method : str or Method
        A registry key or entry. A :attr:`~Method.linear` method is solved exactly, any other
        numerically.
    name_rank : ndarray, optional
        Each alternative's position in name order, for ties; default: row order.
    tol : float
        How far a challenger must get ahead to count.
    terms : tuple of ndarray, optional
        ``method.terms(x, lo, hi, benefit)`` if already computed.

    Returns
    -------
    stable_from, stable_to : ndarray
        (criteria,) bounds of ``t`` keeping the winner first.
    flips_below, flips_above : ndarray
        (criteria,) row of the alternative first just outside each bound, -1 if none.
    """
    m = get_method(method)
    a, c = x.shape
    if a == 1 or c == 1:
        return np.zeros(c), np.ones(c), np.full(c, -1), np.full(c, -1)
    rank_ = np.arange(a) if name_rank is None else np.asarray(name_rank)
    terms = m.terms(x, lo, hi, benefit) if terms is None else terms
    if m.linear:
        return _linear(terms[0], w, winner, rank_, tol)
    return _numeric(lambda ws: m.combine(terms, ws), w, winner, rank_, tol)


@dataclass(frozen=True)
class SensitivityResult:
    """The current winner and, per criterion, the weight range that keeps it first.

    Attributes
    ----------
    winner, method : str
    weights : Series
        Normalised weights by criterion id.
    intervals : DataFrame
        As returned by :func:`stability_intervals`.
    """

    winner: str
    method: str
    weights: pd.Series
    intervals: pd.DataFrame

    def to_dict(self) -> dict:
        """JSON-ready form: plain floats, strings and None (``change_needed`` None if no flip)."""
        rows = [
            {"criterion": str(cid), **r}
            for cid, r in zip(self.intervals.index, self.intervals.to_dict("records"), strict=True)
        ]
        for r in rows:
            r["change_needed"] = r["change_needed"] if math.isfinite(r["change_needed"]) else None
        return {"winner": self.winner, "method": self.method, "criteria": rows}


def sensitivity(
    comparison: Comparison, weights: Weights = None, method: str = "wsm", *, tol: float = 1e-9
) -> SensitivityResult:
    """Winner and stability intervals in one call (see :func:`stability_intervals`)."""
    if not (isinstance(tol, int | float) and 0 <= tol < 1e-3):
        raise DataError("tolerance out of range", value=tol, fix="use a number in [0, 1e-3)")
    w, m = checked(comparison, weights, method)
    wv = w.to_numpy()
    alts = comparison.alternatives
    name_rank = comparison.name_order
    # rank()'s first without building its frame (a third of the time on the live path)
    win = int(_first(method_scores(comparison, wv, m)[None, :], name_rank)[0])
    winner = alts[win]
    lo, hi, below, above = interval_arrays(
        *comparison.arrays, wv, win, m, name_rank=name_rank, tol=tol, terms=comparison.terms(m)
    )
    change_below = np.where(below >= 0, wv - lo, np.inf)
    change_above = np.where(above >= 0, hi - wv, np.inf)
    index = pd.Index(comparison.criterion_ids, name="criterion")
    names = np.array([*alts, None], dtype=object)  # row -1 (no flip) reads as None

    def who(rows: np.ndarray) -> pd.Series:  # object dtype: pandas would turn None into NaN
        return pd.Series(names[rows], index=index, dtype=object)

    frame = pd.DataFrame(
        {
            "name": comparison.criterion_names.to_numpy(),
            "weight": wv,
            "stable_from": lo,
            "stable_to": hi,
            "flips_below": who(below),
            "flips_above": who(above),
            "flips_to": who(np.where(change_below <= change_above + SAME_CROSSING, below, above)),
            "change_needed": np.minimum(change_below, change_above),
        },
        index=index,
    )
    frame.attrs.update(winner=winner, method=m.key)
    return SensitivityResult(winner, m.key, w, frame)


def stability_intervals(
    comparison: Comparison, weights: Weights = None, method: str = "wsm", *, tol: float = 1e-9
) -> pd.DataFrame:
    """For each criterion, the range of its weight over which the current winner stays first.

    Parameters
    ----------
    comparison : Comparison
    weights : None, str, mapping or Series
        See :func:`~fwcompare_nb.resolve_weights`.
    method : {"wsm", "wpm", "topsis"}
    tol : float
        How far (in score, or log score for WPM) a challenger must get ahead to count;
        0 <= tol < 1e-3.

    Returns
    -------
    DataFrame
        Index ``criterion``; columns ``name``, ``weight`` (current, normalised),
        ``stable_from``, ``stable_to`` (the maximal interval of ``t`` around the current weight
        where the winner stays first), ``flips_below``/``flips_above`` (first just outside each
        bound, None at 0/1), ``flips_to`` (beyond the nearer bound) and ``change_needed``
        (distance to it, inf if none). ``attrs`` holds ``winner`` and ``method``.

    Raises
    ------
    DataError
        Bad weights or method (as :func:`~fwcompare_nb.rank`), or ``tol``.
    """
    return sensitivity(comparison, weights, method, tol=tol).intervals


def _boundary_percent(value: float, now: float, down: bool) -> tuple[str, str]:
    """``value`` rounded towards the flipped side, with enough decimals to differ from ``now``."""
    for digits in (0, 1, 2):
        text, now_text = percent_towards(value, digits, up=not down), f"{now * 100:.{digits}f}%"
        # Rounding a boundary inside (0, 1) onto 0% or 100% would misstate it.
        if text != now_text and text not in (f"{0:.{digits}f}%", f"{100:.{digits}f}%"):
            break
    return text, now_text


def change_sentence(result: SensitivityResult, top: int = 1) -> list[str]:
    """Plain sentences for the ``top`` criteria whose weight needs the smallest change.

    The percentage is rounded towards the flipped side (down for "or less", up for "or more").
    With three or more alternatives a larger change may hand the lead to yet another one.
    """
    iv = result.intervals
    iv = iv[np.isfinite(iv["change_needed"])].sort_values("change_needed", kind="stable")
    if iv.empty:
        return [NO_FLIP]
    out = []
    for _, r in iv.head(top).iterrows():
        # the same rule as flips_to: the lower side when both are as near
        down = r["flips_below"] is not None and (
            r["weight"] - r["stable_from"] <= r["change_needed"] + SAME_CROSSING
        )
        bound, word = (r["stable_from"], "less") if down else (r["stable_to"], "more")
        pct, now = _boundary_percent(bound, r["weight"], down)
        out.append(f"{r['flips_to']} would win if {r['name']} weighed {pct} or {word} (now {now}).")
    return out
