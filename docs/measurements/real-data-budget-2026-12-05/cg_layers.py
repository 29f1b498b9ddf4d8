"""Where in the code generator the prior loses its directions: for each model.pt given, CG's
hidden layer (after its batch norm and ReLU) and its output before the output batch norm, on
the same 5,000 draws of z ~ N(0, I) for every model, in eval mode; effective dimensions as in the run diagnostics
(:func:`lpaae.diagnostics.effective_dimensions`).

    python cg_layers.py LABEL=MODEL.pt [LABEL=MODEL.pt ...]
    e.g. python cg_layers.py 1000=/work/runs/cifar-cpu-new/results/imagefolder/learned_prior/code64/seed0/model.pt \\
             8000=/work/runs/budget-cifar/results/imagefolder/learned_prior/code64/seed0/model.pt
"""
import sys

import torch

from lpaae.diagnostics import effective_dimensions
from lpaae.training import load_trained


@torch.no_grad()
def main(*models: str) -> None:
    for label, path in (m.split("=", 1) for m in models):
        net = load_trained(path).code_generator.net  # Linear, BN, ReLU, Linear, BN
        z = torch.randn(5000, net[0].in_features, generator=torch.Generator().manual_seed(0))
        hidden = net[:3](z)
        dead = int(((hidden > 0).float().mean(0) < 0.01).sum())
        output = net[3](hidden)
        print(f"{label}: hidden units {hidden.shape[1]}, dead {dead}, hidden effective dimensions "
              f"{effective_dimensions(hidden):.1f}; output before its batch norm "
              f"{effective_dimensions(output):.1f} of {output.shape[1]}")


if __name__ == "__main__":
    main(*sys.argv[1:])
