# Is ours' and the AAE's miss of the two-sample target on real data a matter of the CPU budget, and
# what does a longer budget do to the samples? The DAG itself (train, diagnostics, sample, score),
# at a budget overlay, for the AAE and ours (METHODS, default "learned_prior aae") at one code size,
# seeds 0 and 1 (SEEDS), two jobs at a time. Run from a checkout root:
#   bash docs/measurements/real-data-budget-2026-12-05/run.sh RUN_DIR CONFIG DATA_OVERLAY BUDGET_OVERLAY DATASET CODE
# e.g. CIFAR-10 at 16 px, 64-D, 8,000 steps (eight times config/cifar-cpu.yaml's 1,000):
#   bash .../run.sh /work/runs/budget-cifar config/cifar-cpu.yaml /work/runs/cifar-local.yaml \
#        docs/measurements/real-data-budget-2026-12-05/steps8000.yaml imagefolder 64
# and Fashion-MNIST, Table 1's four priors at 16-D, 9,000 steps (six times config/mnist-cpu.yaml's):
#   METHODS="learned_prior aae vae vampprior" bash .../run.sh /work/runs/budget-fashion \
#        config/mnist-cpu.yaml /work/runs/fashion-local.yaml .../steps9000.yaml fashion-mnist 16
# DATA_OVERLAY points the config at a local copy of the data (this machine's paths; see
# ../README.md). The small files of each run (losses.csv, diagnostics.json, score.json) are
# copied into runs/<name of RUN_DIR>/<method>-seed<S>/ beside this script, or under RECORD (a
# folder) when set; run.log goes there too.
set -eu
RUN_DIR=$1 CONFIG=$2 DATA=$3 BUDGET=$4 DATASET=$5 CODE=$6
HERE=${RECORD:-$(dirname "$0")} METHODS=${METHODS:-learned_prior aae} SEEDS=${SEEDS:-0 1}
export PATH=$PWD/.venv/bin:$PATH
targets=$(for m in $METHODS; do for s in $SEEDS; do for f in diagnostics score; do
    echo results/$DATASET/$m/code$CODE/seed$s/$f.json; done; done; done)
echo "# $(git rev-parse --short HEAD) $(date -u +%FT%TZ) $*" >> "$HERE/run.log"
/usr/bin/time -f "%e s wall" snakemake --snakefile "$PWD/Snakefile" --directory "$RUN_DIR" \
    --configfile "$CONFIG" "$DATA" "$BUDGET" --cores 2 -- $targets 2>&1 | tail -n 3 >> "$HERE/run.log"
for m in $METHODS; do for s in $SEEDS; do
    d=$RUN_DIR/results/$DATASET/$m/code$CODE/seed$s
    o=$HERE/runs/$(basename "$RUN_DIR")/$m-seed$s
    mkdir -p "$o" && cp "$d"/losses.csv "$d"/diagnostics.json "$d"/score.json "$o"/
done; done
