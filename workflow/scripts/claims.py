import _checkout  # noqa: F401  (first: this checkout's lpaae; see _checkout.py)
from lpaae import result_jobs
from lpaae.joblog import setup_logging

setup_logging(snakemake.log[0])
result_jobs.claims_job(snakemake.input.table1, snakemake.input.table2, snakemake.input.table3,
                       snakemake.input.code_size, snakemake.input.conditional,
                       snakemake.output.csv, snakemake.output.markdown)
