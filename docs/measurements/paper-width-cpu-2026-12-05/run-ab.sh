# As run (from /work/runs, this VM's paths): Table 3's A + B (ours without C,
# learned_prior_perceptual) at the paper's width, seed 0, 4,000 steps, from a worktree of e410785
# whose .venv links /work/main's, in a run folder holding copies of ../scale-32px-2026-12-05's
# prepared data, classifier and reference features (scale32's results/imagefolder/{data,classifier,real}
# and .snakemake/metadata). --rerun-triggers leaves out 'code': the copied data's provenance names
# another checkout path. It ran as the first half of /work/runs/ab-w64.sh; the second half is
# ../scale-32px-2026-12-05/run-aae-seed1.sh. /work/runs/width64-4000.yaml is steps4000-width64.yaml.
cd /work/runwt1
echo "# $(git rev-parse --short HEAD) $(date -u +%FT%TZ) ab-w64 learned_prior_perceptual seed0 width64 4000"
/usr/bin/time -f "%e s wall" .venv/bin/snakemake --snakefile $PWD/Snakefile --directory /work/runs/ab-w64 --configfile config/cpu.yaml /work/runs/cifar32-local.yaml /work/runs/width64-4000.yaml --cores 2 --rerun-triggers mtime params input -- results/imagefolder/learned_prior_perceptual/code64/seed0/diagnostics.json results/imagefolder/learned_prior_perceptual/code64/seed0/score.json 2>&1 | tail -n 3
