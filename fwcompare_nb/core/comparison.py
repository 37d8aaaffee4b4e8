"""The comparison matrix as an immutable value object, and how weights are given for it."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from functools import cached_property
from typing import cast

import numpy as np
import pandas as pd

from . import judgement as j
from . import validation as v
from .errors import DataError
from .methods import Method, Terms

#: What a user may pass as weights: None (the criteria's defaults), a preset name, or weights
#: by criterion id (see :func:`resolve_weights`).
Weights = None | str | Mapping[str, float] | pd.Series

EVIDENCE_COLUMNS = ["alternative", "criterion", "score_low", "score_high", "rationale", "source"]
CLAIM_COLUMNS = ["claim_id", "section", "claim", "framework", "criterion", "verdict", "evidence"]
PROFILE_COLUMNS = ["label", "description"]
#: A claim's verdict, from confirmed to refuted (``claims.csv``).
VERDICTS = ("supported", "outdated", "contested", "unverified", "false")


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
    overrides : DataFrame
        The user's own scores (:meth:`with_scores`): columns ``alternative, criterion, score,
        bundled, reason``; empty for the data as given.
    requirements : tuple of Requirement
        Must-haves (:meth:`with_requirements`); alternatives that miss one are not in
        :attr:`scores` (every analysis works on those that pass) but in :attr:`ruled_out`.
    ruled_out : DataFrame
        Columns ``alternative, criterion, requirement, score, shortfall, text``: one row per
        failed must-have.
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
    # The data's own scores of every alternative (None: the same as _scores, nothing changed);
    # _scores is derived from it, the overrides and the requirements by _rebuild.
    _data: pd.DataFrame | None = None
    _overrides: pd.DataFrame = field(
        default_factory=lambda: pd.DataFrame(columns=j.OVERRIDE_COLUMNS)
    )
    _requirements: tuple[j.Requirement, ...] = ()
    _ruled_out: pd.DataFrame = field(
        default_factory=lambda: pd.DataFrame(columns=j.RULED_OUT_COLUMNS)
    )

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
        """The float scores (a copy): index ``alternative``, columns the criterion ids."""
        return self._scores.copy()

    @property
    def criteria(self) -> pd.DataFrame:
        """The criteria (a copy), indexed by ``id``; columns as listed in the class docstring."""
        return self._criteria.copy()

    @property
    def evidence(self) -> pd.DataFrame:
        """The evidence rows (a copy); empty, with the columns, when there are none."""
        return self._evidence.copy()

    @property
    def claims(self) -> pd.DataFrame:
        """The claims with their verdicts (a copy); empty, with the columns, when none."""
        return self._claims.copy()

    @property
    def profiles(self) -> pd.DataFrame:
        """The weight presets (a copy): index ``profile``, label, description, one weight each."""
        return self._profiles.copy()

    @cached_property
    def _alternative_index(self) -> pd.Index:
        return pd.Index(self._scores.index, name="alternative")

    @cached_property
    def _names(self) -> tuple[tuple[str, ...], tuple[str, ...]]:
        # Iterating a pandas Index costs about 0.7 us an item: read the names once.
        return tuple(self._scores.index.tolist()), tuple(self._criteria.index.tolist())

    @property
    def alternatives(self) -> list[str]:
        """The alternatives, in the order of the scores file."""
        return list(self._names[0])

    @property
    def alternative_index(self) -> pd.Index:
        """The alternatives as an Index named ``alternative`` (a new object sharing the data)."""
        return self._alternative_index.copy()

    @property
    def criterion_ids(self) -> list[str]:
        """The criterion ids, in declared order."""
        return list(self._names[1])

    @property
    def criterion_names(self) -> pd.Series:
        """Each criterion's display name (Series by criterion id)."""
        return self._criteria["name"].copy()

    @property
    def weights(self) -> pd.Series:
        """Default weights normalised to sum 1 (a Series by criterion id)."""
        return pd.Series(self._default_weights.copy(), index=self._criteria.index, name="weight")

    @cached_property
    def _default_weights(self) -> np.ndarray:
        w = v.without_overflow(self._criteria["weight"].to_numpy(dtype=float, copy=True))
        w /= w.sum()
        w.flags.writeable = False
        return w

    def weight_vector(self, weights: Weights = None) -> np.ndarray:
        """Weights as the kernels take them: a float array in criterion order, summing to 1.

        The same checks and result as :meth:`resolve_weights`, without building a Series; the
        defaults (``None``) come back as a cached read-only array.
        """
        if weights is None:
            return self._default_weights
        return self.resolve_weights(weights).to_numpy()

    @property
    def preset_ids(self) -> list[str]:
        """The weight presets' ids, in file order."""
        return list(self._profiles.index)

    def preset_label(self, preset: str) -> str:
        """Return a preset's label (as the menus show it).

        Parameters
        ----------
        preset : str
            One of :attr:`preset_ids`.

        Returns
        -------
        str
            The ``label`` column of ``profiles.csv``.

        Raises
        ------
        DataError
            Unknown preset; the message lists the known ones.
        """
        return str(self._preset(preset)["label"])

    def preset_description(self, preset: str) -> str:
        """Return a preset's description: the situation its weights are for.

        Parameters
        ----------
        preset : str
            One of :attr:`preset_ids`.

        Returns
        -------
        str
            The ``description`` column of ``profiles.csv``.

        Raises
        ------
        DataError
            Unknown preset; the message lists the known ones.
        """
        return str(self._preset(preset)["description"])

    def evidence_for(self, criterion: str) -> pd.DataFrame:
        """Return the evidence rows of one criterion, indexed by alternative (a copy).

        Parameters
        ----------
        criterion : str
            A criterion id.

        Returns
        -------
        DataFrame
            Index ``alternative``; columns ``criterion``, ``score_low``, ``score_high``,
            ``rationale``, ``source``. Empty when the criterion has no evidence (or the id is
            unknown).
        """
        ev = self._evidence
        return ev[ev["criterion"] == criterion].set_index("alternative")

    def score(self, alternative: str, criterion: str) -> float:
        """One cell of the matrix."""
        # A float frame; the stubs type .at as any scalar.
        return float(cast(float, self._scores.at[alternative, criterion]))

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

    @cached_property
    def _terms(self) -> dict[str, Terms]:
        return {}  # a memo filled by terms(): derived data, not state

    def terms(self, method: Method) -> Terms:
        """Return the weight-free part of ``method``'s scores (read-only arrays, computed once).

        Scoring the same comparison with new weights then costs one product with the weights.

        Parameters
        ----------
        method : Method
            A registry entry (see :func:`~fwcompare_nb.core.methods.get_method`).

        Returns
        -------
        tuple of ndarray
            What ``method.terms`` returns for :attr:`arrays`, kept for the next call.
        """
        cached = self._terms.get(method.key)
        if cached is None:
            cached = method.terms(*self.arrays)
            for a in cached:
                a.flags.writeable = False
            self._terms[method.key] = cached
        return cached

    @cached_property
    def _name_order(self) -> np.ndarray:
        order = np.empty(len(self._scores), dtype=np.intp)
        order[np.argsort(self._scores.index.to_numpy(dtype=str), kind="stable")] = np.arange(
            len(self._scores)
        )
        order.flags.writeable = False
        return order

    @property
    def name_order(self) -> np.ndarray:
        """Each alternative's position in name order (read-only): ties are listed by name."""
        return self._name_order

    def with_weights(self, weights: Weights) -> Comparison:
        """Return a new Comparison whose default weights are ``weights`` (normalised).

        ``weights`` is a profile name or a mapping by criterion id (see
        :func:`resolve_weights`).
        """
        w = self.resolve_weights(weights)
        crit = self._criteria.copy()
        crit["weight"] = w.to_numpy()
        return replace(self, _criteria=crit)

    # ------------------------------------------------------------- the user's own judgement
    @property
    def overrides(self) -> pd.DataFrame:
        """The user's own scores beside the bundled ones (a copy; see :meth:`with_scores`)."""
        return self._overrides.copy()

    @property
    def requirements(self) -> tuple[j.Requirement, ...]:
        """The must-haves in force (see :meth:`with_requirements`)."""
        return self._requirements

    @property
    def ruled_out(self) -> pd.DataFrame:
        """Failed must-haves, one row per (alternative, requirement) (a copy)."""
        return self._ruled_out.copy()

    @property
    def data_scores(self) -> pd.DataFrame:
        """The data's own scores of every alternative, before overrides and screening."""
        return (self._data if self._data is not None else self._scores).copy()

    def with_scores(self, cells, *, reason: str = "") -> Comparison:
        """Return a new Comparison with some scores set by the user (and why).

        Parameters
        ----------
        cells : mapping, DataFrame or iterable
            ``{(alternative, criterion): score}`` or ``{(alternative, criterion): (score,
            reason)}``, a DataFrame with ``alternative, criterion, score[, reason]``, or
            ``(alternative, criterion, score[, reason])`` tuples. A cell set back to its bundled
            score is no longer an override. Alternatives ruled out by a must-have may be scored
            too (a new score can let them pass).
        reason : str
            One line, for cells that give none.

        Returns
        -------
        Comparison
            Scores replaced; :attr:`overrides` records each with the bundled score; must-haves
            are applied again.

        Raises
        ------
        DataError
            Unknown alternative or criterion, a score off the criterion's scale, not a finite
            number or given twice; a reason longer than one line; or every alternative ruled out.

        Examples
        --------
        >>> import fwcompare_nb as fw
        >>> comp = fw.load_comparison().with_scores({("Flask", "admin_interface"): 3},
        ...                                         reason="Flask-Admin is enough for us")
        >>> comp.overrides[["alternative", "criterion", "score", "bundled"]].values.tolist()
        [['Flask', 'admin_interface', 3.0, 1.0]]
        """
        data = self.data_scores
        new = j.check_overrides(cells, data, self._criteria, reason=reason)
        return self._rebuild(j.merged_overrides(self._overrides, new, data), self._requirements)

    def without_scores(self, cells=None) -> Comparison:
        """Return a new Comparison with the bundled scores back (all, or the given cells).

        Parameters
        ----------
        cells : iterable of (alternative, criterion), optional
            The cells to reset; all of them by default.
        """
        ov = self._overrides
        if cells is not None:
            drop = {tuple(c) for c in cells}
            cells_now = zip(ov["alternative"], ov["criterion"], strict=True)
            keep = [(a, c) not in drop for a, c in cells_now]
            ov = ov[keep].reset_index(drop=True)
        else:
            ov = ov.iloc[0:0]
        return self._rebuild(ov, self._requirements)

    def with_requirements(self, requirements) -> Comparison:
        """Return a new Comparison screened by must-haves (conjunctive screening).

        Parameters
        ----------
        requirements : iterable of Requirement, str or mapping
            ``"async_support>=3"`` (a minimum for a benefit criterion), ``"learning_curve<=2"``
            (a maximum for a cost), :class:`~fwcompare_nb.core.judgement.Requirement` or
            ``{"criterion", "op", "bound"}`` mappings. An empty iterable removes them all.

        Returns
        -------
        Comparison
            Only the alternatives that meet every requirement are in :attr:`scores` and so in
            every ranking and analysis; :attr:`ruled_out` says who else failed what.

        Raises
        ------
        DataError
            A bad requirement (see :func:`~fwcompare_nb.core.judgement.check_requirements`),
            or every alternative ruled out: the message names what rules out each and how far
            it is from passing.

        Examples
        --------
        >>> import fwcompare_nb as fw
        >>> pwf = fw.load_comparison(fw.config.DATA_DIR / "python-web-frameworks")
        >>> screened = pwf.with_requirements(["async_support>=4"])
        >>> screened.alternatives
        ['FastAPI', 'Falcon', 'Tornado']
        """
        reqs = j.check_requirements(requirements, self._criteria)
        return self._rebuild(self._overrides, reqs)

    def preset_requirements(self, preset: str) -> tuple[j.Requirement, ...]:
        """Return the must-haves a preset carries (``profiles.csv``'s ``require`` column).

        Parameters
        ----------
        preset : str
            A preset id.

        Returns
        -------
        tuple of Requirement
            Empty when the preset carries none. Scoring with a preset's weights does not apply
            them: :meth:`with_requirements` does (the explorer and the CLI do so when the
            preset is chosen).

        Raises
        ------
        DataError
            Unknown preset.
        """
        row = self._preset(preset)
        text = str(row.get("require", "") or "") if "require" in row.index else ""
        specs = [part for part in text.split(";") if part]
        return j.check_requirements(specs, self._criteria) if specs else ()

    def _rebuild(self, overrides: pd.DataFrame, requirements: tuple) -> Comparison:
        data = self.data_scores
        scores = data.copy()
        for alt, cid, value in zip(
            overrides["alternative"], overrides["criterion"], overrides["score"], strict=True
        ):
            scores.at[alt, cid] = float(value)
        ruled = j.screen(scores, self._criteria, requirements)
        out = set(ruled["alternative"])
        if len(out) == len(scores):
            raise j.all_ruled_out_error(ruled, len(scores))
        return replace(
            self,
            _scores=scores[~scores.index.isin(out)],
            _data=data,
            _overrides=overrides.reset_index(drop=True),
            _requirements=tuple(requirements),
            _ruled_out=ruled,
        )

    def profile_weights(self, profile: str) -> pd.Series:
        """Return the named preset's weights normalised to sum 1 (see :func:`resolve_weights`).

        Parameters
        ----------
        profile : str
            One of :attr:`preset_ids`.

        Returns
        -------
        Series
            Float weights by criterion id, summing to 1.

        Raises
        ------
        DataError
            Unknown preset, or its weights are negative, not finite or all zero.
        """
        return self.resolve_weights(profile)

    def resolve_weights(self, weights: Weights = None) -> pd.Series:
        """Turn any accepted form of weights into a Series by criterion id that sums to 1.

        See :func:`resolve_weights`.
        """
        ids = self._criteria.index
        if weights is None:
            return self.weights
        if isinstance(weights, str):
            raw = self._preset(weights)[ids].astype(float)
            return v.validate_weight_values(raw, source=f"profile {weights!r}")
        if not isinstance(weights, Mapping | pd.Series):
            raise DataError(
                "weights must be None, a profile name, or a mapping of criterion id to weight",
                value=type(weights).__name__,
                fix="pass e.g. {'learning_curve': 3, 'admin_interface': 1}",
            )
        given = v.check_weight_mapping(weights, source="weights", known=ids)
        raw = pd.Series(given, dtype=float).reindex(ids, fill_value=0.0)
        return v.validate_weight_values(raw, source="weights")

    def _preset(self, preset: str) -> pd.Series:
        if preset not in self._profiles.index:
            known = ", ".join(self._profiles.index) or "none"
            raise DataError(
                "unknown profile",
                file=f"profiles of {self.name!r}",
                value=preset,
                fix=f"use one of: {known}",
            )
        # Profile ids are unique, so .loc gives one row; the stubs allow a DataFrame too.
        return cast(pd.Series, self._profiles.loc[preset])

    def __repr__(self) -> str:
        return (
            f"Comparison({self.name!r}: {len(self._scores)} alternatives x "
            f"{len(self._criteria)} criteria, {len(self._claims)} claims, "
            f"{len(self._profiles)} profiles)"
        )


def resolve_weights(comparison: Comparison, weights: Weights = None) -> pd.Series:
    """Turn any accepted form of weights into a Series by criterion id that sums to 1.

    Parameters
    ----------
    comparison : Comparison
        The comparison the weights are for.
    weights : None, str, mapping or Series
        ``None``: the criteria's default weights. A string: the name of one of the comparison's
        profiles. A mapping or Series by criterion id: criteria it leaves out get weight 0.

    Returns
    -------
    Series
        Float weights by criterion id (index ``id``, name ``weight``), summing to 1.

    Raises
    ------
    DataError
        Unknown profile or criterion id, a non-numeric, NaN or negative weight, or all zero.

    Examples
    --------
    >>> import fwcompare_nb as fw
    >>> w = fw.resolve_weights(fw.load_comparison(), {"learning_curve": 3, "maturity": 1})
    >>> float(w["learning_curve"])
    0.75
    """
    return comparison.resolve_weights(weights)
