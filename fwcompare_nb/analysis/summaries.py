"""Tables that summarise a comparison: the presets' answers and the claims' verdicts."""

from __future__ import annotations

import pandas as pd

from ..core.comparison import VERDICTS, Comparison
from ..core.scoring import recommend
from .sensitivity import sensitivity


def profile_table(comparison: Comparison, method: str = "wsm") -> pd.DataFrame:
    """Each preset's recommendation.

    Returns
    -------
    DataFrame
        Index ``profile``; columns ``label``, ``winner``, ``runner_up``, ``margin`` (winner's
        score minus the runner-up's), ``headline`` (one sentence), ``description``.
    """
    rows = []
    for name in comparison.preset_ids:
        rec = recommend(comparison, name, method)
        rows.append(
            {
                "profile": name,
                "label": comparison.preset_label(name),
                "winner": rec.winner,
                "runner_up": rec.runner_up,
                "margin": rec.margin,
                "headline": rec.headline(),
                "description": comparison.preset_description(name),
            }
        )
    columns = ["profile", "label", "winner", "runner_up", "margin", "headline", "description"]
    return pd.DataFrame(rows, columns=columns).set_index("profile")


def verdict_table(comparison: Comparison) -> pd.DataFrame:
    """How many of the source's claims are supported, outdated, contested... per framework.

    Returns
    -------
    DataFrame
        Index ``framework`` (plus ``total``); one integer column per verdict, in the order
        supported, outdated, contested, unverified, false.
    """
    claims = comparison.claims
    table = pd.crosstab(claims["framework"], claims["verdict"]).reindex(
        columns=list(VERDICTS), fill_value=0
    )
    table.loc["total"] = table.sum()
    table.columns.name = "verdict"
    return table


def claims_for(comparison: Comparison, criterion: str) -> pd.DataFrame:
    """Return the claims that inform ``criterion``, with their verdicts and evidence.

    Parameters
    ----------
    comparison : Comparison
        The comparison whose claims are searched.
    criterion : str
        A criterion id; a claim informs it when the id is among its ``;``-separated
        ``criterion`` ids.

    Returns
    -------
    DataFrame
        The matching rows of ``comparison.claims`` (same columns), numbered from 0; empty when
        none match or the comparison has no claims.
    """
    claims = comparison.claims
    if claims.empty:  # no claims file: an empty column has no string accessor
        return claims.reset_index(drop=True)
    mask = (
        claims["criterion"].str.split(";").apply(lambda ids: criterion in [i.strip() for i in ids])
    )
    return claims[mask].reset_index(drop=True)


def fragility_table(comparison: Comparison, method: str = "wsm") -> pd.DataFrame:
    """For each preset, the single weight change that would most easily change its answer.

    Returns
    -------
    DataFrame
        Index ``profile``; columns ``label``, ``winner``, ``criterion`` (id of the criterion
        whose weight needs the smallest change, or ``None`` when no single weight change flips
        the winner), ``name``, ``weight`` (its weight now), ``flips_at`` (the boundary of its
        stability interval), ``change_needed`` (absolute weight change; ``inf`` if none) and
        ``flips_to`` (who would win), sorted with the most fragile answer first.
    """
    rows = []
    for name in comparison.preset_ids:
        result = sensitivity(comparison, name, method)
        iv = result.intervals.sort_values("change_needed")
        top = iv.iloc[0]
        flips = top["flips_to"] is not None
        at = top["stable_to"] if top["flips_to"] == top["flips_above"] else top["stable_from"]
        rows.append(
            {
                "profile": name,
                "label": comparison.preset_label(name),
                "winner": result.winner,
                "criterion": iv.index[0] if flips else None,
                "name": top["name"] if flips else None,
                "weight": float(top["weight"]) if flips else float("nan"),
                "flips_at": float(at) if flips else float("nan"),
                "change_needed": float(top["change_needed"]),
                "flips_to": top["flips_to"],
            }
        )
    frame = pd.DataFrame(rows).set_index("profile").sort_values("change_needed")
    return frame
