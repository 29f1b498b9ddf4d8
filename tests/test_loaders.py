"""Dataset loaders on small files the tests write themselves (IDX, ImageFolder), including a
truncated file and a corrupt image."""

import struct

import numpy as np
import pytest
import torch
from PIL import Image

from lpaae.config import DataConfig
from lpaae.data import DataError, load_dataset, load_prepared, save_prepared


def write_idx(folder, prefix, images, labels):
    folder.mkdir(parents=True, exist_ok=True)
    n, h, w = images.shape
    (folder / f"{prefix}-images-idx3-ubyte").write_bytes(
        struct.pack(">IIII", 0x803, n, h, w) + images.astype(np.uint8).tobytes())
    (folder / f"{prefix}-labels-idx1-ubyte").write_bytes(
        struct.pack(">II", 0x801, n) + labels.astype(np.uint8).tobytes())


@pytest.fixture
def mnist_root(tmp_path):
    rng = np.random.default_rng(0)
    raw = tmp_path / "MNIST" / "raw"
    write_idx(raw, "train", rng.integers(0, 256, (12, 28, 28)), np.arange(12) % 10)
    write_idx(raw, "t10k", rng.integers(0, 256, (5, 28, 28)), np.arange(5))
    return tmp_path


def test_idx_files_load_padded_to_32_px(mnist_root):
    train = load_dataset(DataConfig(dataset="mnist", root=str(mnist_root), image_size=32), "train")
    assert train.images.shape == (12, 1, 32, 32) and train.images.dtype == torch.uint8
    assert train.labels.tolist() == [i % 10 for i in range(12)]
    raw = np.fromfile(mnist_root / "MNIST/raw/train-images-idx3-ubyte", dtype=np.uint8)[16:]
    assert np.array_equal(train.images[:, 0, 2:30, 2:30].numpy().ravel(), raw)
    test = load_dataset(DataConfig(dataset="mnist", root=str(mnist_root), image_size=16), "test")
    assert test.images.shape == (5, 1, 16, 16)


def test_truncated_idx_file_is_a_clear_error(mnist_root):
    images = mnist_root / "MNIST/raw/train-images-idx3-ubyte"
    images.write_bytes(images.read_bytes()[:-100])
    with pytest.raises(DataError, match="truncated or corrupt") as err:
        load_dataset(DataConfig(dataset="mnist", root=str(mnist_root), image_size=32), "train")
    assert "'mnist'" in str(err.value) and str(mnist_root) in str(err.value)


def write_image(path, seed, size=20):
    path.parent.mkdir(parents=True, exist_ok=True)
    pixels = np.random.default_rng(seed).integers(0, 256, (size, size, 3)).astype(np.uint8)
    Image.fromarray(pixels).save(path)


def test_imagefolder_loads_rgb_with_class_labels(tmp_path):
    for split, n in [("train", 3), ("test", 2)]:
        for label in ["cat", "dog"]:
            for i in range(n):
                write_image(tmp_path / split / label / f"{i}.png", seed=i)
    train = load_dataset(DataConfig(dataset="imagefolder", root=str(tmp_path), image_size=16),
                         "train")
    assert train.images.shape == (6, 3, 16, 16) and train.num_classes == 2
    assert train.labels.tolist() == [0, 0, 0, 1, 1, 1]


def test_corrupt_image_is_named(tmp_path):
    write_image(tmp_path / "train" / "cat" / "good.png", seed=0)
    bad = tmp_path / "train" / "cat" / "bad.png"
    bad.write_bytes(b"\x89PNG\r\n\x1a\n" + b"not really a png")
    with pytest.raises(DataError, match="bad.png"):
        load_dataset(DataConfig(dataset="imagefolder", root=str(tmp_path), image_size=16), "train")


def test_missing_imagefolder_split_names_the_folder(tmp_path):
    with pytest.raises(DataError, match="test"):
        load_dataset(DataConfig(dataset="imagefolder", root=str(tmp_path), image_size=16), "test")


def test_prepared_split_round_trips(tmp_path):
    data = load_dataset(DataConfig(dataset="digits", image_size=16), "test")
    save_prepared(data, tmp_path / "test.pt")
    again = load_prepared(tmp_path / "test.pt")
    assert torch.equal(again.images, data.images) and torch.equal(again.labels, data.labels)
    assert again.num_classes == 10 and again.name == "digits"


def test_failed_download_says_so_and_names_the_path(tmp_path, monkeypatch):
    from urllib.error import URLError

    import torchvision

    def offline(*args, **kwargs):
        raise URLError("no network")

    # torchvision's own mirror loop catches the URLError and raises "Error downloading ...".
    monkeypatch.setattr(torchvision.datasets.mnist, "download_and_extract_archive", offline)
    with pytest.raises(DataError, match="download failed \\(no network\\?\\)") as err:
        load_dataset(DataConfig(dataset="mnist", root=str(tmp_path), image_size=32,
                                download=True), "train")
    assert str(tmp_path) in str(err.value)
