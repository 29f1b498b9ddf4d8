# Both unsupervised models at conditional-mnist.yaml's scale (32 px, width 16, 3,000 steps, 100-D
# code: 10 categories and 90-D noise) with InfoGAN's continuous codes: Q also reads back the
# first two noise dimensions (continuous-codes.patch, applied to a worktree of the commit named
# in the README; continuous-codes.yaml switches it on for both, continuous-codes-0.1.yaml with
# the continuous term weighted 0.1). Seeds from SEEDS (default 0), in a DAG directory of their
# own under /work/runs/cont; ../image-discriminator-2026-12-04/unsupervised32.sh does the rest.
#   git worktree add /work/runwt2 <commit> && cd /work/runwt2 && git apply $M/continuous-codes.patch
#   SEEDS=0 DIR=cs0 bash $M/run-continuous.sh                              (from /work/runwt2)
#   OVERLAY=continuous-codes-0.1.yaml SEEDS=0 DIR=cw0 bash $M/run-continuous.sh   (weight 0.1)
M=/work/main/docs/measurements/unsupervised-categories-2026-12-05
O=/work/runs/cont OVERLAY=$M/${OVERLAY:-continuous-codes.yaml} SEEDS=${SEEDS:-0} DIR=${DIR:-cs0} \
  bash $M/../image-discriminator-2026-12-04/unsupervised32.sh
