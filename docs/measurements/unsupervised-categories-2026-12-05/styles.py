"""What the unsupervised categories encode besides the digit: the handwriting's style.

Q reads its category back from nearly every sample while the MNIST classifier matches only about
half of them to one digit (README, "Conditional priors on MNIST"). This asks what else a
category holds. For PER_CATEGORY samples dec(CG(z, c)) of each category c (dec([c, z]) for the
AAE) it measures four style features from the image's moments (ink, slant, width, height: the
features MNIST deskewing uses) and the classifier's digit, then how much of each feature's
variance the category explains:

* eta2(category): between-category share of the variance (the correlation ratio squared);
* eta2(digit): the same for the classifier's digit, in the same samples;
* eta2(category | digit): the share of the variance left within digits that the category
  explains (cells category x digit against digit alone), i.e. style the category carries that
  the digit does not;
* the same with the categories shuffled: what eta2(category | digit) is by chance;
* eta2(digit) on real held-out digits (their true labels), and the features' sd there, for scale;
* per category, its most frequent digit and the feature means.

    PYTHONPATH=$PWD OMP_NUM_THREADS=1 python styles.py TEST.pt NAME MODEL.pt CLASSIFIER.pt [...]
"""
import sys

import numpy as np
import torch

from lpaae.classifier import load_classifier
from lpaae.conditional import category_purity, clustering_accuracy
from lpaae.data import load_prepared, to_uint8, to_unit_range
from lpaae.model import evaluating
from lpaae.training import load_trained

torch.set_num_threads(1)
PER_CATEGORY = 1000
FEATURES = ("ink", "slant", "width", "height")


def style_features(images: torch.Tensor) -> np.ndarray:
    """(N, 4): mean ink in [0, 1], slant (shear mu11 / mu02), and the horizontal and vertical
    spread (square roots of mu20, mu02, in pixels) of images in [-1, 1], one channel."""
    ink = images[:, 0].add(1).div(2).double()
    n, h, w = ink.shape
    ys, xs = torch.meshgrid(torch.arange(h, dtype=ink.dtype), torch.arange(w, dtype=ink.dtype),
                            indexing="ij")
    mass = ink.sum((1, 2)).clamp_min(1e-9)
    cx, cy = (ink * xs).sum((1, 2)) / mass, (ink * ys).sum((1, 2)) / mass
    dx, dy = xs - cx[:, None, None], ys - cy[:, None, None]
    mu20, mu02 = (ink * dx**2).sum((1, 2)) / mass, (ink * dy**2).sum((1, 2)) / mass
    mu11 = (ink * dx * dy).sum((1, 2)) / mass
    return torch.stack([mass / (h * w), mu11 / mu02.clamp_min(1e-9), mu20.sqrt(), mu02.sqrt()],
                       1).numpy()


def eta2(values: np.ndarray, groups: np.ndarray) -> float:
    """Share of the variance of values explained by the group means."""
    total = ((values - values.mean()) ** 2).sum()
    within = sum(((values[groups == g] - values[groups == g].mean()) ** 2).sum()
                 for g in np.unique(groups))
    return float(1 - within / total)


def eta2_given(values: np.ndarray, groups: np.ndarray, given: np.ndarray) -> float:
    """Share of the variance within the given groups that the groups explain on top of them."""
    cells = given * (groups.max() + 1) + groups
    within_given = 1 - eta2(values, given)
    return float((eta2(values, cells) - eta2(values, given)) / within_given)


@torch.no_grad()
def draw(model) -> tuple[np.ndarray, torch.Tensor, torch.Tensor]:
    """PER_CATEGORY samples of each category, as saved and scored (8-bit pixels, back in
    [-1, 1]): their categories, the noise z they were decoded from, and the images."""
    generator = torch.Generator().manual_seed(0)
    categories, noise, images = [], [], []
    with evaluating(model):
        for c in range(model.categories):
            s = torch.full((PER_CATEGORY,), c)
            z = model.noise(PER_CATEGORY, generator)
            images.append(to_unit_range(to_uint8(model.decode(model.prior_codes(z, s)))))
            categories.append(s.numpy())
            noise.append(z)
    return np.concatenate(categories), torch.cat(noise), torch.cat(images)


@torch.no_grad()
def samples(model, classifier) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Categories, the classifier's digits and the style features of :func:`draw`'s samples
    (the classifier is in eval mode: its batch norm uses running statistics)."""
    categories, _, images = draw(model)
    return categories, classifier(images).argmax(1).numpy(), style_features(images)


def row(label: str, values: list[float]) -> str:
    return f"| {label} | " + " | ".join(f"{v:.2f}" for v in values) + " |"


if __name__ == "__main__":
    test_path, *runs = sys.argv[1:]
    real = load_prepared(test_path)
    real_features = style_features(to_unit_range(real.images))
    print("| | " + " | ".join(FEATURES) + " |")
    print("|---" * (len(FEATURES) + 1) + "|")
    print(row("real held-out digits: eta2(true digit)",
              [eta2(real_features[:, i], real.labels.numpy()) for i in range(len(FEATURES))]))
    print(row("real held-out digits: feature sd", list(real_features.std(0))))
    per_category = []
    for name, model_path, classifier_path in zip(runs[::3], runs[1::3], runs[2::3]):
        model = load_trained(model_path, torch.device("cpu"))
        classifier = load_classifier(classifier_path)[0]
        category, digit, features = samples(model, classifier)
        print(row(f"{name}: eta2(category)",
                  [eta2(features[:, i], category) for i in range(len(FEATURES))]))
        print(row(f"{name}: eta2(digit)",
                  [eta2(features[:, i], digit) for i in range(len(FEATURES))]))
        print(row(f"{name}: eta2(category given digit)",
                  [eta2_given(features[:, i], category, digit) for i in range(len(FEATURES))]))
        shuffled = np.random.default_rng(0).permutation(category)
        print(row(f"{name}: the same, categories shuffled (chance)",
                  [eta2_given(features[:, i], shuffled, digit) for i in range(len(FEATURES))]))
        print(f"| {name}: Hungarian {100 * clustering_accuracy(digit, category):.1f} %, "
              f"purity {100 * category_purity(digit, category):.1f} % | | | | |")
        per_category.append((name, category, digit, features))
    for name, category, digit, features in per_category:
        print(f"\n{name}, per category: the classifier's most frequent digit (its share), and the "
              "mean of each feature\n")
        print("| category | top digit | " + " | ".join(FEATURES) + " |")
        print("|---" * (len(FEATURES) + 2) + "|")
        for c in np.unique(category):
            counts = np.bincount(digit[category == c], minlength=10)
            means = features[category == c].mean(0)
            print(f"| {c} | {counts.argmax()} ({100 * counts.max() / counts.sum():.0f} %) | "
                  + " | ".join(f"{v:.2f}" for v in means) + " |")
