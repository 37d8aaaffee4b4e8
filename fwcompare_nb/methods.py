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
    it cannot separate the alternatives.
    """
    span = hi - lo
    safe = np.where(span > 0, span, 1.0)
    n = np.where(benefit, (x - lo) / safe, (hi - x) / safe)
    return np.where(span > 0, n, 0.0)


def wsm_scores(
    x: np.ndarray, w: np.ndarray, lo: np.ndarray, hi: np.ndarray, benefit: np.ndarray
) -> np.ndarray:
    """Weighted sum of min-max normalised values, folded into one matrix product.

    ``sum_j w_j (x_ij - lo_j) / span_j`` (benefit) is ``x @ (w / span) - w . lo / span``, and the
    cost form ``(hi_j - x_ij) / span_j`` is the same with the sign flipped, so the whole score is a
    single product plus a constant: the same numbers as normalising first, in one pass.
    """
    span = hi - lo
    inv = np.where(span > 0, 1.0 / np.where(span > 0, span, 1.0), 0.0)
    slope = np.where(benefit, inv, -inv)
    offset = np.where(benefit, -lo * inv, hi * inv)
    ws, const = w * slope, w @ offset
    return ws @ x.T + const[:, None] if w.ndim == 2 else x @ ws + const


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


def _topsis_weighted(x: np.ndarray, w: np.ndarray, benefit: np.ndarray):
    norm = np.sqrt((x * x).sum(axis=0))
    r = x / np.where(norm > 0, norm, 1.0)
    v = r * w if w.ndim == 1 else r[None, :, :] * w[:, None, :]
    best = np.where(benefit, v.max(axis=-2), v.min(axis=-2))
    worst = np.where(benefit, v.min(axis=-2), v.max(axis=-2))
    if v.ndim == 3:
        best, worst = best[:, None, :], worst[:, None, :]
    return v, best, worst


def topsis_scores(x: np.ndarray, w: np.ndarray, benefit: np.ndarray) -> np.ndarray:
    """TOPSIS closeness ``d- / (d+ + d-)`` (Hwang & Yoon, vector normalisation).

    ``r_ij = x_ij / sqrt(sum_i x_ij^2)``, ``v = w r``; the ideal takes each column's best
    (max for benefit, min for cost), the anti-ideal its worst; ``d+``/``d-`` are Euclidean
    distances to them. An alternative equal to both (all alternatives identical) scores 0.5.
    """
    v, best, worst = _topsis_weighted(x, w, benefit)
    d_plus = np.sqrt(((v - best) ** 2).sum(axis=-1))
    d_minus = np.sqrt(((v - worst) ** 2).sum(axis=-1))
    total = d_plus + d_minus
    return np.where(total > 0, d_minus / np.where(total > 0, total, 1.0), 0.5)


def topsis_contributions(x: np.ndarray, w: np.ndarray, benefit: np.ndarray) -> np.ndarray:
    """Per-criterion terms of ``d-^2 - d+^2``: ``(v_ij - worst_j)^2 - (v_ij - best_j)^2``.

    Positive where the criterion pulls the alternative towards the ideal. They sum to
    ``d-^2 - d+^2``, which is positive exactly when the closeness exceeds 0.5; they do not sum
    to the closeness itself (TOPSIS is not additive).
    """
    v, best, worst = _topsis_weighted(x, w, benefit)
    return (v - worst) ** 2 - (v - best) ** 2


def ranks_from_scores(scores: np.ndarray) -> np.ndarray:
    """Competition ranks, 1 = best; scores equal to 12 decimals share a rank."""
    s = np.round(np.asarray(scores, dtype=float), 12)
    return (s[None, :] > s[:, None]).sum(axis=1) + 1
