#!/usr/bin/env bash
# probe.py runs of the default config (config/config.yaml: digits, 16 px, width 16, 16-D code),
# one per method, budget and seed, each from scratch, each printing its code diagnostics
# (ten-split two-sample mean) at its end; JOBS at a time, one thread each. Run from the root of a
# clean worktree; OUT collects one log line (results.log) and one folder per run.
#   bash run.sh                       the AAE and ours at 3,200, 1,600 and 800 steps, seeds 0-2
#   EXTRA=cfg=../docs/measurements/default-budget-2026-12-05/dc-paper-widths STEPS=800 JOBS=1 \
#     OUT=/work/runs/dc-widths bash run.sh          D_C at the paper's widths (probe.py reads the
#                                                   overlay from /work/main)
#   METHODS="learned_prior_supervised aae_supervised learned_prior_unsupervised aae_unsupervised" \
#     STEPS="3200 800" SEEDS=0 OUT=/work/runs/default-budget-conditional bash run.sh
#                                                   the conditional models (then STEPS=6400, and
#                                                   STEPS=6400 SEEDS="1 2")
set -euo pipefail
OUT=${OUT:-/work/runs/default-budget}
METHODS=${METHODS:-"learned_prior aae"}
STEPS=${STEPS:-"3200 1600 800"}
SEEDS=${SEEDS:-"0 1 2"}
JOBS=${JOBS:-2}
EXTRA=${EXTRA:-}
PROBE=docs/measurements/code-regulariser-2026-11-26/probe.py
mkdir -p "$OUT"
for steps in $STEPS; do for method in $METHODS; do for seed in $SEEDS; do
  echo "$method $steps $seed"
done; done; done | xargs -P "$JOBS" -L 1 bash -c '
  d='"$OUT"'/$0-$1-seed$2; mkdir -p $d
  OMP_NUM_THREADS=1 PYTHONPATH=$PWD .venv/bin/python '"$PROBE"' $0 $1 $d seed=$2 '"$EXTRA"' > $d/probe.log 2>&1
  tail -1 $d/probe.log >> '"$OUT"'/results.log'
echo "done $STEPS, seeds $SEEDS" >> "$OUT/results.log"
