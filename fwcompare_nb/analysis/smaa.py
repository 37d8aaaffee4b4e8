"""SMAA-2 rank acceptability (Lahdelma & Salminen 2001, Operations Research 49(3)), vectorised.

Weights are drawn on the simplex (``uniform``, or ``around`` the current weights) and scores
with an evidence range ``score_low < score_high`` uniformly within it. The result: the share of
samples giving each alternative each rank (acceptability ``b_i^r``), the mean weights that make
it first (central weights ``w_i^c``) and how often it is first under them (confidence ``p_i^c``).

``np.random.default_rng(seed).spawn(2)`` gives the weight and the score stream, both drawn in
blocks of :func:`block_size` samples, so the figures never depend on ``chunk``. The confidence
pass redraws the same score samples from a fresh copy of the score stream.

Ranks are competition ranks as in :func:`fwcompare_nb.core.methods.ranks_from_scores`
(scores rounded to 12 decimals, ``1 + number of strictly greater``): tied alternatives all count
at the better rank, so an acceptability column may then sum to more than 1.
"""

from __future__ import annotations

import math
import numbers
from dataclasses import dataclass

import numpy as np
import pandas as pd

from ..core.comparison import Comparison, Weights
from ..core.errors import DataError
from ..core.methods import Method, get_method
from ..core.scoring import checked
from ..core.text import percent
from ..core.validation import check_choice

WEIGHT_SAMPLING = ("uniform", "around")
#: The defaults of every entry point (this function, the CLI's ``robustness``, the explorer's
#: Uncertainty tab, the report), so that the same weights give the same figures everywhere:
#: weights drawn around the given ones when weights are given, uniformly over all weightings
#: when none are (or when asked), 20,000 samples, concentration 100.
DEFAULT_SAMPLES = 20_000
#: The default sample count draws at most this many scores in all (samples x ranged cells):
#: 2,000 x 200 with a range in every cell would draw 8 billion, over a minute on a laptop.
DRAW_BUDGET = 10**9
#: ...but never fewer samples than this (rank shares then within about 1.6 points).
MIN_DEFAULT_SAMPLES = 1_000
#: Confidence factors computed by default for this many alternatives (those most often first):
#: as many as a sentence or chart names.
SHOWN_CONFIDENCE = 15
DEFAULT_CONCENTRATION = 100.0
MAX_SAMPLES = 10_000_000
_BLOCK, _DRAW = 8192, 2**22  # samples per draw; at most rows x samples per draw (32 MB)
#: Scores ranked in one step, at most (alternatives x samples): a few arrays of this many
#: numbers (16 MB each) are alive while ranking, so memory stays bounded for 2,000 alternatives.
_RANK_CELLS = 2**21
_NAMED = 15  # alternatives named in SmaaResult.sentence (as many as a chart shows)
_LOOP_ALTERNATIVES = 64  # more alternatives with ranged cells: _Scorer sums them at once
_CELLS = 2**16  # cells of a WPM/TOPSIS step's (n, m, k) arrays: 4x this measured 2x slower


def _weight_block(rng, b, centre, how, concentration, k, out=None):
    """One block as (k, b) and its column sums (None: already normalised); reuses ``out``."""
    if how == "uniform":
        e = rng.standard_exponential((k, b), out=out)
        return e, e.sum(axis=0)
    pos = np.asarray(centre) > 0
    w = np.zeros((k, b)) if out is None else out  # zero rows stay zero when reused
    w[pos] = rng.dirichlet(concentration * np.asarray(centre)[pos], size=b).T
    return w, None


