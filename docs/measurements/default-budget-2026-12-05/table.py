"""results.log lines of probe.py (one per run) as a markdown table, a row per method and budget,
seeds in order: the ten-split two-sample mean (target at most 0.70), D_C's held-out accuracy, the
encoder's and the prior's effective dimensions, and the run's training seconds.

    python table.py results.log [...]
"""
import ast
import re
import sys
from collections import defaultdict

LINE = re.compile(r"^(\S+) (\d+) \S+ seed=(\d+)(?: \S+)* time (\d+) (\{.*\}) rec (\S+)$")


def parse(paths):
    runs = defaultdict(dict)
    for path in paths:
        for line in open(path):
            m = LINE.match(line.strip())
            if m:
                method, steps, seed, secs, diag, _ = m.groups()
                runs[(method, int(steps))][int(seed)] = (int(secs), ast.literal_eval(diag))
    return runs


def cells(seeds, key, fmt):
    return " / ".join(fmt.format(seeds[s][1][key]) for s in sorted(seeds))


def main(paths):
    print("| method | steps | two-sample, ten-split mean (seeds in order) | D_C held-out accuracy "
          "| effective dimensions, encoder-prior (seeds in order) | seconds (training and diagnostics, one thread) |")
    print("|---|---|---|---|---|---|")
    for (method, steps), seeds in sorted(parse(paths).items()):
        dims = " / ".join(f"{seeds[s][1]['encoder_effective_dimensions']:.1f}-"
                          f"{seeds[s][1]['prior_effective_dimensions']:.1f}" for s in sorted(seeds))
        secs = " / ".join(str(seeds[s][0]) for s in sorted(seeds))
        print(f"| {method} | {steps:,} | {cells(seeds, 'two_sample_accuracy_splits_mean', '{:.3f}')} "
              f"| {cells(seeds, 'heldout_code_d_accuracy', '{:.2f}')} | {dims} | {secs} |")


if __name__ == "__main__":
    main(sys.argv[1:])
