"""The regulariser's diagnostics, and the mechanism they check: the encoder's codes of held-out
images must become hard to tell from prior codes ("separate" regularisation), which Algorithm 1
taken literally ("joint") does not achieve."""


import pandas as pd
import pytest
import torch

from lpaae import config as lconf
from lpaae import files as lio
from lpaae.data import load_dataset
from lpaae.code_generator import CodeGenerator
from lpaae.diagnostics import (TWO_SAMPLE_STEPS, CodeSample, code_diagnostics, effective_dimensions,
                               monitor, spanned_dimensions, two_sample_accuracies, two_sample_accuracy, whitening)
from lpaae.runs import build_model
from lpaae.model import recalibrate_batch_norm
from lpaae.report import _collapsed_priors, _narrow_codes, _subspace_priors
from lpaae.training import train_run

from conftest import tiny_raw


def test_two_sample_accuracy_is_chance_for_one_distribution_and_high_for_two():
    g = torch.Generator().manual_seed(0)
    a, b = torch.randn(1000, 8, generator=g), torch.randn(1000, 8, generator=g)
    assert abs(two_sample_accuracy(a, b) - 0.5) < 0.06
    assert two_sample_accuracy(a, 0.5 * b) > 0.75  # same mean, other spread
    assert two_sample_accuracy(a, b + 1.0) > 0.85  # shifted


def test_repeated_splits_start_from_the_single_split_and_vary_by_about_binomial_noise():
    g = torch.Generator().manual_seed(0)
    a, b = torch.randn(360, 16, generator=g), torch.randn(360, 16, generator=g)
    splits = two_sample_accuracies(a, b, seed=3)
    assert len(splits) == 10 and splits[0] == two_sample_accuracy(a, b, 3)
    # 360 held-out points per split: one split's binomial sd at chance is 0.026.
    spread = torch.tensor(splits).std().item()
    assert 0.005 < spread < 0.06
    assert abs(sum(splits) / len(splits) - 0.5) < 0.04
    with pytest.raises(ValueError, match="at least 2 repeats"):
        two_sample_accuracies(a, b, repeats=1)


def test_whitened_two_sample_accuracy_sees_through_a_linear_map_but_not_clusters():
    g = torch.Generator().manual_seed(0)
    prior = torch.randn(1000, 8, generator=g)
    stretched = torch.randn(1000, 8, generator=g) @ torch.randn(8, 8, generator=g)  # a Gaussian
    assert two_sample_accuracy(stretched, prior) > 0.75
    assert abs(two_sample_accuracy(stretched, prior, whiten=True) - 0.5) < 0.06
    # Two tight clusters: the whitened set is bimodal along one direction.
    clusters = torch.randn(1000, 8, generator=g) * 0.1 + 3 * torch.sign(torch.randn(1000, 1, generator=g))
    assert two_sample_accuracy(clusters, prior, whiten=True) > 0.65
    assert torch.allclose(torch.cov(whitening(stretched)(stretched).T), torch.eye(8), atol=1e-3)
    # Too few rows per dimension to estimate a covariance: no number rather than a wrong one.
    assert two_sample_accuracy(prior[:20], stretched[:20], whiten=True) is None
    # A set in a subspace (rank 4 of 8) cannot be whitened: its support differs, not its shape.
    flat = torch.randn(1000, 4, generator=g) @ torch.randn(4, 8, generator=g)
    assert whitening(flat) is None and two_sample_accuracy(flat, prior, whiten=True) is None


