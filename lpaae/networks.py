"""The autoencoder and the two discriminators of the paper (Tables A.1 and A.3).

Every network is sized by an :class:`~lpaae.config.NetworkConfig`: ``width`` is the channel count
of the first stage (64 in the paper), ``image_size`` picks the number of resolution stages (8 px:
1, 16 px: 2, 32 px: 3, 64 px: 4; each stage halves the side, down to a 4 x 4 map), ``channels``
is 1 or 3 and ``code_size`` the latent dimension. The paper's networks are ``width=64, image_size=32``.

Choices where Table A.1/A.3 are ambiguous (written down here, once):

* Encoder: the table's first 3x3 conv says "stride 2", yet the encoder ends in a "4x4 avg. pooling"
  after three stride-2 residual blocks, and the decoder starts from a 4x4 map and upsamples three
  times to 32 px. Both only fit if the first conv keeps the resolution, so it has stride 1; the
  final pooling then averages the 4x4 map to 1x1, mirroring the decoder.
* Residual blocks follow Table A.2 (conv-ReLU-conv, ``output = input + residual``, ReLU). When a
  block changes resolution or width, the skip path is a 1x1 conv (with nearest-neighbour
  upsampling in the decoder) so the sum is defined.
* The decoder's upsampling blocks use a 4x4 stride-2 transposed conv as their first layer and batch
  norm after each conv (the table gives BN for the first layer only; BN in every decoder layer is
  the DCGAN practice the table's first layer follows).
* The image discriminator's middle row is garbled in the paper ("conv. 64" twice, BN only on the
  last); we use widths w, 2w, 4w, ... with BN on all but the first conv, as in DCGAN. Its batch
  norm keeps no running statistics: D_I is only ever applied to training batches, and this keeps
  the perceptual loss from changing D_I's state in the AAE phase, where Algorithm 1 fixes D_I.
  ``norm="layer"`` replaces it by a per-example layer norm (``GroupNorm(1, C)``): the WGAN-GP
  critic's, since a gradient penalty per example is invalid under batch norm (Gulrajani et al.).
* D_I and D_C return logits; the sigmoid of Table A.3 lives in the losses
  (``binary_cross_entropy_with_logits``) for numerical stability.
"""

from __future__ import annotations

import math

import torch
from torch import nn

from lpaae.config import NetworkConfig


def resolution_stages(image_size: int) -> int:
    """Number of stride-2 stages between a 4x4 map and an image of ``image_size`` pixels."""
    stages = int(math.log2(image_size)) - 2
    if image_size not in (8, 16, 32, 64):
        raise ValueError(f"network.image_size must be 8, 16, 32 or 64, got {image_size}")
    return stages


class PointwiseDownsample(nn.Conv2d):
    """A 1x1 stride-2 conv, computed as the 1x1 conv of every second pixel (the same sum).

    oneDNN's own 1x1 stride-2 kernel on channels-last tensors writes past its workspace when the
    input has fewer channels than its block (8 on AVX2 CPUs; uxlfoundation/oneDNN#6035): heap
    corruption ("double free or corruption") or wrong weight gradients, seen at width 4 on an
    AMD EPYC (torch 2.14.1; every test that trained a width-4 network aborted). Subsampling
    first takes the stride-1 path, which is correct; at 16-64 input channels outputs and
    gradients equal the strided kernel's bit for bit (at 8, to float rounding; checked on that
    CPU). Same parameters, so checkpoints of either form load into the other."""

    def __init__(self, in_channels: int, out_channels: int):
        super().__init__(in_channels, out_channels, 1)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return super().forward(x[:, :, ::2, ::2])


class ResidualBlock(nn.Module):
    """Table A.2's residual block: conv-ReLU-conv plus a skip, then ReLU.

    ``resample`` is ``"down"`` (first conv 3x3 stride 2), ``"up"`` (first conv a 4x4 stride-2
    transposed conv) or ``None`` (resolution kept).
    """

    def __init__(self, in_channels: int, out_channels: int, resample: str | None = None,
                 batch_norm: bool = False):
        super().__init__()
        if resample == "down":
            first = nn.Conv2d(in_channels, out_channels, 3, stride=2, padding=1)
        elif resample == "up":
            first = nn.ConvTranspose2d(in_channels, out_channels, 4, stride=2, padding=1)
        elif resample is None:
            first = nn.Conv2d(in_channels, out_channels, 3, stride=1, padding=1)
        else:
            raise ValueError(f"resample must be 'down', 'up' or None, got {resample!r}")
        norm = (lambda: nn.BatchNorm2d(out_channels)) if batch_norm else nn.Identity
        self.residual = nn.Sequential(
            first, norm(), nn.ReLU(inplace=True),
            nn.Conv2d(out_channels, out_channels, 3, stride=1, padding=1), norm(),
        )
        if resample is None and in_channels == out_channels:
            self.skip = nn.Identity()
        elif resample == "down":
            self.skip = PointwiseDownsample(in_channels, out_channels)
        elif resample == "up":
            # A 1x1 conv commutes with nearest-neighbour upsampling; convolving first works on a
            # quarter of the pixels (and, in the decoder, on the narrower side).
            self.skip = nn.Sequential(nn.Conv2d(in_channels, out_channels, 1),
                                      nn.Upsample(scale_factor=2, mode="nearest"))
        else:
            self.skip = nn.Conv2d(in_channels, out_channels, 1)
        self.activation = nn.ReLU(inplace=True)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.activation(self.skip(x) + self.residual(x))


