# at 6561f41: the default code_spread_weight 0.1 for ours, 16-D (the head drawn from a fork since 01ae2f5);
# seeds 0 and 1 side by side, then seed 2
cd /work/main
P=".venv/bin/python docs/measurements/code-regulariser-2026-11-26/probe.py"
for s in 0 1 2; do $P learned_prior 800 /work/runs/ch/w01_lp16_s$s seed=$s 2>/dev/null | tail -1; done
