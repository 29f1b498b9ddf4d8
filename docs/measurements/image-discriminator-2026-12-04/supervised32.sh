# Issue 10's label target at the new D_I rate: both supervised models at conditional-mnist.yaml's
# scale (32 px, width 16, 3,000 steps, 64-D code), seed 0 unless SEEDS is set, side by side, from a clean worktree of
# the commit named in the README; the 10,000-digit offline MNIST copy (local3.yaml's data root).
# SEEDS="1 2" DIR=c32s12 bash supervised32.sh: other seeds, in a DAG directory of their own.
# OVERLAY=file.yaml O=folder METHODS=aae_supervised: one more config overlay, the folder the DAG
# directories go to, and the models (../remaining-remedies-2026-12-06/ uses all three).
export OMP_NUM_THREADS=1 PYTHONPATH=$PWD PATH=$PWD/.venv/bin:$PATH
O=${O:-/work/runs/dilr}
C="config/cpu.yaml config/datasets/mnist.yaml config/conditional-mnist.yaml${OVERLAY:+ $OVERLAY}"
METHODS=${METHODS:-"learned_prior_supervised aae_supervised"}
mkdir -p $O
SEEDS=${SEEDS:-0} DIR=${DIR:-c32}
printf 'data: {root: /work/shared/data/mnist-10k, download: false}\nseeds: [%s]\n' "${SEEDS// /, }" > $O/$DIR.yaml
T=""
for s in $SEEDS; do for m in $METHODS; do
  R=results/mnist/$m/code64/seed$s; T="$T $R/conditional.json $R/diagnostics.json"; done; done
/usr/bin/time -f "supervised32 wall %e s" snakemake --snakefile Snakefile --directory $O/$DIR \
  --configfile $C $O/$DIR.yaml --cores 2 --quiet -- $T > $O/$DIR.log 2>&1
tail -1 $O/$DIR.log
