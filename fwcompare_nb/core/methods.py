"""The scoring methods: plain NumPy kernels, and one registry entry per method.

Each method is split in two kernels, after scikit-criteria's plain ``wsm(matrix, weights)``
functions beside the classes that check their inputs:

* ``terms(x, lo, hi, benefit)``: everything that does not depend on the weights (normalised
  values, log-ratios, squared distances to the ideal). A :class:`~.comparison.Comparison`
  computes it once per method and keeps it, so a weight change costs only the second step.
* ``combine(terms, w)``: the scores for one weight vector ``w`` (criteria,), for a stack of
  them (samples, criteria), or, for a stack of score matrices ``x`` (samples, alternatives,
  criteria) as SMAA draws them, one weight vector per sample.

The kernels do not validate: they assume finite scores, weights >= 0 summing to 1 and (for WPM)
positive scores. Any finite scores: a column whose magnitude is near the ends of float64 (spans
or squares of 1e154 and more overflow, squares of 1e-154 and less underflow) is first divided
by a power of two (:func:`unit_scale`), which is exact and leaves min-max values, ratios and
vector normalisation unchanged; ordinary columns are not touched, so their scores keep every
bit. :class:`Method` holds the kernels with everything a user sees of the method (labels) and
what the analyses need to know of it; :meth:`Method.check` refuses a matrix the method cannot
score. Adding a method means one :class:`Method` in :data:`REGISTRY` and its
tests (against a published example and an independent library).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from .errors import DataError

Terms = tuple[np.ndarray, ...]


#: Columns whose largest magnitude lies within 2**-256 .. 2**256 are scored as they are: their
#: spans, largest squares and sums of squares (of any number of alternatives) stay normal floats.
_SAFE_HIGH, _SAFE_LOW = 2.0**256, 2.0**-256


def unit_scale(magnitude: np.ndarray) -> np.ndarray | None:
    """Powers of two that bring extreme magnitudes to 1..2; None if every one is ordinary.

    Parameters
    ----------
    magnitude : ndarray
        The largest absolute value of each column (any shape), finite and >= 0.

    Returns
    -------
    ndarray or None
        ``2**floor(log2(magnitude))`` where the magnitude lies outside 2**-256 .. 2**256
        (``magnitude / scale`` then lies in 1..2), 1.0 elsewhere and for 0; None when no column
        needs scaling. Dividing by a power of two is exact (short of the subnormal range), so a
        scaled column's normalised values are those of the unscaled one, computed without
        overflow or underflow.

    Examples
    --------
    >>> unit_scale(np.array([3.0, 1e300])).tolist() == [1.0, 2.0**996]  # 1e300 / 2**996 = 1.49
    True
    >>> unit_scale(np.array([3.0, 0.0])) is None
    True
    """
    if not magnitude.size or _SAFE_LOW <= magnitude.min() <= magnitude.max() <= _SAFE_HIGH:
        return None  # the common case in two reductions: ordinary data pays for no more
    extreme = (magnitude > _SAFE_HIGH) | ((magnitude < _SAFE_LOW) & (magnitude > 0))
    if not extreme.any():
        return None
    exponent = np.frexp(magnitude)[1]  # magnitude = f * 2**exponent, 0.5 <= f < 1
    return np.where(extreme, np.ldexp(1.0, exponent - 1), 1.0)


def minmax_normalise(
    x: np.ndarray, lo: np.ndarray, hi: np.ndarray, benefit: np.ndarray
) -> np.ndarray:
    """Map each column onto 0..1 by its scale, ``(x - lo) / (hi - lo)``; cost columns flipped.

    A column whose scale has zero width (every alternative equal, no declared scale) maps to 0:
    it cannot separate the alternatives. Cost columns are computed as ``1 + (x - lo) / -span``,
    exactly 0 at ``hi`` and 1 at ``lo``; in-place steps keep it to one temporary. ``x`` may be a
    stack (samples, alternatives, criteria): the scale is per criterion either way. A scale near
    the ends of float64 (``hi - lo`` of 2e308 overflows) is divided by a power of two first
    (:func:`unit_scale`, from ``lo`` and ``hi`` only, so that ``x`` maps affinely whatever it is).
    """
    scale = unit_scale(np.maximum(hi, -lo))  # max(|lo|, |hi|) as lo <= hi
    if scale is not None:
        x, lo, hi = x / scale, lo / scale, hi / scale
    span = hi - lo
    live = span > 0
    signed = np.where(live, np.where(benefit, span, -span), 1.0)
    n = x - lo
    n /= signed
    n += np.where(live & ~benefit, 1.0, 0.0)
    return n


def _weighted_sum(t: np.ndarray, w: np.ndarray) -> np.ndarray:
    """Return ``sum_j w_j t_ij``, for one matrix of terms or a stack of them.

    Terms (m, k) take ``w`` (k,) or (s, k); terms (n, m, k) take ``w`` (n, k): one weight
    vector per matrix. ``einsum``, not BLAS, for the stack: BLAS threads stall when the cores
    are busy.
    """
    if t.ndim == 3:
        return np.einsum("nk,nmk->nm", w, t)
    return w @ t.T if w.ndim == 2 else t @ w


# --- WSM: weighted sum of min-max normalised values ---------------------------------------------


def _wsm_terms(x, lo, hi, benefit) -> Terms:
    return (minmax_normalise(x, lo, hi, benefit),)


def _wsm_combine(terms: Terms, w: np.ndarray) -> np.ndarray:
    scores = _weighted_sum(terms[0], w)
    # Weights normalised in floating point may sum to 1 + 2e-16; the score is 0..1 by definition.
    return np.clip(scores, 0.0, 1.0, out=scores)


def _terms_times_weights(terms: Terms, w: np.ndarray) -> np.ndarray:
    return terms[0] * w


def wsm_scores(
    x: np.ndarray, w: np.ndarray, lo: np.ndarray, hi: np.ndarray, benefit: np.ndarray
) -> np.ndarray:
    """Weighted sum of min-max normalised values: ``normalise(x) @ w``.

    Normalising first keeps the arithmetic exact where values sit close together on a wide
    offset; folding the scale into the weights (``x @ (w / span) - w . lo / span``) is faster
    but cancels catastrophically there.
    """
    return _wsm_combine(_wsm_terms(x, lo, hi, benefit), w)


def wsm_contributions(
    x: np.ndarray, w: np.ndarray, lo: np.ndarray, hi: np.ndarray, benefit: np.ndarray
) -> np.ndarray:
    """Per-criterion terms ``w_j * n_ij``; each row sums to the WSM score."""
    return _terms_times_weights(_wsm_terms(x, lo, hi, benefit), w)


# --- WPM: weighted product of ratios to the best -------------------------------------------------


def wpm_log_ratios(x: np.ndarray, benefit: np.ndarray) -> np.ndarray:
    """Return ``log(x / max_i x)`` (benefit) or ``log(min_i x / x)`` (cost); all <= 0.

    The maximum and minimum are over the alternatives (axis -2, so a stack of matrices works
    too). With ``t = +-log x`` (minus for cost) both are ``t - max_i t``: one pass, no branch arrays
    (and ``-a - (-b)`` is ``b - a`` exactly in floating point).
    """
    t = np.log(x)
    t *= np.where(benefit, 1.0, -1.0)
    t -= t.max(axis=-2, keepdims=True)
    return t


def _wpm_terms(x, lo, hi, benefit) -> Terms:
    return (wpm_log_ratios(x, benefit),)


def _wpm_combine(terms: Terms, w: np.ndarray) -> np.ndarray:
    return np.exp(_weighted_sum(terms[0], w))


def wpm_scores(x: np.ndarray, w: np.ndarray, benefit: np.ndarray) -> np.ndarray:
    """Weighted product: ``prod_j (x_ij / max_j)^w_j`` (benefit), ``(min_j / x_ij)^w_j`` (cost).

    Computed as ``exp(sum_j w_j log ratio_ij)``; needs ``x > 0``.
    """
    return _wpm_combine(_wpm_terms(x, None, None, benefit), w)


def wpm_contributions(x: np.ndarray, w: np.ndarray, benefit: np.ndarray) -> np.ndarray:
    """Per-criterion terms ``w_j * log(ratio_ij)`` (<= 0); each row sums to ``log(score)``."""
    return wpm_log_ratios(x, benefit) * w


# --- TOPSIS: closeness to the ideal after vector normalisation -----------------------------------


def _topsis_terms(x, lo, hi, benefit) -> Terms:
    """Squared distances of each vector-normalised cell to its column's best and worst value.

    Weights are >= 0, so the weighted ideal is ``w * r_best``: the ideal does not depend on w,
    and the distances are products with ``w**2``. A column near the ends of float64 (squares of
    1e154 overflow, of 1e-154 underflow) is divided by a power of two first (:func:`unit_scale`):
    vector normalisation does not change. Each column's best and worst are its largest and
    smallest score divided by the norm: division by a positive number keeps the order, so they
    are exactly the largest and smallest normalised values.
    """
    top, bottom = x.max(axis=-2, keepdims=True), x.min(axis=-2, keepdims=True)
    scale = unit_scale(np.maximum(top, -bottom))  # the largest |x| of each column
    if scale is not None:
        x, top, bottom = x / scale, top / scale, bottom / scale
    norm = np.sqrt(np.einsum("...mk,...mk->...k", x, x))[..., None, :]
    norm = np.where(norm > 0, norm, 1.0)
    r = x / norm
    top /= norm
    bottom /= norm
    plus, minus = r - np.where(benefit, top, bottom), r - np.where(benefit, bottom, top)
    return np.square(plus, out=plus), np.square(minus, out=minus)


def _topsis_combine(terms: Terms, w: np.ndarray) -> np.ndarray:
    w2 = w * w
    d_plus, d_minus = np.sqrt(_weighted_sum(terms[0], w2)), np.sqrt(_weighted_sum(terms[1], w2))
    total = d_plus + d_minus
    return np.where(total > 0, d_minus / np.where(total > 0, total, 1.0), 0.5)


def _topsis_contributions(terms: Terms, w: np.ndarray) -> np.ndarray:
    return w * w * (terms[1] - terms[0])


def topsis_scores(x: np.ndarray, w: np.ndarray, benefit: np.ndarray) -> np.ndarray:
    """TOPSIS closeness ``d- / (d+ + d-)`` (Hwang & Yoon, vector normalisation).

    ``r_ij = x_ij / sqrt(sum_i x_ij^2)``, ``v = w r``; the ideal takes each column's best
    (max for benefit, min for cost), the anti-ideal its worst; ``d+``/``d-`` are Euclidean
    distances to them, computed as ``d+^2 = (r - r_best)^2 @ w^2``. An alternative equal to both
    (all alternatives identical) scores 0.5.
    """
    return _topsis_combine(_topsis_terms(x, None, None, benefit), w)


def topsis_contributions(x: np.ndarray, w: np.ndarray, benefit: np.ndarray) -> np.ndarray:
    """Per-criterion terms of ``d-^2 - d+^2``: ``(v_ij - worst_j)^2 - (v_ij - best_j)^2``.

    Positive where the criterion pulls the alternative towards the ideal. They sum to
    ``d-^2 - d+^2``, which is positive exactly when the closeness exceeds 0.5; they do not sum
    to the closeness itself (TOPSIS is not additive).
    """
    return _topsis_contributions(_topsis_terms(x, None, None, benefit), w)


def ranks_from_scores(scores: np.ndarray) -> np.ndarray:
    """Competition ranks, 1 = best; scores equal to 12 decimals share a rank."""
    s = np.round(np.asarray(scores, dtype=float), 12)
    # rank = 1 + how many scores are strictly greater (sorting, not an n x n comparison)
    return len(s) - np.searchsorted(np.sort(s), s, side="right") + 1


# --- the registry -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Method:
    """One scoring method: its kernels, what users read of it, and what the analyses need.

    Attributes
    ----------
    key : str
        What users type (``--method``, ``method=``) and files store.
    short : str
        The abbreviation in sentences ("WSM score 0.78").
    label : str
        The name in menus and reports.
    axis_label : str
        The ranking chart's score axis.
    contributions_label : str
        The contributions chart's axis.
    terms : callable
        ``terms(x, lo, hi, benefit) -> tuple of arrays``: the weight-free part (see the module
        docstring); ``x`` (alternatives, criteria) or a stack (samples, alternatives, criteria).
    combine : callable
        ``combine(terms, w) -> scores``, higher is better, 0..1.
    contributions : callable
        ``contributions(terms, w) -> (alternatives, criteria)``: each criterion's part.
    linear : bool
        The score increases with ``terms[0] @ w``: weight-stability intervals are then solved
        exactly; otherwise numerically.
    affine_in_scores : bool
        ``terms[0]`` is an affine function of each score on fixed scales (WSM): SMAA then samples
        score ranges without building a score matrix per sample.
    additive : bool
        The contributions add up to the score (a stacked bar from 0 to the score).
    needs_positive : bool
        Every score must be > 0 (:meth:`check`).
    """

    key: str
    short: str
    label: str
    axis_label: str
    contributions_label: str
    terms: Callable[..., Terms]
    combine: Callable[[Terms, np.ndarray], np.ndarray]
    contributions: Callable[[Terms, np.ndarray], np.ndarray]
    linear: bool
    affine_in_scores: bool
    additive: bool
    needs_positive: bool

    def scores(
        self, x: np.ndarray, w: np.ndarray, lo: np.ndarray, hi: np.ndarray, benefit: np.ndarray
    ) -> np.ndarray:
        """Scores of ``x`` for ``w`` in one call: ``combine(terms(x, lo, hi, benefit), w)``."""
        return self.combine(self.terms(x, lo, hi, benefit), w)

    def check(self, x: np.ndarray, alternatives, criteria, *, source: str) -> None:
        """Refuse scores this method cannot use, naming the first bad cell.

        Parameters
        ----------
        x : ndarray
            Scores (alternatives, criteria); for SMAA the lower ends of the score ranges.
        alternatives, criteria : sequence of str
            Row and column names of ``x``, for the message.
        source : str
            Where the scores come from, e.g. ``"scores of 'django-vs-flask'"``.

        Raises
        ------
        DataError
            WPM and a score <= 0.
        """
        if not self.needs_positive:
            return
        rows, cols = np.nonzero(x <= 0)
        if len(rows):
            i, j = rows[0], cols[0]
            raise DataError(
                f"{self.short} needs positive scores (it divides and takes powers)",
                file=source,
                where=f"alternative {alternatives[i]!r}, criterion {criteria[j]!r}",
                value=float(x[i, j]),
                fix="use wsm or topsis, or put the criterion on a scale that starts above 0",
            )


WSM = Method(
    key="wsm",
    short="WSM",
    label="Weighted sum (WSM)",
    axis_label="WSM score (weighted sum; higher is better)",
    contributions_label="weight × normalised score (segments add up to the score)",
    terms=_wsm_terms,
    combine=_wsm_combine,
    contributions=_terms_times_weights,
    linear=True,
    affine_in_scores=True,
    additive=True,
    needs_positive=False,
)
WPM = Method(
    key="wpm",
    short="WPM",
    label="Weighted product (WPM)",
    axis_label="WPM score (weighted product; higher is better)",
    contributions_label="weight × log(score ratio): what each criterion costs (0 = best)",
    terms=_wpm_terms,
    combine=_wpm_combine,
    contributions=_terms_times_weights,
    linear=True,  # log(score) = log-ratios @ w
    affine_in_scores=False,
    additive=False,
    needs_positive=True,
)
TOPSIS = Method(
    key="topsis",
    short="TOPSIS",
    label="TOPSIS (closeness to the ideal)",
    axis_label="TOPSIS closeness to the ideal (higher is better)",
    contributions_label="pull towards the ideal: (v − worst)² − (v − best)²",
    terms=_topsis_terms,
    combine=_topsis_combine,
    contributions=_topsis_contributions,
    linear=False,
    affine_in_scores=False,
    additive=False,
    needs_positive=False,
)
#: Every method by key, in the order menus list them.
REGISTRY: dict[str, Method] = {m.key: m for m in (WSM, WPM, TOPSIS)}
#: The method keys (``fw.METHODS``).
METHODS: tuple[str, ...] = tuple(REGISTRY)


def get_method(
    method: str | Method, *, source: str | None = None, where: str | None = None
) -> Method:
    """Return the registry entry for ``method`` (a key, any case, or a :class:`Method`).

    Parameters
    ----------
    method : str or Method
        A key of :data:`REGISTRY` (surrounding white space and case ignored); a
        :class:`Method` is returned as it is.
    source, where : str, optional
        The file and place named in the error message.

    Returns
    -------
    Method
        The registry entry.

    Raises
    ------
    DataError
        An unknown method, naming the known ones.
    """
    if isinstance(method, Method):
        return method
    key = method.strip().lower() if isinstance(method, str) else None
    if key not in REGISTRY:
        raise DataError(
            "unknown scoring method",
            file=source,
            where=where,
            value=method,
            fix=f"use one of: {', '.join(METHODS)}",
        )
    return REGISTRY[key]