class Encoder(nn.Module):
    """Table A.1, left column. ``heads`` stacks that many ``code_size`` outputs on the last layer
    (the VAE family uses 2: mean and log-variance from the same trunk)."""

    def __init__(self, net: NetworkConfig, heads: int = 1):
        super().__init__()
        stages = resolution_stages(net.image_size)
        w = net.width
        layers: list[nn.Module] = [nn.Conv2d(net.channels, w, 3, stride=1, padding=1),
                                   nn.ReLU(inplace=True), ResidualBlock(w, w)]
        for i in range(stages):
            layers.append(ResidualBlock(w * 2 ** i, w * 2 ** (i + 1), resample="down"))
        layers += [nn.AvgPool2d(4, stride=1), nn.Flatten()]
        self.features = nn.Sequential(*layers)
        self.head = nn.Sequential(
            nn.Linear(w * 2 ** stages, 2 * net.code_size), nn.BatchNorm1d(2 * net.code_size),
            nn.ReLU(inplace=True), nn.Linear(2 * net.code_size, heads * net.code_size),
        )

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.head(self.features(x))


#: Clamp of a Gaussian encoder's log-variance, as in the official VampPrior code: keeps
#: ``exp(log_var)`` finite early in training.
LOG_VAR_RANGE = (-6.0, 2.0)


