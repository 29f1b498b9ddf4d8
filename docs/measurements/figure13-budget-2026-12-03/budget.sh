# Is Figure 13's failure (ours' encoder told apart from CG's codes) a matter of the CPU budget?
# probe.py runs of ours (and the AAE at 100-D) at 1x, 3x and about 6-10x the shipped budgets,
# seeds 0 and 1, two at a time, longest first; one line per run in budget.log.
#   Fashion-MNIST, 16-D (mnist-cpu.yaml's settings): 1,500 (shipped), 4,500, 9,000 steps
#   default digits, 100-D (Figure 9's size): 800 (shipped), 3,200, 8,000 steps
export OMP_NUM_THREADS=1 PYTHONPATH=$PWD PATH=$PWD/.venv/bin:$PATH
P=docs/measurements/code-regulariser-2026-11-26/probe.py
O=/work/runs/f13
F="cfg=mnist-cpu dataset=fashion-mnist root=/work/shared/data/fashion-mnist"
mkdir -p $O
{
for s in 0 1; do echo "learned_prior 9000 $O/fashion-9000-s$s seed=$s $F"; done
for s in 0 1; do echo "learned_prior 8000 $O/d100-8000-s$s seed=$s code=100"; done
for s in 0 1; do echo "aae 8000 $O/d100-aae-8000-s$s seed=$s code=100"; done
for s in 0 1; do echo "learned_prior 4500 $O/fashion-4500-s$s seed=$s $F"; done
for s in 0 1; do echo "learned_prior 3200 $O/d100-3200-s$s seed=$s code=100"; done
for s in 0 1; do echo "learned_prior 1500 $O/fashion-1500-s$s seed=$s $F"; done
for s in 0 1; do echo "learned_prior 800 $O/d100-800-s$s seed=$s code=100"; done
for s in 0 1; do echo "aae 800 $O/d100-aae-800-s$s seed=$s code=100"; done
} | xargs -P 2 -L 1 sh -c 'python '$P' "$@" 2>"$3.err" | tail -n 1' _ >> docs/measurements/figure13-budget-2026-12-03/budget.log
