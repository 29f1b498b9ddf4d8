import _checkout  # noqa: F401  (first: this checkout's lpaae; see _checkout.py)
from lpaae import result_jobs
from lpaae.joblog import setup_logging

setup_logging(snakemake.log[0])
result_jobs.conditional_table_job(list(snakemake.input.metrics), list(snakemake.input.scores),
                                  snakemake.output.csv, snakemake.output.markdown)
