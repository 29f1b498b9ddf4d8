# Issue 10's categories target (aim 80 %) at the new D_I rate: both unsupervised models at
# conditional-mnist.yaml's scale (32 px, width 16, 3,000 steps, 100-D code: 10 categories and
# 90-D noise), seed 0, side by side, from a clean worktree of the commit named in the README; the
# 10,000-digit offline MNIST copy. As supervised32.sh, for the unsupervised pair.
export OMP_NUM_THREADS=1 PYTHONPATH=$PWD PATH=$PWD/.venv/bin:$PATH
O=/work/runs/dilr
C="config/cpu.yaml config/datasets/mnist.yaml config/conditional-mnist.yaml"
printf 'data: {root: /work/shared/data/mnist-10k, download: false}\nseeds: [0]\n' > $O/seed0.yaml
T=""
for m in learned_prior_unsupervised aae_unsupervised; do
  R=results/mnist/$m/code100/seed0; T="$T $R/conditional.json $R/diagnostics.json"; done
/usr/bin/time -f "unsupervised32 wall %e s" snakemake --snakefile Snakefile --directory $O/u32 \
  --configfile $C $O/seed0.yaml --cores 2 --quiet -- $T > $O/u32.log 2>&1
tail -1 $O/u32.log
