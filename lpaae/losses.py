"""Loss functions shared by the models, each written as the formula it implements.

Discriminators output logits ``l``; ``D = sigmoid(l)``. The paper's adversarial objectives
(Eqs. 4, 5) are ``L_GAN = log D(real) + log(1 - D(fake))``, which the discriminator maximises.
"""

from __future__ import annotations

import math

import torch
import torch.nn.functional as F


def discriminator_loss(real_logits: torch.Tensor, fake_logits: torch.Tensor) -> torch.Tensor:
    """``-L_GAN = -mean log D(real) - mean log(1 - D(fake))``: what a discriminator minimises."""
    return (F.binary_cross_entropy_with_logits(real_logits, torch.ones_like(real_logits))
            + F.binary_cross_entropy_with_logits(fake_logits, torch.zeros_like(fake_logits)))


def generator_loss(fake_logits: torch.Tensor) -> torch.Tensor:
    """``-mean log D(fake)``: the non-saturating form of minimising ``log(1 - D(fake))``.

    Algorithm 1 writes the generator-side update as descending ``L_GAN``; its gradient vanishes
    when D confidently rejects the fakes, so, as Goodfellow et al. recommend and every AAE
    implementation does, the fake side is trained to be called real instead. The fixed point is
    the same.
    """
    return F.binary_cross_entropy_with_logits(fake_logits, torch.ones_like(fake_logits))


def squared_error(a: torch.Tensor, b: torch.Tensor) -> torch.Tensor:
    """Mean over the batch of the per-example squared L2 distance ``||a - b||^2``, divided by the
    number of elements per example so the scale does not depend on image or feature size.

    This is pixel MSE for images, and Eq. 6's perceptual loss for D_I features.
    """
    return (a - b).pow(2).flatten(1).mean(1).mean()


def gaussian_log_density(z: torch.Tensor, mean: torch.Tensor, log_var: torch.Tensor) -> torch.Tensor:
    """``log N(z; mean, diag(exp(log_var)))`` summed over the last dimension."""
    return -0.5 * (math.log(2 * math.pi) + log_var + (z - mean).pow(2) / log_var.exp()).sum(-1)


def standard_normal_log_density(z: torch.Tensor) -> torch.Tensor:
    return -0.5 * (math.log(2 * math.pi) + z.pow(2)).sum(-1)
