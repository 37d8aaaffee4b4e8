"""Tables that summarise a comparison: the presets' answers and the claims' verdicts."""

from __future__ import annotations

import pandas as pd

from .loading import VERDICTS
from .model import Comparison
from .scoring import recommend


def profile_table(comparison: Comparison, method: str = "wsm") -> pd.DataFrame:
    """Each preset's recommendation.

    Returns
    -------
    DataFrame
        Index ``profile``; columns ``label``, ``winner``, ``runner_up``, ``margin`` (winner's
        score minus the runner-up's), ``headline`` (one sentence), ``description``.
    """
    rows = []
    for name in comparison.profiles.index:
        rec = recommend(comparison, name, method)
        rows.append(
            {
                "profile": name,
                "label": comparison._profiles.at[name, "label"],
                "winner": rec.winner,
                "runner_up": rec.runner_up,
                "margin": rec.margin,
                "headline": rec.headline(),
                "description": comparison._profiles.at[name, "description"],
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
    claims = comparison._claims
    table = pd.crosstab(claims["framework"], claims["verdict"]).reindex(
        columns=list(VERDICTS), fill_value=0
    )
    table.loc["total"] = table.sum()
    table.columns.name = "verdict"
    return table


def claims_for(comparison: Comparison, criterion: str) -> pd.DataFrame:
    """The claims that inform ``criterion`` (its id), with their verdicts and evidence."""
    claims = comparison._claims
    mask = (
        claims["criterion"].str.split(";").apply(lambda ids: criterion in [i.strip() for i in ids])
    )
    return claims[mask].reset_index(drop=True)
