"""Benchmark: training throughput, ours against the plain reference, achieved FLOP/s against the
machine's matrix-multiply peak, Inception Score throughput, and (with ``--dag``) the default DAG's
wall time with 1 and 2 cores and each job's peak memory.

    python -m bench                 # about 2 minutes on a 2-core CPU
    python -m bench --dag           # plus two full runs of the default DAG (about 45 minutes)

Writes ``results/bench/*.csv`` and ``results/bench/summary.md``. Every ratio compares numbers
measured in the same run, on the same machine and thread count.
"""

from __future__ import annotations

import argparse
import copy
import datetime as dt
import platform
import subprocess
import sys
import tempfile
import time
from functools import partial
from pathlib import Path

import pandas as pd
import torch
import yaml
from torch.utils.flop_counter import FlopCounterMode

from bench.reference import reference_step
from lpaae import config as lconf
from lpaae import io as lio
from lpaae.runs import resolve
from lpaae.training import autocast, channels_last

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "results" / "bench"
MODELS = ["learned_prior", "aae", "vae", "vampprior"]


def configs() -> dict[str, lconf.Config]:
    """The default configuration and the paper's network width on the default data."""
    raw = yaml.safe_load((ROOT / "config/config.yaml").read_text())
    paper = copy.deepcopy(raw)
    paper_net = yaml.safe_load((ROOT / "config/paper.yaml").read_text())["network"]
    paper["network"] = paper_net
    paper["data"].update(image_size=32)
    paper["models"]["vampprior"]["pseudo_inputs"] = 500
    return {"default": lconf.from_dict(raw), "paper-width": lconf.from_dict(paper)}


def batch(config: lconf.Config, device: torch.device) -> tuple[torch.Tensor, torch.Tensor]:
    g = torch.Generator().manual_seed(0)
    n, net = config.training.batch_size, config.network
    x = torch.rand(n, net.channels, net.image_size, net.image_size, generator=g) * 2 - 1
    return x.to(device), torch.randint(10, (n,), generator=g).to(device)


def sync(device: torch.device) -> None:
    if device.type == "cuda":
        torch.cuda.synchronize()


def time_steps(step, device: torch.device, warmup: int, repeats: int) -> float:
    """Median seconds per call of ``step`` over ``repeats`` calls, after ``warmup``."""
    for _ in range(warmup):
        step()
    sync(device)
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        step()
        sync(device)
        times.append(time.perf_counter() - start)
    return float(pd.Series(times).median())


def step_rows(device: torch.device, repeats: int, compiled: bool = False) -> list[dict]:
    """Seconds per training step of each model as the suite trains it (channels-last), of the
    reference step, of our step under bf16 autocast (``precision: bf16``) and, with
    ``compiled``, of our step with every network under ``torch.compile``. ``first_step_s`` is
    the first call, which holds the compilation."""
    rows = []
    for scale, config in configs().items():
        x, labels = batch(config, device)
        for method in MODELS:
            variants = {"suite": "fp32"}
            if method == "learned_prior":
                variants.update({"suite-bf16": "bf16", "reference": "fp32"})
                if compiled:
                    variants["suite-compiled"] = "fp32"
            for implementation, precision in variants.items():
                model = resolve(config, method).build().to(device)
                g = torch.Generator().manual_seed(0)
                if implementation == "reference":
                    step = partial(reference_step, model, x, g)
                else:
                    if implementation == "suite-compiled":
                        for network in model.children():
                            network.compile()
                    counter = iter(range(10**9))
                    step = partial(suite_step, channels_last(model), channels_last(x), labels,
                                   counter, g, precision)
                first = time_steps(step, device, warmup=0, repeats=1)
                seconds = time_steps(step, device, warmup=2, repeats=repeats)
                rows.append({"scale": scale, "model": method, "implementation": implementation,
                             "seconds_per_step": seconds, "images_per_s": len(x) / seconds,
                             "first_step_s": first})
                print(f"  {scale} {method} {implementation}: "
                      f"{rows[-1]['images_per_s']:.0f} images/s", flush=True)
    return rows


