"""Each phase of Algorithm 1 updates exactly the networks the algorithm names."""

import copy

import pytest
import torch

from lpaae import config as lconf
from lpaae.losses import discriminator_loss, generator_loss, r1_penalty, squared_error
from lpaae.phases import aae_phase, prior_improvement_phase
from lpaae.runs import build_model

from conftest import changed, clone_params, tiny_raw

NETWORKS = ["encoder", "decoder", "code_generator", "image_discriminator", "code_discriminator"]


def make_model(**options):
    raw = tiny_raw()
    raw["models"].setdefault("learned_prior", {}).update(options)
    model = build_model(lconf.from_dict(raw), "learned_prior")
    torch.manual_seed(0)
    return model, torch.rand(8, 1, 16, 16) * 2 - 1


def seeded_model(method, **options):
    """``method`` built right after ``torch.manual_seed(0)``: models that differ only in an option
    that builds no network of its own start from the same weights."""
    raw = tiny_raw()
    raw["models"][method] = options
    torch.manual_seed(0)
    return build_model(lconf.from_dict(raw), method)


def snapshot(model):
    return {name: clone_params(getattr(model, name)) for name in NETWORKS}


def updated(model, before):
    return {name for name in NETWORKS if changed(getattr(model, name), before[name])}


def phase_prior_codes(model, x):
    """The prior codes :func:`run_aae_phase` matches the encoder to."""
    with torch.no_grad():
        return model.code_generator(model.noise(len(x), torch.Generator().manual_seed(1)))


def run_aae_phase(model, x, code_noise=None):
    return aae_phase(encode=model.encoder, decoder=model.decoder,
                     code_discriminator=model.code_discriminator, optimizers=model.optimizers, x=x,
                     prior_codes=phase_prior_codes(model, x), reconstruction=model.reconstruction_loss,
                     decoder_weight=model.options.perceptual_weight,
                     regularization=model.options.regularization,
                     code_gradient_penalty=model.options.code_gradient_penalty,
                     spread_weight=model.options.code_spread_weight, code_noise=code_noise)


def run_prior_phase(model, x):
    generator = torch.Generator().manual_seed(2)
    prior_improvement_phase(code_generator=model.code_generator, decoder=model.decoder,
                            image_discriminator=model.image_discriminator,
                            optimizers=model.optimizers, x=x, noise=model.noise(len(x), generator),
                            update_decoder=model.options.decoder_in_prior_phase)


@pytest.mark.parametrize("perceptual_loss", [True, False])
def test_aae_phase_updates_code_discriminator_encoder_and_decoder_only(perceptual_loss):
    model, x = make_model(perceptual_loss=perceptual_loss)
    before = snapshot(model)
    run_aae_phase(model, x)
    assert updated(model, before) == {"code_discriminator", "encoder", "decoder"}


def test_code_gradient_penalty_changes_only_the_code_discriminators_update():
    """R1 enters D_C's loss alone: from the same state, D_C moves differently with it, CG is not
    touched, and the decoder, whose update reads no D_C, moves identically."""
    runs = {}
    for gamma in (0.0, 10.0):
        model, x = make_model(code_gradient_penalty=gamma)
        before = snapshot(model)
        run_aae_phase(model, x)
        runs[gamma] = model
        assert updated(model, before) == {"code_discriminator", "encoder", "decoder"}
    plain, penalised = runs[0.0], runs[10.0]
    assert changed(penalised.code_discriminator, clone_params(plain.code_discriminator))
    # The decoder's update reads no D_C: identical with and without the penalty.
    assert not changed(penalised.decoder, clone_params(plain.decoder))


