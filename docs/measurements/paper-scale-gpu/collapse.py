"""Does ours' learned prior collapse at the paper's scale? Train ours (A + B + C) and Table 3's
A + B side by side at `config/paper.yaml`'s networks (32 px, width 64, 64-D codes, D_C
1000-500-200) on one GPU, and log the share of the code's directions that the prior's and the
encoder's codes fill, step by step (`prior_effective_share`, `encoder_effective_share`).

A prepared script for a lent GPU (see README.md beside it): everything it needs travels with the
checkout, it writes two files under --out (summary.md, runs.tar.gz), and it stops every run at
--deadline seconds, keeping what the runs logged so far (each logged step is in the run's log;
losses.csv is rewritten at every checkpoint). The training itself is the DAG's own job function,
`lpaae.jobs.train_job`, so a run here is a DAG run at this config without the scoring.

    python collapse.py --data ROOT --work DIR --out DIR --steps N --deadline S \
        learned_prior:0 learned_prior_perceptual:0 ...
"""
from __future__ import annotations

import argparse
import re
import subprocess
import sys
import tarfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[3]
sys.path.insert(0, str(REPO))

from lpaae import config as lconfig  # noqa: E402
from lpaae import files as lio  # noqa: E402

CODE = 64  # the paper's code size (config/paper.yaml)
STEP_LINE = re.compile(r"step (\d+)/\d+ (.*)")
SHARES = ("prior_effective_share", "encoder_effective_share")


def overlay(args) -> dict:
    """What differs from config/paper.yaml: the data, the budget, the device and the threads."""
    return {"device": args.device, "threads": args.threads,
            "data": {"dataset": "imagefolder", "root": str(args.data), "image_size": 32,
                     "download": False},
            "training": {"steps": args.steps, "log_every": args.log_every,
                         "checkpoint_every": args.checkpoint_every}}


def load_config(work: Path):
    return lconfig.load(REPO / "config/paper.yaml", work / "overlay.yaml")


def train_one(work: Path, method: str, seed: int) -> None:
    """One run, in its own process: the DAG's train job at this config."""
    import dataclasses

    from lpaae import jobs

    run = work / f"{method}-seed{seed}"
    config = dataclasses.replace(load_config(work), seed=seed)
    jobs.start(run / "train.log", config.threads)
    jobs.train_job(config, method, CODE, work / "train.pt", run / "model.pt", work / "test.pt")


def shares_from_log(log: Path) -> list[dict[str, float]]:
    """Every logged step's shares, read from the run's log (it has the steps after the last
    checkpoint too, which losses.csv lacks when a run is stopped)."""
    rows = []
    for line in log.read_text().splitlines() if log.exists() else []:
        if m := STEP_LINE.search(line):
            values = dict(kv.split("=", 1) for kv in m.group(2).split())
            if all(k in values for k in SHARES):
                rows.append({"step": int(m.group(1)), **{k: float(values[k]) for k in SHARES}})
    return rows


def summary(work: Path, runs: list[tuple[str, int]], wall: dict[str, float], args) -> str:
    """A table of each run's shares at five of its logged steps and its final diagnostics."""
    lines = [f"# Paper scale (config/paper.yaml, the CIFAR-10 copy at {args.data}), {args.steps} steps",
             "", f"device {args.device}; {len(runs)} runs at once, stopped at {args.deadline:.0f} s; "
             "wall time per run in brackets", "",
             "| run | steps logged | prior share (encoder share) at five logged steps | "
             "two-sample (10 splits) | eff. dims enc / prior |", "|---|---|---|---|---|"]
    for method, seed in runs:
        run = work / f"{method}-seed{seed}"
        rows = shares_from_log(run / "train.log")
        picks = [rows[i] for i in sorted({0, len(rows) // 4, len(rows) // 2, 3 * len(rows) // 4,
                                          len(rows) - 1})] if rows else []
        trace = ", ".join(f"{r['step']}: {r['prior_effective_share']:.3f} "
                          f"({r['encoder_effective_share']:.3f})" for r in picks)
        diag = lio.read_json(run / "diagnostics.json") if (run / "diagnostics.json").exists() else {}
        two = diag.get("two_sample_accuracy_splits_mean")
        dims = (f"{diag['encoder_effective_dimensions']:.1f} / {diag['prior_effective_dimensions']:.1f}"
                if "prior_effective_dimensions" in diag else "-")
        lines.append(f"| {method} seed {seed} ({wall.get(f'{method}:{seed}', 0):.0f} s) | "
                     f"{rows[-1]['step'] if rows else 0} | {trace} | "
                     f"{'-' if two is None else f'{two:.3f}'} | {dims} |")
    return "\n".join(lines) + "\n"


