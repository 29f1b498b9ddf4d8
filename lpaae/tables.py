"""Result tables: tidy CSVs (one row per measured number) and Markdown renderings that put each
number beside the paper's."""

from __future__ import annotations

from pathlib import Path
from typing import Sequence

import pandas as pd

from lpaae import io as lio
from lpaae.paper import METHOD_LABELS, TABLE1, TABLE1_SETTING, PaperSetting

TABLE1_COLUMNS = [
    "method", "model", "dataset", "image_size", "code_size", "extractor", "is_mean", "is_std",
    "samples", "seed", "paper_is", "difference", "comparable_with_paper", "classifier_test_accuracy",
    "git_commit", "settings_digest",
]


def _row(score: dict, paper: dict[str, float], setting: PaperSetting) -> dict:
    model = score["model"]
    training = score["source"].get("training", {})
    comparable = (score["dataset"] == setting.dataset and score["code_size"] == setting.code_size
                  and score["extractor"] == setting.extractor)
    paper_is = paper.get(model, float("nan"))
    return {
        "method": METHOD_LABELS.get(model, model),
        "model": model,
        "dataset": score["dataset"],
        "image_size": score["image_size"],
        "code_size": score["code_size"] if model != "real" else pd.NA,
        "extractor": score["extractor"],
        "is_mean": score["is_mean"],
        "is_std": score["is_std"],
        "samples": score["samples"],
        "seed": training.get("seed", pd.NA),
        "paper_is": paper_is,
        "difference": score["is_mean"] - paper_is,
        "comparable_with_paper": comparable,
        "classifier_test_accuracy": score.get("classifier_test_accuracy", pd.NA),
        "git_commit": training.get("git_commit", score["provenance"]["git_commit"]),
        "settings_digest": training.get("settings_digest", pd.NA),
    }


def build_table1(score_paths: Sequence[str | Path], real_score_path: str | Path) -> pd.DataFrame:
    rows = [_row(lio.read_json(p), TABLE1, TABLE1_SETTING) for p in [*score_paths, real_score_path]]
    return pd.DataFrame(rows, columns=TABLE1_COLUMNS)


def comparability_note(table: pd.DataFrame, setting: PaperSetting) -> str:
    if table["comparable_with_paper"].all():
        return f"Measured in the paper's setting ({setting.describe()})."
    measured = table.iloc[0]
    return (f"**Not comparable with the paper:** measured on {measured['dataset']} "
            f"({measured['image_size']} px, {measured['code_size']}-D code) with the "
            f"'{measured['extractor']}' extractor over {measured['samples']:,} samples; the paper "
            f"used {setting.describe()}. Differences are shown for completeness only.")


def render_markdown(table: pd.DataFrame, title: str, setting: PaperSetting) -> str:
    shown = pd.DataFrame({
        "Method": table["method"],
        "IS (ours)": [f"{m:.2f} ± {s:.2f}" for m, s in zip(table["is_mean"], table["is_std"])],
        "IS (paper)": [("" if pd.isna(p) else f"{p:.2f}") for p in table["paper_is"]],
        "Difference": [("" if pd.isna(d) else f"{d:+.2f}") for d in table["difference"]],
        "Samples": table["samples"],
    })
    lines = [f"# {title}", "", comparability_note(table, setting), "",
             shown.to_markdown(index=False, disable_numparse=True), ""]
    accuracy = table["classifier_test_accuracy"].dropna()
    if len(accuracy):
        lines += [f"Extractor: a classifier trained on {table['dataset'].iloc[0]}; its test "
                  f"accuracy is {accuracy.iloc[0]:.4f}.", ""]
    lines += [f"Code version: {table['git_commit'].iloc[0]}. Seed: {table['seed'].dropna().iloc[0]}.",
              ""]
    return "\n".join(lines)


def write_table1(score_paths: Sequence[str | Path], real_score_path: str | Path,
                 csv_path: str | Path, markdown_path: str | Path) -> pd.DataFrame:
    table = build_table1(score_paths, real_score_path)
    lio.write_text(table.to_csv(index=False), csv_path)
    lio.write_text(render_markdown(table, "Table 1: Inception Score of the four priors",
                                   TABLE1_SETTING), markdown_path)
    return table
