"""One markdown row per run: the shipped budget beside the longer one, from the run folders.

    python table.py DATASET CODE SEEDS METHODS LABEL=RUN_DIR [LABEL=RUN_DIR ...]
    e.g. python table.py imagefolder 64 0,1 learned_prior,aae \\
             1000=/work/runs/cifar-cpu-new 8000=/work/runs/budget-cifar
    or, from the copies in runs/ (in this folder):
         python table.py imagefolder 64 0,1 learned_prior,aae 1000=runs/cifar-cpu-new 8000=runs/budget-cifar

Two-sample: the ten-split mean of diagnostics.json (target at most 0.70); D_I accuracy: the mean
of losses.csv's logged image_d_accuracy over the second half of training (none for the VAE and
VampPrior, which have no D_I).
"""
import csv
import json
import sys
from pathlib import Path


def row(run: Path) -> list[str]:
    diagnostics = json.loads((run / "diagnostics.json").read_text())
    score = json.loads((run / "score.json").read_text())
    logged = list(csv.DictReader(open(run / "losses.csv")))
    half = [float(r["image_d_accuracy"]) for r in logged[len(logged) // 2:] if r.get("image_d_accuracy")]
    d_i = f"{sum(half) / len(half):.2f}" if half else "-"
    two_sample = (f"{diagnostics['two_sample_accuracy_splits_mean']:.3f}"
                  if diagnostics.get("applicable") else "-")
    effective = (f"{diagnostics['encoder_effective_dimensions']:.1f} / "
                 f"{diagnostics['prior_effective_dimensions']:.1f}" if diagnostics.get("applicable") else "-")
    return [two_sample, effective, d_i, f"{score['is_mean']:.2f}", f"{score['fid']:.1f}",
            f"{score['precision']:.2f}", f"{score['recall']:.3f}"]


def run_path(folder: Path, dataset: str, method: str, code: str, seed: str) -> Path:
    """A DAG run folder's layout, or this folder's copies (runs/<run folder>/<method>-seed<S>)."""
    if (folder / "results").is_dir():
        return folder / "results" / dataset / method / f"code{code}" / f"seed{seed}"
    return folder / f"{method}-seed{seed}"


def main(dataset: str, code: str, seeds: str, methods: str, *runs: str) -> None:
    print("| method | steps | seed | two-sample | effective dims, encoder / prior | D_I accuracy, 2nd half "
          "| IS | FID | precision | recall |")
    print("|---" * 10 + "|")
    for method in methods.split(","):
        for label, folder in (r.split("=", 1) for r in runs):
            for seed in seeds.split(","):
                run = run_path(Path(folder), dataset, method, code, seed)
                print("| " + " | ".join([method, label, seed, *row(run)]) + " |")


if __name__ == "__main__":
    main(*sys.argv[1:])