def mean_and_log_var(encoder_output: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
    """Read an ``Encoder(heads=2)`` output as a Gaussian's mean and clamped log-variance."""
    mean, log_var = encoder_output.chunk(2, dim=1)
    return mean, log_var.clamp(*LOG_VAR_RANGE)


def gaussian_sample(mean: torch.Tensor, log_var: torch.Tensor, noise: torch.Tensor) -> torch.Tensor:
    """``mean + std * noise``: the re-parameterised sample of a diagonal Gaussian, for standard
    normal ``noise`` (the VAE's, VampPrior's and a Gaussian-posterior AAE's codes)."""
    return mean + (0.5 * log_var).exp() * noise


class Decoder(nn.Module):
    """Table A.1, right column: a code to an image in [-1, 1]."""

    def __init__(self, net: NetworkConfig):
        super().__init__()
        stages = resolution_stages(net.image_size)
        w = net.width
        top = w * 2 ** stages
        layers: list[nn.Module] = [
            nn.Unflatten(1, (net.code_size, 1, 1)),
            nn.ConvTranspose2d(net.code_size, top, 4, stride=1), nn.BatchNorm2d(top),
            nn.ReLU(inplace=True),
        ]
        for i in reversed(range(stages)):
            layers.append(ResidualBlock(w * 2 ** (i + 1), w * 2 ** i, resample="up",
                                        batch_norm=True))
        layers += [nn.Conv2d(w, net.channels, 3, padding=1), nn.Tanh()]
        self.net = nn.Sequential(*layers)

    def forward(self, z: torch.Tensor) -> torch.Tensor:
        return self.net(z)


def minibatch_std(features: torch.Tensor) -> torch.Tensor:
    """Karras et al.'s (2018) minibatch standard deviation, one number per batch: each feature's
    standard deviation over the batch, averaged over the features. A batch of near-copies scores
    near 0, whatever each image looks like on its own."""
    return (features.var(0, unbiased=False) + 1e-8).sqrt().mean()


class ImageDiscriminator(nn.Module):
    """D_I of Table A.3. ``forward`` returns ``(logit, features)``; the features are the output
    of the last conv layer, flattened: the F(.) of the perceptual loss (Eq. 6).

    With ``reads_minibatch_std`` the logit also reads the batch's :func:`minibatch_std` of those
    features (not in the paper), so D_I can tell a batch of fakes that covers few modes from a
    batch of real images. The features themselves, and so the perceptual loss, do not read it.
    Every logit of a batch then depends on the whole batch: the critic must see real and fake
    images in separate passes, as :func:`lpaae.phases.image_gan_phase` does, and WGAN-GP's
    per-example gradient penalty regains the coupling across the batch that its layer norm
    avoids (Karras et al. used both together; not measured here)."""

    NORMS = {"batch": lambda c: nn.BatchNorm2d(c, track_running_stats=False),
             "layer": lambda c: nn.GroupNorm(1, c)}

    def __init__(self, net: NetworkConfig, norm: str = "batch", reads_minibatch_std: bool = False):
        super().__init__()
        if norm not in self.NORMS:
            raise ValueError(f"norm must be one of {sorted(self.NORMS)}, got {norm!r}")
        stages = resolution_stages(net.image_size)
        w = net.width
        layers: list[nn.Module] = [nn.Conv2d(net.channels, w, 4, stride=2, padding=1),
                                   nn.LeakyReLU(0.2, inplace=True)]
        for i in range(1, stages):
            layers += [nn.Conv2d(w * 2 ** (i - 1), w * 2 ** i, 4, stride=2, padding=1),
                       self.NORMS[norm](w * 2 ** i), nn.LeakyReLU(0.2, inplace=True)]
        layers.append(nn.Flatten())
        self.features = nn.Sequential(*layers)
        self.feature_size = w * 2 ** (stages - 1) * 4 * 4
        self.reads_minibatch_std = reads_minibatch_std
        self.real_fake = nn.Linear(self.feature_size + int(reads_minibatch_std), 1)

    def forward(self, x: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
        features = self.features(x)
        judged = features
        if self.reads_minibatch_std:
            judged = torch.cat([features, minibatch_std(features).expand(len(features), 1)], 1)
        return self.real_fake(judged).squeeze(1), features


#: Hidden units of D_C's spread head: it reads one number per batch.
SPREAD_HEAD_WIDTH = 16


def spread_statistic(codes: torch.Tensor) -> torch.Tensor:
    """How unevenly a batch of codes spreads over directions, whatever its scale:
    ``d * mean_{i != j} (z_i . z_j)^2 / (mean_i |z_i|^2)^2`` (a scalar). For codes of
    (uncentred) second-moment matrix ``S`` it estimates ``d tr(S^2) / tr(S)^2``: 1 for
    N(0, s^2 I), and ``d / k`` for centred codes spread evenly over only k directions (then the
    inverse share of :func:`lpaae.diagnostics.effective_dimensions`, which centres; a mean
    counts here as one more direction). Scaling every code leaves it unchanged, so an encoder
    can lower it only by spreading its codes, not by shrinking them. Needs two codes or more."""
    if len(codes) < 2:
        raise ValueError(f"spread_statistic needs a batch of at least 2 codes, got {len(codes)}")
    n, d = codes.shape
    gram = (codes @ codes.T).pow(2)
    mean_cross = (gram.sum() - gram.diagonal().sum()) / (n * (n - 1))
    return d * mean_cross / codes.pow(2).sum(1).mean().pow(2)


class CodeDiscriminator(nn.Module):
    """D_C of Table A.3: an MLP on codes (1000-500-200-1 in the paper), returning a logit per code.

    ``condition_size`` inputs (the supervised setting's one-hot s, Eq. 8) follow the code. With
    ``spread_head`` D_C also has a second, separate head (:meth:`spread_logit`): one logit per
    batch, read from the batch's :func:`spread_statistic`. A per-code MLP cannot see how a set
    of codes spreads over directions, so codes stretched along a few of them pass it; the spread
    head sees that, and its gradient reaches every code of the batch. The heads share no
    parameters and have their own losses (:func:`lpaae.phases.aae_phase`), so the per-code head
    learns what it would without the other."""

    def __init__(self, net: NetworkConfig, condition_size: int = 0, spread_head: bool = False):
        super().__init__()
        sizes = [net.code_size + condition_size, *net.code_discriminator_widths]
        layers: list[nn.Module] = []
        for n_in, n_out in zip(sizes[:-1], sizes[1:]):
            layers += [nn.Linear(n_in, n_out), nn.LeakyReLU(0.2, inplace=True)]
        layers.append(nn.Linear(sizes[-1], 1))
        self.net = nn.Sequential(*layers)
        self.spread_head = None
        if spread_head:
            # Drawn from a fork of the random stream, so that every other weight of the model
            # (the networks built after D_C too) is drawn as without the head.
            with torch.random.fork_rng(devices=[]):
                self.spread_head = nn.Sequential(nn.Linear(1, SPREAD_HEAD_WIDTH), nn.LeakyReLU(0.2),
                                                 nn.Linear(SPREAD_HEAD_WIDTH, 1))

    def forward(self, z: torch.Tensor, condition: torch.Tensor | None = None) -> torch.Tensor:
        inputs = z if condition is None else torch.cat([z, condition], 1)
        return self.net(inputs).squeeze(1)

    def spread_logit(self, z: torch.Tensor) -> torch.Tensor:
        """The spread head's logit (shape ``(1,)``) that the batch ``z`` is a batch of prior
        codes, from the log of its :func:`spread_statistic`."""
        if self.spread_head is None:
            raise RuntimeError("this D_C was built without a spread head (code_spread_weight: 0)")
        return self.spread_head(spread_statistic(z).clamp_min(1e-12).log().view(1, 1)).view(1)
