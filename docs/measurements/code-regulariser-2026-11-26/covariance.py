import torch, sys
from lpaae.diagnostics import two_sample_accuracy
d = torch.load(sys.argv[1] + '/codes.pt')
e, p, te, tp = d['enc'], d['prior'], d['train_enc'], d['train_prior']
print('n', len(e), len(te))
print('2s heldout', two_sample_accuracy(e, p), 'train codes', two_sample_accuracy(te, tp))
print('2s norm only', two_sample_accuracy(e.norm(dim=1, keepdim=True), p.norm(dim=1, keepdim=True)))
print('norms enc/prior mean,std', e.norm(dim=1).mean().item(), e.norm(dim=1).std().item(), p.norm(dim=1).mean().item(), p.norm(dim=1).std().item())
# nearest-neighbour distances within set
def nn(a):
    D = torch.cdist(a, a); D.fill_diagonal_(1e9); return D.min(1).values
print('nn dist enc/prior', nn(e).mean().item(), nn(p).mean().item())
# linear only
import torch.nn as tnn
print('2s linear-ish (hidden 1)', two_sample_accuracy(e, p, hidden=1))
# whitened: rotate with PCA of enc and compare eigenvalues
ce = torch.linalg.eigvalsh(torch.cov(e.T)); cp = torch.linalg.eigvalsh(torch.cov(p.T))
print('cov eig enc', ce.numpy().round(2)); print('cov eig prior', cp.numpy().round(2))
# whiten e with its own cov, compare to prior: tests non-Gaussian shape beyond 2nd moments
L = torch.linalg.cholesky(torch.cov(e.T)); ew = torch.linalg.solve_triangular(L, (e - e.mean(0)).T, upper=False).T
print('2s after whitening enc', two_sample_accuracy(ew, p))
# marginal kurtosis
def kurt(a): a = (a - a.mean(0)) / a.std(0); return (a ** 4).mean(0)
print('kurtosis enc', kurt(e).numpy().round(2)); print('kurtosis prior', kurt(p).numpy().round(2))
