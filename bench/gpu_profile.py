"""Where a GPU training step's time goes, and which switches move it (run by bench/gpu.sh).

    python -m bench.gpu_profile [--scale paper] [--steps 30] [--out DIR]

For our model and WGAN-GP at the given scale: seconds per step as the suite trains today, then
with cuDNN's autotuner (``torch.backends.cudnn.benchmark``), without channels-last, with TF32
matrix products, in bf16 and at a 4x batch (throughput per image); and a profile of our step:
the GPU kernels that take the most time, and GPU-busy time against wall time (launch-bound or
GPU-bound).
"""

from __future__ import annotations

import argparse
import contextlib
import sys
from functools import partial
from pathlib import Path

import pandas as pd
import torch

from bench.run import OUT, batch, configs, make_step, suite_step, time_steps
from lpaae.runs import resolve

#: name -> (cudnn.benchmark, channels-last, TF32 matmul, precision, batch multiple)
VARIANTS = {
    "suite": (False, True, False, "fp32", 1),
    "cudnn-benchmark": (True, True, False, "fp32", 1),
    "cudnn-benchmark, contiguous": (True, False, False, "fp32", 1),
    "cudnn-benchmark, tf32 matmul": (True, True, True, "fp32", 1),
    "cudnn-benchmark, bf16": (True, True, False, "bf16", 1),
    "cudnn-benchmark, 4x batch": (True, True, False, "fp32", 4),
}


@contextlib.contextmanager
def switches(benchmark: bool, tf32: bool):
    saved = torch.backends.cudnn.benchmark, torch.backends.cuda.matmul.allow_tf32
    torch.backends.cudnn.benchmark, torch.backends.cuda.matmul.allow_tf32 = benchmark, tf32
    try:
        yield
    finally:
        torch.backends.cudnn.benchmark, torch.backends.cuda.matmul.allow_tf32 = saved


def step_for(config, method, last: bool, precision: str, multiple: int, device):
    x, labels = batch(config, device)
    multiple *= resolve(config, method).build().batches_per_step  # WGAN-GP: a batch per critic step
    x, labels = x.repeat(multiple, 1, 1, 1), labels.repeat(multiple)
    if last:
        return make_step(config, method, "suite", precision, x, labels, device), len(x)
    model = resolve(config, method).build().to(device)
    counter = iter(range(10**9))
    return partial(suite_step, model, x.contiguous(), labels, counter,
                   torch.Generator().manual_seed(0), precision), len(x)


def variant_rows(scale: str, steps: int, device: torch.device) -> list[dict]:
    config = configs((scale,))[scale]
    rows = []
    for method in ("learned_prior", "wgan_gp"):
        for name, (benchmark, last, tf32, precision, multiple) in VARIANTS.items():
            with switches(benchmark, tf32):
                step, n = step_for(config, method, last, precision, multiple, device)
                seconds = time_steps(step, device, warmup=5, repeats=steps)
            rows.append({"model": method, "variant": name, "batch": n,
                         "seconds_per_step": seconds, "images_per_s": n / seconds})
            print(f"  {method} {name}: {seconds * 1e3:.2f} ms/step, {n / seconds:.0f} images/s",
                  flush=True)
    return rows


def profile_rows(scale: str, device: torch.device, benchmark: bool) -> tuple[pd.DataFrame, dict]:
    """The 25 costliest kernels of 10 steps of our model, and wall vs GPU-busy time."""
    from torch.profiler import ProfilerActivity, profile

    config = configs((scale,))[scale]
    with switches(benchmark, False):
        step, _ = step_for(config, "learned_prior", True, "fp32", 1, device)
        time_steps(step, device, warmup=5, repeats=1)
        activities = [ProfilerActivity.CPU] + ([ProfilerActivity.CUDA] if device.type == "cuda" else [])
        with profile(activities=activities) as prof:
            wall = time_steps(step, device, warmup=0, repeats=10) * 10
    if device.type == "cuda":  # the kernels themselves, each timed on the device
        events = [(e.key, e.count, e.self_device_time_total) for e in prof.key_averages()
                  if e.device_type == torch.autograd.DeviceType.CUDA]
    else:  # no device timeline: operators by their own CPU time
        events = [(e.key, e.count, e.self_cpu_time_total) for e in prof.key_averages()]
    kernels = pd.DataFrame([{"name": key[:90], "calls": count, "total_ms": micros / 1e3}
                            for key, count, micros in events if micros > 0])
    kernels = kernels.sort_values("total_ms", ascending=False)
    busy = kernels["total_ms"].sum() / 1e3
    totals = {"cudnn_benchmark": benchmark, "wall_s_10_steps": round(wall, 4),
              "busy_s_10_steps": round(float(busy), 4),
              "calls_per_step": int(kernels["calls"].sum() / 10)}
    return kernels.head(25), totals


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.gpu_profile", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--scale", default="paper")
    parser.add_argument("--steps", type=int, default=30)
    parser.add_argument("--device", default="cuda" if torch.cuda.is_available() else "cpu")
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args(argv)
    device = torch.device(args.device)
    args.out.mkdir(parents=True, exist_ok=True)
    print("variants", flush=True)
    variants = pd.DataFrame(variant_rows(args.scale, args.steps, device))
    variants.to_csv(args.out / "profile_variants.csv", index=False)
    lines = ["# Where the step's time goes", "", variants.to_markdown(index=False, floatfmt=".4g")]
    for benchmark in (False, True):
        kernels, totals = profile_rows(args.scale, device, benchmark)
        kernels.to_csv(args.out / f"profile_kernels_benchmark{int(benchmark)}.csv", index=False)
        lines += ["", f"## Profile, cudnn.benchmark={benchmark}: {totals}", "",
                  kernels.to_markdown(index=False, floatfmt=".4g")]
    text = "\n".join(lines)
    (args.out / "profile.md").write_text(text)
    print(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
