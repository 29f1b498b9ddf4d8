# Does dropping R1 and the spread head help the categories? The separate update without them
# (no-r1-no-head.yaml) for ours at seed 2 (seed2.yaml; into sn2/) and for the AAE at seed 0
# (into sn/, beside run4.sh's run of ours), side by side. Against the defaults' runs in
# ../conditional-mnist-head-2026-12-03/runs/ (s2-learned_prior_unsupervised-seed2, w0-aae_unsupervised-seed0).
export OMP_NUM_THREADS=1 PYTHONPATH=$PWD PATH=$PWD/.venv/bin:$PATH
O=/work/runs/um
M=docs/measurements/unsupervised-mechanism-2026-12-03
C="config/cpu.yaml config/datasets/mnist.yaml config/conditional-mnist.yaml $M/local.yaml $M/no-r1-no-head.yaml"
T=results/mnist/learned_prior_unsupervised/code100/seed2
( /usr/bin/time -f "sn2 ours seed 2 wall %e s" snakemake --snakefile Snakefile --directory $O/sn2 \
    --configfile $C $M/seed2.yaml --cores 1 --quiet -- $T/conditional.json $T/diagnostics.json \
    $T/score.json > $O/sn2.log 2>&1 ) &
T=results/mnist/aae_unsupervised/code100/seed0
( /usr/bin/time -f "sn aae seed 0 wall %e s" snakemake --snakefile Snakefile --directory $O/sn \
    --configfile $C --cores 1 --quiet -- $T/conditional.json $T/diagnostics.json \
    $T/score.json > $O/sn-aae.log 2>&1 ) &
wait
