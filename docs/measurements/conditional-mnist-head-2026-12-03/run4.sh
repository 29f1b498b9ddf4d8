# At c95805a (same worktree): the AAE baselines at seed 1 (s1/), beside run3.sh and a CI check.
export OMP_NUM_THREADS=1 PYTHONPATH=$PWD PATH=$PWD/.venv/bin:$PATH
O=/work/runs/cgu
/usr/bin/time -f "aae seed1 wall %e s" snakemake --snakefile Snakefile --directory $O/s1 \
    --configfile config/cpu.yaml config/datasets/mnist.yaml config/conditional-mnist.yaml \
    $O/seed1.yaml --cores 2 --quiet -- \
    results/mnist/aae_{supervised/code64,unsupervised/code100}/seed1/conditional.json \
    results/mnist/aae_{supervised/code64,unsupervised/code100}/seed1/diagnostics.json \
    > $O/s1-aae.log 2>&1