def test_the_spread_head_trains_beside_the_per_code_head_and_pushes_the_encoder():
    """With code_spread_weight the spread head is updated, the per-code head moves exactly as
    without it (the heads share no parameter, and R1 reads the per-code logits only), and the
    encoder's adversarial update changes; the decoder's, which reads no D_C, does not. (The AAE:
    its D_C is built last, so both models start from the same weights.)"""
    x, labels = torch.rand(8, 1, 16, 16) * 2 - 1, torch.zeros(8, dtype=torch.long)
    runs = {}
    for weight in (0.0, 0.1):
        model = seeded_model("aae", code_spread_weight=weight)
        head = model.code_discriminator.spread_head
        before = clone_params(head) if head is not None else None
        model.training_step(x, labels, 0, torch.Generator().manual_seed(0))
        assert head is None if weight == 0 else changed(head, before)
        runs[weight] = model
    plain, headed = runs[0.0], runs[0.1]
    assert not changed(headed.code_discriminator.net, clone_params(plain.code_discriminator.net))
    assert changed(headed.encoder, clone_params(plain.encoder))
    assert not changed(headed.decoder, clone_params(plain.decoder))


def test_the_spread_head_leaves_every_other_starting_weight_as_it_was():
    # Ours builds its code generator and Q after D_C: the head must not shift their draws.
    weights = {}
    for weight in (0.0, 0.1):
        raw = tiny_raw()
        raw["network"].update(code_size=16, noise_size=16)
        raw["models"]["learned_prior"] = {"code_spread_weight": weight, "condition": "unsupervised"}
        torch.manual_seed(0)
        model = build_model(lconf.from_dict(raw), "learned_prior")
        weights[weight] = {k: v for k, v in model.state_dict().items() if "spread_head" not in k}
    assert weights[0.0].keys() == weights[0.1].keys()
    assert all(torch.equal(weights[0.0][k], weights[0.1][k]) for k in weights[0.0])


def test_prior_improvement_phase_updates_image_discriminator_decoder_and_code_generator_only():
    model, x = make_model()
    before = snapshot(model)
    run_prior_phase(model, x)
    assert updated(model, before) == {"image_discriminator", "decoder", "code_generator"}


def test_prior_phase_leaves_the_decoder_alone_when_design_choice_c_is_off():
    model, x = make_model(decoder_in_prior_phase=False)
    before = snapshot(model)
    run_prior_phase(model, x)
    assert updated(model, before) == {"image_discriminator", "code_generator"}


def test_the_decoders_prior_phase_step_scales_with_decoder_prior_lr_scale():
    """From the same state, the decoder's prior-phase step at scale 0.25 is a quarter of the one
    at scale 1 (Adam's first step is lr * g / (|g| + eps) per weight), and CG's is unchanged."""
    moved, x = {}, torch.rand(8, 1, 16, 16) * 2 - 1
    for scale in (1.0, 0.25):
        model = seeded_model("learned_prior", decoder_prior_lr_scale=scale)
        before = snapshot(model)
        run_prior_phase(model, x)
        moved[scale] = {name: {k: p - before[name][k] for k, p in getattr(model, name).named_parameters()}
                        for name in ("decoder", "code_generator")}
    for k, step in moved[1.0]["decoder"].items():
        torch.testing.assert_close(moved[0.25]["decoder"][k], 0.25 * step, rtol=1e-3, atol=1e-7)
    for k, step in moved[1.0]["code_generator"].items():
        torch.testing.assert_close(moved[0.25]["code_generator"][k], step)


def test_decoder_prior_lr_scale_needs_a_prior_phase_optimiser_of_the_decoders_own():
    raw = tiny_raw()
    raw["models"]["learned_prior"] = {"decoder_prior_lr_scale": 0.1, "regularization": "joint"}
    with pytest.raises(lconf.ConfigError, match="decoder_prior_lr_scale"):
        build_model(lconf.from_dict(raw), "learned_prior")
    # Table 3's variants without C inherit the option and have no decoder update to scale: no
    # error, whatever the regularisation.
    raw["models"]["learned_prior"] = {"decoder_prior_lr_scale": 0.1, "regularization": "joint",
                                      "decoder_in_prior_phase": False}
    assert "decoder_prior" not in build_model(lconf.from_dict(raw), "learned_prior").optimizers


def test_full_training_step_updates_every_network():
    model, x = make_model()
    before = snapshot(model)
    model.training_step(x, torch.zeros(len(x), dtype=torch.long), 0,
                         torch.Generator().manual_seed(0))
    assert updated(model, before) == set(NETWORKS)


