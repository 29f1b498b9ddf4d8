"""Several seeds: the mean over seeds and its bootstrap interval."""

import numpy as np
import pandas as pd
import pytest

from lpaae.tables import bootstrap_interval, summarize_seeds


def test_bootstrap_interval_of_a_normal_sample_matches_the_normal_theory_interval():
    values = np.random.default_rng(0).normal(10.0, 2.0, size=400)
    low, high = bootstrap_interval(values)
    half_width = 1.96 * values.std(ddof=1) / np.sqrt(len(values))
    assert low == pytest.approx(values.mean() - half_width, abs=0.05)
    assert high == pytest.approx(values.mean() + half_width, abs=0.05)


def test_bootstrap_interval_of_constant_values_is_that_value_and_of_one_value_undefined():
    assert bootstrap_interval([3.0, 3.0, 3.0]) == (3.0, 3.0)
    assert all(np.isnan(bootstrap_interval([3.0])))


def test_three_values_interval_lies_within_their_range():
    low, high = bootstrap_interval([4.0, 5.0, 6.0])
    assert 4.0 <= low < 5.0 < high <= 6.0


def test_summary_keeps_per_seed_rows_and_groups_by_method_and_code_size():
    scores = pd.DataFrame({
        "method": ["aae"] * 3 + ["aae"] + ["real"],
        "code_size": [16, 16, 16, 8, None],
        "seed": [0, 1, 2, 0, None],
        "is_mean": [4.0, 5.0, 6.0, 7.0, 9.0],
    })
    summary = summarize_seeds(scores)
    assert len(summary) == 5 and summary["seed"].tolist()[:4] == [0, 1, 2, 0]
    first = summary.iloc[0]
    assert first["seeds_mean"] == 5.0 and first["n_seeds"] == 3
    assert 4.0 <= first["ci_low"] < 5.0 < first["ci_high"] <= 6.0
    assert summary.iloc[3]["seeds_mean"] == 7.0 and np.isnan(summary.iloc[3]["ci_low"])
    assert summary.iloc[4]["seeds_mean"] == 9.0 and summary.iloc[4]["n_seeds"] == 1
