"""Issue 4: the conditional priors (supervised and unsupervised settings) and their metrics."""

import numpy as np
import pytest
import torch
import torch.nn.functional as F

from lpaae import config as lconf
from lpaae.conditional import category_purity, clustering_accuracy, evaluate_conditional
from lpaae.data import ImageData
from lpaae.losses import information_loss
from lpaae.runs import resolve

from conftest import changed, clone_params, tiny_raw


def model(method, **options):
    raw = tiny_raw()
    raw["network"]["code_size"] = 16
    raw["variants"][method]["options"].update(options)
    torch.manual_seed(0)
    return resolve(lconf.from_dict(raw), method).build()


def step(m, labels):
    x = torch.rand(len(labels), 1, 16, 16) * 2 - 1
    return m.training_step(x, labels, 0, torch.Generator().manual_seed(0))


def test_supervised_code_discriminator_really_receives_the_label():
    m = model("learned_prior_supervised")
    codes = torch.randn(4, 16)
    outputs = [m.code_discriminator(torch.cat([codes, F.one_hot(torch.full((4,), s), 10).float()], 1))
               for s in (0, 7)]
    assert not torch.allclose(*outputs)
    assert m.code_discriminator.net[0].in_features == 16 + 10


def test_supervised_aae_phase_depends_on_the_batch_labels():
    """Same images and noise, other labels: D_C's update differs, so the labels reach it."""
    params = []
    for labels in (torch.zeros(8, dtype=torch.long), torch.arange(8)):
        m = model("learned_prior_supervised")
        step(m, labels)
        params.append(clone_params(m.code_discriminator))
    assert any(not torch.equal(params[0][k], params[1][k]) for k in params[0])


def test_code_gradient_penalty_reaches_the_label_conditioned_critic():
    """The supervised D_C reads (code, s); R1 differentiates with respect to the code only, and
    still changes D_C's update."""
    labels = torch.arange(8) % 10
    params = []
    for gamma in (0.0, 10.0):
        m = model("learned_prior_supervised", code_gradient_penalty=gamma)
        step(m, labels)
        params.append(clone_params(m.code_discriminator))
    assert any(not torch.equal(params[0][k], params[1][k]) for k in params[0])


def test_unsupervised_code_discriminator_is_class_agnostic():
    m = model("learned_prior_unsupervised")
    assert m.code_discriminator.net[0].in_features == 16


def test_q_loss_is_the_cross_entropy_formula():
    logits = torch.tensor([[2.0, 0.0, -1.0], [0.5, 0.5, 3.0]])
    labels = torch.tensor([0, 1])
    log_softmax = logits - logits.exp().sum(1, keepdim=True).log()
    expected = -(log_softmax[0, 0] + log_softmax[1, 1]) / 2
    torch.testing.assert_close(information_loss(logits, labels), expected)


@pytest.mark.parametrize("method", ["learned_prior_supervised", "learned_prior_unsupervised"])
def test_conditional_step_updates_q_and_every_network(method):
    m = model(method)
    names = ["encoder", "decoder", "code_generator", "image_discriminator", "code_discriminator",
             "q_head"]
    before = {n: clone_params(getattr(m, n)) for n in names}
    losses = step(m, torch.arange(8) % 10)
    assert {n for n in names if changed(getattr(m, n), before[n])} == set(names)
    assert "information_loss" in losses


def test_aae_baseline_uses_label_and_noise_directly():
    m = model("aae_supervised")
    assert m.code_generator is None and m.noise_size == 16 - 10
    z = torch.randn(3, 6)
    codes = m.prior_codes(z, torch.tensor([2, 0, 9]))
    torch.testing.assert_close(codes[:, :10], F.one_hot(torch.tensor([2, 0, 9]), 10).float())
    torch.testing.assert_close(codes[:, 10:], z)
    before = clone_params(m.decoder)
    step(m, torch.arange(8))
    assert changed(m.decoder, before)


def test_unsupervised_sampler_draws_each_category_equally_often():
    m = model("learned_prior_unsupervised")
    labels = m.draw_labels(50_000, torch.Generator().manual_seed(0))
    frequencies = torch.bincount(labels, minlength=10).float() / len(labels)
    torch.testing.assert_close(frequencies, torch.full((10,), 0.1), atol=0.006, rtol=0)


def test_code_size_must_exceed_the_categories():
    raw = tiny_raw()
    raw["network"]["code_size"] = 10
    with pytest.raises(lconf.ConfigError, match="code_size above 10"):
        resolve(lconf.from_dict(raw), "aae_supervised").build()


def test_clustering_accuracy_is_one_on_a_relabelled_perfect_clustering():
    true = np.repeat(np.arange(10), 30)
    permutation = np.random.default_rng(0).permutation(10)
    assert clustering_accuracy(true, permutation[true]) == 1.0


def test_clustering_accuracy_is_about_one_over_k_on_random_assignments():
    rng = np.random.default_rng(0)
    true, assigned = rng.integers(0, 10, 20_000), rng.integers(0, 10, 20_000)
    assert clustering_accuracy(true, assigned) == pytest.approx(0.1, abs=0.02)


def test_clustering_accuracy_counts_the_best_one_to_one_matching():
    true = np.array([0, 0, 0, 1, 1, 2])
    assigned = np.array([5, 5, 7, 7, 7, 5])  # best: 5->0 (2), 7->1 (2); class 2 unmatched
    assert clustering_accuracy(true, assigned) == pytest.approx(4 / 6)


