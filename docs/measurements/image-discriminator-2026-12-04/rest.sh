# Table 3's two ablation variants and the supervised pair at mnist-cpu.yaml's settings, seeds
# 0-2, with D_I's Adam learning rate times FACTOR (di-lr.patch), through the DAG.
export OMP_NUM_THREADS=1 PYTHONPATH=$PWD PATH=$PWD/.venv/bin:$PATH LPAAE_DI_LR_FACTOR=$1
O=/work/runs/dilr
T=""
for s in 0 1 2; do
  for m in learned_prior_mse learned_prior_perceptual; do
    T="$T results/mnist/$m/code16/seed$s/score.json results/mnist/$m/code16/seed$s/diagnostics.json"; done
  for m in learned_prior_supervised aae_supervised; do
    R=results/mnist/$m/code16/seed$s; T="$T $R/score.json $R/conditional.json $R/diagnostics.json"; done
done
/usr/bin/time -f "rest factor $1 wall %e s" snakemake --snakefile Snakefile --directory $O/r$1 \
  --configfile config/mnist-cpu.yaml /work/runs/di/local3.yaml --cores 2 --quiet -- $T > $O/r$1.log 2>&1
tail -1 $O/r$1.log
