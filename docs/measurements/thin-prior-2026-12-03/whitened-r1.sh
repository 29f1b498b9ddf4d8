#!/bin/bash
# the probe of README.md section 2: /work/runwtP is a worktree of 05e33ed with whitened-r1.patch applied
# usage: whitened-r1.sh METHOD SEED WHITENED(0|1); run: for s in 0 1; for w in 0 1: learned_prior $s $w
cd /work/runwtP
m=$1; s=$2; w=$3; shift 3
out=/work/runs/wr/$m-s$s-w$w${TAG:-}
mkdir -p $out
PYTHONPATH=/work/runwtP OMP_NUM_THREADS=1 /work/main/.venv/bin/python /work/main/docs/measurements/code-regulariser-2026-11-26/probe.py $m 1500 $out seed=$s cfg=mnist-cpu dataset=fashion-mnist root=/work/shared/data/fashion-mnist opt_code_gradient_penalty_whitened=$([ $w = 1 ] && echo True || echo False) "$@" 2>&1 | grep -v Warn | tail -2
