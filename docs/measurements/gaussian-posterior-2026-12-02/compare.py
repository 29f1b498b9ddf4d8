"""Side by side, per AAE-family run: the deterministic encoder (folder A) against the Gaussian
posterior (folder B), both results/ trees of one DAG command (see README.md here).

    python compare.py A/results/DATASET B/results/DATASET > table.md
"""
import json
import sys
from pathlib import Path

COLUMNS = [("diagnostics.json", "two_sample_accuracy", "two-sample"),
           ("diagnostics.json", "whitened_two_sample_accuracy", "whitened"),
           ("diagnostics.json", "heldout_code_d_accuracy", "D_C held-out"),
           ("losses.csv", "reconstruction_loss", "L_rec (end)"),
           ("score.json", "is_mean", "IS"), ("score.json", "fid", "FID"),
           ("score.json", "precision", "precision"), ("score.json", "recall", "recall"),
           ("conditional.json", "label_accuracy", "label acc."),
           ("conditional.json", "nearest_mode_accuracy", "nearest mode")]


def read(run: Path, name: str, key: str):
    path = run / name
    if name == "losses.csv":  # the mean of the last four logged values
        import pandas as pd
        return pd.read_csv(path)[key].dropna().tail(4).mean() if path.exists() else None
    if not path.exists():
        return None
    data = json.loads(path.read_text())
    return data.get(key, data.get("metrics", {}).get(key))


def cell(value) -> str:
    return "–" if value is None else f"{value:.3g}" if abs(value) >= 10 else f"{value:.2f}"


def main(a: str, b: str) -> None:
    runs = sorted(p.parent.relative_to(a) for p in Path(a).glob("*/code*/seed*/diagnostics.json"))
    print("| run | " + " | ".join(label for *_, label in COLUMNS) + " |")
    print("|---|" + "---|" * len(COLUMNS))
    for run in runs:
        cells = []
        for name, key, _ in COLUMNS:
            va, vb = read(Path(a) / run, name, key), read(Path(b) / run, name, key)
            cells.append("" if va is None and vb is None else f"{cell(va)} → {cell(vb)}")
        print(f"| {run} | " + " | ".join(cells) + " |")


if __name__ == "__main__":
    main(*sys.argv[1:3])
