"""The code generator CG of Table A.2: it turns simple noise into codes of the learned prior."""

from __future__ import annotations

import torch
from torch import nn


class CodeGenerator(nn.Module):
    """``input (input_size) -> FC 2*input_size, BN, ReLU -> FC code_size, BN -> code``.

    Its input is the noise z, or ``[one-hot s, z]`` in the conditional settings (Table A.2's
    "noise size" is the width of that input).

    Table A.2 puts batch norm on the output layer too ("FC. latent code size BN. Linear"), which
    lets CG set the scale of every code dimension through BN's affine parameters.
    """

    def __init__(self, input_size: int, code_size: int):
        super().__init__()
        hidden = 2 * input_size
        self.net = nn.Sequential(
            nn.Linear(input_size, hidden), nn.BatchNorm1d(hidden), nn.ReLU(inplace=True),
            nn.Linear(hidden, code_size), nn.BatchNorm1d(code_size),
        )

    def forward(self, noise: torch.Tensor) -> torch.Tensor:
        return self.net(noise)