def run_all(work: Path, runs: list[tuple[str, int]], deadline: float) -> tuple[dict, bool]:
    """Start every run at once, stop the ones still going at ``deadline`` seconds; returns each
    run's wall time and whether all of them finished."""
    started = time.monotonic()
    procs = {f"{m}:{s}": subprocess.Popen([sys.executable, __file__, "--work", str(work),
                                           "--train-one", m, str(s)]) for m, s in runs}
    wall: dict[str, float] = {}
    while len(wall) < len(procs) and time.monotonic() - started < deadline:
        for name, proc in procs.items():
            if name not in wall and proc.poll() is not None:
                wall[name] = time.monotonic() - started
        time.sleep(1.0)
    for name, proc in procs.items():
        if proc.poll() is None:
            proc.kill()
            proc.wait()
            wall[name] = time.monotonic() - started
            print(f"{name}: stopped at the deadline", flush=True)
    return wall, all(p.returncode == 0 for p in procs.values())


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("runs", nargs="*", help="METHOD:SEED, e.g. learned_prior:0")
    p.add_argument("--data", type=Path, help="an imagefolder root: <root>/{train,test}/<class>/*.jpg")
    p.add_argument("--work", type=Path, required=True)
    p.add_argument("--out", type=Path)
    p.add_argument("--steps", type=int, default=10000)
    p.add_argument("--log-every", type=int, default=200)
    p.add_argument("--checkpoint-every", type=int, default=1000)
    p.add_argument("--deadline", type=float, default=480.0, help="seconds after the data are ready")
    p.add_argument("--device", default="cuda")
    p.add_argument("--threads", type=int, default=2)
    p.add_argument("--train-one", nargs=2, metavar=("METHOD", "SEED"), help=argparse.SUPPRESS)
    args = p.parse_args()
    if args.train_one:
        train_one(args.work, args.train_one[0], int(args.train_one[1]))
        return 0

    runs = [(m, int(s)) for m, s in (r.split(":") for r in args.runs)]
    args.work.mkdir(parents=True, exist_ok=True)
    lio.write_json(overlay(args), args.work / "overlay.yaml")  # JSON is YAML
    config = load_config(args.work)  # validated here, before any work
    from lpaae import jobs
    jobs.start(args.work / "data.log", args.threads)
    for split in ("train", "test"):
        jobs.prepare_data_job(config, split, args.work / f"{split}.pt")

    wall, finished = run_all(args.work, runs, args.deadline)
    text = summary(args.work, runs, wall, args)
    print(text, flush=True)
    if args.out:
        args.out.mkdir(parents=True, exist_ok=True)
        (args.out / "summary.md").write_text(text)
        with tarfile.open(args.out / "runs.tar.gz", "w:gz") as tar:
            for f in sorted(args.work.glob("*.log")) + [args.work / "overlay.yaml"]:
                tar.add(f, f.name)
            for m, s in runs:
                for name in ("train.log", "losses.csv", "diagnostics.json"):
                    if (f := args.work / f"{m}-seed{s}" / name).exists():
                        tar.add(f, f"{m}-seed{s}/{name}")
    return 0 if finished else 1


if __name__ == "__main__":
    sys.exit(main())