def test_effective_dimensions_count_the_directions_a_set_spreads_over_whatever_its_rotation():
    g = torch.Generator().manual_seed(0)
    rotation, _ = torch.linalg.qr(torch.randn(10, 10, generator=g, dtype=torch.float64))
    # Points at +-e_1 ... +-e_3 in 10-D: equal variance along three axes, none elsewhere.
    even = torch.cat([torch.eye(10)[:3], -torch.eye(10)[:3]]).double()
    assert effective_dimensions(even) == pytest.approx(3.0)
    assert effective_dimensions(even @ rotation) == pytest.approx(3.0)
    # Stretching one of them (std 10 against 1) leaves little more than one direction.
    assert effective_dimensions(even * torch.tensor([10.0, 1, 1] + [0] * 7)) < 1.1
    # Sampling noise spreads an isotropic Gaussian's eigenvalues: about d / (1 + d/n).
    gaussian = torch.randn(400, 100, generator=g)
    assert effective_dimensions(gaussian) == pytest.approx(100 / (1 + 100 / 400), rel=0.05)
    # The same total variance along 4 directions only (rotated, so no axis is empty).
    flat = torch.randn(400, 4, generator=g) @ rotation[:4].float() * (10 / 4) ** 0.5
    assert effective_dimensions(flat) < 4.0 < 9.0 < effective_dimensions(torch.randn(400, 10, generator=g))


def test_a_code_generator_narrower_than_its_code_spans_a_subspace():
    """CG's hidden layer is twice its input: with noise 4 its 20-D codes span 8 directions (the
    same in train and eval mode, batch norm being affine per unit), with noise 16 all 20."""
    torch.manual_seed(0)
    noise = torch.randn(300, 16)
    narrow, wide = CodeGenerator(4, 20), CodeGenerator(16, 20)
    assert spanned_dimensions(narrow(noise[:, :4])) == 8
    assert spanned_dimensions(narrow.eval()(noise[:, :4])) == 8
    assert spanned_dimensions(wide(noise)) == 20
    assert spanned_dimensions(torch.randn(10, 20)) == 9  # n codes span at most n - 1
    assert whitening(narrow(noise[:, :4])) is None and whitening(wide(noise)) is not None


def test_the_report_names_runs_whose_prior_lies_in_a_subspace():
    rows = [{"method": "learned_prior", "code size": 100, "seed": 0, "points": 360,
             "prior_spanned_dimensions": 32},
            {"method": "aae", "code size": 100, "seed": 0, "points": 360, "prior_spanned_dimensions": 100},
            {"method": "aae", "code size": 2000, "seed": 0, "points": 500, "prior_spanned_dimensions": 499},
            {"method": "learned_prior", "code size": 16, "seed": 1}]  # trained before the diagnostic
    paragraph = _subspace_priors(pd.DataFrame(rows))
    assert "learned_prior, code 100, seed 0: 32 of 100" in paragraph
    assert "aae, code" not in paragraph
    assert _subspace_priors(pd.DataFrame(rows[1:])) == ""


def test_the_report_names_runs_whose_learned_prior_collapsed():
    # Measured values (ours on CIFAR-10 at 8,000 steps, on Fashion-MNIST at 100-D, the AAE), then
    # two made-up priors either side of the bound, and a run older than the diagnostic.
    rows = [{"method": "learned_prior", "code size": 64, "seed": 0, "prior_effective_dimensions": 2.3,
             "prior_spanned_dimensions": 64},
            {"method": "learned_prior", "code size": 100, "seed": 0, "prior_effective_dimensions": 8.6,
             "prior_spanned_dimensions": 32},
            {"method": "aae", "code size": 64, "seed": 0, "prior_effective_dimensions": 56.5,
             "prior_spanned_dimensions": 64},
            {"method": "vampprior", "code size": 64, "seed": 0, "prior_effective_dimensions": 4.5,
             "prior_spanned_dimensions": 64},   # 0.07 of its span: named
            {"method": "vampprior", "code size": 64, "seed": 1, "prior_effective_dimensions": 6.4,
             "prior_spanned_dimensions": 64},   # at the bound: not named
            {"method": "learned_prior", "code size": 16, "seed": 1}]  # trained before the diagnostic
    paragraph = _collapsed_priors(pd.DataFrame(rows))
    assert "learned_prior, code 64, seed 0: 2.3 of 64" in paragraph
    assert "vampprior, code 64, seed 0: 4.5 of 64" in paragraph and "seed 1" not in paragraph
    assert "code 100" not in paragraph and "aae" not in paragraph
    assert _collapsed_priors(pd.DataFrame([rows[i] for i in (1, 2, 4, 5)])) == ""


