"""The benchmark's reference step and ours give the same parameter updates."""

import copy

import pytest
import torch

from bench.reference import reference_step
from lpaae import config as lconf
from lpaae.runs import build_model
from lpaae.training import channels_last

from conftest import tiny_raw


@pytest.mark.parametrize("options", [{}, {"perceptual_loss": False, "decoder_in_prior_phase": False},
                                     {"perceptual_weight": 0.5}, {"regularization": "joint"},
                                     {"code_gradient_penalty": 0.0}, {"code_spread_weight": 0.0}])
def test_our_step_and_the_reference_step_update_parameters_identically(options, float64):
    # In float32, Adam turns the rounding noise of near-zero gradients (biases before batch
    # norm) into steps of +-lr, so a change of summation order (channels-last) is not
    # comparable there; in float64 that noise stays far below Adam's epsilon.
    raw = tiny_raw()
    raw["models"].setdefault("learned_prior", {}).update(options)
    torch.manual_seed(0)
    ours = build_model(lconf.from_dict(raw), "learned_prior")
    assert ours.optimizers  # built before the copy, so the copy's must be rebound to its parameters
    reference = copy.deepcopy(ours)
    channels_last(ours)  # our layout in training; the reference keeps PyTorch's default
    assert ours.encoder.features[0].weight.is_contiguous(memory_format=torch.channels_last)
    copied = {id(p) for p in reference.parameters()}
    assert all(id(p) in copied for opt in reference.optimizers.values()
               for group in opt.param_groups for p in group["params"])
    before = {k: v.clone() for k, v in ours.named_parameters()}
    x = torch.rand(8, 1, 16, 16) * 2 - 1
    assert x.dtype == next(ours.parameters()).dtype == torch.float64
    for step in range(2):  # two steps: Adam's moments must agree too
        ours.training_step(channels_last(x), torch.zeros(8, dtype=torch.long), step, _gen(step))
        reference_step(reference, x, _gen(step))
    mine, theirs = dict(ours.named_parameters()), dict(reference.named_parameters())
    for name in mine:
        torch.testing.assert_close(mine[name], theirs[name], rtol=1e-4, atol=1e-6, msg=name)
    assert any(not torch.equal(before[k], mine[k]) for k in before)


@pytest.fixture
def float64():
    previous = torch.get_default_dtype()
    torch.set_default_dtype(torch.float64)
    yield
    torch.set_default_dtype(previous)


def _gen(step):
    return torch.Generator().manual_seed(100 + step)


def test_job_benchmarks_reads_one_row_per_job_and_finds_the_largest(tmp_path):
    from bench.jobs import job_benchmarks

    header = "s\th:m:s\tmax_rss\tmax_vms\n"
    folder = tmp_path / "digits" / "benchmarks"
    folder.mkdir(parents=True)
    for job, rss in [("train/aae_code16_seed0", 700.5), ("score/aae_code16_seed0", 950.25),
                     ("train_classifier", 640.0)]:
        (folder / job).parent.mkdir(parents=True, exist_ok=True)
        (folder / f"{job}.tsv").write_text(header + f"1.0\t0:00:01\t{rss}\t2000\n")
    jobs = job_benchmarks(tmp_path)
    assert sorted(jobs["job"]) == ["score/aae_code16_seed0", "train/aae_code16_seed0",
                                   "train_classifier"]
    assert jobs.loc[jobs["max_rss"].idxmax(), "job"] == "score/aae_code16_seed0"
    assert set(jobs["dataset"]) == {"digits"}
    with pytest.raises(FileNotFoundError, match="benchmark files"):
        job_benchmarks(tmp_path / "missing")
    (folder / "sample").mkdir()
    (folder / "sample" / "aae_code16_seed0.tsv").write_text("")
    with pytest.raises(ValueError, match=r"sample/aae_code16_seed0\.tsv is not a Snakemake benchmark"):
        job_benchmarks(tmp_path)


def test_time_by_rule_strips_the_wildcards_and_sums_per_rule():
    import pandas as pd

    from bench.jobs import rule_of, time_by_rule

    assert rule_of("conditional_eval/aae_unsupervised_code16_seed2") == "conditional_eval"
    assert rule_of("train_classifier") == "train_classifier"
    jobs = pd.DataFrame({"dataset": "digits",
                         "job": ["train/aae_code16_seed0", "train/vae_code8_seed1",
                                 "score/aae_code16_seed0", "train_classifier"],
                         "s": [30.0, 10.0, 6.0, 4.0]})
    table = time_by_rule(jobs).set_index("rule")
    assert set(table["dataset"]) == {"digits"}
    assert list(table.index) == ["train", "score", "train_classifier"]
    assert table.loc["train", "jobs"] == 2 and table.loc["train", "total_s"] == 40.0
    assert table.loc["train", "median_s"] == 20.0
    assert table.loc["score", "share"] == pytest.approx(6.0 / 50.0)
