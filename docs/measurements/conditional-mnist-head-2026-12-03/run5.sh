# At e329519 (models identical to c95805a: only comments changed in lpaae/ since), from a clean
# worktree of it: the third seed of every conditional run, with the DAG's own table (IS and FID
# scored too).
export OMP_NUM_THREADS=1 PYTHONPATH=$PWD PATH=$PWD/.venv/bin:$PATH
O=/work/runs/c2
C="config/cpu.yaml config/datasets/mnist.yaml config/conditional-mnist.yaml"
/usr/bin/time -f "seed2 wall %e s" snakemake --snakefile Snakefile --directory $O/s2 \
    --configfile $C $O/seed2.yaml --cores 2 --quiet -- conditional_table > $O/s2.log 2>&1
