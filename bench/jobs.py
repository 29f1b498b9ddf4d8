"""Where a finished DAG run's time went: its jobs' Snakemake ``benchmark:`` files, summed per rule.

    python -m bench.jobs RESULTS_FOLDER        # e.g. results (the folder holding <dataset>/benchmarks)

Prints one row per rule: jobs, summed and median wall seconds, and the share of all job seconds.
The sum over rules is core-seconds of work when every job runs on one thread (the default configs'
``threads: 1``); with ``--cores 2`` the DAG's wall time is at least half of it. Jobs that run
without a benchmark file (tables, figures, the report: a few seconds each) are not counted.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import pandas as pd

def job_benchmarks(results: Path) -> pd.DataFrame:
    """One row per job from Snakemake's ``benchmark:`` files (wall seconds, max_rss in MB, ...);
    ``job`` is the file's path under ``benchmarks/`` without ``.tsv``: ``train_classifier``,
    or ``<rule>/<wildcards>`` for a rule with wildcards (``train/aae_code16_seed0``)."""
    files = [(folder, f) for folder in sorted(Path(results).glob("*/benchmarks"))
             for f in sorted(folder.rglob("*.tsv"))]
    if not files:
        raise FileNotFoundError(f"no Snakemake benchmark files under {results}/*/benchmarks/")
    return pd.concat([pd.read_csv(f, sep="\t").assign(
        job=f.relative_to(folder).with_suffix("").as_posix()) for folder, f in files],
        ignore_index=True)


def rule_of(job: str) -> str:
    """The rule a job of :func:`job_benchmarks` belongs to."""
    return job.split("/")[0]


def time_by_rule(jobs: pd.DataFrame) -> pd.DataFrame:
    """Jobs, summed and median wall seconds, and share of all job seconds, per rule, largest
    first."""
    table = (jobs.assign(rule=jobs["job"].map(rule_of)).groupby("rule")["s"]
             .agg(jobs="count", total_s="sum", median_s="median").reset_index()
             .sort_values("total_s", ascending=False, ignore_index=True))
    table["share"] = table["total_s"] / table["total_s"].sum()
    return table


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.jobs", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("results", type=Path, help="a run's results folder")
    args = parser.parse_args(argv)
    try:
        table = time_by_rule(job_benchmarks(args.results))
    except FileNotFoundError as err:
        parser.error(str(err))
    print(table.to_markdown(index=False, floatfmt=".3g"))
    print(f"\n{len(table)} rules, {int(table['jobs'].sum())} jobs, "
          f"{table['total_s'].sum():.0f} job-seconds in all")
    return 0


if __name__ == "__main__":
    sys.exit(main())
