# After run6.sh (ours' seed 1 stopped for time): evaluation and scores of the finished
# q_real_labels runs, from a clean worktree of 27fca41 (records q_sample_accuracy).
export OMP_NUM_THREADS=1 PYTHONPATH=$PWD PATH=$PWD/.venv/bin:$PATH
O=/work/runs/q
C="config/cpu.yaml config/datasets/mnist.yaml config/conditional-mnist.yaml"
T="results/mnist/learned_prior_supervised/code64/seed0/conditional.json"
for s in 0 1; do T="$T results/mnist/aae_supervised/code64/seed$s/conditional.json"; done
for f in $T; do T="$T ${f%conditional.json}score.json"; done
/usr/bin/time -f "qreal eval wall %e s" snakemake --snakefile Snakefile --directory $O/qr \
    --configfile $C $O/qreal.yaml --cores 2 --quiet --rerun-triggers mtime \
    --forcerun conditional_eval -- $T > $O/qr-eval.log 2>&1
