"""D_C split in two heads with separate losses, patched in for a probe run: the shipped per-code
MLP on (code, condition), unchanged, and a small head on the batch's log shape statistic
(shapeonly.py's d * mean_{i != j} (z_i . z_j)^2 / (mean_i |z_i|^2)^2, d / k for codes spread
over k directions, blind to scale). D_C returns the B per-code logits followed by BATCH_SHARE * B
copies of the batch logit (environment variable, default 1), so every loss (a mean over its
logits) weighs the per-code loss by 1 / (1 + BATCH_SHARE) and the batch loss by the rest, and the
two heads' gradients stay apart: the per-code head learns what it did without the feature. Pass
opt_code_gradient_penalty=10 / (1 + BATCH_SHARE) (5 for the default share), which keeps the
per-code head's R1-to-loss ratio of the shipped gamma 10. Run with the option on:

    python twohead.py ../code-regulariser-2026-11-26/probe.py METHOD STEPS OUT opt_code_batch_similarity=True opt_code_gradient_penalty=5 [key=value ...]
"""
import os, sys, runpy, torch
from torch import nn
import lpaae.networks as N

per_code = N.batch_similarity
#: How many copies of the batch logit follow the B per-code logits, as a share of B.
BATCH_SHARE = float(os.environ.get('BATCH_SHARE', '1'))
original_init = N.CodeDiscriminator.__init__


def shape_statistic(codes):
    d = codes.shape[1]
    return d * d * per_code(codes).mean() / codes.pow(2).sum(1).mean().pow(2)


def init(self, net, condition_size=0, minibatch_feature=False):
    original_init(self, net, condition_size, False)
    self.minibatch_feature = minibatch_feature
    if minibatch_feature:
        self.batch_head = nn.Sequential(nn.Linear(1, 16), nn.LeakyReLU(0.2), nn.Linear(16, 1))


def forward(self, z, condition=None):
    inputs = [z] if condition is None else [z, condition]
    logits = self.net(torch.cat(inputs, 1)).squeeze(1)
    if not self.minibatch_feature:
        return logits
    batch = self.batch_head(shape_statistic(z).clamp_min(1e-12).log().view(1, 1)).view(1)
    return torch.cat([logits, batch.expand(max(1, round(BATCH_SHARE * len(z))))])


N.CodeDiscriminator.__init__ = init
N.CodeDiscriminator.forward = forward
sys.argv = sys.argv[1:]
runpy.run_path(sys.argv[0], run_name='__main__')
