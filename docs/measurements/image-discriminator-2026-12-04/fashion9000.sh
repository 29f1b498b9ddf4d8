# Fashion-MNIST at 16-D, ours at 9,000 steps (six times the shipped 1,500) with D_I at 8e-4: does
# ours meet the two-sample target at the new rate, as it did at 2e-4 (0.675, 0.680,
# ../figure13-budget-2026-12-03/budget.sh), and does D_I stay balanced that long? Seeds 0 and 1,
# side by side, one thread each; one line per run in fashion9000.log, the losses.csv beside it.
# Run from a checkout root: bash docs/measurements/image-discriminator-2026-12-04/fashion9000.sh
export OMP_NUM_THREADS=1 PYTHONPATH=$PWD PATH=$PWD/.venv/bin:$PATH
P=docs/measurements/code-regulariser-2026-11-26/probe.py
D=docs/measurements/image-discriminator-2026-12-04
O=/work/runs/f9000
F="cfg=mnist-cpu dataset=fashion-mnist root=/work/shared/data/fashion-mnist"
mkdir -p $O $D/runs
echo "# at $(git rev-parse --short HEAD)" >> $D/fashion9000.log
for s in 0 1; do echo "learned_prior 9000 $O/fashion-9000-s$s seed=$s $F"; done |
    xargs -P 2 -L 1 sh -c 'python '$P' "$@" 2>"$3.err" | tail -n 1' _ >> $D/fashion9000.log
for s in 0 1; do cp $O/fashion-9000-s$s/losses.csv $D/runs/fashion-9000-s$s-losses.csv; done
