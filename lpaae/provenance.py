"""Where a number came from: code version, packages, machine, command and wall time."""

from __future__ import annotations

import datetime as dt
import hashlib
import importlib.metadata
import json
import platform
import subprocess
import sys
from pathlib import Path
from typing import Any, Mapping

REPO_ROOT = Path(__file__).resolve().parents[1]
PACKAGES = ("torch", "torchvision", "torch-fidelity", "numpy", "scikit-learn", "pandas",
            "matplotlib", "snakemake")


def git_commit() -> str:
    """The commit of the checked-out code, with ``-dirty`` if tracked files were modified."""
    def git(*args: str) -> str:
        return subprocess.run(["git", *args], cwd=REPO_ROOT, capture_output=True, text=True,
                              check=True).stdout.strip()
    try:
        commit = git("rev-parse", "HEAD")
        dirty = git("status", "--porcelain", "--untracked-files=no")
    except (OSError, subprocess.CalledProcessError):
        return "unknown (not a git checkout)"
    return commit + ("-dirty" if dirty else "")


#: The code this process runs, read when the module is first imported (a job's start): a commit
#: made while a long job runs must not be credited with its result.
CODE_VERSION = git_commit()


def package_versions() -> dict[str, str]:
    versions = {"python": platform.python_version()}
    for name in PACKAGES:
        try:
            versions[name] = importlib.metadata.version(name)
        except importlib.metadata.PackageNotFoundError:
            versions[name] = "not installed"
    return versions


def config_digest(section: Mapping[str, Any]) -> str:
    """A short, stable hash of a configuration mapping (to tell runs apart)."""
    blob = json.dumps(section, sort_keys=True, default=str).encode()
    return hashlib.sha256(blob).hexdigest()[:12]


def record(*, job: str, seed: int | None, settings: Mapping[str, Any], wall_time_s: float,
           device: str, inputs: Mapping[str, Mapping[str, Any]] | None = None) -> dict[str, Any]:
    """The provenance block stored beside every result a job writes, in one shape for every job.
    ``inputs`` holds the records of the jobs whose outputs this job read (a score's samples,
    whose record holds the training run's), so one record traces a number back to its training:
    see :func:`upstream`."""
    import torch

    return {
        "job": job,
        "seed": seed,
        "settings": dict(settings),
        "settings_digest": config_digest(settings),
        "git_commit": CODE_VERSION,
        "packages": package_versions(),
        "command": " ".join(sys.argv),
        "host": platform.node(),
        "platform": platform.platform(),
        "device": device,
        "torch_threads": torch.get_num_threads(),
        "finished_at": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"),
        "wall_time_s": round(wall_time_s, 2),
        "inputs": {name: dict(rec) for name, rec in (inputs or {}).items()},
    }


def upstream(rec: Mapping[str, Any], job: str) -> dict[str, Any]:
    """The record of job ``job`` (e.g. "train") in the chain behind ``rec``, ``rec`` itself
    included; ``{}`` where there is none (real images have no training)."""
    if rec.get("job") == job:
        return dict(rec)
    for parent in (rec.get("inputs") or {}).values():
        found = upstream(parent, job)
        if found:
            return found
    return {}
