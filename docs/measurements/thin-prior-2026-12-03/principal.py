"""Where along the prior's principal axes do the encoder's codes differ from the prior's?

For each run: the eigenvalues of the prior codes' covariance (largest first), the encoder codes'
variance along the same axes, and the two-sample accuracy (lpaae.diagnostics, mean of ten
splits) on the k leading axes (k = the prior's effective dimensions, rounded) and on the rest,
with the mean nearest-neighbour distance within each set (clustering).

    python principal.py RUN [RUN ...]

RUN is a DAG run folder (results/<dataset>/<method>/code<N>/seed<S>, holding model.pt; its codes
are recomputed on the 500 held-out images the run's diagnostics used, from the prepared
results/<dataset>/data/test-*.pt next to it) or a probe folder holding codes.pt
(../code-regulariser-2026-11-26/probe.py).
"""
import sys
from pathlib import Path

import torch

from lpaae.data import load_prepared
from lpaae.diagnostics import effective_dimensions, heldout_batch, two_sample_accuracies
from lpaae.training import DIAGNOSTIC_POINTS, _code_sample, load_trained

torch.set_num_threads(1)


def codes(run: Path) -> tuple[torch.Tensor, torch.Tensor]:
    if (run / "codes.pt").exists():
        saved = torch.load(run / "codes.pt")
        return saved["enc"], saved["prior"]
    seed = int(run.name.removeprefix("seed"))
    (test,) = (run.parents[2] / "data").glob("test-*.pt")
    model = load_trained(run / "model.pt")
    sample = _code_sample(model, heldout_batch(load_prepared(test), DIAGNOSTIC_POINTS, seed, model.device), seed)
    return sample.encoder, sample.prior


def accuracy(a: torch.Tensor, b: torch.Tensor) -> float:
    runs = two_sample_accuracies(a.float(), b.float())
    return sum(runs) / len(runs)


def nearest_neighbour(x: torch.Tensor) -> float:
    d = torch.cdist(x, x)
    d.fill_diagonal_(float("inf"))
    return d.min(1).values.mean().item()


for arg in sys.argv[1:]:
    run = Path(arg)
    enc, prior = (c.double() for c in codes(run))
    mean = prior.mean(0)
    eigenvalues, axes = torch.linalg.eigh(torch.cov((prior - mean).T))
    eigenvalues, axes = eigenvalues.flip(0), axes.flip(1)
    enc_axes, prior_axes = (enc - mean) @ axes, (prior - mean) @ axes
    k = max(1, round(effective_dimensions(prior)))
    print(f"{arg}\n  effective dimensions encoder / prior: {effective_dimensions(enc):.1f} / "
          f"{effective_dimensions(prior):.1f}")
    print("  prior eigenvalues:       ", " ".join(f"{v:.2g}" for v in eigenvalues))
    print("  encoder variance on them:", " ".join(f"{v:.2g}" for v in enc_axes.var(0)))
    print(f"  two-sample accuracy: all axes {accuracy(enc, prior):.3f}; leading {k} "
          f"{accuracy(enc_axes[:, :k], prior_axes[:, :k]):.3f}; other {enc.shape[1] - k} "
          f"{accuracy(enc_axes[:, k:], prior_axes[:, k:]):.3f}")
    print(f"  mean nearest-neighbour distance: encoder {nearest_neighbour(enc):.2f}, "
          f"prior {nearest_neighbour(prior):.2f}", flush=True)
