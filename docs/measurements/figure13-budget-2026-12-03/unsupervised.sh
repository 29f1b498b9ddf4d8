# The scoreboard's Figure 13 (and Figure 12) on MNIST: the unsupervised models at mnist-cpu.yaml's
# settings (16 px, 16-D code = 10 categories + 6 noise), at its 1,500 steps and at 6,000, seeds 0
# and 1, through the DAG (conditional.json: categories vs digits; diagnostics.json: the codes).
# One Snakemake directory per budget, two jobs at a time.
export OMP_NUM_THREADS=1 PYTHONPATH=$PWD PATH=$PWD/.venv/bin:$PATH
O=/work/runs/f13u
M=docs/measurements/figure13-budget-2026-12-03
T=""
for m in learned_prior_unsupervised aae_unsupervised; do for s in 0 1; do
  R=results/mnist/$m/code16/seed$s; T="$T $R/conditional.json $R/diagnostics.json"; done; done
for b in 1500 6000; do
  extra=""; [ $b = 6000 ] && extra=$M/steps6000.yaml
  /usr/bin/time -f "budget $b wall %e s" snakemake --snakefile Snakefile --directory $O/b$b \
    --configfile config/mnist-cpu.yaml $M/local.yaml $extra --cores 2 --quiet -- $T > $O/b$b.log 2>&1
  tail -1 $O/b$b.log
done
