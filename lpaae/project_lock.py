"""One Snakemake run per project folder.

Snakemake's own locks guard only the files a run will write, and Snakemake 9.27's file-based
lock store (``snakemake/persistence/file.py``, ``_delete_locks``) removes the whole
``.snakemake/locks`` folder when any run exits, including the locks of runs still going. Measured
here: with two runs in one folder, the second's exit freed the first's outputs; a third run then
started beside the first, and killing it made Snakemake delete the first run's finished
``model.pt`` as incomplete. So the workflow takes a lock of its own when it starts executing
(``onstart``, which Snakemake skips for dry runs and inside cluster jobs): an exclusive
``flock`` on ``.snakemake/lpaae-run.lock``, held by the Snakemake process until it exits. The
kernel drops it when the process ends in any way, ``kill -9`` included, so it never goes stale.
"""

from __future__ import annotations

import datetime as dt
import fcntl
import os
import sys
from pathlib import Path

LOCK_FILE = Path(".snakemake") / "lpaae-run.lock"
_held: list[int] = []  # open descriptors: the lock lives as long as the process


class ProjectLocked(RuntimeError):
    """Another Snakemake run holds this folder."""


def hold(path: str | Path = LOCK_FILE) -> None:
    """Take the folder's run lock for the rest of this process, or raise :class:`ProjectLocked`
    naming the run that holds it."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o666)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        holder = os.read(fd, 4096).decode(errors="replace").strip() or "unknown"
        os.close(fd)
        raise ProjectLocked(
            f"another Snakemake run is executing in {Path.cwd()} ({holder}). Running two at once "
            "in one folder can delete each other's finished results (see lpaae/project_lock.py). "
            "Wait for it to finish, or use another folder (--directory).") from None
    os.ftruncate(fd, 0)
    os.write(fd, (f"pid {os.getpid()}, started {dt.datetime.now().isoformat(timespec='seconds')}"
                  f", command: {' '.join(sys.argv)}").encode())
    _held.append(fd)
