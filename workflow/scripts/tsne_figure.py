import _checkout  # noqa: F401  (first: this checkout's lpaae; see _checkout.py)
from lpaae import plots
from lpaae.joblog import setup_logging

setup_logging(snakemake.log[0])
plots.tsne_figure(list(snakemake.input.tsne), list(snakemake.input.codes),
                  list(snakemake.input.metrics), snakemake.output[0],
                  title=snakemake.params.title, joint=snakemake.params.joint)
