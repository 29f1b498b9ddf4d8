"""Is D_I operating? Train METHOD at mnist-cpu.yaml's settings on the offline MNIST copy for STEPS
steps, then measure how well (a) the trained D_I and (b) a fresh critic tell held-out real digits
from the model's samples.

    python di_probe.py METHOD STEPS OUT [seed=N] [cfg=mnist-cpu] [root=DIR] [opt_<option>=V]

Run from the repository root with its venv (paths: /work/main/config, the offline MNIST copy at
/work/shared/data/mnist-10k unless root= is given). The DCGAN run at D_I's rate 8e-4 was
`opt_lr_discriminator=8e-4`, D_I's rate in the GANs before 9ad33e5 (now `opt_lr_image_discriminator`).
`trained_DI_eval_mode` is always null: D_I's batch norm keeps no running statistics.
"""
import sys, time, json, dataclasses, torch
import torch.nn.functional as F
from lpaae import config as C
from lpaae.data import load_dataset
from lpaae.runs import resolve
from lpaae.training import train, seed_everything
from lpaae.networks import ImageDiscriminator
torch.set_num_threads(1)
method, steps, out = sys.argv[1], int(sys.argv[2]), sys.argv[3]
kv = dict(a.split('=') for a in sys.argv[4:])
overlays = [f'/work/main/config/{f}.yaml' for f in kv.pop('cfg', 'mnist-cpu').split(',') if f]
raw = C.merged(*(C.read_yaml(p) for p in [C.DEFAULT_CONFIG_PATH, *overlays]))
raw['training'].update(steps=steps, log_every=50, checkpoint_every=10**6)
raw['data'].update(root=kv.pop('root', '/work/shared/data/mnist-10k'), download=False)
raw['seeds'] = [int(kv.pop('seed', 0))]
cfg = C.from_dict(raw)
train_d, test_d = load_dataset(cfg.data, 'train'), load_dataset(cfg.data, 'test')
seed_everything(cfg.seed)
opts = {k[4:]: float(kv.pop(k)) for k in list(kv) if k.startswith('opt_')}
model = resolve(cfg, method, None).build()
if opts:
    model = type(model)(model.net_config, dataclasses.replace(model.options, **opts))
t = time.time()
hist, _ = train(model, train_d, cfg.training, out, seed=cfg.seed, settings={'x': str(sys.argv)}, heldout=test_d)
g = torch.Generator().manual_seed(99)
real_test = test_d.batch(torch.arange(min(1000, len(test_d))))
real_train = train_d.batch(torch.arange(len(train_d)))
n = len(real_test)

def samples(k):
    return torch.cat([model.sample(model.noise(500, g), g) for _ in range(k // 500)])

fake_test = samples(1000)[:n]

@torch.no_grad()
def train_mode_samples(k):
    # As D_I sees them in training: every network in train mode (batch statistics).
    model.train()
    out = torch.cat([model.decode(model.codes_from_noise(model.noise(64, g), g)) for _ in range(-(-k // 64))])[:k]
    model.eval()
    return out

fake_test_trainmode = train_mode_samples(n)
res = {'opts': opts, 'method': method, 'steps': steps, 'seed': cfg.seed, 'train_s': round(time.time() - t)}
last = hist[-5:]
for key in ('image_d_loss', 'generator_loss'):
    if key in last[0]:
        res[key + '_last'] = round(sum(float(h[key]) for h in last) / len(last), 3)
D = model.image_discriminator

@torch.no_grad()
def acc(D, real, fake, mixed, mode_train=True):
    D.train(mode_train)
    ok = 0
    for i in range(0, len(real), 64):
        r, f = real[i:i + 64], fake[i:i + 64]
        if mixed:
            lo = D(torch.cat([r, f]))[0]; lr, lf = lo[:len(r)], lo[len(r):]
        else:
            lr, lf = D(r)[0], D(f)[0]
        ok += (lr > 0).sum().item() + (lf < 0).sum().item()
    return round(ok / (2 * len(real)), 3)

res['trained_DI_separate'] = acc(D, real_test, fake_test, False)
res['trained_DI_mixed'] = acc(D, real_test, fake_test, True)
res['trained_DI_separate_trainmode_fakes'] = acc(D, real_test, fake_test_trainmode, False)
res['trained_DI_eval_mode'] = acc(D, real_test, fake_test, False, mode_train=False) if any(
    getattr(m, 'track_running_stats', True) for m in D.modules() if isinstance(m, torch.nn.BatchNorm2d)) else None
# Fresh critics trained on training digits vs fresh samples, tested on held-out ones: with layer
# norm (no batch statistics) and with D_I's own batch norm (separate real and fake passes, as in
# training).
fake_train = samples(5000)
for norm in ('layer', 'batch'):
    torch.manual_seed(5)
    critic = ImageDiscriminator(model.net_config, norm=norm)
    opt = torch.optim.Adam(critic.parameters(), 2e-4, betas=(0.5, 0.999))
    for s in range(1500):
        i = torch.randint(len(real_train), (64,)); j = torch.randint(len(fake_train), (64,))
        lr, lf = critic(real_train[i])[0], critic(fake_train[j])[0]
        loss = F.softplus(-lr).mean() + F.softplus(lf).mean()
        opt.zero_grad(); loss.backward(); opt.step()
    res[f'fresh_{norm}_critic_heldout'] = acc(critic, real_test, fake_test, False)
    res[f'fresh_{norm}_critic_heldout_trainmode_fakes'] = acc(critic, real_test, fake_test_trainmode, False)
torch.save(model.state_dict(), out + '/model.pt')
print(json.dumps(res), flush=True)
with open(out + '/di.json', 'w') as fh: json.dump(res, fh)
