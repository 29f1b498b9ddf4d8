# At 6c3aff1, from a clean worktree of it: ours on MNIST (mnist-cpu.yaml, 1,500 steps, 16-D,
# the 10,000-digit copy), code_generator_code_weight 0 and 1, seeds 0-2 (one process at a time).
cd /work/runwtM
export OMP_NUM_THREADS=1 PYTHONPATH=$PWD PATH=$PWD/.venv/bin:$PATH
P="python docs/measurements/code-regulariser-2026-11-26/probe.py"
O=/work/runs/cgc
for s in 0 1 2; do for w in 0 1; do
  $P learned_prior 1500 $O/mnist_w${w}_s$s seed=$s cfg=mnist-cpu dataset=mnist root=/work/shared/data/mnist-10k opt_code_generator_code_weight=$w 2>/dev/null | tail -1
done; done
# (Seeds 1 and 2 were then run side by side, one process per seed, the same commands; the logs'
# times for seed 0 at weight 0 include the test suite sharing the cores.)
