"""Command line: ``lpaae compare A.csv B.csv`` and ``lpaae paper TABLE.csv``.

Exit status 0 when every compared cell is within tolerance, 1 when a cell differs or the tables'
keys do not match, 2 for bad arguments or unreadable files.
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
        a, b, keys=args.keys.split(",") if args.keys else None,
        metrics=args.metrics.split(",") if args.metrics else None, tolerances=tolerances)
    print(f"A: {args.first}\nB: {args.second}")
    if len(cells):
        print(cells.to_string(index=False, float_format=lambda v: f"{v:.4g}"))
    for problem in problems:
        print(f"KEY MISMATCH: {problem}")
    failed = int((cells["status"] == "FAIL").sum()) if len(cells) else 0
    print(f"{len(cells) - failed} passed, {failed} failed; {len(problems)} key mismatches")
    return 1 if failed or problems or not len(cells) else 0


def _paper(args: argparse.Namespace) -> int:
    table = compare_with_paper(read_table(args.table), Tolerance(args.rtol, args.atol))
    print(table.to_string(index=False, float_format=lambda v: f"{v:.3f}"))
    if len(table) and not table["comparable_with_paper"].all():
        print("note: some rows were measured in another setting than the paper's "
              "(comparable_with_paper is False)")
    failed = int((table["status"] == "FAIL").sum())
    print(f"{len(table) - failed} within tolerance of the paper, {failed} not")
    return 1 if failed or not len(table) else 0


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
