#!/usr/bin/env bash
# The default's AAE and ours (config/config.yaml: digits, 16 px, width 16, 16-D code) trained for
# 800 (the default), 1,600 and 3,200 steps on seeds 0-2, each a separate run from scratch, with
# the run's code diagnostics (ten-split two-sample mean) at its end. Two jobs at a time, one
# thread each, longest first. Run from the root of a clean worktree; OUT collects one log line
# and one folder per run.
set -euo pipefail
OUT=${OUT:-/work/runs/default-budget}
PROBE=docs/measurements/code-regulariser-2026-11-26/probe.py
mkdir -p "$OUT"
for steps in 3200 1600 800; do for method in learned_prior aae; do for seed in 0 1 2; do
  echo "$method $steps $seed"
done; done; done | xargs -P 2 -L 1 bash -c '
  d='"$OUT"'/$0-$1-seed$2; mkdir -p $d
  OMP_NUM_THREADS=1 PYTHONPATH=$PWD .venv/bin/python '"$PROBE"' $0 $1 $d seed=$2 > $d/probe.log 2>&1
  tail -1 $d/probe.log >> '"$OUT"'/results.log'
echo done >> "$OUT/results.log"
