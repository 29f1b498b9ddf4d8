"""Every model the config and the DAG can name, in one table.

Modelled on torch-fidelity's registry, one way only: this module imports the implementations and
validates what it lists; the implementations never import it. A model declares its ``name`` and
its ``Options`` dataclass; adding one means writing its module and adding it to :data:`MODELS`
(CONTRIBUTING.md, "Add a model"). The tests check the config schema's model names against this table.
"""

from __future__ import annotations

import dataclasses

from baselines.aae import AAE
from baselines.gans import DCGAN, LSGAN, WGANGP
from baselines.vae import VAE
from baselines.vampprior import VampPrior
from lpaae.learned_prior import LearnedPriorAAE
from lpaae.model import GenerativeModel


def _validated(models: list[type[GenerativeModel]]) -> dict[str, type[GenerativeModel]]:
    table: dict[str, type[GenerativeModel]] = {}
    for cls in models:
        if not (isinstance(cls, type) and issubclass(cls, GenerativeModel)):
            raise TypeError(f"{cls!r} is not a GenerativeModel")
        if not cls.name or cls.name in table:
            raise ValueError(f"{cls.__name__} needs a unique name, has {cls.name!r}")
        if not dataclasses.is_dataclass(getattr(cls, "Options", None)):
            raise TypeError(f"{cls.__name__}.Options must be a dataclass of its config options")
        table[cls.name] = cls
    return table


#: name -> model class: the paper's model and the baselines.
MODELS: dict[str, type[GenerativeModel]] = _validated(
    [LearnedPriorAAE, AAE, VAE, VampPrior, DCGAN, LSGAN, WGANGP])


def registered_models() -> dict[str, type[GenerativeModel]]:
    return MODELS
