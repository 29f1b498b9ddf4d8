# The models without D_I (AAE, VAE, VampPrior) and WGAN-GP (its own rates), untouched by the
# change, on the same machine and seeds (mnist-cpu.yaml, 1,500 steps, seeds 0-2), from a clean
# worktree of 9ad33e5: with t4/ and r4/ they make Tables 1-3 on MNIST at the new default.
export OMP_NUM_THREADS=1 PYTHONPATH=$PWD PATH=$PWD/.venv/bin:$PATH
O=/work/runs/dilr
T=""
for m in aae vae vampprior wgan_gp; do for s in 0 1 2; do T="$T results/mnist/$m/code16/seed$s/score.json"; done; done
/usr/bin/time -f "others wall %e s" snakemake --snakefile Snakefile --directory $O/o \
  --configfile config/mnist-cpu.yaml /work/runs/di/local3.yaml --cores 2 --quiet -- $T > $O/o.log 2>&1
tail -1 $O/o.log
