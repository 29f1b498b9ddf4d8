"""What a training run is: a *method* (a registered model, or a named variant of one with some
options changed) at a code size and a seed.

Variants are how ablations and the re-parameterised AAE are expressed without new code: the
config's ``variants`` section names a registered model and the options that differ.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import Any, Mapping

from lpaae import paper
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


def check_models(config: Config) -> None:
    """Every model the config names (``models.<name>``, ``variants.<v>.model``) is registered, and
    each ``models`` section holds options of that model, of their types."""
    models = registered_models()
    named = [(f"models.{name}", name) for name in config.models] + \
        [(f"variants.{variant}.model", spec["model"]) for variant, spec in config.variants.items()]
    for key, name in named:
        if name not in models:
            raise ConfigError(f"config key '{key}': {name!r} is not a registered model; "
                              f"registered: {sorted(models)}")
    for name, section in config.models.items():
        options_from(models[name].Options, section, f"models.{name}")


def check_experiments(config: Config) -> None:
    """Check the models (:func:`check_models`), then resolve every run the configured experiments
    train, at its own code size, and check its options against its network
    (:meth:`lpaae.model.GenerativeModel.check`): a config that would fail in a training job fails
    here, naming the experiment, method and code size."""
    check_models(config)
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
    table3_ablations(config)


# -- Table 3: which of the design choices A, B, C each method has ------------------------------

def ablation(spec: RunSpec) -> tuple[bool, bool, bool] | None:
    """Table 3's design choices (A, B, C) of a run, or None if it is not on the ablation path."""
    if spec.model == "aae":
        return (False, False, False)
    if spec.model == "learned_prior":
        options = spec.model_options()
        return (options.code_generator, options.perceptual_loss, options.decoder_in_prior_phase)
    return None


def _describe(choices: tuple[bool, bool, bool]) -> str:
    on = [f"{letter} ({name})" for letter, name, flag in zip("ABC", paper.ABLATION_NAMES, choices)
          if flag]
    return " + ".join(on) or "none (AAE with a Gaussian prior and MSE)"


#: Options every row of Table 3 must share: each gives another model altogether (its codes,
#: L_rec and samples differ: docs/measurements/gaussian-posterior-2026-12-02 for the posterior),
#: so a table mixing them would not measure A, B and C.
TABLE3_SHARED_OPTIONS = {"reparameterize": "the encoder's posterior",
                         "code_spread_weight": "D_C's spread head"}


def table3_ablations(config: Config) -> dict[str, tuple[bool, bool, bool]]:
    """The design choices of each method of Table 3; every row of the paper's Table 3 must be
    there, and the rows must share :data:`TABLE3_SHARED_OPTIONS`. Raises :class:`ConfigError`
    naming what is missing or mixed, at DAG-build time."""
    key = "experiments.table3.methods"
    choices, options = {}, {}
    for method in config.experiments["table3"]["methods"]:
        spec = resolve(config, method)
        found = ablation(spec)
        if found is None:
            raise ConfigError(f"config key '{key}': {method!r} is not a step of Table 3's "
                              "ablation (an AAE or a learned_prior variant)")
        choices[method], options[method] = found, spec.model_options()
    for option, meaning in TABLE3_SHARED_OPTIONS.items():
        values = {method: getattr(o, option) for method, o in options.items()}
        if len(set(values.values())) > 1:
            raise ConfigError(f"config key '{key}': the methods of Table 3 must share option "
                              f"'{option}' ({meaning}), got {values}")
    for row in paper.TABLE3:
        if row not in choices.values():
            raise ConfigError(
                f"Table 3 needs the ablation with {_describe(row)}, but no method in config key "
                f"'{key}' has it: add a variant of learned_prior with code_generator: "
                f"{str(row[0]).lower()}, perceptual_loss: {str(row[1]).lower()}, "
                f"decoder_in_prior_phase: {str(row[2]).lower()}")
    return choices


def run_settings(config: Config, method: str, code_size: int | None = None) -> dict[str, Any]:
    """Everything that determines a training run; its digest guards checkpoints against reuse."""
    spec = resolve(config, method, code_size)
    return {
        "method": method,
        "model": spec.model,
        # Every option, defaults included: a changed default changes the digest too.
        "options": dataclasses.asdict(spec.model_options()),
        "network": dataclasses.asdict(spec.network),
        "data": dataclasses.asdict(config.data),
        "training": dataclasses.asdict(config.training),
        "precision": config.precision,
        "seed": config.seed,
    }


def build_model(config: Config, method: str, code_size: int | None = None) -> GenerativeModel:
    """A fresh model for ``method`` (a registered model or a config variant) at ``code_size``."""
    return resolve(config, method, code_size).build()
