# The HTML report: every table beside the paper's values, the figures and their provenance.


rule report_html:
    input:
        tables=TABLES,
        figures=FIGURES,
        scores=expand(run_dir(seed=CFG.seed) + "/score.json", model=MODEL_NAMES),
        real=f"{RUNS}/real/score.json",
    output:
        REPORT,
    log:
        f"{LOGS}/report.log",
    script:
        "../scripts/report.py"