def test_code_diagnostics_read_the_moments_and_the_critic():
    g = torch.Generator().manual_seed(0)
    prior, encoder = torch.randn(400, 4, generator=g), 0.5 * torch.randn(400, 4, generator=g) + 1
    labels = torch.zeros(400, dtype=torch.long)
    sample = CodeSample(encoder, prior, labels, critic=lambda codes, _: -(codes - 1).norm(dim=1) + 1.0)
    result = code_diagnostics(sample)
    assert result["two_sample_accuracy"] > 0.85 and result["two_sample_accuracy_splits_mean"] > 0.85
    assert result["two_sample_accuracy_splits_sd"] > 0
    assert result["mean_shift"] == pytest.approx(1.0, abs=0.15)
    assert result["log_std_ratio"] == pytest.approx(abs(torch.tensor(0.5).log().item()), abs=0.15)
    # This critic calls codes near 1 real: it mistakes the encoder's codes for prior ones.
    assert result["heldout_code_d_accuracy"] < 0.5
    assert result["encoder_effective_dimensions"] == pytest.approx(4.0, rel=0.1)
    assert result["prior_effective_dimensions"] == pytest.approx(4.0, rel=0.1)
    assert result["prior_spanned_dimensions"] == 4
    assert "code_d_real_shuffled_label" not in result


def test_supervised_code_discriminator_reads_the_label():
    raw = tiny_raw()
    raw["network"].update(code_size=16, noise_size=16)
    model = build_model(lconf.from_dict(raw), "learned_prior_supervised").eval()
    codes = torch.randn(16, model.net_config.code_size)
    labels = torch.arange(16) % 10
    assert not torch.allclose(model.code_critic(codes, labels), model.code_critic(codes, (labels + 1) % 10))
    sample = model.code_sample(torch.rand(16, 1, 16, 16) * 2 - 1, labels, torch.Generator().manual_seed(0))
    assert sample.conditional_critic
    assert {"code_d_real_own_label", "code_d_real_shuffled_label"} <= set(code_diagnostics(sample))


def test_the_label_part_of_an_s_z_prior_is_told_apart_on_its_own():
    """Against a prior [one-hot s, z], an encoder whose z matches and whose label part is only
    near one-hot: the label part is told apart, z is not, and the whole code reports the label."""
    g = torch.Generator().manual_seed(0)
    labels = torch.randint(0, 10, (600,), generator=g)
    one_hot = torch.nn.functional.one_hot(labels, 10).float()
    prior = torch.cat([one_hot, torch.randn(600, 6, generator=g)], 1)
    soft = torch.softmax(4 * one_hot + torch.randn(600, 10, generator=g), 1)
    encoder = torch.cat([soft, torch.randn(600, 6, generator=g)], 1)
    result = code_diagnostics(CodeSample(encoder, prior, labels, label_dimensions=10), two_sample_steps=200)
    assert result["z_part_two_sample_accuracy"] < 0.6 < 0.9 < result["label_part_two_sample_accuracy"]
    assert result["z_part_two_sample_accuracy"] < result["two_sample_accuracy_splits_mean"]
    assert "z_part_two_sample_accuracy" not in code_diagnostics(CodeSample(encoder, prior, labels),
                                                                two_sample_steps=20)


@pytest.mark.parametrize("method, label_dimensions", [("aae_supervised", 10), ("aae_unsupervised", 10),
                                                      ("learned_prior_supervised", 0)])
def test_only_a_prior_used_directly_has_a_label_part(method, label_dimensions):
    raw = tiny_raw()
    raw["network"].update(code_size=16, noise_size=16)
    model = build_model(lconf.from_dict(raw), method).eval()
    sample = model.code_sample(torch.rand(8, 1, 16, 16) * 2 - 1, torch.arange(8),
                               torch.Generator().manual_seed(0))
    assert sample.label_dimensions == label_dimensions
    if label_dimensions:  # the prior's label part is its one-hot s
        assert set(sample.prior[:, :label_dimensions].unique().tolist()) == {0.0, 1.0}


