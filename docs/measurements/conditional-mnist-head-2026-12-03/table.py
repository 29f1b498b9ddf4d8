"""The table in README.md from the runs' own files, copied into runs/ here:

    python table.py > table.md

Each row is one training run, runs/<folder>-<method>-seed<S>/ (copied from
/work/runs/cgu/<folder>/results/mnist/<method>/code<N>/seed<S>/), read from its
conditional.json, diagnostics.json and, where the run was scored, score.json. Folders s2/ and
qr/ (seed 2; q_real_labels) were run from /work/runs/c2/ and /work/runs/q/ (run5.sh, run6.sh),
the unsupervised s2/ runs by run7.sh, ib/ (information_trains_image_discriminator, infogan.yaml)
from /work/runs/ib/ by run8.sh (seed 1 of ours: run9.sh, in ib1/, copied as ib-).
"Q reads s in samples" was first recorded in 27fca41: only the s2/ and qr/ runs have it.
"Q on held-out images" is Hungarian-matched (q_accuracy)."""
import json
from pathlib import Path

ROOT = Path(__file__).parent / "runs"
RUNS = [  # (label, folder, method, seed)
    ("ours, supervised", "w0", "learned_prior_supervised", 0),
    ("ours, supervised", "s1", "learned_prior_supervised", 1),
    ("ours, supervised", "s2", "learned_prior_supervised", 2),
    ("AAE, supervised", "w0", "aae_supervised", 0),
    ("AAE, supervised", "s1", "aae_supervised", 1),
    ("AAE, supervised", "s2", "aae_supervised", 2),
    ("ours, unsupervised", "w0", "learned_prior_unsupervised", 0),
    ("ours, unsupervised", "s1", "learned_prior_unsupervised", 1),
    ("ours, unsupervised", "s2", "learned_prior_unsupervised", 2),
    ("AAE, unsupervised", "w0", "aae_unsupervised", 0),
    ("AAE, unsupervised", "s1", "aae_unsupervised", 1),
    ("AAE, unsupervised", "s2", "aae_unsupervised", 2),
    ("ours, supervised, q_real_labels", "qr", "learned_prior_supervised", 0),
    ("ours, supervised, q_real_labels", "qr", "learned_prior_supervised", 1),  # stopped for time: no files
    ("AAE, supervised, q_real_labels", "qr", "aae_supervised", 0),
    ("AAE, supervised, q_real_labels", "qr", "aae_supervised", 1),
    ("ours, unsupervised, information_trains_image_discriminator", "ib", "learned_prior_unsupervised", 0),
    ("ours, unsupervised, information_trains_image_discriminator", "ib", "learned_prior_unsupervised", 1),
    ("AAE, unsupervised, information_trains_image_discriminator", "ib", "aae_unsupervised", 0),
    ("ours, unsupervised, code_generator_code_weight 1", "w1", "learned_prior_unsupervised", 0),
    ("ours, unsupervised, code_generator_code_weight 1", "w1s1", "learned_prior_unsupervised", 1),
]


def read(path):
    return json.loads(path.read_text()) if path.exists() else {}


def cell(value, pattern):
    return "–" if value is None else pattern.format(value)


print("| run | seed | label carried (unsupervised: Hungarian) | nearest prior mode = class | "
      "two-sample, ten splits (sd) | whitened | D_C held-out accuracy | D_C real: own / shuffled s | "
      "effective dims, encoder / prior | Q reads s in samples | Q on held-out images | IS | FID |")
print("|---|---|---|---|---|---|---|---|---|---|---|---|---|")
for label, folder, method, seed in RUNS:
    run = ROOT / f"{folder}-{method}-seed{seed}"
    c, s, d = (read(run / name) for name in ("conditional.json", "score.json", "diagnostics.json"))
    if not c:
        continue
    own, shuffled = d.get("code_d_real_own_label"), d.get("code_d_real_shuffled_label")
    print(f"| {label} | {seed} | {cell(c.get('label_accuracy'), '{:.1%}')} | "
          f"{cell(c.get('nearest_mode_accuracy'), '{:.1%}')} | "
          f"{cell(d.get('two_sample_accuracy_splits_mean'), '{:.3f}')} "
          f"({cell(d.get('two_sample_accuracy_splits_sd'), '{:.3f}')}) | "
          f"{cell(d.get('whitened_two_sample_accuracy'), '{:.2f}')} | "
          f"{cell(d.get('heldout_code_d_accuracy'), '{:.2f}')} | "
          f"{'–' if own is None else f'{own:.2f} / {shuffled:.2f}'} | "
          f"{cell(d.get('encoder_effective_dimensions'), '{:.1f}')} / "
          f"{cell(d.get('prior_effective_dimensions'), '{:.1f}')} | "
          f"{cell(c.get('q_sample_accuracy'), '{:.1%}')} | {cell(c.get('q_accuracy'), '{:.1%}')} | "
          f"{cell(s.get('is_mean'), '{:.2f}')} | {cell(s.get('fid'), '{:.1f}')} |")