def suite_step(model, x, labels, counter, generator, precision: str) -> None:
    with autocast(precision, x.device):
        model.training_step(x, labels, next(counter), generator)


def step_flops(config: lconf.Config, device: torch.device) -> int:
    """Floating-point operations of one step of our model (forward and backward), counted."""
    model = resolve(config, "learned_prior").build().to(device)
    x, labels = batch(config, device)
    counter = FlopCounterMode(display=False)
    with counter:
        model.training_step(x, labels, 0, torch.Generator().manual_seed(0))
    return counter.get_total_flops()


def matmul_peak(device: torch.device, dtype: torch.dtype, n: int = 2048) -> float | None:
    """FLOP/s of an n x n matrix product, the best of 5, or None if the dtype is unsupported."""
    try:
        a = torch.randn(n, n, device=device, dtype=dtype)
        b = torch.randn(n, n, device=device, dtype=dtype)
        seconds = min(time_steps(lambda: a @ b, device, warmup=1, repeats=1) for _ in range(5))
    except RuntimeError:
        return None
    return 2 * n**3 / seconds


def flops_rows(steps: pd.DataFrame, device: torch.device) -> list[dict]:
    peaks = {"fp32": matmul_peak(device, torch.float32), "bf16": matmul_peak(device, torch.bfloat16)}
    rows = []
    for scale, config in configs().items():
        flops = step_flops(config, device)
        ours = steps[(steps["scale"] == scale) & (steps["model"] == "learned_prior")
                     & (steps["implementation"] == "suite")]["seconds_per_step"].iloc[0]
        achieved = flops / ours
        rows.append({"scale": scale, "flops_per_step": flops, "achieved_flop_per_s": achieved,
                     "peak_fp32_flop_per_s": peaks["fp32"], "fraction_of_fp32_peak":
                     achieved / peaks["fp32"] if peaks["fp32"] else None,
                     "peak_bf16_flop_per_s": peaks["bf16"]})
    return rows


def inception_score_rows(device: torch.device, samples: int) -> list[dict]:
    """Samples per second through torch-fidelity with the dataset-classifier extractor (and
    Inception-v3 when its weights are in the configured path or torch hub cache)."""
    from lpaae.classifier import Classifier, ClassifierShape, save_classifier
    from lpaae.config import EvaluationConfig
    from lpaae.metrics import extractor_arguments, inception_score

    images = torch.randint(0, 256, (samples, 1, 16, 16), dtype=torch.uint8)
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        checkpoint = Path(tmp) / "classifier.pt"
        save_classifier(Classifier(ClassifierShape(1, 16, 10, 32)), 0.0, checkpoint, {})
        for extractor in ["classifier", "inception"]:
            try:
                arguments = extractor_arguments(EvaluationConfig(extractor=extractor), checkpoint)
                start = time.perf_counter()
                inception_score(images, extractor=arguments, splits=10, device=device)
                seconds = time.perf_counter() - start
            except Exception as err:  # noqa: BLE001 -- reported in the table, not hidden
                rows.append({"extractor": extractor, "samples": samples, "samples_per_s": None,
                             "note": f"unavailable: {type(err).__name__}: {str(err)[:120]}"})
                continue
            rows.append({"extractor": extractor, "samples": samples,
                         "samples_per_s": samples / seconds, "note": ""})
    return rows