@pytest.mark.parametrize("lam", [1.0, 0.25])
def test_decoder_update_is_lambda_times_the_reconstruction_gradient(lam):
    """With plain SGD (lr 1) the decoder moves by exactly -lambda * grad L_rec (Algorithm 1)."""
    model, x = make_model(perceptual_weight=lam, perceptual_loss=False)
    reference = copy.deepcopy(model)
    for key, opt in model.optimizers.items():
        model.optimizers[key] = torch.optim.SGD(opt.param_groups[0]["params"], lr=1.0)
    before = clone_params(model.decoder)

    codes = reference.encoder(x)
    grads = torch.autograd.grad(squared_error(reference.decoder(codes), x),
                                list(reference.decoder.parameters()))
    run_aae_phase(model, x)

    for (name, p), g in zip(model.decoder.named_parameters(), grads):
        torch.testing.assert_close(p, before[name] - lam * g, rtol=1e-5, atol=1e-6)


def test_perceptual_loss_is_eq6_with_batch_statistics_shared_by_both_image_sets():
    model, x = make_model()
    x_rec = torch.rand_like(x) * 2 - 1
    _, features = model.image_discriminator(torch.cat([x_rec, x]))
    f_rec, f_real = features[:len(x)], features[len(x):]
    expected = sum(((f_rec[i] - f_real[i]) ** 2).sum() for i in range(len(x))) / len(x)
    torch.testing.assert_close(model.reconstruction_loss(x_rec, x), expected)
    # Not two passes, each normalised by its own batch statistics.
    separate = ((model.image_discriminator(x_rec)[1] - model.image_discriminator(x)[1]) ** 2).sum(1).mean()
    assert not torch.isclose(model.reconstruction_loss(x_rec, x), separate)


def test_aae_baseline_step_updates_encoder_decoder_and_code_discriminator():
    model = build_model(lconf.from_dict(tiny_raw()), "aae")
    before = {n: clone_params(getattr(model, n)) for n in ["encoder", "decoder", "code_discriminator"]}
    model.training_step(torch.rand(8, 1, 16, 16) * 2 - 1, torch.zeros(8, dtype=torch.long), 0,
                        torch.Generator().manual_seed(0))
    assert all(changed(getattr(model, n), before[n]) for n in before)


def test_separate_regularisation_steps_the_adversarial_gradient_through_its_own_optimiser():
    """With SGD, the reconstruction's optimiser at lr 1 and the adversarial one at lr 0, the
    encoder moves by exactly -grad L_rec: L_GAN^C never reaches the reconstruction's optimiser."""
    model, x = make_model(regularization="separate", perceptual_loss=False)
    reference = copy.deepcopy(model)
    model.optimizers["encoder"] = torch.optim.SGD(model.encoder.parameters(), lr=1.0)
    model.optimizers["encoder_regularization"] = torch.optim.SGD(model.encoder.parameters(), lr=0.0)
    expected = descended(reference.encoder, squared_error(reference.decoder(reference.encoder(x)), x))
    run_aae_phase(model, x)
    assert_parameters(model.encoder, expected)
    assert "encoder_regularization" not in make_model(regularization="joint")[0].optimizers


def plain_code_discriminator_model(regularization, code_gradient_penalty=0.0, regularization_lr=0.0):
    """A model without D_C's spread head, with SGD for D_C and the encoder's reconstruction
    update (lr 1) and for its adversarial update (``regularization_lr``): each update is then
    minus its gradient, which a test can compute by hand."""
    model, x = make_model(regularization=regularization, perceptual_loss=False,
                          code_gradient_penalty=code_gradient_penalty, code_spread_weight=0.0)
    model.optimizers["encoder"] = torch.optim.SGD(model.encoder.parameters(), lr=1.0)
    model.optimizers["encoder_regularization"] = torch.optim.SGD(model.encoder.parameters(),
                                                                 lr=regularization_lr)
    model.optimizers["code_discriminator"] = torch.optim.SGD(model.code_discriminator.parameters(), lr=1.0)
    return model, x


