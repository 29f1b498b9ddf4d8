"""Reading and writing the suite's files: atomic writes (a file either keeps its old content or
gets the complete new one), and reads that name the file when it cannot be read.

Every writer puts the data in a temporary file in the same folder and renames it over the
target (``os.replace`` is atomic on POSIX), so a job killed mid-write never leaves a truncated
checkpoint, table or figure behind.
"""

from __future__ import annotations

import contextlib
import json
import os
import tempfile
from pathlib import Path
from typing import Any, Iterator


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


#: The mode a plain ``open(path, "w")`` would give a new file (``mkstemp`` makes its files 0600,
#: which on a shared cluster would hide every result from the user's group).
FILE_MODE = 0o666 & ~_umask()


class UnreadableFileError(ValueError):
    """A saved file that cannot be read back (truncated, corrupt, or not what it should be)."""


@contextlib.contextmanager
def atomic_path(path: str | Path) -> Iterator[Path]:
    """Yield a temporary path beside ``path``; move it onto ``path`` if the block succeeds."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    os.close(fd)
    try:
        yield Path(tmp)
        os.chmod(tmp, FILE_MODE)
        os.replace(tmp, path)
    finally:
        if os.path.exists(tmp):
            os.remove(tmp)


# torch is imported where it is used: the jobs that only read JSON and CSV (the scoreboard, the
# report) then start without torch's import time (about two seconds here).

def save_torch(obj: Any, path: str | Path) -> None:
    import torch

    with atomic_path(path) as tmp:
        torch.save(obj, tmp)


def load_torch(path: str | Path) -> Any:
    """A file written by :func:`save_torch`; :class:`UnreadableFileError` naming it when it is
    truncated or corrupt."""
    import torch

    try:
        return torch.load(path, map_location="cpu", weights_only=False)
    except FileNotFoundError:
        raise
    except Exception as err:  # torch raises RuntimeError, EOFError, UnpicklingError, ... here
        raise UnreadableFileError(f"{path} is truncated or corrupt and cannot be read "
                                  f"({type(err).__name__}: {str(err)[:200]}); delete it and "
                                  "rerun, and Snakemake makes it again") from err


def write_text(text: str, path: str | Path) -> None:
    with atomic_path(path) as tmp:
        tmp.write_text(text)


def write_json(obj: Any, path: str | Path) -> None:
    write_text(json.dumps(obj, indent=2, sort_keys=True, default=str) + "\n", path)


def read_json(path: str | Path) -> Any:
    try:
        with open(path) as f:
            return json.load(f)
    except (json.JSONDecodeError, UnicodeDecodeError) as err:
        raise UnreadableFileError(f"{path} is not valid JSON ({err}); delete it and rerun the "
                                  "job that writes it") from err
