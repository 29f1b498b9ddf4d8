# As run (from /work/runs, this VM's paths): ours at the paper's width, 2,000 steps, from a worktree of
# e410785 whose .venv links /work/main's, in a run folder holding copies of ../scale-32px-2026-12-05's
# prepared data, classifier and reference features (scale32's results/imagefolder/{data,classifier,real}
# and .snakemake/metadata). --rerun-triggers leaves out 'code': the copied data's provenance names
# another checkout path. A watcher stopped Snakemake once model.pt and diagnostics.json were written
# (the sample and score jobs were skipped, to save time).
cd /work/runwt1
echo "# $(git rev-parse --short HEAD) $(date -u +%FT%TZ) width64 ours seed0" 
/usr/bin/time -f "%e s wall" .venv/bin/snakemake --snakefile $PWD/Snakefile --directory /work/runs/width64 --configfile config/cpu.yaml /work/runs/cifar32-local.yaml /work/runs/width64.yaml --cores 2 --rerun-triggers mtime params input -- results/imagefolder/learned_prior/code64/seed0/diagnostics.json results/imagefolder/learned_prior/code64/seed0/score.json 2>&1 | tail -n 3
