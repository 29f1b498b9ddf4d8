"""Score files read into one frame: one row per run and seed, each with its method's mean over
seeds and a bootstrap interval. What every table is built from."""

from __future__ import annotations

import math
from pathlib import Path
from typing import Any, Mapping, Sequence

import numpy as np
import pandas as pd

from lpaae import files as lio
from lpaae.provenance import upstream

#: Fidelity metrics against the training images' features (lpaae.metrics.fidelity), in the CSVs.
FIDELITY_COLUMNS = ["fid", "kid_mean", "kid_std", "precision", "recall", "fidelity_samples",
                    "reference_images"]
SCORE_COLUMNS = [
    "method", "model", "dataset", "image_size", "code_size", "extractor", "is_mean", "is_std",
    *FIDELITY_COLUMNS, "samples", "seed", "classifier_test_accuracy", "two_sample_accuracy",
    "whitened_two_sample_accuracy", "heldout_code_d_accuracy", "git_commit", "settings_digest", "warning",
]

#: What every score.json must hold, and of which type (checked before a table uses it).
SCORE_FIELDS = {"method": str, "model": str, "dataset": str, "image_size": int,
                "extractor": str, "is_mean": float, "is_std": float, "samples": int,
                "provenance": dict}


def checked_score(path: str | Path) -> dict:
    """A score file's record, after checking that every field a table uses is there, of its
    type, and (for numbers) finite; ``ValueError`` naming the file and the field otherwise."""
    score = lio.read_json(path)
    advice = "delete it and rerun, and Snakemake makes it again"
    if not isinstance(score, dict):
        raise ValueError(f"{path}: a score file holds a JSON object; {advice}")
    # Numbers must be finite; the fidelity columns are absent from score files written before
    # they existed, so they are checked only when present.
    optional = {field: float for field in FIDELITY_COLUMNS if field in score}
    for field, kind in (SCORE_FIELDS | optional).items():
        value = score.get(field)
        number = kind in (int, float) and isinstance(value, (int, float)) \
            and not isinstance(value, bool)
        if not (number or isinstance(value, kind)):
            raise ValueError(f"{path}: field {field!r} is {value!r}, not a {kind.__name__}; "
                             f"{advice}")
        if number and not math.isfinite(value):
            raise ValueError(f"{path}: field {field!r} is {value}, not a finite number; {advice}")
    return score


def lineage(score: Mapping[str, Any], job: str) -> dict[str, Any]:
    """The provenance record of job ``job`` ("score", "sample" or "train") behind a score file;
    ``{}`` where there is none (the real images were neither trained nor sampled)."""
    provenance = score["provenance"]
    if "source" in score:
        # Written before records were chained (up to commit 97d47b4): the samples' provenance
        # under "source", with the training record under "training". Read as the same chain.
        source = score["source"]
        sample = ({"job": "sample", "wall_time_s": source.get("sampling_wall_time_s"),
                   "inputs": {"model": source["training"]}} if "training" in source else {})
        provenance = {**provenance, "inputs": {"samples": sample} if sample else {}}
    return upstream(provenance, job)


def read_scores(score_paths: Sequence[str | Path]) -> pd.DataFrame:
    """One row per ``score.json``, with the provenance of the run that made it."""
    rows = []
    for path in score_paths:
        score = checked_score(path)
        training = lineage(score, "train")
        diagnostics = training.get("diagnostics") or {}
        rows.append({
            "method": score["method"],
            "model": score["model"],
            "dataset": score["dataset"],
            "image_size": score["image_size"],
            "code_size": score["code_size"],
            "extractor": score["extractor"],
            "is_mean": score["is_mean"],
            "is_std": score["is_std"],
            **{column: score.get(column, pd.NA) for column in FIDELITY_COLUMNS},
            "samples": score["samples"],
            "seed": training.get("seed", pd.NA),
            "classifier_test_accuracy": score.get("classifier_test_accuracy", pd.NA),
            # Is the encoder regularised? (lpaae.diagnostics; models without an encoder: NA.)
            "two_sample_accuracy": diagnostics.get("two_sample_accuracy", pd.NA),
            "whitened_two_sample_accuracy": diagnostics.get("whitened_two_sample_accuracy", pd.NA),
            "heldout_code_d_accuracy": diagnostics.get("heldout_code_d_accuracy", pd.NA),
            "git_commit": training.get("git_commit", score["provenance"]["git_commit"]),
            "settings_digest": training.get("settings_digest", pd.NA),
            "warning": score.get("warning", pd.NA),
        })
    return summarize_seeds(pd.DataFrame(rows, columns=SCORE_COLUMNS))


def job_records(scores: Sequence[dict]) -> pd.DataFrame:
    """One row per score record (loaded ``score.json``): which run it scores, what each of its
    jobs cost, and the code and machine that trained it."""
    rows = []
    for s in scores:
        training, sampling = lineage(s, "train"), lineage(s, "sample")
        made = training or s["provenance"]
        rows.append({
            "model": s["model"],
            "method": s["method"],
            "code_size": s.get("code_size", pd.NA),
            "seed": training.get("seed", pd.NA),
            "train wall time (s)": training.get("wall_time_s", ""),
            "sampling wall time (s)": sampling.get("wall_time_s", ""),
            "score wall time (s)": s["provenance"]["wall_time_s"],
            "device": made["device"],
            "threads": made.get("torch_threads", ""),
            "host": made.get("host", ""),
            "platform": made.get("platform", ""),
            "git commit": made["git_commit"],
            "settings digest": training.get("settings_digest", ""),
            "finished": made["finished_at"],
        })
    return pd.DataFrame(rows).astype({"code_size": "Int64", "seed": "Int64"})


def bootstrap_interval(values: Sequence[float], confidence: float = 0.95,
                       resamples: int = 10_000) -> tuple[float, float]:
    """Percentile bootstrap interval of the mean (scipy); NaN for fewer than two values."""
    # scipy.stats costs about a second of import time; the report job reads score files
    # through this module without needing it.
    from scipy import stats

    values = np.asarray(values, dtype=float)
    if len(values) < 2:
        return float("nan"), float("nan")
    if np.all(values == values[0]):
        return float(values[0]), float(values[0])
    result = stats.bootstrap((values,), np.mean, confidence_level=confidence,
                             n_resamples=resamples, method="percentile", random_state=0)
    return float(result.confidence_interval.low), float(result.confidence_interval.high)


def summarize_seeds(scores: pd.DataFrame) -> pd.DataFrame:
    """Add, to every per-seed row, its method's mean over seeds and 95% bootstrap interval.

    Rows stay one per (method, code size, seed), so the per-seed numbers remain in the table;
    the summary columns repeat on the rows of a group.
    """
    # The real-data row has no code size; a placeholder keeps it in its own group.
    keyed = scores.assign(_code=scores["code_size"].fillna(-1))
    summary = keyed.groupby(["method", "_code"], sort=False)["is_mean"].agg(
        seeds_mean="mean", n_seeds="count", interval=lambda v: bootstrap_interval(v.to_numpy()))
    summary[["ci_low", "ci_high"]] = summary.pop("interval").tolist()
    return keyed.merge(summary.reset_index(), on=["method", "_code"], how="left").drop(
        columns="_code")
