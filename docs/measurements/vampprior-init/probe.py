"""Look inside a trained VampPrior: have its pseudo-inputs moved apart, and where do its mixture
components sit relative to the encoder's codes of held-out images?

    python docs/measurements/vampprior-init/probe.py RUN/model.pt DATA/test-16px.pt
"""
import sys

import torch

from lpaae.data import load_prepared
from lpaae.model import evaluating
from lpaae.training import load_trained


@torch.no_grad()
def main(model_path: str, heldout_path: str) -> None:
    model, data = load_trained(model_path), load_prepared(heldout_path)
    x = data.batch(torch.arange(min(500, len(data))))
    with evaluating(model):
        means, log_vars = model.mixture_components()
        codes, _ = model.posterior(x)
        pseudo_inputs = model.pseudo_inputs()
        samples = model.decoder(model.codes_from_noise(torch.randn(500, means.shape[1]),
                                                       torch.Generator().manual_seed(1)))
    rows = {
        "pseudo-input spread across K (mean per-pixel std)": pseudo_inputs.std(0).mean(),
        "pseudo-input range": f"[{pseudo_inputs.min():.2f}, {pseudo_inputs.max():.2f}]",
        "component means: mean pairwise distance": torch.cdist(means, means).mean(),
        "component std (mean)": (0.5 * log_vars).exp().mean(),
        "encoder codes: mean distance to the nearest component mean": torch.cdist(codes, means).min(1).values.mean(),
        "samples: per-pixel std across 500 samples": samples.std(0).mean(),
        "held-out images: per-pixel std": x.std(0).mean(),
    }
    for name, value in rows.items():
        print(f"{name}: {value:.3f}" if torch.is_tensor(value) else f"{name}: {value}")


if __name__ == "__main__":
    main(*sys.argv[1:])
