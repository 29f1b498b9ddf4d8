# At d40de31, from a clean worktree of it (cd there first), while reproduction/cifar-cpu's rerun
# shared the 2 cores (so the probes' times are about twice their solo times).
# 1. Probes (../code-regulariser-2026-11-26/probe.py), the default digits, ours, 800 steps:
#    code_generator_code_weight 1 on seeds 0-2, and 0 on seed 0 (the default's path unchanged).
# 2. Sample scores: the DAG's learned_prior runs, seeds 0-2, default digits, with and without it.
# 3. Probes on Fashion-MNIST (mnist-cpu.yaml's 1,500 steps), weight 1, seeds 0 and 1.
set -u
export OMP_NUM_THREADS=1 PYTHONPATH=$PWD PATH=$PWD/.venv/bin:$PATH
P="python docs/measurements/code-regulariser-2026-11-26/probe.py"
O=/work/runs/cgc
mkdir -p $O
for s in 0 1 2; do $P learned_prior 800 $O/digits_w1_s$s seed=$s opt_code_generator_code_weight=1 2>/dev/null | tail -1; done
$P learned_prior 800 $O/digits_w0_s0 seed=0 2>/dev/null | tail -1
printf 'seeds: [0, 1, 2]\n' > $O/seeds.yaml
printf 'seeds: [0, 1, 2]\nmodels: {learned_prior: {code_generator_code_weight: 1}}\n' > $O/weight1.yaml
for w in 0 1; do
  overlay=$O/seeds.yaml; [ $w = 1 ] && overlay=$O/weight1.yaml
  snakemake --snakefile Snakefile --directory $O/dag_w$w --configfile $overlay --cores 1 --quiet -- \
    results/digits/learned_prior/code16/seed{0,1,2}/score.json > $O/dag_w$w.log 2>&1
  for s in 0 1 2; do echo "dag weight $w seed $s $(cat $O/dag_w$w/results/digits/learned_prior/code16/seed$s/score.json | tr -d '\n ')"; done
done
for s in 0 1; do $P learned_prior 1500 $O/fashion_w1_s$s seed=$s cfg=mnist-cpu dataset=fashion-mnist root=/work/shared/data/fashion-mnist opt_code_generator_code_weight=1 2>/dev/null | tail -1; done
# 4. (queued after 1-3, same worktree) Probes at 100-D on the default digits, seed 0, weight 0 and 1.
for w in 0 1; do $P learned_prior 800 $O/digits100_w${w}_s0 seed=0 code=100 opt_code_generator_code_weight=$w 2>/dev/null | tail -1; done
