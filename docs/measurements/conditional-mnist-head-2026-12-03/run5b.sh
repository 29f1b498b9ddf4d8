# After run5.sh's supervised seed-2 runs finished (the unsupervised seed-2 runs were stopped for
# time): their evaluation and scores from a clean worktree of 27fca41, the evaluation again at
# d63a4b4 (q_sample_accuracy on the 8-bit samples the classifier judges).
export OMP_NUM_THREADS=1 PYTHONPATH=$PWD PATH=$PWD/.venv/bin:$PATH
O=/work/runs/c2
C="config/cpu.yaml config/datasets/mnist.yaml config/conditional-mnist.yaml"
/usr/bin/time -f "seed2 eval wall %e s" snakemake --snakefile Snakefile --directory $O/s2 \
    --configfile $C $O/seed2.yaml --cores 2 --quiet --rerun-triggers mtime \
    --forcerun conditional_eval -- $(cat $O/targets) > $O/s2-eval.log 2>&1
