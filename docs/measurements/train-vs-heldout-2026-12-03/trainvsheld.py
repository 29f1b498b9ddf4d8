"""Is the encoder's mismatch with its prior a matter of held-out images (the encoder generalising
badly) or of every image? For each probe's ``codes.pt`` (written by
``../code-regulariser-2026-11-26/probe.py``: 'enc'/'prior' from held-out images, 'train_enc'/
'train_prior' from 500 training images, each with fresh prior codes), prints the ten-split mean
of the fresh two-sample classifier (``lpaae.diagnostics.two_sample_accuracies``) for held-out
codes vs prior codes, training codes vs prior codes, and held-out codes vs training codes.

    cd /work/runs && OMP_NUM_THREADS=1 python \
        /work/main/docs/measurements/train-vs-heldout-2026-12-03/trainvsheld.py DIR/codes.pt ...
"""
import sys

import torch

from lpaae.diagnostics import two_sample_accuracies

torch.set_num_threads(1)
for path in sys.argv[1:]:
    codes = torch.load(path)
    n = min(len(codes['enc']), len(codes['train_enc']))
    def mean(a, b):
        values = two_sample_accuracies(a[:n], b[:n])
        return round(sum(values) / len(values), 3)
    print(path, 'n', n, 'held-vs-prior', mean(codes['enc'], codes['prior']),
          'train-vs-prior', mean(codes['train_enc'], codes['train_prior']),
          'held-vs-train enc', mean(codes['enc'], codes['train_enc']), flush=True)
