# As run1.sh at seed 1 (seed1.yaml; into lit1/ and fd1/): ours unsupervised with Algorithm 1
# literal and with the decoder frozen in the prior phase, side by side. Against the defaults'
# seed-1 run: ../conditional-mnist-head-2026-12-03/runs/s1-learned_prior_unsupervised-seed1.
export OMP_NUM_THREADS=1 PYTHONPATH=$PWD PATH=$PWD/.venv/bin:$PATH
O=/work/runs/um
M=docs/measurements/unsupervised-mechanism-2026-12-03
C="config/cpu.yaml config/datasets/mnist.yaml config/conditional-mnist.yaml $M/local.yaml $M/seed1.yaml"
T=results/mnist/learned_prior_unsupervised/code100/seed1
for v in lit fd; do
  extra=$M/literal.yaml; [ $v = fd ] && extra=$M/frozen-decoder.yaml
  ( /usr/bin/time -f "$v seed 1 wall %e s" snakemake --snakefile Snakefile --directory $O/${v}1 \
      --configfile $C $extra --cores 1 --quiet -- $T/conditional.json $T/diagnostics.json \
      $T/score.json > $O/${v}1.log 2>&1 ) &
done
wait
