import _checkout  # noqa: F401  (first: this checkout's lpaae; see _checkout.py)
import dataclasses

from lpaae import jobs
from lpaae.config import from_dict

jobs.start(snakemake.log[0], snakemake.threads)
config = dataclasses.replace(from_dict(snakemake.config), seed=int(snakemake.wildcards.seed))
jobs.train_job(config, snakemake.wildcards.method, int(snakemake.wildcards.code), snakemake.input.train,
               snakemake.output.model, snakemake.input.heldout)
