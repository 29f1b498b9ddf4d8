"""What every model in the suite offers the trainer, the sampler and the figures.

A model owns its networks and their optimisers (built at first use, so a model loaded to sample
builds none); :meth:`GenerativeModel.training_step` performs one full update on a mini-batch, and
:meth:`GenerativeModel.sample` decodes codes drawn from the model's prior. Sampling takes the
base noise as an argument, so different models can be driven by one fixed latent batch (Figure 6).
"""

from __future__ import annotations

import contextlib
import functools
from dataclasses import dataclass
from typing import Any, ClassVar, Iterator

import torch
from torch import nn

from lpaae.config import NetworkConfig
from lpaae.devices import to_device


@contextlib.contextmanager
def frozen(*modules: nn.Module) -> Iterator[None]:
    """Stop gradients from reaching the parameters of ``modules`` (they still pass through them).

    Used wherever Algorithm 1 evaluates a network whose parameters the current step must not
    update, so no gradient is computed for them at all.
    """
    params = [p for m in modules for p in m.parameters()]
    flags = [p.requires_grad for p in params]
    for p in params:
        p.requires_grad_(False)
    try:
        yield
    finally:
        for p, flag in zip(params, flags):
            p.requires_grad_(flag)


@contextlib.contextmanager
def evaluating(module: nn.Module) -> Iterator[None]:
    """Eval mode (batch norm on running statistics) for the block, then the previous mode."""
    was_training = module.training
    module.eval()
    try:
        yield
    finally:
        module.train(was_training)


class GenerativeModel(nn.Module):
    """Base class of the paper's model and the baselines."""

    #: The name the config and the DAG use (``models.<name>``); :mod:`lpaae.registry` lists
    #: every model under it.
    name: ClassVar[str] = ""
    #: Dataclass of the model's options, read from ``models.<name>`` in the config.
    Options: ClassVar[type]

    @classmethod
    def check(cls, net: NetworkConfig, options: Any) -> None:
        """Raise :class:`lpaae.config.ConfigError` if ``options`` cannot work with ``net`` (a
        model with constraints across keys overrides this; it runs before any network is built,
        and at DAG build time for every run the DAG will train)."""

    def __init__(self, net: NetworkConfig, options: Any):
        self.check(net, options)
        super().__init__()
        self.net_config = net
        self.options = options

    #: Real mini-batches a training step consumes, concatenated into its ``x`` (a WGAN critic
    #: that takes several steps per generator step sees a fresh batch in each).
    batches_per_step: int = 1

    # -- what a model defines -------------------------------------------------------------------
    @property
    def noise_size(self) -> int:
        """Dimension of the base noise that :meth:`codes_from_noise` takes."""
        return self.net_config.code_size

    def codes_from_noise(self, noise: torch.Tensor, generator: torch.Generator) -> torch.Tensor:
        """Draw codes from the model's prior, driven by standard-normal ``noise``."""
        raise NotImplementedError

    def decode(self, codes: torch.Tensor) -> torch.Tensor:
        return self.decoder(codes)

    def make_optimizers(self) -> dict[str, torch.optim.Optimizer]:
        """The optimisers of :meth:`training_step`, by name (a checkpoint saves their states
        under these names). Called once, at the first use of :attr:`optimizers`."""
        raise NotImplementedError

    def training_step(self, x: torch.Tensor, labels: torch.Tensor, step: int,
                      generator: torch.Generator) -> dict[str, torch.Tensor]:
        """One update on the mini-batch ``x`` (images in [-1, 1]) with its class ``labels`` (used
        only by the supervised setting); returns the losses to log
        (detached tensors, read only at logging steps to avoid a device sync per step).

        ``generator`` is the run's CPU random generator: every random draw of a step comes from
        it, so a checkpointed run resumes on exactly the same random stream.
        """
        raise NotImplementedError

    def code_sample(self, x: torch.Tensor, labels: torch.Tensor, generator: torch.Generator):
        """Codes of the images ``x`` (with their ``labels``) and as many codes of the prior the
        encoder is trained towards, as a :class:`lpaae.diagnostics.CodeSample`; ``None`` for
        models without an encoder. Called in eval mode, without gradients."""
        return None

    def initialize(self, data: Any, generator: torch.Generator) -> None:
        """Before the first step of a fresh run: set what a model initialises from the training
        images ``data`` (a :class:`lpaae.data.ImageData`), drawing from ``generator`` (its own,
        not the run's stream). Nothing by default; a resumed run then loads its checkpoint over
        it."""

    def recalibrate(self, batches: list[torch.Tensor], generator: torch.Generator) -> None:
        """After training: recompute the running statistics of the batch norms that map data to
        codes (:func:`recalibrate_batch_norm`): the encoder's, on ``batches`` of training images;
        models with a learned prior add their prior's, drawn from ``generator``."""
        if getattr(self, "encoder", None) is not None:
            recalibrate_batch_norm(self.encoder, batches)

    # -- shared behaviour -----------------------------------------------------------------------
    @functools.cached_property
    def optimizers(self) -> dict[str, torch.optim.Optimizer]:
        """:meth:`make_optimizers`, built at first use: a model loaded to sample or to be
        evaluated builds none. (A process's first optimiser imports ``torch._dynamo``, 3 of the
        6 CPU-seconds a sampling job took on a 2-core VM, measured 2026-12-02.)"""
        try:
            return self.make_optimizers()
        except AttributeError as error:
            # Re-raised as another type: nn.Module.__getattr__ would turn an AttributeError
            # here into "no attribute 'optimizers'" and hide the real one.
            raise RuntimeError(f"{type(self).__name__}.make_optimizers failed: {error}") from error

    @property
    def device(self) -> torch.device:
        return next(self.parameters()).device

    def noise(self, n: int, generator: torch.Generator, size: int | None = None) -> torch.Tensor:
        """Standard-normal noise drawn on the CPU generator, copied to the model's device."""
        return to_device(torch.randn(n, size or self.noise_size, generator=generator), self.device)

    @torch.no_grad()
    def sample(self, noise: torch.Tensor, generator: torch.Generator) -> torch.Tensor:
        """Images in [-1, 1] decoded from prior codes, with every network in eval mode."""
        with evaluating(self):
            return self.decode(self.codes_from_noise(noise.to(self.device), generator))

    def checkpoint_state(self) -> dict[str, Any]:
        return {"networks": self.state_dict(),
                "optimizers": {k: opt.state_dict() for k, opt in self.optimizers.items()}}

    def load_checkpoint_state(self, state: dict[str, Any]) -> None:
        self.load_state_dict(state["networks"])
        for key, opt in self.optimizers.items():
            opt.load_state_dict(state["optimizers"][key])


