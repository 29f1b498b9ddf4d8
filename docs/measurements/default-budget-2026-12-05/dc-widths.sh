#!/usr/bin/env bash
# The default's AAE and ours at 800 steps, seeds 0-2, with D_C at the paper's widths
# (dc-paper-widths.yaml: [1000, 500, 200] instead of [256, 128, 64]). One job at a time, one
# thread. Run from the root of a clean worktree; probe.py reads the overlay from /work/main.
set -euo pipefail
OUT=${OUT:-/work/runs/dc-widths}
PROBE=docs/measurements/code-regulariser-2026-11-26/probe.py
mkdir -p "$OUT"
for m in learned_prior aae; do for s in 0 1 2; do
  d=$OUT/$m-800-seed$s; mkdir -p $d
  OMP_NUM_THREADS=1 PYTHONPATH=$PWD .venv/bin/python $PROBE $m 800 $d seed=$s \
    cfg=../docs/measurements/default-budget-2026-12-05/dc-paper-widths > $d/probe.log 2>&1
  tail -1 $d/probe.log >> $OUT/results.log
done; done
