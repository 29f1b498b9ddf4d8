from lpaae import jobs

jobs.start(snakemake.log[0], snakemake.threads)
jobs.tsne_job(snakemake.input[0], snakemake.output[0], seed=int(snakemake.wildcards.seed))
