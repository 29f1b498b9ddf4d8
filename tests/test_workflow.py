"""The Snakemake DAG end to end on a tiny configuration."""

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest
import yaml

from conftest import ROOT, run_snakemake, tiny_raw
from lpaae import ship as shipping


def snakemake(workdir: Path, config: Path, *targets: str) -> subprocess.CompletedProcess:
    return run_snakemake(workdir, "--configfile", str(config), "--cores", "2", *targets)


@pytest.fixture(scope="module")
def tiny_run(tmp_path_factory):
    workdir = tmp_path_factory.mktemp("dag")
    config = workdir / "tiny.yaml"
    config.write_text(yaml.safe_dump(tiny_raw()))
    result = snakemake(workdir, config, "all")
    assert result.returncode == 0, result.stderr[-3000:]
    return workdir, config


@pytest.mark.slow
def test_all_produces_every_table_figure_and_the_report(tiny_run):
    workdir, _ = tiny_run
    table = pd.read_csv(workdir / "results/tables/table1.csv")
    assert list(table["method"]) == ["aae", "vae", "vampprior", "learned_prior", "real"]
    assert table["is_mean"].between(1.0, 10.0).all()
    assert (table["samples"] == 100).all()  # the real row too: the same split size
    # The regulariser's diagnostics reach the table, for the models with an encoder.
    assert table.set_index("method").loc[["aae", "vae", "vampprior", "learned_prior"],
                                         "two_sample_accuracy"].between(0, 1).all()
    assert table.set_index("method").loc[["aae", "learned_prior"], "heldout_code_d_accuracy"].between(0, 1).all()
    # The run's diagnostics were made with the config's classifier budget (tiny_raw's 20 steps).
    diagnostics = json.loads((workdir / "results/digits/aae/code4/seed0/diagnostics.json").read_text())
    assert diagnostics["two_sample_steps"] == 20
    assert table["paper_is"].iloc[:4].tolist() == [2.15, 3.00, 2.88, 6.52]
    assert not table["comparable_with_paper"].any()
    # FID, KID, precision/recall of every row against one set of training-image features, which
    # one job extracted (its log records one start) for every score.
    assert (table["fid"] >= 0).all() and table["precision"].between(0, 1).all()
    assert table["recall"].between(0, 1).all() and table["kid_mean"].notna().all()
    assert (table["reference_images"] == 100).all()
    assert (table["fidelity_samples"].iloc[:4] == 100).all()
    logs = workdir / "results/digits/logs"
    assert [p.name for p in logs.glob("reference_features*")] == ["reference_features.log"]
    assert (logs / "reference_features.log").read_text().count("job started") == 1
    assert "FID (ours)" in (workdir / "results/tables/table1.md").read_text()

    table2 = pd.read_csv(workdir / "results/tables/table2.csv").set_index("method")
    assert table2.loc[["dcgan", "lsgan", "wgan_gp", "learned_prior"], "is_mean"].notna().all()
    assert pd.isna(table2.loc["began", "is_mean"])
    table3 = pd.read_csv(workdir / "results/tables/table3.csv").drop_duplicates("method")
    assert table3["paper_is"].iloc[:4].tolist() == [2.15, 3.04, 3.69, 6.52]
    assert table3[["A", "B", "C"]].iloc[:4].values.tolist() == [
        [False, False, False], [True, False, False], [True, True, False], [True, True, True]]
    sweep = pd.read_csv(workdir / "results/tables/code_size.csv")
    assert sorted(set(zip(sweep["method"], sweep["code_size"]))) == [
        ("aae", 4), ("aae", 8), ("learned_prior", 4), ("learned_prior", 8)]

    conditional = pd.read_csv(workdir / "results/tables/conditional.csv")
    assert sorted(set(conditional["method"])) == sorted(
        ["learned_prior_supervised", "aae_supervised", "learned_prior_unsupervised",
         "aae_unsupervised"])
    assert conditional["nearest_mode_accuracy"].between(0, 1).all()
    assert conditional["label_accuracy"].between(0, 1).all()
    assert conditional["q_sample_accuracy"].between(0, 1).all()
    assert conditional["category_purity"].between(0.1, 1).all()  # 10 classes: at least 1/10
    assert not conditional["q_real_labels"].any()  # the default is Algorithm 1's Q
    # Only the AAE rows' prior code is [one-hot s, z]: only they have an accuracy on z alone.
    aae_rows = conditional["method"].str.startswith("aae_")
    assert conditional.loc[aae_rows, "z_part_two_sample_accuracy"].between(0, 1).all()
    assert conditional.loc[~aae_rows, "z_part_two_sample_accuracy"].isna().all()
    assert "Q learned from fakes alone (Algorithm 1)" in (
        workdir / "results/tables/conditional.md").read_text()

    figures = ["fig06", "fig07", "fig08", "fig09", "fig10", "fig11", "fig12", "fig13", "code_size",
               *[f"curves_{e}" for e in ["table1", "table2", "table3", "fig08", "fig09",
                                         "supervised", "unsupervised"]]]
    for figure in figures:
        assert (workdir / f"results/figures/{figure}.png").stat().st_size > 1000, figure
    claims = pd.read_csv(workdir / "results/tables/claims.csv")
    assert len(claims) == 9 and set(claims["verdict"]) <= {
        "holds", "holds on means", "fails", "not measured here"}
    assert (claims["verdict"] != "holds").all()  # one seed gives no interval
    report = (workdir / "report/index.html").read_text()
    assert report.index("Claims scoreboard") < report.index("Table 1")  # the report opens with it
    for title in ["Table 1", "Table 2", "Table 3", "code size", "Conditional priors"]:
        assert title in report
    assert report.count("data:image/png;base64") == len(figures)
    assert "Not the paper" in report and "Is the encoder regularised?" in report
    for method in ["aae", "vae", "vampprior", "learned_prior"]:
        log = workdir / f"results/digits/logs/train_{method}_code4_seed0.log"
        assert "step 6/6" in log.read_text()
        run = workdir / f"results/digits/{method}/code4/seed0"
        assert "encoder_code_std" in (run / "losses.csv").read_text().splitlines()[0]
        assert json.loads((run / "diagnostics.json").read_text())["applicable"]


