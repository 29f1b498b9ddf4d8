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

#: Columns that identify a row of a result table. Each one present in either table must be in both.
DEFAULT_KEYS = ("method", "dataset", "image_size", "code_size", "extractor", "seed")
#: Columns that describe provenance or the paper, not a measurement of ours: never compared.
NOT_METRICS = ("paper_is", "difference", "paper_source", "git_commit", "settings_digest",
               "comparable_with_paper")


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
    try:
        table = pd.read_csv(path)
    except (pd.errors.ParserError, pd.errors.EmptyDataError, UnicodeDecodeError) as err:
        raise ValueError(f"{path} is not a readable CSV table: {err}") from err
    table.attrs["path"] = str(path)
    return table


def metric_columns(table: pd.DataFrame, keys: Sequence[str]) -> list[str]:
    """Columns of ``table`` that hold measurements: not a key, not provenance, not true/false, and
    at least one cell a number (so a column spoiled by text in some cells still counts)."""
    return [c for c in table.columns if c not in keys and c not in NOT_METRICS
            and not pd.api.types.is_bool_dtype(table[c])
            and pd.to_numeric(table[c], errors="coerce").notna().any()]


def _numbers(table: pd.DataFrame, column: str) -> tuple[pd.Series, pd.Series]:
    """The column as floats, and a mask of the cells that hold something that is not a number."""
    values = pd.to_numeric(table[column], errors="coerce").astype(float)
    return values, values.isna() & table[column].notna()


def compare_tables(a: pd.DataFrame, b: pd.DataFrame, *, keys: Sequence[str] | None = None,
                   metrics: Sequence[str] | None = None,
                   tolerances: Mapping[str, Tolerance] | None = None,
                   exclude: Sequence[str] = ()) -> tuple[pd.DataFrame, list[str]]:
    """Cell-by-cell comparison. Returns one row per (key, metric) and a list of problems: rows
    in one table only, duplicate keys, and key or metric columns in one table only (unless in
    ``exclude``). A cell that is not a number fails. Explicitly named ``keys`` or ``metrics``
    missing from a table are bad input (``ValueError``, naming the file)."""
    tolerances = tolerances or {"default": Tolerance()}
    problems = []
    if keys:
        keys = list(keys)
        _require(a, keys, "key")
        _require(b, keys, "key")
    else:
        keys = [k for k in DEFAULT_KEYS if k not in exclude and (k in a.columns or k in b.columns)]
        problems += _one_sided(a, b, keys, "key")
        keys = [k for k in keys if k in a.columns and k in b.columns]
        if not keys:
            problems.append("the tables share no key column; name them with --keys")
            return pd.DataFrame(), problems
    if metrics:
        metrics = list(metrics)
        _require(a, metrics, "metric")
        _require(b, metrics, "metric")
    else:
        found = [c for c in dict.fromkeys(metric_columns(a, keys) + metric_columns(b, keys))
                 if c not in exclude]
        problems += _one_sided(a, b, found, "metric")
        metrics = [c for c in found if c in a.columns and c in b.columns]
    for name, table in (("first", a), ("second", b)):
        duplicated = table[table.duplicated(keys, keep=False)]
        if len(duplicated):
            problems.append(f"the {name} table has duplicate keys: "
                            f"{duplicated[keys].drop_duplicates().to_dict('records')}")
    merged = a[keys + metrics].merge(b[keys + metrics], on=keys, how="outer",
                                     suffixes=("_a", "_b"), indicator=True)
    for side, label in (("left_only", "first"), ("right_only", "second")):
        for row in merged.loc[merged["_merge"] == side, keys].to_dict("records"):
            problems.append(f"only in the {label} table: {row}")
    both = merged[merged["_merge"] == "both"].reset_index(drop=True)
    rows = []
    for metric in metrics:
        tol = tolerances.get(metric, tolerances["default"])
        (va, bad_a), (vb, bad_b) = (_numbers(both, f"{metric}_{s}") for s in "ab")
        for i in range(len(both)):
            status = ("FAIL" if not tol.accepts(va[i], vb[i]) else "pass")
            if bad_a[i] or bad_b[i]:
                status = "FAIL: not a number"
            rows.append({**{k: both.at[i, k] for k in keys}, "metric": metric,
                         "a": both.at[i, f"{metric}_a"] if bad_a[i] else va[i],
                         "b": both.at[i, f"{metric}_b"] if bad_b[i] else vb[i],
                         "difference": va[i] - vb[i], "rtol": tol.rtol, "atol": tol.atol,
                         "status": status})
    return pd.DataFrame(rows), problems


def _require(table: pd.DataFrame, columns: Sequence[str], kind: str) -> None:
    missing = [c for c in columns if c not in table.columns]
    if missing:
        where = table.attrs.get("path", "a table")
        raise ValueError(f"{where} has no {kind} column {missing} (it has {list(table.columns)})")


def _one_sided(a: pd.DataFrame, b: pd.DataFrame, columns: Sequence[str], kind: str) -> list[str]:
    return [f"{kind} column {c!r} only in the {'first' if c in a.columns else 'second'} table "
            f"(exclude it with --exclude {c} if that is intended)"
            for c in columns if (c in a.columns) != (c in b.columns)]


def compare_with_paper(table: pd.DataFrame, tolerance: Tolerance) -> pd.DataFrame:
    """Our IS (the mean over seeds, where the table has several) against the paper's
    ``paper_is``, one row per method for which the paper has a value."""
    ours = "seeds_mean" if "seeds_mean" in table.columns else "is_mean"
    _require(table, ["method", "paper_is", ours], "result-table")
    rows = table[table["paper_is"].notna()].drop_duplicates(subset=["method"])
    (values, bad), paper = _numbers(rows, ours), pd.to_numeric(rows["paper_is"], errors="coerce")
    return pd.DataFrame({
        "method": rows["method"],
        "ours": rows[ours].where(bad, values),
        "paper": paper,
        "difference": values - paper,
        "comparable_with_paper": rows.get("comparable_with_paper", False),
        "status": ["FAIL: not a number" if not_number else "FAIL: not measured" if np.isnan(o)
                   else "pass" if tolerance.accepts(o, p) else "FAIL"
                   for o, p, not_number in zip(values, paper, bad)],
    })
