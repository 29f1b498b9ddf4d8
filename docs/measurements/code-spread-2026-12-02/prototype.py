"""The first form of the feature, patched into D_C before lpaae had the option (same formula; it divides by n - 1 and then by d, the option by their product, so its runs differ from the option's by rounding, then by chaos):

    python prototype.py ../code-regulariser-2026-11-26/probe.py METHOD STEPS OUT [key=value ...]
"""
import sys, runpy, dataclasses, torch
import lpaae.networks as N
orig_init = N.CodeDiscriminator.__init__
def init(self, net):
    orig_init(self, dataclasses.replace(net, code_size=net.code_size + 1))
def forward(self, z):
    sim = (z @ z.T).pow(2)
    n = len(z)
    f = (sim.sum(1) - sim.diagonal()) / max(n - 1, 1) / z.shape[1]
    return self.net(torch.cat([z, f.clamp_min(1e-6).log().unsqueeze(1)], 1)).squeeze(1)
N.CodeDiscriminator.__init__ = init
N.CodeDiscriminator.forward = forward
sys.argv = sys.argv[1:]
runpy.run_path(sys.argv[0], run_name='__main__')
