import _checkout  # noqa: F401  (first: this checkout's lpaae; see _checkout.py)
from lpaae import plots
from lpaae.joblog import setup_logging

setup_logging(snakemake.log[0])
plots.code_size_figure(snakemake.input[0], snakemake.output[0])
