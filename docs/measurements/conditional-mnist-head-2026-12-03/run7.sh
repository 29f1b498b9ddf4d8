# At e4aed99 (models compute what c95805a's did: PointwiseDownsample equals the strided skip bit
# for bit at width 16; since then only evaluation code changed), from a clean worktree of it: the
# third seed of the two unsupervised conditional runs, their evaluation and scores, into the same
# folder as run5.sh's supervised seed-2 runs (--rerun-triggers mtime: those are not rerun).
export OMP_NUM_THREADS=1 PYTHONPATH=$PWD PATH=$PWD/.venv/bin:$PATH
O=/work/runs/c2
C="config/cpu.yaml config/datasets/mnist.yaml config/conditional-mnist.yaml"
T=""
for m in learned_prior_unsupervised aae_unsupervised; do
  for f in conditional.json diagnostics.json score.json; do T="$T results/mnist/$m/code100/seed2/$f"; done
done
/usr/bin/time -f "unsupervised seed2 wall %e s" snakemake --snakefile Snakefile --directory $O/s2 \
    --configfile $C $O/seed2.yaml --cores 2 --quiet --rerun-triggers mtime -- $T > $O/s2u.log 2>&1
