# Figures: drawn from saved samples, so a figure regenerates in seconds without retraining.

rule sample_figure:
    localrule: True
    input:
        # Figures show the first seed's runs.
        grids=lambda w: run_files(FIGURE_SOURCES[w.figure][0], "fixed_latent_grid.pt",
                                  seeds=CFG.seeds[:1]),
    output:
        report("results/figures/{figure}.png", caption="../report/figures.rst",
               category="Figures", labels={"figure": "{figure}"}),
    wildcard_constraints:
        figure="|".join(FIGURE_SOURCES),
    log:
        f"{LOGS}/{{figure}}.log",
    params:
        title=lambda w: FIGURE_SOURCES[w.figure][1],
        stand_in_for=lambda w: FIGURE_SOURCES[w.figure][2],
        dataset=CFG.data.dataset,
        image_size=CFG.data.image_size,
    conda:
        SOFTWARE
    script:
        "../scripts/sample_figure.py"


rule code_size_figure:
    localrule: True
    input:
        "results/tables/code_size.csv",
    output:
        report("results/figures/code_size.png", caption="../report/figures.rst",
               category="Figures", labels={"figure": "code_size"}),
    log:
        f"{LOGS}/code_size_figure.log",
    conda:
        SOFTWARE
    script:
        "../scripts/code_size_figure.py"


for _figure in FIGURE_SOURCES:  # targets fig06 ... fig09; code_size_figure is its own rule

    rule:
        name:
            _figure
        input:
            f"results/figures/{_figure}.png",
        localrule: True


rule training_curves_figure:
    localrule: True
    input:
        # The first seed's runs of one experiment (one column each).
        lambda w: run_files(w.experiment, "losses.csv", seeds=CFG.seeds[:1]),
    output:
        report("results/figures/curves_{experiment}.png", caption="../report/figures.rst",
               category="Training curves", labels={"experiment": "{experiment}"}),
    wildcard_constraints:
        experiment="|".join(CURVES),
    log:
        f"{LOGS}/curves_{{experiment}}.log",
    params:
        title=lambda w: (f"Training curves of {w.experiment} (seed {CFG.seeds[0]}): losses, and "
                         "whether D_C can tell encoder codes from prior codes"),
    conda:
        SOFTWARE
    script:
        "../scripts/training_curves_figure.py"
