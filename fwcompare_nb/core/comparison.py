"""The comparison matrix as an immutable value object."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from functools import cached_property

import numpy as np
import pandas as pd

from . import validation as v

EVIDENCE_COLUMNS = ["alternative", "criterion", "score_low", "score_high", "rationale", "source"]
CLAIM_COLUMNS = ["claim_id", "section", "claim", "framework", "criterion", "verdict", "evidence"]
PROFILE_COLUMNS = ["label", "description"]


@dataclass(frozen=True, eq=False)
class Comparison:
    """Alternatives x criteria scores with their criteria, evidence, claims and weight presets.

    Build one with :meth:`from_frames`, :func:`fwcompare_nb.read_csv` or
    :func:`fwcompare_nb.load_comparison`; the constructor trusts its (already validated) input.
    Every frame property returns a copy, so a Comparison never changes after it is made;
    :meth:`with_weights` returns a new one.

    Attributes
    ----------
    scores : DataFrame
        Float scores; index ``alternative``, columns the criterion ids in declared order.
    criteria : DataFrame
        Index ``id``; columns ``name``, ``description``, ``group``, ``direction``
        (``benefit``/``cost``), ``min``, ``max`` (declared scale, NaN if none), ``weight``.
    evidence : DataFrame
        Columns ``alternative, criterion, score_low, score_high, rationale, source``
        (empty when the comparison has none).
    claims : DataFrame
        Columns ``claim_id, section, claim, framework, criterion, verdict, evidence``;
        ``criterion`` holds ``;``-separated ids.
    profiles : DataFrame
        Weight presets: index ``profile``; columns ``label``, ``description`` and one weight
        column per criterion id.
    name : str
        A short title, e.g. the folder name.
    """

    _scores: pd.DataFrame
    _criteria: pd.DataFrame
    _evidence: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(columns=EVIDENCE_COLUMNS))
    _claims: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(columns=CLAIM_COLUMNS))
    _profiles: pd.DataFrame = field(
        default_factory=lambda: pd.DataFrame(
            columns=PROFILE_COLUMNS, index=pd.Index([], name="profile")
        )
    )
    name: str = "comparison"

    @classmethod
    def from_frames(
        cls,
        scores: pd.DataFrame,
        criteria: pd.DataFrame,
        *,
        name: str = "comparison",
    ) -> Comparison:
        """Validate in-memory frames and build a Comparison.

        Parameters
        ----------
        scores : DataFrame
            Column ``alternative`` (or alternatives as the index) and one column per criterion.
        criteria : DataFrame
            Column ``id`` (or an index named ``id``); optional ``name``, ``direction``,
            ``weight``, ``min``, ``max``, ``description``, ``group``.
        name : str
            Title of the comparison.

        Raises
        ------
        DataError
            For every problem the CSV loader refuses too.
        """
        crit = v.validate_criteria(criteria, source="criteria DataFrame", where=v.row_labels(None))
        sc = v.validate_scores(
            scores,
            crit,
            source="scores DataFrame",
            where=v.row_labels(None),
            criteria_source="the criteria DataFrame",
        )
        return cls(sc, crit, name=name)

    # Copies out, so callers cannot mutate the value object.
    @property
    def scores(self) -> pd.DataFrame:
        return self._scores.copy()

    @property
    def criteria(self) -> pd.DataFrame:
        return self._criteria.copy()

    @property
    def evidence(self) -> pd.DataFrame:
        return self._evidence.copy()

    @property
    def claims(self) -> pd.DataFrame:
        return self._claims.copy()

    @property
    def profiles(self) -> pd.DataFrame:
        return self._profiles.copy()

    @property
    def alternatives(self) -> list[str]:
        return list(self._scores.index)

    @property
    def criterion_ids(self) -> list[str]:
        return list(self._criteria.index)

    @property
    def weights(self) -> pd.Series:
        """Default weights normalised to sum 1 (a Series by criterion id)."""
        w = self._criteria["weight"]
        return w / w.sum()

    @cached_property
    def arrays(self) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
        """Read-only ``(matrix, low, high, benefit)`` arrays for the numeric kernels.

        ``low``/``high`` are the declared scale, or the min/max over the alternatives where no
        scale is declared; ``benefit`` is a boolean mask.
        """
        x = self._scores.to_numpy(dtype=float, copy=True)
        lo = self._criteria["min"].to_numpy(dtype=float, copy=True)
        hi = self._criteria["max"].to_numpy(dtype=float, copy=True)
        undeclared = np.isnan(lo)
        lo[undeclared] = x.min(axis=0)[undeclared]
        hi[undeclared] = x.max(axis=0)[undeclared]
        benefit = (self._criteria["direction"] == "benefit").to_numpy()
        for a in (x, lo, hi, benefit):
            a.flags.writeable = False
        return x, lo, hi, benefit

    def with_weights(self, weights: Mapping[str, float] | pd.Series | str) -> Comparison:
        """Return a new Comparison whose default weights are ``weights`` (normalised).

        ``weights`` is a profile name or a mapping by criterion id (see
        :func:`fwcompare_nb.resolve_weights`).
        """
        from .scoring import resolve_weights  # scoring imports this module

        w = resolve_weights(self, weights)
        crit = self._criteria.copy()
        crit["weight"] = w.to_numpy()
        return replace(self, _criteria=crit)

    def profile_weights(self, profile: str) -> pd.Series:
        """The named preset's weights normalised to sum 1 (see :func:`resolve_weights`)."""
        from .scoring import resolve_weights

        return resolve_weights(self, profile)

    def __repr__(self) -> str:
        return (
            f"Comparison({self.name!r}: {len(self._scores)} alternatives x "
            f"{len(self._criteria)} criteria, {len(self._claims)} claims, "
            f"{len(self._profiles)} profiles)"
        )
