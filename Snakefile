# Reproduction suite for "Learning priors for adversarial autoencoders" (Wang, Peng, Ko, 2020).
#
#   snakemake --cores 2 all_tables     Tables 1-3 and the code-size table (results/tables/)
#   snakemake --cores 2 all            every table and figure, and the HTML report
#
# The configuration is validated against workflow/schemas/config.schema.yaml before any job runs.

from snakemake.utils import min_version

min_version("9.0")

# The default configuration, always loaded first (found beside this Snakefile, also when
# --directory points elsewhere); --configfile overlays such as config/cpu.yaml and
# config/paper.yaml are merged on top, key by key.
configfile: os.path.join(workflow.basedir, "config/config.yaml")


include: "workflow/rules/common.smk"
include: "workflow/rules/train.smk"
include: "workflow/rules/evaluate.smk"
include: "workflow/rules/tables.smk"
include: "workflow/rules/figures.smk"
include: "workflow/rules/conditional.smk"
include: "workflow/rules/report.smk"


# Cheap rules (tables, figures, the report, targets) say `localrule: True`: they run where
# Snakemake runs, never as cluster jobs.


rule all_tables:
    localrule: True
    input:
        TABLE_FILES,


rule all_figures:
    localrule: True
    input:
        FIGURES,


rule all:
    localrule: True
    input:
        CLAIMS,
        TABLE_FILES,
        CONDITIONAL_TABLE,
        FIGURES,
        REPORT,
    default_target: True