def sample_weights(
    rng: np.random.Generator,
    n: int,
    centre: np.ndarray | None,
    how: str,
    concentration: float,
    *,
    criteria: int | None = None,
    block: int | None = None,
) -> np.ndarray:
    """Draw ``n`` weight vectors on the simplex, shape (n, criteria).

    Drawn in blocks of ``b`` = ``block`` samples (default 8,192; :func:`rank_acceptability`
    uses :func:`block_size`), the last one shorter, column ``i`` of a block holding sample ``i``.
    ``uniform``: Dirichlet(1, ..., 1) over all criteria, the columns of
    ``rng.standard_exponential((criteria, b))`` divided by their sums (``centre`` or
    ``criteria`` only gives the number of criteria). ``around``: on the criteria with
    ``centre > 0``, ``rng.dirichlet(concentration * centre[centre > 0], size=b).T``; the others
    stay exactly 0 (Dirichlet parameters must be > 0). The mean is ``centre`` (summing to 1),
    each weight's variance ``w (1 - w) / (concentration + 1)``.
    """
    k = len(centre) if centre is not None else criteria
    if k is None:
        raise TypeError("sample_weights needs centre or criteria (the number of criteria)")
    block = block or _BLOCK
    out = np.zeros((n, k))
    for a in range(0, n, block):
        w, total = _weight_block(rng, min(block, n - a), centre, how, concentration, k)
        out[a : a + block] = (w if total is None else w / total).T
    return out


