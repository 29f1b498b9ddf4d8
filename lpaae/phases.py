"""The two training phases of Algorithm 1, as functions of the networks they touch.

Each phase updates exactly the parameters Algorithm 1 names for it; networks it only evaluates are
wrapped in :func:`~lpaae.model.frozen`. The AAE baseline reuses :func:`aae_phase` with a fixed
Gaussian prior and pixel MSE, so the paper's model and the baseline share one implementation of
the AAE update, and one base class, :class:`AdversarialAutoencoder`, that reads codes from the
encoder.
"""

from __future__ import annotations

import contextlib
from dataclasses import dataclass
from typing import Callable, NamedTuple, Sequence

import torch
from torch import nn

from lpaae.config import NetworkConfig, check_choice
from lpaae.losses import (DECISION_THRESHOLDS, GAN_OBJECTIVES, balanced_accuracy, discriminator_loss, generator_loss, gradient_penalty,
                          information_loss, r1_penalty)
from lpaae.model import AdversarialOptimizerOptions, GenerativeModel, adam, frozen
from lpaae.networks import Encoder, gaussian_sample, mean_and_log_var

Reconstruction = Callable[[torch.Tensor, torch.Tensor], torch.Tensor]


class Information(NamedTuple):
    """The mutual-information term of the conditional settings: Q, the labels the fakes were
    generated from, and the weight of ``L_I`` in the generator's loss."""

    q_head: nn.Module
    labels: torch.Tensor
    weight: float = 1.0
    #: Labels of the real images, when Q also learns to classify them (an option beside
    #: Algorithm 1: Q then reads the dataset's classes, not a code private to the generator).
    real_labels: torch.Tensor | None = None
    #: Whether L_I also trains D_I's layers below Q (added to D_I's loss on the fakes, as
    #: InfoGAN trains the body its discriminator and Q share). False: Q is a head on D_I's
    #: features, which only -L_GAN^I trains.
    trains_image_discriminator: bool = False


#: How a network trained on L_rec and on an adversarial objective combines the two.
#: "joint": Algorithm 1 as written: the encoder takes one update on
#: ``adversarial_weight * L_GAN^C + L_rec``, and the decoder's two phases share one Adam state.
#: "separate": each adversarial objective moves its network through an Adam state of its own
#: (Makhzani et al.'s separate regularisation update): the encoder's L_GAN^C through
#: ``encoder_regularization``, the decoder's prior-phase loss through ``decoder_prior``. Adam
#: normalises each by its own gradient scale, so neither drowns in L_rec, which Eq. 6 sums over
#: hundreds of pixels or features. Under "joint", D_C wins at once (the encoder's L_rec gradient
#: was ~14x its L_GAN^C gradient), and on 32-px MNIST the decoder ignored the label s (L_I stayed
#: at chance, ln 10, for 600 steps). Both take the encoder's two gradients at the same weights.
#: "sequential": "separate" in Makhzani et al.'s strict order: the reconstruction update first,
#: then D_C and the encoder's regularisation update on the codes of the updated encoder (one
#: encoder pass more per step). Measured on the default digits (800 steps, three seeds): no
#: closer than "separate" (two-sample means: the AAE 0.718 -> 0.709, ours 0.789 -> 0.803;
#: docs/measurements/remaining-remedies-2026-12-06), so "separate" stays the default.
REGULARIZATIONS = ("joint", "separate", "sequential")


def has_own_adversarial_states(regularization: str) -> bool:
    """Whether an adversarial objective moves its network through an Adam state of its own
    (``encoder_regularization``, ``decoder_prior``): every form but Algorithm 1's "joint"."""
    return regularization != "joint"


