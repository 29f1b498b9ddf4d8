"""The result tables' registry (lpaae/table_specs.py): one entry per table, read by the DAG build
without pandas, each entry built by its function in lpaae/tables.py."""

import subprocess
import sys

import pandas as pd
import pytest
import yaml

from conftest import ROOT, modules_loaded_by, run_snakemake, tiny_raw
from lpaae import files as lio
from lpaae import table_specs, tables
from lpaae.config import ConfigError
from test_extend import tracked_copy
from test_seeds import GOOD_SCORE


def test_every_table_has_its_builder_and_an_unknown_one_is_named():
    for name in table_specs.TABLES:
        assert callable(getattr(tables, name)), name
    with pytest.raises(ValueError, match=r"no table 'table9'.*table_specs\.py"):
        tables.build("table9", None, None)


def test_the_dag_build_imports_neither_pandas_nor_scipy():
    """What the Snakefile and its rules import at DAG build (read from the files themselves)."""
    sources = [ROOT / "Snakefile", *sorted((ROOT / "workflow/rules").glob("*.smk"))]
    assert any("table_specs" in path.read_text() for path in sources)
    loaded = modules_loaded_by(sources, ("pandas", "scipy"))
    assert loaded == [], f"the DAG build imports {loaded}"


@pytest.mark.parametrize("experiments, message", [
    ({"table2": {}, "table3": {}, "code_size_sweep": {"code_sizes": [4]}},
     r"table 'table1' reads .*'experiments\.table1', which is missing"),
    ({"table1": {}, "table2": {}, "table3": {}, "code_size_sweep": {}},
     r"table 'code_size': config key 'experiments\.code_size_sweep' needs 'code_sizes'"),
    ({"table1": {"code_sizes": [4]}, "table2": {}, "table3": {}, "code_size_sweep": {"code_sizes": [4]}},
     r"table 'table1': .*'experiments\.table1' must not have 'code_sizes'"),
], ids=["missing", "sweep-without-sizes", "sizes-on-one-size-table"])
def test_a_table_whose_experiment_does_not_fit_is_refused(experiments, message):
    with pytest.raises(ConfigError, match=message):
        table_specs.check(experiments)


def test_a_table_named_like_a_rule_of_its_own_is_refused(monkeypatch):
    monkeypatch.setitem(table_specs.TABLES, "conditional", table_specs.TableSpec("table1", "x"))
    fitting = {"table1": {}, "table2": {}, "table3": {}, "code_size_sweep": {"code_sizes": [4]}}
    with pytest.raises(ConfigError, match=r"table name 'conditional' is taken by a rule of its own"):
        table_specs.check(fitting)


def test_a_new_table_is_one_entry_and_one_function(tmp_path):
    """CONTRIBUTING.md's "Add a table" walk: the DAG plans the new table from its experiment's
    score files, `all_tables` includes it, and its job builds it (on a hand-made score file)."""
    checkout = tracked_copy(tmp_path / "checkout")
    with (checkout / "lpaae/table_specs.py").open("a") as f:
        f.write('\nTABLES["fid_only"] = TableSpec("table1", "Table 1 by FID")\n')
    with (checkout / "lpaae/tables.py").open("a") as f:
        f.write("\n\ndef fid_only(scores, config):\n"
                "    return add_paper_values(scores[scores['method'] != 'vae'], {}, TABLES_SETTING)\n")
    (tmp_path / "tiny.yaml").write_text(yaml.safe_dump(tiny_raw()))
    dry = run_snakemake(tmp_path / "run", "--configfile", str(tmp_path / "tiny.yaml"), "-n",
                        "all_tables", "fid_only_table", checkout=checkout)
    assert dry.returncode == 0, dry.stderr[-3000:]
    job = next(block for block in dry.stdout.split("rule ") if "table=fid_only" in block)
    assert job.startswith("table:")
    assert "output: results/tables/fid_only.csv, results/tables/fid_only.md" in job
    inputs = job.split("input: ")[1].split("\n")[0].split(", ")
    assert sorted(inputs) == sorted([*(f"results/digits/{m}/code4/seed0/score.json"
                                       for m in tiny_raw()["experiments"]["table1"]["methods"]),
                                     "results/digits/real/score.json"])
    # The job itself, in the copy (its lpaae first on the path), on two hand-made score files.
    for method in ("aae", "vae"):
        lio.write_json(dict(GOOD_SCORE, method=method, model=method, fid=12.5, provenance={
            "git_commit": "abc", "inputs": {"samples": {"inputs": {"model": {
                "job": "train", "seed": 0, "settings_digest": method}}}}}),
                       tmp_path / f"{method}.json")
    build = subprocess.run(
        [sys.executable, "-c", "import sys; from lpaae import result_jobs; from lpaae.config "
         "import from_dict; import yaml; result_jobs.table_job('fid_only', from_dict("
         "yaml.safe_load(open(sys.argv[1]))), sys.argv[2:4], sys.argv[4], sys.argv[5])",
         str(tmp_path / "tiny.yaml"), str(tmp_path / "aae.json"), str(tmp_path / "vae.json"),
         str(tmp_path / "t.csv"), str(tmp_path / "t.md")],
        capture_output=True, text=True, cwd=checkout)
    assert build.returncode == 0, build.stderr[-3000:]
    built = pd.read_csv(tmp_path / "t.csv")
    assert built["method"].tolist() == ["aae"] and built["fid"].tolist() == [12.5]
    assert (tmp_path / "t.md").read_text().startswith("# Table 1 by FID")


def test_a_table_trained_at_several_commits_names_each_with_its_methods():
    from lpaae.paper import PaperSetting
    from lpaae.rendering import code_versions_note, render_markdown

    assert code_versions_note(pd.DataFrame({"git_commit": ["abc"] * 2, "method": ["aae", "vae"]})) \
        == "Code version: abc."
    # Seed 1 of VampPrior retrained later: render_markdown shows one row per method, but the
    # note reads every seed's row.
    rows = [("aae", 0, "abc"), ("aae", 1, "abc"), ("vampprior", 0, "abc"), ("vampprior", 1, "def")]
    table = pd.DataFrame([{
        "method": m, "seed": seed, "git_commit": commit, "code_size": 16, "settings_digest": "x",
        "is_mean": 3.0, "is_std": 0.1, "n_seeds": 2, "seeds_mean": 3.0, "ci_low": 2.9,
        "ci_high": 3.1, "fid": 50.0, "two_sample_accuracy": 0.6, "paper_is": 2.15,
        "paper_source": "paper", "difference": 0.85, "samples": 100, "comparable_with_paper": False,
        "dataset": "digits", "image_size": 16, "extractor": "classifier",
        "classifier_test_accuracy": 0.99, "fidelity_samples": 100, "reference_images": 100,
    } for m, seed, commit in rows])
    text = render_markdown(table, "Table", PaperSetting())
    assert "Code versions (the rows' training jobs): abc (aae, vampprior); def (vampprior)." in text
