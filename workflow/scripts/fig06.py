from lpaae import jobs, plots

jobs.start(snakemake.log[0], threads=1)
plots.figure6(list(snakemake.input.grids), snakemake.output[0],
              dataset=snakemake.params.dataset, image_size=snakemake.params.image_size)
