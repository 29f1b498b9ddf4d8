# Both unsupervised models at conditional-mnist.yaml's scale (32 px, width 16, 3,000 steps, 100-D
# code: 10 categories and 90-D noise) with InfoGAN's continuous codes: Q also reads back the
# first two noise dimensions (continuous-codes.patch, applied to a clean worktree of the commit
# named in the README; continuous-codes.yaml switches it on for both). Seeds from SEEDS (default
# 0), in a DAG directory of their own; the 10,000-digit offline MNIST copy.
#   git worktree add /work/runwt2 <commit> && cd /work/runwt2 && git apply $M/continuous-codes.patch
#   SEEDS="0" DIR=cs0 bash $M/run-continuous.sh      (from /work/runwt2)
#   OVERLAY=continuous-codes-0.1.yaml SEEDS=0 DIR=cw0 bash $M/run-continuous.sh   (weight 0.1)
export OMP_NUM_THREADS=1 PYTHONPATH=$PWD PATH=$PWD/.venv/bin:$PATH
M=/work/main/docs/measurements/unsupervised-categories-2026-12-05
O=/work/runs/cont
SEEDS=${SEEDS:-0} DIR=${DIR:-cs0} OVERLAY=${OVERLAY:-continuous-codes.yaml}
C="config/cpu.yaml config/datasets/mnist.yaml config/conditional-mnist.yaml $M/$OVERLAY"
printf 'data: {root: /work/shared/data/mnist-10k, download: false}\nseeds: [%s]\n' "${SEEDS// /, }" > $O/$DIR.yaml
T=""
for s in $SEEDS; do for m in learned_prior_unsupervised aae_unsupervised; do
  R=results/mnist/$m/code100/seed$s; T="$T $R/conditional.json $R/diagnostics.json"; done; done
/usr/bin/time -f "continuous wall %e s" snakemake --snakefile Snakefile --directory $O/$DIR \
  --configfile $C $O/$DIR.yaml --cores 2 --quiet -- $T > $O/$DIR.log 2>&1
tail -1 $O/$DIR.log
