import _checkout  # noqa: F401  (first: this checkout's lpaae; see _checkout.py)
from lpaae import jobs
from lpaae.config import from_dict

jobs.start(snakemake.log[0], snakemake.threads)
extractor = list(snakemake.input.get("extractor", []))
jobs.reference_features_job(from_dict(snakemake.config), snakemake.input.train,
                            extractor[0] if extractor else None, snakemake.output[0])
