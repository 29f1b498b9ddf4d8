"""The unsupervised pair's numbers per run folder (runs/<label>/<method>-seed<S>/, the DAG's
conditional.json, diagnostics.json and losses.csv), one markdown row each.

    python table.py runs/*/*-seed*
"""
import csv
import json
import sys
from pathlib import Path


def d_i_accuracy(rows: list[dict]) -> str:
    """D_I's logged accuracy over the first, middle and last five logged rows."""
    acc = [float(r["image_d_accuracy"]) for r in rows]
    mid = len(acc) // 2
    return " / ".join(f"{sum(a) / len(a):.2f}" for a in (acc[:5], acc[mid - 2:mid + 3], acc[-5:]))


def row(folder: Path) -> str:
    c = json.loads((folder / "conditional.json").read_text())
    d = json.loads((folder / "diagnostics.json").read_text())
    with open(folder / "losses.csv") as f:
        rows = list(csv.DictReader(f))
    return (f"| {folder.parent.name}/{folder.name} | {100 * c['label_accuracy']:.1f} % | "
            f"{100 * c['category_purity']:.1f} % | {100 * c['nearest_mode_accuracy']:.1f} % | "
            f"{100 * c['q_sample_accuracy']:.1f} % | {d['two_sample_accuracy_splits_mean']:.3f} "
            f"({d['two_sample_accuracy_splits_sd']:.3f}) | {d['heldout_code_d_accuracy']:.2f} | "
            f"{d_i_accuracy(rows)} | {float(rows[-1]['information_loss']):.2f} |")


if __name__ == "__main__":
    print("| run | categories = digits (Hungarian) | purity | held-out digits nearest their "
          "mode | Q reads its category in samples | two-sample, ten splits (sd) | D_C held-out "
          "| D_I's accuracy, first / middle / last five logs | L_I, last log |")
    print("|---" * 9 + "|")
    for folder in sys.argv[1:]:
        print(row(Path(folder)))
