"""The Inception Score pipeline (our dataset wrapper + torch-fidelity) on constructed logits."""

import math

import numpy as np

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


# -- FID, KID, precision/recall (lpaae.metrics.fidelity) -----------------------------------------

def _gaussian(n, dim=16, seed=0, shift=0.0):
    return torch.randn(n, dim, generator=torch.Generator().manual_seed(seed)) + shift


def test_fid_of_a_set_against_itself_is_zero_and_grows_with_a_known_shift():
    from lpaae.metrics import fidelity

    a = _gaussian(400)
    assert abs(fidelity(a, a)["fid"]) < 1e-6
    # Shifting every one of 16 dimensions by d adds |shift|^2 = 16 d^2 to the FID.
    base = fidelity(a, _gaussian(400, seed=1))["fid"]
    for d in (1.0, 2.0):
        shifted = fidelity(a + d, _gaussian(400, seed=1))["fid"]
        assert shifted == pytest.approx(base + 16 * d * d, abs=0.1 * 16 * d * d)


def test_kid_is_unbiased_for_two_samples_of_one_distribution():
    from lpaae.metrics import fidelity

    # An unbiased estimate of 0 averages to 0 and is sometimes negative; the biased (V-statistic)
    # estimate would stay above 0 by about its diagonal terms.
    kids = [fidelity(_gaussian(100, seed=2 * i), _gaussian(100, seed=2 * i + 1))["kid_mean"]
            for i in range(20)]
    spread = np.std(kids) / np.sqrt(len(kids))
    assert abs(np.mean(kids)) < 3 * spread
    assert min(kids) < 0
    assert fidelity(_gaussian(100), _gaussian(100, seed=1, shift=1.0))["kid_mean"] > 10 * spread


def test_precision_and_recall_of_identical_sets_are_one_and_see_mode_collapse():
    from lpaae.metrics import fidelity

    real = torch.cat([_gaussian(100, seed=s, shift=10.0 * s) for s in range(4)])  # 4 modes
    same = fidelity(real, real)
    assert same["precision"] == 1.0 and same["recall"] == 1.0
    collapsed = fidelity(_gaussian(400, seed=9), real)  # samples from the first mode only
    assert collapsed["precision"] > 0.7 and collapsed["recall"] < 0.3  # one mode of four: ~0.25


def test_one_extractor_pass_gives_the_is_logits_and_the_pool_features(tmp_path):
    from lpaae.classifier import Classifier, ClassifierShape, save_classifier
    from lpaae.metrics import LOGITS, extract_features, inception_score, inception_score_of

    checkpoint = tmp_path / "classifier.pt"
    classifier = Classifier(ClassifierShape(1, 16, 10, 4))
    save_classifier(classifier, 0.5, checkpoint, {})
    extractor = extractor_arguments(EvaluationConfig(extractor="classifier"), checkpoint)
    images = torch.randint(0, 256, (30, 1, 16, 16), dtype=torch.uint8)
    features = extract_features(images, extractor=extractor)
    assert features[LOGITS].shape == (30, 10) and features["penultimate"].shape == \
        (30, classifier.net[-1].in_features)
    assert inception_score_of(features[LOGITS], splits=3) == \
        inception_score(images, extractor=extractor, splits=3)


def test_images_below_the_classifiers_side_are_upsampled_for_it(tmp_path):
    """At 8 px the stride-2 stack would be one layer; the classifier trains and reads at 16 px."""
    import torch.nn.functional as F

    from lpaae.classifier import MIN_IMAGE_SIZE, save_classifier, train_classifier
    from lpaae.config import ClassifierConfig
    from lpaae.data import DataConfig, load_dataset, to_unit_range
    from lpaae.metrics import LOGITS, extract_features

    def trained(image_size):
        train, test = (load_dataset(DataConfig(dataset="digits", image_size=image_size), split)
                       for split in ("train", "test"))
        return train_classifier(train, test, ClassifierConfig(steps=5, width=4), seed=0,
                                device=torch.device("cpu"))

    (classifier, accuracy), (at_16px, accuracy_16px) = trained(8), trained(16)
    assert classifier.shape.image_size == MIN_IMAGE_SIZE == 16
    # trained on the 8-px digits upsampled as the 16-px data are: the same network
    assert accuracy == accuracy_16px
    for name, weights in at_16px.state_dict().items():
        torch.testing.assert_close(classifier.state_dict()[name], weights)
    x = load_dataset(DataConfig(dataset="digits", image_size=8), "test").images[:20]
    upsampled = F.interpolate(to_unit_range(x), size=(16, 16), mode="bilinear",
                              align_corners=False)
    torch.testing.assert_close(classifier(to_unit_range(x)), classifier.net(upsampled))
    save_classifier(classifier, accuracy, tmp_path / "c.pt", {})
    extractor = extractor_arguments(EvaluationConfig(extractor="classifier"), tmp_path / "c.pt")
    torch.testing.assert_close(extract_features(x, extractor=extractor)[LOGITS],
                               classifier(upsampled))
