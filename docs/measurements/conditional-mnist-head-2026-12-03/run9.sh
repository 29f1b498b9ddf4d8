# From a clean worktree of 26c752d (models as at 8db4cef): ours unsupervised with
# information_trains_image_discriminator, seed 1 (no IS/FID, for time), alone on the cores.
export OMP_NUM_THREADS=1 PYTHONPATH=$PWD PATH=$PWD/.venv/bin:$PATH
O=/work/runs/ib
C="config/cpu.yaml config/datasets/mnist.yaml config/conditional-mnist.yaml"
T="results/mnist/learned_prior_unsupervised/code100/seed1/conditional.json results/mnist/learned_prior_unsupervised/code100/seed1/diagnostics.json"
/usr/bin/time -f "infogan seed1 wall %e s" snakemake --snakefile Snakefile --directory $O/ib1 \
    --configfile $C $O/infogan1.yaml --cores 2 --quiet -- $T > $O/ib1.log 2>&1
