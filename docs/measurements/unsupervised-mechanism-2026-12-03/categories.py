"""What the unsupervised categories hold: the MNIST classifier's digit for samples
dec(CG(z, c)) of each category c (or dec([c, z]) for the AAE), as a category x digit table.

A category can miss the digits in two ways: it holds one digit that another category holds too
(split/merge: the categories cluster the digits, only not one to one), or it holds many digits
(the category is a mark other than the digit). Purity (the share of a category's samples in its
most frequent digit) tells them apart; Hungarian accuracy (the DAG's label_accuracy) does not.

    PYTHONPATH=$PWD OMP_NUM_THREADS=1 python categories.py NAME MODEL.pt CLASSIFIER.pt [...]
"""
import sys

import numpy as np
import torch

from lpaae.classifier import load_classifier
from lpaae.conditional import category_purity, clustering_accuracy
from lpaae.data import to_uint8, to_unit_range
from lpaae.model import evaluating
from lpaae.training import load_trained

torch.set_num_threads(1)
PER_CATEGORY = 1000


@torch.no_grad()
def category_table(model, classifier) -> np.ndarray:
    generator = torch.Generator().manual_seed(0)
    k = model.categories
    counts = np.zeros((k, 10), dtype=np.int64)
    with evaluating(model):
        for c in range(k):
            s = torch.full((PER_CATEGORY,), c)
            images = to_unit_range(to_uint8(model.decode(model.prior_codes(
                model.noise(PER_CATEGORY, generator), s))))
            digits = classifier(images).argmax(1).numpy()
            counts[c] = np.bincount(digits, minlength=10)
    return counts


def report(name: str, counts: np.ndarray) -> None:
    share = counts / counts.sum(1, keepdims=True)
    top = share.argmax(1)
    category = np.repeat(np.arange(len(counts)), counts.sum(1))
    digit = np.concatenate([np.repeat(np.arange(10), row) for row in counts])
    print(f"## {name}\n")
    print("| category | " + " | ".join(str(d) for d in range(10)) + " | top digit | purity |")
    print("|---" * 13 + "|")
    for c, row in enumerate(share):
        print(f"| {c} | " + " | ".join(f"{100 * v:.0f}" for v in row) +
              f" | {top[c]} | {100 * row.max():.0f} % |")
    missing = sorted(set(range(10)) - {int(d) for d in top})
    print(f"\npurity {100 * category_purity(digit, category):.1f} %, Hungarian "
          f"{100 * clustering_accuracy(digit, category):.1f} %, digits no category holds most "
          f"of: {missing}, digits held by two or more categories: "
          f"{sorted(int(d) for d in set(top) if (top == d).sum() > 1)}\n")


if __name__ == "__main__":
    args = sys.argv[1:]
    for name, model_path, classifier_path in zip(args[::3], args[1::3], args[2::3]):
        model = load_trained(model_path, torch.device("cpu"))
        classifier = load_classifier(classifier_path)[0]
        report(name, category_table(model, classifier))
