"""Where a conditional run's codes are told from its prior codes: the two-sample accuracy (mean of
ten splits, as diagnostics.json) on the whole code, on its first K dimensions and on the rest.
The conditional AAE's prior code is [one-hot s, z], so K = 10 separates the label part from the
Gaussian part; ours' code is CG([s, z]), whose first ten dimensions mean nothing special (a control).

    python code_parts.py TEST.pt SEED MODEL.pt [MODEL.pt ...]

TEST.pt is the DAG's prepared held-out split (results/<dataset>/data/test-<size>px.pt); SEED the
runs' seed (it picks the same 500 held-out images and prior codes as the run's diagnostics).
"""
import sys

import torch

from lpaae.data import load_prepared
from lpaae.diagnostics import heldout_batch, two_sample_accuracies
from lpaae.training import DIAGNOSTIC_POINTS, _code_sample, load_trained

K = 10


def mean_accuracy(a: torch.Tensor, b: torch.Tensor, seed: int) -> float:
    accuracies = two_sample_accuracies(a, b, seed)
    return sum(accuracies) / len(accuracies)


def main(test_path: str, seed: int, model_paths: list[str]) -> None:
    torch.set_num_threads(1)
    test = load_prepared(test_path)
    print(f"| model | whole code | first {K} dimensions | the rest | std of the first {K}, encoder / prior |")
    print("|---|---|---|---|---|")
    for path in model_paths:
        model = load_trained(path)
        sample = _code_sample(model, heldout_batch(test, DIAGNOSTIC_POINTS, seed, model.device), seed)
        enc, prior = sample.encoder, sample.prior
        parts = [mean_accuracy(enc, prior, seed), mean_accuracy(enc[:, :K], prior[:, :K], seed),
                 mean_accuracy(enc[:, K:], prior[:, K:], seed)]
        stds = f"{enc[:, :K].std(0).mean():.2f} / {prior[:, :K].std(0).mean():.2f}"
        print(f"| {path} | " + " | ".join(f"{p:.3f}" for p in parts) + f" | {stds} |")


if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]), sys.argv[3:])
