"""With continuous-codes.patch: what the two continuous codes (the first two noise dimensions,
which Q also reads back) hold. For 10,000 samples (1,000 per category) the squared correlation
of each style feature of styles.py with each code, and how well Q's continuous head reads the
codes back from the samples.

    PYTHONPATH=<patched worktree> OMP_NUM_THREADS=1 python continuous.py NAME MODEL.pt [...]
"""
import sys

import numpy as np
import torch

from lpaae.model import evaluating
from lpaae.training import load_trained
from styles import FEATURES, draw, style_features

torch.set_num_threads(1)


@torch.no_grad()
def codes_and_features(model) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    _, noise, images = draw(model)
    with evaluating(model):
        # One D_I pass over all categories: its batch norm always normalises by the batch's own
        # statistics, which should mix the categories as the training batches did.
        read = model.q_continuous(model.image_discriminator(images)[1]).numpy()
    return noise[:, :model.options.information_continuous].numpy(), read, style_features(images)


if __name__ == "__main__":
    args = sys.argv[1:]
    print("| run, code | " + " | ".join(f"r2 with {f}" for f in FEATURES) + " | r2 of Q's reading |")
    print("|---" * (len(FEATURES) + 2) + "|")
    for name, path in zip(args[::2], args[1::2]):
        codes, read, features = codes_and_features(load_trained(path, torch.device("cpu")))
        for j in range(codes.shape[1]):
            r2 = [np.corrcoef(codes[:, j], features[:, i])[0, 1] ** 2 for i in range(len(FEATURES))]
            q = np.corrcoef(codes[:, j], read[:, j])[0, 1] ** 2
            print(f"| {name}, c{j + 1} | " + " | ".join(f"{v:.2f}" for v in r2) + f" | {q:.2f} |")
