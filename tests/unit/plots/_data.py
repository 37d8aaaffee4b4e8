"""Comparisons for chart tests: seeded random ones of any size, and names that look like markup."""

from __future__ import annotations

import numpy as np
import pandas as pd

import fwcompare_nb as fw

#: Names matplotlib would read as mathtext or TeX if it parsed them.
MARKUP_CRITERIA = ("Price ($) / Support ($$$)", r"Cost in \$ per_seat^2", "$x$ and $y$")
MARKUP_ALTERNATIVES = ("Acme $5 plan", "Beta_1 ^ $$", r"C:\tools\$HOME")


def random_comparison(n_alt: int, n_crit: int, seed: int = 0) -> fw.Comparison:
    """Scores 1..5 at random (seeded), every third criterion a cost, weights 1..5."""
    rng = np.random.default_rng(seed)
    ids = [f"c{j:02d}" for j in range(n_crit)]
    scores = pd.DataFrame(rng.uniform(1, 5, (n_alt, n_crit)).round(2), columns=ids)
    scores.insert(0, "alternative", [f"alt-{i:04d}" for i in range(n_alt)])
    criteria = pd.DataFrame(
        {
            "id": ids,
            "name": [f"Criterion {j}" for j in range(n_crit)],
            "direction": ["cost" if j % 3 == 0 else "benefit" for j in range(n_crit)],
            "weight": rng.integers(1, 6, n_crit),
            "min": 1,
            "max": 5,
        }
    )
    return fw.Comparison.from_frames(scores, criteria, name=f"random {n_alt}x{n_crit}")


def markup_comparison() -> fw.Comparison:
    """Three alternatives and three criteria, every name full of ``$``, ``\\``, ``_`` and ``^``."""
    ids = ["price", "cost", "xy"]
    scores = pd.DataFrame([[1, 4, 2], [3, 2, 5], [5, 1, 3]], columns=ids)
    scores.insert(0, "alternative", list(MARKUP_ALTERNATIVES))
    criteria = pd.DataFrame(
        {"id": ids, "name": list(MARKUP_CRITERIA), "direction": ["cost", "cost", "benefit"],
         "weight": [2, 1, 1], "min": 1, "max": 5}
    )  # fmt: skip
    return fw.Comparison.from_frames(scores, criteria, name="markup $names$")
