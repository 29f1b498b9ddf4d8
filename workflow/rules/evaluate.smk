# Sampling and scoring: the Inception Score, FID, KID and precision/recall (torch-fidelity).


rule sample:
    input:
        run_path("model.pt"),
    output:
        samples=run_path("samples.pt"),
        grid=run_path("fixed_latent_grid.pt"),
    benchmark:
        f"{RUNS}/benchmarks/sample/{{method}}_code{{code}}_seed{{seed}}.tsv"
    log:
        f"{LOGS}/sample_{{method}}_code{{code}}_seed{{seed}}.log",
    params:
        samples=CFG.evaluation.samples,
        grid_images=CFG.figures.grid_rows ** 2,
        latent_seed=CFG.figures.latent_seed,
    threads: CFG.threads
    resources:
        mem_mb=2000,
        runtime=60,
    conda:
        SOFTWARE
    script:
        "../scripts/sample.py"


rule reference_features:
    input:
        train=prepared("train"),
        extractor=extractor_inputs,
    output:
        REFERENCE_FEATURES,
    benchmark:
        f"{RUNS}/benchmarks/reference_features.tsv"
    log:
        f"{LOGS}/reference_features.log",
    params:
        evaluation=dataclasses.asdict(CFG.evaluation),
    threads: CFG.threads
    resources:
        mem_mb=4000,
        runtime=60,
    conda:
        SOFTWARE
    script:
        "../scripts/reference_features.py"


rule score:
    input:
        samples=run_path("samples.pt"),
        extractor=extractor_inputs,
        reference=REFERENCE_FEATURES,
    output:
        run_path("score.json"),
    benchmark:
        f"{RUNS}/benchmarks/score/{{method}}_code{{code}}_seed{{seed}}.tsv"
    log:
        f"{LOGS}/score_{{method}}_code{{code}}_seed{{seed}}.log",
    params:
        evaluation=dataclasses.asdict(CFG.evaluation),
    threads: CFG.threads
    resources:
        mem_mb=4000,
        runtime=60,
    conda:
        SOFTWARE
    script:
        "../scripts/score.py"


rule score_real:
    input:
        # Held-out images, topped up from the training split to the models' split size.
        test=prepared("test"),
        train=prepared("train"),
        extractor=extractor_inputs,
        reference=REFERENCE_FEATURES,
    output:
        REAL_SCORE,
    benchmark:
        f"{RUNS}/benchmarks/score_real.tsv"
    log:
        f"{LOGS}/score_real.log",
    params:
        evaluation=dataclasses.asdict(CFG.evaluation),
        data=dataclasses.asdict(CFG.data),
    threads: CFG.threads
    resources:
        mem_mb=4000,
        runtime=60,
    conda:
        SOFTWARE
    script:
        "../scripts/score.py"
