"""Markdown tables of this folder's runs (runs/<set>/<method>-seed<S>/): per method, IS and FID
(mean over seeds, then each seed) with D_I at 2e-4 (sets ending in 1) and at 8e-4 (sets ending
in 4; `o`: the models without a 1:1 D_I, the same at both), and the conditional measures.

    python tables.py > tables.md
"""
import json
from pathlib import Path
from statistics import mean

RUNS = Path(__file__).with_name("runs")


def runs(sets, method, name):
    found = [json.loads(p.read_text()) for s in sets
             for p in sorted(RUNS.glob(f"{s}/{method}-seed*/{name}"))]
    return found


def cell(values, fmt):
    return f"{fmt.format(mean(values))} ({', '.join(fmt.format(v) for v in values)})" if values else "–"


def scores(method, sets):
    found = runs(sets, method, "score.json")
    return [s["is_mean"] for s in found], [s["fid"] for s in found], [s["recall"] for s in found]


print("| MNIST, 1,500 steps, seeds 0-2: mean (per seed) | IS, D_I 2e-4 | IS, D_I 8e-4 | FID, 2e-4 | FID, 8e-4 | recall, 2e-4 | recall, 8e-4 |")
print("|---|---|---|---|---|---|---|")
for method in ["aae", "vae", "vampprior", "wgan_gp", "dcgan", "lsgan", "learned_prior_mse",
               "learned_prior_perceptual", "learned_prior", "learned_prior_supervised",
               "aae_supervised"]:
    old = scores(method, ["o", "t1", "r1"])
    new = scores(method, ["o", "t4", "r4"])
    print(f"| {method} | {cell(old[0], '{:.2f}')} | {cell(new[0], '{:.2f}')} | {cell(old[1], '{:.1f}')} "
          f"| {cell(new[1], '{:.1f}')} | {cell(old[2], '{:.2f}')} | {cell(new[2], '{:.2f}')} |")

print()
print("| MNIST, 1,500 steps, seeds 0-2: mean (per seed) | samples carry s (supervised) / categories = digits (unsupervised, Hungarian), 2e-4 | 8e-4 | two-sample, ten-split mean, 2e-4 | 8e-4 |")
print("|---|---|---|---|---|")
for method, sets in [("learned_prior_supervised", ("r1", "r4")), ("aae_supervised", ("r1", "r4")),
                     ("learned_prior_unsupervised", ("f1", "f4")), ("aae_unsupervised", ("f1", "f4")),
                     ("learned_prior", ("t1", "t4")), ("learned_prior_mse", ("r1", "r4")),
                     ("learned_prior_perceptual", ("r1", "r4"))]:
    row = [method]
    conds = [[c["label_accuracy"] for c in runs([s], method, "conditional.json")] for s in sets]
    diags = [[d["two_sample_accuracy_splits_mean"] for d in runs([s], method, "diagnostics.json")]
             for s in sets]
    print(f"| {method} | {cell(conds[0], '{:.3f}')} | {cell(conds[1], '{:.3f}')} "
          f"| {cell(diags[0], '{:.3f}')} | {cell(diags[1], '{:.3f}')} |")
