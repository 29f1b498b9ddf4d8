"""The probe behind README.md in this folder: train one run of METHOD for STEPS steps at the
default configuration (or overlays), with settings changed outside the config, and print its
code diagnostics; OUT/codes.pt keeps the codes for covariance.py.

    python probe.py METHOD STEPS OUT [key=value ...]

keys: seed=N; opt_<option>=V (a model option, e.g. opt_code_gradient_penalty=0,
opt_regularization=joint opt_adversarial_weight=30); dc_lr / reg_lr (Adam lr of D_C / of the
encoder's regularisation update); dc_b1 / reg_b1 (their beta1); reg_sgd=LR (SGD, momentum 0.9,
for the regularisation update); cfg=cpu (overlays); dataset=imagefolder root=DIR width=16
cifar=1 (CIFAR-10 from the prepared split files under /tmp/cifar_prepared, see ../cifar-probe.py);
noise=N (network.noise_size, CG's input; its hidden layer is twice that).
"""
import sys, time, json, torch
from pathlib import Path
from lpaae import config as C
from lpaae.data import load_dataset
from lpaae.runs import resolve
from lpaae.training import train, run_diagnostics, seed_everything
from lpaae.runs import run_settings
torch.set_num_threads(1)
method, steps, out = sys.argv[1], int(sys.argv[2]), sys.argv[3]
kv = dict(a.split('=') for a in sys.argv[4:])
overlays = [f'/work/main/config/{f}.yaml' for f in kv.pop('cfg', '').split(',') if f]
raw = C.merged(*(C.read_yaml(p) for p in [C.DEFAULT_CONFIG_PATH, *overlays]))
raw['training'].update(steps=steps, log_every=100, checkpoint_every=10**6)
if 'root' in kv: raw['data']['root'] = kv.pop('root')
if 'dataset' in kv: raw['data']['dataset'] = kv.pop('dataset'); raw['data']['download'] = False
if 'width' in kv: raw['network']['width'] = int(kv.pop('width'))
if 'noise' in kv: raw['network']['noise_size'] = int(kv.pop('noise'))
opts = {k[4:]: {'True': True, 'False': False}.get(v, v if v.isalpha() else float(v))
        for k, v in list(kv.items()) if k.startswith('opt_')}
for k in list(kv):
    if k.startswith('opt_'): kv.pop(k)
base = raw['variants'][method]['model'] if method in raw['variants'] else method
if 'seed' in kv: raw['seeds'] = [int(kv.pop('seed'))]
cfg = C.from_dict(raw)
if kv.pop('cifar', None):
    from lpaae.data import load_prepared
    train_d, test_d = load_prepared('/tmp/cifar_prepared/train.pt'), load_prepared('/tmp/cifar_prepared/test.pt')
else:
    train_d, test_d = load_dataset(cfg.data, 'train'), load_dataset(cfg.data, 'test')
seed_everything(cfg.seed)
import dataclasses
spec = resolve(cfg, method, int(kv['code']) if 'code' in kv else None)
cls = type(spec.build())
model = cls(spec.build().net_config, dataclasses.replace(spec.build().options, **opts))
for name, key in (('dc_lr', 'code_discriminator'), ('reg_lr', 'encoder_regularization')):
    if name in kv:
        for g in model.optimizers[key].param_groups: g['lr'] = float(kv[name])
for name, key in (('dc_b1', 'code_discriminator'), ('reg_b1', 'encoder_regularization')):
    if name in kv:
        for g in model.optimizers[key].param_groups: g['betas'] = (float(kv[name]), 0.999)
if 'reg_sgd' in kv:
    model.optimizers['encoder_regularization'] = torch.optim.SGD(model.encoder.parameters(), lr=float(kv['reg_sgd']), momentum=0.9)
t = time.time()
hist, _ = train(model, train_d, cfg.training, out, seed=cfg.seed, settings={'x': str(sys.argv)}, heldout=test_d)
d = run_diagnostics(model, test_d, cfg.seed, cfg.evaluation.two_sample_steps)
from lpaae.training import _code_sample, DIAGNOSTIC_POINTS
from lpaae.diagnostics import heldout_batch
smp = _code_sample(model, heldout_batch(test_d, DIAGNOSTIC_POINTS, cfg.seed, model.device), cfg.seed)
trn = _code_sample(model, heldout_batch(train_d, 500, cfg.seed, model.device), cfg.seed + 7)
torch.save({'enc': smp.encoder, 'prior': smp.prior, 'labels': smp.labels, 'train_enc': trn.encoder, 'train_prior': trn.prior}, out + '/codes.pt')
torch.save(model.state_dict(), out + '/model.pt')
print(' '.join(sys.argv[1:]), 'time', round(time.time() - t),
      {k: round(v, 3) for k, v in d.items() if isinstance(v, float)},
      'rec', round(hist[-1]['reconstruction_loss'], 2), flush=True)
