"""Held-out pixel error of the budget.sh runs: mean squared error per pixel (images in [-1, 1])
of dec(enc(x)) on 1,000 held-out images. The logged reconstruction_loss of ours is Eq. 6, a
distance in D_I's features, whose scale moves as D_I trains, so it cannot compare budgets.

    python pixels.py RUN_DIR [RUN_DIR ...]    (run names as in budget.sh: fashion-*, d100-*)
"""
import sys, torch
from pathlib import Path
from lpaae import config as C
from lpaae.data import load_dataset
from lpaae.runs import resolve
from lpaae.diagnostics import heldout_batch
torch.set_num_threads(1)
for run in map(Path, sys.argv[1:]):
    overlays = [C.read_yaml('/work/main/config/mnist-cpu.yaml')] if run.name.startswith('fashion') else []
    raw = C.merged(C.read_yaml(C.DEFAULT_CONFIG_PATH), *overlays)
    if run.name.startswith('fashion'):
        raw['data'].update(dataset='fashion-mnist', root='/work/shared/data/fashion-mnist', download=False)
    cfg = C.from_dict(raw)
    method = 'aae' if '-aae-' in run.name else 'learned_prior'
    model = resolve(cfg, method, 100 if run.name.startswith('d100') else None).build()
    model.load_state_dict(torch.load(run / 'model.pt', map_location='cpu'))
    model.eval()
    x, _ = heldout_batch(load_dataset(cfg.data, 'test'), 1000, 0, model.device)
    with torch.no_grad():
        rec = model.decode(model.encode(x, torch.Generator().manual_seed(0)))
    print(run.name, 'pixel_mse', round(((rec - x) ** 2).mean().item(), 4), flush=True)
