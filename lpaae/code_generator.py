"""The code generator CG of Table A.2: it turns simple noise into codes of the learned prior."""

from __future__ import annotations

import torch
from torch import nn

from lpaae.config import NetworkConfig


class CodeGenerator(nn.Module):
    """``noise (noise_size) -> FC 2*noise_size, BN, ReLU -> FC code_size, BN -> code``.

    Table A.2 puts batch norm on the output layer too ("FC. latent code size BN. Linear"), which
    lets CG set the scale of every code dimension through BN's affine parameters.
    """

    def __init__(self, net: NetworkConfig):
        super().__init__()
        hidden = 2 * net.noise_size
        self.net = nn.Sequential(
            nn.Linear(net.noise_size, hidden), nn.BatchNorm1d(hidden), nn.ReLU(inplace=True),
            nn.Linear(hidden, net.code_size), nn.BatchNorm1d(net.code_size),
        )

    def forward(self, noise: torch.Tensor) -> torch.Tensor:
        return self.net(noise)
