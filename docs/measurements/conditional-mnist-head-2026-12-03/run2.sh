# At c95805a, from a clean worktree of it: the conditional settings on MNIST
# (config/conditional-mnist.yaml) with today's models. Seed 0: the remaining three runs and the
# table and figures (w0/ already holds ours unsupervised, from run.sh); seed 1: ours, supervised
# and unsupervised (s1/). Five training runs at once on the 2 cores.
export OMP_NUM_THREADS=1 PYTHONPATH=$PWD PATH=$PWD/.venv/bin:$PATH
O=/work/runs/cgu
C="config/cpu.yaml config/datasets/mnist.yaml config/conditional-mnist.yaml"
( /usr/bin/time -f "seed0 wall %e s" snakemake --snakefile Snakefile --directory $O/w0 \
    --configfile $C $O/local.yaml --cores 3 --quiet -- conditional_table fig10 fig12 fig13 \
    > $O/w0-table.log 2>&1 ) &
( /usr/bin/time -f "seed1 wall %e s" snakemake --snakefile Snakefile --directory $O/s1 \
    --configfile $C $O/seed1.yaml --cores 2 --quiet -- \
    results/mnist/learned_prior_{supervised/code64,unsupervised/code100}/seed1/conditional.json \
    results/mnist/learned_prior_{supervised/code64,unsupervised/code100}/seed1/diagnostics.json \
    > $O/s1.log 2>&1 ) &
wait
