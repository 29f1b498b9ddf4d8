"""Benchmark: training throughput, ours against the plain reference, achieved FLOP/s against the
machine's matrix-multiply peak, Inception Score throughput, and (with ``--dag``) the default DAG's
wall time with 1 and 2 cores and each job's peak memory.

    python -m bench                 # minutes on a 2-core CPU
    python -m bench --dag           # plus two full runs of the default DAG (--cores 1 and 2; long)

Writes ``results/bench/*.csv`` and ``results/bench/summary.md``. Every ratio compares numbers
measured in the same run, on the same machine and thread count.
"""

from __future__ import annotations

import argparse
import copy
import dataclasses
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

from bench.jobs import job_benchmarks, time_by_rule
from bench.reference import reference_step
from lpaae import config as lconf
from lpaae import files as lio
from lpaae.runs import resolve
from lpaae.training import autocast, channels_last

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "results" / "bench"
MODELS = ["learned_prior", "aae", "vae", "vampprior"]


SCALES = ("default", "paper-width", "paper")


def configs(scales: tuple[str, ...] = SCALES[:2]) -> dict[str, lconf.Config]:
    """The default configuration, the paper's network width on the default data (one channel,
    32 px) and the paper's configuration itself (CIFAR-10's shape: three channels, 32 px)."""
    raw = yaml.safe_load((ROOT / "config/config.yaml").read_text())
    paper = lconf.merged(raw, yaml.safe_load((ROOT / "config/paper.yaml").read_text()))
    width = copy.deepcopy(raw)
    width["network"] = paper["network"]
    width["data"].update(image_size=32)
    every = {"default": raw, "paper-width": width, "paper": paper}
    return {scale: lconf.from_dict(every[scale]) for scale in scales}


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


#: torch.compile modes timed by ``--compile``: kernel fusion alone, and fusion with CUDA graphs
#: (one replay instead of a launch per kernel; the GPU's launch overhead dominates small networks).
COMPILE_MODES = {"suite-compiled": "default", "suite-cudagraphs": "reduce-overhead"}


def step_rows(device: torch.device, repeats: int, scales: tuple[str, ...],
              compiled: bool = False) -> list[dict]:
    """Seconds per training step of each model as the suite trains it (channels-last), of the
    reference step, of our step under bf16 autocast (``precision: bf16``) and, with
    ``compiled``, of our step with every network under ``torch.compile`` in each of
    :data:`COMPILE_MODES` (CUDA graphs on a GPU only). ``first_step_s`` is the first call, which
    holds the compilation. A variant that fails is reported in ``note``, not fatal."""
    rows = []
    for scale, config in configs(scales).items():
        x, labels = batch(config, device)
        for method in MODELS:
            variants = {"suite": "fp32"}
            if method == "learned_prior":
                variants.update({"suite-bf16": "bf16", "reference": "fp32"})
                if compiled:
                    variants |= {name: "fp32" for name, mode in COMPILE_MODES.items()
                                 if mode == "default" or device.type == "cuda"}
            for implementation, precision in variants.items():
                row = {"scale": scale, "model": method, "implementation": implementation}
                try:
                    step = make_step(config, method, implementation, precision, x, labels, device)
                    first = time_steps(step, device, warmup=0, repeats=1)
                    seconds = time_steps(step, device, warmup=2, repeats=repeats)
                except Exception as err:  # noqa: BLE001 -- reported in the table, not hidden
                    rows.append(row | {"note": f"failed: {type(err).__name__}: {str(err)[:160]}"})
                    print(f"  {scale} {method} {implementation}: {rows[-1]['note']}", flush=True)
                    continue
                rows.append(row | {"seconds_per_step": seconds, "images_per_s": len(x) / seconds,
                                   "first_step_s": first, "note": ""})
                print(f"  {scale} {method} {implementation}: "
                      f"{rows[-1]['images_per_s']:.0f} images/s", flush=True)
    return rows


def make_step(config: lconf.Config, method: str, implementation: str, precision: str,
              x: torch.Tensor, labels: torch.Tensor, device: torch.device):
    """A fresh model's training step on the batch ``x``, as a call without arguments."""
    model = resolve(config, method).build().to(device)
    g = torch.Generator().manual_seed(0)
    if implementation == "reference":
        return partial(reference_step, model, x, g)
    if implementation in COMPILE_MODES:
        for network in model.children():
            network.compile(mode=COMPILE_MODES[implementation])
    counter = iter(range(10**9))
    return partial(suite_step, channels_last(model), channels_last(x), labels, counter, g,
                   precision)


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


