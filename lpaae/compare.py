"""Compare two result tables cell by cell, or a result table against the paper's values.

Rows are aligned on key columns; every metric cell gets both values, the difference and pass/fail
against a tolerance (``|a - b| <= atol + rtol * |b|``, as in ``numpy.isclose``). Tables whose keys
do not match fail too: a row present in one table only is a difference, not something to skip.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Mapping, Sequence

import numpy as np
import pandas as pd
import yaml

#: Columns that identify a row of a result table, when present in both tables.
DEFAULT_KEYS = ("method", "dataset", "image_size", "code_size", "extractor", "seed")
#: Numeric columns that describe provenance or the paper, not a measurement.
NOT_METRICS = ("paper_is", "difference")


@dataclass(frozen=True)
class Tolerance:
    rtol: float = 0.05
    atol: float = 0.0

    def accepts(self, a: float, b: float) -> bool:
        if np.isnan(a) and np.isnan(b):
            return True
        return bool(abs(a - b) <= self.atol + self.rtol * abs(b))


def read_tolerances(path: str | Path | None, rtol: float, atol: float) -> dict[str, Tolerance]:
    """Per-metric tolerances from YAML (``{metric: {rtol: .., atol: ..}}``, ``default`` for the
    rest); the command line's ``--rtol/--atol`` are the default's default."""
    tolerances = {"default": Tolerance(rtol, atol)}
    if path is None:
        return tolerances
    with open(path) as f:
        raw = yaml.safe_load(f) or {}
    for metric, values in raw.items():
        unknown = set(values) - {"rtol", "atol"}
        if unknown:
            raise ValueError(f"{path}: tolerance of {metric!r} has unknown keys {sorted(unknown)}")
        base = tolerances["default"] if metric != "default" else Tolerance(rtol, atol)
        tolerances[metric] = Tolerance(values.get("rtol", base.rtol), values.get("atol", base.atol))
    return tolerances


def read_table(path: str | Path) -> pd.DataFrame:
    path = Path(path)
    if not path.is_file():
        raise FileNotFoundError(f"no result table at {path}")
    return pd.read_csv(path)


def compare_tables(a: pd.DataFrame, b: pd.DataFrame, *, keys: Sequence[str] | None = None,
                   metrics: Sequence[str] | None = None,
                   tolerances: Mapping[str, Tolerance] | None = None) -> tuple[pd.DataFrame, list[str]]:
    """Cell-by-cell comparison. Returns one row per (key, metric) and a list of key problems
    (rows in one table only, duplicate keys)."""
    tolerances = tolerances or {"default": Tolerance()}
    keys = list(keys) if keys else [k for k in DEFAULT_KEYS if k in a.columns and k in b.columns]
    if not keys:
        raise ValueError("the tables share no key column; name them with --keys")
    for name, table in (("first", a), ("second", b)):
        missing = [k for k in keys if k not in table.columns]
        if missing:
            raise ValueError(f"the {name} table has no key column {missing}")
    if metrics is None:
        metrics = [c for c in a.columns if c in b.columns and c not in keys and c not in NOT_METRICS
                   and pd.api.types.is_numeric_dtype(a[c]) and pd.api.types.is_numeric_dtype(b[c])]
    problems = []
    for name, table in (("first", a), ("second", b)):
        duplicated = table[table.duplicated(keys, keep=False)]
        if len(duplicated):
            problems.append(f"the {name} table has duplicate keys: "
                            f"{duplicated[keys].drop_duplicates().to_dict('records')}")
    merged = a[keys + list(metrics)].merge(b[keys + list(metrics)], on=keys, how="outer",
                                           suffixes=("_a", "_b"), indicator=True)
    for side, label in (("left_only", "first"), ("right_only", "second")):
        for row in merged.loc[merged["_merge"] == side, keys].to_dict("records"):
            problems.append(f"only in the {label} table: {row}")
    both = merged[merged["_merge"] == "both"]
    rows = []
    for _, row in both.iterrows():
        for metric in metrics:
            tol = tolerances.get(metric, tolerances["default"])
            va, vb = float(row[f"{metric}_a"]), float(row[f"{metric}_b"])
            rows.append({**{k: row[k] for k in keys}, "metric": metric, "a": va, "b": vb,
                         "difference": va - vb, "rtol": tol.rtol, "atol": tol.atol,
                         "status": "pass" if tol.accepts(va, vb) else "FAIL"})
    return pd.DataFrame(rows), problems


def compare_with_paper(table: pd.DataFrame, tolerance: Tolerance) -> pd.DataFrame:
    """Our IS (the mean over seeds, where the table has several) against the paper's
    ``paper_is``, one row per method for which the paper has a value."""
    ours = "seeds_mean" if "seeds_mean" in table.columns else "is_mean"
    rows = table.dropna(subset=["paper_is", ours]).drop_duplicates(subset=["method"])
    return pd.DataFrame({
        "method": rows["method"],
        "ours": rows[ours],
        "paper": rows["paper_is"],
        "difference": rows[ours] - rows["paper_is"],
        "comparable_with_paper": rows.get("comparable_with_paper", False),
        "status": ["pass" if tolerance.accepts(o, p) else "FAIL"
                   for o, p in zip(rows[ours], rows["paper_is"])],
    })
