"""The test suite's tiny AAE case (tests/test_diagnostics.py's tiny_aae_runs: digits, 16 px,
width 8, 16-D code, D_C [64, 32]) trained longer than the tests' 300 steps, in the default form
and in Algorithm 1's literal one: does the default's two-sample accuracy fall below a bound a test
could hold, and the literal form's not?

    PYTHONPATH=<worktree>:<worktree>/tests python tiny.py STEPS SEED OUT
"""
import sys
from pathlib import Path

import torch

from test_diagnostics import LITERAL_AND_DEFAULT, tiny_aae_runs

torch.set_num_threads(1)
steps, seed, out = int(sys.argv[1]), int(sys.argv[2]), Path(sys.argv[3])
runs = tiny_aae_runs(LITERAL_AND_DEFAULT, 16, lambda form: out / f"{form}-{steps}-seed{seed}", steps, seed)
for form, d in runs.items():
    print(form, steps, seed, {k: round(d[k], 3) for k in ("two_sample_accuracy", "two_sample_accuracy_splits_mean",
                                                         "heldout_code_d_accuracy", "log_std_ratio")}, flush=True)
