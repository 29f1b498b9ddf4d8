# Copy the DAG runs' small files (no model or sample tensors) into runs/<set>/<method>-seed<S>/.
M=/work/main/docs/measurements/image-discriminator-2026-12-04
for set in "$@"; do
  for d in /work/runs/dilr/$set/results/mnist/*/code16/seed*; do
    m=$(basename $(dirname $(dirname $d))); s=$(basename $d)
    mkdir -p $M/runs/$set/$m-$s
    cp $d/*.json $d/losses.csv $M/runs/$set/$m-$s/ 2>/dev/null
  done
done