def aae_phase(*, encode: Callable[[torch.Tensor], torch.Tensor], decoder: nn.Module, code_discriminator: nn.Module,
              optimizers: dict[str, torch.optim.Optimizer], x: torch.Tensor,
              prior_codes: torch.Tensor, reconstruction: Reconstruction,
              adversarial_weight: float = 1.0, decoder_weight: float = 1.0,
              critic: Callable[[torch.Tensor], torch.Tensor] | None = None,
              regularization: str, code_gradient_penalty: float,
              spread_weight: float = 0.0,
              code_noise: Callable[[torch.Tensor], torch.Tensor] | None = None) -> dict[str, torch.Tensor]:
    """The AAE phase: update D_C on ``-L_GAN^C`` (plus ``code_gradient_penalty`` times an R1
    penalty at the prior codes), the encoder on ``L_GAN^C + L_rec`` and the
    decoder on ``decoder_weight * L_rec`` (the paper's lambda).

    ``encode`` maps images to codes (:meth:`AdversarialAutoencoder.encode`: the encoder's
    output, or a sample of its Gaussian). ``optimizers`` holds ``code_discriminator``,
    ``encoder`` and ``decoder`` (and ``encoder_regularization`` unless ``regularization`` is
    "joint", see :data:`REGULARIZATIONS`). ``prior_codes`` are the "real" codes: ``CG(z)`` for the paper's
    model, ``z`` itself for the AAE. ``critic`` maps codes to D_C's logits when D_C sees more
    than the code (the supervised setting's ``(code, s)``, Eq. 8); by default it is D_C itself.
    With ``spread_weight`` > 0, D_C's spread head (:meth:`lpaae.networks.CodeDiscriminator.spread_logit`)
    plays the same game on whole batches, its losses weighted by ``spread_weight`` in D_C's and
    the encoder's; R1 stays on the per-code logits. (The head shares no parameter with the
    per-code MLP and Adam normalises each parameter's step, so the weight acts on the encoder's
    update, where both heads' gradients meet, not on D_C's.) ``code_noise``, when given,
    perturbs every batch of codes D_C reads here, prior and encoder codes alike
    (:attr:`AAEPhaseOptions.code_instance_noise`).
    """
    critic = critic or code_discriminator
    perturb = code_noise or (lambda codes: codes)
    codes = encode(x)
    if regularization == "sequential":
        rec = reconstruction(decoder(codes), x)
        _step(optimizers, ["encoder", "decoder"], rec, decoder, decoder_weight)
        codes = encode(x)

    logged, real_logits, fake_logits = _code_discriminator_step(
        critic, code_discriminator, optimizers["code_discriminator"],
        perturb(prior_codes.detach()), perturb(codes.detach()), code_gradient_penalty, spread_weight)
    with frozen(code_discriminator):
        adversarial, per_code, spread = _fooling_loss(critic, code_discriminator, perturb(codes),
                                                      spread_weight)
    if spread is not None:
        logged["encoder_spread_loss"] = spread.detach()

    if regularization == "sequential":
        _step(optimizers, ["encoder_regularization"], adversarial_weight * adversarial)
    else:
        rec = reconstruction(decoder(codes), x)
        if regularization == "joint":
            _step(optimizers, ["encoder", "decoder"], adversarial_weight * adversarial + rec,
                  decoder, decoder_weight)
        else:
            encoder_params = _parameters(optimizers["encoder_regularization"])
            adversarial_grads = torch.autograd.grad(adversarial_weight * adversarial, encoder_params,
                                                    retain_graph=True, allow_unused=True)
            _step(optimizers, ["encoder", "decoder"], rec, decoder, decoder_weight)
            for p, g in zip(encoder_params, adversarial_grads):
                p.grad = g
            optimizers["encoder_regularization"].step()
    return {**logged,
            "code_d_accuracy": balanced_accuracy(real_logits, fake_logits).detach(),
            "encoder_adv_loss": per_code.detach(), "reconstruction_loss": rec.detach()}


