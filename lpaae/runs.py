"""What a training run is: a *method* (a registered model, or a named variant of one with some
options changed) at a code size and a seed.

Variants are how ablations and the re-parameterised AAE are expressed without new code: the
config's ``variants`` section names a registered model and the options that differ.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import Any, Mapping

from lpaae.config import Config, ConfigError, NetworkConfig, options_from
from lpaae.model import GenerativeModel
from lpaae.registry import registered_models


@dataclass(frozen=True)
class RunSpec:
    method: str
    model: str
    options: Mapping[str, Any]
    network: NetworkConfig
    #: Where the options come from in the config, for error messages.
    where: str

    def build(self) -> GenerativeModel:
        cls = registered_models()[self.model]
        return cls(self.network, self.model_options())

    def model_options(self):
        return options_from(registered_models()[self.model].Options, self.options, self.where)


def resolve(config: Config, method: str, code_size: int | None = None) -> RunSpec:
    """The model, options and network of ``method`` at ``code_size`` (default: the config's)."""
    if method in config.variants:
        variant = config.variants[method]
        model, overrides, where = variant["model"], variant.get("options", {}), f"variants.{method}.options"
    elif method in registered_models():
        model, overrides, where = method, {}, f"models.{method}"
    else:
        raise ConfigError(f"unknown method {method!r}: neither a registered model "
                          f"{sorted(registered_models())} nor a name under config key 'variants'")
    options = {**config.model_options(model), **overrides}
    network = config.network if code_size is None else dataclasses.replace(
        config.network, code_size=code_size)
    spec = RunSpec(method, model, options, network, where)
    spec.model_options()  # unknown option keys fail here, naming the key
    return spec


def check_experiments(config: Config) -> None:
    """Resolve every run the configured experiments train, at its own code size, and check its
    options against its network (:meth:`lpaae.model.GenerativeModel.check`): a config that would
    fail in a training job fails here, naming the experiment, method and code size."""
    for name, experiment in config.experiments.items():
        sizes = experiment.get("code_sizes") or [experiment.get("code_size",
                                                                config.network.code_size)]
        for method in experiment["methods"]:
            for size in sizes:
                spec = resolve(config, method, size)
                try:
                    registered_models()[spec.model].check(spec.network, spec.model_options())
                except ConfigError as err:
                    raise ConfigError(f"config key 'experiments.{name}': method {method!r} at "
                                      f"code size {size}: {err}") from err


def run_settings(config: Config, method: str, code_size: int | None = None) -> dict[str, Any]:
    """Everything that determines a training run; its digest guards checkpoints against reuse."""
    spec = resolve(config, method, code_size)
    return {
        "method": method,
        "model": spec.model,
        "options": dict(spec.options),
        "network": dataclasses.asdict(spec.network),
        "data": dataclasses.asdict(config.data),
        "training": dataclasses.asdict(config.training),
        "precision": config.precision,
        "seed": config.seed,
    }


def build_model(config: Config, method: str, code_size: int | None = None) -> GenerativeModel:
    """A fresh model for ``method`` (a registered model or a config variant) at ``code_size``."""
    return resolve(config, method, code_size).build()
