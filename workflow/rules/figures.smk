# Figures: drawn from saved samples, so a figure regenerates in seconds without retraining.


rule fig06:
    input:
        grids=expand(run_dir(seed=CFG.seed) + "/fixed_latent_grid.pt", model=MODEL_NAMES),
    output:
        report("results/figures/fig06.png", caption="../report/fig06.rst",
               category="Figures"),
    log:
        f"{LOGS}/fig06.log",
    params:
        models=MODEL_NAMES,
        dataset=CFG.data.dataset,
        image_size=CFG.data.image_size,
    script:
        "../scripts/fig06.py"
