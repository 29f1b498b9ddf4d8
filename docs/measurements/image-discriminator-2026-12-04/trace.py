"""Per-step trace of D_I in the first STEPS steps of METHOD (mnist-cpu settings): its loss, and
its accuracy on the batch it was just trained on, before and after the generator's step."""
import sys, torch
import torch.nn.functional as F
from lpaae import config as C
from lpaae.data import load_dataset
from lpaae.runs import resolve
from lpaae.training import seed_everything
torch.set_num_threads(1)
method, steps = sys.argv[1], int(sys.argv[2])
raw = C.merged(*(C.read_yaml(p) for p in [C.DEFAULT_CONFIG_PATH, '/work/main/config/mnist-cpu.yaml']))
raw['data'].update(root='/work/shared/data/mnist-10k', download=False); raw['seeds'] = [0]
cfg = C.from_dict(raw)
data = load_dataset(cfg.data, 'train')
seed_everything(0)
model = resolve(cfg, method, None).build(); model.train()
g = torch.Generator().manual_seed(0)
D = model.image_discriminator
probe_real = data.batch(torch.arange(64))
for step in range(steps):
    idx = torch.randint(len(data), (64 * model.batches_per_step,), generator=g)
    x = data.batch(idx)
    out = model.training_step(x, data.labels[idx], step, g)
    if step % int(sys.argv[3]) == 0:
        with torch.no_grad():
            fake = model.decode(model.codes_from_noise(model.noise(64, g), g))
            lr, lf = D(probe_real)[0], D(fake)[0]
        print(step, 'd_loss %.3f' % float(out['image_d_loss']), 'acc real %.2f fake %.2f' % ((lr > 0).float().mean(), (lf < 0).float().mean()),
              'logit real %.2f±%.2f fake %.2f±%.2f' % (lr.mean(), lr.std(), lf.mean(), lf.std()), flush=True)
