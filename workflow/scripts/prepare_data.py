import _checkout  # noqa: F401  (first: this checkout's lpaae; see _checkout.py)
from lpaae import jobs
from lpaae.config import from_dict

jobs.start(snakemake.log[0], threads=1)
jobs.prepare_data_job(from_dict(snakemake.config), snakemake.wildcards.split, snakemake.output[0])