def block_size(criteria: int, ranged: int) -> int:
    """Return the samples per block of the random streams.

    Parameters
    ----------
    criteria : int
        Number of criteria (rows of a weight block).
    ranged : int
        Number of cells with a score range (rows of a block of score uniforms).

    Returns
    -------
    int
        8,192, fewer beyond 512 criteria or ranged cells, so that one draw stays within
        2**22 numbers (32 MB); at least 1.
    """
    return max(1, min(_BLOCK, _DRAW // max(criteria, ranged, 1)))


def _fill(base: np.ndarray, ia, ja, d, ut: np.ndarray) -> np.ndarray:
    """Return ``base`` plus ``d * u`` in the ranged cells, for each of ``n`` samples.

    The result is an (n, m, k) view of an (m, k, n) array, so that the kernels run along
    contiguous samples; ``ut`` is (r, n), one row per ranged cell.
    """
    m, k = base.shape
    xt = np.empty((m * k, ut.shape[1]))
    xt[:] = base.reshape(-1, 1)
    v = d[:, None] * ut
    v += base[ia, ja][:, None]  # in place: ``base + d * u`` measured 20x slower here
    xt[ia * k + ja] = v
    return xt.reshape(m, k, -1).transpose(2, 0, 1)


def sample_scores(rng: np.random.Generator, n: int, x, low, high, *, block=None) -> np.ndarray:
    """Draw ``n`` score matrices, shape (n, alternatives, criteria).

    Cells with ``low < high`` are ``low + (high - low) * u``, the others keep ``x``. ``u`` comes
    in blocks of ``b`` = ``block`` samples (as in :func:`sample_weights`) as
    ``rng.random((r, b))``: row ``c`` for the c-th ranged cell in row-major (alternative,
    criterion) order, column ``i`` for sample ``i``.
    """
    ia, ja = np.nonzero(low < high)
    block = block or _BLOCK
    blocks = [rng.random((len(ia), min(block, n - a))) for a in range(0, n, block)]
    ut = np.concatenate(blocks, axis=1) if blocks else np.zeros((len(ia), 0))
    return _fill(np.where(low < high, low, x), ia, ja, (high - low)[ia, ja], ut)


def wpm_scores_batch(xs, w, benefit) -> np.ndarray:
    """WPM scores of each sample ``xs[n]`` under its weights ``w[n]`` (the registry's kernels)."""
    m = get_method("wpm")
    return m.combine(m.terms(xs, None, None, benefit), w)


def topsis_scores_batch(xs, w, benefit) -> np.ndarray:
    """TOPSIS closeness of each sample ``xs[n]`` under ``w[n]`` (normalised within the sample)."""
    m = get_method("topsis")
    return m.combine(m.terms(xs, None, None, benefit), w)


def _ranks(s: np.ndarray) -> np.ndarray:
    """Scores (m, n) -> competition ranks (m, n): ``1 + #strictly greater`` at 12 decimals."""
    s = np.round(s, 12)
    m, n = s.shape
    if m <= 8:  # m^2 whole-row comparisons are cheapest for few alternatives
        ranks = np.ones((m, n), dtype=np.intp)
        for i in range(m):
            for j in set(range(m)) - {i}:
                ranks[i] += s[j] > s[i]
        return ranks
    order = np.argsort(-s, axis=0, kind="stable")
    v = np.take_along_axis(s, order, axis=0)
    start = np.zeros((m, n), dtype=np.intp)  # sorted position of the first equal score
    start[1:] = np.where(v[1:] != v[:-1], np.arange(1, m)[:, None], 0)
    np.put_along_axis(start, order, np.maximum.accumulate(start, axis=0) + 1, axis=0)
    return start


def _rank_counts(s: np.ndarray, counts: np.ndarray, first: np.ndarray) -> None:
    """Count the ranks of scores (m, n) into ``counts`` and mark who is first in ``first``.

    ``counts`` is (m * m,), ``[i * m + r - 1]`` the samples giving alternative i rank r;
    ``first`` is (m, n) bool. Ranks as :func:`_ranks` gives them.

    Sorted along each sample's alternatives (contiguous, ``s.T``) and counted from the sorted
    positions: no rank array is scattered back. Equal scores share a rank, so the sort needs
    no stability.
    """
    m, n = s.shape
    if m <= 8:
        ranks = _ranks(s)
        counts += np.bincount((ranks + m * np.arange(m)[:, None] - 1).ravel(), minlength=m * m)
        first[:] = ranks == 1
        return
    st = np.round(s.T, 12)  # (n, m), a fresh contiguous array
    st *= -1
    order = np.argsort(st, axis=1)
    v = np.take_along_axis(st, order, axis=1)
    start = np.zeros((n, m), dtype=np.intp)  # sorted position of the first equal score
    start[:, 1:] = np.where(v[:, 1:] != v[:, :-1], np.arange(1, m), 0)
    del v, st
    np.maximum.accumulate(start, axis=1, out=start)
    top = start == 0
    first[:] = False
    first[order[top], np.nonzero(top)[0]] = True
    start += order * m  # alternative i at rank r counts at i * m + r - 1
    counts += np.bincount(start.ravel(), minlength=m * m)


class _Scorer:
    """Scores (m, n) of a batch from weights (k, n) and score uniforms (r, n).

    A method whose terms are affine in the scores (WSM) never builds (n, m, k): a ranged cell
    adds ``w_j u g`` to its alternative, ``g`` the change of its term across the range.
    ``einsum``, not BLAS, whose threads stall when the cores are busy.
    """

    def __init__(self, method: Method, x, lo, hi, benefit, low, high):
        self.method, self.x, self.lo, self.hi, self.benefit = method, x, lo, hi, benefit
        self.ia, self.ja = np.nonzero(low < high)  # row-major: each alternative's cells adjacent
        self.low = np.where(low < high, low, x)
        self.d = (high - low)[self.ia, self.ja]
        self.fixed_terms = method.terms(x, lo, hi, benefit)
        if method.affine_in_scores:
            self.nl = method.terms(self.low, lo, hi, benefit)[0]
            g = (method.terms(np.where(low < high, high, x), lo, hi, benefit)[0] - self.nl)[
                self.ia, self.ja
            ]
            ends = np.searchsorted(self.ia, np.arange(x.shape[0] + 1))
            self.blocks = [  # (alternative, its cells, their criteria or None for all, slopes)
                (i, slice(a, b), None if b - a == x.shape[1] else self.ja[a:b], g[a:b])
                for i, (a, b) in enumerate(zip(ends[:-1], ends[1:], strict=True))
                if b > a
            ]
            # Many alternatives with a range in every cell (an evidence row per cell): one call
            # per alternative costs more than its arithmetic; one einsum over all of them.
            self.rows = np.array([b[0] for b in self.blocks], dtype=np.intp)
            k = x.shape[1]
            self.dense = len(self.rows) > _LOOP_ALTERNATIVES and len(self.ia) == len(self.rows) * k
            self.g3 = g.reshape(-1, k) if self.dense else np.empty((0, k))

    def terms(self, ut: np.ndarray):
        """Return the weight-free part of a batch's scores, shared by its every weighting."""
        if self.method.affine_in_scores or not len(self.ia):
            return ut
        xs = _fill(self.low, self.ia, self.ja, self.d, ut)
        return self.method.terms(xs, self.lo, self.hi, self.benefit)

    def __call__(self, w: np.ndarray, terms, total: np.ndarray | None = None) -> np.ndarray:
        """Return the scores (m, n) of a batch's :meth:`terms`.

        ``w`` is (k, n), one weighting per sample, divided by ``total`` (n,) if given; or (k,),
        one weighting for every sample.
        """
        if self.method.affine_in_scores:
            ut = terms
            if self.dense:
                return self._dense(w, ut, total)
            if w.ndim == 1:
                s = np.repeat((self.nl @ w)[:, None], ut.shape[1], axis=1)
                for i, cells, ja, g in self.blocks:
                    s[i] += np.einsum("cn,c->n", ut[cells], g * (w if ja is None else w[ja]))
                return s
            s = np.einsum("kn,mk->mn", w, self.nl)
            for i, cells, ja, g in self.blocks:
                s[i] += np.einsum("cn,cn,c->n", w if ja is None else w[ja], ut[cells], g)
            return s if total is None else s / total
        fixed = isinstance(terms, np.ndarray)  # no ranged cell: the uniforms (0, n)
        n = terms.shape[1] if fixed else terms[0].shape[0]
        if w.ndim == 1:
            w = np.broadcast_to(w, (n, len(w)))
        else:
            w = (w if total is None else w / total).T
        # one matrix: the kernels take a stack of weights; a stack: one weighting per sample
        return self.method.combine(self.fixed_terms if fixed else terms, w).T

    def _dense(self, w: np.ndarray, ut: np.ndarray, total: np.ndarray | None) -> np.ndarray:
        """:meth:`__call__` of an affine method when every cell of these rows has a range."""
        ut3 = ut.reshape(len(self.rows), -1, ut.shape[1])  # (alternatives, criteria, samples)
        if w.ndim == 1:
            s = np.repeat((self.nl @ w)[:, None], ut.shape[1], axis=1)
            s[self.rows] += np.einsum("akn,ak->an", ut3, self.g3 * w)
            return s
        s = np.einsum("kn,mk->mn", w, self.nl)
        s[self.rows] += np.einsum("akn,ak,kn->an", ut3, self.g3, w)
        return s if total is None else s / total


def smaa_counts(
    method, x, lo, hi, benefit, low, high, centre, *, samples, seed, how, concentration, chunk,
    confidence_for=None,
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:  # fmt: skip
    """Unvalidated SMAA-2 kernel: arrays in, counts out.

    Returns ``rank_counts`` (m, m), ``[i, r - 1]`` samples giving alternative i rank r; the sums
    of the weights of the samples in which each alternative is first (m, k); and the number of
    score samples in which each is first under its central weights (m,; 0 if never first, -1
    if not counted: only the ``confidence_for`` alternatives most often first are, when given).
    """
    m, k = x.shape
    method = get_method(method)
    score = _Scorer(method, x, lo, hi, benefit, low, high)
    r = len(score.ia)
    w_seq, x_seq = np.random.SeedSequence(seed).spawn(2)  # as default_rng(seed).spawn(2)
    rng_w = np.random.default_rng(w_seq)
    block = block_size(k, r)
    step = (
        min(chunk, block, max(1, _RANK_CELLS // m))
        if method.affine_in_scores
        else max(1, min(chunk, _CELLS // (m * max(k, m))))
    )
    # Buffers reused block after block: page faults on fresh memory cost more here than the
    # confidence pass redrawing the score uniforms, and memory stays O(block) for any samples.
    wbuf, ubuf = np.zeros((k, min(samples, block))), np.empty((r, min(samples, block)))

    def uniforms(rng, b):
        return rng.random(out=ubuf) if b == ubuf.shape[1] else rng.random((r, b))

    counts, wsum = np.zeros(m * m, dtype=np.int64), np.zeros((m, k))
    rng_x = np.random.default_rng(x_seq)
    first = np.empty((m, min(samples, block)), dtype=bool)
    for a in range(0, samples, block):
        b = min(block, samples - a)
        out = wbuf if b == wbuf.shape[1] else None  # ``out`` must be contiguous
        w, total = _weight_block(rng_w, b, centre, how, concentration, k, out)
        ut = uniforms(rng_x, b)
        for c in range(0, b, step):
            part = slice(c, min(c + step, b))
            t = None if total is None else total[part]
            _rank_counts(score(w[:, part], score.terms(ut[:, part]), t), counts, first[:, part])
        # Summed per block, not per step, so that the sums do not depend on ``chunk``; only
        # over the alternatives first in some sample of the block (a few of 2,000, typically).
        rows = np.flatnonzero(first[:, :b].any(axis=1))
        f = first[rows, :b].astype(float)
        wsum[rows] += np.einsum("mn,kn->mk", f if total is None else f / total, w)
    counts = counts.reshape(m, m)
    firsts, hits = counts[:, 0], np.zeros(m, dtype=np.int64)
    which = np.flatnonzero(firsts)
    if confidence_for is not None and len(which) > confidence_for:
        # Each alternative costs a whole pass over the score samples: 206 of 2,000 first at
        # least once made the pass 200x the ranking. Ties in the count go to the earlier row.
        keep = np.sort(which[np.argsort(-firsts[which], kind="stable")[:confidence_for]])
        hits[np.setdiff1d(which, keep)] = -1
        which = keep
    rng_x = np.random.default_rng(x_seq)  # a fresh copy: the same score samples again
    n_pass = samples if r else 1  # fixed scores: one evaluation stands for every sample
    for a in range(0, n_pass, block):
        ut = uniforms(rng_x, min(block, n_pass - a))
        for c in range(0, ut.shape[1], step):
            terms = score.terms(ut[:, c : c + step])
            for i in which:
                # first: no alternative scores strictly more (at 12 decimals, as in _ranks)
                s = np.round(score(wsum[i] / firsts[i], terms), 12)
                hits[i] += np.count_nonzero(s[i] >= s.max(axis=0))
    return counts, wsum, np.where(hits < 0, -1, hits * (samples // n_pass))


@dataclass(frozen=True)
class SmaaResult:
    """Outcome of :func:`rank_acceptability`.

    Attributes
    ----------
    method, samples, seed, weight_sampling, concentration : as used (concentration None for
        ``uniform``)
    ranged_cells : int
        How many scores were drawn within an evidence range (0: the scores stayed fixed, because
        ``score_ranges`` was off or the comparison records no ranges).
    confidence_skipped : int
        Alternatives first in some sample whose confidence factor was not computed
        (``confidence_for`` of :func:`rank_acceptability`); 0 by default.
    acceptability : DataFrame
        Index ``alternative``, columns ranks 1..m: the share of samples giving each rank. Rows
        sum to 1; columns too unless alternatives tie.
    confidence : Series
        Confidence factor ``p_i^c`` by alternative (NaN if never first, or not computed: see
        ``confidence_skipped``).
    central_weights : DataFrame
        Index ``alternative``, columns criterion ids: the mean weights of the samples in which
        the alternative is first (NaN row if never first).
    """

    method: str
    samples: int
    seed: int | None
    weight_sampling: str
    concentration: float | None
    acceptability: pd.DataFrame
    confidence: pd.Series
    central_weights: pd.DataFrame
    ranged_cells: int = 0
    confidence_skipped: int = 0

    def to_dict(self) -> dict:
        """JSON-ready figures; NaN becomes None."""
        return {
            "acceptability": {
                a: {str(r): float(p) for r, p in row.items()}
                for a, row in self.acceptability.iterrows()
            },
            "confidence": {a: None if pd.isna(p) else float(p) for a, p in self.confidence.items()},
            "central_weights": {
                a: None if row.isna().all() else {c: float(v) for c, v in row.items()}
                for a, row in self.central_weights.iterrows()
            },
            "samples": self.samples,
            "seed": self.seed,
            "method": self.method,
            "weight_sampling": self.weight_sampling,
            "concentration": self.concentration,
            "ranged_cells": self.ranged_cells,
            "confidence_skipped": self.confidence_skipped,
        }

    def settings_sentence(self) -> str:
        """Say what was drawn, in words that match the data.

        Returns
        -------
        str
            E.g. "20,000 draws of the weights around the given ones (concentration 100) and of
            39 scores within their evidence ranges; seed 0 (SMAA-2)."
        """
        weights = (
            f"the weights around the given ones (concentration {self.concentration:g})"
            if self.weight_sampling == "around"
            else "the weights anywhere (uniform over all weightings)"
        )
        scores = (
            f" and of {self.ranged_cells:,} score{'s' if self.ranged_cells != 1 else ''} within "
            "their evidence ranges"
            if self.ranged_cells
            else "; the scores stay fixed"
        )
        seed = "a fresh seed" if self.seed is None else f"seed {self.seed}"
        skipped = ""
        if self.confidence_skipped:
            shown = int(self.confidence.notna().sum())
            which = "the alternative" if shown == 1 else f"the {shown} alternatives"
            skipped = (
                f" Confidence factors for {which} most often first only "
                f"({self.confidence_skipped:,} others were first in some draw)."
            )
        return f"{self.samples:,} draws of {weights}{scores}; {seed} (SMAA-2).{skipped}"

    def sentence(self) -> str:
        """E.g. "Flask is first in 83% of plausible weightings (Django 17%)."."""
        first = self.acceptability[1]
        order = sorted(first.index, key=lambda a: (-first[a], a))
        what = "plausible weightings"
        if self.weight_sampling == "around":
            what = "weightings near the current weights"
        # At most 14 others by name (2,000 made a sentence of 30,000 characters), then a count.
        others = ", ".join(f"{a} {percent(first[a], 0)}" for a in order[1:_NAMED])
        if len(order) > _NAMED:
            others += f" and {len(order) - _NAMED:,} more"
        return f"{order[0]} is first in {percent(first[order[0]], 0)} of {what}" + (
            f" ({others})." if others else "."
        )


def default_sampling(weights: Weights) -> str:
    """How weights are drawn unless the caller says: around given weights, else uniformly.

    Parameters
    ----------
    weights : None, str, mapping or Series
        The weights given to :func:`rank_acceptability`.

    Returns
    -------
    str
        ``"around"`` for a preset or weights, ``"uniform"`` for None (no preference given).
    """
    return "uniform" if weights is None else "around"


def _int_in(value, name: str, low: int, high: int, fix: str) -> int:
    ok = isinstance(value, numbers.Integral) and not isinstance(value, bool)
    if not (ok and low <= value <= high):
        raise DataError(f"{name} must be an integer from {low:,} to {high:,}", value=value, fix=fix)
    return int(value)


def _ranges(comparison: Comparison, use: bool) -> tuple[np.ndarray, np.ndarray]:
    """(low, high) per cell from the evidence; cells without a range get low = high = score."""
    x = comparison.arrays[0]
    low, high = x.copy(), x.copy()
    ev = comparison.evidence
    if use and len(ev):
        bounds = ev[["score_low", "score_high"]].to_numpy(dtype=float)
        ia = pd.Index(comparison.alternatives).get_indexer(pd.Index(ev["alternative"]))
        ja = pd.Index(comparison.criterion_ids).get_indexer(pd.Index(ev["criterion"]))
        ok = (ia >= 0) & (ja >= 0) & np.isfinite(bounds).all(axis=1)
        low[ia[ok], ja[ok]], high[ia[ok], ja[ok]] = bounds[ok, 0], bounds[ok, 1]
    ov = comparison.overrides
    if use and len(ov):
        # The user's own score is what they believe: it is not drawn within the data's range.
        ia = pd.Index(comparison.alternatives).get_indexer(pd.Index(ov["alternative"]))
        ja = pd.Index(comparison.criterion_ids).get_indexer(pd.Index(ov["criterion"]))
        ok = (ia >= 0) & (ja >= 0)
        low[ia[ok], ja[ok]] = high[ia[ok], ja[ok]] = x[ia[ok], ja[ok]]
    return low, high


def default_samples(comparison: Comparison, score_ranges: bool = True) -> int:
    """Return the number of SMAA samples used unless one is given.

    Parameters
    ----------
    comparison : Comparison
    score_ranges : bool
        Whether scores are drawn within their evidence ranges.

    Returns
    -------
    int
        :data:`DEFAULT_SAMPLES` (20,000), fewer when that many samples would draw more than
        :data:`DRAW_BUDGET` scores, never fewer than :data:`MIN_DEFAULT_SAMPLES`. The bundled
        comparisons (under 200 ranged cells) always get 20,000.

    Examples
    --------
    >>> import fwcompare_nb as fw
    >>> default_samples(fw.load_comparison())
    20000
    """
    low, high = _ranges(comparison, score_ranges)
    ranged = int(np.count_nonzero(low < high))
    return int(min(DEFAULT_SAMPLES, max(MIN_DEFAULT_SAMPLES, DRAW_BUDGET // max(ranged, 1))))


def rank_acceptability(
    comparison: Comparison,
    weights: Weights = None,
    method: str = "wsm",
    *,
    samples: int | None = None,
    seed: int | None = 0,
    weight_sampling: str | None = None,
    concentration: float = DEFAULT_CONCENTRATION,
    score_ranges: bool = True,
    chunk: int = 100_000,
    confidence_for: int | None = None,
) -> SmaaResult:
    """SMAA-2 rank acceptability, central weights and confidence factors.

    Parameters
    ----------
    comparison : Comparison
    weights : None, str, mapping or Series
        The current weights (see :func:`fwcompare_nb.resolve_weights`): the centre of
        ``around`` sampling; checked but otherwise unused by ``uniform``.
    method : {"wsm", "wpm", "topsis"}
        WSM normalises by the fixed scale of ``comparison.arrays`` (a sampled score outside it
        maps linearly outside 0..1); WPM and TOPSIS normalise over each sample's alternatives.
    samples : int, optional
        1 to 10 million; default :func:`default_samples` (20,000 unless the comparison has
        more than 50,000 score ranges).
    seed : int or None
        Seed of ``numpy.random.default_rng``; None draws fresh entropy.
    weight_sampling : {"around", "uniform"}, optional
        See :func:`sample_weights`. Default: ``around`` when ``weights`` are given (a preset,
        a mapping), ``uniform`` when they are None: :func:`default_sampling`.
    concentration : float
        Dirichlet concentration of ``around``: finite, > 0; larger stays closer to the weights.
    score_ranges : bool
        Draw scores within their evidence ranges (fixed scores where there are none).
    chunk : int
        Most samples scored in one vectorised step. Steps never exceed one block (8,192 samples)
        and are smaller for WPM and TOPSIS, which keep their (samples, alternatives, criteria)
        arrays cache-sized. The figures do not depend on it.
    confidence_for : int, optional
        Compute confidence factors only for this many alternatives, those most often first
        (the others get NaN and :attr:`SmaaResult.confidence_skipped` counts them). Each
        alternative ever first costs one more pass over the score samples, which matters
        for hundreds of alternatives with score ranges; default: all.

    Raises
    ------
    DataError
        Bad weights or method (as :func:`fwcompare_nb.rank`), samples, seed, chunk,
        weight_sampling or concentration; WPM with a score range reaching 0 or below.
    """
    w, method_ = checked(comparison, weights, method)
    if samples is None:
        samples = default_samples(comparison, score_ranges)
    samples = _int_in(samples, "samples", 1, MAX_SAMPLES, "use e.g. samples=10_000")
    if confidence_for is not None:
        confidence_for = _int_in(
            confidence_for, "confidence_for", 1, MAX_SAMPLES, "use e.g. 15, or None for all"
        )
    chunk = _int_in(chunk, "chunk", 1, MAX_SAMPLES, "use e.g. chunk=100_000")
    if seed is not None:
        seed = _int_in(seed, "seed", 0, 2**63 - 1, "use a non-negative integer or None")
    if weight_sampling is None:
        weight_sampling = default_sampling(weights)
    weight_sampling = check_choice(weight_sampling, WEIGHT_SAMPLING, what="weight_sampling")
    centre, conc = w.to_numpy(dtype=float), None
    if weight_sampling == "around":
        ok = isinstance(concentration, numbers.Real) and not isinstance(concentration, bool)
        # The smallest Dirichlet parameter must stay > 0 in floating point too.
        if not (
            ok and math.isfinite(concentration) and (concentration * centre[centre > 0]).min() > 0
        ):
            raise DataError(
                "concentration must be a finite number > 0",
                value=concentration,
                fix="use e.g. concentration=100 (larger stays closer to the weights)",
            )
        conc = float(concentration)
    x, lo, hi, benefit = comparison.arrays
    low, high = _ranges(comparison, score_ranges)
    try:
        method_.check(
            low,
            comparison.alternatives,
            comparison.criterion_ids,
            source=f"evidence of {comparison.name!r}",
        )
    except DataError as exc:
        raise DataError(
            f"{exc.problem}, and a score range reaches 0 or below",
            file=exc.file,
            where=exc.where,
            value=exc.value,
            fix="use wsm or topsis, or score_ranges=False",
        ) from None
    counts, wsum, hits = smaa_counts(
        method_, x, lo, hi, benefit, low, high, centre, samples=samples, seed=seed,
        how=weight_sampling, concentration=conc, chunk=chunk, confidence_for=confidence_for,
    )  # fmt: skip
    firsts = counts[:, :1]
    alts = pd.Index(comparison.alternatives, name="alternative")
    ranks = pd.Index(range(1, len(alts) + 1), name="rank")
    ids = pd.Index(comparison.criterion_ids, name="criterion")
    central = np.divide(wsum, firsts, out=np.full(wsum.shape, np.nan), where=firsts > 0)
    confidence = np.where((firsts[:, 0] > 0) & (hits >= 0), hits / samples, np.nan)
    return SmaaResult(
        method_.key, samples, seed, weight_sampling, conc,
        acceptability=pd.DataFrame(counts / samples, index=alts, columns=ranks),
        confidence=pd.Series(confidence, index=alts, name="confidence"),
        central_weights=pd.DataFrame(central, index=alts, columns=ids),
        ranged_cells=int(np.count_nonzero(low < high)),
        confidence_skipped=int(np.count_nonzero(hits < 0)),
    )  # fmt: skip
