cd /work/main
P=".venv/bin/python docs/measurements/code-regulariser-2026-11-26/probe.py"
O="opt_code_spread_weight=0.3"
echo "# at $(git rev-parse --short HEAD): code_spread_weight 0.3 (default 0.1), the lpaae head"
echo "#   \$P aae 2000 /work/runs/ch/w03_aae100 seed=0 code=100 $O; for s in 0 1 2: \$P aae 800 /work/runs/ch/w03_aae16_s\$s seed=\$s $O; \$P learned_prior 800 /work/runs/ch/w03_lp16_s\$s seed=\$s $O"
$P aae 2000 /work/runs/ch/w03_aae100 seed=0 code=100 $O 2>/dev/null | tail -1
for s in 0 1 2; do $P aae 800 /work/runs/ch/w03_aae16_s$s seed=$s $O 2>/dev/null | tail -1; done
for s in 0 1 2; do $P learned_prior 800 /work/runs/ch/w03_lp16_s$s seed=$s $O 2>/dev/null | tail -1; done
