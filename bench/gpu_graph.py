"""How fast a training step can run on a GPU once Python is out of the loop: the whole step of
each Table 1 model and WGAN-GP captured as one CUDA graph and replayed (a measurement of the ceiling,
not yet how the suite trains; see the README's "Speed").

    python -m bench.gpu_graph [--scale paper] [--steps 200] [--out DIR]

The profile (``bench.gpu_profile``) showed the GPU busy for about a quarter of an eager step and
a 4x batch taking the same time: the step is bound by the ~1,000 kernel launches Python issues.
A graph replays them without Python. (The VAE's KL warm-up weight is frozen at its capture step
and WGAN-GP's interpolation weights at their capture draw: right for timing, not for training.)
Two things a graph cannot take from the suite's step are replaced here: noise is drawn on the GPU's own generator (the suite draws it on the CPU so that a
run is the same on any device), and Adam keeps its step count on the GPU (``capturable``).
"""

from __future__ import annotations

import argparse
import sys
import time
import traceback
from pathlib import Path

import pandas as pd
import torch

from bench.run import OUT, batch, configs, sync
from lpaae.runs import resolve
from lpaae.training import channels_last


def graph_ready(config, method: str, device: torch.device):
    """A fresh model whose noise comes from the device's generator and whose Adam states are
    capturable, and a channels-last batch."""
    model = channels_last(resolve(config, method).build().to(device))
    model.noise = lambda n, generator, size=None: torch.randn(
        n, size or model.noise_size, device=device)
    for optimizer in model.optimizers.values():
        for group in optimizer.param_groups:
            group["capturable"] = True
    x, labels = batch(config, device)
    per_step = model.batches_per_step  # WGAN-GP: a fresh batch per critic step
    return model, channels_last(x.repeat(per_step, 1, 1, 1)), labels.repeat(per_step)


def eager_seconds(config, method: str, device: torch.device, steps: int) -> float:
    model, x, labels = graph_ready(config, method, device)
    for i in range(3):
        model.training_step(x, labels, i, None)
    sync(device)
    start = time.perf_counter()
    for i in range(steps):
        model.training_step(x, labels, i, None)
    sync(device)
    return (time.perf_counter() - start) / steps


def graphed_seconds(config, method: str, device: torch.device, steps: int) -> tuple[float, bool]:
    """Seconds per replay of the captured step, and whether the replays kept every loss finite
    and moved the parameters."""
    model, x, labels = graph_ready(config, method, device)
    side = torch.cuda.Stream()
    side.wait_stream(torch.cuda.current_stream())
    with torch.cuda.stream(side):  # warm-up outside the graph: allocations, cuDNN plans, Adam state
        for i in range(3):
            model.training_step(x, labels, i, None)
    torch.cuda.current_stream().wait_stream(side)
    graph = torch.cuda.CUDAGraph()
    with torch.cuda.graph(graph):
        losses = model.training_step(x, labels, 3, None)
    before = [p.detach().clone() for p in model.parameters()]
    graph.replay()
    sync(device)
    start = time.perf_counter()
    for _ in range(steps):
        graph.replay()
    sync(device)
    seconds = (time.perf_counter() - start) / steps
    moved = any(not torch.equal(a, p) for a, p in zip(before, model.parameters()))
    finite = all(torch.isfinite(torch.as_tensor(v)).all() for v in losses.values())
    print("  losses after the replays:", {k: round(float(v), 4) for k, v in losses.items()})
    return seconds, bool(moved and finite)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.gpu_graph", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--scale", default="paper")
    parser.add_argument("--steps", type=int, default=200)
    parser.add_argument("--out", type=Path, default=OUT)
    parser.add_argument("--models", default="learned_prior,aae,vae,vampprior,wgan_gp")
    args = parser.parse_args(argv)
    device = torch.device("cuda")
    config = configs((args.scale,))[args.scale]
    budget, rows = config.training.steps, []
    for method in args.models.split(","):
        row = {"scale": args.scale, "model": method}
        try:
            row["eager_s"] = eager_seconds(config, method, device, args.steps)
            row["graphed_s"], row["graph_ok"] = graphed_seconds(config, method, device, args.steps)
            row["speedup"] = row["eager_s"] / row["graphed_s"]
            row["projected_run_min"] = budget * row["graphed_s"] / 60
        except Exception:  # noqa: BLE001 -- reported, the other model still runs
            row["note"] = traceback.format_exc(limit=3)[-400:]
        rows.append(row)
        print(row, flush=True)
    table = pd.DataFrame(rows)
    args.out.mkdir(parents=True, exist_ok=True)
    table.to_csv(args.out / "graph.csv", index=False)
    print(table.to_markdown(index=False, floatfmt=".4g"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
