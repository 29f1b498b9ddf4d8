import _checkout  # noqa: F401  (first: this checkout's lpaae; see _checkout.py)
from lpaae import plots
from lpaae.joblog import setup_logging

setup_logging(snakemake.log[0])
plots.training_curves_figure(snakemake.input, snakemake.output[0], title=snakemake.params.title)
