# As run: keep the 2,000-step run's checkpoint at step 1,500, then continue it to 4,000 steps in a
# second run folder (prepared like the first) through extend.py; the DAG's train job resumes it.
# wait for the 2,000-step run's checkpoint at step 1,500, keep a copy; after the run, continue it to 4,000
ck=/work/runs/width64/results/imagefolder/learned_prior/code64/seed0/checkpoint.pt
cd /work/runwt1
until [ -f /tmp/ck1500.pt ]; do
  if [ -f $ck ] && .venv/bin/python -c "import torch,sys; sys.exit(0 if torch.load('$ck',map_location='cpu',weights_only=False)['step']==1500 else 1)"; then cp $ck /tmp/ck1500.pt; echo "copied at $(date -u +%T)"; fi
  sleep 30
done
while pgrep -f "width64.sh" > /dev/null; do sleep 20; done
dst=/work/runs/width64-4000/results/imagefolder/learned_prior/code64/seed0
mkdir -p $dst
PYTHONPATH=$PWD .venv/bin/python /work/main/docs/measurements/paper-width-cpu-2026-12-05/extend.py /tmp/ck1500.pt $dst/checkpoint.pt learned_prior 64 0 \
  config/cpu.yaml,/work/runs/cifar32-local.yaml,/work/runs/width64.yaml config/cpu.yaml,/work/runs/cifar32-local.yaml,/work/runs/width64-4000.yaml || exit 1
echo "# $(git rev-parse --short HEAD) $(date -u +%FT%TZ) width64 ours seed0 to 4000 from the 1500 checkpoint"
/usr/bin/time -f "%e s wall" .venv/bin/snakemake --snakefile $PWD/Snakefile --directory /work/runs/width64-4000 --configfile config/cpu.yaml /work/runs/cifar32-local.yaml /work/runs/width64-4000.yaml --cores 2 --rerun-triggers mtime params input -- results/imagefolder/learned_prior/code64/seed0/diagnostics.json results/imagefolder/learned_prior/code64/seed0/score.json 2>&1 | tail -n 3
