"""A self-contained HTML report: tables beside the paper's values, figures, and the provenance of
every number (config, seed, package versions, git commit, wall time of each job)."""

from __future__ import annotations

import base64
import html
from pathlib import Path
from typing import Any, Callable, Mapping, Sequence

import markdown
import pandas as pd
import yaml

from lpaae import files as lio
from lpaae.provenance import git_commit, package_versions
from lpaae.scores import job_records, lineage

STYLE = """
body { font-family: system-ui, sans-serif; max-width: 1100px; margin: 2em auto; color: #222; }
table { border-collapse: collapse; margin: 1em 0; font-size: 0.9em; }
th, td { border: 1px solid #ccc; padding: 0.3em 0.6em; text-align: right; }
th { background: #f3f3f3; }
.banner { background: #fff3cd; border: 1px solid #e0c060; padding: 0.8em; border-radius: 4px; }
pre { background: #f7f7f7; padding: 0.8em; overflow-x: auto; font-size: 0.85em; }
img { max-width: 100%; }
"""


def _figure_html(path: str | Path) -> str:
    data = base64.b64encode(Path(path).read_bytes()).decode()
    return f'<figure><img src="data:image/png;base64,{data}" alt="{html.escape(Path(path).name)}">' \
           f"<figcaption>{html.escape(str(path))}</figcaption></figure>"


#: Scalar diagnostics shown in the report, in this order.
DIAGNOSTIC_COLUMNS = ["two_sample_accuracy", "two_sample_accuracy_splits_mean",
                      "two_sample_accuracy_splits_sd", "whitened_two_sample_accuracy", "heldout_code_d_accuracy",
                      "mean_shift", "log_std_ratio", "encoder_effective_dimensions",
                      "prior_effective_dimensions", "prior_spanned_dimensions", "points",
                      "code_d_real_own_label", "code_d_real_shuffled_label",
                      "label_part_two_sample_accuracy", "z_part_two_sample_accuracy"]


#: Below this share of the prior's effective dimensions a run's codes fill too few directions
#: to pass for prior codes. Measured (docs/measurements/code-spread-2026-12-02, shipped form):
#: 0.08-0.65 in the runs whose codes D_C's batch-level input then spread (the AAE at 100-D, on
#: Fashion-MNIST and CIFAR-10; ours on CIFAR-10), 0.78-0.98 in the others (for ours on
#: Fashion-MNIST, 0.78-0.93, it helped too: a low ratio flags, it does not decide).
NARROW_CODES = 0.7


def _diagnostic_frame(scores: Sequence[Mapping[str, Any]]) -> pd.DataFrame:
    """Per run with an encoder, its method, code size, seed and scalar diagnostics."""
    rows = []
    for s in scores:
        training = lineage(s, "train")
        d = training.get("diagnostics") or {}
        if not d.get("applicable"):
            continue
        rows.append({"method": s["method"], "code size": s["code_size"], "seed": training.get("seed"),
                     **{k: d.get(k) for k in DIAGNOSTIC_COLUMNS}})
    if not rows:
        return pd.DataFrame()
    frame = pd.DataFrame(rows).drop_duplicates(subset=["method", "code size", "seed"])
    return frame.sort_values(["method", "code size", "seed"])


def _run_list(records: Sequence[Mapping[str, Any]], value: Callable[[Mapping[str, Any]], str]) -> str:
    """"method, code N, seed S: value; ..." for the runs a report paragraph names."""
    return "; ".join(f"{html.escape(str(r['method']))}, code {r['code size']}, seed {r['seed']}: "
                     f"{value(r)}" for r in records)


def _runs_below(frame: pd.DataFrame, column: str, bound: float, reference: str) -> list[dict]:
    """The runs whose ``column`` is below ``bound`` times their ``reference``; runs older than
    either diagnostic are skipped."""
    return [r for r in frame.to_dict("records")
            if pd.notna(r.get(column)) and pd.notna(r.get(reference))
            and r[column] < bound * r[reference]]


def _narrow_codes(frame: pd.DataFrame) -> str:
    """A paragraph naming the runs whose codes spread over fewer than :data:`NARROW_CODES` of
    their prior's effective dimensions, or "" (also for runs older than the diagnostic)."""
    narrow = _runs_below(frame, "encoder_effective_dimensions", NARROW_CODES, "prior_effective_dimensions")
    if not narrow:
        return ""
    runs = _run_list(narrow, lambda r: f"{r['encoder_effective_dimensions']:.1f} of "
                                       f"{r['prior_effective_dimensions']:.1f}")
    return (f"<p><b>Codes that fill too few directions</b> (encoder_effective_dimensions below "
            f"{NARROW_CODES} of the prior's): {runs}. A two-sample test tells such codes from "
            "prior codes whatever else they match. D_C's spread head (option "
            "<code>code_spread_weight</code>, 0.1 by default; 0 turns it off) is there to spread "
            "them; a run listed here with the head on was not spread enough by it (README, "
            "'Codes stretched along a few directions').</p>")