@pytest.mark.slow
def test_figure_regenerates_without_retraining(tiny_run):
    workdir, config = tiny_run
    (workdir / "results/figures/fig06.png").unlink()
    result = snakemake(workdir, config, "fig06")
    assert result.returncode == 0 and (workdir / "results/figures/fig06.png").exists()
    stats = (result.stdout + result.stderr).split("Job stats:")[1].split("total")[0]
    rules = {line.split()[0] for line in stats.splitlines()[3:] if line.strip()}
    assert rules == {"sample_figure", "fig06"}, stats  # no training, no sampling


@pytest.mark.slow
def test_every_number_traces_back_to_its_training_run_in_one_record_shape(tiny_run):
    """A score's provenance chains score -> sample -> train, each a lpaae.provenance.record."""
    import torch

    from lpaae.provenance import upstream
    from lpaae.scores import lineage

    def as_json(record):  # as a JSON file holds it (tuples become lists)
        return json.loads(json.dumps(record))

    workdir, _ = tiny_run
    runs = workdir / "results/digits"
    keys = set(json.loads(next(runs.glob("*/code*/seed*/score.json")).read_text())["provenance"])
    for path in runs.glob("*/code*/seed*/score.json"):
        score = json.loads(path.read_text())
        trained = as_json(torch.load(path.parent / "model.pt", weights_only=False)["provenance"])
        assert "source" not in score and lineage(score, "train") == trained, path
        sample = lineage(score, "sample")
        assert sample["settings"]["method"] == score["method"] == trained["settings"]["method"]
        assert set(sample) == set(score["provenance"]) == keys, path
    real = json.loads((runs / "real/score.json").read_text())
    assert lineage(real, "train") == {} and set(real["provenance"]) == keys
    assert real["provenance"]["settings"]["scored"]["method"] == "real"
    for path in runs.glob("*/code*/seed*/conditional.json"):
        metrics = json.loads(path.read_text())
        trained = as_json(torch.load(path.parent / "model.pt", weights_only=False)["provenance"])
        assert upstream(metrics["provenance"], "train") == trained
        assert set(metrics["provenance"]) == keys


