import _checkout  # noqa: F401  (first: this checkout's lpaae; see _checkout.py)
from lpaae import report
from lpaae.joblog import setup_logging

setup_logging(snakemake.log[0])
report.write_report(snakemake.output[0], config=snakemake.config,
                    tables=list(snakemake.input.tables), figures=list(snakemake.input.figures),
                    scores=list(snakemake.input.scores))