#: Below this share of the directions its codes span, a prior has collapsed onto a few of them
#: (the encoder can then match it only by collapsing too, which NARROW_CODES does not flag).
#: Measured, CIFAR-10 at 64-D (the run folders behind docs/measurements/real-data-budget-,
#: decoder-prior-rate- and scale-32px-2026-12-05, and reproduction/cifar-cpu): 0.035-0.052 in
#: ours' collapsed runs (8,000 steps at 16 px, 4,000 at 32 px; recall at most 0.004); 0.086 in
#: ours' second 32-px run, and 0.071 in ours at the paper's width 64 after 4,000 steps
#: (paper-width-cpu-2026-12-05), both still narrowing; 0.087-0.14 in ours' runs at 1,000 steps
#: (5.5-9.0 directions); just above the bound, ours with the decoder's prior-phase rate x 0.1
#: at 8,000 steps (0.102, 0.109) and VampPrior's mixture (0.105-0.164), all with recall about 0.
#: Elsewhere 0.23-0.55 for ours (digits, Fashion-MNIST) and 0.88-0.98 for N(0, I) on 500 draws
#: at 8-64-D.
#: The bound is a round number in a continuum: a low share flags, it does not decide.
COLLAPSED_PRIOR = 0.1


def _collapsed_priors(frame: pd.DataFrame) -> str:
    """A paragraph naming the runs whose prior codes spread over fewer than
    :data:`COLLAPSED_PRIOR` of the directions they span, or "" (also for runs older than the
    diagnostic)."""
    collapsed = _runs_below(frame, "prior_effective_dimensions", COLLAPSED_PRIOR, "prior_spanned_dimensions")
    if not collapsed:
        return ""
    runs = _run_list(collapsed, lambda r: f"{r['prior_effective_dimensions']:.1f} of "
                                          f"{r['prior_spanned_dimensions']:.0f}")
    return (f"<p><b>Priors collapsed onto a few directions</b> (prior_effective_dimensions below "
            f"{COLLAPSED_PRIOR} of prior_spanned_dimensions): {runs}. Such a prior's samples vary "
            "along few factors, and an encoder that matches it keeps little of its images. A low "
            "share flags, it does not decide (README, 'What drives the collapse').</p>")


def _subspace_priors(frame: pd.DataFrame) -> str:
    """A paragraph naming the runs whose prior codes span fewer directions than the code has
    (and than their number allows: n codes span at most n - 1), or ""."""
    flat = [r for r in frame.to_dict("records")
            if pd.notna(r.get("prior_spanned_dimensions")) and pd.notna(r.get("points"))
            and r["prior_spanned_dimensions"] < min(r["code size"], r["points"] - 1)]
    if not flat:
        return ""
    runs = _run_list(flat, lambda r: f"{r['prior_spanned_dimensions']:.0f} of {r['code size']}")
    return (f"<p><b>Priors in a subspace</b> (prior_spanned_dimensions below the code size): {runs}. "
            "A two-sample test tells apart any encoder whose codes leave that subspace, however "
            "little, so the target asks these encoders to collapse exactly onto it. The "
            "conditional AAE's prior [one-hot s, z] spans one direction fewer than its size (a "
            "one-hot code sums to 1). For ours the code generator's hidden layer, twice "
            "<code>network.noise_size</code> wide (Table A.2), bounds the span. A wider one does not make the target easier: CG then puts "
            "its variance into as few directions, thin rather than empty (README, 'What is "
            "still unmatched').</p>")


def _diagnostics_table(scores: Sequence[Mapping[str, Any]]) -> str:
    """Per run: does the encoder match its prior? (lpaae.diagnostics; runs with an encoder.)"""
    frame = _diagnostic_frame(scores)
    if frame.empty:
        return "<p>No run with an encoder.</p>"
    return frame.to_html(index=False, border=0, float_format=lambda v: f"{v:.3f}",
                         na_rep="") + _narrow_codes(frame) + _collapsed_priors(frame) \
        + _subspace_priors(frame)