def matmul_peak(device: torch.device, dtype: torch.dtype) -> float | None:
    """FLOP/s of an n x n matrix product, the best of 5, or None if the dtype is unsupported
    (n = 2048 on a CPU; 8192 on a GPU, which a smaller product does not fill)."""
    n = 8192 if device.type == "cuda" else 2048
    try:
        a = torch.randn(n, n, device=device, dtype=dtype)
        b = torch.randn(n, n, device=device, dtype=dtype)
        seconds = min(time_steps(lambda: a @ b, device, warmup=1, repeats=1) for _ in range(5))
    except RuntimeError:
        return None
    return 2 * n**3 / seconds


def flops_rows(steps: pd.DataFrame, device: torch.device, scales: tuple[str, ...]) -> list[dict]:
    """Our step's counted FLOPs over its measured time, against the fp32 and bf16 matrix-product
    peaks measured here (the bf16 step against the bf16 peak)."""
    peaks = {"fp32": matmul_peak(device, torch.float32), "bf16": matmul_peak(device, torch.bfloat16)}
    rows = []
    for scale, config in configs(scales).items():
        flops = step_flops(config, device)
        ours = steps[(steps["scale"] == scale) & (steps["model"] == "learned_prior")]
        seconds = ours.set_index("implementation")["seconds_per_step"]
        achieved = flops / seconds["suite"]
        achieved_bf16 = flops / seconds["suite-bf16"]
        rows.append({"scale": scale, "flops_per_step": flops, "achieved_flop_per_s": achieved,
                     "peak_fp32_flop_per_s": peaks["fp32"], "fraction_of_fp32_peak":
                     achieved / peaks["fp32"] if peaks["fp32"] else None,
                     "achieved_bf16_flop_per_s": achieved_bf16,
                     "peak_bf16_flop_per_s": peaks["bf16"], "bf16_fraction_of_bf16_peak":
                     achieved_bf16 / peaks["bf16"] if peaks["bf16"] else None})
    return rows


def inception_score_rows(device: torch.device, samples: int, config: lconf.Config) -> list[dict]:
    """Samples per second of the Inception Score through torch-fidelity with the
    dataset-classifier extractor (and Inception-v3 when its weights are in the configured path or
    torch hub cache), on random images of ``config``'s shape with a classifier of its width; and
    the seconds of a whole score job's metrics (one extractor pass, then FID, KID and
    precision/recall against as many reference features)."""
    from lpaae.classifier import Classifier, ClassifierShape, save_classifier
    from lpaae.config import EvaluationConfig
    from lpaae.metrics import (LOGITS, POOL_FEATURES, extract_features, extractor_arguments,
                               fidelity, inception_score_of)

    net = config.network
    images = torch.randint(0, 256, (samples, net.channels, net.image_size, net.image_size),
                           dtype=torch.uint8)
    shape = ClassifierShape(net.channels, net.image_size, 10, config.classifier.width)
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        checkpoint = Path(tmp) / "classifier.pt"
        save_classifier(Classifier(shape), 0.0, checkpoint, {})
        for extractor in ["classifier", "inception"]:
            try:
                arguments = extractor_arguments(EvaluationConfig(extractor=extractor), checkpoint)
                start = time.perf_counter()
                features = extract_features(images, extractor=arguments, device=device)
                inception_score_of(features[LOGITS], splits=10)
                seconds = time.perf_counter() - start
                pool = features[POOL_FEATURES[arguments["feature_extractor"]]]
                start = time.perf_counter()
                fidelity(pool, pool.flip(0) + 0.1, device=device)  # a reference of that size
                fidelity_seconds = time.perf_counter() - start
            except Exception as err:  # noqa: BLE001 -- reported in the table, not hidden
                rows.append({"extractor": extractor, "samples": samples, "samples_per_s": None,
                             "note": f"unavailable: {type(err).__name__}: {str(err)[:120]}"})
                continue
            rows.append({"extractor": extractor, "samples": samples,
                         "image_shape": "x".join(map(str, images.shape[1:])),
                         "samples_per_s": samples / seconds,
                         "pool_features": pool.shape[1],
                         "fid_kid_prc_s": fidelity_seconds, "note": ""})
    return rows


#: Models whose whole training loop ``--train-steps`` times: Table 1's and the costliest GAN.
TRAINED = [*MODELS, "wgan_gp"]


