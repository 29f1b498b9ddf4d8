# Table 2's 1:1 image GANs and ours at mnist-cpu.yaml's settings (16 px, 16-D, 1,500 steps), seeds
# 0-2, with every D_I's Adam learning rate times FACTOR (di-lr.patch), through the DAG: score.json
# (IS, FID with the MNIST classifier, 5,000 samples) and losses.csv.
export OMP_NUM_THREADS=1 PYTHONPATH=$PWD PATH=$PWD/.venv/bin:$PATH LPAAE_DI_LR_FACTOR=$1
O=/work/runs/dilr
T=""
for m in dcgan lsgan learned_prior; do for s in 0 1 2; do T="$T results/mnist/$m/code16/seed$s/score.json"; done; done
/usr/bin/time -f "table2 factor $1 wall %e s" snakemake --snakefile Snakefile --directory $O/t$1 \
  --configfile config/mnist-cpu.yaml /work/runs/di/local3.yaml --cores 2 --quiet -- $T > $O/t$1.log 2>&1
tail -1 $O/t$1.log
