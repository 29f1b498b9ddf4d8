import _checkout  # noqa: F401  (first: this checkout's lpaae; see _checkout.py)
from lpaae import files, jobs, tables

jobs.start(snakemake.log[0], threads=1)
table = tables.conditional_table(list(snakemake.input.metrics), list(snakemake.input.scores))
files.write_text(table.to_csv(index=False), snakemake.output.csv)
files.write_text(tables.render_conditional_markdown(table), snakemake.output.markdown)
