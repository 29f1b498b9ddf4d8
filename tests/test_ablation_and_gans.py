"""Issue 3's pieces: ablation switches, the re-parameterised AAE, the GAN objectives, Table 2/3."""

import pandas as pd
import pytest
import torch

from baselines.gans import GANOptions
from lpaae import config as lconf
from lpaae.config import ConfigError
from lpaae.losses import (gradient_penalty, least_squares_discriminator_loss,
                          least_squares_generator_loss, squared_error, wasserstein_critic_loss,
                          wasserstein_generator_loss)
from lpaae.phases import image_gan_phase
from lpaae.training import load_trained, save_trained
from lpaae.runs import build_model
from lpaae.runs import resolve
from lpaae.runs import table3_ablations
from lpaae.scores import summarize_seeds
from lpaae.tables import table2

from conftest import changed, clone_params, tiny_raw


def test_least_squares_losses_match_their_formulas():
    real, fake = torch.tensor([1.0, 0.0]), torch.tensor([0.5, -1.0])
    # critic: 1/2 mean((0, -1)^2) + 1/2 mean((0.25, 1)) = 0.25 + 0.3125
    assert least_squares_discriminator_loss(real, fake).item() == pytest.approx(0.5625)
    # generator: 1/2 mean((-0.5)^2, (-2)^2) = 1/2 * 2.125
    assert least_squares_generator_loss(fake).item() == pytest.approx(1.0625)


def test_wasserstein_losses_match_their_formulas():
    real, fake = torch.tensor([2.0, 4.0]), torch.tensor([1.0, -1.0])
    assert wasserstein_critic_loss(real, fake).item() == pytest.approx(0.0 - 3.0)
    assert wasserstein_generator_loss(fake).item() == pytest.approx(0.0)


def test_gradient_penalty_of_a_linear_critic_is_squared_norm_gap():
    w = torch.tensor([3.0, 4.0, 0.0, 0.0]).reshape(1, 4)  # ||w|| = 5
    critic = lambda x: (x.flatten(1) * w).sum(1)  # noqa: E731
    real, fake = torch.randn(6, 1, 2, 2), torch.randn(6, 1, 2, 2)
    penalty = gradient_penalty(critic, real, fake, torch.Generator().manual_seed(0))
    assert penalty.item() == pytest.approx((5.0 - 1.0) ** 2)


def test_gradient_penalty_is_zero_for_a_unit_norm_critic_and_differentiable():
    w = torch.nn.Parameter(torch.tensor([0.6, 0.8]))
    critic = lambda x: (x.flatten(1) * w).sum(1)  # noqa: E731
    penalty = gradient_penalty(critic, torch.randn(4, 2), torch.randn(4, 2),
                               torch.Generator().manual_seed(0))
    assert penalty.item() == pytest.approx(0.0, abs=1e-10)
    w.data.mul_(2)  # ||w|| = 2: penalty 1, gradient 2 (||w|| - 1) w / ||w|| = w
    penalty = gradient_penalty(critic, torch.randn(4, 2), torch.randn(4, 2),
                               torch.Generator().manual_seed(0))
    penalty.backward()
    torch.testing.assert_close(w.grad, w.detach())


def test_without_design_choice_b_the_reconstruction_is_pixel_mse():
    raw = tiny_raw()
    model = resolve(lconf.from_dict(raw), "learned_prior_mse").build()
    x, x_rec = torch.rand(4, 1, 16, 16), torch.rand(4, 1, 16, 16)
    torch.testing.assert_close(model.reconstruction_loss(x_rec, x), squared_error(x_rec, x))
    assert not model.options.decoder_in_prior_phase


