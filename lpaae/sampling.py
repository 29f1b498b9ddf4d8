"""Drawing images from a trained model's prior."""

from __future__ import annotations

import torch

from lpaae.data import to_uint8
from lpaae.model import GenerativeModel


@torch.no_grad()
def generate(model: GenerativeModel, n: int, seed: int, batch_size: int = 500) -> torch.Tensor:
    """``n`` uint8 images decoded from the prior, every random draw from ``Generator(seed)``.

    Noise is drawn batch by batch, so the first ``batch_size`` images depend only on ``seed``:
    two models with the same noise size given the same seed see the same latent batch.
    """
    generator = torch.Generator().manual_seed(seed)
    batches = []
    for start in range(0, n, batch_size):
        noise = model.noise(min(batch_size, n - start), generator)
        batches.append(to_uint8(model.sample(noise, generator)).cpu())
    return torch.cat(batches)
