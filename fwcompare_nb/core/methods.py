"""Numeric kernels of the three scoring methods: plain NumPy, no validation.

They assume finite scores, weights >= 0 summing to 1 and (for WPM) positive scores; the
public functions in :mod:`fwcompare_nb.scoring` check all of that first. Shapes: ``x`` is
(alternatives, criteria); ``w``, ``lo``, ``hi`` and ``benefit`` are (criteria,).
Each ``*_scores`` function also accepts a stack of weight vectors ``w`` of shape (samples,
criteria) and then returns (samples, alternatives): the form that sensitivity and Monte Carlo
analyses need.
"""

from __future__ import annotations

import numpy as np

METHODS = ("wsm", "wpm", "topsis")


def minmax_normalise(
    x: np.ndarray, lo: np.ndarray, hi: np.ndarray, benefit: np.ndarray
) -> np.ndarray:
    """Map each column onto 0..1 by its scale, ``(x - lo) / (hi - lo)``; cost columns flipped.

    A column whose scale has zero width (every alternative equal, no declared scale) maps to 0:
    it cannot separate the alternatives. Cost columns are computed as ``1 + (x - lo) / -span``,
    exactly 0 at ``hi`` and 1 at ``lo``; in-place steps keep it to one temporary.
    """
    span = hi - lo
    live = span > 0
    signed = np.where(live, np.where(benefit, span, -span), 1.0)
    n = x - lo
    n /= signed
    n += np.where(live & ~benefit, 1.0, 0.0)
    return n


def wsm_scores(
    x: np.ndarray, w: np.ndarray, lo: np.ndarray, hi: np.ndarray, benefit: np.ndarray
) -> np.ndarray:
    """Weighted sum of min-max normalised values: ``normalise(x) @ w``.

    Normalising first keeps the arithmetic exact where values sit close together on a wide
    offset; folding the scale into the weights (``x @ (w / span) - w . lo / span``) is faster
    but cancels catastrophically there.
    """
    n = minmax_normalise(x, lo, hi, benefit)
    scores = w @ n.T if w.ndim == 2 else n @ w
    # Weights normalised in floating point may sum to 1 + 2e-16; the score is 0..1 by definition.
    return np.clip(scores, 0.0, 1.0, out=scores)


def wsm_contributions(
    x: np.ndarray, w: np.ndarray, lo: np.ndarray, hi: np.ndarray, benefit: np.ndarray
) -> np.ndarray:
    """Per-criterion terms ``w_j * n_ij``; each row sums to the WSM score."""
    return minmax_normalise(x, lo, hi, benefit) * w


def _wpm_logs(x: np.ndarray, benefit: np.ndarray) -> np.ndarray:
    logx = np.log(x)
    # benefit: log(x / max_j); cost: log(min_j / x)
    return np.where(benefit, logx - logx.max(axis=0), logx.min(axis=0) - logx)


def wpm_scores(x: np.ndarray, w: np.ndarray, benefit: np.ndarray) -> np.ndarray:
    """Weighted product: ``prod_j (x_ij / max_j)^w_j`` (benefit), ``(min_j / x_ij)^w_j`` (cost).

    Computed as ``exp(sum_j w_j log ratio_ij)``; needs ``x > 0``.
    """
    logs = _wpm_logs(x, benefit)
    return np.exp(w @ logs.T) if w.ndim == 2 else np.exp(logs @ w)


def wpm_contributions(x: np.ndarray, w: np.ndarray, benefit: np.ndarray) -> np.ndarray:
    """Per-criterion terms ``w_j * log(ratio_ij)`` (<= 0); each row sums to ``log(score)``."""
    return _wpm_logs(x, benefit) * w


def _topsis_parts(x: np.ndarray, benefit: np.ndarray):
    """Vector-normalised ``r`` and each column's best and worst value of ``r``.

    Weights are >= 0, so the weighted ideal is ``w * r_best``: the ideal does not depend on w,
    which lets the distances be computed as products with ``w**2``.
    """
    norm = np.sqrt((x * x).sum(axis=0))
    r = x / np.where(norm > 0, norm, 1.0)
    best = np.where(benefit, r.max(axis=0), r.min(axis=0))
    worst = np.where(benefit, r.min(axis=0), r.max(axis=0))
    return r, best, worst


def topsis_scores(x: np.ndarray, w: np.ndarray, benefit: np.ndarray) -> np.ndarray:
    """TOPSIS closeness ``d- / (d+ + d-)`` (Hwang & Yoon, vector normalisation).

    ``r_ij = x_ij / sqrt(sum_i x_ij^2)``, ``v = w r``; the ideal takes each column's best
    (max for benefit, min for cost), the anti-ideal its worst; ``d+``/``d-`` are Euclidean
    distances to them, computed as ``d+^2 = (r - r_best)^2 @ w^2``. An alternative equal to both
    (all alternatives identical) scores 0.5.
    """
    r, best, worst = _topsis_parts(x, benefit)
    w2 = w * w
    d_plus = np.sqrt(w2 @ ((r - best) ** 2).T)
    d_minus = np.sqrt(w2 @ ((r - worst) ** 2).T)
    total = d_plus + d_minus
    return np.where(total > 0, d_minus / np.where(total > 0, total, 1.0), 0.5)


def topsis_contributions(x: np.ndarray, w: np.ndarray, benefit: np.ndarray) -> np.ndarray:
    """Per-criterion terms of ``d-^2 - d+^2``: ``(v_ij - worst_j)^2 - (v_ij - best_j)^2``.

    Positive where the criterion pulls the alternative towards the ideal. They sum to
    ``d-^2 - d+^2``, which is positive exactly when the closeness exceeds 0.5; they do not sum
    to the closeness itself (TOPSIS is not additive).
    """
    r, best, worst = _topsis_parts(x, benefit)
    return w * w * ((r - worst) ** 2 - (r - best) ** 2)


def ranks_from_scores(scores: np.ndarray) -> np.ndarray:
    """Competition ranks, 1 = best; scores equal to 12 decimals share a rank."""
    s = np.round(np.asarray(scores, dtype=float), 12)
    # rank = 1 + how many scores are strictly greater (sorting, not an n x n comparison)
    return len(s) - np.searchsorted(np.sort(s), s, side="right") + 1
