"""Data: sizes, ranges and the mini-batch schedule."""

import pytest
import torch

from lpaae.config import DataConfig
from lpaae.data import BatchSchedule, load_dataset, resize, to_uint8, to_unit_range


def test_digits_splits_are_disjoint_sized_and_balanced():
    train = load_dataset(DataConfig(dataset="digits", image_size=16), "train")
    test = load_dataset(DataConfig(dataset="digits", image_size=16), "test")
    assert train.images.shape == (1437, 1, 16, 16) and test.images.shape == (360, 1, 16, 16)
    assert train.images.dtype == torch.uint8 and int(train.images.max()) == 255
    assert set(test.labels.tolist()) == set(range(10)) and train.num_classes == 10


def test_mnist_sized_images_are_padded_to_32():
    x = torch.randint(0, 256, (2, 1, 28, 28), dtype=torch.uint8)
    y = resize(x, 32)
    assert y.shape == (2, 1, 32, 32) and torch.equal(y[:, :, 2:30, 2:30], x)
    assert int(y[:, :, :2].max()) == 0


def test_unit_range_round_trip():
    x = torch.arange(256, dtype=torch.uint8).reshape(1, 1, 16, 16)
    assert to_unit_range(x).min() == -1 and to_unit_range(x).max() == 1
    assert torch.equal(to_uint8(to_unit_range(x)), x)


def test_batch_schedule_visits_every_example_once_per_epoch_and_is_stateless():
    schedule = BatchSchedule(n=10, batch_size=3, seed=0)
    epoch0 = torch.cat([schedule.indices(s) for s in range(3)])
    assert len(set(epoch0.tolist())) == 9  # the incomplete last batch is dropped
    epoch1 = torch.cat([schedule.indices(s) for s in range(3, 6)])
    assert not torch.equal(epoch0, epoch1)
    fresh = BatchSchedule(n=10, batch_size=3, seed=0)
    assert torch.equal(fresh.indices(4), schedule.indices(4))
    assert not torch.equal(BatchSchedule(10, 3, seed=1).indices(0), fresh.indices(0))


def test_batch_larger_than_dataset_is_rejected():
    with pytest.raises(ValueError, match="training.batch_size.*only 5"):
        BatchSchedule(n=5, batch_size=8, seed=0)
