# Which of Algorithm 1's literal form's three differences the categories need: ours
# unsupervised, seed 0, with only the joint update (joint-only.yaml, into jo/) and with the
# separate update but no R1 and no spread head (no-r1-no-head.yaml, into sn/), side by side.
export OMP_NUM_THREADS=1 PYTHONPATH=$PWD PATH=$PWD/.venv/bin:$PATH
O=/work/runs/um
M=docs/measurements/unsupervised-mechanism-2026-12-03
C="config/cpu.yaml config/datasets/mnist.yaml config/conditional-mnist.yaml $M/local.yaml"
T=results/mnist/learned_prior_unsupervised/code100/seed0
for v in jo sn; do
  extra=$M/joint-only.yaml; [ $v = sn ] && extra=$M/no-r1-no-head.yaml
  ( /usr/bin/time -f "$v wall %e s" snakemake --snakefile Snakefile --directory $O/$v \
      --configfile $C $extra --cores 1 --quiet -- $T/conditional.json $T/diagnostics.json \
      $T/score.json > $O/$v.log 2>&1 ) &
done
wait
