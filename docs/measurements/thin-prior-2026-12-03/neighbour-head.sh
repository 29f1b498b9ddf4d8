# prototype: D_C's spread head also reads the batch's neighbour statistic (LPAAE_NEIGHBOUR=1),
# worktree /work/runwtP = 05e33ed + the prototype patch; default digits, 800 steps
cd /work/runwtP
P="/work/main/.venv/bin/python /work/main/docs/measurements/code-regulariser-2026-11-26/probe.py"
export PYTHONPATH=/work/runwtP LPAAE_NEIGHBOUR=1 OMP_NUM_THREADS=1
for s in 0 1 2; do for m in aae learned_prior; do $P $m 800 /work/runs/nb/${m}_s$s seed=$s 2>/dev/null | tail -1; done; done
