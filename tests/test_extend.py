"""CONTRIBUTING.md's "Add a model" walk, followed: one new file in `baselines/` and the model
trains, samples and scores in the DAG, named in an experiment, with no other file touched."""

import json
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

from conftest import ROOT, run_snakemake, tiny_raw, write_prepared_data


TOY = '''"""A plain autoencoder decoded from N(0, I): the toy model of CONTRIBUTING.md's walk."""

from dataclasses import dataclass

import torch

from lpaae.losses import squared_error
from lpaae.model import GenerativeModel
from lpaae.networks import Decoder, Encoder


@dataclass(frozen=True)
class PlainOptions:
    lr: float = 1.0e-3


class PlainAutoencoder(GenerativeModel):
    name = "plain_ae"
    Options = PlainOptions

    def __init__(self, net, options):
        super().__init__(net, options)
        self.encoder, self.decoder = Encoder(net), Decoder(net)

    def make_optimizers(self):
        return {"autoencoder": torch.optim.Adam(
            [*self.encoder.parameters(), *self.decoder.parameters()], lr=self.options.lr)}

    def codes_from_noise(self, noise, generator):
        return noise

    def training_step(self, x, labels, step, generator):
        loss = squared_error(self.decoder(self.encoder(x)), x)
        self.optimizers["autoencoder"].zero_grad()
        loss.backward()
        self.optimizers["autoencoder"].step()
        return {"reconstruction": loss.detach()}
'''


def tracked_copy(destination: Path) -> Path:
    """The checkout's files as git sees them (tracked, and new files not ignored)."""
    listed = subprocess.run(["git", "ls-files", "--cached", "--others", "--exclude-standard"],
                            cwd=ROOT, capture_output=True, text=True, check=True).stdout.split()
    for name in listed:
        if (ROOT / name).is_file():
            (destination / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(ROOT / name, destination / name)
    return destination


@pytest.mark.slow
def test_a_new_model_is_one_file(tmp_path):
    checkout = tracked_copy(tmp_path / "checkout")
    (checkout / "baselines/plain_ae.py").write_text(TOY)
    raw = tiny_raw()
    raw["experiments"]["table1"]["methods"].append("plain_ae")  # no models.plain_ae section
    workdir = tmp_path / "run"
    workdir.mkdir()
    (workdir / "toy.yaml").write_text(yaml.safe_dump(raw))
    write_prepared_data(workdir, raw)  # the data jobs are not what this test is about
    run = "results/digits/plain_ae/code4/seed0"  # targets: relative to the working directory
    result = run_snakemake(workdir, "--configfile", str(workdir / "toy.yaml"), "--cores", "2",
                           f"{run}/score.json", checkout=checkout)
    # Only the copy has plain_ae.py: a job that imported this checkout's code would fail.
    assert result.returncode == 0, result.stderr[-3000:]
    score = json.loads((workdir / run / "score.json").read_text())
    assert score["model"] == "plain_ae" and score["is_mean"] >= 1.0
    assert "reconstruction" in (workdir / run / "losses.csv").read_text().splitlines()[0]
