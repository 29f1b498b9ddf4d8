"""Inception Score through torch-fidelity, with the extractor the config names.

Protocol (Salimans et al.; NOTES.md): uint8 RGB samples, shuffled, split into ``splits`` parts,
``exp(E KL(p(y|x) || p(y)))`` per part, reported as mean and standard deviation over the parts.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any
from urllib.error import URLError

import torch
import torch_fidelity
from torch.utils.data import Dataset
from torch_fidelity.feature_extractor_base import FeatureExtractorBase
from torch_fidelity.registry import FEATURE_EXTRACTORS_REGISTRY, register_feature_extractor

from lpaae.classifier import load_classifier
from lpaae.config import ConfigError, EvaluationConfig
from lpaae.data import resize, to_unit_range

INCEPTION = "inception-v3-compat"
#: Name under which the dataset classifier is registered with torch-fidelity.
EXTRACTOR_NAME = "lpaae-classifier"


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
    size and [-1, 1] range and returns the pre-softmax logits, the feature the Inception Score
    uses (``logits_unbiased``, as for Inception). The checkpoint comes in through torch-fidelity's
    own ``feature_extractor_weights_path`` argument.
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
        return ("logits_unbiased",)

    @staticmethod
    def get_default_feature_layer_for_metric(metric: str) -> str:
        return {"isc": "logits_unbiased"}[metric]

    @staticmethod
    def can_be_compiled() -> bool:
        return False

    @staticmethod
    def get_dummy_input_for_compile() -> torch.Tensor:
        raise NotImplementedError

    def forward(self, images: torch.Tensor) -> tuple[torch.Tensor, ...]:
        shape = self.classifier.shape
        if images.shape[-1] != shape.image_size:
            images = resize(images, shape.image_size)
        x = to_unit_range(images)
        if shape.channels == 1:  # grey images reach torch-fidelity as three equal channels
            x = x.mean(dim=1, keepdim=True)
        return (self.classifier(x),)


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


def inception_score(images: torch.Tensor, *, extractor: dict[str, Any], splits: int,
                    batch_size: int = 500, device: torch.device | str = "cpu",
                    seed: int = 0) -> dict[str, float]:
    """Inception Score of uint8 ``images`` with the torch-fidelity extractor in ``extractor``."""
    try:
        metrics = torch_fidelity.calculate_metrics(
            input1=UInt8Images(images), isc=True, isc_splits=splits, samples_shuffle=True,
            rng_seed=seed, batch_size=batch_size, cuda=torch.device(device).type == "cuda",
            save_cpu_ram=True, cache=False, verbose=False, **extractor)
    except (URLError, OSError) as err:
        if extractor["feature_extractor"] != INCEPTION:
            raise
        raise ConfigError(
            "cannot load the Inception-v3 weights for the Inception Score "
            f"({type(err).__name__}: {err}). On a machine without network, download "
            "weights-inception-2015-12-05-6726825d.pth from torch-fidelity's releases elsewhere "
            "and set config key 'evaluation.inception_weights' to its path, or set "
            "'evaluation.extractor: classifier'.") from err
    return {"is_mean": metrics["inception_score_mean"], "is_std": metrics["inception_score_std"],
            "samples": int(images.shape[0]), "splits": splits}