def descended(module, loss):
    """``module``'s parameters after one SGD step at lr 1 on ``loss``."""
    params = dict(module.named_parameters())
    grads = torch.autograd.grad(loss, list(params.values()), allow_unused=True)
    return {name: p.detach() if g is None else (p - g).detach() for (name, p), g in zip(params.items(), grads)}


def load(module, parameters):
    with torch.no_grad():
        for name, p in module.named_parameters():
            p.copy_(parameters[name])


def assert_parameters(module, expected):
    for name, p in module.named_parameters():
        torch.testing.assert_close(p, expected[name], rtol=1e-5, atol=1e-6)


def test_sequential_regularisation_judges_the_codes_of_the_encoder_after_its_reconstruction_step():
    """Makhzani et al.'s order: the encoder moves by -grad L_rec first; D_C then learns from the
    codes of the moved encoder (under "separate" it would learn from the unmoved one's), and the
    encoder's adversarial step is taken at the moved weights against the updated D_C."""
    model, x = plain_code_discriminator_model("sequential", regularization_lr=1.0)
    reference = copy.deepcopy(model)
    enc, d_c = reference.encoder, reference.code_discriminator
    load(enc, descended(enc, squared_error(reference.decoder(enc(x)), x)))
    load(d_c, descended(d_c, discriminator_loss(d_c(phase_prior_codes(reference, x)), d_c(enc(x).detach()))))
    expected_encoder = descended(enc, generator_loss(d_c(enc(x))))
    run_aae_phase(model, x)
    assert_parameters(model.code_discriminator, dict(d_c.named_parameters()))
    assert_parameters(model.encoder, expected_encoder)


@pytest.mark.parametrize("gamma", [0.0, 10.0])
def test_code_noise_reaches_every_code_the_code_discriminator_reads(gamma):
    """D_C learns from the perturbed prior and encoder codes (its R1 penalty taken at the
    perturbed prior codes), and the encoder is judged on its perturbed codes. A fixed shift
    stands in for the noise, so the expected update is exact."""
    model, x = plain_code_discriminator_model("separate", code_gradient_penalty=gamma)
    reference = copy.deepcopy(model)
    shift = lambda codes: codes + 0.7  # noqa: E731
    d_c = reference.code_discriminator
    codes = reference.encoder(x).detach()
    real = shift(phase_prior_codes(reference, x)).requires_grad_(True)
    real_logits = d_c(real)
    loss = discriminator_loss(real_logits, d_c(shift(codes))) + gamma * r1_penalty(real_logits, real)
    expected_d_c = descended(d_c, loss)
    losses = run_aae_phase(model, x, code_noise=shift)
    assert_parameters(model.code_discriminator, expected_d_c)
    torch.testing.assert_close(losses["encoder_adv_loss"],
                               generator_loss(model.code_discriminator(shift(codes))).detach())


@pytest.mark.parametrize("method", ["aae", "learned_prior"])
def test_code_instance_noise_is_gaussian_of_its_standard_deviation_and_reaches_training(method):
    quiet, noisy = seeded_model(method), seeded_model(method, code_instance_noise=0.5)
    assert quiet.code_noise(torch.Generator()) is None
    zeros = torch.zeros(4000, 16)
    drawn = noisy.code_noise(torch.Generator().manual_seed(3))(zeros)
    assert abs(drawn.std().item() - 0.5) < 0.02 and abs(drawn.mean().item()) < 0.02
    x, labels = torch.rand(8, 1, 16, 16) * 2 - 1, torch.zeros(8, dtype=torch.long)
    for model in (quiet, noisy):
        model.training_step(x, labels, 0, torch.Generator().manual_seed(0))
    assert changed(noisy.code_discriminator, clone_params(quiet.code_discriminator))


def test_the_code_generators_code_loss_moves_the_code_generator_alone():
    """code_generator_code_weight adds a term of CG's codes alone: from the same state, CG moves
    differently, the decoder and D_I exactly as without it, and D_C (only read) not at all."""
    x, labels = torch.rand(8, 1, 16, 16) * 2 - 1, torch.zeros(8, dtype=torch.long)
    runs = {}
    for weight in (0.0, 1.0):
        model = seeded_model("learned_prior", code_generator_code_weight=weight)
        losses = model.training_step(x, labels, 0, torch.Generator().manual_seed(0))
        assert ("code_generator_code_loss" in losses) == bool(weight)
        runs[weight] = model
    plain, pulled = runs[0.0], runs[1.0]
    assert changed(pulled.code_generator, clone_params(plain.code_generator))
    for name in ("decoder", "image_discriminator", "code_discriminator", "encoder"):
        assert not changed(getattr(pulled, name), clone_params(getattr(plain, name))), name


