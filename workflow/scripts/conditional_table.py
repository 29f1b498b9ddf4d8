from lpaae import io, jobs, tables

jobs.start(snakemake.log[0], threads=1)
table = tables.conditional_table(list(snakemake.input.metrics), list(snakemake.input.scores))
io.write_text(table.to_csv(index=False), snakemake.output.csv)
io.write_text(tables.render_conditional_markdown(table), snakemake.output.markdown)
