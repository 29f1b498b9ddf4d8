"""Numbers for the conditional settings that the paper only shows as pictures (Section IV.D).

* supervised: does ``dec(CG(z, s))`` show class s? The dataset classifier's accuracy on
  conditional samples; beside it, how often Q reads s back from the same samples.
* unsupervised: did the categorical s find the true classes? Each test image is assigned the mode
  of the prior nearest to its encoder code (or Q's prediction on it); clustering accuracy
  (Hungarian matching of assignments to classes) and NMI against the true labels; the samples'
  categories matched to the classifier's classes (Hungarian), and their purity.
* both: silhouette scores of the codes, computed on the codes themselves (not on a 2-D map).
"""

from __future__ import annotations

from typing import Any

import numpy as np
import torch
from scipy.optimize import linear_sum_assignment
from sklearn.metrics import normalized_mutual_info_score, silhouette_score

from lpaae.data import ImageData, to_uint8, to_unit_range
from lpaae.learned_prior import LearnedPriorAAE
from lpaae.model import evaluating


def clustering_accuracy(true: np.ndarray, assigned: np.ndarray) -> float:
    """Fraction of points whose cluster, mapped one-to-one to classes so as to agree most
    (Hungarian matching), equals their class."""
    true, assigned = np.asarray(true), np.asarray(assigned)
    classes, clusters = np.unique(true), np.unique(assigned)
    counts = np.zeros((len(clusters), len(classes)), dtype=np.int64)
    np.add.at(counts, (np.searchsorted(clusters, assigned), np.searchsorted(classes, true)), 1)
    rows, cols = linear_sum_assignment(counts, maximize=True)
    return float(counts[rows, cols].sum() / len(true))


def category_purity(true: np.ndarray, assigned: np.ndarray) -> float:
    """Mean over clusters of the share of a cluster's points in its most frequent class.

    It tells apart two ways of missing the classes that clustering accuracy does not: a class
    split over two clusters (each still pure) or two classes merged in one (purity 1/2 there),
    and clusters that each mix many classes (purity falls towards the largest class's share).
    An unweighted mean over clusters; the conditional samples hold as many points per
    cluster."""
    true, assigned = np.asarray(true), np.asarray(assigned)
    return float(np.mean([np.bincount(true[assigned == c]).max() / np.sum(assigned == c)
                          for c in np.unique(assigned)]))


def _silhouette(codes: np.ndarray, labels: np.ndarray, seed: int) -> float:
    if len(np.unique(labels)) < 2:
        return float("nan")
    sample = min(len(codes), 2000)
    return float(silhouette_score(codes, labels, sample_size=sample, random_state=seed))


@torch.no_grad()
def conditional_grid(model: LearnedPriorAAE, noises: int, seed: int) -> torch.Tensor:
    """uint8 images, row i = noise z_i, column k = label k (noises x categories, row-major)."""
    generator = torch.Generator().manual_seed(seed)
    k = model.categories
    z = model.noise(noises, generator).repeat_interleave(k, dim=0)
    labels = torch.arange(k, device=z.device).repeat(noises)
    with evaluating(model):
        return to_uint8(model.decode(model.prior_codes(z, labels))).cpu()


@torch.no_grad()
def evaluate_conditional(model: LearnedPriorAAE, test: ImageData, classifier: torch.nn.Module | None,
                         *, points: int, seed: int) -> tuple[dict[str, Any], dict[str, Any]]:
    """Codes (for t-SNE) and metrics of a conditional model on the held-out split."""
    generator = torch.Generator().manual_seed(seed)
    k, device = model.categories, model.device
    with evaluating(model):
        # Prior codes with their labels s, and each mode's centre (mean code of its label).
        s = torch.arange(k, device=device).repeat_interleave(max(1, points // k))
        prior = model.prior_codes(model.noise(len(s), generator), s)
        centres = torch.stack([prior[s == c].mean(0) for c in range(k)])

        idx = torch.randperm(len(test), generator=generator)[:points]
        x, true = test.batch(idx, device), test.labels[idx]
        # The codes D_C is trained against: with a Gaussian posterior, samples (Figure 13 shows
        # the aggregated posterior), so the nearest-mode accuracy includes the encoder's noise.
        encoded = model.encode(x, generator)
        nearest_mode = torch.cdist(encoded, centres).argmin(1).cpu()
        q_prediction = model.q_head(model.image_discriminator(x)[1]).argmax(1).cpu()

        metrics: dict[str, Any] = {
            "condition": model.options.condition,
            "points": int(len(idx)),
            "nearest_mode_accuracy": clustering_accuracy(true.numpy(), nearest_mode.numpy()),
            "nearest_mode_nmi": float(normalized_mutual_info_score(true, nearest_mode)),
            "q_accuracy": clustering_accuracy(true.numpy(), q_prediction.numpy()),
            "q_nmi": float(normalized_mutual_info_score(true, q_prediction)),
            "silhouette_prior_by_s": _silhouette(prior.cpu().numpy(), s.cpu().numpy(), seed),
            "silhouette_encoder_by_class": _silhouette(encoded.cpu().numpy(), true.numpy(), seed),
        }
        # The samples as saved and scored: rounded to 8-bit pixels, back in [-1, 1].
        images = to_unit_range(to_uint8(model.decode(prior)))
        # Does Q read s back from dec(CG(z, s))? Trained on fakes alone (Algorithm 1), Q and the
        # generator can agree on a code of their own: then Q reads s far more often than the
        # dataset's classifier below recognises it. s is Q's own target: no matching.
        q_on_samples = model.q_head(model.image_discriminator(images)[1]).argmax(1)
        metrics["q_sample_accuracy"] = float((q_on_samples == s).float().mean())
        if classifier is not None:
            # Does dec(CG(z, s)) show class s? The classifier reads the images as the IS does.
            # Unsupervised, s has no fixed meaning: its categories are matched to classes first.
            predicted = classifier.to(device)(images).argmax(1).cpu().numpy()
            metrics["label_accuracy"] = (
                float((predicted == s.cpu().numpy()).mean()) if model.supervised
                else clustering_accuracy(predicted, s.cpu().numpy()))
            # Whether each s holds one class (split or merged with another s) or mixes many.
            metrics["category_purity"] = category_purity(predicted, s.cpu().numpy())
    codes = {"prior_codes": prior.cpu(), "prior_labels": s.cpu(),
             "encoder_codes": encoded.cpu(), "true_labels": true,
             "nearest_mode": nearest_mode, "q_prediction": q_prediction}
    return codes, metrics
