from lpaae import jobs, tables

jobs.start(snakemake.log[0], threads=1)
tables.write_table1(list(snakemake.input.scores), snakemake.input.real,
                    snakemake.output.csv, snakemake.output.markdown)
