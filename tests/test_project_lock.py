"""One executing Snakemake run per project folder (lpaae/project_lock.py), against a real one."""

import subprocess
import time

import pytest
import yaml

from conftest import ROOT, run_snakemake, snakemake_argv, tiny_raw, write_prepared_data
from lpaae import project_lock


@pytest.mark.slow
def test_a_second_run_in_the_same_folder_is_refused_and_the_first_finishes_intact(tmp_path):
    raw = tiny_raw(**{"training.steps": 400})
    config = tmp_path / "tiny.yaml"
    config.write_text(yaml.safe_dump(raw))
    # The data both runs read exist already, so the two runs' targets share no file and
    # Snakemake's own locks let both start: only the project lock stands between them.
    write_prepared_data(tmp_path, raw)
    model = "results/digits/aae/code4/seed0/model.pt"
    first = subprocess.Popen(
        snakemake_argv(tmp_path, "--configfile", str(config), "--cores", "1", model),
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, cwd=ROOT)
    lock = tmp_path / ".snakemake" / "lpaae-run.lock"
    deadline = time.monotonic() + 300  # a run that never takes the lock fails, not hangs
    while not (lock.exists() and "pid" in lock.read_text()) and first.poll() is None:
        assert time.monotonic() < deadline, "the first run never took the project lock"
        time.sleep(0.2)
    second = run_snakemake(tmp_path, "--configfile", str(config), "--cores", "2",
                           "results/digits/vae/code4/seed0/model.pt")
    log = first.communicate()[0]
    assert second.returncode != 0
    assert "another Snakemake run is executing" in second.stdout + second.stderr
    assert f"pid {first.pid}" in second.stdout + second.stderr
    assert first.returncode == 0, log[-3000:]
    assert (tmp_path / model).is_file()
    assert not (tmp_path / "results/digits/vae").exists()
    # The lock went with the process: the next run may take it.
    project_lock.hold(lock)
