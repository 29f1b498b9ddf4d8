"""The table in README.md from the runs' own files:

    python table.py > table.md

Each row is one training run: runs/<folder>-<method>-seed<S>/ here (copied from
/work/runs/um/<folder>/results/mnist/<method>/code100/seed<S>/), or, for the defaults, the
seed-0 and seed-1 runs of ../conditional-mnist-head-2026-12-03/runs/ (w0-*, s1-*); run3.sh's
seed-1 runs in runs/lit1-*, runs/fd1-*; run4.sh's in runs/jo-*, runs/sn-*; run5.sh's in
runs/jo1-*, runs/sn1-*; run6.sh's in runs/sn2-*, runs/sn-aae_*; the defaults' seed 2 is
../conditional-mnist-head-2026-12-03/runs/s2-*. Rows whose run is missing are left out.
L_I at the end: the mean of the
last five logged values of information_loss (log 10 = 2.30: Q reads nothing)."""
import csv
import json
from pathlib import Path

HERE = Path(__file__).parent
DEFAULTS = HERE.parent / "conditional-mnist-head-2026-12-03" / "runs"
RUNS = [  # (label, directory)
    ("ours, default", DEFAULTS / "w0-learned_prior_unsupervised-seed0"),
    ("ours, Algorithm 1 literal", HERE / "runs/lit-learned_prior_unsupervised-seed0"),
    ("ours, decoder frozen in the prior phase", HERE / "runs/fd-learned_prior_unsupervised-seed0"),
    ("ours, joint update only (R1 and spread head kept)",
     HERE / "runs/jo-learned_prior_unsupervised-seed0"),
    ("ours, separate, no R1, no spread head", HERE / "runs/sn-learned_prior_unsupervised-seed0"),
    ("ours, default, seed 1", DEFAULTS / "s1-learned_prior_unsupervised-seed1"),
    ("ours, Algorithm 1 literal, seed 1", HERE / "runs/lit1-learned_prior_unsupervised-seed1"),
    ("ours, decoder frozen in the prior phase, seed 1",
     HERE / "runs/fd1-learned_prior_unsupervised-seed1"),
    ("ours, joint update only, seed 1", HERE / "runs/jo1-learned_prior_unsupervised-seed1"),
    ("ours, separate, no R1, no spread head, seed 1",
     HERE / "runs/sn1-learned_prior_unsupervised-seed1"),
    ("ours, default, seed 2", DEFAULTS / "s2-learned_prior_unsupervised-seed2"),
    ("ours, separate, no R1, no spread head, seed 2",
     HERE / "runs/sn2-learned_prior_unsupervised-seed2"),
    ("AAE, default", DEFAULTS / "w0-aae_unsupervised-seed0"),
    ("AAE, Algorithm 1 literal", HERE / "runs/lit-aae_unsupervised-seed0"),
    ("AAE, decoder frozen in the prior phase", HERE / "runs/fd-aae_unsupervised-seed0"),
    ("AAE, separate, no R1, no spread head", HERE / "runs/sn-aae_unsupervised-seed0"),
]


def read(path: Path) -> dict:
    return json.loads(path.read_text()) if path.exists() else {}


def final_information_loss(path: Path) -> float:
    rows = list(csv.DictReader(path.open()))
    return sum(float(r["information_loss"]) for r in rows[-5:]) / 5


print("| unsupervised (seed 0 unless named) | samples' categories = digits (Hungarian) | purity of the "
      "categories | Q reads its category in the samples | L_I at the end | held-out digits nearest their mode (Hungarian) | "
      "two-sample, ten splits (sd) | D_C held-out accuracy | IS | FID |")
print("|---" * 10 + "|")
for label, run in RUNS:
    if not run.exists():
        continue
    c, d, s = (read(run / f) for f in ("conditional.json", "diagnostics.json", "score.json"))
    q, purity = c.get("q_sample_accuracy"), c.get("category_purity")
    print(f"| {label} | {100 * c['label_accuracy']:.1f} % | "
          f"{'–' if purity is None else f'{100 * purity:.1f} %'} | "
          f"{'–' if q is None else f'{100 * q:.1f} %'} | "
          f"{final_information_loss(run / 'losses.csv'):.2f} | "
          f"{100 * c['nearest_mode_accuracy']:.1f} % | "
          f"{d['two_sample_accuracy_splits_mean']:.3f} ({d['two_sample_accuracy_splits_sd']:.3f}) | "
          f"{d['heldout_code_d_accuracy']:.2f} | "
          # The defaults' seed-1 run was not scored (../conditional-mnist-head-2026-12-03).
          + (f"{s['is_mean']:.2f} | {s['fid']:.1f} |" if s else "– | – |"))
