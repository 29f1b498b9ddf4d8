# Tables: built from score files alone, so they rebuild in seconds.


rule table:
    input:
        scores=lambda w: (SWEEP_SCORES if w.table == "code_size"
                          else run_files(w.table, "score.json") + [REAL_SCORE]),
    output:
        csv=report("results/tables/{table}.csv", caption="../report/tables.rst",
                   category="Tables", labels={"table": "{table}"}),
        markdown="results/tables/{table}.md",
    wildcard_constraints:
        table="table1|table2|table3|code_size",
    log:
        f"{LOGS}/{{table}}.log",
    conda:
        SOFTWARE
    script:
        "../scripts/table.py"


for _table in ["table1", "table2", "table3", "code_size"]:  # targets table1 ... code_size_table

    rule:
        name:
            _table if _table.startswith("table") else f"{_table}_table"
        input:
            f"results/tables/{_table}.csv",
            f"results/tables/{_table}.md",
        localrule: True


rule claims:
    """The claims scoreboard: each of the paper's claims, the numbers that test it, a verdict."""
    input:
        table1="results/tables/table1.csv",
        table3="results/tables/table3.csv",
        code_size="results/tables/code_size.csv",
        conditional="results/tables/conditional.csv",
    output:
        csv=CLAIMS[0],
        markdown=CLAIMS[1],
    log:
        f"{LOGS}/claims.log",
    conda:
        SOFTWARE
    script:
        "../scripts/claims.py"
