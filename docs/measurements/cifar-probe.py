"""The probe behind the README's CIFAR-10 line in "The mechanism" (issue 10), kept so the numbers
can be re-made: one run of ``method`` on the CIFAR-10 JPEG copy (extracted to /tmp/cifar) at
cpu.yaml's settings with width 16, ``steps`` steps, then its code diagnostics on held-out images.

    python docs/measurements/cifar-probe.py aae 1500 /tmp/c_aae
    python docs/measurements/cifar-probe.py learned_prior 1500 /tmp/c_lp

Measured 2026-11-26 (2-core CPU, the two side by side, commit b357def): AAE 366 s, two-sample
accuracy 0.950, D_C held-out accuracy 0.781, mean |log std ratio| 0.203; ours 549 s, 0.954,
0.738, 0.246.
"""
import sys, json, dataclasses, torch, yaml, time
from lpaae import config as C
from lpaae.data import load_dataset, save_prepared, load_prepared
from lpaae.training import train_run
from pathlib import Path
torch.set_num_threads(1)
method, steps, out = sys.argv[1], int(sys.argv[2]), sys.argv[3]
raw = C.merged(*(yaml.safe_load(open(f'/work/main/config/{f}.yaml')) for f in ('config', 'cpu')))
raw['data'] = {'dataset': 'imagefolder', 'root': '/tmp/cifar', 'image_size': 32}
raw['network']['width'] = 16
raw['training'].update(steps=steps, log_every=100, checkpoint_every=10**6)
cfg = C.from_dict(raw)
cache = Path('/tmp/cifar_prepared')
if not (cache / 'test.pt').exists():
    cache.mkdir(exist_ok=True)
    for split in ('train', 'test'):
        save_prepared(load_dataset(cfg.data, split), cache / f'{split}.pt')
train, test = load_prepared(cache / 'train.pt'), load_prepared(cache / 'test.pt')
t = time.time()
p = train_run(cfg, method, train, out, out + '/model.pt', None, test)
print(method, steps, 'time', round(time.time() - t), {k: round(v, 3) for k, v in p['diagnostics'].items() if isinstance(v, float)}, flush=True)