def train_seconds(scale: str, method: str, precision: str, steps: int, device_name: str) -> float:
    """Wall seconds of :func:`lpaae.training.train` for ``steps`` steps of a fresh ``method``
    at ``scale``, on random images of the scale's shape (the cost does not depend on the
    pixels), with held-out monitoring at the configuration's log steps as in a real run."""
    from lpaae.data import ImageData
    from lpaae.training import train

    config = configs((scale,))[scale]
    net, device = config.network, torch.device(device_name)
    g = torch.Generator().manual_seed(0)
    images = torch.randint(0, 256, (10_000, net.channels, net.image_size, net.image_size),
                           dtype=torch.uint8, generator=g)
    data = ImageData("random", images, torch.randint(10, (10_000,), generator=g), 10)
    cfg = dataclasses.replace(config.training, steps=steps, checkpoint_every=steps)
    model = resolve(config, method).build().to(device)
    with tempfile.TemporaryDirectory() as tmp:
        start = time.perf_counter()
        train(model, data, cfg, tmp, seed=0, settings={}, precision=precision, heldout=data)
        sync(device)
        return time.perf_counter() - start


def seconds_per_trained_step(scale: str, method: str, precision: str, steps: int,
                             device_name: str) -> float:
    """Per-step seconds of the training loop without its fixed costs: the difference between
    a run of ``steps`` and one of ``steps // 4``, over the steps between them."""
    short = steps // 4
    return ((train_seconds(scale, method, precision, steps, device_name)
             - train_seconds(scale, method, precision, short, device_name)) / (steps - short))


def train_rows(device: torch.device, scale: str, steps: int, concurrent: int) -> list[dict]:
    """The training loop's seconds per step for each of :data:`TRAINED` (fp32, and bf16 for
    ours), projected to the scale's full budget; then ``concurrent`` runs of ours side by side
    on the one device, each in its own process, and their combined throughput."""
    budget = configs((scale,))[scale].training.steps
    variants = [(method, "fp32") for method in TRAINED] + [("learned_prior", "bf16")]
    rows = []
    for method, precision in variants:
        seconds = seconds_per_trained_step(scale, method, precision, steps, str(device))
        rows.append({"scale": scale, "model": method, "precision": precision, "runs_at_once": 1,
                     "seconds_per_step": seconds, "steps_per_s_all_runs": 1 / seconds,
                     "projected_run_min": budget * seconds / 60})
        print(f"  train loop {scale} {method} {precision}: {seconds * 1e3:.1f} ms/step, "
              f"{budget} steps ~ {rows[-1]['projected_run_min']:.1f} min", flush=True)
    if concurrent > 1:
        code = ("import sys; from bench.run import seconds_per_trained_step as s; "
                f"print(s({scale!r}, 'learned_prior', 'fp32', {steps}, {str(device)!r}))")
        procs = [subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, text=True,
                                  cwd=ROOT) for _ in range(concurrent)]
        per_run = [float(proc.communicate()[0].split()[-1]) for proc in procs]
        combined = sum(1 / seconds for seconds in per_run)
        rows.append({"scale": scale, "model": "learned_prior", "precision": "fp32",
                     "runs_at_once": concurrent, "seconds_per_step": max(per_run),
                     "steps_per_s_all_runs": combined,
                     "projected_run_min": budget * max(per_run) / 60})
        print(f"  {concurrent} runs at once: {combined:.0f} steps/s in all", flush=True)
    return rows


def dag_rows(cores_list: tuple[int, ...], out: Path) -> tuple[list[dict], pd.DataFrame]:
    """Wall time of the default `all` target with each of ``cores_list``, in fresh working
    directories, and the largest peak memory of any of its jobs; and the last run's job seconds
    per rule (each run's in ``dag_rules_cores<N>.csv``)."""
    rows, by_rule = [], pd.DataFrame()
    for cores in cores_list:
        with tempfile.TemporaryDirectory() as tmp:
            start = time.perf_counter()
            subprocess.run([sys.executable, "-m", "snakemake", "-s", str(ROOT / "Snakefile"),
                            "-d", tmp, "--configfile", str(ROOT / "config/config.yaml"),
                            "--cores", str(cores), "all", "--quiet", "rules", "reason", "host"],
                           check=True)
            seconds = time.perf_counter() - start
            jobs = job_benchmarks(Path(tmp) / "results")
            lio.write_text(jobs.to_csv(index=False), out / f"dag_jobs_cores{cores}.csv")
            by_rule = time_by_rule(jobs)
            lio.write_text(by_rule.to_csv(index=False), out / f"dag_rules_cores{cores}.csv")
            largest = jobs.loc[jobs["max_rss"].idxmax()]
            rows.append({"cores": cores, "wall_s": seconds, "jobs": len(jobs),
                         "job_s": jobs["s"].sum(),
                         "peak_job_rss_mb": largest["max_rss"], "peak_job": largest["job"]})
            print(f"  all with --cores {cores}: {seconds:.0f} s", flush=True)
    if cores_list[0] == 1:
        for row in rows[1:]:
            row["speedup_vs_1_core"] = rows[0]["wall_s"] / row["wall_s"]
    return rows, by_rule


