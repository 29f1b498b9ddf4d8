"""Every model the config and the DAG can name, in one table.

Modelled on torch-fidelity's registry, one way only: this module imports the implementations and
validates what it lists; the implementations never import it. A model declares its ``name`` and
its ``Options`` dataclass; adding one means writing one module in the ``baselines`` package, which
this registry imports and searches for model classes (CONTRIBUTING.md, "Add a model"). The config
schema takes its model names and their options from this table (:mod:`lpaae.config`).
"""

from __future__ import annotations

import dataclasses
import importlib
import pkgutil

import baselines
from lpaae.learned_prior import LearnedPriorAAE
from lpaae.model import GenerativeModel


def _baselines() -> list[type[GenerativeModel]]:
    """Every named model class defined in a module of the ``baselines`` package, by module name
    (a class imported from another module, or a base class without a name, is not counted)."""
    found = []
    for info in sorted(pkgutil.iter_modules(baselines.__path__), key=lambda m: m.name):
        module = importlib.import_module(f"{baselines.__name__}.{info.name}")
        found += [value for value in vars(module).values()
                  if isinstance(value, type) and issubclass(value, GenerativeModel)
                  and value.__module__ == module.__name__ and value.name]
    return found


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
MODELS: dict[str, type[GenerativeModel]] = _validated([LearnedPriorAAE, *_baselines()])


def registered_models() -> dict[str, type[GenerativeModel]]:
    return MODELS
