"""Figures, drawn from saved samples only (never from a model), so they regenerate in seconds."""

from __future__ import annotations

from pathlib import Path
from typing import Sequence

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import torch  # noqa: E402
from torchvision.utils import make_grid  # noqa: E402

from lpaae import io as lio  # noqa: E402
from lpaae.paper import METHOD_LABELS  # noqa: E402


def image_grid(images: torch.Tensor, rows: int) -> torch.Tensor:
    """uint8 ``(N, C, H, W)`` to one ``(H', W', 3)`` uint8 grid, 2-px padding as the paper's."""
    grid = make_grid(images[: rows * rows], nrow=rows, padding=2, pad_value=255)
    return grid.permute(1, 2, 0)


def save_figure(fig: plt.Figure, path: str | Path) -> None:
    with lio.atomic_path(path) as tmp:
        fig.savefig(tmp, format="png", dpi=150, bbox_inches="tight")
    plt.close(fig)


def figure6(grid_paths: Sequence[str | Path], out: str | Path, *, dataset: str,
            image_size: int) -> None:
    """Figure 6: samples of each model, every model decoding the same fixed latent batch."""
    grids = [lio.load_torch(p) for p in grid_paths]
    fig, axes = plt.subplots(1, len(grids), figsize=(3.2 * len(grids), 3.6), squeeze=False)
    for i, (ax, saved) in enumerate(zip(axes[0], grids)):
        rows = int(len(saved["images"]) ** 0.5)
        ax.imshow(image_grid(saved["images"], rows).numpy(), interpolation="nearest")
        ax.set_title(f"({chr(97 + i)}) {METHOD_LABELS.get(saved['model'], saved['model'])}",
                     fontsize=9)
        ax.axis("off")
    note = "" if dataset == "cifar10" else " (the paper: CIFAR-10)"
    fig.suptitle(f"Figure 6: samples from one fixed latent batch (seed {grids[0]['latent_seed']}); "
                 f"{dataset}, {image_size} px{note}", fontsize=10)
    save_figure(fig, out)
