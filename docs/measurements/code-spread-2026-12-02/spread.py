"""Over how many directions the codes of probe runs spread (lpaae.diagnostics.effective_dimensions),
encoder against prior, from each run's codes.pt (written by ../code-regulariser-2026-11-26/probe.py),
with the largest and smallest covariance eigenvalues of both sets.

    python spread.py RUN_FOLDER [RUN_FOLDER ...]
"""
import sys

import torch

from lpaae.diagnostics import effective_dimensions


def eigenvalues(codes: torch.Tensor) -> torch.Tensor:
    codes = codes.double()
    return torch.linalg.eigvalsh(torch.cov((codes - codes.mean(0)).T))


print("| run | code size | effective dims, encoder / prior | eigenvalues encoder (min-max) | prior (min-max) |")
print("|---|---|---|---|---|")
for folder in sys.argv[1:]:
    codes = torch.load(f"{folder}/codes.pt")
    enc, prior = codes["enc"], codes["prior"]
    e, p = eigenvalues(enc), eigenvalues(prior)
    print(f"| {'/'.join(folder.rstrip('/').split('/')[-2:])} | {enc.shape[1]} | {effective_dimensions(enc):.1f} / "
          f"{effective_dimensions(prior):.1f} | {e.min():.3f}-{e.max():.2f} | {p.min():.3f}-{p.max():.2f} |")
