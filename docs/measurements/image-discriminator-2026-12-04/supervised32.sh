# Issue 10's label target at the new D_I rate: both supervised models at conditional-mnist.yaml's
# scale (32 px, width 16, 3,000 steps, 64-D code), seed 0, side by side, from a clean worktree of
# the commit named in the README; the 10,000-digit offline MNIST copy (local3.yaml's data root).
export OMP_NUM_THREADS=1 PYTHONPATH=$PWD PATH=$PWD/.venv/bin:$PATH
O=/work/runs/dilr
C="config/cpu.yaml config/datasets/mnist.yaml config/conditional-mnist.yaml"
printf 'data: {root: /work/shared/data/mnist-10k, download: false}\nseeds: [0]\n' > $O/seed0.yaml
T=""
for m in learned_prior_supervised aae_supervised; do
  R=results/mnist/$m/code64/seed0; T="$T $R/conditional.json $R/diagnostics.json"; done
/usr/bin/time -f "supervised32 wall %e s" snakemake --snakefile Snakefile --directory $O/c32 \
  --configfile $C $O/seed0.yaml --cores 2 --quiet -- $T > $O/c32.log 2>&1
tail -1 $O/c32.log
