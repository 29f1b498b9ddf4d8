"""Training: exact resumption after a crash, seeds, checkpoints written atomically."""

import json
import logging
import subprocess
import sys
from pathlib import Path

import pytest
import torch

from lpaae import config as lconf
from lpaae import files as lio
from lpaae.data import load_dataset
from lpaae.training import load_trained, train_run

from conftest import ROOT, tiny_raw


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


@pytest.mark.parametrize("model_name", ["aae", "vae", "vampprior", "learned_prior", "wgan_gp"])
def test_a_loaded_model_samples_without_optimisers_and_builds_them_for_every_parameter(
        tmp_path, digits, model_name):
    path = tmp_path / "model.pt"
    train_run(lconf.from_dict(tiny_raw()), model_name, digits, tmp_path, path)
    model = load_trained(path)
    model.sample(model.noise(4, torch.Generator().manual_seed(0)), torch.Generator().manual_seed(1))
    assert "optimizers" not in vars(model)  # sampling built none
    # Built at first use (training, resuming): together they train every parameter (VampPrior's
    # pseudo-inputs too).
    trained = {id(p) for optimizer in model.optimizers.values()
               for group in optimizer.param_groups for p in group["params"]}
    assert trained == {id(p) for p in model.parameters()}


def test_a_mistake_in_make_optimizers_is_reported_as_itself():
    from lpaae.registry import registered_models

    class Broken(registered_models()["vae"]):
        def make_optimizers(self):
            return {"autoencoder": self.options.learning_rate}  # no such option

    model = Broken(lconf.from_dict(tiny_raw()).network, registered_models()["vae"].Options())
    with pytest.raises(RuntimeError, match="Broken.make_optimizers failed: .*learning_rate"):
        model.optimizers


def test_a_sampling_job_runs_deterministic_without_loading_the_compiler(tmp_path, digits):
    """A job that only samples starts in deterministic mode and imports neither
    ``torch._dynamo`` nor Inductor (about half of such a job's CPU time on a 2-core VM)."""
    path = tmp_path / "model.pt"
    train_run(lconf.from_dict(tiny_raw()), "learned_prior", digits, tmp_path, path)
    probe = f"""
import json, sys, torch
from lpaae import jobs
jobs.start(None, 1)
jobs.sample_job({str(path)!r}, {str(tmp_path / 's.pt')!r}, {str(tmp_path / 'g.pt')!r},
                samples=8, grid_images=4, latent_seed=0, device="cpu")
print(json.dumps([torch.are_deterministic_algorithms_enabled(),
                  torch.is_deterministic_algorithms_warn_only_enabled(),
                  [m for m in ("torch._dynamo", "torch._inductor") if m in sys.modules]]))
"""
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True,
                         cwd=ROOT)
    assert out.returncode == 0, out.stderr[-2000:]
    assert json.loads(out.stdout.splitlines()[-1]) == [True, True, []]
    assert lio.load_torch(tmp_path / "s.pt")["images"].shape[0] == 8


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


def test_a_run_killed_with_sigkill_resumes_and_ends_identical(tmp_path, digits):
    """Fault injection: the process dies at step 5 (after the step-4 checkpoint) with no chance
    to clean up; the rerun resumes from the checkpoint, counts the earlier stretch in its wall
    time, and ends bit-identical to an uninterrupted run."""
    import subprocess
    import sys

    config = lconf.from_dict(tiny_raw())
    uninterrupted = tmp_path / "a" / "model.pt"
    train_run(config, "aae", digits, uninterrupted.parent, uninterrupted)
    killed = tmp_path / "b" / "model.pt"
    script = f"""
import os, signal, torch
from conftest import tiny_raw
from lpaae import config as lconf
from lpaae.data import load_dataset
from lpaae.registry import registered_models
from lpaae.training import train_run
torch.set_num_threads(1)
cls = registered_models()["aae"]
step_of = cls.training_step
def dying(self, x, labels, step, generator):
    if step == 4:
        os.kill(os.getpid(), signal.SIGKILL)
    return step_of(self, x, labels, step, generator)
cls.training_step = dying
config = lconf.from_dict(tiny_raw())
train_run(config, "aae", load_dataset(config.data, "train"), {str(killed.parent)!r}, {str(killed)!r})
"""
    result = subprocess.run([sys.executable, "-c", script], cwd=Path(__file__).parent,
                            capture_output=True, text=True)
    assert result.returncode == -9, result.stderr[-2000:]
    assert not killed.exists()
    checkpoint = lio.load_torch(killed.parent / "checkpoint.pt")
    assert checkpoint["step"] == 4 and checkpoint["wall_time_s"] > 0

    provenance = train_run(config, "aae", digits, killed.parent, killed)
    assert provenance["wall_time_s"] >= checkpoint["wall_time_s"]
    a, b = final_params(uninterrupted), final_params(killed)
    assert all(torch.equal(a[key], b[key]) for key in a)


def test_a_corrupt_checkpoint_is_moved_aside_and_the_run_starts_again(tmp_path, digits, caplog):
    config = lconf.from_dict(tiny_raw())
    clean = tmp_path / "a" / "model.pt"
    train_run(config, "aae", digits, clean.parent, clean)
    run = tmp_path / "b"
    run.mkdir()
    (run / "checkpoint.pt").write_bytes(b"PK\x03\x04 truncated")
    train_run(config, "aae", digits, run, run / "model.pt")
    aside = list(run.glob("checkpoint.pt.corrupt-*"))
    assert len(aside) == 1 and "truncated or corrupt" in caplog.text and str(aside[0]) in caplog.text
    a, b = final_params(clean), final_params(run / "model.pt")
    assert all(torch.equal(a[key], b[key]) for key in a)  # a full run from step 0


def test_a_truncated_model_file_is_reported_by_name(tmp_path, digits):
    config = lconf.from_dict(tiny_raw())
    model = tmp_path / "model.pt"
    train_run(config, "aae", digits, tmp_path, model)
    model.write_bytes(model.read_bytes()[:1000])
    with pytest.raises(lio.UnreadableFileError, match=f"{model}.*delete it and rerun"):
        load_trained(model)


def test_result_files_follow_the_umask_and_logs_keep_earlier_attempts(tmp_path):
    from lpaae.joblog import setup_logging

    lio.write_text("x", tmp_path / "table.csv")  # as open(..., "w") would make it, not 0600
    assert (tmp_path / "table.csv").stat().st_mode & 0o777 == 0o666 & ~lio._umask()
    log = tmp_path / "train.log"
    for attempt in ("first", "second"):
        setup_logging(log)
        logging.getLogger("lpaae").info("%s attempt", attempt)
    text = log.read_text()
    assert text.index("first attempt") < text.index("second attempt")
    assert text.count("job started") == 2


def test_loss_curve_keeps_every_column_when_a_resumed_run_logs_a_new_one(tmp_path):
    """A run resumed under a newer code version may log a column its checkpointed rows lack;
    the curve keeps both (empty cells where a row has no value) instead of failing at the end
    of training."""
    from lpaae.training import _write_losses

    path = tmp_path / "losses.csv"
    _write_losses([{"step": 25, "code_d_loss": 0.7}, {"step": 50, "code_d_loss": 0.6,
                                                      "code_d_penalty": 0.01}], path)
    assert path.read_text().splitlines() == ["step,code_d_loss,code_d_penalty", "25,0.7,",
                                             "50,0.6,0.01"]
