"""What tells a run's encoder codes from its prior codes: `python covariance.py OUT`, where OUT is
a folder that probe.py wrote (it holds codes.pt: held-out and training codes with as many prior
codes). Prints the numbers quoted in README.md in this folder."""
import sys

import torch

from lpaae.diagnostics import two_sample_accuracy

d = torch.load(sys.argv[1] + '/codes.pt')
e, p, te, tp = d['enc'], d['prior'], d['train_enc'], d['train_prior']
print('points', len(e), len(te))
print('two-sample, held-out codes', two_sample_accuracy(e, p), 'training codes', two_sample_accuracy(te, tp))
print('two-sample, whitened (each set by its own training half)', two_sample_accuracy(e, p, whiten=True))
print('two-sample, code norms only', two_sample_accuracy(e.norm(dim=1, keepdim=True), p.norm(dim=1, keepdim=True)))


def nearest_neighbour_distance(a):
    distances = torch.cdist(a, a)
    distances.fill_diagonal_(float('inf'))
    return distances.min(1).values.mean().item()


print('mean nearest-neighbour distance, encoder / prior', nearest_neighbour_distance(e), nearest_neighbour_distance(p))
print('covariance eigenvalues, encoder', torch.linalg.eigvalsh(torch.cov(e.T)).numpy().round(2))
print('covariance eigenvalues, prior', torch.linalg.eigvalsh(torch.cov(p.T)).numpy().round(2))
