import _checkout  # noqa: F401  (first: this checkout's lpaae; see _checkout.py)
from lpaae import jobs
from lpaae.config import from_dict

jobs.start(snakemake.log[0], snakemake.threads)
extractor = list(snakemake.input.get("extractor", []))
jobs.conditional_job(from_dict(snakemake.config), snakemake.input.model, snakemake.input.test,
                     extractor[0] if extractor else None, snakemake.output.metrics,
                     snakemake.output.codes, snakemake.output.grid)
