import _checkout  # noqa: F401  (first: this checkout's lpaae; see _checkout.py)
from lpaae import jobs

jobs.start(snakemake.log[0], snakemake.threads)
jobs.sample_job(snakemake.input[0], snakemake.output.samples, snakemake.output.grid,
                samples=snakemake.params.samples, grid_images=snakemake.params.grid_images,
                latent_seed=snakemake.params.latent_seed, device=snakemake.config["device"])
