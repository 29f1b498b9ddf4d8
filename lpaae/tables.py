"""The result tables: the score frame (:mod:`lpaae.scores`) with the paper's value beside each
number, written as a tidy CSV and its Markdown rendering (:mod:`lpaae.rendering`)."""

from __future__ import annotations

from pathlib import Path
from typing import Mapping, Sequence

import pandas as pd

from lpaae import files as lio
from lpaae import paper
from lpaae.config import Config
from lpaae.paper import TABLES_SETTING, PaperSetting
from lpaae.provenance import upstream
from lpaae.rendering import render_code_size_markdown, render_markdown
from lpaae.scores import FIDELITY_COLUMNS, read_scores
from lpaae.table_specs import TABLES


def add_paper_values(table: pd.DataFrame, values: Mapping[str, float], setting: PaperSetting,
                     cited: frozenset[str] = frozenset()) -> pd.DataFrame:
    """Put the paper's value for each row's method beside it; ``cited`` methods' values are ones
    the paper quotes from other work rather than measures."""
    table = table.copy()
    table["paper_is"] = [values.get(m, float("nan")) for m in table["method"]]
    table["paper_source"] = ["" if pd.isna(v) else ("cited" if m in cited else "reported")
                             for m, v in zip(table["method"], table["paper_is"])]
    table["difference"] = table["seeds_mean"] - table["paper_is"]
    table["comparable_with_paper"] = ((table["dataset"] == setting.dataset)
                                      & (table["code_size"] == setting.code_size)
                                      & (table["extractor"] == setting.extractor))
    return table


def build(name: str, scores: pd.DataFrame, config: Config) -> pd.DataFrame:
    """Table ``name`` of :data:`lpaae.table_specs.TABLES` from the score frame: the function of
    that name below, given the scores and the config."""
    builder = globals().get(name) if name in TABLES else None
    if not callable(builder) or builder.__module__ != __name__:
        raise ValueError(f"no table {name!r}: the tables are {sorted(TABLES)} "
                         "(lpaae/table_specs.py), each built by the function of its name here")
    return builder(scores, config)


def write_table(name: str, table: pd.DataFrame, csv_path: str | Path,
                markdown_path: str | Path) -> None:
    """The tidy CSV and the Markdown rendering that the table's entry asks for."""
    spec = TABLES[name]
    write_frame(table, render_code_size_markdown(table, spec.title) if spec.by_code_size
                else render_markdown(table, spec.title, TABLES_SETTING, spec.flag_columns),
                csv_path, markdown_path)


def write_frame(table: pd.DataFrame, markdown: str, csv_path: str | Path,
                markdown_path: str | Path) -> None:
    """A table's tidy CSV and its Markdown rendering, each written atomically."""
    lio.write_text(table.to_csv(index=False), csv_path)
    lio.write_text(markdown, markdown_path)


# -- one function per entry of lpaae.table_specs.TABLES --------------------------------------

def table1(scores: pd.DataFrame, config: Config) -> pd.DataFrame:
    return add_paper_values(scores, paper.TABLE1, TABLES_SETTING)


def table2(scores: pd.DataFrame, config: Config) -> pd.DataFrame:
    """Our measured GANs beside the scores the paper cites; BEGAN, which we do not train, keeps a
    row with the cited value and no measurement."""
    unmeasured = [m for m in paper.TABLE2 if m not in set(scores["method"])]
    cited_only = pd.DataFrame({"method": unmeasured, "model": unmeasured})
    table = pd.concat([cited_only, scores], ignore_index=True) if unmeasured else scores
    return add_paper_values(table, paper.TABLE2, TABLES_SETTING,
                            cited=frozenset(paper.TABLE2) - paper.TABLE2_OWN)


def table3(scores: pd.DataFrame, config: Config) -> pd.DataFrame:
    """Each method's design choices A, B, C (checked against the paper's rows at DAG build)."""
    # Resolving a method's options loads the model registry and with it torch (two seconds):
    # only this table needs it, so the other table jobs start without it.
    from lpaae.runs import table3_ablations

    choices = table3_ablations(config)
    table = scores.copy()
    for i, letter in enumerate("ABC"):
        table[letter] = [choices[m][i] if m in choices else pd.NA for m in table["method"]]
    values = {m: paper.TABLE3[c] for m, c in choices.items()}
    return add_paper_values(table, values, TABLES_SETTING)


def code_size(scores: pd.DataFrame, config: Config) -> pd.DataFrame:
    """Beyond the paper: IS against code size (the paper shows this only as pictures)."""
    return scores.sort_values(["method", "code_size"], kind="stable").reset_index(drop=True)


# -- read by its own rule: the conditional settings' numbers ---------------------------------

def conditional_table(metrics_paths: Sequence[str | Path],
                      score_paths: Sequence[str | Path]) -> pd.DataFrame:
    """The conditional settings' numbers, per method and seed, with the IS of the same run."""
    scores = read_scores(score_paths).set_index(["method", "seed"])
    rows = []
    for path in metrics_paths:
        m = lio.read_json(path)
        score = scores.loc[(m["method"], m["seed"])]
        # Files from before records were chained (up to commit 97d47b4) held these fields flat.
        training = upstream(m["provenance"], "train") if "provenance" in m else m
        rows.append({"method": m["method"], "condition": m["condition"], "dataset": m["dataset"],
                     "code_size": m["code_size"], "seed": m["seed"],
                     "is_mean": score["is_mean"], "is_std": score["is_std"],
                     **{column: score[column] for column in FIDELITY_COLUMNS},
                     "extractor": score["extractor"],
                     "label_accuracy": m.get("label_accuracy", float("nan")),
                     # Absent from files written before it was recorded (2026-12-03).
                     "q_sample_accuracy": m.get("q_sample_accuracy", float("nan")),
                     "category_purity": m.get("category_purity", float("nan")),
                     "q_real_labels": bool(training.get("settings", {}).get("options", {})
                                           .get("q_real_labels", False)),
                     "nearest_mode_accuracy": m["nearest_mode_accuracy"],
                     "nearest_mode_nmi": m["nearest_mode_nmi"],
                     "q_accuracy": m["q_accuracy"], "q_nmi": m["q_nmi"],
                     "silhouette_prior_by_s": m["silhouette_prior_by_s"],
                     "silhouette_encoder_by_class": m["silhouette_encoder_by_class"],
                     "two_sample_accuracy": m.get("two_sample_accuracy", float("nan")),
                     # Only where the prior code is [one-hot s, z] itself, since b1fbafd.
                     "z_part_two_sample_accuracy": m.get("z_part_two_sample_accuracy", float("nan")),
                     "code_d_real_own_label": m.get("code_d_real_own_label", float("nan")),
                     "code_d_real_shuffled_label": m.get("code_d_real_shuffled_label", float("nan")),
                     "points": m["points"], "git_commit": training["git_commit"],
                     "settings_digest": training["settings_digest"]})
    return pd.DataFrame(rows)
