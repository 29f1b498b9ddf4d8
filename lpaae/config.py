"""The suite's configuration: one YAML file, validated once against a JSON schema, read into
frozen dataclasses.

The schema (``workflow/schemas/config.schema.yaml``) is the single source of truth for which keys
exist and which values are allowed; Snakemake and the Python entry points both validate through
:func:`validate`, so a bad key or value is rejected with the same message naming it, before any
job runs.
"""

from __future__ import annotations

import copy
import dataclasses
import functools
import types
import typing
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Mapping

import jsonschema
import yaml

SCHEMA_PATH = Path(__file__).resolve().parents[1] / "workflow" / "schemas" / "config.schema.yaml"
DEFAULT_CONFIG_PATH = Path(__file__).resolve().parents[1] / "config" / "config.yaml"


class ConfigError(ValueError):
    """A configuration value is missing, unknown or out of range; the message names the key."""


@dataclass(frozen=True)
class DataConfig:
    dataset: str = "digits"
    root: str = "data"
    image_size: int = 16
    download: bool = False


@dataclass(frozen=True)
class NetworkConfig:
    """Sizes of every network. ``channels`` comes from the dataset, ``image_size`` from ``data``."""

    width: int = 16
    code_size: int = 16
    #: z's size for the unconditional learned prior (CG's input); see the model's ``noise_size``.
    noise_size: int = 16
    code_discriminator_widths: tuple[int, ...] = (256, 128, 64)
    image_size: int = 16
    channels: int = 1


@dataclass(frozen=True)
class TrainingConfig:
    steps: int = 800
    batch_size: int = 64
    checkpoint_every: int = 200
    log_every: int = 25


@dataclass(frozen=True)
class EvaluationConfig:
    extractor: str = "classifier"
    samples: int = 5000
    splits: int = 10
    batch_size: int = 500
    inception_weights: str | None = None
    #: Adam steps of each fresh two-sample classifier in a run's code diagnostics
    #: (:mod:`lpaae.diagnostics`); the tests' tiny DAGs shrink it.
    two_sample_steps: int = 400


@dataclass(frozen=True)
class ClassifierConfig:
    steps: int = 600
    batch_size: int = 128
    lr: float = 1e-3
    width: int = 32


@dataclass(frozen=True)
class FigureConfig:
    latent_seed: int = 1234
    grid_rows: int = 8
    tsne_points: int = 1000


@dataclass(frozen=True)
class Config:
    #: Every run is trained once per seed; tables report the mean and a bootstrap interval.
    seeds: tuple[int, ...] = (0,)
    #: The seed of the run at hand (a job's own seed; the first of ``seeds`` otherwise).
    seed: int = 0
    device: str = "cpu"
    precision: str = "fp32"
    threads: int = 1
    data: DataConfig = field(default_factory=DataConfig)
    network: NetworkConfig = field(default_factory=NetworkConfig)
    training: TrainingConfig = field(default_factory=TrainingConfig)
    models: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)
    evaluation: EvaluationConfig = field(default_factory=EvaluationConfig)
    classifier: ClassifierConfig = field(default_factory=ClassifierConfig)
    figures: FigureConfig = field(default_factory=FigureConfig)
    variants: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)
    experiments: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)
    raw: Mapping[str, Any] = field(default_factory=dict, repr=False, compare=False)

    def model_options(self, model: str) -> Mapping[str, Any]:
        """The options ``models.<model>`` sets; those it leaves out keep the model's defaults."""
        return self.models.get(model, {})


def check_choice(option: str, value: Any, choices: tuple) -> None:
    """Raise :class:`ConfigError` naming ``option`` unless ``value`` is one of ``choices``."""
    if value not in choices:
        raise ConfigError(f"option '{option}' must be one of {choices}, got {value!r}")


def _schema() -> dict:
    with open(SCHEMA_PATH) as f:
        return yaml.safe_load(f)


def _key_path(error: jsonschema.ValidationError) -> str:
    return ".".join(str(p) for p in error.absolute_path) or "<top level>"


def validate(raw: Mapping[str, Any]) -> None:
    """Check ``raw`` against the schema; raise :class:`ConfigError` naming every bad key."""
    validator = jsonschema.Draft202012Validator(_schema())
    errors = sorted(validator.iter_errors(dict(raw)), key=lambda e: list(e.absolute_path))
    if errors:
        lines = [f"config key '{_key_path(e)}': {e.message}" for e in errors]
        raise ConfigError("invalid configuration:\n  " + "\n  ".join(lines))


def _dataclass_from(cls, section: Mapping[str, Any] | None, **extra):
    names = {f.name for f in dataclasses.fields(cls)}
    values = {k: (tuple(v) if isinstance(v, list) else v)
              for k, v in (section or {}).items() if k in names}
    return cls(**values, **extra)


