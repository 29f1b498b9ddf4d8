import _checkout  # noqa: F401  (first: this checkout's lpaae; see _checkout.py)
from lpaae import jobs
from lpaae.config import from_dict

jobs.start(snakemake.log[0], snakemake.threads)
jobs.train_classifier_job(from_dict(snakemake.config), snakemake.input.train, snakemake.input.test,
                          snakemake.output[0])
