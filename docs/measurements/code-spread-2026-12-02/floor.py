"""The two-sample classifier of lpaae.diagnostics against sets that fill only k of d directions:
N(0, I_d) against a Gaussian in a random k-dimensional subspace with the same total variance,
n points each (the default digits hold out 360), five draws per (d, k).

    python floor.py [n]
"""
import sys

import torch

from lpaae.diagnostics import effective_dimensions, two_sample_accuracy

torch.set_num_threads(1)
n = int(sys.argv[1]) if len(sys.argv) > 1 else 360
print("| d | k | two-sample accuracy, mean (min-max) over 5 draws | effective dims of the k-D set / of N(0, I_d) |")
print("|---|---|---|---|")
for d, ks in ((16, (16, 12, 8, 4)), (100, (100, 64, 32, 16, 8))):
    for k in ks:
        accuracies, spread, reference = [], [], []
        for seed in range(5):
            g = torch.Generator().manual_seed(seed)
            prior = torch.randn(n, d, generator=g)
            basis, _ = torch.linalg.qr(torch.randn(d, k, generator=g))
            flat = torch.randn(n, k, generator=g) @ basis.T * (d / k) ** 0.5
            accuracies.append(two_sample_accuracy(flat, prior, seed))
            spread.append(effective_dimensions(flat))
            reference.append(effective_dimensions(prior))
        a = torch.tensor(accuracies)
        print(f"| {d} | {k} | {a.mean():.2f} ({a.min():.2f}-{a.max():.2f}) | "
              f"{sum(spread) / 5:.1f} / {sum(reference) / 5:.1f} |", flush=True)
