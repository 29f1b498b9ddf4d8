# Issue 10's categories target (aim 80 %) at the new D_I rate: both unsupervised models at
# conditional-mnist.yaml's scale (32 px, width 16, 3,000 steps, 100-D code: 10 categories and
# 90-D noise), seed 0 unless SEEDS is set, side by side, from a clean worktree of the commit named
# in the README; the 10,000-digit offline MNIST copy. As supervised32.sh, for the unsupervised pair.
# SEEDS="1 2" DIR=u32s12 bash unsupervised32.sh: other seeds, in a DAG directory of their own.
# OVERLAY=file.yaml O=folder: one more config overlay, and the folder the DAG directories go to
# (../unsupervised-categories-2026-12-05/run-continuous.sh uses both).
export OMP_NUM_THREADS=1 PYTHONPATH=$PWD PATH=$PWD/.venv/bin:$PATH
O=${O:-/work/runs/dilr}
C="config/cpu.yaml config/datasets/mnist.yaml config/conditional-mnist.yaml${OVERLAY:+ $OVERLAY}"
mkdir -p $O
SEEDS=${SEEDS:-0} DIR=${DIR:-u32}
printf 'data: {root: /work/shared/data/mnist-10k, download: false}\nseeds: [%s]\n' "${SEEDS// /, }" > $O/$DIR.yaml
T=""
for s in $SEEDS; do for m in learned_prior_unsupervised aae_unsupervised; do
  R=results/mnist/$m/code100/seed$s; T="$T $R/conditional.json $R/diagnostics.json"; done; done
/usr/bin/time -f "unsupervised32 wall %e s" snakemake --snakefile Snakefile --directory $O/$DIR \
  --configfile $C $O/$DIR.yaml --cores 2 --quiet -- $T > $O/$DIR.log 2>&1
tail -1 $O/$DIR.log
