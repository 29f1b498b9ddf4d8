"""Command line: ``lpaae compare A.csv B.csv``, ``lpaae paper TABLE.csv`` and
``lpaae check-config CONFIG.yaml [OVERLAY.yaml ...]``.

Exit status 0 when every compared cell is within tolerance; 1 when a cell differs or is not a
number, or the tables' rows, key columns or metric columns do not match; 2 for bad arguments or
unreadable files (the message names the file).
"""

from __future__ import annotations

import argparse
import sys

import pandas as pd

from lpaae.compare import (Tolerance, compare_tables, compare_with_paper, read_table,
                           read_tolerances)


def _compare(args: argparse.Namespace) -> int:
    tolerances = read_tolerances(args.tolerances, args.rtol, args.atol)
    a, b = read_table(args.first), read_table(args.second)
    cells, problems = compare_tables(
        a, b, keys=_names(args.keys), metrics=_names(args.metrics), tolerances=tolerances,
        exclude=_names(args.exclude) or ())
    print(f"A: {args.first}\nB: {args.second}")
    if len(cells):
        print(cells.to_string(index=False, float_format=lambda v: f"{v:.4g}"))
    for problem in problems:
        print(f"MISMATCH: {problem}")
    failed = int(cells["status"].str.startswith("FAIL").sum()) if len(cells) else 0
    counts = cells.groupby("metric", sort=False).size() if len(cells) else {}
    print("compared: " + (", ".join(f"{m} ({n} cells)" for m, n in counts.items()) or "nothing"))
    print(f"{len(cells) - failed} passed, {failed} failed; {len(problems)} mismatches")
    return 1 if failed or problems or not len(cells) else 0


def _names(value: str | None) -> list[str] | None:
    return [name.strip() for name in value.split(",") if name.strip()] if value else None


def _paper(args: argparse.Namespace) -> int:
    table = compare_with_paper(read_table(args.table), Tolerance(args.rtol, args.atol))
    print(table.to_string(index=False, float_format=lambda v: f"{v:.3f}"))
    if len(table) and not table["comparable_with_paper"].all():
        print("note: some rows were measured in another setting than the paper's "
              "(comparable_with_paper is False)")
    failed = int(table["status"].str.startswith("FAIL").sum())
    print(f"{len(table) - failed} within tolerance of the paper, {failed} not")
    return 1 if failed or not len(table) else 0


def _check_config(args: argparse.Namespace) -> int:
    from lpaae.config import ConfigError, load
    from lpaae.runs import check_experiments

    stack = " + ".join(["config/config.yaml", *args.files])
    try:
        config = load(*args.files)
        check_experiments(config)
    except ConfigError as err:
        print(f"lpaae check-config: {stack}: {err}", file=sys.stderr)
        return 2
    print(f"{stack}: valid ({len(config.experiments)} experiments, "
          f"seeds {list(config.seeds)}, {config.training.steps} steps per run)")
    if args.options:
        from lpaae.registry import registered_models
        from lpaae.runs import resolve

        for model in registered_models():
            print(f"  {model}: {resolve(config, model).model_options()}")
    return 0


def _ship(args: argparse.Namespace) -> int:
    from lpaae.ship import ship

    dest = ship(args.run_dir, args.dest, overlays=args.configfile, command=args.run_command)
    print(f"shipped {args.run_dir} to {dest}")
    return 0


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="lpaae", description=__doc__,
                                formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = p.add_subparsers(dest="command", required=True)

    c = sub.add_parser("compare", help="compare two result CSVs cell by cell")
    c.add_argument("first")
    c.add_argument("second")
    c.add_argument("--keys", help="comma-separated key columns (default: those of "
                                  "method, dataset, image_size, code_size, extractor, seed in both)")
    c.add_argument("--metrics", help="comma-separated metric columns (default: all shared "
                                     "numeric columns)")
    c.add_argument("--exclude", help="comma-separated columns not to compare (a key or metric "
                                     "column that only one table has is a mismatch otherwise)")
    c.add_argument("--rtol", type=float, default=0.05, help="relative tolerance (default 0.05)")
    c.add_argument("--atol", type=float, default=0.0, help="absolute tolerance (default 0)")
    c.add_argument("--tolerances", help="YAML file of per-metric tolerances: "
                                        "{metric: {rtol: .., atol: ..}, default: {...}}")
    c.set_defaults(run=_compare)

    q = sub.add_parser("paper", help="compare a result table's IS with the paper's values")
    q.add_argument("table")
    q.add_argument("--rtol", type=float, default=0.1)
    q.add_argument("--atol", type=float, default=0.0)
    q.set_defaults(run=_paper)

    v = sub.add_parser("check-config", help="validate config files as the DAG would (on top of "
                                            "config/config.yaml), naming the file and line of a "
                                            "YAML error")
    v.add_argument("files", nargs="*", help="overlays, in --configfile order")
    v.add_argument("--options", action="store_true",
                   help="also print every model's options, defaults included")
    v.set_defaults(run=_check_config)

    s = sub.add_parser("ship", help="copy a finished run's scoreboard, tables, figures and report, "
                                    "with their provenance, into a folder of the repository")
    s.add_argument("run_dir", help="the folder Snakemake ran in (--directory)")
    s.add_argument("dest", help="e.g. reproduction/mnist-cpu; replaced once the copy is complete")
    s.add_argument("--configfile", nargs="*", default=[], help="the run's overlays, in order")
    s.add_argument("--command", dest="run_command", required=True,
                   help="the command that made the run, as text")
    s.set_defaults(run=_ship)
    return p


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    try:
        return args.run(args)
    except (FileNotFoundError, ValueError, pd.errors.ParserError) as err:
        print(f"lpaae {args.command}: error: {err}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
