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
from urllib.error import URLError

import numpy as np
import torch
import torch.nn.functional as F

from lpaae.config import DataConfig
from lpaae.devices import to_device


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
        return to_unit_range(to_device(self.images[indices], device))


def to_unit_range(images_uint8: torch.Tensor) -> torch.Tensor:
    return images_uint8.float().div(127.5).sub(1.0)


def to_uint8(images: torch.Tensor) -> torch.Tensor:
    """Inverse of :func:`to_unit_range`, rounding to the nearest pixel value."""
    return images.add(1.0).mul(127.5).round().clamp(0, 255).to(torch.uint8)


def resize(images: torch.Tensor, size: int) -> torch.Tensor:
    """uint8 ``(N, C, h, w)`` to ``(N, C, size, size)`` (see :func:`resample`)."""
    if images.shape[-1] == size:
        return images
    return resample(images.float(), size, fill=0.0).round().clamp(0, 255).to(torch.uint8)


def resample(images: torch.Tensor, size: int, fill: float) -> torch.Tensor:
    """Float ``(N, C, h, w)`` to ``(N, C, size, size)``: 28 -> 32 pads with ``fill`` (MNIST-style
    digits keep their pixels), anything else is bilinear, antialiased when it shrinks."""
    h = images.shape[-1]
    if h == size:
        return images
    if h == 28 and size == 32:
        return F.pad(images, (2, 2, 2, 2), value=fill)
    return F.interpolate(images, size=(size, size), mode="bilinear", align_corners=False,
                         antialias=size < h)


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


def _download_failed(cfg: DataConfig, where: Path, reason: object) -> DataError:
    return _missing(cfg, where, f"The download failed (no network?): {reason}. Place the "
                    "dataset's files there by hand (a torchvision copy), or run once on a "
                    "connected machine.")


def _corrupt(cfg: DataConfig, where: Path, err: Exception) -> DataError:
    return DataError(
        f"dataset '{cfg.dataset}': the files under {where} cannot be read ({type(err).__name__}: "
        f"{err}); they are probably truncated or corrupt: delete them and download or copy them "
        "again")


def _torchvision(cls_name: str, subdir: str):
    """A torchvision dataset class, read (or, with ``data.download``, fetched) under data.root."""
    def load(cfg: DataConfig, train: bool):
        import torchvision

        cls = getattr(torchvision.datasets, cls_name)
        split = {"split": "train" if train else "test"} if cls_name == "SVHN" else {"train": train}
        where = Path(cfg.root) / subdir
        try:
            ds = cls(cfg.root, download=cfg.download, **split)
        except URLError as err:  # data.download on a machine without network
            raise _download_failed(cfg, where, err.reason) from err
        except RuntimeError as err:
            if str(err).startswith("Error downloading"):  # torchvision tried every mirror
                raise _download_failed(cfg, where, str(err).splitlines()[0]) from err
            if "not found" in str(err).lower():  # torchvision: "Dataset not found ..."
                raise _missing(cfg, where, "Set data.download: true on a connected machine, or "
                               "point data.root at a folder that holds a torchvision copy.") from err
            raise _corrupt(cfg, where, err) from err
        except (OSError, ValueError, EOFError) as err:
            raise _corrupt(cfg, where, err) from err
        data = torch.as_tensor(np.asarray(ds.data))
        labels = np.asarray(ds.labels if cls_name == "SVHN" else ds.targets)
        if data.dim() == 3:  # (N, H, W) grey
            images = data.unsqueeze(1)
        elif data.shape[-1] == 3:  # (N, H, W, C), CIFAR-10
            images = data.permute(0, 3, 1, 2)
        else:  # (N, C, H, W), SVHN
            images = data
        return images.contiguous(), torch.as_tensor(labels), 10
    return load


def _imagefolder(cfg: DataConfig, train: bool):
    """Any ``<root>/{train,test}/<class>/<image>`` tree, read as RGB (e.g. the JPEG CIFAR-10)."""
    import torchvision
    from torchvision.transforms.functional import pil_to_tensor

    folder = Path(cfg.root) / ("train" if train else "test")
    if not folder.is_dir():
        raise _missing(cfg, folder, "Expected <root>/train/<class>/* and <root>/test/<class>/*.")
    ds = torchvision.datasets.ImageFolder(folder, transform=lambda im: pil_to_tensor(im.convert("RGB")))
    images = []
    for i, (path, _) in enumerate(ds.samples):
        try:
            images.append(ds[i][0])
        except (OSError, ValueError) as err:
            raise DataError(f"dataset '{cfg.dataset}': cannot decode image {path} "
                            f"({type(err).__name__}: {err}); it is probably truncated or corrupt") from err
    sizes = {tuple(im.shape) for im in images}
    if len(sizes) != 1:
        raise DataError(f"dataset '{cfg.dataset}': images under {folder} differ in size {sorted(sizes)}")
    return torch.stack(images), torch.as_tensor(ds.targets), len(ds.classes)


Loader = Callable[[DataConfig, bool], tuple[torch.Tensor, torch.Tensor, int]]

#: name -> (loader, image channels). The config schema lists the same names.
DATASETS: dict[str, tuple[Loader, int]] = {
    "digits": (_digits, 1),
    "mnist": (_torchvision("MNIST", "MNIST/raw"), 1),
    "fashion-mnist": (_torchvision("FashionMNIST", "FashionMNIST/raw"), 1),
    "cifar10": (_torchvision("CIFAR10", "cifar-10-batches-py"), 3),
    "svhn": (_torchvision("SVHN", ""), 3),
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


def save_prepared(data: ImageData, path: str | Path) -> None:
    """Write a decoded, resized split once (the DAG's prepare_data rule), atomically."""
    from lpaae import files as lio

    lio.save_torch({"name": data.name, "images": data.images, "labels": data.labels,
                    "num_classes": data.num_classes}, path)


def load_prepared(path: str | Path) -> ImageData:
    """A split written by :func:`save_prepared`: what every job reads instead of re-decoding."""
    from lpaae import files as lio

    saved = lio.load_torch(path)
    return ImageData(saved["name"], saved["images"], saved["labels"], saved["num_classes"])


class BatchSchedule:
    """Which examples make up mini-batch ``step``: a fresh permutation every epoch, drawn from
    ``(seed, epoch)`` alone, so a resumed run sees exactly the batches an uninterrupted run sees."""

    def __init__(self, n: int, batch_size: int, seed: int):
        if batch_size > n:
            raise ValueError(f"a training step takes {batch_size} images (config key "
                             f"'training.batch_size', times the batches a step of this model "
                             f"takes) but the training set has only {n}")
        self.n, self.batch_size, self.seed = n, batch_size, seed
        self.steps_per_epoch = n // batch_size  # the last incomplete batch is dropped
        self._epoch, self._perm = -1, torch.empty(0, dtype=torch.long)

    def indices(self, step: int) -> torch.Tensor:
        epoch, i = divmod(step, self.steps_per_epoch)
        if epoch != self._epoch:
            g = torch.Generator().manual_seed(self.seed * 1_000_003 + epoch)
            self._epoch, self._perm = epoch, torch.randperm(self.n, generator=g)
        return self._perm[i * self.batch_size:(i + 1) * self.batch_size]
