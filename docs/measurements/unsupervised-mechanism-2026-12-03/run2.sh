# As run1.sh, for the AAE baseline (aae_unsupervised: the prior [one-hot c, z] used directly):
# Algorithm 1 literal (lit/) and the decoder frozen in the prior phase (fd/, where the prior
# phase trains only D_I and Q: the categories then come from the AAE phase alone, as in
# Makhzani et al.'s clustering), side by side, seed 0, into the same folders as run1.sh.
export OMP_NUM_THREADS=1 PYTHONPATH=$PWD PATH=$PWD/.venv/bin:$PATH
O=/work/runs/um
M=docs/measurements/unsupervised-mechanism-2026-12-03
C="config/cpu.yaml config/datasets/mnist.yaml config/conditional-mnist.yaml $M/local.yaml"
T=results/mnist/aae_unsupervised/code100/seed0
for v in lit fd; do
  extra=$M/literal.yaml; [ $v = fd ] && extra=$M/frozen-decoder.yaml
  ( /usr/bin/time -f "$v aae wall %e s" snakemake --snakefile Snakefile --directory $O/$v \
      --configfile $C $extra --cores 1 --quiet -- $T/conditional.json $T/diagnostics.json \
      $T/score.json > $O/$v-aae.log 2>&1 ) &
done
wait
