"""Training: exact resumption after a crash, seeds, checkpoints written atomically."""

import pytest
import torch

from lpaae import config as lconf
from lpaae import io as lio
from lpaae.data import load_dataset
from lpaae.training import load_trained, train_run

from conftest import tiny_raw


class Crash(RuntimeError):
    pass


def final_params(path):
    return load_trained(path).state_dict()


@pytest.fixture(scope="module")
def digits():
    return load_dataset(lconf.from_dict(tiny_raw()).data, "train")


@pytest.fixture(scope="module")
def heldout():
    return load_dataset(lconf.from_dict(tiny_raw()).data, "test")


@pytest.mark.parametrize("model_name", ["learned_prior", "vampprior"])
def test_resumed_run_equals_uninterrupted_run(tmp_path, digits, heldout, monkeypatch, model_name):
    # With held-out monitoring at every logged step: it must not touch the run's random stream.
    config = lconf.from_dict(tiny_raw())  # 6 steps, checkpoint every 2
    uninterrupted = tmp_path / "a" / "model.pt"
    train_run(config, model_name, digits, uninterrupted.parent, uninterrupted, heldout=heldout)

    # Second run: crash in step 5, after the checkpoint of step 4 was written.
    from lpaae.registry import registered_models
    cls = registered_models()[model_name]
    original_step = cls.training_step

    def crashing_step(self, x, labels, step, generator):
        if step == 4:
            raise Crash("simulated crash")
        return original_step(self, x, labels, step, generator)

    resumed = tmp_path / "b" / "model.pt"
    monkeypatch.setattr(cls, "training_step", crashing_step)
    with pytest.raises(Crash):
        train_run(config, model_name, digits, resumed.parent, resumed, heldout=heldout)
    assert not resumed.exists()
    checkpoint = lio.load_torch(resumed.parent / "checkpoint.pt")
    assert checkpoint["step"] == 4

    monkeypatch.setattr(cls, "training_step", original_step)
    train_run(config, model_name, digits, resumed.parent, resumed, heldout=heldout)

    a, b = final_params(uninterrupted), final_params(resumed)
    assert a.keys() == b.keys()
    for key in a:
        assert torch.equal(a[key], b[key]), key
    assert not (resumed.parent / "checkpoint.pt").exists()
    losses = (resumed.parent / "losses.csv").read_text().splitlines()
    assert losses == (uninterrupted.parent / "losses.csv").read_text().splitlines()
    assert [int(line.split(",")[0]) for line in losses[1:]] == [1, 2, 3, 4, 5, 6]
    assert "encoder_code_std" in losses[0]
    assert (resumed.parent / "diagnostics.json").read_text() == \
        (uninterrupted.parent / "diagnostics.json").read_text()


def test_checkpoint_of_other_settings_is_not_resumed(tmp_path, digits, caplog):
    config = lconf.from_dict(tiny_raw())
    model = tmp_path / "model.pt"
    train_run(config, "aae", digits, tmp_path, model)
    lio.save_torch({"settings_digest": "something else", "step": 4}, tmp_path / "checkpoint.pt")
    train_run(config, "aae", digits, tmp_path, model)
    assert "written for other settings" in caplog.text


def test_same_seed_same_model_other_seed_other_model(tmp_path, digits):
    runs = {}
    for name, seed in [("a", 0), ("b", 0), ("c", 1)]:
        config = lconf.from_dict(tiny_raw(seeds=[seed]))
        path = tmp_path / name / "model.pt"
        train_run(config, "vae", digits, path.parent, path)
        runs[name] = final_params(path)
    assert all(torch.equal(runs["a"][k], runs["b"][k]) for k in runs["a"])
    assert not all(torch.equal(runs["a"][k], runs["c"][k]) for k in runs["a"])


def test_atomic_write_keeps_the_old_file_when_writing_fails(tmp_path):
    target = tmp_path / "table.csv"
    lio.write_text("old", target)
    with pytest.raises(ZeroDivisionError):
        with lio.atomic_path(target) as tmp:
            tmp.write_text("half-writ")
            1 / 0
    assert target.read_text() == "old"
    assert list(tmp_path.iterdir()) == [target]


def test_bf16_autocast_trains_with_finite_losses_and_fp32_weights(tmp_path, digits):
    config = lconf.from_dict(tiny_raw(precision="bf16"))
    path = tmp_path / "model.pt"
    provenance = train_run(config, "learned_prior", digits, tmp_path, path)
    assert provenance["settings"]["precision"] == "bf16"
    model = load_trained(path)
    assert all(p.dtype == torch.float32 for p in model.parameters())
    lines = (tmp_path / "losses.csv").read_text().splitlines()
    assert len(lines) == 7 and "nan" not in "".join(lines).lower()


def test_monitoring_held_out_codes_does_not_change_the_run(tmp_path, digits, heldout):
    config = lconf.from_dict(tiny_raw())
    plain, monitored = tmp_path / "plain" / "model.pt", tmp_path / "monitored" / "model.pt"
    train_run(config, "learned_prior", digits, plain.parent, plain)
    train_run(config, "learned_prior", digits, monitored.parent, monitored, heldout=heldout)
    a, b = final_params(plain), final_params(monitored)
    assert all(torch.equal(a[k], b[k]) for k in a)
    assert "encoder_code_std" in (monitored.parent / "losses.csv").read_text()
