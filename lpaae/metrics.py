"""The Inception Score, FID, KID and precision/recall through torch-fidelity, with the extractor
the config names, from one pass over the samples.

Protocol (Salimans et al.; NOTES.md): uint8 RGB samples, shuffled, split into ``splits`` parts,
``exp(E KL(p(y|x) || p(y)))`` per part, reported as mean and standard deviation over the parts.
FID, KID and precision/recall compare the samples' pool features (Inception's 2048-D layer, or
the classifier's input to its last layer) with those of the dataset's training images, which the
``reference_features`` rule extracts once per dataset and extractor.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any
from urllib.error import URLError

import torch
from torch.utils.data import Dataset
from torch_fidelity.feature_extractor_base import FeatureExtractorBase
from torch_fidelity.metric_fid import fid_features_to_statistics, fid_statistics_to_metric
from torch_fidelity.metric_isc import isc_features_to_metric
from torch_fidelity.metric_kid import kid_features_to_metric
from torch_fidelity.metric_prc import prc_features_to_metric
from torch_fidelity.registry import FEATURE_EXTRACTORS_REGISTRY, register_feature_extractor
from torch_fidelity.utils import create_feature_extractor, get_featuresdict_from_dataset

from lpaae.classifier import load_classifier
from lpaae.config import ConfigError, EvaluationConfig
from lpaae.data import to_unit_range

INCEPTION = "inception-v3-compat"
#: Name under which the dataset classifier is registered with torch-fidelity.
EXTRACTOR_NAME = "lpaae-classifier"
#: The layer the Inception Score reads (pre-softmax logits, as torch-fidelity's IS).
LOGITS = "logits_unbiased"
#: The layer FID, KID and precision/recall read, per extractor.
POOL_FEATURES = {INCEPTION: "2048", EXTRACTOR_NAME: "penultimate"}
#: torch-fidelity's defaults: KID over 100 random subsets of 1000 (fewer where there are fewer
#: images), precision/recall with the 3rd nearest neighbour as each point's radius.
KID_SUBSETS, KID_SUBSET_SIZE, PRC_NEIGHBORHOOD = 100, 1000, 3


class UInt8Images(Dataset):
    """uint8 ``(N, C, H, W)`` images as torch-fidelity wants them: RGB, one tensor per item."""

    def __init__(self, images: torch.Tensor):
        if images.dtype != torch.uint8 or images.dim() != 4 or images.shape[1] not in (1, 3):
            raise ValueError(f"expected uint8 images of shape (N, 1 or 3, H, W), got "
                             f"{images.dtype} {tuple(images.shape)}")
        self.images = images

    def __len__(self) -> int:
        return self.images.shape[0]

    def __getitem__(self, i: int) -> torch.Tensor:
        image = self.images[i]
        return image.expand(3, -1, -1) if image.shape[0] == 1 else image


class ClassifierFeatureExtractor(FeatureExtractorBase):
    """torch-fidelity feature extractor around a saved :class:`Classifier`.

    torch-fidelity hands it uint8 RGB batches; it converts them to the classifier's channels,
    size and [-1, 1] range and returns the pre-softmax logits (``logits_unbiased``, which the
    Inception Score uses, as for Inception) and the input of the last linear layer
    (``penultimate``, for FID, KID and precision/recall, like Inception's pool features). The
    checkpoint comes in through torch-fidelity's own ``feature_extractor_weights_path`` argument.
    """

    def __init__(self, name: str, features_list: list[str],
                 feature_extractor_weights_path: str | None = None, **kwargs: Any):
        super().__init__(name, features_list)
        if not feature_extractor_weights_path:
            raise ValueError(f"feature extractor {name!r} needs feature_extractor_weights_path "
                             "(the classifier checkpoint written by the train_classifier rule)")
        self.classifier, self.test_accuracy = load_classifier(feature_extractor_weights_path)
        self.requires_grad_(False)

    @staticmethod
    def get_provided_features_list() -> tuple[str, ...]:
        return (LOGITS, "penultimate")

    @staticmethod
    def get_default_feature_layer_for_metric(metric: str) -> str:
        return {"isc": LOGITS, "fid": "penultimate", "kid": "penultimate",
                "prc": "penultimate"}[metric]

    @staticmethod
    def can_be_compiled() -> bool:
        return False

    @staticmethod
    def get_dummy_input_for_compile() -> torch.Tensor:
        raise NotImplementedError

    def forward(self, images: torch.Tensor) -> tuple[torch.Tensor, ...]:
        shape = self.classifier.shape
        x = to_unit_range(images)
        if shape.channels == 1:  # grey images reach torch-fidelity as three equal channels
            x = x.mean(dim=1, keepdim=True)
        penultimate = self.classifier.penultimate(x)  # resized to the classifier's side
        layers = {LOGITS: self.classifier.net[-1](penultimate), "penultimate": penultimate}
        return tuple(layers[name] for name in self.features_list)


def register_extractor() -> None:
    """Make the classifier available to torch-fidelity under :data:`EXTRACTOR_NAME` (once)."""
    if EXTRACTOR_NAME not in FEATURE_EXTRACTORS_REGISTRY:
        register_feature_extractor(EXTRACTOR_NAME, ClassifierFeatureExtractor)


def extractor_arguments(cfg: EvaluationConfig, classifier_path: str | Path | None) -> dict[str, Any]:
    """torch-fidelity's extractor arguments for ``cfg.extractor``; fails early, naming the key."""
    if cfg.extractor == "classifier":
        if classifier_path is None or not Path(classifier_path).is_file():
            raise FileNotFoundError(f"classifier checkpoint not found: {classifier_path}")
        register_extractor()
        return {"feature_extractor": EXTRACTOR_NAME,
                "feature_extractor_weights_path": str(classifier_path)}
    if cfg.inception_weights is not None and not Path(cfg.inception_weights).is_file():
        raise ConfigError(f"config key 'evaluation.inception_weights': no file at "
                          f"{cfg.inception_weights!r}")
    return {"feature_extractor": INCEPTION,
            "feature_extractor_weights_path": cfg.inception_weights}


def extract_features(images: torch.Tensor, *, extractor: dict[str, Any],
                     batch_size: int = 500, device: torch.device | str = "cpu",
                     layers: tuple[str, ...] | None = None) -> dict[str, torch.Tensor]:
    """Features of uint8 ``images``, one pass: the IS's logits and the pool features (or
    ``layers``), as ``{layer: (N, D) tensor}`` on the CPU."""
    name = extractor["feature_extractor"]
    cuda = torch.device(device).type == "cuda"
    try:
        network = create_feature_extractor(
            name, list(layers or (LOGITS, POOL_FEATURES[name])), cuda=cuda, verbose=False,
            **{k: v for k, v in extractor.items() if k != "feature_extractor"})
    except (URLError, OSError) as err:
        if name != INCEPTION:
            raise
        raise ConfigError(
            "cannot load the Inception-v3 weights for the Inception Score "
            f"({type(err).__name__}: {err}). On a machine without network, download "
            "weights-inception-2015-12-05-6726825d.pth from torch-fidelity's releases elsewhere "
            "and set config key 'evaluation.inception_weights' to its path, or set "
            "'evaluation.extractor: classifier'.") from err
    return get_featuresdict_from_dataset(UInt8Images(images), network, batch_size, cuda,
                                         save_cpu_ram=True, verbose=False)


def inception_score_of(logits: torch.Tensor, *, splits: int, seed: int = 0) -> dict[str, float]:
    """The Inception Score of samples with these logits (shuffled with ``seed``, ``splits``
    parts): mean and standard deviation over the parts."""
    metric = isc_features_to_metric(logits, splits=splits, shuffle=True, rng_seed=seed)
    return {"is_mean": metric["inception_score_mean"], "is_std": metric["inception_score_std"],
            "samples": int(logits.shape[0]), "splits": splits}


def inception_score(images: torch.Tensor, *, extractor: dict[str, Any], splits: int,
                    batch_size: int = 500, device: torch.device | str = "cpu",
                    seed: int = 0) -> dict[str, float]:
    """Inception Score of uint8 ``images`` with the torch-fidelity extractor in ``extractor``."""
    features = extract_features(images, extractor=extractor, batch_size=batch_size,
                                device=device, layers=(LOGITS,))
    return inception_score_of(features[LOGITS], splits=splits, seed=seed)


def fidelity(samples: torch.Tensor, reference: torch.Tensor, *, seed: int = 0,
             device: torch.device | str = "cpu") -> dict[str, Any]:
    """FID, KID and precision/recall of sample features against reference (real) features of
    the same layer, and the counts they rest on.

    FID: the Frechet distance between Gaussians fitted to the two sets (0 for equal statistics;
    biased upwards at small counts, so compare it only at equal counts). KID: the unbiased
    squared MMD with a cubic polynomial kernel, mean and std over random subsets (can be slightly
    negative). Precision: the share of samples inside the real data's k-NN manifold (fidelity);
    recall: the share of real points inside the samples' manifold (coverage; mode collapse
    lowers it). Precision/recall's pairwise distances (quadratic in the counts) run on
    ``device``; FID and KID on the CPU, as torch-fidelity computes them."""
    # FID's statistics in float64 (cheap, and the matrix square root is sensitive); KID and
    # precision/recall in float32, as torch-fidelity computes them from its extractors' output.
    fid = fid_statistics_to_metric(fid_features_to_statistics(samples.double()),
                                   fid_features_to_statistics(reference.double()), verbose=False)
    samples, reference = samples.float(), reference.float()
    size = min(KID_SUBSET_SIZE, len(samples), len(reference))
    kid = kid_features_to_metric(samples, reference, kid_subsets=KID_SUBSETS,
                                 kid_subset_size=size, rng_seed=seed, verbose=False)
    prc = prc_features_to_metric(samples.to(device), reference.to(device),
                                 prc_neighborhood=PRC_NEIGHBORHOOD, save_cpu_ram=True,
                                 verbose=False)
    return {"fid": fid["frechet_inception_distance"],
            "kid_mean": kid["kernel_inception_distance_mean"],
            "kid_std": kid["kernel_inception_distance_std"], "kid_subset_size": size,
            "precision": float(prc["precision"]), "recall": float(prc["recall"]),
            "fidelity_samples": len(samples), "reference_images": len(reference)}
