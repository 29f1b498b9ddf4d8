# Tables: built from the score files alone, so they rebuild in seconds.


rule table1:
    input:
        scores=expand(run_dir(seed=CFG.seed) + "/score.json", model=MODEL_NAMES),
        real=f"{RUNS}/real/score.json",
    output:
        csv=report("results/tables/table1.csv", caption="../report/table1.rst",
                   category="Tables"),
        markdown="results/tables/table1.md",
    log:
        f"{LOGS}/table1.log",
    script:
        "../scripts/table1.py"
