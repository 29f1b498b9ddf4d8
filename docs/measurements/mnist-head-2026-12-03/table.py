"""The table of README.md: two-sample accuracy (one split, mean of ten) and D_C's held-out accuracy
of the 16-D AAE and ours on MNIST, then the AAE at 100-D with its effective dimensions, IS and FID,
with D_C's spread head (the shipped run, diagnostics.json and score.json in
RUN/results/mnist/...) and without it (runs/ here).

    python table.py /work/runs/mnist-cpu-head
"""
import json
import sys
from pathlib import Path

here = Path(__file__).parent
print("| model, seed | without the head: one split / ten splits / D_C | with the head (shipped) |")
print("|---|---|---|")
for method in ("aae", "learned_prior"):
    for seed in range(3):
        cells = []
        for path in (here / f"runs/{method}-code16-seed{seed}/diagnostics.json",
                     Path(sys.argv[1]) / f"results/mnist/{method}/code16/seed{seed}/diagnostics.json"):
            d = json.loads(path.read_text())
            cells.append(f"{d['two_sample_accuracy']:.3f} / {d['two_sample_accuracy_splits_mean']:.3f} / "
                         f"{d['heldout_code_d_accuracy']:.3f}")
        print(f"| {method}, {seed} | {cells[0]} | {cells[1]} |")

print()
print("| AAE at 100-D, seed | without the head: two-sample (ten splits) / effective dims / IS / FID | with the head (shipped) |")
print("|---|---|---|")
for seed in range(3):
    cells = []
    for folder in (here / f"runs/aae-code100-seed{seed}",
                   Path(sys.argv[1]) / f"results/mnist/aae/code100/seed{seed}"):
        d = json.loads((folder / "diagnostics.json").read_text())
        score = json.loads((folder / "score.json").read_text())
        cells.append(f"{d['two_sample_accuracy_splits_mean']:.3f} / {d['encoder_effective_dimensions']:.1f} / "
                     f"{score['is_mean']:.2f} / {score['fid']:.1f}")
    print(f"| {seed} | {cells[0]} | {cells[1]} |")

print()
print("| 16-D, model, seed | without the head: IS / FID / recall | with the head (shipped) |")
print("|---|---|---|")
for method in ("aae", "learned_prior"):
    for seed in range(3):
        cells = []
        for folder in (here / f"runs/{method}-code16-seed{seed}",
                       Path(sys.argv[1]) / f"results/mnist/{method}/code16/seed{seed}"):
            score = json.loads((folder / "score.json").read_text())
            cells.append(f"{score['is_mean']:.2f} / {score['fid']:.1f} / {score['recall']:.3f}")
        print(f"| {method}, {seed} | {cells[0]} | {cells[1]} |")
