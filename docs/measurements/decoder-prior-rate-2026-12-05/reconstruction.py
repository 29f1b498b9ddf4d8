"""Is a trained model still an autoencoder? For each model.pt given: the pixel mean squared error of
dec(enc(x)) on the first 1,000 held-out images (eval mode, [-1, 1] scale), beside that of the
held-out mean image, and the effective dimensions of the encoder's codes of them
(:func:`lpaae.diagnostics.effective_dimensions`).

    python reconstruction.py TEST_SPLIT.pt LABEL=MODEL.pt [LABEL=MODEL.pt ...]
    e.g. python reconstruction.py /work/runs/budget-cifar/results/imagefolder/data/test-16px.pt \\
             ours-8000=/work/runs/budget-cifar/results/imagefolder/learned_prior/code64/seed0/model.pt
"""
import sys

import torch

from lpaae.data import load_prepared
from lpaae.diagnostics import effective_dimensions
from lpaae.training import load_trained


@torch.no_grad()
def main(test_split: str, *models: str) -> None:
    x = load_prepared(test_split).batch(torch.arange(1000))
    print(f"held-out mean image: pixel MSE {(x - x.mean(0)).pow(2).mean():.4f}")
    for label, path in (m.split("=", 1) for m in models):
        model = load_trained(path)
        codes = model.encode(x, torch.Generator().manual_seed(0))
        mse = (model.decoder(codes) - x).pow(2).mean()
        print(f"{label}: pixel MSE {mse:.4f}, encoder effective dimensions "
              f"{effective_dimensions(codes):.1f} of {codes.shape[1]}")


if __name__ == "__main__":
    main(*sys.argv[1:])