def test_recalibrated_batch_norm_holds_the_plain_average_of_the_batches():
    norm = torch.nn.BatchNorm1d(3)
    norm.running_mean.fill_(5.0)
    batches = [torch.randn(8, 3) + i for i in range(4)]
    recalibrate_batch_norm(norm, batches)
    torch.testing.assert_close(norm.running_mean, torch.stack([b.mean(0) for b in batches]).mean(0))
    assert norm.momentum == 0.1  # restored


def test_gans_have_no_code_diagnostics(tmp_path):
    config = lconf.from_dict(tiny_raw())
    data = load_dataset(config.data, "train")
    train_run(config, "dcgan", data, tmp_path, tmp_path / "model.pt", heldout=load_dataset(config.data, "test"))
    assert lio.read_json(tmp_path / "diagnostics.json") == {"applicable": False}


def tiny_aae_runs(forms: dict, code_size: int, make_dir, steps: int = 300, seed: int = 0) -> dict:
    """The AAE on the bundled digits (16 px, width 8), ``steps`` steps, once per form (a dict of
    AAE options), each in a folder from ``make_dir(form)``: its diagnostics, per form (also
    docs/measurements/default-budget-2026-12-05/tiny.py's runs)."""
    raw = tiny_raw(seeds=[seed])
    raw["network"].update(width=8, code_size=code_size, noise_size=16, code_discriminator_widths=[64, 32])
    raw["training"].update(steps=steps, batch_size=64, checkpoint_every=10_000, log_every=100)
    raw["evaluation"]["two_sample_steps"] = TWO_SAMPLE_STEPS  # the numbers below were measured so
    data, heldout = (load_dataset(lconf.from_dict(raw).data, split) for split in ("train", "test"))
    defaults = dict(raw["models"].get("aae", {}))
    runs = {}
    for form, options in forms.items():
        raw["models"]["aae"] = defaults | options
        out = make_dir(form)
        provenance = train_run(lconf.from_dict(raw), "aae", data, out, out / "model.pt", heldout=heldout)
        runs[form] = provenance["diagnostics"]
    return runs


#: The default form and Algorithm 1's literal one (the encoder's one joint update, no R1 on D_C, no
#: spread head), as AAE options.
LITERAL_AND_DEFAULT = {"default": {}, "literal": {"regularization": "joint", "code_gradient_penalty": 0.0,
                                                  "code_spread_weight": 0.0}}


@pytest.fixture(scope="module")
def regularisation_runs(tmp_path_factory):
    """16-D codes, in the default form, in Algorithm 1's literal one and with the Gaussian
    posterior: the smallest case where they differ clearly (about 30 s in all)."""
    return tiny_aae_runs(LITERAL_AND_DEFAULT | {"gaussian": {"reparameterize": True}}, 16,
                         tmp_path_factory.mktemp)


def test_default_regularisation_keeps_d_c_from_winning_and_matches_the_spread(regularisation_runs):
    default, literal = regularisation_runs["default"], regularisation_runs["literal"]
    # Measured on this case (seed 0, 300 steps, one thread): D_C's held-out accuracy 0.70 vs
    # 0.97, mean |log std ratio| per dimension 0.50 vs 1.34 (without the spread head: 0.67,
    # 0.46). A fresh classifier still separates both at this tiny budget (0.99, 0.98); the
    # default run's numbers are in the README.
    assert default["heldout_code_d_accuracy"] < 0.8 < 0.9 < literal["heldout_code_d_accuracy"]
    assert default["log_std_ratio"] < 0.7 < 1.0 < literal["log_std_ratio"]


