"""Ship a finished run into the repository: its claims scoreboard, tables, figures and report, with
the config, code version, command, machine and wall time that made them.

``lpaae ship RUN_DIR reproduction/NAME --configfile ... --command ...`` (or, from scratch,
``bash reproduction/reproduce.sh NAME OVERLAY...``, which runs the DAG and then this). A user
then checks their own run against the shipped one with ``lpaae compare``.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import tempfile
from pathlib import Path
from typing import Sequence

import pandas as pd
import yaml

from lpaae import config as lconf
from lpaae import files as lio
from lpaae.provenance import REPO_ROOT
from lpaae.scores import checked_score, job_records

#: What a shipped run must have: the DAG's `all` target built it.
REQUIRED = ("results/tables/claims.csv", "results/tables/claims.md", "report/index.html")
ELAPSED = re.compile(r"^Elapsed time: (?:(\d+) days?, )?(\d+):(\d\d):(\d\d(?:\.\d+)?)$", re.M)


def snakemake_wall_time(run_dir: Path) -> tuple[float, int]:
    """Seconds Snakemake ran in ``run_dir``, summed over the invocations that ran jobs (each log's
    "Elapsed time"; dry runs write none), and how many there were."""
    total, invocations = 0.0, 0
    for log in sorted((run_dir / ".snakemake/log").glob("*.snakemake.log")):
        for days, hours, minutes, seconds in ELAPSED.findall(log.read_text(errors="replace")):
            total += int(days or 0) * 86400 + int(hours) * 3600 + int(minutes) * 60 + float(seconds)
            invocations += 1
    return total, invocations


def _base_config(commits: Sequence[str]) -> tuple[str, str]:
    """The default config the run merged its overlays onto: the file at the commits that trained
    it (today's may differ), or today's when those commits hold different files or git cannot
    show one of them. Returns its text and where it came from."""
    today = lconf.DEFAULT_CONFIG_PATH.read_text()
    texts = set()
    for commit in commits:
        if commit.endswith("-dirty"):
            return today, f"this checkout (a run was trained from uncommitted code, {commit[:12]})"
        shown = subprocess.run(["git", "show", f"{commit}:config/config.yaml"], cwd=REPO_ROOT,
                               capture_output=True, text=True)
        if shown.returncode != 0:
            return today, f"this checkout (git cannot show it at {commit[:12]})"
        texts.add(shown.stdout)
    if not texts:
        return today, "this checkout (no run names its commit)"
    if len(texts) > 1:
        return today, "this checkout (the runs' commits hold different versions of it)"
    named = ", ".join(c[:12] for c in commits)
    return texts.pop(), f"commit {named}" if len(commits) == 1 else f"commits {named}, the same file at each"


def _summary(run_dir: Path, jobs: pd.DataFrame, commits: Sequence[str], command: str,
             overlays: Sequence[str], base_from: str) -> str:
    wall, invocations = snakemake_wall_time(run_dir)
    machines = jobs[["host", "platform", "device", "threads"]].drop_duplicates()
    claims = (run_dir / "results/tables/claims.md").read_text()
    stack = " + ".join([f"`config/config.yaml` (from {base_from})",
                        *(f"`{Path(o).name}`" for o in overlays)])
    timed = (f"{wall / 60:.1f} min, Snakemake's elapsed time summed over {invocations} "
             f"invocation{'s' if invocations != 1 else ''} in `{run_dir}`" if invocations else
             f"unknown (no finished Snakemake invocation logged in `{run_dir}/.snakemake/log`)")
    lines = [
        f"# {run_dir.name}: a shipped run",
        "",
        "Written by `lpaae ship`; every file here comes from the run described below. Compare your",
        "own run with it: `lpaae compare <this folder>/tables/table1.csv results/tables/table1.csv`.",
        "",
        f"- Command: `{command}`",
        f"- Config: {stack} (copies in `config/`, numbered in merge order; merged in "
        "`config.merged.yaml`)",
        f"- Code version{'s' if len(commits) > 1 else ''} (git commit of the training jobs): "
        + ", ".join(f"`{c}`" for c in commits),
        "- Machine: " + "; ".join(f"{m.host} ({m.platform}), {m.device}, {m.threads} torch threads "
                                  "per job" for m in machines.itertuples()),
        f"- Wall time: {timed}",
        f"- Score files: {len(jobs)} (per-job wall times, seeds and commits in `runs.csv`)",
        "",
        claims.replace("# Claims scoreboard", "## Claims scoreboard", 1),
    ]
    return "\n".join(lines) + "\n"


def _replace(dest: Path, staging: Path) -> None:
    """Move ``staging`` onto ``dest``; the old ``dest`` is deleted only once the new one is there,
    and comes back if the move fails."""
    old = dest.with_name(f".{dest.name}.old")
    if old.exists():  # left by a process killed between the two renames below
        if dest.exists():
            shutil.rmtree(old)
        else:
            old.rename(dest)
    if dest.exists():
        dest.rename(old)
    try:
        staging.rename(dest)
    except OSError:
        if old.exists():
            old.rename(dest)
        raise
    shutil.rmtree(old, ignore_errors=True)


def ship(run_dir: str | Path, dest: str | Path, *, overlays: Sequence[str | Path],
         command: str) -> Path:
    """Copy a finished run's artifacts and provenance into ``dest``, replacing what was there
    only once the new copy is complete."""
    from lpaae.runs import check_experiments  # imports the models (torch): only when shipping

    run_dir, dest = Path(run_dir).resolve(), Path(dest)
    for name in REQUIRED:
        if not (run_dir / name).is_file():
            raise FileNotFoundError(f"{run_dir / name} is missing: ship a run that `snakemake all` "
                                    "finished")
    score_files = sorted(run_dir.glob("results/*/**/score.json"))
    if not score_files:
        raise FileNotFoundError(f"no score.json under {run_dir}/results: not a finished run")
    jobs = job_records([checked_score(p) for p in score_files])
    commits = sorted(set(jobs["git commit"]))
    base, base_from = _base_config(commits)
    raw = lconf.merged(yaml.safe_load(base), *(lconf.read_yaml(p) for p in overlays))
    check_experiments(lconf.from_dict(raw))  # ConfigError names a bad key of the stack
    if {p.relative_to(run_dir).parts[1] for p in score_files} != {raw["data"]["dataset"]}:
        raise ValueError(f"{run_dir}: its results are not all of dataset "
                         f"{raw['data']['dataset']!r}: are these the overlays the run used?")

    dest.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{dest.name}-", dir=dest.parent))
    try:
        for folder, pattern in [("tables", "results/tables/*.csv"), ("tables", "results/tables/*.md"),
                                ("figures", "results/figures/*.png")]:
            (staging / folder).mkdir(exist_ok=True)
            for path in sorted(run_dir.glob(pattern)):
                shutil.copy2(path, staging / folder / path.name)
        shutil.copy2(run_dir / "report/index.html", staging / "report.html")
        (staging / "config").mkdir()
        lio.write_text(base, staging / "config/0-config.yaml")  # numbered in merge order
        for number, path in enumerate(map(Path, overlays), 1):
            shutil.copy2(path, staging / "config" / f"{number}-{path.name}")
        lio.write_text(yaml.safe_dump(raw, sort_keys=False), staging / "config.merged.yaml")
        jobs.to_csv(staging / "runs.csv", index=False)
        lio.write_text(_summary(run_dir, jobs, commits, command, [str(o) for o in overlays],
                                base_from),
                       staging / "README.md")
        staging.chmod(lio.FILE_MODE | 0o111)  # mkdtemp makes it 0700
        _replace(dest, staging)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return dest
