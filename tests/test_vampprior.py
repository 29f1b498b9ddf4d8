"""VampPrior: the mixture prior and its sampler."""

import math

import pytest
import torch

from lpaae import config as lconf
from lpaae.runs import build_model

from conftest import tiny_raw


def make_vampprior(k=5):
    raw = tiny_raw()
    raw["models"].setdefault("vampprior", {}).update(pseudo_inputs=k, pseudo_input_init_std=0.5)
    torch.manual_seed(0)
    return build_model(lconf.from_dict(raw), "vampprior").double()


@torch.no_grad()
def test_log_prior_equals_brute_force_uniform_mixture():
    model = make_vampprior(k=5)
    z = torch.randn(7, model.net_config.code_size, dtype=torch.float64)
    means, log_vars = model.mixture_components()
    brute = torch.zeros(7, dtype=torch.float64)
    for i in range(7):
        density = 0.0
        for k in range(5):
            normal = torch.distributions.Normal(means[k], (0.5 * log_vars[k]).exp())
            density += normal.log_prob(z[i]).sum().exp() / 5
        brute[i] = math.log(density)
    torch.testing.assert_close(model.log_prior(z), brute)


def test_pseudo_inputs_are_encoded_with_running_statistics_and_leave_them_unchanged():
    model = make_vampprior()
    buffers = {k: v.clone() for k, v in model.encoder.named_buffers()}
    model.log_prior(torch.randn(3, model.net_config.code_size, dtype=torch.float64))
    assert model.encoder.training  # restored
    assert all(torch.equal(v, buffers[k]) for k, v in model.encoder.named_buffers())


def test_sampler_draws_a_component_then_a_code_around_its_mean():
    model = make_vampprior(k=3)
    means, log_vars = model.mixture_components()
    zero_noise = torch.zeros(300, model.net_config.code_size, dtype=torch.float64)
    codes = model.codes_from_noise(zero_noise, torch.Generator().manual_seed(0))
    # With zero noise every code is exactly one component's mean; all components get drawn.
    hits = (codes.unsqueeze(1) == means.unsqueeze(0)).all(-1)
    assert hits.any(1).all()
    counts = hits.sum(0)
    assert (counts > 60).all(), counts  # uniform over 3 components: about 100 each

    unit_noise = torch.ones(1, model.net_config.code_size, dtype=torch.float64)
    code = model.codes_from_noise(unit_noise, torch.Generator().manual_seed(0))
    k = torch.randint(3, (1,), generator=torch.Generator().manual_seed(0))
    torch.testing.assert_close(code[0], means[k[0]] + (0.5 * log_vars[k[0]]).exp())


def test_vae_kl_warmup_rises_linearly_and_caps_at_one():
    raw = tiny_raw()
    raw["models"]["vae"]["warmup_steps"] = 4
    vae = build_model(lconf.from_dict(raw), "vae")
    assert [vae.kl_weight(s) for s in range(6)] == [0.25, 0.5, 0.75, 1.0, 1.0, 1.0]


def test_calibrated_pixel_likelihood_is_the_gaussian_nll_at_the_mle_variance():
    raw = tiny_raw()
    raw["models"].setdefault("vae", {})["pixel_likelihood"] = "calibrated"
    model = build_model(lconf.from_dict(raw), "vae")
    x, x_rec = torch.rand(3, 1, 4, 4), torch.rand(3, 1, 4, 4, requires_grad=True)
    nll, variance = model.reconstruction_nll(x_rec, x)
    mse = (x_rec - x).pow(2).mean()
    torch.testing.assert_close(variance, mse.detach())
    per_image = [((x_rec[i] - x[i]) ** 2 / (2 * mse) + 0.5 * torch.log(mse)).sum() for i in range(3)]
    torch.testing.assert_close(nll, sum(per_image) / 3)
    # Its gradient is that of pixels/2 * log(MSE), the NLL minimised over the variance.
    (grad,) = torch.autograd.grad(nll, x_rec)
    (expected,) = torch.autograd.grad(8 * torch.log((x_rec - x).pow(2).mean()), x_rec)
    torch.testing.assert_close(grad, expected)
    raw["models"].setdefault("vae", {})["pixel_likelihood"] = "fixed"
    fixed = build_model(lconf.from_dict(raw), "vae")
    torch.testing.assert_close(fixed.reconstruction_nll(x_rec, x)[0], (x_rec - x).pow(2).sum() / 3)


def test_data_start_copies_distinct_training_images_and_leaves_the_run_stream_alone(tmp_path):
    from lpaae.data import load_dataset
    raw = tiny_raw()
    raw["models"].setdefault("vampprior", {}).update(pseudo_inputs=5, pseudo_input_init="data")
    config = lconf.from_dict(raw)
    data = load_dataset(config.data, "train")
    model = build_model(config, "vampprior")
    global_stream = torch.get_rng_state()
    model.initialize(data, torch.Generator().manual_seed(3))
    assert torch.equal(torch.get_rng_state(), global_stream)  # draws only from its own generator
    starts = model.pseudo_inputs()
    chosen = torch.randperm(len(data), generator=torch.Generator().manual_seed(3))[:5]
    torch.testing.assert_close(starts, data.batch(chosen) * 0.999)
    assert len({tuple(u.flatten().tolist()) for u in starts}) == 5
    # Inside hardtanh's open interval, so the pixels that start at its bounds (the background)
    # get a gradient too; at the bounds exactly they would get none.
    model.log_prior(torch.randn(4, model.net_config.code_size)).sum().backward()
    at_bounds = data.batch(chosen).abs() == 1
    assert at_bounds.float().mean() > 0.3
    assert (model.pseudo_input_params.grad[at_bounds] != 0).float().mean() > 0.5

    raw["models"]["vampprior"]["pseudo_input_init"] = "noise"
    noise_model = build_model(lconf.from_dict(raw), "vampprior")
    before = noise_model.pseudo_input_params.clone()
    noise_model.initialize(data, torch.Generator().manual_seed(3))
    assert torch.equal(noise_model.pseudo_input_params, before)


def test_unknown_pseudo_input_start_is_named():
    raw = tiny_raw()
    raw["models"].setdefault("vampprior", {})["pseudo_input_init"] = "zeros"
    with pytest.raises(lconf.ConfigError, match="pseudo_input_init"):
        build_model(lconf.from_dict(raw), "vampprior")


def test_training_starts_the_pseudo_inputs_from_training_images(tmp_path):
    from lpaae.data import load_dataset
    from lpaae.training import load_trained, train_run
    config = lconf.from_dict(tiny_raw())  # 6 steps
    data = load_dataset(config.data, "train")
    train_run(config, "vampprior", data, tmp_path, tmp_path / "model.pt")
    pseudo_inputs = load_trained(tmp_path / "model.pt").pseudo_inputs()
    # Distinct images, not the "noise" start's near-copies (per-pixel spread 0.01 across K).
    assert pseudo_inputs.std(0).mean() > 0.2
