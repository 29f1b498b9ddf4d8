import _checkout  # noqa: F401  (first: this checkout's lpaae; see _checkout.py)
from lpaae import report, result_jobs

result_jobs.start(snakemake.log[0])
report.write_report(snakemake.output[0], config=snakemake.config,
                    tables=list(snakemake.input.tables), figures=list(snakemake.input.figures),
                    scores=list(snakemake.input.scores))
