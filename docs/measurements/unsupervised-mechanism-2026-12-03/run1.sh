# From a clean worktree of the commit named in the README: ours unsupervised on MNIST
# (conditional-mnist.yaml, 100-D, 3,000 steps, seed 0) with Algorithm 1 taken literally
# (literal.yaml, into lit/) and with the decoder frozen in the prior phase (frozen-decoder.yaml,
# into fd/), side by side, one core each. Against the seed-0 run of the defaults:
# ../conditional-mnist-head-2026-12-03/runs/w0-*unsupervised*.
export OMP_NUM_THREADS=1 PYTHONPATH=$PWD PATH=$PWD/.venv/bin:$PATH
O=/work/runs/um
M=docs/measurements/unsupervised-mechanism-2026-12-03
C="config/cpu.yaml config/datasets/mnist.yaml config/conditional-mnist.yaml $M/local.yaml"
T=results/mnist/learned_prior_unsupervised/code100/seed0
for v in lit fd; do
  extra=$M/literal.yaml; [ $v = fd ] && extra=$M/frozen-decoder.yaml
  ( /usr/bin/time -f "$v wall %e s" snakemake --snakefile Snakefile --directory $O/$v \
      --configfile $C $extra --cores 1 --quiet -- $T/conditional.json $T/diagnostics.json \
      $T/score.json > $O/$v.log 2>&1 ) &
done
wait
