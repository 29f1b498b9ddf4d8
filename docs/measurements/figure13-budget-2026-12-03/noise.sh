# Is ours' 100-D failure CG's rank? With noise_size 16 CG's hidden layer has 32 units, so its
# 100-D codes lie in a 32-D affine subspace (principal.log). noise_size 50 gives a 100-unit hidden
# layer, a full-rank prior. probe.py runs of ours on the default digits at 100-D, the budgets of
# budget.sh, seeds 0 and 1, two at a time, longest first; one line per run in noise.log.
export OMP_NUM_THREADS=1 PYTHONPATH=$PWD PATH=$PWD/.venv/bin:$PATH
P=docs/measurements/code-regulariser-2026-11-26/probe.py
O=/work/runs/f13
mkdir -p $O
{
for s in 0 1; do echo "learned_prior 8000 $O/d100-n50-8000-s$s seed=$s code=100 noise=50"; done
for s in 0 1; do echo "learned_prior 3200 $O/d100-n50-3200-s$s seed=$s code=100 noise=50"; done
for s in 0 1; do echo "learned_prior 800 $O/d100-n50-800-s$s seed=$s code=100 noise=50"; done
} | xargs -P 2 -L 1 sh -c 'python '$P' "$@" 2>"$3.err" | tail -n 1' _ >> docs/measurements/figure13-budget-2026-12-03/noise.log
