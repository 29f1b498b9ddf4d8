"""Figures, drawn from saved samples only (never from a model), so they regenerate in seconds."""

from __future__ import annotations

from pathlib import Path
from typing import Sequence

import matplotlib
import matplotlib.ticker

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402

from lpaae import files as lio  # noqa: E402
from lpaae.paper import method_label  # noqa: E402


def image_grid(images: np.ndarray | Sequence, columns: int) -> np.ndarray:
    """uint8 ``(N, C, H, W)`` images (C = 1 or 3; a numpy array or a CPU tensor) to one
    ``(H', W', 3)`` uint8 grid with ``columns`` images a row and 2 white pixels around each, as
    the paper's: torchvision's ``make_grid`` layout (whose import would cost a figure job about
    three seconds), except that a single image keeps its border too."""
    images = np.asarray(images)
    if images.shape[1] == 1:
        images = images.repeat(3, axis=1)
    n, channels, height, width = images.shape
    columns = min(columns, n)
    rows = -(-n // columns)
    pad = 2
    grid = np.full((rows * (height + pad) + pad, columns * (width + pad) + pad, channels), 255,
                   dtype=images.dtype)
    for i, image in enumerate(images):
        row, column = divmod(i, columns)
        top, left = pad + row * (height + pad), pad + column * (width + pad)
        grid[top:top + height, left:left + width] = image.transpose(1, 2, 0)
    return grid


def save_figure(fig: plt.Figure, path: str | Path) -> None:
    with lio.atomic_path(path) as tmp:
        fig.savefig(tmp, format="png", dpi=150, bbox_inches="tight")
    plt.close(fig)


def sample_figure(grid_paths: Sequence[str | Path], out: str | Path, *, title: str,
                  dataset: str, image_size: int, stand_in_for: str = "CIFAR-10") -> None:
    """One panel per model, each decoding the same fixed latent batch (Figures 6-9)."""
    grids = [lio.load_torch(p) for p in grid_paths]
    fig, axes = plt.subplots(1, len(grids), figsize=(3.2 * len(grids), 3.7), squeeze=False)
    for i, (ax, saved) in enumerate(zip(axes[0], grids)):
        rows = int(len(saved["images"]) ** 0.5)
        ax.imshow(image_grid(saved["images"][: rows * rows], rows), interpolation="nearest")
        ax.set_title(f"({chr(97 + i)}) {method_label(saved['method'])}\n"
                     f"{saved['code_size']}-D code", fontsize=9)
        ax.axis("off")
    note = "" if dataset == "cifar10" else f"; stands in for the paper's {stand_in_for}"
    fig.suptitle(f"{title}\n{dataset}, {image_size} px{note}; fixed latent batch "
                 f"(seed {grids[0]['latent_seed']})", fontsize=10)
    save_figure(fig, out)


def code_size_figure(table_csv: str | Path, out: str | Path) -> None:
    """Inception Score against code size, one line per method, error bars over splits."""
    import pandas as pd

    table = pd.read_csv(table_csv)
    fig, ax = plt.subplots(figsize=(5.5, 3.6))
    for method, rows in table.groupby("method", sort=False):
        ax.errorbar(rows["code_size"], rows["is_mean"], yerr=rows["is_std"], marker="o",
                    capsize=3, label=method_label(method))
    ax.set_xscale("log")
    ax.set_xticks(sorted(table["code_size"].unique()))
    ax.get_xaxis().set_major_formatter(matplotlib.ticker.ScalarFormatter())
    ax.set_xlabel("code size")
    ax.set_ylabel(f"Inception Score ({table['extractor'].iloc[0]})")
    ax.set_title(f"IS against code size; {table['dataset'].iloc[0]}, "
                 f"{table['samples'].iloc[0]:,} samples", fontsize=10)
    ax.legend(fontsize=8)
    ax.grid(alpha=0.3)
    save_figure(fig, out)


def conditional_grid_figure(grid_paths: Sequence[str | Path], out: str | Path, *, title: str,
                            dataset: str) -> None:
    """Figures 10 and 12: per method, row i decodes noise z_i with every label, column k decodes
    label k with every noise."""
    grids = [lio.load_torch(p) for p in grid_paths]
    fig, axes = plt.subplots(1, len(grids), figsize=(3.6 * len(grids), 4.0), squeeze=False)
    for i, (ax, saved) in enumerate(zip(axes[0], grids)):
        ax.imshow(image_grid(saved["images"], saved["categories"]), interpolation="nearest")
        ax.set_title(f"({chr(97 + i)}) {method_label(saved['method'])}\n"
                     f"{saved['code_size']}-D code", fontsize=9)
        ax.set_xlabel("label s →", fontsize=8)
        ax.set_ylabel("noise z →", fontsize=8)
        ax.set_xticks([])
        ax.set_yticks([])
    fig.suptitle(f"{title}\n{dataset}; each row: one noise z across all labels; each column: "
                 "one label s across noises", fontsize=10)
    save_figure(fig, out)


def _scatter(ax, points, labels, title: str):
    scatter = ax.scatter(points[:, 0], points[:, 1], c=labels, cmap="tab10", s=4,
                         vmin=-0.5, vmax=9.5)
    ax.set_title(title, fontsize=8)
    ax.set_xticks([])
    ax.set_yticks([])
    return scatter


def tsne_figure(tsne_paths: Sequence[str | Path], codes_paths: Sequence[str | Path],
                metrics_paths: Sequence[str | Path], out: str | Path, *, title: str,
                joint: bool) -> None:
    """Figure 11 (``joint=False``): t-SNE of CG's codes coloured by s. Figure 13
    (``joint=True``): one t-SNE of encoder and CG codes, the encoder's coloured by true class and
    CG's by s. Titles carry silhouette scores computed on the codes."""
    panels = 2 if joint else 1
    fig, axes = plt.subplots(1, panels * len(tsne_paths),
                             figsize=(4.0 * panels * len(tsne_paths), 4.2), squeeze=False)
    for i, (tsne_p, codes_p, metrics_p) in enumerate(zip(tsne_paths, codes_paths, metrics_paths)):
        tsne, codes, metrics = lio.load_torch(tsne_p), lio.load_torch(codes_p), lio.read_json(metrics_p)
        name = method_label(metrics["method"])
        prior_title = (f"{name}\nprior codes by s\n"
                       f"silhouette {metrics['silhouette_prior_by_s']:.2f}")
        if not joint:
            scatter = _scatter(axes[0][i], tsne["prior"], codes["prior_labels"], prior_title)
            continue
        _scatter(axes[0][2 * i], tsne["joint_encoder"], codes["true_labels"],
                 f"{name}\nencoder codes by true class\nsilhouette "
                 f"{metrics['silhouette_encoder_by_class']:.2f}")
        scatter = _scatter(axes[0][2 * i + 1], tsne["joint_prior"], codes["prior_labels"],
                           prior_title)
    fig.subplots_adjust(top=0.76)
    fig.colorbar(scatter, ax=axes[0].tolist(), ticks=range(10), shrink=0.8, label="class / s")
    encoded = f" and {len(codes['true_labels'])} held-out images' codes" if joint else ""
    fig.suptitle(f"{title}\nt-SNE (seed {tsne['seed']}) of {len(codes['prior_labels'])} prior "
                 f"codes{encoded}", fontsize=10, y=1.0)
    save_figure(fig, out)


#: Columns of losses.csv drawn on the diagnostics panel (the rest are losses).
CURVE_DIAGNOSTICS = ("code_d_accuracy", "heldout_code_d_accuracy", "image_d_accuracy",
                     "encoder_code_std", "prior_code_std", "encoder_effective_share",
                     "prior_effective_share", "kl_weight", "pixel_variance")


def training_curves_figure(loss_paths: Sequence[str | Path], out: str | Path, *, title: str) -> None:
    """One column per run: its losses over steps (top) and the discriminators' diagnostics
    (bottom: D_C's accuracy on the training batch and on held-out codes, D_I's on its training
    batch, the mean per-dimension std of encoder and prior codes and the share of the code's
    dimensions each fills), so a discriminator that wins at once, or a prior that collapses,
    shows at a glance."""
    import pandas as pd

    fig, axes = plt.subplots(2, len(loss_paths), figsize=(3.6 * len(loss_paths), 5.6),
                             squeeze=False, sharex="col")
    for column, path in enumerate(loss_paths):
        curves = pd.read_csv(path)
        losses = [c for c in curves.columns if c != "step" and c not in CURVE_DIAGNOSTICS]
        top, bottom = axes[0][column], axes[1][column]
        for name in losses:
            top.plot(curves["step"], curves[name], label=name, linewidth=1)
        # Logarithmic beyond +-1, linear within: losses span decades, and some cross zero (a
        # Gaussian NLL with a fitted variance, a WGAN critic's loss).
        top.set_yscale("symlog", linthresh=1.0)
        top.set_title(f"{method_label(Path(path).parts[-4])}", fontsize=9)
        top.legend(fontsize=6)
        shown = [c for c in CURVE_DIAGNOSTICS if c in curves.columns]
        for name in shown:
            # One colour per diagnostic in every column, whichever of them a run has (the
            # colour cycle names ten, C0-C9).
            bottom.plot(curves["step"], curves[name], label=name, linewidth=1,
                        color=f"C{CURVE_DIAGNOSTICS.index(name) % 10}")
        if any("accuracy" in c for c in shown):
            bottom.axhline(0.5, color="grey", linewidth=0.5, linestyle=":")
        if shown:
            bottom.legend(fontsize=6)
        else:
            bottom.text(0.5, 0.5, "no encoder, no decision threshold:\nno diagnostics",
                        ha="center", va="center", fontsize=8, transform=bottom.transAxes)
        bottom.set_xlabel("step")
    axes[0][0].set_ylabel("loss (symmetric log scale)")
    axes[1][0].set_ylabel("accuracy / code std / share")
    fig.suptitle(title, fontsize=10)
    fig.tight_layout()
    save_figure(fig, out)