def write_report(out: str | Path, *, config: Mapping[str, Any], tables: Sequence[str | Path],
                 figures: Sequence[str | Path], scores: Sequence[str | Path]) -> None:
    score_records = [lio.read_json(p) for p in scores]
    versions = package_versions()
    parts = [
        "<!DOCTYPE html><html><head><meta charset='utf-8'>",
        "<title>Learning priors for AAEs: reproduction report</title>",
        f"<style>{STYLE}</style></head><body>",
        "<h1>Learning priors for adversarial autoencoders: reproduction report</h1>",
        "<p>Wang, Peng, Ko (2020). Every number below was computed by this suite's Snakemake DAG; "
        "the paper's values stand beside them.</p>",
    ]
    if any(s["dataset"] != "cifar10" or s["extractor"] != "inception" for s in score_records):
        parts.append(
            "<div class='banner'><b>Not the paper's setting.</b> These results were computed on "
            f"{html.escape(score_records[0]['dataset'])} with the "
            f"'{html.escape(score_records[0]['extractor'])}' extractor; the paper reports "
            "CIFAR-10 with Inception-v3. Compare trends, not values.</div>")
    warned = [s for s in score_records if s.get("warning")]
    if warned:
        items = "".join(f"<li>{html.escape(str(s['method']))} (code {s['code_size']}, seed "
                        f"{lineage(s, 'train').get('seed')}): "
                        f"{html.escape(s['warning'])}</li>" for s in warned)
        parts.append(f"<div class='banner'><b>Runs to distrust.</b><ul>{items}</ul></div>")
    training = config.get("training", {})
    parts.append(
        f"<p><b>Budget.</b> Every run, of every method, trains for {training.get('steps')} steps "
        f"of {training.get('batch_size')} images ({training.get('steps', 0) * training.get('batch_size', 0):,} "
        f"images seen; WGAN-GP's critic sees {config.get('models', {}).get('wgan_gp', {}).get('critic_steps', 5)}x as many real images, a fresh batch per critic step) on the same autoencoder; seeds {html.escape(str(config.get('seeds')))}.</p>")
    for table in tables:
        if str(table).endswith(".md"):
            # Tables are written once, as Markdown; the report renders that same file.
            parts.append(markdown.markdown(Path(table).read_text(), extensions=["tables"]))
    parts += [
        "<h2>Is the encoder regularised?</h2>",
        "<p>Encoder codes of held-out images against as many codes of the prior the encoder is "
        "trained towards: <i>two_sample_accuracy</i> is the held-out accuracy of a fresh "
        "classifier telling them apart (0.5: indistinguishable, 1.0: disjoint), on one random "
        "split of the codes into its training and test halves; <i>two_sample_accuracy_splits_mean</i> "
        "and <i>_sd</i> the same over ten splits and classifier seeds (one split moves by about "
        "0.03 on 360 digits: read differences smaller than that from the mean, not one split); "
        "<i>whitened_two_sample_accuracy</i> the same after each set is whitened by its own "
        "covariance (against a Gaussian prior, near 0.5 with a high two_sample_accuracy: the "
        "codes are Gaussian too, only stretched and rotated); "
        "<i>heldout_code_d_accuracy</i> is D_C's own (its per-code head); <i>mean_shift</i> and <i>log_std_ratio</i> compare "
        "per-dimension means (in prior standard deviations) and spreads (0: equal); "
        "<i>encoder_effective_dimensions</i> and <i>prior_effective_dimensions</i> say over how "
        "many directions each set spreads (the participation ratio of its covariance's "
        "eigenvalues; an encoder far below its prior stretches its codes along a few directions, "
        "which per-dimension spreads do not show); <i>prior_spanned_dimensions</i> how many "
        "directions the prior codes span at all, of the code size (at most <i>points</i> - 1, "
        "the held-out codes compared); in the "
        "supervised setting, D_C's mean 'real' probability for prior codes with their own label "
        "and with a shuffled one; for the conditional AAE, whose prior code is [one-hot s, z], "
        "the ten-split mean on its label dimensions and on z apart (the encoder's outputs are at "
        "best near one-hot, and the label part was told apart in every run measured, so the "
        "whole code's accuracy says more about it than about z). VAE rows compare posterior samples with the prior. The "
        "training curves (figures curves_*) show D_C's accuracy over training, and D_I's on its "
        "training batch (at 0.5 all run, D_I never gets ahead of its generator).</p>",
        _diagnostics_table(score_records),
    ]
    parts.append("<h2>Figures</h2>")
    parts += [_figure_html(f) for f in figures]
    parts += [
        "<h2>Provenance</h2>",
        f"<p>Report built from code version <code>{html.escape(git_commit())}</code>.</p>",
        "<h3>Jobs</h3>", job_records(score_records).to_html(index=False, border=0),
        "<h3>Package versions</h3>",
        pd.DataFrame(sorted(versions.items()), columns=["package", "version"]).to_html(
            index=False, border=0),
        "<h3>Configuration</h3>",
        f"<pre>{html.escape(yaml.safe_dump(dict(config), sort_keys=False))}</pre>",
        "</body></html>",
    ]
    lio.write_text("\n".join(parts), out)
