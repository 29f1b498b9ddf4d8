"""Loss functions shared by the models, each written as the formula it implements.

Discriminators output logits ``l``; ``D = sigmoid(l)``. The paper's adversarial objectives
(Eqs. 4, 5) are ``L_GAN = log D(real) + log(1 - D(fake))``, which the discriminator maximises.
"""

from __future__ import annotations

import math

import torch
import torch.nn.functional as F

from lpaae.devices import to_device


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


def balanced_accuracy(real_logits: torch.Tensor, fake_logits: torch.Tensor,
                      threshold: float = 0.0) -> torch.Tensor:
    """A discriminator's accuracy, half on real inputs (called real: ``logit > threshold``), half
    on fakes (called fake)."""
    return 0.5 * ((real_logits > threshold).float().mean()
                  + (fake_logits <= threshold).float().mean())


def squared_error(a: torch.Tensor, b: torch.Tensor) -> torch.Tensor:
    """Mean over the batch of the per-example squared L2 distance ``||a - b||^2`` (summed over
    pixels or features, as Eq. 6 writes it).

    This is the pixel squared error for images, and Eq. 6's perceptual loss for D_I features.
    The sum, not a per-element mean, sets the reconstruction's weight against the adversarial
    term in the encoder's loss (``L_GAN^C + L_rec``): averaged over elements, the reconstruction
    is hundreds of times weaker and the autoencoders barely reconstruct.
    """
    return (a - b).pow(2).flatten(1).sum(1).mean()


def gaussian_log_density(z: torch.Tensor, mean: torch.Tensor, log_var: torch.Tensor) -> torch.Tensor:
    """``log N(z; mean, diag(exp(log_var)))`` summed over the last dimension."""
    return -0.5 * (math.log(2 * math.pi) + log_var + (z - mean).pow(2) / log_var.exp()).sum(-1)


def standard_normal_log_density(z: torch.Tensor) -> torch.Tensor:
    return -0.5 * (math.log(2 * math.pi) + z.pow(2)).sum(-1)


def least_squares_discriminator_loss(real_logits: torch.Tensor, fake_logits: torch.Tensor) -> torch.Tensor:
    """LSGAN (Mao et al.), targets 1 for real and 0 for fake:
    ``1/2 mean (D(real) - 1)^2 + 1/2 mean D(fake)^2`` on the raw critic outputs."""
    return 0.5 * (real_logits - 1).pow(2).mean() + 0.5 * fake_logits.pow(2).mean()


def least_squares_generator_loss(fake_logits: torch.Tensor) -> torch.Tensor:
    """LSGAN: ``1/2 mean (D(fake) - 1)^2``."""
    return 0.5 * (fake_logits - 1).pow(2).mean()


def wasserstein_critic_loss(real_logits: torch.Tensor, fake_logits: torch.Tensor) -> torch.Tensor:
    """WGAN: ``mean D(fake) - mean D(real)`` (the critic maximises the difference)."""
    return fake_logits.mean() - real_logits.mean()


def wasserstein_generator_loss(fake_logits: torch.Tensor) -> torch.Tensor:
    return -fake_logits.mean()


def gradient_penalty(critic, real: torch.Tensor, fake: torch.Tensor,
                     generator: torch.Generator) -> torch.Tensor:
    """WGAN-GP (Gulrajani et al.): ``mean (||grad_x D(x_hat)||_2 - 1)^2`` at random points
    ``x_hat = e * real + (1 - e) * fake``, ``e ~ U[0, 1]`` per example (weight applied by the
    caller). ``critic`` maps images to one score per image."""
    e = to_device(torch.rand(real.shape[0], *[1] * (real.dim() - 1), generator=generator),
                  real.device)
    x_hat = (e * real.detach() + (1 - e) * fake.detach()).requires_grad_(True)
    (grad,) = torch.autograd.grad(critic(x_hat).sum(), x_hat, create_graph=True)
    return (grad.flatten(1).norm(dim=1) - 1).pow(2).mean()


def r1_penalty(real_logits: torch.Tensor, real_inputs: torch.Tensor) -> torch.Tensor:
    """R1 (Mescheder et al., 2018): ``1/2 mean ||grad_x D(x)||^2`` over the real inputs, the
    gradient of the logit (weight applied by the caller). ``real_inputs`` must require grad and
    ``real_logits`` come from them. It penalises a discriminator only where the real data lies,
    so the equilibrium (D indifferent, fakes matching reals) is unchanged, while the
    discriminator cannot grow the steep walls around the real samples that make the game
    oscillate instead of converge."""
    (grad,) = torch.autograd.grad(real_logits.sum(), real_inputs, create_graph=True)
    return 0.5 * grad.flatten(1).pow(2).sum(1).mean()


def information_loss(q_logits: torch.Tensor, labels: torch.Tensor) -> torch.Tensor:
    """Eq. 7, ``L_I = -E log Q(s | dec(z_c))``: the cross-entropy of Q's logits against the labels
    ``s`` the images were generated from (the variational bound of InfoGAN, up to H(s))."""
    return F.cross_entropy(q_logits, labels)


#: Image-space GAN objectives by name: (critic loss on logits, generator loss on fake logits).
#: "standard" is the paper's L_GAN^I; the others are the Table 2 baselines' objectives.
GAN_OBJECTIVES = {
    "standard": (discriminator_loss, generator_loss),
    "least_squares": (least_squares_discriminator_loss, least_squares_generator_loss),
    "wasserstein": (wasserstein_critic_loss, wasserstein_generator_loss),
}

#: Where each objective's critic output separates "real" from "fake": the logit's 0 (D = 1/2),
#: and LSGAN's midpoint between its targets 0 and 1. A Wasserstein critic's score has none (only
#: differences of scores mean something), so its accuracy is not defined.
DECISION_THRESHOLDS = {"standard": 0.0, "least_squares": 0.5}
