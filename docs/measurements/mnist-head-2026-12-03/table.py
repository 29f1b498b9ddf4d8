"""The tables of README.md, each run without D_C's spread head (runs/ here) beside the shipped run
with it (diagnostics.json and score.json in RUN/results/mnist/...): the 16-D AAE's and ours'
two-sample accuracy (one split, mean of ten) and D_C's held-out accuracy; the AAE at 100-D with
its effective dimensions, IS and FID; the 16-D runs' IS, FID and recall.

    python table.py /work/runs/mnist-cpu-head
"""
import json
import sys
from pathlib import Path

here = Path(__file__).parent
shipped = Path(sys.argv[1]) / "results/mnist"


def read(folder: Path, name: str) -> dict:
    return json.loads((folder / name).read_text())


def table(header: str, methods: tuple[str, ...], code: int, cell) -> None:
    """One row per method and seed: ``cell(folder)`` of the run without the head (runs/ here)
    beside the shipped run's."""
    print(f"| {header} | with the head (shipped) |")
    print("|---|---|---|")
    for method in methods:
        for seed in range(3):
            without, shipped_run = (here / f"runs/{method}-code{code}-seed{seed}",
                                    shipped / f"{method}/code{code}/seed{seed}")
            print(f"| {method}, {seed} | {cell(without)} | {cell(shipped_run)} |")
    print()


def codes_cell(run: Path) -> str:
    d = read(run, "diagnostics.json")
    return (f"{d['two_sample_accuracy']:.3f} / {d['two_sample_accuracy_splits_mean']:.3f} / "
            f"{d['heldout_code_d_accuracy']:.3f}")


def spread_and_score_cell(run: Path) -> str:
    d, score = read(run, "diagnostics.json"), read(run, "score.json")
    return (f"{d['two_sample_accuracy_splits_mean']:.3f} / {d['encoder_effective_dimensions']:.1f} / "
            f"{score['is_mean']:.2f} / {score['fid']:.1f}")


def score_cell(run: Path) -> str:
    score = read(run, "score.json")
    return f"{score['is_mean']:.2f} / {score['fid']:.1f} / {score['recall']:.3f}"


table("model, seed | without the head: one split / ten splits / D_C", ("aae", "learned_prior"), 16, codes_cell)
table("100-D, model, seed | without the head: two-sample (ten splits) / effective dims / IS / FID", ("aae",), 100,
      spread_and_score_cell)
table("16-D, model, seed | without the head: IS / FID / recall", ("aae", "learned_prior"), 16, score_cell)
