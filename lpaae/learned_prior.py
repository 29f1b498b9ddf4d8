"""The paper's model: an adversarial autoencoder whose prior is learned by a code generator,
trained by Algorithm 1, unconditionally (Section III.A) or with a conditional prior learned
supervisedly or unsupervisedly (Section III.B, Figures 4 and 5)."""

from __future__ import annotations

from dataclasses import dataclass

import torch
import torch.nn.functional as F
from torch import nn

from lpaae.code_generator import CodeGenerator
from lpaae.config import ConfigError, NetworkConfig, check_choice
from lpaae.devices import to_device
from lpaae.losses import generator_loss, squared_error
from lpaae.diagnostics import CodeSample
from lpaae.model import ImageAdversarialOptions, adam, frozen, recalibrate_batch_norm
from lpaae.networks import CodeDiscriminator, Decoder, ImageDiscriminator
from lpaae.phases import (AAEPhaseOptions, AdversarialAutoencoder, Information, aae_optimizers,
                          aae_phase, has_own_adversarial_states, prior_improvement_phase)

CONDITIONS = ("none", "supervised", "unsupervised")


@dataclass(frozen=True)
class LearnedPriorOptions(AAEPhaseOptions, ImageAdversarialOptions):
    #: The paper's lambda: weight of L_rec in the decoder's AAE-phase update. A relative weight
    #: of the decoder's two objectives under regularization "joint" only: with "separate" or
    #: "sequential", each has its own Adam state, which divides out a constant factor.
    perceptual_weight: float = 1.0
    #: Design choice B of Table 3: perceptual loss (D_I features) instead of pixel MSE.
    perceptual_loss: bool = True
    #: Design choice C of Table 3: update the decoder in the prior-improvement phase too. In the
    #: unsupervised setting it is what makes the categories visible: off, L_I stays near log 10
    #: and the samples almost ignore s (MNIST, ours two seeds, the AAE one;
    #: docs/measurements/unsupervised-mechanism-2026-12-03).
    decoder_in_prior_phase: bool = True
    #: The decoder's learning rate in the prior-improvement phase, as a multiple of ``lr`` (not in
    #: the paper, which gives no rates; 1: the decoder learns as fast there as in the AAE phase).
    #: Between 0 (Table 3's A + B, no decoder update there) and 1 (design choice C at full rate).
    #: Needs regularization "separate" or "sequential", where that phase has an Adam state of
    #: its own; without design choice C (Table 3's A and A + B, which inherit it) it has nothing
    #: to scale. Why it exists: on CIFAR-10 at eight times the shipped budget the full model's
    #: learned prior collapses and A + B's does not. At 0.1 the prior kept more directions but D_I
    #: won outright and recall stayed 0, so 1 (docs/measurements/decoder-prior-rate-2026-12-05).
    decoder_prior_lr_scale: float = 1.0
    #: Design choice A: a code generator CG learns the prior. Off, the prior is used directly
    #: (the conditional settings' AAE baseline: the code is ``[one-hot s, z]``).
    code_generator: bool = True
    #: "none" (Section III.A), "supervised" (Fig. 4) or "unsupervised" (Fig. 5).
    condition: str = "none"
    #: Categories of the label s in the conditional settings.
    categories: int = 10
    #: Weight of L_I (Eq. 7) in the decoder's and CG's prior-phase loss.
    information_weight: float = 1.0
    #: Supervised setting only: Q also learns the labels of real images (cross-entropy), so L_I
    #: pulls dec(CG(z, s)) towards the dataset's class s. Off: Algorithm 1 as written (Q learns
    #: from fakes alone), where Q and the AAE baseline's decoder agree on a mark of s of their
    #: own (Q reads s in 98 % of its samples, the MNIST classifier in 54 %). On, that AAE's
    #: samples carry their label (MNIST, conditional-mnist.yaml, two seeds: 54 %, 47 % -> 96 %,
    #: 94 %; ours 96 % -> 98 %, one seed; docs/measurements/conditional-mnist-head-2026-12-03).
    #: Off by default: Eq. 7 trains Q on dec(z_c) only.
    q_real_labels: bool = False
    #: Whether L_I also trains D_I's layers below Q (on D_I's update, on the fakes), as InfoGAN
    #: (the paper's reference for L_I) trains the body its discriminator and Q share. Table A.3
    #: puts "FC 10 Softmax for Q" on D_I's layers and Algorithm 1 updates "theta_Q" on L_I
    #: without saying whether theta_Q includes them. Off: Q is a head on D_I's features, which
    #: -L_GAN^I alone trains. Measured on unsupervised MNIST (conditional-mnist.yaml;
    #: docs/measurements/conditional-mnist-head-2026-12-03, run8.sh, run9.sh): samples'
    #: categories matched to digits, ours 50.0 -> 63.5 % (seed 0) and 71.6 -> 65.8 % (seed 1),
    #: AAE 45.6 -> 44.9 % (seed 0); Q still reads its category in 99.6 % / 98.4 % of samples.
    #: Off by default. Conditional settings only (:meth:`check`).
    information_trains_image_discriminator: bool = False
    #: Weight of a code-space term in CG's prior-phase loss (not in the paper; 0: Algorithm 1,
    #: where CG learns from D_I alone): CG's codes are pushed to D_C's *encoder* side
    #: (``-log(1 - D_C(CG(z)))``, and the same from the spread head, weighted by
    #: ``code_spread_weight``), so the prior also moves towards the encoder's codes instead of
    #: only the encoder towards the prior. Algorithm 1's CG, trained for its images alone,
    #: fills about 5 of 16 directions, which the encoder's codes do not keep to
    #: (docs/measurements/thin-prior-2026-12-03). Measured at 1
    #: (docs/measurements/code-generator-code-loss-2026-12-03; ten-split two-sample accuracy):
    #: at 16-D closer on all seeds but two (default digits 0.756, 0.674, 0.755 -> 0.686,
    #: 0.668, 0.709; Fashion-MNIST 0.78, 0.85 -> 0.77, 0.78; MNIST 0.69, 0.68, 0.73 -> 0.68,
    #: 0.68, 0.68) with no cost seen in IS or FID; both sets got thinner (effective dimensions
    #: fell), so they met by CG moving, not by spreading (our reading); at 100-D worse
    #: (0.93 -> 0.95); unsupervised MNIST at 100-D no closer (0.74, 0.75 -> 0.75, 0.78;
    #: docs/measurements/conditional-mnist-head-2026-12-03). Off by default: it changes the
    #: paper's CG towards the claim it is scored on (Figure 13) and helps by about the seed
    #: spread. Needs a CG (:meth:`check`).
    code_generator_code_weight: float = 0.0


