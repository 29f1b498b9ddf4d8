"""Result tables: tidy CSVs (one row per measured number) and Markdown renderings that put each
number beside the paper's."""

from __future__ import annotations

import math
from pathlib import Path
from typing import Mapping, Sequence

import pandas as pd

import numpy as np
from scipy import stats

from lpaae import files as lio
from lpaae import paper
from lpaae.paper import TABLES_SETTING, PaperSetting, method_label

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
                "source": dict, "provenance": dict}


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


def read_scores(score_paths: Sequence[str | Path]) -> pd.DataFrame:
    """One row per ``score.json``, with the provenance of the run that made it."""
    rows = []
    for path in score_paths:
        score = checked_score(path)
        training = score["source"].get("training", {})
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


def bootstrap_interval(values: Sequence[float], confidence: float = 0.95,
                       resamples: int = 10_000) -> tuple[float, float]:
    """Percentile bootstrap interval of the mean (scipy); NaN for fewer than two values."""
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


def comparability_note(table: pd.DataFrame, setting: PaperSetting) -> str:
    measured = table.dropna(subset=["is_mean"])
    if measured["comparable_with_paper"].all():
        return f"Measured in the paper's setting ({setting.describe()})."
    first = measured.iloc[0]
    return (f"**Not comparable with the paper:** measured on {first['dataset']} "
            f"({first['image_size']:.0f} px, {first['code_size']:.0f}-D code) with the "
            f"'{first['extractor']}' extractor over {first['samples']:,.0f} samples; the paper "
            f"used {setting.describe()}. Differences are shown for completeness only.")


def _fmt(value: float, pattern: str) -> str:
    return "" if pd.isna(value) else format(value, pattern)


def _score_cell(row: pd.Series) -> str:
    """Mean over seeds with its 95% bootstrap interval, or, for one seed, mean ± std over the
    protocol's splits."""
    if pd.isna(row["is_mean"]):
        return "not measured"
    if row["n_seeds"] > 1:
        return f"{row['seeds_mean']:.2f} [{row['ci_low']:.2f}, {row['ci_high']:.2f}]"
    return f"{row['is_mean']:.2f} ± {row['is_std']:.2f}"


def render_markdown(table: pd.DataFrame, title: str, setting: PaperSetting,
                    extra_columns: Sequence[str] = ()) -> str:
    seeds = table.dropna(subset=["settings_digest"])["seed"].drop_duplicates().tolist()
    two_sample_means = pd.to_numeric(table["two_sample_accuracy"], errors="coerce").groupby(
        table["method"]).mean()
    fid_means = pd.to_numeric(table["fid"], errors="coerce").groupby(table["method"]).mean()
    table = table.drop_duplicates(subset=["method", "code_size"]).reset_index(drop=True)
    shown = pd.DataFrame({"Method": [method_label(m) for m in table["method"]]})
    for column in extra_columns:
        shown[column] = table[column].map(lambda v: "✓" if v is True else "")
    shown["IS (ours)"] = [_score_cell(row) for _, row in table.iterrows()]
    shown["FID (ours)"] = [_fmt(v, ".2f") for v in table["method"].map(fid_means)]
    shown["IS (paper)"] = [_fmt(v, ".2f") + (" (cited)" if src == "cited" else "")
                           for v, src in zip(table["paper_is"], table["paper_source"])]
    shown["Difference"] = [_fmt(d, "+.2f") for d in table["difference"]]
    shown["Samples"] = [_fmt(n, ".0f") for n in table["samples"]]
    # Mean over seeds, like the score: how well a fresh classifier tells the encoder's codes of
    # held-out images from prior codes (0.5: indistinguishable).
    two_sample = table["method"].map(two_sample_means)
    if two_sample.notna().any():
        shown["Codes vs prior (2-sample acc.)"] = [_fmt(v, ".2f") for v in two_sample]
    spread = (f"IS (ours): mean over seeds {seeds} [95% percentile-bootstrap interval]; "
              "per-seed numbers are in the CSV." if len(seeds) > 1 else
              f"IS (ours): one seed ({seeds[0] if seeds else '-'}); ± is the standard deviation "
              "over the protocol's splits.")
    lines = [f"# {title}", "", comparability_note(table, setting), "",
             shown.to_markdown(index=False, disable_numparse=True), "", spread, ""]
    measured = table.dropna(subset=["settings_digest"])
    accuracy = measured["classifier_test_accuracy"].dropna()
    if len(accuracy):
        lines += [f"Extractor: a classifier trained on {measured['dataset'].iloc[0]}; its test "
                  f"accuracy is {accuracy.iloc[0]:.4f}.", ""]
    lines += [fidelity_note(measured, table), ""]
    if "Codes vs prior (2-sample acc.)" in shown:
        lines += ["Codes vs prior: held-out accuracy of a fresh classifier telling the encoder's codes "
                  "of held-out images from codes of the prior it is trained towards (0.5: the "
                  "regulariser works; 1.0: the two sets are disjoint). See each run's "
                  "diagnostics.json.", ""]
    lines += [f"Code version: {measured['git_commit'].iloc[0]}.", ""]
    return "\n".join(lines)


