"""Markdown renderings of the tables: each measured number beside the paper's, with notes on
how to read it and whether the setting is the paper's."""

from __future__ import annotations

from typing import Sequence

import pandas as pd

from lpaae import paper
from lpaae.paper import PaperSetting, method_label


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
    every_seed = table.dropna(subset=["settings_digest"])  # the measured rows, before de-dup
    seeds = every_seed["seed"].drop_duplicates().tolist()
    two_sample_means = pd.to_numeric(table["two_sample_accuracy"], errors="coerce").groupby(
        table["method"]).mean()
    fid_means = pd.to_numeric(table["fid"], errors="coerce").groupby(table["method"]).mean()
    versions = code_versions_note(every_seed)
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
    lines += [versions, ""]
    return "\n".join(lines)


def code_versions_note(measured: pd.DataFrame) -> str:
    """The commit the rows were trained at; when several, which methods each one trained (a
    method retrained later, say, is named with its own commit). Rows without a commit (an
    uncommitted checkout's) count as "unknown"."""
    commits = measured.fillna({"git_commit": "unknown"}).groupby(
        "git_commit", sort=False)["method"].unique()
    if len(commits) == 0:
        return "Code version: no measured rows."
    if len(commits) == 1:
        return f"Code version: {commits.index[0]}."
    return "Code versions (the rows' training jobs): " + "; ".join(
        f"{commit} ({', '.join(methods)})" for commit, methods in commits.items()) + "."


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


def render_code_size_markdown(table: pd.DataFrame, title: str) -> str:
    fid = pd.to_numeric(table["fid"], errors="coerce").groupby(
        [table["method"], table["code_size"]]).mean()
    cells = table.drop_duplicates(subset=["method", "code_size"])
    cells = cells.assign(score=[f"{_score_cell(row)} / {_fmt(fid.get((row['method'], row['code_size'])), '.1f')}"
                                for _, row in cells.iterrows()])
    pivot = cells.pivot(index="code_size", columns="method", values="score")
    pivot.columns = [method_label(m) for m in pivot.columns]
    first = table.iloc[0]
    return "\n".join([
        f"# {title}", "",
        "The paper shows robustness to the code size only as pictures (Figures 8 and 9); these "
        f"are measured, on {first['dataset']} ({first['image_size']} px) with the "
        f"'{first['extractor']}' extractor over {first['samples']:,} samples, with every run "
        "given the same training budget. Each cell: IS / FID (FID: mean over seeds, lower is "
        "better; KID, precision and recall are in the CSV).", "",
        pivot.reset_index().rename(columns={"code_size": "Code size"}).to_markdown(
            index=False, disable_numparse=True), ""])


def _q_training(table: pd.DataFrame) -> str:
    """Which Q each method's rows used: Algorithm 1's, or the option beside it."""
    with_real = sorted({method_label(m) for m in table.loc[table["q_real_labels"], "method"]})
    if not with_real:
        return "Q learned from fakes alone (Algorithm 1) in every run."
    return ("Q also learned the real images' labels (option q_real_labels, not in Algorithm 1) "
            f"in the runs of: {', '.join(with_real)}.")


def render_conditional_markdown(table: pd.DataFrame) -> str:
    means = table.groupby(["condition", "method"], sort=False).mean(numeric_only=True).reset_index()
    # Recorded only for a prior [one-hot s, z] used directly (the AAE rows), since b1fbafd.
    z_part = means.get("z_part_two_sample_accuracy", pd.Series(float("nan"), index=means.index))
    shown = pd.DataFrame({
        "Setting": means["condition"],
        "Method": [method_label(m) for m in means["method"]],
        "IS": [f"{v:.2f}" for v in means["is_mean"]],
        "FID": [_fmt(v, ".2f") for v in means["fid"]],
        "IS (authors' repo, CIFAR-10)": [_fmt(paper.AUTHORS_REPOSITORY.get(m, float("nan")), ".2f")
                                         for m in means["method"]],
        "Sample label accuracy": [_fmt(v, ".3f") for v in means["label_accuracy"]],
        "Q reads s in samples": [_fmt(v, ".3f") for v in means["q_sample_accuracy"]],
        "Purity of s in samples": [_fmt(v, ".3f") for v in means["category_purity"]],
        "Cluster acc. (nearest mode)": [f"{v:.3f}" for v in means["nearest_mode_accuracy"]],
        "NMI (nearest mode)": [f"{v:.3f}" for v in means["nearest_mode_nmi"]],
        "Cluster acc. (Q)": [f"{v:.3f}" for v in means["q_accuracy"]],
        "NMI (Q)": [f"{v:.3f}" for v in means["q_nmi"]],
        "Silhouette CG codes by s": [f"{v:.3f}" for v in means["silhouette_prior_by_s"]],
        "Silhouette encoder codes by class": [f"{v:.3f}" for v in means["silhouette_encoder_by_class"]],
        "Codes vs prior (2-sample acc.)": [_fmt(v, ".2f") for v in means["two_sample_accuracy"]],
        "Codes vs prior, z alone": [_fmt(v, ".2f") for v in z_part],
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
        "accuracy at telling encoder codes from prior codes (0.5: indistinguishable); for the "
        "AAE rows, whose prior code is [one-hot s, z], also on z alone (the encoder's outputs "
        "are at best near one-hot, and the label part was told apart in every run measured, so "
        "the whole code's accuracy says more about it than about z). D_C real: "
        "its mean probability of 'real' for prior codes paired with their own label and with a "
        "shuffled one (supervised; equal values mean D_C ignores s). Q reads s: Q's accuracy "
        "at reading s back from the same samples; far above the label accuracy, Q and the "
        "generator share a code of their own. Purity: the mean over values of s of the share "
        "of its samples in the class the classifier sees most in them (high with a low label "
        "accuracy: each s holds one class, some classes two s; low: each s mixes classes). "
        f"{_q_training(table)} "
        "The AAE rows use the prior [s, z] directly, "
        "with the same perceptual loss and mutual-information term. The authors' repository "
        "(not the paper) reports CIFAR-10 Inception-v3 scores for these settings; they are "
        "comparable with ours only on CIFAR-10 with the Inception extractor.", "",
        shown.to_markdown(index=False, disable_numparse=True), ""])
