"""How much of a Gaussian-posterior encoder's code is noise: for the first 360 held-out images of
a run's prepared test split, the encoder's per-dimension posterior variance (mean over images)
against the variance of its means across images, averaged over dimensions.

    python posterior_noise.py RESULTS/DATASET/METHOD/code16/seed0/model.pt RESULTS/DATASET/data/test-16px.pt
"""
import sys

import torch

from lpaae.data import load_prepared
from lpaae.networks import mean_and_log_var
from lpaae.training import load_trained

model, test = load_trained(sys.argv[1]).eval(), load_prepared(sys.argv[2])
with torch.no_grad():
    mean, log_var = mean_and_log_var(model.encoder(test.batch(torch.arange(360), "cpu")))
noise, signal = log_var.exp().mean(0), mean.var(0)
print(f"posterior std {noise.sqrt().mean():.2f}, std of the means {signal.sqrt().mean():.2f}, "
      f"noise's share of the code's variance {(noise / (noise + signal)).mean():.2f}")
