"""Shipping a run into the repository: its wall time as Snakemake measured it."""

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