def from_dict(raw: Mapping[str, Any]) -> Config:
    """Validate a configuration mapping and read it into a :class:`Config`."""
    validate(raw)
    from lpaae.data import dataset_channels  # the dataset decides the image channels

    data = _dataclass_from(DataConfig, raw.get("data"))
    network = _dataclass_from(NetworkConfig, raw.get("network"), image_size=data.image_size,
                              channels=dataset_channels(data.dataset))
    evaluation = _dataclass_from(EvaluationConfig, raw.get("evaluation"))
    if evaluation.splits > evaluation.samples:  # an empty split makes the score NaN
        raise ConfigError(f"config key 'evaluation.splits' ({evaluation.splits}) exceeds "
                          f"'evaluation.samples' ({evaluation.samples}): each split of the "
                          "Inception Score needs samples")
    return Config(
        seeds=tuple(raw.get("seeds", (0,))),
        seed=raw.get("seeds", (0,))[0],
        device=raw.get("device", "cpu"),
        precision=raw.get("precision", "fp32"),
        threads=raw.get("threads", 1),
        data=data,
        network=network,
        training=_dataclass_from(TrainingConfig, raw.get("training")),
        models=copy.deepcopy(dict(raw.get("models", {}))),
        evaluation=evaluation,
        classifier=_dataclass_from(ClassifierConfig, raw.get("classifier")),
        figures=_dataclass_from(FigureConfig, raw.get("figures")),
        variants=copy.deepcopy(dict(raw.get("variants", {}))),
        experiments=copy.deepcopy(dict(raw.get("experiments", {}))),
        raw=copy.deepcopy(dict(raw)),
    )


def read_yaml(path: str | Path) -> dict[str, Any]:
    """A config file's mapping; :class:`ConfigError` naming the file (and the line of a syntax
    error) otherwise."""
    path = Path(path)
    if not path.is_file():
        raise ConfigError(f"config file not found: {path}")
    try:
        raw = yaml.safe_load(path.read_text()) or {}
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None)
        where = f", line {mark.line + 1}, column {mark.column + 1}" if mark else ""
        problem = getattr(err, "problem", None) or str(err)
        raise ConfigError(f"{path}{where}: not valid YAML: {problem}") from err
    if not isinstance(raw, dict):
        raise ConfigError(f"{path}: a config file must hold a mapping of keys, got "
                          f"{type(raw).__name__}")
    return raw


def merged(*raws: Mapping[str, Any]) -> dict[str, Any]:
    """Config mappings merged as Snakemake merges ``--configfile`` files: later ones win, nested
    mappings are merged key by key."""
    out: dict[str, Any] = {}
    for raw in raws:
        for key, value in raw.items():
            if isinstance(value, Mapping) and isinstance(out.get(key), Mapping):
                out[key] = merged(out[key], value)
            else:
                out[key] = copy.deepcopy(value)
    return out


def load(*overlays: str | Path) -> Config:
    """The default configuration with ``overlays`` merged on top, in order, validated: what
    ``snakemake --configfile A B`` builds, since the Snakefile loads the default first."""
    return from_dict(merged(*(read_yaml(p) for p in (DEFAULT_CONFIG_PATH, *overlays))))


#: JSON types of the option fields a model may declare.
_JSON_TYPES = {bool: "boolean", int: "integer", float: "number", str: "string"}


def _field_schema(kind) -> dict:
    """The JSON schema of an option field's type; ``{}`` (any value) for a type JSON cannot name."""
    origin, args = typing.get_origin(kind), typing.get_args(kind)
    if kind in _JSON_TYPES:
        return {"type": _JSON_TYPES[kind]}
    if kind is type(None):
        return {"type": "null"}
    if origin is typing.Literal:
        return {"enum": list(args)}
    if origin in (typing.Union, types.UnionType):
        return {"anyOf": [_field_schema(arg) for arg in args]}
    if origin is tuple and args and args[-1] is not Ellipsis:  # fixed length, typed positions
        return {"type": "array", "prefixItems": [_field_schema(a) for a in args],
                "minItems": len(args), "maxItems": len(args)}
    if origin in (tuple, list):
        return {"type": "array", **({"items": _field_schema(args[0])} if args else {})}
    return {}


@functools.cache  # a model's options are resolved many times per DAG build; its types never change
def options_schema(cls) -> dict:
    """A JSON schema of an options dataclass, from its fields' types: how a model's config section
    is checked without a section of its own in the schema file."""
    hints = typing.get_type_hints(cls)
    return {"type": "object", "additionalProperties": False,
            "properties": {f.name: _field_schema(hints[f.name]) for f in dataclasses.fields(cls)}}


def options_from(cls, section: Mapping[str, Any], where: str):
    """Read a model's option dataclass from its config section, naming an unknown key or a value
    of the wrong type."""
    names = {f.name for f in dataclasses.fields(cls)}
    unknown = sorted(set(section) - names)
    if unknown:
        raise ConfigError(f"config key '{where}.{unknown[0]}' is not an option of {cls.__name__}")
    for error in jsonschema.Draft202012Validator(options_schema(cls)).iter_errors(dict(section)):
        raise ConfigError(f"config key '{where}.{_key_path(error)}': {error.message}")
    return _dataclass_from(cls, section)
