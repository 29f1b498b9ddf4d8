# Data preparation and training: the dataset classifier (for the classifier Inception Score)
# and every model.


rule prepare_data:
    output:
        f"{RUNS}/data/{{split}}-{CFG.data.image_size}px.pt",
    wildcard_constraints:
        split="train|test",
    benchmark:
        f"{RUNS}/benchmarks/prepare_data/{{split}}.tsv"
    log:
        f"{LOGS}/prepare_data_{{split}}.log",
    params:
        data=dataclasses.asdict(CFG.data),
    resources:
        mem_mb=4000,
        runtime=60,
    conda:
        SOFTWARE
    script:
        "../scripts/prepare_data.py"


rule train_classifier:
    input:
        train=prepared("train"),
        test=prepared("test"),
    output:
        CLASSIFIER,
    benchmark:
        f"{RUNS}/benchmarks/train_classifier.tsv"
    log:
        f"{LOGS}/train_classifier.log",
    params:
        settings=lambda w: {"classifier": dataclasses.asdict(CFG.classifier),
                            "data": dataclasses.asdict(CFG.data), "seed": CFG.seed},
    threads: CFG.threads
    resources:
        mem_mb=2000,
        runtime=60,
    conda:
        SOFTWARE
    script:
        "../scripts/train_classifier.py"


rule train:
    input:
        train=prepared("train"),
        # Held-out images for the code diagnostics (never trained on).
        heldout=prepared("test"),
    output:
        model=run_path("model.pt"),
        losses=run_path("losses.csv"),
        diagnostics=run_path("diagnostics.json"),
    benchmark:
        f"{RUNS}/benchmarks/train/{{method}}_code{{code}}_seed{{seed}}.tsv"
    log:
        f"{LOGS}/train_{{method}}_code{{code}}_seed{{seed}}.log",
    params:
        # Part of the job's identity: changing any of it reruns the training.
        settings=lambda w: run_settings(seeded(w), w.method, int(w.code)),
    threads: CFG.threads
    resources:
        mem_mb=2000,
        runtime=24 * 60,
    conda:
        SOFTWARE
    script:
        "../scripts/train.py"
