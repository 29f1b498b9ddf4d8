"""Does ours' learned prior collapse at the paper's scale? Train ours (A + B + C) on two seeds side
by side at `config/paper.yaml`'s networks (32 px, width 64, 64-D codes, D_C 1000-500-200) on one
GPU, and log the share of the code's directions that the prior's and the encoder's codes fill,
step by step (`prior_effective_share`, `encoder_effective_share`).

A prepared script for a lent GPU (see README.md beside it): everything it needs travels with the
checkout, it writes three files under --out (summary.md, console.log through device.sh,
runs.tar.gz). The runs train until --deadline seconds (--steps is a ceiling they are not meant to
reach) and are then stopped; each run's log keeps every logged step, and the run's code
diagnostics (two-sample accuracy, effective dimensions) are computed at the weights of its last
checkpoint, as `lpaae.training.train_run` computes them after training. The training itself is the
DAG's own job function, `lpaae.jobs.train_job`, so a run here is a DAG run at this config,
stopped early and not scored.

    python collapse.py --data ROOT --work DIR --out DIR --steps N --deadline S \
        learned_prior:0 learned_prior:1 ...
"""
from __future__ import annotations

import argparse
import dataclasses
import re
import subprocess
import sys
import tarfile
import time
from datetime import datetime
from pathlib import Path

REPO = Path(__file__).resolve().parents[3]
sys.path.insert(0, str(REPO))

from lpaae import config as lconfig  # noqa: E402
from lpaae import files as lio  # noqa: E402

CODE = 64  # the paper's code size (config/paper.yaml)
STEP_LINE = re.compile(r"^(\S+ \S+) INFO step (\d+)/\d+ (.*)")
LOGGED = ("prior_effective_share", "encoder_effective_share", "heldout_code_d_accuracy")


def overlay(args) -> dict:
    """What differs from config/paper.yaml: the data, the budget, the device and the threads."""
    return {"device": args.device, "threads": args.threads,
            "data": {"dataset": "imagefolder", "root": str(args.data), "image_size": 32,
                     "download": False},
            "training": {"steps": args.steps, "log_every": args.log_every,
                         "checkpoint_every": args.checkpoint_every}}


def run_config(work: Path, seed: int):
    return dataclasses.replace(lconfig.load(REPO / "config/paper.yaml", work / "overlay.yaml"),
                               seed=seed)


def train_one(work: Path, method: str, seed: int) -> None:
    """One run, in its own process: the DAG's train job at this config."""
    from lpaae import jobs

    run, config = work / f"{method}-seed{seed}", run_config(work, seed)
    jobs.start(run / "train.log", config.threads)
    jobs.train_job(config, method, CODE, work / "train.pt", run / "model.pt", work / "test.pt")


def diagnose_checkpoint(work: Path, method: str, seed: int) -> None:
    """A stopped run's diagnostics at its last checkpoint: `train` resumed with its loop bounded at
    the checkpoint's step (so it only writes losses.csv and recalibrates the batch norms), then the
    diagnostics `train_run` computes after training."""
    from lpaae.data import load_prepared
    from lpaae.devices import resolve_device
    from lpaae.runs import build_model, run_settings
    from lpaae.training import run_diagnostics, train

    run, config = work / f"{method}-seed{seed}", run_config(work, seed)
    step = lio.load_torch(run / "checkpoint.pt")["step"]
    model = build_model(config, method, CODE).to(resolve_device(config.device))
    heldout = load_prepared(work / "test.pt")
    train(model, load_prepared(work / "train.pt"),
          dataclasses.replace(config.training, steps=step), run, seed=seed,
          settings=run_settings(config, method, CODE), precision=config.precision, heldout=heldout)
    diagnostics = run_diagnostics(model, heldout, seed, config.evaluation.two_sample_steps)
    lio.write_json({**diagnostics, "step": step}, run / "diagnostics.json")


def logged_steps(log: Path) -> list[dict]:
    """Every logged step of the run's log with its time (the log has the steps after the last
    checkpoint too, which losses.csv lacks when a run is stopped)."""
    rows = []
    for line in log.read_text().splitlines() if log.exists() else []:
        if m := STEP_LINE.match(line):
            values = dict(kv.split("=", 1) for kv in m.group(3).split())
            rows.append({"time": datetime.strptime(m.group(1), "%Y-%m-%d %H:%M:%S,%f"),
                         "step": int(m.group(2)), **{k: float(values[k]) for k in LOGGED if k in values}})
    return rows