@pytest.mark.parametrize("spread_weight", [0.0, 0.1])
def test_encoder_side_loss_is_minus_log_one_minus_d_c(spread_weight):
    model, _ = make_model(code_spread_weight=spread_weight)
    codes = torch.randn(8, model.net_config.code_size)
    with torch.no_grad():
        per_code = -torch.log(1 - torch.sigmoid(model.code_discriminator(codes))).mean()
        expected = per_code
        if spread_weight:
            spread = -torch.log(1 - torch.sigmoid(model.code_discriminator.spread_logit(codes))).mean()
            expected = per_code + spread_weight * spread
    before = clone_params(model.code_discriminator)
    loss = model.encoder_side_loss(codes.requires_grad_(), None)
    torch.testing.assert_close(loss.detach(), expected, rtol=1e-5, atol=1e-6)
    loss.backward()
    assert codes.grad is not None
    assert all(p.grad is None for p in model.code_discriminator.parameters())
    assert not changed(model.code_discriminator, before)


def test_the_code_generators_code_loss_scales_with_its_weight():
    # The first step's term is logged before CG moves, from states that do not depend on it.
    x, labels = torch.rand(8, 1, 16, 16) * 2 - 1, torch.zeros(8, dtype=torch.long)
    logged = {}
    for weight in (1.0, 2.5):
        model = seeded_model("learned_prior", code_generator_code_weight=weight)
        logged[weight] = model.training_step(x, labels, 0, torch.Generator().manual_seed(0))[
            "code_generator_code_loss"]
    torch.testing.assert_close(logged[2.5], 2.5 * logged[1.0])


def test_the_code_generators_code_loss_needs_a_code_generator():
    raw = tiny_raw()
    raw["variants"] = {"aae_supervised": {"model": "learned_prior", "options": {
        "condition": "supervised", "code_generator": False, "code_generator_code_weight": 1.0}}}
    with pytest.raises(lconf.ConfigError, match="code_generator_code_weight"):
        build_model(lconf.from_dict(raw), "aae_supervised")


def test_the_supervised_code_term_pairs_cg_codes_with_cgs_own_s():
    """Supervised, D_C reads (code, s): the code term's D_C call must read CG's latest codes with
    the s CG was given, not the batch's image labels (a wrong pairing would still train,
    silently)."""
    raw = tiny_raw()
    raw["variants"] = {"ours_supervised": {"model": "learned_prior", "options": {
        "condition": "supervised", "categories": 3, "code_generator_code_weight": 1.0}}}
    model = build_model(lconf.from_dict(raw), "ours_supervised")
    given, decoded, read = [], [], []
    prior_input, code_critic = model.prior_input, model.code_critic

    def recording_prior_input(noise, labels=None):
        given.append(labels)
        return prior_input(noise, labels)

    def recording_code_critic(codes, labels):
        read.append((codes, labels))
        return code_critic(codes, labels)
    model.prior_input, model.code_critic = recording_prior_input, recording_code_critic
    model.decoder.register_forward_pre_hook(lambda module, inputs: decoded.append(inputs[0]))
    image_labels = torch.zeros(8, dtype=torch.long)
    model.training_step(torch.rand(8, 1, 16, 16) * 2 - 1, image_labels, 0,
                        torch.Generator().manual_seed(0))
    cg_labels = given[-1]  # the prior phase's s, drawn after the AAE phase
    read_codes, read_labels = read[-1]
    assert not torch.equal(cg_labels, image_labels)
    assert torch.equal(read_labels, cg_labels)
    # The very codes the prior phase decoded (its CG(z, s)), not a second CG pass.
    assert any(read_codes is codes for codes in decoded)
