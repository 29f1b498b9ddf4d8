# Shared definitions: the validated configuration and every path the rules use.
import dataclasses

from lpaae import config as lpaae_config
from lpaae import project_lock
from lpaae import table_specs
from lpaae.runs import check_experiments, run_settings

# Raises lpaae.config.ConfigError naming every bad key, before the DAG is built.
CFG = lpaae_config.from_dict(config)

#: Every rule's software (`snakemake --use-conda`): one environment, since every script imports
#: lpaae, which needs torch, pandas and matplotlib alike. Relative to workflow/rules/.
SOFTWARE = "../envs/lpaae.yaml"

RUNS = f"results/{CFG.data.dataset}"
LOGS = f"{RUNS}/logs"
CLASSIFIER = f"{RUNS}/classifier/classifier.pt"


def prepared(split):
    """The decoded, resized split every job reads (written once by prepare_data)."""
    return f"{RUNS}/data/{split}-{CFG.data.image_size}px.pt"


REAL_SCORE = f"{RUNS}/real/score.json"
#: Pool features of the training images, extracted once for every score's FID, KID, precision/recall.
REFERENCE_FEATURES = f"{RUNS}/real/features-{CFG.evaluation.extractor}.pt"
EXPERIMENTS = CFG.experiments
CODE_SIZE = CFG.network.code_size  # Tables 1-3 and Figures 6-7
SWEEP = EXPERIMENTS["code_size_sweep"]


def run_file(method, code_size, name, seed):
    return f"{RUNS}/{method}/code{code_size}/seed{seed}/{name}"


def run_files(experiment, name, seeds=CFG.seeds):
    """``name`` for every method of ``experiment`` and every seed, at the experiment's code size."""
    size = EXPERIMENTS[experiment].get("code_size", CODE_SIZE)
    return [run_file(m, size, name, s) for m in EXPERIMENTS[experiment]["methods"] for s in seeds]


def sweep_files(experiment, name):
    """``name`` for every method, code size and seed of a sweep over ``code_sizes``."""
    sweep = EXPERIMENTS[experiment]
    return [run_file(m, c, name, s) for m in sweep["methods"] for c in sweep["code_sizes"]
            for s in CFG.seeds]


SWEEP_SCORES = sweep_files("code_size_sweep", "score.json")


def table_scores(wildcards):
    """The score files result table ``wildcards.table`` reads (its entry in
    lpaae/table_specs.py): its experiment's runs, at each code size of a sweep, else at the
    experiment's code size and with the real images' calibration row."""
    spec = table_specs.TABLES[wildcards.table]
    if spec.by_code_size:
        return sweep_files(spec.experiment, "score.json")
    return run_files(spec.experiment, "score.json") + [REAL_SCORE]


# Every method an artifact needs must resolve to a configured model with valid options, and
# Table 3 must have every row of the paper's ablation: checked here, before any job runs.
ALL_METHODS = sorted({m for e in EXPERIMENTS.values() for m in e["methods"]})
check_experiments(CFG)
table_specs.check(EXPERIMENTS)

# One executing run per project folder (Snakemake's own locks do not ensure it: see
# lpaae/project_lock.py). Dry runs and cluster jobs skip onstart.
onstart:
    project_lock.hold()


# all_tables: the paper's Tables 1-3 and the code-size sweep, one entry each in
# lpaae/table_specs.py. The conditional settings' table (Section III.B, numbers the paper does
# not give) is built by `all` and `conditional_table`.
TABLE_FILES = [f"results/tables/{t}.{ext}" for t in table_specs.TABLES
               for ext in ["csv", "md"]]
CONDITIONAL_TABLE = ["results/tables/conditional.csv", "results/tables/conditional.md"]
#: The claims scoreboard (lpaae/claims.py), built from the tables above; the report opens with it.
CLAIMS = ["results/tables/claims.csv", "results/tables/claims.md"]
#: Experiments with a figure of their runs' training curves (the sweep's runs are Table 1's
#: methods at other code sizes).
CURVES = [e for e in EXPERIMENTS if e != "code_size_sweep"]
REPORT = "report/index.html"


wildcard_constraints:
    method="|".join(ALL_METHODS),
    code=r"\d+",
    seed=r"\d+",


def run_path(name):
    """The file ``name`` of the run the rule's wildcards name (method, code size, seed)."""
    return f"{RUNS}/{{method}}/code{{code}}/seed{{seed}}/{name}"


def seeded(wildcards):
    """The validated config with the run's seed."""
    return dataclasses.replace(CFG, seed=int(wildcards.seed))


CONDITIONAL_METHODS = [*EXPERIMENTS["supervised"]["methods"], *EXPERIMENTS["unsupervised"]["methods"]]
#: Figures 10-13: figure -> (the conditional setting it shows, its title). Figures 10 and 12 are
#: sample grids (rule conditional_grid_figure), 11 and 13 t-SNE maps of codes (rule tsne_figure).
CONDITIONAL_FIGURES = {
    "fig10": ("supervised", "Figure 10: supervised conditional priors, ours vs AAE"),
    "fig11": ("supervised", "Figure 11: the supervised prior's codes, coloured by label s"),
    "fig12": ("unsupervised", "Figure 12: unsupervised conditional priors, ours vs AAE"),
    "fig13": ("unsupervised", "Figure 13: encoder codes (by true class) and CG codes (by s), "
              "unsupervised"),
}


#: Sample grids of an experiment's runs, drawn by sample_figure (one entry adds a figure):
FIGURE_SOURCES = {  # figure -> (experiment, title, the paper's dataset it stands in for)
    "fig06": ("table1", "Figure 6: samples of AAE, VAE, VampPrior and ours", "CIFAR-10"),
    "fig07": ("table2", "Figure 7: GANs with our decoder and D_I, and ours (BEGAN not trained)",
              "CIFAR-10"),
    "fig08": ("fig08", "Figure 8: ours vs AAE at a small code", "MNIST / CIFAR-10"),
    "fig09": ("fig09", "Figure 9: ours vs AAE (re-parameterised) at a large code",
              "MNIST / CIFAR-10"),
}

#: Every figure `all` and the report show: the two tables above, the code-size plot and the
#: training curves.
FIGURES = [f"results/figures/{f}.png" for f in [*FIGURE_SOURCES, *CONDITIONAL_FIGURES, "code_size",
                                                *[f"curves_{e}" for e in CURVES]]]


def conditional_files(setting, name):
    """``name`` of each run of a conditional setting, first seed only (the figures show one run)."""
    return run_files(setting, name, seeds=CFG.seeds[:1])


def extractor_inputs(wildcards=None):
    """The classifier checkpoint, when the Inception Score uses the dataset classifier."""
    return [CLASSIFIER] if CFG.evaluation.extractor == "classifier" else []