@pytest.mark.slow
def test_ship_copies_a_finished_run_with_its_provenance(tiny_run, tmp_path, monkeypatch):
    workdir, config = tiny_run
    dest = tmp_path / "reproduction/tiny"

    def ship(run_dir):
        return subprocess.run([sys.executable, "-m", "lpaae.cli", "ship", str(run_dir), str(dest),
                               "--configfile", str(config), "--command", "snakemake all"],
                              capture_output=True, text=True, cwd=ROOT)

    result = ship(workdir)
    assert result.returncode == 0, result.stderr
    for name in ["tables/claims.csv", "tables/claims.md", "tables/table1.csv", "tables/table1.md",
                 "tables/conditional.csv", "figures/fig06.png", "figures/fig13.png", "report.html",
                 "config/0-config.yaml", "config/1-tiny.yaml", "config.merged.yaml",
                 "runs.csv", "README.md"]:
        assert (dest / name).stat().st_size > 0, name
    runs = pd.read_csv(dest / "runs.csv")
    assert len(runs) == len(list(workdir.glob("results/digits/**/score.json")))
    readme = (dest / "README.md").read_text()
    assert "Command: `snakemake all`" in readme and runs["git commit"].iloc[0] in readme
    assert float(readme.split("Wall time: ")[1].split(" min")[0]) > 0
    assert "## Claims scoreboard" in readme
    assert yaml.safe_load((dest / "config.merged.yaml").read_text())["training"]["steps"] == 6
    same = subprocess.run([sys.executable, "-m", "lpaae.cli", "compare", "--rtol", "0",
                           str(dest / "tables/table1.csv"),
                           str(workdir / "results/tables/table1.csv")],
                          capture_output=True, text=True, cwd=ROOT)
    assert same.returncode == 0, same.stdout + same.stderr
    # Shipping again replaces the copy; shipping an unfinished run fails, naming the missing
    # file, and a failure half-way through the copy leaves the shipped copy as it was.
    (dest / "figures/fig06.png").unlink()
    assert ship(workdir).returncode == 0 and (dest / "figures/fig06.png").is_file()
    unfinished = tmp_path / "unfinished"
    unfinished.mkdir()
    failed = ship(unfinished)
    assert failed.returncode == 2 and "claims.csv is missing" in failed.stderr
    copy = shutil.copy2

    def copy_then_fail(source, target):
        if Path(target).name == "report.html":
            raise OSError("disk full")
        return copy(source, target)

    monkeypatch.setattr(shutil, "copy2", copy_then_fail)
    with pytest.raises(OSError, match="disk full"):
        shipping.ship(workdir, dest, overlays=[config], command="snakemake all")
    assert (dest / "README.md").read_text() == readme and (dest / "report.html").is_file()
    assert sorted(p.name for p in dest.parent.iterdir()) == ["tiny"]  # no staging left behind


@pytest.mark.slow
def test_more_seeds_train_only_the_new_runs_and_report_intervals(tiny_run):
    workdir, _ = tiny_run
    config = workdir / "two_seeds.yaml"
    raw = tiny_raw(seeds=[0, 1])
    raw["experiments"]["table1"]["methods"] = ["aae", "learned_prior"]  # two suffice, at half the jobs
    config.write_text(yaml.safe_dump(raw))
    result = snakemake(workdir, config, "table1")
    assert result.returncode == 0, result.stderr[-3000:]
    trained = [line for line in (result.stdout + result.stderr).splitlines()
               if line.startswith("    output:") and "model.pt" in line]
    assert len(trained) == 2 and all("seed1" in line for line in trained)  # seed 0's runs are reused
    table = pd.read_csv(workdir / "results/tables/table1.csv")
    assert list(table["method"]) == ["aae"] * 2 + ["learned_prior"] * 2 + ["real"]
    assert table["seed"].iloc[:4].tolist() == [0, 1] * 2
    aae = table[table["method"] == "aae"]
    assert (aae["seeds_mean"] == aae["is_mean"].mean()).all() and (aae["n_seeds"] == 2).all()
    assert (aae["ci_low"] <= aae["seeds_mean"]).all() and (aae["seeds_mean"] <= aae["ci_high"]).all()
    assert "95% percentile-bootstrap interval" in (workdir / "results/tables/table1.md").read_text()
