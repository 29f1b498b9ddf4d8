# At c95805a (same worktree): ours unsupervised, code_generator_code_weight 1, seed 1.
export OMP_NUM_THREADS=1 PYTHONPATH=$PWD PATH=$PWD/.venv/bin:$PATH
O=/work/runs/cgu
T=results/mnist/learned_prior_unsupervised/code100/seed1
/usr/bin/time -f "w1 seed1 wall %e s" snakemake --snakefile Snakefile --directory $O/w1s1 \
    --configfile config/cpu.yaml config/datasets/mnist.yaml config/conditional-mnist.yaml \
    $O/seed1.yaml $O/weight1.yaml --cores 1 --quiet -- $T/conditional.json $T/score.json $T/diagnostics.json \
    > $O/w1s1.log 2>&1
