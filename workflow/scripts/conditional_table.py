import _checkout  # noqa: F401  (first: this checkout's lpaae; see _checkout.py)
from lpaae import jobs

jobs.start(snakemake.log[0], threads=1)
jobs.conditional_table_job(list(snakemake.input.metrics), list(snakemake.input.scores),
                           snakemake.output.csv, snakemake.output.markdown)
