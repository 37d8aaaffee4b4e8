"""SMAA-2 on big comparisons with a range in every cell (issue 13, class 6): the summed scorer
agrees with the per-alternative one, the confidence pass can be limited to the alternatives
shown, and the default sample count keeps the number of score draws bounded."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

import fwcompare_nb as fw
from benchmarks.bench_big import write_comparison
from fwcompare_nb.analysis import smaa
from fwcompare_nb.analysis.smaa import (
    DEFAULT_SAMPLES,
    DRAW_BUDGET,
    MIN_DEFAULT_SAMPLES,
    default_samples,
    rank_acceptability,
)


@pytest.fixture(scope="module")
def ranged(tmp_path_factory):
    """90 alternatives x 6 criteria, an evidence row (a range) for every cell."""
    folder = tmp_path_factory.mktemp("ranged")
    write_comparison(folder, 90, 6, evidence=True)
    return fw.load_comparison(folder)


@pytest.mark.parametrize("sampling", ["around", "uniform"])
def test_the_summed_scorer_agrees_with_the_loop(ranged, monkeypatch, sampling):
    kwargs = dict(samples=3000, seed=5, weight_sampling=sampling)
    summed = rank_acceptability(ranged, ranged.weights, **kwargs)
    assert smaa._Scorer(smaa.get_method("wsm"), *ranged.arrays, *smaa._ranges(ranged, True)).dense
    monkeypatch.setattr(smaa, "_LOOP_ALTERNATIVES", 10**9)  # every alternative on its own
    looped = rank_acceptability(ranged, ranged.weights, **kwargs)
    pd.testing.assert_frame_equal(summed.acceptability, looped.acceptability)
    pd.testing.assert_series_equal(summed.confidence, looped.confidence)
    pd.testing.assert_frame_equal(summed.central_weights, looped.central_weights, rtol=1e-12)


def test_confidence_for_the_most_often_first_only(ranged):
    full = rank_acceptability(ranged, samples=2000, seed=1)
    first = full.acceptability[1]
    assert (first > 0).sum() > 5  # enough alternatives are first somewhere for this to matter
    part = rank_acceptability(ranged, samples=2000, seed=1, confidence_for=5)
    top = first.sort_values(ascending=False, kind="stable").index[:5]
    pd.testing.assert_series_equal(part.confidence[top], full.confidence[top])
    assert part.confidence.drop(top).isna().all()
    assert part.confidence_skipped == (first > 0).sum() - 5
    pd.testing.assert_frame_equal(part.acceptability, full.acceptability)  # only confidence
    assert "Confidence factors for the 5 alternatives most often first only" in (
        part.settings_sentence()
    )
    assert full.confidence_skipped == 0 and "Confidence" not in full.settings_sentence()
    assert part.to_dict()["confidence_skipped"] == part.confidence_skipped
    with pytest.raises(fw.DataError, match="confidence_for"):
        rank_acceptability(ranged, samples=10, confidence_for=0)


def test_default_samples_bound_the_score_draws(ranged, monkeypatch):
    assert default_samples(fw.load_comparison()) == DEFAULT_SAMPLES  # bundled: unchanged
    assert default_samples(ranged) == DEFAULT_SAMPLES  # 540 ranges: far below the budget
    # 2,000 x 200 with evidence per cell: 400,000 ranges -> 2,500 samples, 1e9 draws.
    cells = 400_000
    expected = max(MIN_DEFAULT_SAMPLES, DRAW_BUDGET // cells)
    assert expected == 2500
    fake = type("C", (), {})()
    low = np.zeros((2000, 200))
    with monkeypatch.context() as m:
        m.setattr(smaa, "_ranges", lambda comparison, use: (low, low + (1.0 if use else 0.0)))
        assert default_samples(fake) == expected
        assert default_samples(fake, score_ranges=False) == DEFAULT_SAMPLES
    assert rank_acceptability(ranged, seed=0).samples == DEFAULT_SAMPLES
