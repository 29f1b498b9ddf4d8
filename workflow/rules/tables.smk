# Tables: built from score files alone, so they rebuild in seconds.


rule table:
    localrule: True
    input:
        scores=table_scores,
    output:
        csv=report("results/tables/{table}.csv", caption="../report/tables.rst",
                   category="Tables", labels={"table": "{table}"}),
        markdown="results/tables/{table}.md",
    wildcard_constraints:
        table="|".join(table_specs.TABLES),
    log:
        f"{LOGS}/{{table}}.log",
    conda:
        SOFTWARE
    script:
        "../scripts/table.py"


for _table in table_specs.TABLES:  # targets table1 ... code_size_table

    rule:
        name:
            table_specs.target(_table)
        input:
            f"results/tables/{_table}.csv",
            f"results/tables/{_table}.md",
        localrule: True


rule claims:
    """The claims scoreboard: each of the paper's claims, the numbers that test it, a verdict."""
    localrule: True
    input:
        table1="results/tables/table1.csv",
        table2="results/tables/table2.csv",
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
