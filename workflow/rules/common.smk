# Shared definitions: the validated configuration and every path the rules use.
import dataclasses

from lpaae import config as lpaae_config
from lpaae.training import run_settings

# Raises lpaae.config.ConfigError naming every bad key, before the DAG is built.
CFG = lpaae_config.from_dict(config)

RUNS = f"results/{CFG.data.dataset}"
LOGS = f"{RUNS}/logs"
MODEL_NAMES = list(CFG.table1["models"])
for _name in MODEL_NAMES:
    CFG.model_options(_name)  # a model a table needs must have its config section

TABLES = ["results/tables/table1.csv", "results/tables/table1.md"]
FIGURES = ["results/figures/fig06.png"]
REPORT = "report/index.html"
CLASSIFIER = f"{RUNS}/classifier/classifier.pt"


wildcard_constraints:
    model="|".join(MODEL_NAMES),
    seed=r"\d+",


def run_dir(model="{model}", seed="{seed}"):
    return f"{RUNS}/{model}/seed{seed}"


def seeded(wildcards):
    """The validated config with the run's seed."""
    return dataclasses.replace(CFG, seed=int(wildcards.seed))


def extractor_inputs(wildcards=None):
    """The classifier checkpoint, when the Inception Score uses the dataset classifier."""
    return [CLASSIFIER] if CFG.evaluation.extractor == "classifier" else []
