"""Print the DAG runs' scores and code diagnostics side by side (run.sh, step 2):
    python table.py /work/runs/cgc"""
import json
import sys
from pathlib import Path

root = Path(sys.argv[1])
print("| weight | seed | IS | FID | precision | recall | two-sample (ten-split mean) | CG eff. dims |")
print("|---|---|---|---|---|---|---|---|")
for weight in (0, 1):
    for seed in (0, 1, 2):
        score = json.loads((root / f"dag_w{weight}/results/digits/learned_prior/code16/seed{seed}/score.json").read_text())
        codes = score["provenance"]["inputs"]["samples"]["inputs"]["model"]["diagnostics"]
        print(f"| {weight} | {seed} | {score['is_mean']:.2f} | {score['fid']:.1f} | {score['precision']:.2f} | "
              f"{score['recall']:.2f} | {codes['two_sample_accuracy_splits_mean']:.3f} | "
              f"{codes['prior_effective_dimensions']:.1f} |")
