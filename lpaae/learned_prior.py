"""The paper's model: an adversarial autoencoder whose prior is learned by a code generator,
trained by Algorithm 1 (unconditional branch)."""

from __future__ import annotations

from dataclasses import dataclass

import torch

from lpaae.code_generator import CodeGenerator
from lpaae.config import NetworkConfig
from lpaae.losses import squared_error
from lpaae.model import GenerativeModel, adam, frozen
from lpaae.networks import CodeDiscriminator, Decoder, Encoder, ImageDiscriminator
from lpaae.phases import aae_phase, prior_improvement_phase
from lpaae.registry import register_model


@dataclass(frozen=True)
class LearnedPriorOptions:
    lr: float = 2e-4
    lr_discriminator: float = 2e-4
    betas: tuple[float, float] = (0.5, 0.999)
    #: Weight of L_GAN^C in the encoder's loss (Algorithm 1: 1).
    adversarial_weight: float = 1.0
    #: The paper's lambda: weight of L_rec in the decoder's AAE-phase update.
    perceptual_weight: float = 1.0
    #: Design choice B of Table 3: perceptual loss (D_I features) instead of pixel MSE.
    perceptual_loss: bool = True
    #: Design choice C of Table 3: update the decoder in the prior-improvement phase too.
    decoder_in_prior_phase: bool = True


@register_model("learned_prior")
class LearnedPriorAAE(GenerativeModel):
    """Encoder, decoder, code generator CG, image discriminator D_I and code discriminator D_C."""

    Options = LearnedPriorOptions

    def __init__(self, net: NetworkConfig, options: LearnedPriorOptions):
        super().__init__(net, options)
        self.encoder = Encoder(net)
        self.decoder = Decoder(net)
        self.code_generator = CodeGenerator(net)
        self.image_discriminator = ImageDiscriminator(net)
        self.code_discriminator = CodeDiscriminator(net)
        o = options
        self.optimizers = {
            "encoder": adam(self.encoder, o.lr, o.betas),
            # One decoder optimiser for both phases: Adam's moments then see both of its
            # objectives, which is what makes lambda a relative weight between them.
            "decoder": adam(self.decoder, o.lr, o.betas),
            "code_generator": adam(self.code_generator, o.lr, o.betas),
            "image_discriminator": adam(self.image_discriminator, o.lr_discriminator, o.betas),
            "code_discriminator": adam(self.code_discriminator, o.lr_discriminator, o.betas),
        }

    @property
    def noise_size(self) -> int:
        return self.net_config.noise_size

    def codes_from_noise(self, noise: torch.Tensor, generator: torch.Generator) -> torch.Tensor:
        return self.code_generator(noise)

    def reconstruction_loss(self, x_rec: torch.Tensor, x: torch.Tensor) -> torch.Tensor:
        """Eq. 6, ``||F(dec(enc(x))) - F(x)||^2`` with F the last conv features of D_I (fixed in
        this phase), or pixel MSE when the perceptual loss is switched off."""
        if not self.options.perceptual_loss:
            return squared_error(x_rec, x)
        with frozen(self.image_discriminator):
            with torch.no_grad():
                target = self.image_discriminator(x)[1]
            return squared_error(self.image_discriminator(x_rec)[1], target)

    def training_step(self, x: torch.Tensor, step: int, generator: torch.Generator) -> dict[str, torch.Tensor]:
        n = x.shape[0]
        with torch.no_grad():  # CG is fixed in the AAE phase
            prior_codes = self.code_generator(self.noise(n, generator))
        losses = aae_phase(
            encode=self.encoder, decoder=self.decoder, code_discriminator=self.code_discriminator,
            optimizers=self.optimizers, x=x, prior_codes=prior_codes,
            reconstruction=self.reconstruction_loss,
            adversarial_weight=self.options.adversarial_weight,
            decoder_weight=self.options.perceptual_weight,
        )
        losses |= prior_improvement_phase(
            code_generator=self.code_generator, decoder=self.decoder,
            image_discriminator=self.image_discriminator, optimizers=self.optimizers, x=x,
            noise=self.noise(n, generator), update_decoder=self.options.decoder_in_prior_phase,
        )
        return losses
