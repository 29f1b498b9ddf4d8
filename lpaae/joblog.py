"""Every job's log: to stderr and to the job's log file. Torch-free: the scripts of the jobs that
only read result files (tables, the scoreboard, figures, the report) call it first, and start
without importing torch."""

from __future__ import annotations

import logging
import os
import sys
from pathlib import Path

log = logging.getLogger("lpaae")


def setup_logging(log_file: str | Path | None) -> None:
    """Log to stderr and, when given, to ``log_file`` (the job's log). A rerun appends to the
    log after a separator line, so the record of an earlier, crashed attempt is kept."""
    handlers: list[logging.Handler] = [logging.StreamHandler(sys.stderr)]
    if log_file:
        Path(log_file).parent.mkdir(parents=True, exist_ok=True)
        handlers.append(logging.FileHandler(log_file, mode="a"))
    logging.basicConfig(level=logging.INFO, handlers=handlers, force=True,
                        format="%(asctime)s %(levelname)s %(message)s")
    if log_file:
        log.info("%s job started: %s (pid %d) %s", "=" * 20, " ".join(sys.argv), os.getpid(),
                 "=" * 20)
