# The scoreboard's Figure 13 (and Figure 12) on MNIST: the unsupervised models at mnist-cpu.yaml's
# settings (16 px, 16-D code = 10 categories + 6 noise), at its 1,500 steps and at 6,000, seeds 0
# and 1, through the DAG (conditional.json: categories vs digits; diagnostics.json: the codes).
# One Snakemake directory per budget, two jobs at a time. SEEDS=2 bash unsupervised.sh adds
# seed 2 (seed2.yaml; into b1500-s2, b6000-s2); BUDGETS=12000 SEEDS=0 trains seed 0 for 12,000 steps.
export OMP_NUM_THREADS=1 PYTHONPATH=$PWD PATH=$PWD/.venv/bin:$PATH
O=/work/runs/f13u
M=docs/measurements/figure13-budget-2026-12-03
SEEDS=${SEEDS:-0 1}
sfx=""; seeds=""; [ "$SEEDS" = 2 ] && sfx=-s2 && seeds=$M/seed2.yaml
T=""
for m in learned_prior_unsupervised aae_unsupervised; do for s in $SEEDS; do
  R=results/mnist/$m/code16/seed$s; T="$T $R/conditional.json $R/diagnostics.json"; done; done
for b in ${BUDGETS:-1500 6000}; do
  extra=""; [ $b != 1500 ] && extra=$M/steps$b.yaml
  /usr/bin/time -f "budget $b$sfx wall %e s" snakemake --snakefile Snakefile --directory $O/b$b$sfx \
    --configfile config/mnist-cpu.yaml $M/local.yaml $seeds $extra --cores 2 --quiet -- $T > $O/b$b$sfx.log 2>&1
  tail -1 $O/b$b$sfx.log
done
