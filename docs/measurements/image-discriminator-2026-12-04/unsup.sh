# Unsupervised pair at mnist-cpu.yaml's settings (16 px, 16-D code = 10 categories + 6 noise,
# 1,500 steps), seeds 0-2, with D_I's Adam learning rate times FACTOR (di-lr.patch), through the DAG.
export OMP_NUM_THREADS=1 PYTHONPATH=$PWD PATH=$PWD/.venv/bin:$PATH LPAAE_DI_LR_FACTOR=$1
O=/work/runs/dilr
T=""
for m in learned_prior_unsupervised aae_unsupervised; do for s in 0 1 2; do
  R=results/mnist/$m/code16/seed$s; T="$T $R/conditional.json $R/diagnostics.json"; done; done
/usr/bin/time -f "factor $1 wall %e s" snakemake --snakefile Snakefile --directory $O/f$1 \
  --configfile config/mnist-cpu.yaml /work/runs/di/local3.yaml --cores 2 --quiet -- $T > $O/f$1.log 2>&1
tail -1 $O/f$1.log