@pytest.mark.parametrize("method", ["aae", "learned_prior", "learned_prior_unsupervised"])
def test_reparameterised_encoder_samples_with_the_encoder_mean_and_variance(method):
    raw = tiny_raw()
    raw["network"]["code_size"] = 12  # room for the conditional prior's 10 categories
    model_name = raw["variants"].get(method, {}).get("model", method)
    raw.setdefault("models", {}).setdefault(model_name, {})["reparameterize"] = True
    model = resolve(lconf.from_dict(raw), method).build()
    code = model.net_config.code_size
    mean = torch.linspace(-2, 2, code)
    log_var = torch.linspace(-1.5, 1.0, code)
    model.encoder.forward = lambda x: torch.cat([mean, log_var]).expand(x.shape[0], -1)
    codes = model.encode(torch.zeros(40_000, 1, 16, 16), torch.Generator().manual_seed(0))
    torch.testing.assert_close(codes.mean(0), mean, atol=0.03, rtol=0)
    torch.testing.assert_close(codes.var(0), log_var.exp(), atol=0.0, rtol=0.03)


@pytest.mark.parametrize("method", ["aae", "learned_prior"])
def test_plain_encoder_is_deterministic(method):
    model = build_model(lconf.from_dict(tiny_raw()), method).eval()
    x = torch.rand(3, 1, 16, 16)
    g = torch.Generator().manual_seed(0)
    state = g.get_state()
    torch.testing.assert_close(model.encode(x, g), model.encode(x, g))
    assert torch.equal(g.get_state(), state)  # draws nothing: a run's random stream is unchanged


@pytest.mark.parametrize("method", ["dcgan", "lsgan", "wgan_gp"])
def test_gan_step_updates_generator_and_critic(method):
    model = build_model(lconf.from_dict(tiny_raw()), method)
    before = {n: clone_params(getattr(model, n)) for n in ["decoder", "image_discriminator"]}
    n = 8 * model.batches_per_step
    model.training_step(torch.rand(n, 1, 16, 16) * 2 - 1, torch.zeros(n, dtype=torch.long), 0,
                        torch.Generator().manual_seed(0))
    assert all(changed(getattr(model, n), before[n]) for n in before)


def test_wgan_gp_takes_five_critic_steps_per_generator_step_each_on_fresh_real_images():
    model = build_model(lconf.from_dict(tiny_raw()), "wgan_gp")
    assert model.batches_per_step == 5
    steps = {"decoder": 0, "image_discriminator": 0}
    for key in steps:
        model.optimizers[key].register_step_post_hook(
            lambda *args, key=key: steps.__setitem__(key, steps[key] + 1))
    seen = []
    model.image_discriminator.register_forward_pre_hook(lambda m, args: seen.append(args[0]))
    x = torch.rand(40, 1, 16, 16) * 2 - 1
    model.training_step(x, torch.zeros(40, dtype=torch.long), 0, torch.Generator().manual_seed(0))
    assert steps == {"decoder": 1, "image_discriminator": 5}
    real_seen = [b for b in seen if any(torch.equal(b, chunk) for chunk in x.chunk(5))]
    assert len(real_seen) == 5  # each of the five real batches, once
    assert all(not torch.equal(a, b) for i, a in enumerate(real_seen) for b in real_seen[i + 1:])


@pytest.mark.parametrize("method, image_lr", [("learned_prior", 8e-4), ("dcgan", 8e-4),
                                              ("lsgan", 8e-4), ("wgan_gp", 1e-4)])
def test_d_i_learns_at_its_own_rate_beside_the_generator_and_d_c(method, image_lr):
    # A two time-scale update for the 1:1 games (D_I at four times the generator's rate);
    # WGAN-GP keeps Gulrajani et al.'s equal rates and five critic steps.
    model = build_model(lconf.from_dict(tiny_raw()), method)
    rates = {key: opt.param_groups[0]["lr"] for key, opt in model.optimizers.items()}
    assert rates["image_discriminator"] == pytest.approx(image_lr)
    assert rates["decoder"] == pytest.approx(model.options.lr)
    assert set(model.optimizers["image_discriminator"].param_groups[0]["params"]) == set(
        model.image_discriminator.parameters())
    if method == "learned_prior":
        assert rates["code_discriminator"] == pytest.approx(2e-4)


