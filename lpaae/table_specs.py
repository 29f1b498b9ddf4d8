"""The result tables built from score files alone: one entry each. Free of pandas and torch,
because the DAG build reads it (``workflow/rules/common.smk``) and must stay quick.

Adding such a table is one entry in :data:`TABLES` and, in :mod:`lpaae.tables`, a function of the
entry's name that turns the score frame and the config into the table. ``rule table`` then builds
``results/tables/<name>.{csv,md}``; ``all_tables``, ``all`` and the report include it, and
:func:`target` names its Snakemake target. (The conditional settings' table and the claims
scoreboard read other files than scores; they have their own rules.)
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Mapping

from lpaae.config import ConfigError


@dataclass(frozen=True)
class TableSpec:
    #: The experiment (config key ``experiments``) whose runs' score files the table reads: every
    #: method and seed, at the experiment's code size, with the real images' calibration row.
    experiment: str
    #: The Markdown rendering's heading.
    title: str
    #: Rows are (method, code size) pairs over the experiment's ``code_sizes``, rendered as a grid
    #: of code size against method, without a calibration row (the code-size sweep).
    by_code_size: bool = False
    #: Boolean columns of the built table shown beside each method (Table 3's design choices).
    flag_columns: tuple[str, ...] = ()


TABLES: dict[str, TableSpec] = {
    "table1": TableSpec("table1", "Table 1: Inception Score of four priors"),
    "table2": TableSpec("table2", "Table 2: GANs with our decoder and D_I, and ours"),
    "table3": TableSpec("table3", "Table 3: ablation of the design choices A, B, C",
                        flag_columns=("A", "B", "C")),
    "code_size": TableSpec("code_size_sweep",
                           "Inception Score / FID against code size (beyond the paper)",
                           by_code_size=True),
}


def target(name: str) -> str:
    """The Snakemake target that builds table ``name``: ``table1``, ..., ``code_size_table``."""
    return name if name.startswith("table") else f"{name}_table"


#: Names taken by the tables and rules that do not read score files alone (their own rules).
RESERVED = ("table", "conditional", "claims")


def check(experiments: Mapping[str, Mapping]) -> None:
    """Every table's experiment is configured, with ``code_sizes`` exactly where the table is a
    sweep, and no table takes a reserved name; raises :class:`ConfigError` naming the table and
    the config key. (The schema already requires the shipped tables' experiments; this also
    covers a table added here.)"""
    for name, spec in TABLES.items():
        if name in RESERVED:
            raise ConfigError(f"table name {name!r} is taken by a rule of its own "
                              f"(reserved: {', '.join(RESERVED)}): rename it in "
                              "lpaae/table_specs.py")
        experiment = experiments.get(spec.experiment)
        if experiment is None:
            raise ConfigError(f"table {name!r} reads the runs of config key "
                              f"'experiments.{spec.experiment}', which is missing")
        if spec.by_code_size != ("code_sizes" in experiment):
            need = "needs" if spec.by_code_size else "must not have"
            raise ConfigError(f"table {name!r}: config key 'experiments.{spec.experiment}' "
                              f"{need} 'code_sizes'")
