"""The prior's (and the encoder's) share of the code's 64 directions over the steps, ours and
Table 3's A + B (ours without C) on CIFAR-10 at three network widths, from the runs' losses.csv
(run from this folder):
    python shares.py
"""
import csv
from pathlib import Path

HERE = Path(__file__).parent
RUNS = {  # label: the folder of its losses.csv
    "ours, 16 px, width 16, seed 0": "../decoder-prior-rate-2026-12-05/runs/shares-cifar/learned_prior-seed0",
    "ours, 32 px, width 32, seed 0": "../scale-32px-2026-12-05/runs/scale32/learned_prior-seed0",
    "ours, 32 px, width 32, seed 1": "../scale-32px-2026-12-05/runs/scale32c/learned_prior-seed1",
    "ours, 32 px, width 64, seed 0 (2,000 steps)": "runs/width64/learned_prior-seed0",
    "ours, 32 px, width 64, seed 0 (4,000 steps)": "runs/width64-4000/learned_prior-seed0",
    "A + B, 16 px, width 16, seed 0": "../decoder-prior-rate-2026-12-05/runs/shares-cifar/learned_prior_perceptual-seed0",
    "A + B, 32 px, width 32, seed 0": "../scale-32px-2026-12-05/runs/scale32b/learned_prior_perceptual-seed0",
    "A + B, 32 px, width 32, seed 1": "../scale-32px-2026-12-05/runs/scale32d/learned_prior_perceptual-seed1",
    "A + B, 32 px, width 64, seed 0": "runs/ab-w64/learned_prior_perceptual-seed0",
}
STEPS = (200, 600, 1000, 1500, 2000, 2500, 3000, 3500, 4000)


def shares(folder: str) -> dict[int, str]:
    with open(HERE / folder / "losses.csv") as f:  # a missing run is an error, not a row of dashes
        return {int(r["step"]): f"{float(r['prior_effective_share']):.3f} ({float(r['encoder_effective_share']):.3f})"
                for r in csv.DictReader(f)}


print("| run | " + " | ".join(f"{s:,}" for s in STEPS) + " |")
print("|---|" + "---|" * len(STEPS))
for label, folder in RUNS.items():
    row = shares(folder)
    print(f"| {label} | " + " | ".join(row.get(s, "-") for s in STEPS) + " |")
