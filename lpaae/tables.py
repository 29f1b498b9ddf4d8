"""The result tables: the score frame (:mod:`lpaae.scores`) with the paper's value beside each
number, written as a tidy CSV and its Markdown rendering (:mod:`lpaae.rendering`)."""

from __future__ import annotations

from pathlib import Path
from typing import Mapping, Sequence

import pandas as pd

from lpaae import files as lio
from lpaae import paper
from lpaae.paper import TABLES_SETTING, PaperSetting
from lpaae.rendering import render_markdown
from lpaae.scores import FIDELITY_COLUMNS, read_scores


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


def write_table(table: pd.DataFrame, csv_path: str | Path, markdown_path: str | Path,
                title: str, setting: PaperSetting, extra_columns: Sequence[str] = ()) -> None:
    lio.write_text(table.to_csv(index=False), csv_path)
    lio.write_text(render_markdown(table, title, setting, extra_columns), markdown_path)


# -- the paper's tables ----------------------------------------------------------------------

def table1(scores: pd.DataFrame) -> pd.DataFrame:
    return add_paper_values(scores, paper.TABLE1, TABLES_SETTING)


def table2(scores: pd.DataFrame) -> pd.DataFrame:
    """Our measured GANs beside the scores the paper cites; BEGAN, which we do not train, keeps a
    row with the cited value and no measurement."""
    unmeasured = [m for m in paper.TABLE2 if m not in set(scores["method"])]
    cited_only = pd.DataFrame({"method": unmeasured, "model": unmeasured})
    table = pd.concat([cited_only, scores], ignore_index=True) if unmeasured else scores
    return add_paper_values(table, paper.TABLE2, TABLES_SETTING,
                            cited=frozenset(paper.TABLE2) - paper.TABLE2_OWN)


def table3(scores: pd.DataFrame, choices: Mapping[str, tuple[bool, bool, bool]]) -> pd.DataFrame:
    table = scores.copy()
    for i, letter in enumerate("ABC"):
        table[letter] = [choices[m][i] if m in choices else pd.NA for m in table["method"]]
    values = {m: paper.TABLE3[c] for m, c in choices.items()}
    return add_paper_values(table, values, TABLES_SETTING)


def code_size_table(scores: pd.DataFrame) -> pd.DataFrame:
    """Beyond the paper: IS against code size (the paper shows this only as pictures)."""
    return scores.sort_values(["method", "code_size"], kind="stable").reset_index(drop=True)


def conditional_table(metrics_paths: Sequence[str | Path],
                      score_paths: Sequence[str | Path]) -> pd.DataFrame:
    """The conditional settings' numbers, per method and seed, with the IS of the same run."""
    scores = read_scores(score_paths).set_index(["method", "seed"])
    rows = []
    for path in metrics_paths:
        m = lio.read_json(path)
        score = scores.loc[(m["method"], m["seed"])]
        rows.append({"method": m["method"], "condition": m["condition"], "dataset": m["dataset"],
                     "code_size": m["code_size"], "seed": m["seed"],
                     "is_mean": score["is_mean"], "is_std": score["is_std"],
                     **{column: score[column] for column in FIDELITY_COLUMNS},
                     "extractor": score["extractor"],
                     "label_accuracy": m.get("label_accuracy", float("nan")),
                     "nearest_mode_accuracy": m["nearest_mode_accuracy"],
                     "nearest_mode_nmi": m["nearest_mode_nmi"],
                     "q_accuracy": m["q_accuracy"], "q_nmi": m["q_nmi"],
                     "silhouette_prior_by_s": m["silhouette_prior_by_s"],
                     "silhouette_encoder_by_class": m["silhouette_encoder_by_class"],
                     "two_sample_accuracy": m.get("two_sample_accuracy", float("nan")),
                     "code_d_real_own_label": m.get("code_d_real_own_label", float("nan")),
                     "code_d_real_shuffled_label": m.get("code_d_real_shuffled_label", float("nan")),
                     "points": m["points"], "git_commit": m["git_commit"],
                     "settings_digest": m["settings_digest"]})
    return pd.DataFrame(rows)
