import _checkout  # noqa: F401  (first: this checkout's lpaae; see _checkout.py)
from lpaae import jobs

jobs.start(snakemake.log[0], threads=1)
jobs.claims_job(snakemake.input.table1, snakemake.input.table3, snakemake.input.code_size,
                snakemake.input.conditional, snakemake.output.csv, snakemake.output.markdown)
