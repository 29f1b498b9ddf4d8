import _checkout  # noqa: F401  (first: this checkout's lpaae; see _checkout.py)
from lpaae import jobs

jobs.start(snakemake.log[0], snakemake.threads)
jobs.tsne_job(snakemake.input[0], snakemake.output[0], seed=int(snakemake.wildcards.seed))
