# At e329519 (models identical to c95805a), from a clean worktree of it: both supervised models
# with q_real_labels: true (Q also learns the real images' labels), seeds 0 and 1.
export OMP_NUM_THREADS=1 PYTHONPATH=$PWD PATH=$PWD/.venv/bin:$PATH
O=/work/runs/q
C="config/cpu.yaml config/datasets/mnist.yaml config/conditional-mnist.yaml"
T=""
for m in learned_prior_supervised aae_supervised; do for s in 0 1; do for f in conditional diagnostics score; do
  T="$T results/mnist/$m/code64/seed$s/$f.json"; done; done; done
/usr/bin/time -f "qreal wall %e s" snakemake --snakefile Snakefile --directory $O/qr \
    --configfile $C $O/qreal.yaml --cores 2 --quiet -- $T > $O/qr.log 2>&1
