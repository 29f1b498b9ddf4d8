"""Datasets, brought to the model's image size as uint8 tensors, and the mini-batch schedule.

Images are kept as uint8 ``(N, C, H, W)`` in memory (small enough for every dataset the paper uses)
and converted to floats in [-1, 1] per batch, which is the range of the decoder's Tanh.

Resizing, one documented way: 28-px MNIST-style digits go to 32 px by zero-padding 2 px on each
side (what the authors' 32x32 MNIST grids suggest), every other size change is an antialiased
bilinear resize.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Callable

import numpy as np
import torch
import torch.nn.functional as F

from lpaae.config import DataConfig


class DataError(FileNotFoundError):
    """A dataset cannot be read; the message names the dataset, the path and how to provide it."""


@dataclass(frozen=True)
class ImageData:
    name: str
    images: torch.Tensor  # uint8, (N, C, H, W)
    labels: torch.Tensor  # int64, (N,)
    num_classes: int

    def __len__(self) -> int:
        return self.images.shape[0]

    def batch(self, indices: torch.Tensor, device: torch.device | str = "cpu") -> torch.Tensor:
        """Images at ``indices`` as floats in [-1, 1] on ``device``."""
        return to_unit_range(self.images[indices].to(device))


def to_unit_range(images_uint8: torch.Tensor) -> torch.Tensor:
    return images_uint8.float().div(127.5).sub(1.0)


def to_uint8(images: torch.Tensor) -> torch.Tensor:
    """Inverse of :func:`to_unit_range`, rounding to the nearest pixel value."""
    return images.add(1.0).mul(127.5).round().clamp(0, 255).to(torch.uint8)


def resize(images: torch.Tensor, size: int) -> torch.Tensor:
    """uint8 ``(N, C, h, w)`` to ``(N, C, size, size)``; 28 -> 32 pads, anything else resamples."""
    h = images.shape[-1]
    if h == size:
        return images
    if h == 28 and size == 32:
        return F.pad(images, (2, 2, 2, 2))
    resized = F.interpolate(images.float(), size=(size, size), mode="bilinear",
                            align_corners=False, antialias=size < h)
    return resized.round().clamp(0, 255).to(torch.uint8)


# -- loaders: each returns (images uint8 (N, C, h, w), labels, num_classes) at native size -------

def _digits(cfg: DataConfig, train: bool):
    """scikit-learn's bundled 8x8 digits (1,797 images, no download): a fixed stratified 80/20
    split, pixel values 0..16 scaled to 0..255."""
    from sklearn.datasets import load_digits
    from sklearn.model_selection import train_test_split

    digits = load_digits()
    images = np.round(digits.images * (255.0 / 16.0)).astype(np.uint8)
    train_idx, test_idx = train_test_split(np.arange(len(images)), test_size=0.2,
                                           stratify=digits.target, random_state=0)
    idx = train_idx if train else test_idx
    return torch.from_numpy(images[idx]).unsqueeze(1), torch.from_numpy(digits.target[idx]), 10


def _missing(cfg: DataConfig, looked_in: Path, how: str) -> DataError:
    return DataError(
        f"dataset '{cfg.dataset}': no readable data at {looked_in}. {how} "
        f"(config keys 'data.root' = {cfg.root!r}, 'data.download' = {cfg.download})")


def _torchvision(cls_name: str, subdir: str):
    def load(cfg: DataConfig, train: bool):
        import torchvision

        cls = getattr(torchvision.datasets, cls_name)
        try:
            ds = cls(cfg.root, train=train, download=cfg.download)
        except RuntimeError as err:  # torchvision: "Dataset not found or corrupted"
            raise _missing(cfg, Path(cfg.root) / subdir,
                           "Set data.download: true on a connected machine, or point data.root "
                           "at a folder that holds a torchvision copy.") from err
        data = torch.as_tensor(np.asarray(ds.data))
        images = data.unsqueeze(1) if data.dim() == 3 else data.permute(0, 3, 1, 2)
        return images.contiguous(), torch.as_tensor(np.asarray(ds.targets)), len(ds.classes)
    return load


def _imagefolder(cfg: DataConfig, train: bool):
    """Any ``<root>/{train,test}/<class>/<image>`` tree, read as RGB (e.g. the JPEG CIFAR-10)."""
    import torchvision
    from torchvision.transforms.functional import pil_to_tensor

    folder = Path(cfg.root) / ("train" if train else "test")
    if not folder.is_dir():
        raise _missing(cfg, folder, "Expected <root>/train/<class>/* and <root>/test/<class>/*.")
    ds = torchvision.datasets.ImageFolder(folder, transform=lambda im: pil_to_tensor(im.convert("RGB")))
    try:
        images = torch.stack([ds[i][0] for i in range(len(ds))])
    except (OSError, RuntimeError) as err:
        raise DataError(f"dataset '{cfg.dataset}': cannot decode an image under {folder}: {err}") from err
    return images, torch.as_tensor(ds.targets), len(ds.classes)


Loader = Callable[[DataConfig, bool], tuple[torch.Tensor, torch.Tensor, int]]

#: name -> (loader, image channels). The config schema lists the same names.
DATASETS: dict[str, tuple[Loader, int]] = {
    "digits": (_digits, 1),
    "mnist": (_torchvision("MNIST", "MNIST/raw"), 1),
    "fashion-mnist": (_torchvision("FashionMNIST", "FashionMNIST/raw"), 1),
    "cifar10": (_torchvision("CIFAR10", "cifar-10-batches-py"), 3),
    "imagefolder": (_imagefolder, 3),
}


def dataset_channels(name: str) -> int:
    return DATASETS[name][1]


def load_dataset(cfg: DataConfig, split: str) -> ImageData:
    """The ``train`` or ``test`` split of ``cfg.dataset`` at ``cfg.image_size`` pixels."""
    if split not in ("train", "test"):
        raise ValueError(f"split must be 'train' or 'test', got {split!r}")
    loader, _ = DATASETS[cfg.dataset]
    images, labels, num_classes = loader(cfg, split == "train")
    return ImageData(cfg.dataset, resize(images, cfg.image_size), labels.long(), num_classes)


class BatchSchedule:
    """Which examples make up mini-batch ``step``: a fresh permutation every epoch, drawn from
    ``(seed, epoch)`` alone, so a resumed run sees exactly the batches an uninterrupted run sees."""

    def __init__(self, n: int, batch_size: int, seed: int):
        if batch_size > n:
            raise ValueError(f"batch size {batch_size} exceeds the {n} training examples")
        self.n, self.batch_size, self.seed = n, batch_size, seed
        self.steps_per_epoch = n // batch_size  # the last incomplete batch is dropped
        self._epoch, self._perm = -1, torch.empty(0, dtype=torch.long)

    def indices(self, step: int) -> torch.Tensor:
        epoch, i = divmod(step, self.steps_per_epoch)
        if epoch != self._epoch:
            g = torch.Generator().manual_seed(self.seed * 1_000_003 + epoch)
            self._epoch, self._perm = epoch, torch.randperm(self.n, generator=g)
        return self._perm[i * self.batch_size:(i + 1) * self.batch_size]
