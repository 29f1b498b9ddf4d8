"""Parameters (a hash) and losses of aae and the three learned_prior settings after three training
steps on the bundled digits (16-D): run from a checkout's root at two commits and diff the outputs
to check that a change leaves the models as they were (option off).

    cd CHECKOUT && python .../fingerprint.py > fingerprint-COMMIT.txt
"""
import sys, hashlib, torch
sys.path.insert(0, '.')
sys.path.insert(0, 'tests')
from conftest import tiny_raw
from lpaae import config as lconf
from lpaae.data import load_dataset
from lpaae.runs import build_model
from lpaae.training import seed_everything
torch.set_num_threads(1)
raw = tiny_raw(); raw['network'].update(code_size=16, noise_size=16)
cfg = lconf.from_dict(raw)
data = load_dataset(cfg.data, 'train')
for method in ['aae', 'learned_prior', 'learned_prior_supervised', 'learned_prior_unsupervised']:
    seed_everything(0)
    model = build_model(cfg, method)
    g = torch.Generator().manual_seed(0)
    for step in range(3):
        idx = torch.randint(len(data), (16,), generator=g)
        x, y = data.batch(idx, model.device), data.labels[idx]
        losses = model.training_step(x, y, step, g)
    h = hashlib.sha1(b''.join(p.detach().numpy().tobytes() for p in model.state_dict().values())).hexdigest()[:12]
    print(method, h, {k: round(float(v), 6) for k, v in losses.items()})
