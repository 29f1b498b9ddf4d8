"""The fixed-latent sample grids (the DAG's fixed_latent_grid.pt, 64 images) of some runs as PNGs,
twice their size, into grids/<dataset>-<method>-<label>-seed<S>.png.

    python grids.py DATASET CODE SEED METHODS LABEL=RUN_DIR [LABEL=RUN_DIR ...]
    e.g. python grids.py imagefolder 64 1 learned_prior,aae \\
             1000=/work/runs/cifar-cpu-new 8000=/work/runs/budget-cifar
"""
import sys
from pathlib import Path

import torch
import torchvision.utils

HERE = Path(__file__).parent


def main(dataset: str, code: str, seed: str, methods: str, *runs: str) -> None:
    (HERE / "grids").mkdir(exist_ok=True)
    name = "cifar" if dataset == "imagefolder" else dataset
    for method in methods.split(","):
        for label, folder in (r.split("=", 1) for r in runs):
            path = Path(folder) / "results" / dataset / method / f"code{code}" / f"seed{seed}"
            images = torch.load(path / "fixed_latent_grid.pt")["images"].float() / 255
            images = torch.nn.functional.interpolate(images, scale_factor=2, mode="nearest")
            torchvision.utils.save_image(
                images, HERE / "grids" / f"{name}-{method}-{label}-seed{seed}.png", nrow=8, padding=2)


if __name__ == "__main__":
    main(*sys.argv[1:])
