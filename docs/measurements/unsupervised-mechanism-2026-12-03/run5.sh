# As run4.sh at seed 1 (seed1.yaml; into jo1/ and sn1/): ours unsupervised with only the joint
# update, and with the separate update but no R1 and no spread head, side by side. Against the
# defaults' seed-1 run (../conditional-mnist-head-2026-12-03/runs/s1-learned_prior_unsupervised-seed1)
# and the literal form's (runs/lit1-...).
export OMP_NUM_THREADS=1 PYTHONPATH=$PWD PATH=$PWD/.venv/bin:$PATH
O=/work/runs/um
M=docs/measurements/unsupervised-mechanism-2026-12-03
C="config/cpu.yaml config/datasets/mnist.yaml config/conditional-mnist.yaml $M/local.yaml $M/seed1.yaml"
T=results/mnist/learned_prior_unsupervised/code100/seed1
for v in jo sn; do
  extra=$M/joint-only.yaml; [ $v = sn ] && extra=$M/no-r1-no-head.yaml
  ( /usr/bin/time -f "$v seed 1 wall %e s" snakemake --snakefile Snakefile --directory $O/${v}1 \
      --configfile $C $extra --cores 1 --quiet -- $T/conditional.json $T/diagnostics.json \
      $T/score.json > $O/${v}1.log 2>&1 ) &
done
wait
