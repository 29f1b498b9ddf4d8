# The HTML report: every table beside the paper's values, the figures and their provenance.


rule report_html:
    localrule: True
    input:
        tables=CLAIMS + TABLE_FILES + CONDITIONAL_TABLE,
        figures=FIGURES,
        scores=sorted({*SWEEP_SCORES, REAL_SCORE,
                       *[s for e in EXPERIMENTS if e != "code_size_sweep"
                         for s in run_files(e, "score.json")]}),
    output:
        REPORT,
    log:
        f"{LOGS}/report.log",
    conda:
        SOFTWARE
    script:
        "../scripts/report.py"
