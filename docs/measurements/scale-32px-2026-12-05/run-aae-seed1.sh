# As run (from /work/runs, this VM's paths): the AAE's second seed at 32 px, width 32, 4,000 steps,
# alone on both cores (steps4000-threads2.yaml), from a worktree of e410785 whose .venv links
# /work/main's, in a run folder holding copies of scale32's prepared data, classifier and
# reference features (results/imagefolder/{data,classifier,real} and .snakemake/metadata), so it is
# scored against the same references as the other rows. It ran as the second half of
# /work/runs/ab-w64.sh, after ../paper-width-cpu-2026-12-05/run-ab.sh.
cd /work/runwt1
echo "# $(git rev-parse --short HEAD) $(date -u +%FT%TZ) scale32e aae seed1 width32 4000"
/usr/bin/time -f "%e s wall" .venv/bin/snakemake --snakefile $PWD/Snakefile --directory /work/runs/scale32e --configfile config/cpu.yaml /work/runs/cifar32-local.yaml /work/main/docs/measurements/scale-32px-2026-12-05/steps4000-threads2.yaml --cores 2 --rerun-triggers mtime params input -- results/imagefolder/aae/code64/seed1/diagnostics.json results/imagefolder/aae/code64/seed1/score.json 2>&1 | tail -n 3
