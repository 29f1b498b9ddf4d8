"""The q_real_labels runs (run6.sh) evaluated by the DAG's own conditional job
(lpaae.jobs.conditional_job), at d63a4b4, without the DAG's 10,000-sample scoring (no time left):
    cd <worktree of d63a4b4> && PYTHONPATH=$PWD OMP_NUM_THREADS=1 python qeval.py aae_supervised 0 1
    ... python qeval.py learned_prior_supervised 0
Writes /tmp/qeval-<method>-seed<S>.json, copied to runs/qr-<method>-seed<S>/conditional.json."""
import sys, json, torch
from lpaae import jobs
from lpaae.config import load
torch.set_num_threads(1)
cfg = load("config/cpu.yaml", "config/datasets/mnist.yaml", "config/conditional-mnist.yaml", "/work/runs/q/qreal.yaml")
R = "/work/runs/q/qr/results/mnist"
method = sys.argv[1]
for seed in sys.argv[2:]:
    out = f"/tmp/qeval-{method}-seed{seed}"
    jobs.conditional_job(cfg, f"{R}/{method}/code64/seed{seed}/model.pt", f"{R}/data/test-32px.pt",
                         f"{R}/classifier/classifier.pt", out + ".json", out + "-codes.pt", out + "-grid.pt")
    m = json.load(open(out + ".json"))
    print(seed, {k: round(v, 3) for k, v in m.items() if isinstance(v, float)}, flush=True)
