"""Model registry: models register under the name the config and the DAG use.

Modelled on torch-fidelity's registry: ``register_model`` adds a class, ``build_model`` makes one
from the validated config. The config schema's list of model names is checked against this
registry by the tests, so the two cannot drift apart.
"""

from __future__ import annotations

from typing import Callable, TypeVar

from lpaae.config import Config
from lpaae.model import GenerativeModel

MODELS: dict[str, type[GenerativeModel]] = {}

M = TypeVar("M", bound=type[GenerativeModel])


def register_model(name: str) -> Callable[[M], M]:
    def register(cls: M) -> M:
        if name in MODELS:
            raise ValueError(f"model {name!r} is already registered")
        cls.name = name
        MODELS[name] = cls
        return cls
    return register


def registered_models() -> dict[str, type[GenerativeModel]]:
    import baselines  # noqa: F401  (registers the baselines)
    import lpaae.learned_prior  # noqa: F401  (registers the paper's model)
    return MODELS


def build_model(config: Config, method: str, code_size: int | None = None) -> GenerativeModel:
    """A fresh model for ``method`` (a registered model or a config variant) at ``code_size``."""
    from lpaae.runs import resolve

    return resolve(config, method, code_size).build()