def device_name(device: torch.device) -> str:
    if device.type == "cuda":
        return f"{torch.cuda.get_device_name(device)} (CUDA {torch.version.cuda})"
    return f"{platform.processor() or platform.machine()}, {torch.get_num_threads()} threads"


def summary(tables: dict[str, pd.DataFrame], device: torch.device, command: str) -> str:
    steps = tables["steps"]
    lines = [
        "# Benchmark", "",
        (f"{dt.date.today()}, {device_name(device)}, device {device}, torch {torch.__version__}. "
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
        for name, mode in COMPILE_MODES.items():
            if pd.notna(speed.get(name)):
                lines[-1] += f"; torch.compile ({mode}) / eager = {speed[name] / speed['suite']:.2f}x"
    lines += ["", "## FLOP/s", "", tables["flops"].to_markdown(index=False, floatfmt=".3g"), "",
              "## Inception Score throughput", "",
              tables["inception_score"].to_markdown(index=False, floatfmt=".4g"), ""]
    if "train" in tables:
        lines += ["## Training loop", "",
                  "`lpaae.training.train` on random images of the scale's shape; per-step time "
                  "from the difference of two run lengths; `projected_run_min` is that time times the "
                  "scale's full budget of steps (a projection, not a measured full run).", "",
                  tables["train"].to_markdown(index=False, floatfmt=".4g"), ""]
    if "dag" in tables:
        lines += ["## Default DAG", "", tables["dag"].to_markdown(index=False, floatfmt=".3g"), "",
                  "Job seconds per rule (the last run; `python -m bench.jobs` for any run):", "",
                  tables["dag_rules"].to_markdown(index=False, floatfmt=".3g"), ""]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--device", default="auto", choices=["auto", "cpu", "cuda"])
    parser.add_argument("--scales", default="default,paper-width",
                        help=f"comma-separated, from {', '.join(SCALES)}")
    parser.add_argument("--repeats", type=int, default=10)
    parser.add_argument("--is-samples", type=int, default=5000)
    parser.add_argument("--compile", action="store_true",
                        help="also time our step under torch.compile")
    parser.add_argument("--train-steps", type=int, default=0, metavar="N",
                        help="also time the whole training loop over N steps, at the last scale")
    parser.add_argument("--concurrent", type=int, default=1, metavar="K",
                        help="with --train-steps: also K runs of ours at once on the device")
    parser.add_argument("--dag", action="store_true", help="also time the default DAG (long)")
    parser.add_argument("--dag-cores", default="1,2", metavar="N,...",
                        help="with --dag: the --cores values to time it with (default 1,2)")
    parser.add_argument("--out", type=Path, default=OUT, help=f"output folder (default {OUT})")
    args = parser.parse_args(argv)
    scales = tuple(args.scales.split(","))
    if unknown := set(scales) - set(SCALES):
        parser.error(f"--scales: unknown {sorted(unknown)}; choose from {', '.join(SCALES)}")
    try:
        dag_cores = tuple(int(c) for c in args.dag_cores.split(","))
    except ValueError:
        dag_cores = ()
    if not dag_cores or min(dag_cores) < 1:
        parser.error(f"--dag-cores: comma-separated core counts of 1 or more, e.g. 1,2; got "
                     f"{args.dag_cores!r}")
    device = torch.device("cuda" if args.device == "auto" and torch.cuda.is_available()
                          else "cpu" if args.device == "auto" else args.device)
    tables: dict[str, pd.DataFrame] = {}

    def done(name: str, rows: list[dict]) -> None:  # each table is kept as soon as it exists
        tables[name] = pd.DataFrame(rows)
        lio.write_text(tables[name].to_csv(index=False), args.out / f"{name}.csv")

    print("training steps", flush=True)
    done("steps", step_rows(device, args.repeats, scales, args.compile))
    print("FLOP/s", flush=True)
    done("flops", flops_rows(tables["steps"], device, scales))
    print("Inception Score", flush=True)
    done("inception_score", inception_score_rows(device, args.is_samples,
                                                 configs(scales[-1:])[scales[-1]]))
    if args.train_steps:
        print("training loop", flush=True)
        done("train", train_rows(device, scales[-1], args.train_steps, args.concurrent))
    if args.dag:
        print("default DAG", flush=True)
        rows, by_rule = dag_rows(dag_cores, args.out)
        done("dag", rows)
        tables["dag_rules"] = by_rule
    command = " ".join(["python -m bench", *(sys.argv[1:] if argv is None else argv)])
    text = summary(tables, device, command)
    lio.write_text(text, args.out / "summary.md")
    print(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
