"""The DAG's jobs that only read result files (score and metrics JSON, tables) and write tables,
the scoreboard, figures and the report. Unlike :mod:`lpaae.jobs` they never import torch's
networks: each such job then starts in about a second, not the five a torch job pays, and the
default DAG runs dozens of them."""

from __future__ import annotations

from pathlib import Path

from lpaae import claims, rendering, tables
from lpaae import files as lio
from lpaae.config import Config
from lpaae.joblog import setup_logging
from lpaae.scores import read_scores


def start(log_file: str | Path | None) -> None:
    """Log to the job's log file (these jobs are single-threaded: nothing to set)."""
    setup_logging(log_file)


def table_job(table: str, config: Config, score_paths: list[str], csv_path: str | Path,
              markdown_path: str | Path) -> None:
    """Build one of the result tables of :data:`lpaae.table_specs.TABLES` from score files (and
    nothing else)."""
    tables.write_table(table, tables.build(table, read_scores(score_paths), config), csv_path,
                       markdown_path)


def claims_job(table1: str | Path, table3: str | Path, code_size: str | Path,
               conditional: str | Path, csv_path: str | Path, markdown_path: str | Path) -> None:
    """The claims scoreboard from the tables it tests (and nothing else)."""
    board = claims.scoreboard(table1, table3, code_size, conditional)
    lio.write_text(board.to_csv(index=False), csv_path)
    lio.write_text(claims.render_markdown(board), markdown_path)


def conditional_table_job(metrics_paths: list[str], score_paths: list[str], csv_path: str | Path,
                          markdown_path: str | Path) -> None:
    """The conditional settings' table from their metrics and score files (and nothing else)."""
    table = tables.conditional_table(metrics_paths, score_paths)
    lio.write_text(table.to_csv(index=False), csv_path)
    lio.write_text(rendering.render_conditional_markdown(table), markdown_path)