def test_a_gan_has_no_code_discriminator_rate_to_set():
    with pytest.raises(ConfigError, match="'models.dcgan.lr_discriminator' is not an option"):
        lconf.options_from(GANOptions, {"lr_discriminator": 1e-3}, "models.dcgan")


@pytest.mark.parametrize("method", ["dcgan", "learned_prior"])
def test_a_model_saved_before_d_i_had_its_own_rate_loads_with_the_rate_it_trained_at(method, tmp_path):
    model = build_model(lconf.from_dict(tiny_raw()), method)
    save_trained(model, tmp_path / "model.pt", {})
    saved = torch.load(tmp_path / "model.pt", weights_only=False)
    del saved["options"]["lr_image_discriminator"]  # as written before 9ad33e5
    saved["options"]["lr_discriminator"] = 2e-4
    torch.save(saved, tmp_path / "model.pt")
    assert load_trained(tmp_path / "model.pt").options.lr_image_discriminator == 2e-4


class MeanCritic(torch.nn.Module):
    """A critic whose logit is an image's mean pixel (times a weight it can learn)."""

    def __init__(self):
        super().__init__()
        self.weight = torch.nn.Parameter(torch.ones(()))

    def forward(self, x):
        return self.weight * x.flatten(1).mean(1), x.flatten(1)


def mean_critic_round(objective, **options):
    """One :func:`image_gan_phase` round of a :class:`MeanCritic` (nothing learns: rate 0) on two
    real images of constant pixels 0.3 and -0.2 and two fakes of -1.0 and 0.6: its logits are
    those values."""
    real = torch.tensor([0.3, -0.2]).view(2, 1, 1, 1).expand(2, 1, 4, 4)
    fake = torch.nn.Parameter(torch.tensor([-1.0, 0.6]).view(2, 1, 1, 1).expand(2, 1, 4, 4).clone())
    critic = MeanCritic()
    optimizers = {"image_discriminator": torch.optim.SGD(critic.parameters(), lr=0.0),
                  "generator": torch.optim.SGD([fake], lr=0.0)}
    return image_gan_phase(generate=lambda: fake * 1, image_discriminator=critic,
                           optimizers=optimizers, generator_keys=["generator"], x=real,
                           objective=objective, **options)


@pytest.mark.parametrize("objective, accuracy", [("standard", 0.5), ("least_squares", 0.25),
                                                 ("wasserstein", None)])
def test_image_d_accuracy_is_the_balanced_accuracy_at_the_objectives_threshold(objective, accuracy):
    # At the standard threshold 0: one real and one fake called right, 0.5. At LSGAN's 0.5: no
    # real, one fake, 0.25. A Wasserstein critic has no threshold: no accuracy is logged.
    losses = mean_critic_round(objective)
    if accuracy is None:
        assert "image_d_accuracy" not in losses
    else:
        assert losses["image_d_accuracy"].item() == pytest.approx(accuracy)


def test_image_d_loss_is_the_critics_whole_objective_gradient_penalty_included():
    # The mean critic's gradient is 1/16 per pixel of a 4x4 image: norm 1/4, penalty (1/4 - 1)^2.
    # Wasserstein loss: mean fake logit (-0.2) minus mean real logit (0.05).
    losses = mean_critic_round("wasserstein", gradient_penalty_weight=10.0,
                               rng=torch.Generator().manual_seed(0))
    assert losses["image_d_loss"].item() == pytest.approx(-0.25 + 10 * 0.75 ** 2)


def test_wgan_gp_critic_has_no_batch_norm_and_scores_each_example_alone():
    model = build_model(lconf.from_dict(tiny_raw()), "wgan_gp")
    critic = model.image_discriminator
    assert not any(isinstance(m, torch.nn.modules.batchnorm._BatchNorm) for m in critic.modules())
    x = torch.rand(6, 1, 16, 16) * 2 - 1
    torch.testing.assert_close(critic(x)[0][:1], critic(x[:1])[0])  # independent of the batch
    dcgan = build_model(lconf.from_dict(tiny_raw()), "dcgan")  # the paper's D_I keeps its BN
    assert any(isinstance(m, torch.nn.BatchNorm2d) for m in dcgan.image_discriminator.modules())