def _code_discriminator_step(critic: Callable[[torch.Tensor], torch.Tensor], code_discriminator: nn.Module,
                             optimizer: torch.optim.Optimizer, real_codes: torch.Tensor,
                             fake_codes: torch.Tensor, code_gradient_penalty: float,
                             spread_weight: float) -> tuple[dict[str, torch.Tensor], torch.Tensor, torch.Tensor]:
    """D_C's update of :func:`aae_phase` on detached codes: its losses to log, and its logits on
    the real and the fake codes (before the update)."""
    real_codes = real_codes.requires_grad_(code_gradient_penalty > 0)
    real_logits, fake_logits = critic(real_codes), critic(fake_codes)
    loss = discriminator_loss(real_logits, fake_logits)
    logged = {"code_d_loss": loss.detach()}  # -L_GAN^C alone, comparable without the penalty
    if code_gradient_penalty:
        penalty = r1_penalty(real_logits, real_codes)
        loss = loss + code_gradient_penalty * penalty
        logged["code_d_penalty"] = penalty.detach()
    if spread_weight:
        spread_loss = discriminator_loss(code_discriminator.spread_logit(real_codes.detach()),
                                         code_discriminator.spread_logit(fake_codes))
        loss = loss + spread_weight * spread_loss
        logged["code_spread_d_loss"] = spread_loss.detach()
    optimizer.zero_grad(set_to_none=True)
    loss.backward()
    optimizer.step()
    return logged, real_logits, fake_logits


def _fooling_loss(critic: Callable[[torch.Tensor], torch.Tensor], code_discriminator: nn.Module,
                  codes: torch.Tensor, spread_weight: float
                  ) -> tuple[torch.Tensor, torch.Tensor, torch.Tensor | None]:
    """L_GAN^C of the encoder's ``codes``: in all, from the per-code head, and from the spread
    head (None without one)."""
    per_code = generator_loss(critic(codes))
    if not spread_weight:
        return per_code, per_code, None
    spread = generator_loss(code_discriminator.spread_logit(codes))
    return per_code + spread_weight * spread, per_code, spread


def _step(optimizers: dict[str, torch.optim.Optimizer], keys: Sequence[str], loss: torch.Tensor,
          decoder: nn.Module | None = None, decoder_weight: float = 1.0) -> None:
    """One update of the optimisers ``keys`` on ``loss``. The decoder's only loss term is L_rec,
    so scaling its gradient by ``decoder_weight`` after the backward pass gives exactly the
    gradient of ``decoder_weight * L_rec``, without a second pass."""
    for key in keys:
        optimizers[key].zero_grad(set_to_none=True)
    loss.backward()
    if decoder is not None and decoder_weight != 1.0:
        for p in decoder.parameters():
            if p.grad is not None:
                p.grad.mul_(decoder_weight)
    for key in keys:
        optimizers[key].step()


