"""The two-sample accuracy of saved probe runs, one split (what every run recorded until now)
against the mean and sd over lpaae.diagnostics.TWO_SAMPLE_REPEATS splits (what runs record now):

    python splits.py OUT.md LABEL=RUN_DIR[,RUN_DIR...] ...

RUN_DIR holds a probe run's codes.pt (../code-regulariser-2026-11-26/probe.py); its seed is read
from a trailing _sN in its name (0 without one), as the probe used it for the diagnostics.
"""
import re, sys
import torch
from lpaae.diagnostics import TWO_SAMPLE_REPEATS, two_sample_accuracies

torch.set_num_threads(1)
TARGET = 0.70
lines = [f"| setting | run | one split | mean over {TWO_SAMPLE_REPEATS} splits | sd |", "|---|---|---|---|---|"]
for group in sys.argv[2:]:
    label, dirs = group.split("=", 1)
    for run in dirs.split(","):
        seed = int(m.group(1)) if (m := re.search(r"_s(\d+)$", run)) else 0
        codes = torch.load(f"{run}/codes.pt")
        acc = torch.tensor(two_sample_accuracies(codes["enc"], codes["prior"], seed))
        lines.append(f"| {label} | `{run}` | {acc[0]:.3f} | {acc.mean():.3f} | {acc.std():.3f} |")
        print(lines[-1], flush=True)
open(sys.argv[1], "w").write("\n".join(lines) + "\n")
