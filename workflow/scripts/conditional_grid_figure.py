import _checkout  # noqa: F401  (first: this checkout's lpaae; see _checkout.py)
from lpaae import plots
from lpaae.joblog import setup_logging

setup_logging(snakemake.log[0])
plots.conditional_grid_figure(list(snakemake.input), snakemake.output[0],
                              title=snakemake.params.title, dataset=snakemake.params.dataset)
