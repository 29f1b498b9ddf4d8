"""Where tensors live: the configured device, and copies onto it that do not stall a GPU."""

from __future__ import annotations

import torch

from lpaae.config import ConfigError


def resolve_device(name: str) -> torch.device:
    if name == "auto":
        return torch.device("cuda" if torch.cuda.is_available() else "cpu")
    if name == "cuda" and not torch.cuda.is_available():
        raise ConfigError("config key 'device' is 'cuda' but no CUDA device is available; "
                          "use 'cpu' or 'auto'")
    return torch.device(name)


def to_device(tensor: torch.Tensor, device: torch.device | str) -> torch.Tensor:
    """``tensor`` (on the CPU) copied to ``device`` without waiting for the device.

    A plain ``.to("cuda")`` of pageable memory waits until the GPU has finished all queued work,
    so each of a training step's small host draws (noise, labels, the batch) would drain the
    GPU's queue and leave it idle while Python launches the next kernels. A copy from pinned
    memory is queued like a kernel instead; PyTorch's host allocator keeps the pinned buffer
    alive until the copy has run. On the CPU this is a plain ``.to``.
    """
    device = torch.device(device)
    if device.type != "cuda" or tensor.device.type != "cpu":
        return tensor.to(device)
    return tensor.pin_memory().to(device, non_blocking=True)