@dataclass(frozen=True)
class AAEPhaseOptions(AdversarialOptimizerOptions):
    """Options of every model trained by :func:`aae_phase` (the AAE and ours)."""

    #: Adam learning rate of the code discriminator D_C (and of Q in the conditional settings).
    lr_discriminator: float = 2e-4
    #: Weight of L_GAN^C in the encoder's loss (Algorithm 1: 1). Unless "joint", the
    #: adversarial update has its own Adam state, which divides out a constant weight.
    adversarial_weight: float = 1.0
    #: "joint" (Algorithm 1 as written), "separate" or "sequential" (see :data:`REGULARIZATIONS`).
    regularization: str = "separate"
    #: gamma of an R1 penalty on D_C (see :func:`lpaae.losses.r1_penalty`); 0: Algorithm 1's
    #: D_C loss alone. Measured on the default digits (AAE, 800 steps, 3 seeds) the held-out
    #: two-sample accuracy fell from 0.84, 0.84, 0.77 to 0.74, 0.74, 0.73 with gamma 10 (1: 0.78,
    #: 100: 0.86, seed 0); on CIFAR-10 (width 16, 1,500 steps) from 0.98 to 0.92. See the README.
    code_gradient_penalty: float = 10.0
    #: Makhzani et al.'s Gaussian posterior (their Section 2.1; the AAE of Figure 9): the encoder
    #: gives a mean and a log-variance, and a code is the sample ``mean + std * eps``, so the
    #: aggregated posterior D_C compares with the prior is smoothed by the encoder's own noise.
    #: No KL term: only D_C pulls the codes towards the prior. Off (the default): a deterministic
    #: encoder. Measured (docs/measurements/gaussian-posterior-2026-12-02): the AAE's codes then
    #: match the prior (two-sample accuracy 0.74 -> 0.52 on the default digits, 0.70 -> 0.55 on
    #: MNIST, 0.92 -> 0.62 on CIFAR-10) by being mostly noise, and its 8-16-D samples blur (the
    #: decoder averages over that noise: recall 0.55 -> 0.00, FID 78 -> 172 on the digits); ours
    #: moves little, not reliably closer, and loses FID.
    #: At 100-D it helps the AAE (FID 161 -> 131 on the digits), as Makhzani et al. suggest.
    reparameterize: bool = False
    #: Weight of D_C's spread head (:class:`lpaae.networks.CodeDiscriminator`; not in the
    #: paper) in D_C's and the encoder's adversarial losses; 0: no spread head (Algorithm 1's
    #: D_C). A per-code D_C passes codes that fill a few of the prior's directions (the AAE at
    #: 100-D, on Fashion-MNIST and CIFAR-10: docs/measurements/code-spread-2026-12-02); the
    #: head, which judges a whole batch's spread, makes the encoder spread them. Measured at 0.1
    #: (docs/measurements/batch-feature-2026-12-02; two-sample accuracy, mean of ten splits,
    #: one seed): the AAE at 100-D 0.95 -> 0.86 (this form), on Fashion-MNIST 0.91 -> 0.70 and
    #: on CIFAR-10 0.93 -> 0.74 (a prototype of it); where the spreads already agree (16-D
    #: digits, three seeds each model) the head stays at chance and no change was detectable;
    #: on MNIST at 16-D (mnist-cpu.yaml, three seeds, docs/measurements/mnist-head-2026-12-03)
    #: it acted early and lowered the AAE's 0.66-0.67 to 0.62-0.63 (IS 3.59 -> 3.51, recall
    #: 0.29 -> 0.34), at 100-D 0.95-0.96 to 0.90-0.92 (FID 130 -> 116).
    #: A weight of 1 cost at 16-D (the AAE 0.69-0.75 -> 0.74-0.84), as every form that gave the
    #: batch judgement the per-code one's weight did; 0.3 cost too (the AAE 0.68-0.74 ->
    #: 0.70-0.76, ours 0.67-0.76 -> 0.70-0.86) for 0.86 -> 0.84 at 100-D
    #: (docs/measurements/spread-head-2026-12-03).
    code_spread_weight: float = 0.1
    #: Standard deviation of Gaussian instance noise (Sonderby et al. 2017) added to every code
    #: D_C reads in the AAE phase, prior and encoder codes alike, in D_C's update and in the
    #: encoder's (not the diagnostics' codes, nor CG's code loss); 0: none
    #: (Algorithm 1). Both distributions are blurred by the same kernel, so they still match
    #: only where the unblurred ones do; D_C's judgement gets smoother. Measured on the default
    #: digits (800 steps, seed 0; docs/measurements/remaining-remedies-2026-12-06): it costs, the
    #: more the larger it is (two-sample: the AAE 0.703 -> 0.705, 0.821, 0.951 at 0.1, 0.3, 1.0;
    #: ours 0.798 -> 0.845, 0.845, 0.909); R1 already smooths D_C where the prior's codes lie.
    code_instance_noise: float = 0.0

    def __post_init__(self):
        check_choice("regularization", self.regularization, REGULARIZATIONS)


class AdversarialAutoencoder(GenerativeModel):
    """What every model trained by :func:`aae_phase` shares: its encoder (built first, before the
    subclass's other networks), and how a code is read from it
    (:attr:`AAEPhaseOptions.reparameterize`)."""

    def __init__(self, net: NetworkConfig, options: AAEPhaseOptions):
        super().__init__(net, options)
        self.encoder = Encoder(net, heads=2 if options.reparameterize else 1)

    def encode(self, x: torch.Tensor, generator: torch.Generator) -> torch.Tensor:
        """Codes of the images ``x``: the encoder's output, or a sample of its Gaussian."""
        if not self.options.reparameterize:
            return self.encoder(x)
        mean, log_var = mean_and_log_var(self.encoder(x))
        return gaussian_sample(mean, log_var, self.noise(len(x), generator, size=mean.shape[1]))

    def code_noise(self, generator: torch.Generator) -> Callable[[torch.Tensor], torch.Tensor] | None:
        """:func:`aae_phase`'s ``code_noise``: fresh instance noise on each batch of codes D_C
        reads (:attr:`AAEPhaseOptions.code_instance_noise`), or None."""
        std = self.options.code_instance_noise
        if not std:
            return None
        return lambda codes: codes + std * self.noise(len(codes), generator, size=codes.shape[1])