def test_table3_ablations_read_the_switches():
    choices = table3_ablations(lconf.from_dict(tiny_raw()))
    assert choices == {"aae": (False, False, False), "learned_prior_mse": (True, False, False),
                       "learned_prior_perceptual": (True, True, False),
                       "learned_prior": (True, True, True)}


def test_table3_reads_design_choice_a_from_the_code_generator_option():
    raw = tiny_raw()
    raw["variants"]["learned_prior_no_cg"] = {
        "model": "learned_prior",
        "options": {"code_generator": False, "perceptual_loss": False, "decoder_in_prior_phase": False}}
    raw["experiments"]["table3"]["methods"] = ["learned_prior_no_cg", "learned_prior_mse",
                                               "learned_prior_perceptual", "learned_prior"]
    assert table3_ablations(lconf.from_dict(raw))["learned_prior_no_cg"] == (False, False, False)
    # Without any run having A, Table 3's "+A" row is missing and the message names the option.
    raw["experiments"]["table3"]["methods"] = ["aae", "learned_prior_no_cg"]
    with pytest.raises(ConfigError, match="code_generator: true, perceptual_loss: false"):
        table3_ablations(lconf.from_dict(raw))


def test_table3_rejects_a_method_outside_the_ablation():
    raw = tiny_raw()
    raw["experiments"]["table3"]["methods"].append("vae")
    with pytest.raises(ConfigError, match="'vae' is not a step of Table 3"):
        table3_ablations(lconf.from_dict(raw))


def test_table3_rows_share_the_encoders_posterior():
    raw = tiny_raw()
    raw["experiments"]["table3"]["methods"][0] = "aae_reparameterized"
    with pytest.raises(ConfigError, match="must share option 'reparameterize'"):
        table3_ablations(lconf.from_dict(raw))
    raw["models"] = {"learned_prior": {"reparameterize": True}}
    assert table3_ablations(lconf.from_dict(raw))["aae_reparameterized"] == (False, False, False)


def test_table3_rows_share_the_code_discriminators_spread_head():
    raw = tiny_raw()
    raw["models"] = {"learned_prior": {"code_spread_weight": 0.0}}
    with pytest.raises(ConfigError, match="must share option 'code_spread_weight'"):
        table3_ablations(lconf.from_dict(raw))
    raw["models"]["aae"] = {"code_spread_weight": 0.0}
    assert table3_ablations(lconf.from_dict(raw))["aae"] == (False, False, False)


def test_table2_keeps_cited_began_row_without_a_measurement():
    scores = summarize_seeds(pd.DataFrame([{"method": "dcgan", "model": "dcgan",
                                            "dataset": "digits", "code_size": 16,
                                            "extractor": "classifier", "is_mean": 3.0,
                                            "is_std": 0.1}]))
    table = table2(scores, None).set_index("method")
    assert pd.isna(table.loc["began", "is_mean"]) and table.loc["began", "paper_is"] == 5.62
    assert table.loc["dcgan", "paper_source"] == "cited"
    assert table.loc["dcgan", "difference"] == pytest.approx(3.0 - 6.16)


@pytest.mark.parametrize("method", ["learned_prior", "dcgan", "lsgan", "wgan_gp"])
def test_image_minibatch_std_reaches_every_image_discriminator(method):
    raw = tiny_raw()
    assert not build_model(lconf.from_dict(raw), method).image_discriminator.reads_minibatch_std
    raw["models"][method] = {"image_minibatch_std": True}
    assert build_model(lconf.from_dict(raw), method).image_discriminator.reads_minibatch_std