def fidelity_note(measured: pd.DataFrame, table: pd.DataFrame) -> str:
    """How to read the FID column, with the counts it rests on."""
    models = measured.dropna(subset=["fid"])
    if models.empty:
        return "FID: not measured (score files from before FID was added)."
    note = (f"FID (ours, mean over seeds; lower is better): Fréchet distance between the pool "
            f"features of {models['fidelity_samples'].iloc[0]:,.0f} samples and of "
            f"{models['reference_images'].iloc[0]:,.0f} training images, from the IS's extractor. "
            "KID (unbiased, comparable across sample counts), precision (fidelity) and recall "
            "(coverage) are in the CSV.")
    real = table[(table["method"] == "real") & table["fid"].notna()]
    if len(real):
        note += (f" The real row compares {real['fidelity_samples'].iloc[0]:,.0f} held-out "
                 "images (FID grows as counts shrink, so it bounds the models' only at equal "
                 "counts).")
    return note


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


def render_code_size_markdown(table: pd.DataFrame) -> str:
    fid = pd.to_numeric(table["fid"], errors="coerce").groupby(
        [table["method"], table["code_size"]]).mean()
    cells = table.drop_duplicates(subset=["method", "code_size"])
    cells = cells.assign(score=[f"{_score_cell(row)} / {_fmt(fid.get((row['method'], row['code_size'])), '.1f')}"
                                for _, row in cells.iterrows()])
    pivot = cells.pivot(index="code_size", columns="method", values="score")
    pivot.columns = [method_label(m) for m in pivot.columns]
    first = table.iloc[0]
    return "\n".join([
        "# Inception Score / FID against code size (beyond the paper)", "",
        "The paper shows robustness to the code size only as pictures (Figures 8 and 9); these "
        f"are measured, on {first['dataset']} ({first['image_size']} px) with the "
        f"'{first['extractor']}' extractor over {first['samples']:,} samples, with every run "
        "given the same training budget. Each cell: IS / FID (FID: mean over seeds, lower is "
        "better; KID, precision and recall are in the CSV).", "",
        pivot.reset_index().rename(columns={"code_size": "Code size"}).to_markdown(
            index=False, disable_numparse=True), ""])


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


def render_conditional_markdown(table: pd.DataFrame) -> str:
    means = table.groupby(["condition", "method"], sort=False).mean(numeric_only=True).reset_index()
    shown = pd.DataFrame({
        "Setting": means["condition"],
        "Method": [method_label(m) for m in means["method"]],
        "IS": [f"{v:.2f}" for v in means["is_mean"]],
        "FID": [_fmt(v, ".2f") for v in means["fid"]],
        "IS (authors' repo, CIFAR-10)": [_fmt(paper.AUTHORS_REPOSITORY.get(m, float("nan")), ".2f")
                                         for m in means["method"]],
        "Sample label accuracy": [_fmt(v, ".3f") for v in means["label_accuracy"]],
        "Cluster acc. (nearest mode)": [f"{v:.3f}" for v in means["nearest_mode_accuracy"]],
        "NMI (nearest mode)": [f"{v:.3f}" for v in means["nearest_mode_nmi"]],
        "Cluster acc. (Q)": [f"{v:.3f}" for v in means["q_accuracy"]],
        "NMI (Q)": [f"{v:.3f}" for v in means["q_nmi"]],
        "Silhouette CG codes by s": [f"{v:.3f}" for v in means["silhouette_prior_by_s"]],
        "Silhouette encoder codes by class": [f"{v:.3f}" for v in means["silhouette_encoder_by_class"]],
        "Codes vs prior (2-sample acc.)": [_fmt(v, ".2f") for v in means["two_sample_accuracy"]],
        "D_C real: own s / shuffled s": [
            "" if pd.isna(a) else f"{a:.2f} / {b:.2f}"
            for a, b in zip(means["code_d_real_own_label"], means["code_d_real_shuffled_label"])],
    })
    first = table.iloc[0]
    return "\n".join([
        "# Conditional priors: numbers the paper shows only as pictures", "",
        f"On {first['dataset']}, {first['points']} held-out images and prior codes per run; IS "
        f"and FID (lower is better) with the '{first['extractor']}' extractor; means over seeds "
        f"{sorted(table['seed'].unique().tolist())}. Label accuracy: the dataset classifier's "
        "accuracy at recognising s in dec(CG(z, s)) (unsupervised: after matching the categories of s to "
        "classes, Hungarian). Clustering accuracy "
        "(Hungarian matching) and NMI compare the true classes of held-out images with the mode "
        "of the prior nearest to their encoder code, or with Q's prediction. Silhouettes are "
        "computed on the codes, not on a 2-D map. Codes vs prior: a fresh classifier's held-out "
        "accuracy at telling encoder codes from prior codes (0.5: indistinguishable). D_C real: "
        "its mean probability of 'real' for prior codes paired with their own label and with a "
        "shuffled one (supervised; equal values mean D_C ignores s). The AAE rows use the prior [s, z] directly, "
        "with the same perceptual loss and mutual-information term. The authors' repository "
        "(not the paper) reports CIFAR-10 Inception-v3 scores for these settings; they are "
        "comparable with ours only on CIFAR-10 with the Inception extractor.", "",
        shown.to_markdown(index=False, disable_numparse=True), ""])