@torch.no_grad()
def recalibrate_batch_norm(module: torch.nn.Module, batches) -> None:
    """Set the running statistics of every batch norm in ``module`` to their plain average over
    ``batches`` of inputs, at the final weights ("precise BN").

    During training, running statistics are an exponential average over the last ~10 steps and
    lag behind weights that keep moving: measured on the default AAE, eval-mode codes of held-out
    images were shifted by 0.37 prior standard deviations per dimension from the train-mode codes
    D_C had judged, which alone made them separable from the prior. Recomputed, the shift was 0.05.
    (The decoder keeps its running statistics: it is trained on encoder and prior codes alike.)
    """
    norms = [m for m in module.modules() if isinstance(m, torch.nn.modules.batchnorm._BatchNorm)
             and m.track_running_stats]
    if not norms:
        return
    momenta = [m.momentum for m in norms]
    for m in norms:
        m.reset_running_stats()
        m.momentum = None  # cumulative average
    was_training = module.training
    module.train()
    for x in batches:
        module(x)
    module.train(was_training)
    for m, momentum in zip(norms, momenta):
        m.momentum = momentum


@dataclass(frozen=True)
class AdversarialOptimizerOptions:
    """Adam settings shared by every model with a discriminator (DCGAN defaults); each kind of
    discriminator adds its own learning rate (:class:`ImageAdversarialOptions`,
    :class:`lpaae.phases.AAEPhaseOptions`)."""

    #: Adam learning rate of the networks other than the discriminators.
    lr: float = 2e-4
    betas: tuple[float, float] = (0.5, 0.999)


@dataclass(frozen=True)
class ImageAdversarialOptions(AdversarialOptimizerOptions):
    """Adam settings of a model with an image discriminator D_I (ours and Table 2's GANs; WGAN-GP,
    whose critic takes five steps per generator step, keeps its authors' equal rates)."""

    #: Adam learning rate of D_I: four times the generator's ``lr``, a two time-scale update
    #: (Heusel et al., 2017; the paper gives no learning rates). At 2e-4, the generator's rate,
    #: the generator outran D_I from the first steps (fakes scored more real than reals by step
    #: 10) and D_I stayed at chance all run while a fresh critic told its samples from held-out
    #: digits 91-98 % of the time. At 8e-4, on MNIST (mnist-cpu.yaml, 1,500 steps, seeds 0-2),
    #: FID fell for every model and seed: DCGAN 93, 95, 116 -> 64, 49, 48; LSGAN 80, 90, 167 ->
    #: 45, 50, 49; ours 53, 52, 54 -> 38, 29, 32 (docs/measurements/image-discriminator-2026-12-04).
    lr_image_discriminator: float = 8e-4
    #: D_I's logit also reads its features' standard deviation over the batch
    #: (:func:`lpaae.networks.minibatch_std`, Karras et al. 2018; not in the paper), against a
    #: generator that covers few modes. Off (Table A.3's D_I): on CIFAR-10 it helped DCGAN at
    #: eight times the shipped budget but not at the shipped one, and did not stop ours' prior
    #: from collapsing (docs/measurements/decoder-prior-rate-2026-12-05).
    image_minibatch_std: bool = False


def adam(modules: nn.Module | list[nn.Module], lr: float, betas: tuple[float, float]) -> torch.optim.Adam:
    """Adam over the parameters of one or more modules, as one fused kernel per parameter group
    (on a GPU the per-parameter launches of the default implementation outnumber a small
    network's own kernels; the CPU has a fused kernel too)."""
    modules = modules if isinstance(modules, list) else [modules]
    params = [p for m in modules for p in m.parameters()]
    return torch.optim.Adam(params, lr=lr, betas=tuple(betas), fused=True)
