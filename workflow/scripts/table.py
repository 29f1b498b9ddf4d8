import _checkout  # noqa: F401  (first: this checkout's lpaae; see _checkout.py)
from lpaae import result_jobs
from lpaae.config import from_dict
from lpaae.joblog import setup_logging

setup_logging(snakemake.log[0])
result_jobs.table_job(snakemake.wildcards.table, from_dict(snakemake.config),
                      list(snakemake.input.scores), snakemake.output.csv,
                      snakemake.output.markdown)
