"""A plain reference implementation of one step of Algorithm 1 (unconditional), for the benchmark.

Straightforward PyTorch, every loss evaluated by its own forward passes just before the update
that uses it, with no reuse of forward passes, no freezing of networks that are not updated
(their gradients are computed and thrown away) and a host sync per loss. It follows the same
update order and losses as :meth:`lpaae.learned_prior.LearnedPriorAAE.training_step`, so both give
the same parameter updates from the same state, batch and random stream (tested); only the cost
differs. It has the "joint" and "separate" forms of the AAE phase on a deterministic encoder
(what the benchmark times), and refuses the options it does not implement.
"""

from __future__ import annotations

import torch

from lpaae.learned_prior import LearnedPriorAAE
from lpaae.losses import discriminator_loss, generator_loss, squared_error


def _zero_all(model: LearnedPriorAAE) -> None:
    for optimizer in model.optimizers.values():
        optimizer.zero_grad()


def reference_step(model: LearnedPriorAAE, x: torch.Tensor, generator: torch.Generator) -> dict[str, float]:
    o, opt = model.options, model.optimizers
    if o.regularization == "sequential" or o.code_instance_noise or o.reparameterize:
        raise NotImplementedError("the reference step has regularization 'joint' and 'separate', "
                                  "without code_instance_noise or reparameterize")
    enc, dec, cg = model.encoder, model.decoder, model.code_generator
    d_i, d_c = model.image_discriminator, model.code_discriminator
    n = x.shape[0]

    def reconstruction(x_rec: torch.Tensor) -> torch.Tensor:
        if not o.perceptual_loss:
            return squared_error(x_rec, x)
        features = d_i(torch.cat([x_rec, x]))[1]  # Eq. 6 with shared batch statistics
        reconstructed, target = features.split(len(x))
        return squared_error(reconstructed, target.detach())

    # AAE phase: z ~ p(z), z_c = CG(z).
    z_c = cg(model.noise(n, generator)).detach()
    # theta_DC <- theta_DC - grad(-L_GAN^C + w * (-L_GAN^C of the spread head) + gamma * R1),
    # R1 = 1/2 mean ||grad_z D_C(z_c)||^2 on the per-code logits
    z_c.requires_grad_(True)
    real_logits = d_c(z_c)
    d_c_loss = discriminator_loss(real_logits, d_c(enc(x).detach()))
    d_c_objective = d_c_loss
    if o.code_spread_weight:  # D_C's spread head: the same game on whole batches
        d_c_objective = d_c_objective + o.code_spread_weight * discriminator_loss(
            d_c.spread_logit(z_c.detach()), d_c.spread_logit(enc(x).detach()))
    if o.code_gradient_penalty:
        (grad_z,) = torch.autograd.grad(real_logits.sum(), z_c, create_graph=True)
        d_c_objective = d_c_objective + o.code_gradient_penalty * 0.5 * (grad_z ** 2).sum(1).mean()
    _zero_all(model)
    d_c_objective.backward()
    opt["code_discriminator"].step()
    # theta_enc <- theta_enc - grad(L_GAN^C + L_rec) ("joint"), or two updates, each through its
    # own Adam state: one on L_rec, one on L_GAN^C ("separate"), at the same parameters.
    codes = enc(x)
    fooling = generator_loss(d_c(codes))
    if o.code_spread_weight:
        fooling = fooling + o.code_spread_weight * generator_loss(d_c.spread_logit(codes))
    adversarial = o.adversarial_weight * fooling
    _zero_all(model)
    adversarial.backward(retain_graph=True)
    adversarial_grads = [p.grad.clone() for p in enc.parameters()]
    rec = reconstruction(dec(codes))
    _zero_all(model)
    rec.backward()
    rec_grads = [p.grad.clone() for p in enc.parameters()]
    joint = o.regularization == "joint"
    encoder_grads = [a + r for a, r in zip(adversarial_grads, rec_grads)] if joint else rec_grads
    enc_loss = adversarial + rec
    # theta_dec <- theta_dec - grad(lambda * L_rec), at the same (pre-update) codes
    dec_loss = o.perceptual_weight * reconstruction(dec(codes.detach()))
    _zero_all(model)
    dec_loss.backward()
    for p, g in zip(enc.parameters(), encoder_grads):
        p.grad = g
    opt["encoder"].step()
    opt["decoder"].step()
    if not joint:
        for p, g in zip(enc.parameters(), adversarial_grads):
            p.grad = g
        opt["encoder_regularization"].step()

    # Prior-improvement phase: z ~ p(z).
    z = model.noise(n, generator)
    # theta_DI <- theta_DI - grad(-L_GAN^I)
    d_i_loss = discriminator_loss(d_i(x)[0], d_i(dec(cg(z)).detach())[0])
    _zero_all(model)
    d_i_loss.backward()
    opt["image_discriminator"].step()
    # theta_dec, theta_CG <- ... - grad(L_GAN^I)
    g_loss = generator_loss(d_i(dec(cg(z)))[0])
    _zero_all(model)
    g_loss.backward()
    opt["code_generator"].step()
    if o.decoder_in_prior_phase:
        opt.get("decoder_prior", opt["decoder"]).step()
    return {"code_d_loss": d_c_loss.item(), "encoder_loss": enc_loss.item(),
            "decoder_loss": dec_loss.item(), "image_d_loss": d_i_loss.item(),
            "generator_loss": g_loss.item()}