def dag_rows() -> list[dict]:
    """Wall time of the default `all` target with --cores 1 and --cores 2, in fresh working
    directories, and the largest peak memory of any of its jobs."""
    rows = []
    for cores in (1, 2):
        with tempfile.TemporaryDirectory() as tmp:
            start = time.perf_counter()
            subprocess.run([sys.executable, "-m", "snakemake", "-s", str(ROOT / "Snakefile"),
                            "-d", tmp, "--configfile", str(ROOT / "config/config.yaml"),
                            "--cores", str(cores), "all", "--quiet", "rules", "reason", "host"],
                           check=True)
            seconds = time.perf_counter() - start
            jobs = job_benchmarks(Path(tmp) / "results")
            lio.write_text(jobs.to_csv(index=False), OUT / f"dag_jobs_cores{cores}.csv")
            largest = jobs.loc[jobs["max_rss"].idxmax()]
            rows.append({"cores": cores, "wall_s": seconds, "jobs": len(jobs),
                         "peak_job_rss_mb": largest["max_rss"], "peak_job": largest["job"]})
            print(f"  all with --cores {cores}: {seconds:.0f} s", flush=True)
    rows[1]["speedup_vs_1_core"] = rows[0]["wall_s"] / rows[1]["wall_s"]
    return rows


def job_benchmarks(results: Path) -> pd.DataFrame:
    """One row per job from Snakemake's ``benchmark:`` files (wall seconds, max_rss in MB, ...)."""
    files = sorted(results.glob("*/benchmarks/*.tsv"))
    if not files:
        raise FileNotFoundError(f"no Snakemake benchmark files under {results}/*/benchmarks/")
    return pd.concat([pd.read_csv(f, sep="\t").assign(job=f.stem) for f in files],
                     ignore_index=True)


def summary(tables: dict[str, pd.DataFrame], device: torch.device, command: str) -> str:
    steps = tables["steps"]
    lines = [
        "# Benchmark", "",
        (f"{dt.date.today()}, {platform.processor() or platform.machine()}, "
         f"{torch.get_num_threads()} threads, device {device}, torch {torch.__version__}. "
         f"Command: `{command}`."), "",
        "## Training step", "",
        steps.to_markdown(index=False, floatfmt=".4g"), "",
    ]
    for scale in steps["scale"].unique():
        rows = steps[(steps["scale"] == scale) & (steps["model"] == "learned_prior")]
        speed = rows.set_index("implementation")["images_per_s"]
        lines.append(f"- {scale}: our step / reference step throughput = "
                     f"**{speed['suite'] / speed['reference']:.2f}x**; bf16 autocast / fp32 = "
                     f"{speed['suite-bf16'] / speed['suite']:.2f}x")
        if "suite-compiled" in speed:
            lines[-1] += f"; torch.compile / eager = {speed['suite-compiled'] / speed['suite']:.2f}x"
    lines += ["", "## FLOP/s", "", tables["flops"].to_markdown(index=False, floatfmt=".3g"), "",
              "## Inception Score throughput", "",
              tables["inception_score"].to_markdown(index=False, floatfmt=".4g"), ""]
    if "dag" in tables:
        lines += ["## Default DAG", "", tables["dag"].to_markdown(index=False, floatfmt=".3g"), ""]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--device", default="auto", choices=["auto", "cpu", "cuda"])
    parser.add_argument("--repeats", type=int, default=10)
    parser.add_argument("--is-samples", type=int, default=5000)
    parser.add_argument("--dag", action="store_true", help="also time the default DAG (long)")
    parser.add_argument("--compile", action="store_true",
                        help="also time our step under torch.compile (about 2 minutes more)")
    args = parser.parse_args(argv)
    device = torch.device("cuda" if args.device == "auto" and torch.cuda.is_available()
                          else "cpu" if args.device == "auto" else args.device)
    print("training steps", flush=True)
    tables = {"steps": pd.DataFrame(step_rows(device, args.repeats, args.compile))}
    print("FLOP/s", flush=True)
    tables["flops"] = pd.DataFrame(flops_rows(tables["steps"], device))
    print("Inception Score", flush=True)
    tables["inception_score"] = pd.DataFrame(inception_score_rows(device, args.is_samples))
    if args.dag:
        print("default DAG", flush=True)
        tables["dag"] = pd.DataFrame(dag_rows())
    for name, table in tables.items():
        lio.write_text(table.to_csv(index=False), OUT / f"{name}.csv")
    command = " ".join(["python -m bench", *(sys.argv[1:] if argv is None else argv)])
    text = summary(tables, device, command)
    lio.write_text(text, OUT / "summary.md")
    print(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
