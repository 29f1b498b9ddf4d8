#!/usr/bin/env bash
# The default's conditional models (config/config.yaml's supervised and unsupervised variants,
# 16-D code) at STEPS steps (800 and 3,200 unless given; then STEPS=6400) and SEEDS (0 unless
# given): are their codes' misses the budget's too? Run from the root of a clean worktree.
set -euo pipefail
OUT=${OUT:-/work/runs/default-budget-conditional}
PROBE=docs/measurements/code-regulariser-2026-11-26/probe.py
STEPS=${STEPS:-"3200 800"}
SEEDS=${SEEDS:-0}
mkdir -p "$OUT"
for seed in $SEEDS; do for steps in $STEPS; do
  for method in learned_prior_supervised aae_supervised learned_prior_unsupervised aae_unsupervised; do
    echo "$method $steps $seed"
done; done; done | xargs -P 2 -L 1 bash -c '
  d='"$OUT"'/$0-$1-seed$2; mkdir -p $d
  OMP_NUM_THREADS=1 PYTHONPATH=$PWD .venv/bin/python '"$PROBE"' $0 $1 $d seed=$2 > $d/probe.log 2>&1
  tail -1 $d/probe.log >> '"$OUT"'/results.log'
echo "done $STEPS, seeds $SEEDS" >> "$OUT/results.log"
