import _checkout  # noqa: F401  (first: this checkout's lpaae; see _checkout.py)
from lpaae import claims, files, jobs

jobs.start(snakemake.log[0], threads=1)
board = claims.scoreboard(snakemake.input.table1, snakemake.input.table3,
                          snakemake.input.code_size, snakemake.input.conditional)
files.write_text(board.to_csv(index=False), snakemake.output.csv)
files.write_text(claims.render_markdown(board), snakemake.output.markdown)