def test_category_purity_tells_split_classes_from_mixed_ones():
    true = np.repeat(np.arange(4), 10)
    # Class 0 split over clusters 0 and 1; class 1 alone in cluster 2; classes 2 and 3 merged
    # in cluster 3.
    split = np.array([0] * 5 + [1] * 5 + [2] * 10 + [3] * 20)
    assert category_purity(true, split) == pytest.approx((1 + 1 + 1 + 0.5) / 4)
    assert clustering_accuracy(true, split) == pytest.approx(25 / 40)
    # Clusters 0 and 1 each hold half of class 0, cluster 2 the other three classes: the mean
    # over clusters (1 + 1 + 1/3) / 3; with the arguments swapped it would be 7/8.
    merged = np.array([0] * 5 + [1] * 5 + [2] * 30)
    assert category_purity(true, merged) == pytest.approx((1 + 1 + 1 / 3) / 3)
    # Every cluster holds every class alike: purity is the largest class's share.
    true, mixed = np.repeat(np.arange(4), 4), np.tile(np.arange(4), 4)
    assert category_purity(true, mixed) == pytest.approx(0.25)


def test_q_learns_real_labels_only_when_asked_and_only_when_supervised():
    labels, x = torch.arange(8) % 10, torch.rand(8, 1, 16, 16) * 2 - 1
    losses, models = [], []
    for options in ({}, {"q_real_labels": True}):
        m = model("learned_prior_supervised", **options)
        losses.append(m.training_step(x, labels, 0, torch.Generator().manual_seed(0)))
        models.append(m)
    plain, grounded = models
    assert "q_real_loss" not in losses[0] and "q_real_loss" in losses[1]
    assert not torch.equal(plain.q_head.weight, grounded.q_head.weight)
    for name in ["image_discriminator", "decoder", "code_generator", "encoder"]:  # Q alone learns it
        assert not changed(getattr(grounded, name), clone_params(getattr(plain, name))), name
    with pytest.raises(lconf.ConfigError, match="q_real_labels"):
        model("learned_prior_unsupervised", q_real_labels=True)


@pytest.mark.parametrize("method", ["learned_prior_unsupervised", "aae_unsupervised"])
def test_information_trains_the_image_discriminator_only_when_asked(method):
    """With the option, L_I joins D_I's loss (InfoGAN's shared body): D_I's update changes, and
    with L_I weighted 0 it is the plain update exactly (D_I's step precedes the generator's)."""
    labels, x = torch.arange(8) % 10, torch.rand(8, 1, 16, 16) * 2 - 1
    trained = {}
    for name, options in {"plain": {}, "weight 0": {"information_trains_image_discriminator": True,
                                                   "information_weight": 0.0},
                          "on": {"information_trains_image_discriminator": True}}.items():
        m = model(method, **options)
        losses = m.training_step(x, labels, 0, torch.Generator().manual_seed(0))
        trained[name] = (clone_params(m.image_discriminator), losses["image_d_loss"])
    plain, zero, on = (trained[k][0] for k in ("plain", "weight 0", "on"))
    assert all(torch.equal(plain[k], zero[k]) for k in plain)
    assert any(not torch.equal(plain[k], on[k]) for k in plain)
    # The logged image_d_loss stays D_I's adversarial objective alone.
    assert trained["on"][1] == trained["plain"][1]
    raw = tiny_raw()
    raw["models"]["learned_prior"] = {"information_trains_image_discriminator": True}
    with pytest.raises(lconf.ConfigError, match="information_trains_image_discriminator"):
        resolve(lconf.from_dict(raw), "learned_prior").build()


class _Pixels(torch.nn.Module):
    """Stands in for D_I: its "features" are an image's first pixels."""

    def forward(self, images):
        return None, images.flatten(1)[:, :16]


class _ReadsNext(torch.nn.Module):
    """Stands in for Q: reads category s from features one-hot in s, and answers s + 1."""

    def forward(self, features):
        return features[:, :10].roll(1, dims=1)


def _one_hot_samples_model():
    """A supervised model whose samples of s have their first 16 pixels one-hot in s, and 40
    held-out images to evaluate it on."""
    m = model("learned_prior_supervised")
    m.prior_codes = lambda noise, s: F.one_hot(s, 16).float()
    m.decode = lambda codes: F.pad(codes, (0, 16 * 16 - 16)).view(-1, 1, 16, 16)
    test = ImageData("t", torch.randint(0, 256, (40, 1, 16, 16), dtype=torch.uint8),
                     torch.arange(40) % 10, 10)
    return m, test


# The empty Sequential passes the features on: it reads s as it is.
@pytest.mark.parametrize("q_head, expected", [(_ReadsNext(), 0.0), (torch.nn.Sequential(), 1.0)])
def test_q_sample_accuracy_is_q_reading_s_from_the_decoded_samples(q_head, expected):
    """Samples whose first pixels are one-hot in s: a Q that reads s scores 1; one that
    consistently answers s + 1 scores 0 (a class-matched accuracy would call it perfect)."""
    m, test = _one_hot_samples_model()
    m.image_discriminator = _Pixels()
    m.q_head = q_head
    _, metrics = evaluate_conditional(m, test, None, points=40, seed=0)
    assert metrics["q_sample_accuracy"] == expected


class _SeesThree(torch.nn.Module):
    """Stands in for the dataset classifier: sees a 3 in every image."""

    def forward(self, images):
        return F.one_hot(torch.full((len(images),), 3), 10).float()


def test_category_purity_is_the_share_of_each_s_in_the_class_the_classifier_sees():
    """Every sample of every s is seen as a 3: each s holds one class (purity 1), which is the
    right class for one s in ten (label accuracy 0.1)."""
    m, test = _one_hot_samples_model()
    _, metrics = evaluate_conditional(m, test, _SeesThree(), points=40, seed=0)
    assert metrics["category_purity"] == 1.0
    assert metrics["label_accuracy"] == pytest.approx(0.1)
