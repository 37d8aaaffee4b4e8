"""Comparisons for chart tests: seeded random ones of any size, and names that look like markup."""

from __future__ import annotations

import pandas as pd

import fwcompare_nb as fw
from benchmarks import bench_scale

#: Names matplotlib would read as mathtext or TeX if it parsed them.
MARKUP_CRITERIA = ("Price ($) / Support ($$$)", r"Cost in \$ per_seat^2", "$x$ and $y$")
MARKUP_ALTERNATIVES = ("Acme $5 plan", "Beta_1 ^ $$", r"C:\tools\$HOME")


def random_comparison(n_alt: int, n_crit: int, seed: int = 0) -> fw.Comparison:
    """Scores 1..5 at random (seeded, two decimals), every third criterion a cost, weights 1..5:
    the scale benchmark's comparisons, with the chart tests' seed and names."""
    return bench_scale.random_comparison(n_alt, n_crit, seed, decimals=2, prefix="alt-")


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
