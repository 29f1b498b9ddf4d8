"""Shipping a run into the repository: its wall time as Snakemake measured it, and the default
config its overlays were merged onto."""

import subprocess

from lpaae import ship
from lpaae.ship import snakemake_wall_time


def test_wall_time_sums_the_invocations_that_ran_and_skips_dry_runs(tmp_path):
    logs = tmp_path / ".snakemake/log"
    logs.mkdir(parents=True)
    (logs / "2026-11-26T100000.000000.snakemake.log").write_text(
        "Building DAG of jobs...\nFinished job 3.\nComplete log(s): x\nElapsed time: 0:05:13.5\n")
    (logs / "2026-11-26T110000.000000.snakemake.log").write_text(
        "Building DAG of jobs...\nJob stats:\n")  # a dry run: no elapsed time
    (logs / "2026-11-27T100000.000000.snakemake.log").write_text(
        "Elapsed time: 1 day, 2:00:00\n")  # how Python prints a timedelta over a day
    wall, invocations = snakemake_wall_time(tmp_path)
    assert invocations == 2
    assert wall == 5 * 60 + 13.5 + 26 * 3600
    assert snakemake_wall_time(tmp_path / "elsewhere") == (0.0, 0)


def test_base_config_comes_from_the_runs_commits_when_they_agree(tmp_path, monkeypatch):
    def git(*args):
        return subprocess.run(["git", *args], cwd=tmp_path, check=True, capture_output=True,
                              text=True).stdout.strip()

    git("init", "-q")
    (tmp_path / "config").mkdir()
    commits = []
    for text, note in [("steps: 1\n", "a"), ("steps: 1\n", "b"), ("steps: 2\n", "c")]:
        (tmp_path / "config/config.yaml").write_text(text)
        (tmp_path / "note").write_text(note)
        git("add", "-A")
        git("-c", "user.name=t", "-c", "user.email=t@t", "commit", "-qm", note)
        commits.append(git("rev-parse", "HEAD"))
    monkeypatch.setattr(ship, "REPO_ROOT", tmp_path)
    today = ship.lconf.DEFAULT_CONFIG_PATH.read_text()

    assert ship._base_config(commits[:1]) == ("steps: 1\n", f"commit {commits[0][:12]}")
    text, where = ship._base_config(commits[:2])  # two commits, the same file
    assert text == "steps: 1\n" and where.startswith("commits ") and "the same file" in where
    assert ship._base_config(commits[1:]) == (
        today, "this checkout (the runs' commits hold different versions of it)")
    assert ship._base_config([commits[0], "0" * 40])[0] == today
    assert "uncommitted" in ship._base_config([commits[0] + "-dirty"])[1]
