"""How much one two-sample accuracy moves with its split and classifier seed (20 seeds) on
saved probe codes, and its value between two draws of the AAE's prior (the null):

    python noise.py RUN ...   (RUN: a folder under /work/runs with a probe's codes.pt)
"""
import torch, statistics as st, sys
from lpaae.diagnostics import two_sample_accuracy
torch.set_num_threads(1)
torch.manual_seed(0)  # the null's second prior draw
for name in sys.argv[1:]:
    c = torch.load(f'/work/runs/{name}/codes.pt')
    e, p = c['enc'], c['prior']
    accs = [two_sample_accuracy(e, p, seed) for seed in range(20)]
    n = min(len(e), len(p)); t = 2 * (n - n // 2); m = st.mean(accs)
    null = [two_sample_accuracy(torch.randn_like(p), p, seed) for seed in range(20)] if 'aae' in name else []
    print(name, len(e), 'mean', round(m, 3), 'sd over 20 splits', round(st.stdev(accs), 3), 'binomial sd', round((m * (1 - m) / t) ** .5, 3),
          'range', min(accs), max(accs), 'null mean/sd' , null and (round(st.mean(null), 3), round(st.stdev(null), 3)))