def test_two_sample_accuracy_falls_where_the_codes_reach_the_prior(regularisation_runs):
    # Measured on this case (seed 0, 300 steps, one thread): 0.66 with the Gaussian posterior
    # (codes mostly noise, D_C at 0.50), 0.98 literal, 0.99 default; at this budget only the noisy codes
    # reach the prior (the test below trains the same case longer).
    gaussian, literal = regularisation_runs["gaussian"], regularisation_runs["literal"]
    assert gaussian["two_sample_accuracy"] < 0.85 < 0.95 < literal["two_sample_accuracy"]
    assert gaussian["heldout_code_d_accuracy"] < 0.6


def test_default_regularisation_brings_the_codes_to_the_prior_where_the_literal_form_does_not(tmp_path):
    # Issue 10's target is a two-sample accuracy of at most 0.70; the default form gets there
    # in this tiny case by 2,400 steps, not by 1,200. Measured (one thread, ten-split means): the
    # default 0.605 (seed 0) and 0.661 (seed 1), the literal form 0.939 and 0.966; at 1,200 steps
    # 0.81-0.91 against 0.97 (docs/measurements/default-budget-2026-12-05, tiny.py). The bounds
    # leave 0.09-0.15 to other CPUs, whose runs take other paths. About 2 min on one thread.
    runs = tiny_aae_runs(LITERAL_AND_DEFAULT, 16, lambda form: tmp_path / form, steps=2400)
    default, literal = (runs[form]["two_sample_accuracy_splits_mean"] for form in ("default", "literal"))
    assert default < 0.75 < 0.85 < literal


def test_the_spread_head_lets_large_codes_spread_over_more_directions(tmp_path):
    # At 100-D a deterministic encoder's codes fill a few directions (the default digits, 800 and
    # 2,000 steps: about 8 of the prior's 78); D_C tells them from prior codes (0.97-0.98 held
    # out), yet its per-code gradient does not spread them. With D_C's spread head the encoder
    # does. Measured on this case (seed 0): 2.2 effective dimensions without the head, 8.6
    # with it (docs/measurements/batch-feature-2026-12-02).
    forms = {"plain": {"code_spread_weight": 0.0}, "head": {"code_spread_weight": 0.1}}
    runs = tiny_aae_runs(forms, 100, lambda form: tmp_path / form)
    assert runs["plain"]["prior_effective_dimensions"] > 70
    spread = {form: d["encoder_effective_dimensions"] for form, d in runs.items()}
    assert spread["head"] > 2 * spread["plain"]


def test_the_report_names_runs_whose_codes_fill_too_few_directions():
    rows = [{"method": "aae", "code size": 100, "seed": 0, "encoder_effective_dimensions": 8.6,
             "prior_effective_dimensions": 77.8},
            {"method": "aae", "code size": 16, "seed": 0, "encoder_effective_dimensions": 14.4,
             "prior_effective_dimensions": 15.1},
            {"method": "learned_prior", "code size": 16, "seed": 1}]  # trained before the diagnostic
    paragraph = _narrow_codes(pd.DataFrame(rows))
    assert "aae, code 100, seed 0: 8.6 of 77.8" in paragraph and "code 16" not in paragraph
    assert _narrow_codes(pd.DataFrame(rows[1:])) == ""


def test_the_monitor_sees_a_prior_collapse_that_per_dimension_stds_hide():
    """A prior squeezed onto 2 of 16 directions, then rescaled per dimension as CG's output batch
    norm does: every dimension's std is 1, as for N(0, I), and only the effective share tells."""
    g = torch.Generator().manual_seed(0)
    rotation, _ = torch.linalg.qr(torch.randn(16, 16, generator=g))
    collapsed = torch.randn(500, 2, generator=g) @ rotation[:2]
    collapsed = (collapsed - collapsed.mean(0)) / collapsed.std(0)
    spread = torch.randn(500, 16, generator=g)
    row = monitor(CodeSample(spread, collapsed, torch.zeros(500, dtype=torch.long)))
    assert row["prior_code_std"] == pytest.approx(1.0)
    assert row["prior_effective_share"] == pytest.approx(effective_dimensions(collapsed) / 16)
    assert row["prior_effective_share"] < 0.2 < 0.8 < row["encoder_effective_share"]
