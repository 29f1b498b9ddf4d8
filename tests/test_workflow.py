"""The Snakemake DAG end to end on a tiny configuration."""

import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest
import yaml

from conftest import tiny_raw

ROOT = Path(__file__).resolve().parents[1]


def snakemake(workdir: Path, config: Path, *targets: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "snakemake", "-s", str(ROOT / "Snakefile"), "-d", str(workdir),
         "--configfile", str(config), "--cores", "2", *targets],
        capture_output=True, text=True, cwd=ROOT)


@pytest.fixture(scope="module")
def tiny_run(tmp_path_factory):
    workdir = tmp_path_factory.mktemp("dag")
    config = workdir / "tiny.yaml"
    config.write_text(yaml.safe_dump(tiny_raw()))
    result = snakemake(workdir, config, "all")
    assert result.returncode == 0, result.stderr[-3000:]
    return workdir, config


@pytest.mark.slow
def test_all_produces_table1_figure6_and_report(tiny_run):
    workdir, _ = tiny_run
    table = pd.read_csv(workdir / "results/tables/table1.csv")
    assert list(table["model"]) == ["aae", "vae", "vampprior", "learned_prior", "real"]
    assert table["is_mean"].between(1.0, 10.0).all()
    assert (table["samples"].iloc[:4] == 100).all()
    assert table["paper_is"].iloc[:4].tolist() == [2.15, 3.00, 2.88, 6.52]
    assert not table["comparable_with_paper"].any()
    assert (workdir / "results/figures/fig06.png").stat().st_size > 1000
    report = (workdir / "report/index.html").read_text()
    assert "Table 1" in report and "data:image/png;base64" in report
    assert "Not the paper" in report
    for model in ["aae", "vae", "vampprior", "learned_prior"]:
        log = workdir / f"results/digits/logs/train_{model}_seed0.log"
        assert "step 6/6" in log.read_text()
        assert (workdir / f"results/digits/{model}/seed0/losses.csv").exists()


@pytest.mark.slow
def test_figure_regenerates_without_retraining(tiny_run):
    workdir, config = tiny_run
    (workdir / "results/figures/fig06.png").unlink()
    dry = snakemake(workdir, config, "-n", "results/figures/fig06.png")
    assert dry.returncode == 0
    assert "fig06" in dry.stdout and "train" not in dry.stdout.split("Job stats:")[1].split("total")[0]
    result = snakemake(workdir, config, "results/figures/fig06.png")
    assert result.returncode == 0 and (workdir / "results/figures/fig06.png").exists()
