import _checkout  # noqa: F401  (first: this checkout's lpaae; see _checkout.py)
from lpaae import jobs
from lpaae.config import from_dict

jobs.start(snakemake.log[0], snakemake.threads)
extractor = list(snakemake.input.get("extractor", []))
jobs.score_job(from_dict(snakemake.config), snakemake.output[0],
               samples_path=snakemake.input.get("samples"),
               real_paths=((snakemake.input.test, snakemake.input.train)
                           if snakemake.input.get("test") else None),
               classifier_path=extractor[0] if extractor else None,
               reference_path=snakemake.input.reference)
