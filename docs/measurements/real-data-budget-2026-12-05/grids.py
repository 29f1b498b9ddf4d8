"""The fixed-latent sample grids (the DAG's fixed_latent_grid.pt) of some methods, one figure per
run folder, drawn by the report's own :func:`lpaae.plots.sample_figure`, into
grids/<name>-<label>-seed<S>.png.

    python grids.py DATASET CODE SEED METHODS NAME LABEL=RUN_DIR [LABEL=RUN_DIR ...]
    e.g. python grids.py imagefolder 64 1 learned_prior,aae cifar \\
             1000=/work/runs/cifar-cpu-new 8000=/work/runs/budget-cifar
"""
import sys
from pathlib import Path

from lpaae import files as lio
from lpaae.plots import sample_figure

HERE = Path(__file__).parent


def main(dataset: str, code: str, seed: str, methods: str, name: str, *runs: str) -> None:
    (HERE / "grids").mkdir(exist_ok=True)
    for label, folder in (r.split("=", 1) for r in runs):
        paths = [Path(folder) / "results" / dataset / method / f"code{code}" / f"seed{seed}"
                 / "fixed_latent_grid.pt" for method in methods.split(",")]
        image_size = lio.load_torch(paths[0])["images"].shape[-1]
        sample_figure(paths, HERE / "grids" / f"{name}-{label}-seed{seed}.png",
                      title=f"{label} steps, seed {seed}", dataset=dataset, image_size=image_size)


if __name__ == "__main__":
    main(*sys.argv[1:])
