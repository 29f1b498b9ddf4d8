"""The supervised AAE's q_real_labels runs (run6.sh, seeds 0 and 1) evaluated by the DAG's own
conditional job (lpaae.jobs.conditional_job), at d63a4b4, while ours' run still held the run
folder's lock:
    cd <worktree of d63a4b4> && PYTHONPATH=$PWD OMP_NUM_THREADS=1 python qeval.py 0 1
Writes /tmp/qeval-aae-seed<S>.json, copied to runs/qr-aae_supervised-seed<S>/conditional.json."""
import sys, json, torch
from lpaae import jobs
from lpaae.config import load
torch.set_num_threads(1)
cfg = load("config/cpu.yaml", "config/datasets/mnist.yaml", "config/conditional-mnist.yaml", "/work/runs/q/qreal.yaml")
R = "/work/runs/q/qr/results/mnist"
for seed in sys.argv[1:]:
    out = f"/tmp/qeval-aae-seed{seed}"
    jobs.conditional_job(cfg, f"{R}/aae_supervised/code64/seed{seed}/model.pt", f"{R}/data/test-32px.pt",
                         f"{R}/classifier/classifier.pt", out + ".json", out + "-codes.pt", out + "-grid.pt")
    m = json.load(open(out + ".json"))
    print(seed, {k: round(v, 3) for k, v in m.items() if isinstance(v, float)}, flush=True)
