# Section III.B: conditional priors (supervised, unsupervised): metrics, codes, t-SNE, Figures
# 10-13 and the table of numbers the paper only shows as pictures.



rule conditional_eval:
    input:
        model=run_path("model.pt"),
        test=prepared("test"),
        extractor=extractor_inputs,
    output:
        metrics=run_path("conditional.json"),
        codes=run_path("codes.pt"),
        grid=run_path("conditional_grid.pt"),
    wildcard_constraints:
        method="|".join(CONDITIONAL_METHODS),
    benchmark:
        f"{RUNS}/benchmarks/conditional_eval/{{method}}_code{{code}}_seed{{seed}}.tsv"
    log:
        f"{LOGS}/conditional_{{method}}_code{{code}}_seed{{seed}}.log",
    params:
        points=CFG.figures.tsne_points,
    threads: CFG.threads
    resources:
        mem_mb=4000,
        runtime=60,
    conda:
        SOFTWARE
    script:
        "../scripts/conditional_eval.py"


rule tsne:
    input:
        run_path("codes.pt"),
    output:
        run_path("tsne.pt"),
    benchmark:
        f"{RUNS}/benchmarks/tsne/{{method}}_code{{code}}_seed{{seed}}.tsv"
    log:
        f"{LOGS}/tsne_{{method}}_code{{code}}_seed{{seed}}.log",
    threads: CFG.threads
    resources:
        mem_mb=4000,
        runtime=60,
    conda:
        SOFTWARE
    script:
        "../scripts/tsne.py"


rule conditional_grid_figure:
    localrule: True
    input:
        lambda w: conditional_files(CONDITIONAL_FIGURES[w.figure][0], "conditional_grid.pt"),
    output:
        report("results/figures/{figure}.png", caption="../report/figures.rst",
               category="Figures", labels={"figure": "{figure}"}),
    wildcard_constraints:
        figure="fig10|fig12",
    log:
        f"{LOGS}/{{figure}}.log",
    params:
        title=lambda w: CONDITIONAL_FIGURES[w.figure][1],
        dataset=CFG.data.dataset,
    conda:
        SOFTWARE
    script:
        "../scripts/conditional_grid_figure.py"


rule tsne_figure:
    localrule: True
    input:
        tsne=lambda w: conditional_files(CONDITIONAL_FIGURES[w.figure][0], "tsne.pt"),
        codes=lambda w: conditional_files(CONDITIONAL_FIGURES[w.figure][0], "codes.pt"),
        metrics=lambda w: conditional_files(CONDITIONAL_FIGURES[w.figure][0], "conditional.json"),
    output:
        report("results/figures/{figure}.png", caption="../report/figures.rst",
               category="Figures", labels={"figure": "{figure}"}),
    wildcard_constraints:
        figure="fig11|fig13",
    log:
        f"{LOGS}/{{figure}}.log",
    params:
        title=lambda w: CONDITIONAL_FIGURES[w.figure][1],
        joint=lambda w: w.figure == "fig13",
    conda:
        SOFTWARE
    script:
        "../scripts/tsne_figure.py"


rule conditional_table:
    localrule: True
    input:
        metrics=[*run_files("supervised", "conditional.json"),
                 *run_files("unsupervised", "conditional.json")],
        scores=[*run_files("supervised", "score.json"), *run_files("unsupervised", "score.json")],
    output:
        csv=report("results/tables/conditional.csv", caption="../report/tables.rst",
                   category="Tables", labels={"table": "conditional"}),
        markdown="results/tables/conditional.md",
    log:
        f"{LOGS}/conditional_table.log",
    conda:
        SOFTWARE
    script:
        "../scripts/conditional_table.py"


for _figure in ["fig10", "fig11", "fig12", "fig13"]:

    rule:
        name:
            _figure
        input:
            f"results/figures/{_figure}.png",
        localrule: True