class LearnedPriorAAE(AdversarialAutoencoder):
    """Encoder, decoder, code generator CG, image discriminator D_I, code discriminator D_C and,
    in the conditional settings, the classifier Q on D_I's features."""

    name = "learned_prior"
    Options = LearnedPriorOptions

    @classmethod
    def check(cls, net: NetworkConfig, options: LearnedPriorOptions) -> None:
        check_choice("condition", options.condition, CONDITIONS)
        if options.code_generator_code_weight and not options.code_generator:
            raise ConfigError("option 'code_generator_code_weight' needs code_generator: true "
                              "(without CG no prior moves)")
        if options.information_trains_image_discriminator and options.condition == "none":
            raise ConfigError("option 'information_trains_image_discriminator' needs a conditional "
                              "prior (condition: supervised or unsupervised): without s there is "
                              "no L_I")
        if options.decoder_prior_lr_scale != 1.0 and options.decoder_in_prior_phase and \
                not has_own_adversarial_states(options.regularization):
            raise ConfigError("option 'decoder_prior_lr_scale' needs regularization: separate or "
                              "sequential (only then has the decoder a prior-phase optimiser of "
                              "its own), got "
                              f"{options.regularization!r} with decoder_prior_lr_scale "
                              f"{options.decoder_prior_lr_scale}")
        if options.q_real_labels and options.condition != "supervised":
            raise ConfigError("option 'q_real_labels' needs condition: supervised (only there are "
                              f"s and the dataset's labels the same), got {options.condition!r}")
        k = options.categories if options.condition != "none" else 0
        if k >= net.code_size:
            raise ConfigError(f"a conditional prior with {k} categories needs a code_size above "
                              f"{k}, got {net.code_size}")

    def __init__(self, net: NetworkConfig, options: LearnedPriorOptions):
        super().__init__(net, options)  # builds the encoder
        self.categories = options.categories if options.condition != "none" else 0
        self.decoder = Decoder(net)
        self.image_discriminator = ImageDiscriminator(net, reads_minibatch_std=options.image_minibatch_std)
        self.code_discriminator = CodeDiscriminator(
            net, condition_size=self.categories if self.supervised else 0,
            spread_head=options.code_spread_weight > 0)
        self.code_generator = None
        if options.code_generator:
            self.code_generator = CodeGenerator(self.noise_size + self.categories, net.code_size)
        self.q_head = None
        if self.categories:  # "FC 10 Softmax for Q" on D_I's last conv features (Table A.3)
            self.q_head = nn.Linear(self.image_discriminator.feature_size, self.categories)

    def make_optimizers(self) -> dict[str, torch.optim.Optimizer]:
        o = self.options
        optimizers = aae_optimizers(self.encoder, self.decoder, self.code_discriminator, o)
        optimizers["image_discriminator"] = adam(self.image_discriminator,
                                                 o.lr_image_discriminator, o.betas)
        if o.decoder_in_prior_phase and has_own_adversarial_states(o.regularization):
            optimizers["decoder_prior"] = adam(self.decoder, o.lr * o.decoder_prior_lr_scale, o.betas)
        if self.code_generator is not None:
            optimizers["code_generator"] = adam(self.code_generator, o.lr, o.betas)
        if self.q_head is not None:
            optimizers["q"] = adam(self.q_head, o.lr_discriminator, o.betas)
        return optimizers

    @property
    def supervised(self) -> bool:
        return self.options.condition == "supervised"

    @property
    def noise_size(self) -> int:
        """Size of z. In the conditional settings, as in the paper (10 + 54 -> 64-D,
        10 + 90 -> 100-D), ``[s, z]`` has the code's size, with CG or without."""
        if self.categories:
            return self.net_config.code_size - self.categories
        return self.net_config.noise_size if self.options.code_generator else self.net_config.code_size

    def draw_labels(self, n: int, generator: torch.Generator) -> torch.Tensor:
        """s ~ uniform categorical, on the model's device."""
        return to_device(torch.randint(self.categories, (n,), generator=generator), self.device)

    def prior_input(self, noise: torch.Tensor, labels: torch.Tensor | None = None) -> torch.Tensor:
        """What CG reads: ``z``, or ``[one-hot s, z]`` in the conditional settings."""
        if labels is None:
            return noise
        return torch.cat([F.one_hot(labels, self.categories).to(noise.dtype), noise], 1)

    def prior_codes(self, noise: torch.Tensor, labels: torch.Tensor | None = None) -> torch.Tensor:
        """Codes of the prior: ``CG(z)`` or ``CG([s, z])``; without CG, ``z`` or ``[s, z]``."""
        prior_input = self.prior_input(noise, labels)
        return self.code_generator(prior_input) if self.code_generator is not None else prior_input

    def codes_from_noise(self, noise: torch.Tensor, generator: torch.Generator) -> torch.Tensor:
        labels = self.draw_labels(len(noise), generator) if self.categories else None
        return self.prior_codes(noise, labels)

    def recalibrate(self, batches: list[torch.Tensor], generator: torch.Generator) -> None:
        super().recalibrate(batches, generator)
        if self.code_generator is not None:
            n = len(batches[0])
            recalibrate_batch_norm(self.code_generator, [
                self.prior_input(self.noise(n, generator),
                                 self.draw_labels(n, generator) if self.categories else None)
                for _ in batches])

    def code_critic(self, codes: torch.Tensor, labels: torch.Tensor) -> torch.Tensor:
        """D_C's logits; in the supervised setting D_C sees ``(code, one-hot s)`` (Eq. 8)."""
        if self.supervised:
            return self.code_discriminator(codes, F.one_hot(labels, self.categories).to(codes.dtype))
        return self.code_discriminator(codes)

    def aae_phase_labels(self, labels: torch.Tensor, generator: torch.Generator) -> torch.Tensor | None:
        """The s of the prior codes the encoder is matched to: the images' own labels when
        supervised, s ~ p(s) when unsupervised, none unconditionally."""
        if self.supervised:
            return labels
        return self.draw_labels(len(labels), generator) if self.categories else None

    def code_sample(self, x: torch.Tensor, labels: torch.Tensor,
                    generator: torch.Generator) -> CodeSample:
        prior = self.prior_codes(self.noise(len(x), generator), self.aae_phase_labels(labels, generator))
        return CodeSample(self.encode(x, generator), prior, labels, critic=self.code_critic,
                          conditional_critic=self.supervised,
                          label_dimensions=self.categories if self.code_generator is None else 0)

    def reconstruction_loss(self, x_rec: torch.Tensor, x: torch.Tensor) -> torch.Tensor:
        """Eq. 6, ``||F(dec(enc(x))) - F(x)||^2`` with F the last conv features of D_I (fixed in
        this phase), or pixel MSE when the perceptual loss is switched off.

        One D_I pass over ``[x_rec, x]``: its batch norm then normalises both by the same
        statistics, so an error shared by the whole batch (a blur, a contrast shift) stays
        visible; two passes would normalise it away (16-25 % of such an error, measured)."""
        if not self.options.perceptual_loss:
            return squared_error(x_rec, x)
        with frozen(self.image_discriminator):
            features = self.image_discriminator(torch.cat([x_rec, x]))[1]
        reconstructed, target = features.split(len(x))
        # F(x) is the target: no gradient moves it (through the shared statistics it depends on
        # x_rec too; only the reconstruction's features are pulled towards it).
        return squared_error(reconstructed, target.detach())

    def training_step(self, x: torch.Tensor, labels: torch.Tensor, step: int,
                      generator: torch.Generator) -> dict[str, torch.Tensor]:
        n, o = x.shape[0], self.options
        # AAE phase. Supervised: the prior is conditioned on x's own labels and D_C sees them too
        # (Eq. 8); unsupervised: s is drawn from p(s) and D_C is class-agnostic.
        aae_labels = self.aae_phase_labels(labels, generator)
        with torch.no_grad():  # CG is fixed in the AAE phase
            prior_codes = self.prior_codes(self.noise(n, generator), aae_labels)
        losses = aae_phase(
            encode=lambda images: self.encode(images, generator), decoder=self.decoder,
            code_discriminator=self.code_discriminator, optimizers=self.optimizers, x=x,
            prior_codes=prior_codes, reconstruction=self.reconstruction_loss,
            adversarial_weight=o.adversarial_weight, decoder_weight=o.perceptual_weight,
            regularization=o.regularization, code_gradient_penalty=o.code_gradient_penalty,
            spread_weight=o.code_spread_weight, code_noise=self.code_noise(generator),
            critic=lambda codes: self.code_critic(codes, labels),
        )
        # Prior-improvement phase: z, s ~ p(z) p(s).
        information, prior_input, s = None, self.noise(n, generator), None
        if self.categories:
            s = self.draw_labels(n, generator)
            prior_input = self.prior_input(prior_input, s)
            information = Information(self.q_head, s, o.information_weight,
                                      labels if o.q_real_labels else None,
                                      o.information_trains_image_discriminator)

        def code_loss(codes: torch.Tensor) -> torch.Tensor:
            return o.code_generator_code_weight * self.encoder_side_loss(codes, s)
        losses |= prior_improvement_phase(
            code_generator=self.code_generator, decoder=self.decoder,
            image_discriminator=self.image_discriminator, optimizers=self.optimizers, x=x,
            noise=prior_input, update_decoder=o.decoder_in_prior_phase, information=information,
            code_loss=code_loss if o.code_generator_code_weight else None,
        )
        return losses

    def encoder_side_loss(self, codes: torch.Tensor, labels: torch.Tensor | None) -> torch.Tensor:
        """How far D_C (fixed here) finds ``codes`` from its encoder side: the generator loss of
        the flipped logits, ``-mean log(1 - D_C(codes))``, plus the spread head's, weighted as in
        :func:`lpaae.phases.aae_phase`."""
        with frozen(self.code_discriminator):
            loss = generator_loss(-self.code_critic(codes, labels))
            if self.options.code_spread_weight:
                spread = self.code_discriminator.spread_logit(codes)
                loss = loss + self.options.code_spread_weight * generator_loss(-spread)
        return loss
