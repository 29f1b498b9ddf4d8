"""Table 2's GANs on the suite's parts: our decoder is the generator and the image discriminator
D_I the critic, so DCGAN, LSGAN and WGAN-GP differ from each other only in the objective. All use
:func:`lpaae.phases.image_gan_phase`, the same step as the paper's prior-improvement phase.

BEGAN is not included: its discriminator is an autoencoder, which does not fit D_I; Table 2 shows
the paper's cited BEGAN score without a measurement of ours.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

import torch

from lpaae.config import NetworkConfig
from lpaae.model import GenerativeModel, ImageAdversarialOptions, adam
from lpaae.networks import Decoder, ImageDiscriminator
from lpaae.phases import image_gan_phase


@dataclass(frozen=True)
class GANOptions(ImageAdversarialOptions):
    #: Critic updates per generator update, each on a fresh real mini-batch.
    critic_steps: int = 1
    gradient_penalty: float = 0.0


@dataclass(frozen=True)
class WGANGPOptions(GANOptions):
    """Gulrajani et al.'s defaults: Adam(1e-4, betas 0 / 0.9), 5 critic steps, penalty 10. (Its
    five critic steps per generator step play the part a faster D_I plays in the 1:1 games;
    not measured here.)"""

    lr: float = 1e-4
    lr_image_discriminator: float = 1e-4
    betas: tuple[float, float] = (0.0, 0.9)
    critic_steps: int = 5
    gradient_penalty: float = 10.0


class ImageGAN(GenerativeModel):
    Options = GANOptions
    #: Name of the objective in :data:`lpaae.losses.GAN_OBJECTIVES`.
    objective: ClassVar[str]
    #: Normalisation in the critic (:class:`lpaae.networks.ImageDiscriminator`).
    critic_norm: ClassVar[str] = "batch"

    def __init__(self, net: NetworkConfig, options: GANOptions):
        super().__init__(net, options)
        self.decoder = Decoder(net)
        self.image_discriminator = ImageDiscriminator(net, norm=self.critic_norm,
                                                      reads_minibatch_std=options.image_minibatch_std)
        self.batches_per_step = options.critic_steps

    def make_optimizers(self) -> dict[str, torch.optim.Optimizer]:
        o = self.options
        return {"decoder": adam(self.decoder, o.lr, o.betas),
                "image_discriminator": adam(self.image_discriminator, o.lr_image_discriminator,
                                            o.betas)}

    def codes_from_noise(self, noise: torch.Tensor, generator: torch.Generator) -> torch.Tensor:
        return noise

    def training_step(self, x: torch.Tensor, labels: torch.Tensor, step: int,
                      generator: torch.Generator) -> dict[str, torch.Tensor]:
        return image_gan_phase(
            generate=lambda: self.decoder(self.noise(x.shape[0] // self.options.critic_steps, generator)),
            image_discriminator=self.image_discriminator, optimizers=self.optimizers,
            generator_keys=["decoder"], x=x, objective=self.objective,
            critic_steps=self.options.critic_steps,
            gradient_penalty_weight=self.options.gradient_penalty, rng=generator)


class DCGAN(ImageGAN):
    name = "dcgan"
    objective = "standard"


class LSGAN(ImageGAN):
    name = "lsgan"
    objective = "least_squares"


class WGANGP(ImageGAN):
    name = "wgan_gp"
    Options = WGANGPOptions
    objective = "wasserstein"
    # The gradient penalty is taken per example; batch norm would make each example's critic
    # value depend on the rest of the batch (Gulrajani et al., Section 4).
    critic_norm = "layer"
