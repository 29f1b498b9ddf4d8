# Ours, unsupervised, MNIST (config/conditional-mnist.yaml, 100-D, 3,000 steps, seed 0), with
# code_generator_code_weight 0 (Algorithm 1) and 1, side by side, one core each; from a clean
# worktree of the commit named in the README.
export OMP_NUM_THREADS=1 PYTHONPATH=$PWD PATH=$PWD/.venv/bin:$PATH
O=/work/runs/cgu
T=results/mnist/learned_prior_unsupervised/code100/seed0
for w in 0 1; do
  extra=""; [ $w = 1 ] && extra=$O/weight1.yaml
  ( /usr/bin/time -f "w$w wall %e s" snakemake --snakefile Snakefile --directory $O/w$w \
      --configfile config/cpu.yaml config/datasets/mnist.yaml config/conditional-mnist.yaml \
      $O/local.yaml $extra --cores 1 --quiet -- $T/conditional.json $T/score.json $T/diagnostics.json \
      > $O/w$w.log 2>&1 ) &
done
wait