def summary(work: Path, runs: list[tuple[str, int]], args) -> str:
    """Each run's speed, its shares at five of its logged steps, and its diagnostics."""
    lines = [f"# Paper scale (config/paper.yaml, CIFAR-10 JPEG copy), code {args.commit}",
             "", f"device {args.device}; {len(runs)} runs at once, stopped at {args.deadline:.0f} s "
             f"(ceiling {args.steps} steps)", "",
             "| run | steps logged | s per step | prior share (encoder share) [D_C held-out acc.] "
             "at five logged steps | two-sample (10 splits), at step | eff. dims enc / prior |",
             "|---|---|---|---|---|---|"]
    for method, seed in runs:
        run = work / f"{method}-seed{seed}"
        rows = logged_steps(run / "train.log")
        speed = ((rows[-1]["time"] - rows[0]["time"]).total_seconds() / (rows[-1]["step"] - rows[0]["step"])
                 if len(rows) > 1 else float("nan"))
        picks = [rows[i] for i in sorted({0, len(rows) // 4, len(rows) // 2, 3 * len(rows) // 4,
                                          len(rows) - 1})] if rows else []
        trace = ", ".join(f"{r['step']}: {r.get('prior_effective_share', float('nan')):.3f} "
                          f"({r.get('encoder_effective_share', float('nan')):.3f}) "
                          f"[{r.get('heldout_code_d_accuracy', float('nan')):.2f}]" for r in picks)
        diag = lio.read_json(run / "diagnostics.json") if (run / "diagnostics.json").exists() else {}
        two = (f"{diag['two_sample_accuracy_splits_mean']:.3f}, {diag.get('step', 'end')}"
               if "two_sample_accuracy_splits_mean" in diag else "-")
        dims = (f"{diag['encoder_effective_dimensions']:.1f} / {diag['prior_effective_dimensions']:.1f}"
                if "prior_effective_dimensions" in diag else "-")
        lines.append(f"| {method} seed {seed} | {rows[-1]['step'] if rows else 0} | {speed:.4f} | "
                     f"{trace} | {two} | {dims} |")
    return "\n".join(lines) + "\n"


def run_all(work: Path, runs: list[tuple[str, int]], deadline: float) -> tuple[set, set]:
    """Start every run at once and stop the ones still going at ``deadline`` seconds; returns the
    runs stopped and the runs that failed on their own."""
    started = time.monotonic()
    procs = {(m, s): subprocess.Popen([sys.executable, __file__, "--work", str(work),
                                       "--train-one", m, str(s)]) for m, s in runs}
    while any(p.poll() is None for p in procs.values()) and time.monotonic() - started < deadline:
        time.sleep(1.0)
    stopped = set()
    for run, proc in procs.items():
        if proc.poll() is None:
            proc.kill()
            proc.wait()
            stopped.add(run)
            print(f"{run[0]} seed {run[1]}: stopped at the deadline", flush=True)
    return stopped, {r for r, p in procs.items() if r not in stopped and p.returncode != 0}


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("runs", nargs="*", help="METHOD:SEED, e.g. learned_prior:0")
    p.add_argument("--data", type=Path, help="an imagefolder root: <root>/{train,test}/<class>/*.jpg")
    p.add_argument("--work", type=Path, required=True, help="an empty folder (or a missing one)")
    p.add_argument("--out", type=Path)
    p.add_argument("--steps", type=int, default=100000)
    p.add_argument("--log-every", type=int, default=200)
    p.add_argument("--checkpoint-every", type=int, default=500)
    p.add_argument("--deadline", type=float, default=360.0, help="seconds after the data are ready")
    p.add_argument("--device", default="cuda")
    p.add_argument("--threads", type=int, default=4)
    p.add_argument("--commit", default="unknown", help="the code's commit, for the summary")
    p.add_argument("--train-one", nargs=2, metavar=("METHOD", "SEED"), help=argparse.SUPPRESS)
    args = p.parse_args()
    if args.train_one:
        train_one(args.work, args.train_one[0], int(args.train_one[1]))
        return 0

    runs = [(m, int(s)) for m, s in (r.split(":") for r in args.runs)]
    if args.work.exists() and any(args.work.iterdir()):
        sys.exit(f"{args.work} is not empty: a second attempt would append to the first's logs")
    args.work.mkdir(parents=True, exist_ok=True)
    lio.write_json(overlay(args), args.work / "overlay.yaml")  # JSON is YAML
    config = run_config(args.work, 0)  # validated here, before any work
    from lpaae import jobs
    jobs.start(args.work / "data.log", args.threads)
    for split in ("train", "test"):
        jobs.prepare_data_job(config, split, args.work / f"{split}.pt")

    stopped, failed = run_all(args.work, runs, args.deadline)
    for method, seed in sorted(stopped):
        if (args.work / f"{method}-seed{seed}" / "checkpoint.pt").exists():
            diagnose_checkpoint(args.work, method, seed)
    text = summary(args.work, runs, args)
    print(text, flush=True)
    if args.out:
        args.out.mkdir(parents=True, exist_ok=True)
        lio.write_text(text, args.out / "summary.md")
        with tarfile.open(args.out / "runs.tar.gz", "w:gz") as tar:
            for f in sorted(args.work.glob("*.log")) + [args.work / "overlay.yaml"]:
                tar.add(f, f.name)
            for m, s in runs:
                for name in ("train.log", "losses.csv", "diagnostics.json"):
                    if (f := args.work / f"{m}-seed{s}" / name).exists():
                        tar.add(f, f"{m}-seed{s}/{name}")
    if failed:
        print(f"failed on their own (see their train.log): {sorted(failed)}", flush=True)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