def aae_optimizers(encoder: nn.Module, decoder: nn.Module, code_discriminator: nn.Module,
                   options: AAEPhaseOptions) -> dict[str, torch.optim.Optimizer]:
    """The optimisers :func:`aae_phase` steps, for ``options.regularization``."""
    o = options
    optimizers = {
        "encoder": adam(encoder, o.lr, o.betas),
        "decoder": adam(decoder, o.lr, o.betas),
        "code_discriminator": adam(code_discriminator, o.lr_discriminator, o.betas),
    }
    if has_own_adversarial_states(o.regularization):
        optimizers["encoder_regularization"] = adam(encoder, o.lr, o.betas)
    return optimizers


def _parameters(optimizer: torch.optim.Optimizer) -> list[torch.Tensor]:
    return [p for group in optimizer.param_groups for p in group["params"]]


def image_gan_phase(*, generate: Callable[[], torch.Tensor], image_discriminator: nn.Module,
                    optimizers: dict[str, torch.optim.Optimizer], generator_keys: Sequence[str],
                    x: torch.Tensor, objective: str = "standard", critic_steps: int = 1,
                    gradient_penalty_weight: float = 0.0, rng: torch.Generator | None = None,
                    information: Information | None = None,
                    extra_generator_loss: Callable[[], tuple[str, torch.Tensor]] | None = None,
                    ) -> dict[str, torch.Tensor]:
    """One adversarial round in image space: ``critic_steps`` updates of D_I on real images and
    fakes from ``generate()``, then one update of the generator's networks (the optimisers named
    by ``generator_keys``) on the objective's generator loss.

    ``x`` holds ``critic_steps`` real mini-batches one after the other (see
    :attr:`lpaae.model.GenerativeModel.batches_per_step`): every critic update sees a fresh one.
    ``generate`` draws fresh noise and returns images with their graph; the last critic step and
    the generator step share one batch of fakes, so a round costs one generator forward pass when
    ``critic_steps`` is 1.

    With ``information`` (Section III.B), the generator also minimises ``weight * L_I``, Eq. 7's
    cross-entropy of the classifier Q on D_I's features of the fakes against the labels they were
    generated from, and Q (optimiser ``q``) is updated on ``L_I``. ``extra_generator_loss``,
    called after the last ``generate()``, returns a further term of the generator's loss and the
    name it is logged under.
    """
    critic_loss_fn, generator_loss_fn = GAN_OBJECTIVES[objective]
    if len(x) % critic_steps:
        raise ValueError(f"{len(x)} real images do not split into {critic_steps} critic batches")
    real_batches = x.chunk(critic_steps)

    def update_critic(real: torch.Tensor, fake: torch.Tensor, labelled: bool) -> dict[str, torch.Tensor]:
        real_logits, _ = image_discriminator(real)
        fake_logits, fake_features = image_discriminator(fake)
        loss = critic_loss_fn(real_logits, fake_logits)
        if gradient_penalty_weight:
            loss = loss + gradient_penalty_weight * gradient_penalty(
                lambda images: image_discriminator(images)[0], real, fake, rng)
        logged = {"image_d_loss": loss.detach()}  # the critic's objective, without L_I
        if objective in DECISION_THRESHOLDS:
            # On the batch it is about to learn from, as code_d_accuracy. At 0.5 all along, D_I
            # never gets ahead of the generator, which is not the same as fakes like the data
            # (docs/measurements/image-discriminator-2026-12-04); near 1, D_I wins.
            logged["image_d_accuracy"] = balanced_accuracy(
                real_logits, fake_logits, DECISION_THRESHOLDS[objective]).detach()
        if labelled and information and information.trains_image_discriminator:
            # Only D_I's optimiser steps here: Q's gradient from this term is cleared below.
            loss = loss + information.weight * information_loss(
                information.q_head(fake_features), information.labels)
        optimizers["image_discriminator"].zero_grad(set_to_none=True)
        loss.backward()
        optimizers["image_discriminator"].step()
        return logged

    for real in real_batches[:-1]:
        with torch.no_grad():
            extra_fake = generate()
        update_critic(real, extra_fake, labelled=False)
    fake = generate()
    losses = update_critic(real_batches[-1], fake.detach(), labelled=True)

    keys = [*generator_keys, *(["q"] if information else [])]
    with frozen(image_discriminator):
        fake_logits, fake_features = image_discriminator(fake)
        g_loss = generator_loss_fn(fake_logits)
        losses["generator_loss"] = g_loss.detach()
        if information:
            info = information_loss(information.q_head(fake_features), information.labels)
            g_loss = g_loss + information.weight * info
            losses["information_loss"] = info.detach()
            if information.real_labels is not None:
                # Detached features: this term trains Q alone.
                real_features = image_discriminator(real_batches[-1])[1].detach()
                q_real = information_loss(information.q_head(real_features), information.real_labels)
                g_loss = g_loss + q_real
                losses["q_real_loss"] = q_real.detach()
        if extra_generator_loss is not None:
            name, extra = extra_generator_loss()
            g_loss = g_loss + extra
            losses[name] = extra.detach()
    for key in keys:
        optimizers[key].zero_grad(set_to_none=True)
    g_loss.backward()
    for key in keys:
        optimizers[key].step()
    return losses


