"""Where a finished DAG run's time went: its jobs' Snakemake ``benchmark:`` files, summed per rule.

    python -m bench.jobs RESULTS_FOLDER        # e.g. results (the folder holding <dataset>/benchmarks)

Prints one row per dataset and rule: jobs, summed and median wall seconds, and the share of all
job seconds. The sum is core-seconds of work when every job runs on one thread (the shipped
configs' ``threads: 1``); with ``--cores 2`` the DAG's wall time is at least half of it. Jobs
without a benchmark file (tables, figures, the report: a few seconds each) are not counted.

Each rule writes ``<dataset>/benchmarks/<rule>/<wildcards>.tsv`` (or ``<rule>.tsv`` when it has no
wildcards); folders made before that layout (commit ff98793) hold ``<rule>_<wildcards>.tsv``,
which this cannot split, so each of their jobs counts as a rule of its own (it says so).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import pandas as pd


def job_benchmarks(results: Path) -> pd.DataFrame:
    """One row per job from Snakemake's ``benchmark:`` files (wall seconds ``s``, ``max_rss`` in
    MB, ...), with its ``dataset`` and ``job``: the file's path under ``benchmarks/`` without
    ``.tsv`` (``train_classifier``, or ``<rule>/<wildcards>`` such as ``train/aae_code16_seed0``)."""
    files = [(folder, f) for folder in sorted(Path(results).glob("*/benchmarks"))
             for f in sorted(folder.rglob("*.tsv"))]
    if not files:
        raise FileNotFoundError(f"no Snakemake benchmark files under {results}/*/benchmarks/")
    return pd.concat([_read(f).assign(dataset=folder.parent.name,
                                      job=f.relative_to(folder).with_suffix("").as_posix())
                      for folder, f in files], ignore_index=True)


def _read(path: Path) -> pd.DataFrame:
    try:
        frame = pd.read_csv(path, sep="\t")
    except (pd.errors.EmptyDataError, pd.errors.ParserError) as err:
        raise ValueError(f"{path} is not a Snakemake benchmark file: {err}") from err
    if "s" not in frame.columns:
        raise ValueError(f"{path} has no 's' (wall seconds) column: {list(frame.columns)}")
    return frame


def rule_of(job: str) -> str:
    """The rule a job of :func:`job_benchmarks` belongs to."""
    return job.split("/")[0]


def time_by_rule(jobs: pd.DataFrame) -> pd.DataFrame:
    """Jobs, summed and median wall seconds, and share of all job seconds, per dataset and rule,
    largest first."""
    table = (jobs.assign(rule=jobs["job"].map(rule_of)).groupby(["dataset", "rule"])["s"]
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
        jobs = job_benchmarks(args.results)
    except (FileNotFoundError, ValueError) as err:
        parser.error(str(err))
    if jobs["job"].str.fullmatch(r"[^/]+_code\d+_seed\d+").any():
        print(f"note: {args.results} holds files of the layout before benchmarks/<rule>/ "
              "(ff98793): each of their jobs is counted as a rule of its own", file=sys.stderr)
    table = time_by_rule(jobs)
    print(table.to_markdown(index=False, floatfmt=("", "", ".0f", ".0f", ".1f", ".3f")))
    print(f"\n{len(table)} rules, {int(table['jobs'].sum())} jobs, "
          f"{table['total_s'].sum():.0f} job-seconds in all")
    return 0


if __name__ == "__main__":
    sys.exit(main())
