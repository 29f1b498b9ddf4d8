"""The Inception Score pipeline (our dataset wrapper + torch-fidelity) on constructed logits."""

import math

import pytest
import torch
from torch_fidelity.feature_extractor_base import FeatureExtractorBase
from torch_fidelity.registry import FEATURE_EXTRACTORS_REGISTRY, register_feature_extractor

from lpaae.config import ConfigError, EvaluationConfig
from lpaae.metrics import extractor_arguments, inception_score

K = 10


class PixelClassExtractor(FeatureExtractorBase):
    """Logits decided by the image: class = first pixel value mod K, with confidence given by the
    second pixel (0: uniform logits, else a 50-nat margin)."""

    def __init__(self, name, features_list, **kwargs):
        super().__init__(name, features_list)

    @staticmethod
    def get_provided_features_list():
        return ("logits_unbiased",)

    @staticmethod
    def get_default_feature_layer_for_metric(metric):
        return "logits_unbiased"

    @staticmethod
    def can_be_compiled():
        return False

    def forward(self, x):
        assert x.dtype == torch.uint8 and x.shape[1] == 3  # torch-fidelity's input contract
        classes = x[:, 0, 0, 0].long() % K
        confident = (x[:, 0, 0, 1] > 0).float().unsqueeze(1)
        return (50.0 * confident * torch.nn.functional.one_hot(classes, K).float(),)


if "test-pixel-class" not in FEATURE_EXTRACTORS_REGISTRY:
    register_feature_extractor("test-pixel-class", PixelClassExtractor)
EXTRACTOR = {"feature_extractor": "test-pixel-class"}


def images(classes, confident):
    x = torch.zeros(len(classes), 1, 8, 8, dtype=torch.uint8)
    x[:, 0, 0, 0] = torch.as_tensor(classes, dtype=torch.uint8)
    x[:, 0, 0, 1] = int(confident)
    return x


def test_uniform_predictions_score_one():
    score = inception_score(images(torch.arange(1000) % K, confident=False), extractor=EXTRACTOR,
                            splits=10)
    assert score["is_mean"] == pytest.approx(1.0, abs=1e-9)
    assert score["is_std"] == pytest.approx(0.0, abs=1e-9)


def test_confident_balanced_predictions_score_k():
    # Balanced classes in class order: the protocol's shuffle must still give each split all K.
    classes = torch.arange(2000) // (2000 // K)
    score = inception_score(images(classes, confident=True), extractor=EXTRACTOR, splits=1)
    assert score["is_mean"] == pytest.approx(K, rel=1e-6)
    # 10 splits of 200 shuffled images: each split's class counts are multinomial, so its score
    # is exp(entropy of the counts), about K * exp(-(K - 1) / (2 * 200)) and never above K.
    shuffled = inception_score(images(classes, confident=True), extractor=EXTRACTOR, splits=10)
    assert shuffled["is_mean"] == pytest.approx(K * math.exp(-(K - 1) / 400), rel=0.01)
    assert shuffled["is_mean"] < K


def test_confident_single_class_scores_one():
    score = inception_score(images(torch.full((500,), 3), confident=True), extractor=EXTRACTOR,
                            splits=5)
    assert score["is_mean"] == pytest.approx(1.0, abs=1e-6)


def test_missing_inception_weights_file_names_the_config_key(tmp_path):
    cfg = EvaluationConfig(extractor="inception", inception_weights=str(tmp_path / "nope.pth"))
    with pytest.raises(ConfigError, match="evaluation.inception_weights"):
        extractor_arguments(cfg, None)


def test_inception_without_weights_or_network_fails_naming_the_config_key(tmp_path, monkeypatch):
    """Offline with an empty hub cache: a clear error, never a silent fallback."""
    monkeypatch.setenv("TORCH_HOME", str(tmp_path))

    def offline(*args, **kwargs):
        from urllib.error import URLError
        raise URLError("no network")

    monkeypatch.setattr("torch.hub.urlopen", offline, raising=False)
    monkeypatch.setattr("urllib.request.urlopen", offline)
    extractor = extractor_arguments(EvaluationConfig(extractor="inception"), None)
    with pytest.raises(ConfigError, match="evaluation.inception_weights"):
        inception_score(images(torch.arange(20) % K, True), extractor=extractor, splits=2)


def test_rejects_float_images():
    with pytest.raises(ValueError, match="uint8"):
        inception_score(torch.rand(10, 3, 8, 8), extractor=EXTRACTOR, splits=2)


def test_calibration_row_has_the_models_split_size_topped_up_from_training_images():
    from lpaae.data import ImageData
    from lpaae.jobs import real_images

    def data(n, value):
        return ImageData("d", torch.full((n, 1, 2, 2), value, dtype=torch.uint8), torch.zeros(n), 10)

    images, splits, counts = real_images(data(30, 1), data(200, 2), samples=100, splits=10)
    assert (len(images), splits) == (100, 10) and len(images) // splits == 100 // 10
    assert counts == {"from_test": 30, "from_train": 70}
    assert (images[:30] == 1).all() and (images[30:] == 2).all()
    # Too few images in all: fewer splits, never smaller ones.
    images, splits, _ = real_images(data(30, 1), data(45, 2), samples=100, splits=10)
    assert (len(images), splits) == (70, 7)
    with pytest.raises(ValueError, match="per split"):
        real_images(data(3, 1), data(4, 2), samples=100, splits=10)
