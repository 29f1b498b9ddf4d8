"""The test suite's tiny AAE case (tests/test_diagnostics.py's tiny_aae_runs: digits, 16 px, width
8, 16-D code, D_C [64, 32]) trained longer than the tests' 300 steps, in the default form and in
Algorithm 1's literal one: does the default's two-sample accuracy fall below a bound a test could
hold, and the literal form's not?

    PYTHONPATH=<worktree>:<worktree>/tests python tiny.py STEPS SEED OUT
"""
import sys
from pathlib import Path

import torch

from conftest import tiny_raw
from lpaae import config as lconf
from lpaae.data import load_dataset
from lpaae.diagnostics import TWO_SAMPLE_STEPS
from lpaae.training import train_run

torch.set_num_threads(1)
steps, seed, out = int(sys.argv[1]), int(sys.argv[2]), Path(sys.argv[3])
raw = tiny_raw()
raw["seeds"] = [seed]
raw["network"].update(width=8, code_size=16, noise_size=16, code_discriminator_widths=[64, 32])
raw["training"].update(steps=steps, batch_size=64, checkpoint_every=10**6, log_every=100)
raw["evaluation"]["two_sample_steps"] = TWO_SAMPLE_STEPS
data, heldout = (load_dataset(lconf.from_dict(raw).data, split) for split in ("train", "test"))
defaults = dict(raw["models"].get("aae", {}))
forms = {"default": {}, "literal": {"regularization": "joint", "code_gradient_penalty": 0.0,
                                    "code_spread_weight": 0.0}}
for form, options in forms.items():
    raw["models"]["aae"] = defaults | options
    run = out / f"{form}-{steps}-seed{seed}"
    run.mkdir(parents=True, exist_ok=True)
    d = train_run(lconf.from_dict(raw), "aae", data, run, run / "model.pt", heldout=heldout)
    print(form, steps, seed, {k: round(v, 3) for k, v in d["diagnostics"].items()
                              if k in ("two_sample_accuracy", "two_sample_accuracy_splits_mean",
                                       "heldout_code_d_accuracy", "log_std_ratio")},
          "wall", round(d["wall_time_s"]), flush=True)
