"""AHP (Analytic Hierarchy Process) weights from pairwise comparisons of criteria.

A judgement ``a[i, j]`` says how much more important criterion ``i`` is than ``j`` on Saaty's
1-9 scale (``1/3``: ``j`` is moderately more important). The weights are the principal
eigenvector of the reciprocal matrix; ``CR = CI / RI`` measures how much the judgements conflict.

The matrix and its checks are in :mod:`fwcompare_nb.core.pairwise`, the CSV file format in
:mod:`fwcompare_nb.io.pairwise`. One criterion is accepted (weight 1, CR 0). More than 15
criteria are refused by :func:`ahp_weights`: the random index stops at 15, and reusing the last
value would make the CR meaningless.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import cast

import numpy as np
import pandas as pd

from ..core.errors import DataError
from ..core.pairwise import pairwise_frame

#: Saaty's random index RI (mean CI of random reciprocal matrices of order n): n = 1..10 from
#: Saaty (1980), The Analytic Hierarchy Process, and Saaty (1990), EJOR 48:9-26, Table 2;
#: n = 11..15 from Saaty's extended table (the dip at 12 is as published). n > 15 is refused.
SAATY_RANDOM_INDEX: dict[int, float] = {
    1: 0.0, 2: 0.0, 3: 0.58, 4: 0.90, 5: 1.12, 6: 1.24, 7: 1.32, 8: 1.41,
    9: 1.45, 10: 1.49, 11: 1.51, 12: 1.48, 13: 1.56, 14: 1.57, 15: 1.59,
}  # fmt: skip
CR_THRESHOLD = 0.1


def principal_eigenvector(a: np.ndarray) -> tuple[np.ndarray, float]:
    """Return the principal eigenvector (summing to 1) and ``lambda_max`` of a positive matrix.

    Kernel, no validation. Power iteration starting from the row geometric means, which are
    already exact for a consistent matrix. For entries in [1/9, 9] Birkhoff's contraction bound
    (at most tanh(log(9**4) / 4) ~ 0.976 per step) guarantees convergence well within the cap.
    """
    a = np.asarray(a, dtype=float)
    w = np.exp(np.log(a).mean(axis=1))
    w /= w.sum()
    for _ in range(10_000):
        aw = a @ w
        new = aw / aw.sum()
        if np.max(np.abs(new - w)) <= 1e-14:
            return new, float(aw.sum())  # sum(A w) = lambda * sum(w) = lambda
        w = new
    raise ArithmeticError("power iteration did not converge; is the matrix positive?")


@dataclass(frozen=True, eq=False)
class AhpResult:
    """AHP weights and consistency of one pairwise matrix (see :func:`ahp_weights`)."""

    weights: pd.Series
    lambda_max: float
    consistency_index: float
    consistency_ratio: float
    consistent: bool
    matrix: pd.DataFrame
    inconsistent_judgements: pd.DataFrame

    def to_dict(self) -> dict:
        """Return a JSON-ready dict of plain floats, strings and bools."""
        rows = self.inconsistent_judgements.to_dict(orient="records")
        return {
            "weights": {str(k): float(v) for k, v in self.weights.items()},
            "consistency_ratio": float(self.consistency_ratio),
            "consistent": bool(self.consistent),
            "inconsistent_judgements": [
                {k: v if isinstance(v, str) else float(v) for k, v in r.items()} for r in rows
            ],
        }


def _judgements(a: np.ndarray, w: np.ndarray, ids: list[str]) -> pd.DataFrame:
    n = len(ids)
    i, j = np.triu_indices(n, k=1)
    error = a[i, j] * w[j] / w[i]
    # At the principal eigenvector lambda_max - n = (1/n) sum_{i<j} (e + 1/e - 2) exactly, so
    # these terms add up to CI, and each grows with |log e| whichever way the judgement errs.
    contribution = (error + 1 / error - 2) / max(n * (n - 1), 1)  # n = 1: no judgements
    table = pd.DataFrame({"row": [ids[k] for k in i], "column": [ids[k] for k in j]})
    table = table.assign(
        judged=a[i, j], implied=w[i] / w[j], error=error, contribution=contribution
    )
    return table.sort_values("contribution", ascending=False, kind="stable").reset_index(drop=True)


def ahp_weights(matrix: pd.DataFrame | Mapping, *, source: str = "pairwise matrix") -> AhpResult:
    """Validate a pairwise matrix (via :func:`pairwise_frame`) and compute the AHP weights.

    ``inconsistent_judgements`` has one row per judgement above the diagonal: ``judged``
    (a_ij), ``implied`` (w_i / w_j), ``error`` (a_ij w_j / w_i; 1 = consistent) and
    ``contribution`` = (error + 1/error - 2) / (n (n - 1)), the judgement's exact additive share
    of the consistency index (the column sums to CI). Sorted by contribution, largest first.
    Refuses (DataError) what :func:`pairwise_frame` refuses, and more than 15 criteria.
    """
    full = pairwise_frame(matrix, source=source)
    ids, n = list(full.index), len(full)
    if n > max(SAATY_RANDOM_INDEX):
        problem = f"{n} criteria, but Saaty's random index is published only up to 15"
        fix = "split the criteria into groups (a hierarchy) of at most 15, ideally at most 9"
        raise DataError(problem, file=source, where="criterion ids", fix=fix)
    a = full.to_numpy()
    w, lam = principal_eigenvector(a)
    # lambda_max >= n in exact arithmetic; rounding may dip just below it.
    ci = max(lam - n, 0.0) / (n - 1) if n > 2 else 0.0
    cr = ci / SAATY_RANDOM_INDEX[n] if n > 2 else 0.0
    return AhpResult(
        weights=pd.Series(w, index=pd.Index(ids, name="id"), name="weight"),
        lambda_max=lam,
        consistency_index=ci,
        consistency_ratio=cr,
        consistent=cr <= CR_THRESHOLD,
        matrix=full,
        inconsistent_judgements=_judgements(a, w, ids),
    )


def _ratio(x: float) -> str:
    """Show 0.2 as 1/5 and 3.0 as 3, as people write judgements."""
    if x < 1 and abs(1 / x - round(1 / x)) < 1e-6:
        return f"1/{round(1 / x)}"
    return f"{x:.2g}"


def inconsistency_message(
    result: AhpResult, top: int = 3, names: Mapping[str, str] | None = None
) -> str:
    """Name the ``top`` judgements that contribute most to the inconsistency, with a fix.

    Parameters
    ----------
    result : AhpResult
        From :func:`ahp_weights`.
    top : int
        How many judgements to name.
    names : mapping, optional
        Display names by criterion id (default: the ids).

    Returns
    -------
    str
        One paragraph: the consistency ratio, the worst judgements and what to do.
    """
    cr = result.consistency_ratio
    if result.consistent:
        return f"The judgements are consistent enough (CR {cr:.3f} <= {CR_THRESHOLD})."
    name = (lambda cid: str(names.get(cid, cid))) if names is not None else str
    # ``judged`` and ``implied`` are float columns; the stubs type a row's fields as any scalar.
    worst = "; ".join(
        f"{name(r.row)} vs {name(r.column)} (judged {_ratio(cast(float, r.judged))}, "
        f"the weights imply {_ratio(cast(float, r.implied))})"
        for r in result.inconsistent_judgements.head(top).itertuples()
    )
    return (
        f"The judgements are inconsistent (CR {cr:.3f} > {CR_THRESHOLD}). The judgements that "
        f"contribute most to the inconsistency: {worst}. Fix: revise them; CR must be <= "
        f"{CR_THRESHOLD}."
    )


def check_ids(
    result_or_matrix: AhpResult | pd.DataFrame,
    criterion_ids: Sequence[str],
    *,
    source: str = "pairwise matrix",
) -> None:
    """Raise DataError unless the matrix (or result) has exactly ``criterion_ids``, any order.

    The message names the unknown ids (in the matrix, not among the criteria) and the missing.
    """
    obj = result_or_matrix
    have = [str(x) for x in (obj.weights.index if isinstance(obj, AhpResult) else obj.index)]
    want = [str(x) for x in criterion_ids]
    unknown, missing = [x for x in have if x not in want], [x for x in want if x not in have]
    if unknown or missing:
        problem = f"ids differ from the criteria: unknown {unknown}, missing {missing}"
        fix = "give the matrix one row and one column per criterion id, and no others"
        raise DataError(problem, file=source, where="criterion ids", fix=fix)
