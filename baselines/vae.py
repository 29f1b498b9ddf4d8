"""VAE (Kingma & Welling): Gaussian prior, KL regularisation; mean and log-variance come from the
shared encoder trunk (``Encoder(heads=2)``). VampPrior subclasses it and changes only the prior."""

from __future__ import annotations

from dataclasses import dataclass

import torch

from lpaae.config import NetworkConfig, check_choice
from lpaae.diagnostics import CodeSample
from lpaae.losses import gaussian_log_density, standard_normal_log_density
from lpaae.model import GenerativeModel, adam
from lpaae.networks import Decoder, Encoder, gaussian_sample, mean_and_log_var

#: The decoder's pixel likelihood p(x|z), a Gaussian around dec(z) with a variance shared by every
#: pixel: "fixed" at 1/2 (the negative log-likelihood is the summed squared error), or
#: "calibrated" at its maximum-likelihood value, the batch's mean squared error (the optimal
#: sigma-VAE of Rybkin et al., 2021). Measured on MNIST (mnist-cpu scale, three seeds,
#: docs/measurements/pixel-likelihood-mnist/): calibrated gave both models a better IS, FID and
#: recall (VAE IS 3.51 vs 3.21, FID 109 vs 159; VampPrior IS 2.91 vs 2.07, FID 175 vs 413), a
#: lower precision, and ended VampPrior's posterior collapse, at the price of posterior codes
#: further from the prior (two-sample accuracy about 0.9 vs 0.6): as the fit improves, the
#: calibrated variance shrinks and the KL loses weight.
#: (On the 8x8 digits smoke test, one seed, the sample scores went the other way.)
PIXEL_LIKELIHOODS = ("fixed", "calibrated")


@dataclass(frozen=True)
class VAEOptions:
    lr: float = 5e-4
    betas: tuple[float, float] = (0.9, 0.999)
    #: Steps over which the KL weight rises linearly from 0 to 1 (0: no warm-up).
    warmup_steps: int = 0
    #: One of :data:`PIXEL_LIKELIHOODS`.
    pixel_likelihood: str = "calibrated"

    def __post_init__(self):
        check_choice("pixel_likelihood", self.pixel_likelihood, PIXEL_LIKELIHOODS)


class VAE(GenerativeModel):
    """Loss per image: ``-log p(x | z) + beta * (log q(z|x) - log p(z))``, with one sample
    ``z ~ q(z|x)`` and the pixel likelihood of :data:`PIXEL_LIKELIHOODS`. The KL term is the
    single-sample estimate the official VampPrior code uses for every prior, so VAE and VampPrior
    differ only in ``log_prior``."""

    name = "vae"
    Options = VAEOptions

    def __init__(self, net: NetworkConfig, options: VAEOptions):
        super().__init__(net, options)
        self.encoder = Encoder(net, heads=2)
        self.decoder = Decoder(net)

    def make_optimizers(self) -> dict[str, torch.optim.Optimizer]:
        return {"autoencoder": adam([self.encoder, self.decoder], self.options.lr,
                                    self.options.betas)}

    def posterior(self, x: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
        return mean_and_log_var(self.encoder(x))

    def log_prior(self, z: torch.Tensor) -> torch.Tensor:
        return standard_normal_log_density(z)

    def codes_from_noise(self, noise: torch.Tensor, generator: torch.Generator) -> torch.Tensor:
        return noise

    def code_sample(self, x: torch.Tensor, labels: torch.Tensor,
                    generator: torch.Generator) -> CodeSample:
        """Posterior samples ``z ~ q(z|x)`` (the aggregated posterior) against prior samples."""
        mean, log_var = self.posterior(x)
        posterior = gaussian_sample(mean, log_var, self.noise(len(x), generator))
        return CodeSample(posterior, self.codes_from_noise(self.noise(len(x), generator), generator),
                          labels)

    def reconstruction_nll(self, x_rec: torch.Tensor, x: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
        """``-log p(x | z)`` averaged over the batch (up to a constant), and the pixel variance."""
        squared = (x_rec - x).pow(2).flatten(1).sum(1)
        if self.options.pixel_likelihood == "fixed":
            return squared.mean(), torch.tensor(0.5)
        pixels = x[0].numel()
        # At variance = MSE, the gradient of pixels/2 * log(MSE) equals that of
        # squared / (2 * variance) with the variance held fixed: no gradient through it needed.
        variance = (squared.mean() / pixels).detach().clamp_min(1e-6)
        return (squared / (2 * variance)).mean() + 0.5 * pixels * variance.log(), variance

    def kl_weight(self, step: int) -> float:
        warmup = self.options.warmup_steps
        return 1.0 if warmup <= 0 else min(1.0, (step + 1) / warmup)

    def training_step(self, x: torch.Tensor, labels: torch.Tensor, step: int,
                      generator: torch.Generator) -> dict[str, torch.Tensor]:
        mean, log_var = self.posterior(x)
        z = gaussian_sample(mean, log_var, self.noise(x.shape[0], generator))
        rec, variance = self.reconstruction_nll(self.decoder(z), x)
        kl = (gaussian_log_density(z, mean, log_var) - self.log_prior(z)).mean()
        beta = self.kl_weight(step)
        loss = rec + beta * kl
        self.optimizers["autoencoder"].zero_grad(set_to_none=True)
        loss.backward()
        self.optimizers["autoencoder"].step()
        return {"reconstruction_loss": rec.detach(), "kl": kl.detach(), "kl_weight": beta,
                "pixel_variance": variance}
