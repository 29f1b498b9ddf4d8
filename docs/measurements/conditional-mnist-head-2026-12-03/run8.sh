# From a clean worktree of 8db4cef (b51a478 added information_trains_image_discriminator): both
# unsupervised models with it on, seed 0 (the same seed-0 runs without it: runs/w0-* in
# docs/measurements/conditional-mnist-head-2026-12-03).
export OMP_NUM_THREADS=1 PYTHONPATH=$PWD PATH=$PWD/.venv/bin:$PATH
O=/work/runs/ib
C="config/cpu.yaml config/datasets/mnist.yaml config/conditional-mnist.yaml"
T=""
for m in learned_prior_unsupervised aae_unsupervised; do for f in conditional diagnostics score; do
  T="$T results/mnist/$m/code100/seed0/$f.json"; done; done
/usr/bin/time -f "infogan wall %e s" snakemake --snakefile Snakefile --directory $O/ib \
    --configfile $C $O/infogan.yaml --cores 2 --quiet -- $T > $O/ib.log 2>&1
