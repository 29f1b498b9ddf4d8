"""AAE (Makhzani et al.): Gaussian prior, D_C on codes, pixel MSE. The AAE phase of Algorithm 1
with ``CG`` replaced by the identity, so it shares :func:`lpaae.phases.aae_phase` with our model."""

from __future__ import annotations

from dataclasses import dataclass

import torch

from lpaae.config import NetworkConfig
from lpaae.losses import squared_error
from lpaae.diagnostics import CodeSample
from lpaae.networks import CodeDiscriminator, Decoder
from lpaae.phases import AAEPhaseOptions, AdversarialAutoencoder, aae_optimizers, aae_phase


@dataclass(frozen=True)
class AAEOptions(AAEPhaseOptions):
    """Everything the AAE phase takes (the AAE adds no option of its own)."""


class AAE(AdversarialAutoencoder):
    name = "aae"
    Options = AAEOptions

    def __init__(self, net: NetworkConfig, options: AAEOptions):
        super().__init__(net, options)  # builds the encoder
        self.decoder = Decoder(net)
        self.code_discriminator = CodeDiscriminator(
            net, spread_head=options.code_spread_weight > 0)

    def make_optimizers(self) -> dict[str, torch.optim.Optimizer]:
        return aae_optimizers(self.encoder, self.decoder, self.code_discriminator, self.options)

    def codes_from_noise(self, noise: torch.Tensor, generator: torch.Generator) -> torch.Tensor:
        return noise

    def training_step(self, x: torch.Tensor, labels: torch.Tensor, step: int,
                      generator: torch.Generator) -> dict[str, torch.Tensor]:
        return aae_phase(
            encode=lambda images: self.encode(images, generator), decoder=self.decoder,
            code_discriminator=self.code_discriminator, optimizers=self.optimizers, x=x,
            prior_codes=self.noise(x.shape[0], generator), reconstruction=squared_error,
            adversarial_weight=self.options.adversarial_weight,
            regularization=self.options.regularization,
            code_gradient_penalty=self.options.code_gradient_penalty,
            spread_weight=self.options.code_spread_weight,
            code_noise=self.code_noise(generator),
        )

    def code_sample(self, x: torch.Tensor, labels: torch.Tensor,
                    generator: torch.Generator) -> CodeSample:
        return CodeSample(self.encode(x, generator), self.noise(len(x), generator), labels,
                          critic=lambda codes, _: self.code_discriminator(codes))
