"""The DAG's jobs that build tables and the claims scoreboard from result files (score and
metrics JSON, tables). Unlike :mod:`lpaae.jobs` they never import torch's networks at start-up:
each then starts in about a second (pandas and scipy), not the five of a torch job, which matters
when the default DAG runs dozens of short jobs. (The table jobs still load torch when they read
the config: its dataset registry, :data:`lpaae.data.DATASETS`, holds the loaders.) Figures and the
report need no job function: their scripts call :mod:`lpaae.plots` and :mod:`lpaae.report`."""

from __future__ import annotations

from pathlib import Path

from lpaae import claims, rendering, tables
from lpaae.config import Config
from lpaae.scores import read_scores


def table_job(table: str, config: Config, score_paths: list[str], csv_path: str | Path,
              markdown_path: str | Path) -> None:
    """Build one of the result tables of :data:`lpaae.table_specs.TABLES` from score files (and
    nothing else)."""
    tables.write_table(table, tables.build(table, read_scores(score_paths), config), csv_path,
                       markdown_path)


def claims_job(table1: str | Path, table2: str | Path, table3: str | Path,
               code_size: str | Path, conditional: str | Path, csv_path: str | Path,
               markdown_path: str | Path) -> None:
    """The claims scoreboard from the tables it tests (and nothing else)."""
    board = claims.scoreboard(table1, table2, table3, code_size, conditional)
    tables.write_frame(board, claims.render_markdown(board), csv_path, markdown_path)


def conditional_table_job(metrics_paths: list[str], score_paths: list[str], csv_path: str | Path,
                          markdown_path: str | Path) -> None:
    """The conditional settings' table from their metrics and score files (and nothing else)."""
    table = tables.conditional_table(metrics_paths, score_paths)
    tables.write_frame(table, rendering.render_conditional_markdown(table), csv_path,
                       markdown_path)