def prior_improvement_phase(*, code_generator: nn.Module | None, decoder: nn.Module,
                            image_discriminator: nn.Module,
                            optimizers: dict[str, torch.optim.Optimizer], x: torch.Tensor,
                            noise: torch.Tensor, update_decoder: bool = True,
                            information: Information | None = None,
                            code_loss: Callable[[torch.Tensor], torch.Tensor] | None = None,
                            ) -> dict[str, torch.Tensor]:
    """The prior-improvement phase: update D_I on ``-L_GAN^I``, then CG (and the decoder, when
    ``update_decoder``: design choice C of Table 3) on ``L_GAN^I`` of ``dec(CG(z))``, plus
    ``L_I`` in the conditional settings, plus ``code_loss(CG(z))`` when given (logged, weight
    included, as ``code_generator_code_loss``; an option beside Algorithm 1, see
    :attr:`lpaae.learned_prior.LearnedPriorOptions.code_generator_code_weight`).

    ``noise`` is CG's input (``[s, z]`` in the conditional settings). Without a code generator
    (the conditional AAE baseline) it is the code itself and only the decoder learns.
    ``optimizers`` holds ``image_discriminator``, ``decoder`` (and ``decoder_prior``, the
    decoder's own optimiser for this phase unless "joint", see :data:`REGULARIZATIONS`),
    ``code_generator`` (when there is one) and ``q`` (with ``information``).
    """
    # The decoder's prior-phase optimiser: its own Adam state unless "joint", else the AAE
    # phase's (Algorithm 1's one decoder, whose Adam moments then see both objectives).
    decoder_key = "decoder_prior" if "decoder_prior" in optimizers else "decoder"
    keys = (["code_generator"] if code_generator is not None else []) + \
        ([decoder_key] if update_decoder else [])
    make_codes = code_generator if code_generator is not None else (lambda z: z)
    latest = {}  # the codes of the last generate(), whose graph the generator's update uses

    def generate() -> torch.Tensor:
        latest["codes"] = make_codes(noise)
        return decoder(latest["codes"])

    def code_term() -> tuple[str, torch.Tensor]:
        return "code_generator_code_loss", code_loss(latest["codes"])
    keep_decoder = contextlib.nullcontext() if update_decoder else frozen(decoder)
    with keep_decoder:
        return image_gan_phase(generate=generate, image_discriminator=image_discriminator,
                               optimizers=optimizers, generator_keys=keys, x=x,
                               information=information,
                               extra_generator_loss=code_term if code_loss is not None else None)
