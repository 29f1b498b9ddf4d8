
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
import torch
import yaml

from lpaae import config as lconf

ROOT = Path(__file__).resolve().parents[1]

#: The module of the whole-DAG fixture: the suite's longest file (about four of its minutes).
#: `pytest -n auto --dist loadfile --no-loadscope-reorder` (pyproject.toml) hands whole files to
#: its workers in collection order, so this one goes first: started late, it would run alone at
#: the end on one core.
LONGEST_FILE = "test_workflow.py"


def pytest_collection_modifyitems(items):
    items.sort(key=lambda item: item.path.name != LONGEST_FILE)  # stable: order within a file kept


def snakemake_argv(workdir: Path, *args: str, checkout: Path = ROOT) -> list[str]:
    """The command line of ``snakemake`` on ``checkout``'s workflow in ``workdir``."""
    return [sys.executable, "-m", "snakemake", "-s", str(checkout / "Snakefile"), "-d",
            str(workdir), *args]


def run_snakemake(workdir: Path, *args: str, checkout: Path = ROOT,
                  timeout: float | None = None) -> subprocess.CompletedProcess:
    """Run :func:`snakemake_argv` to the end, from ``checkout``, capturing its output."""
    return subprocess.run(snakemake_argv(workdir, *args, checkout=checkout), capture_output=True,
                          text=True, cwd=checkout, timeout=timeout)


def tiny_raw(**overrides) -> dict:
    """The default config shrunk so a whole training run takes a fraction of a second."""
    with open(lconf.DEFAULT_CONFIG_PATH) as f:
        raw = yaml.safe_load(f)
    raw["network"].update(width=4, code_size=4, noise_size=4, code_discriminator_widths=[16, 8])
    raw["training"].update(steps=6, batch_size=8, checkpoint_every=2, log_every=1)
    # The code diagnostics' classifiers train 20 steps, not 400: the tiny runs check that the
    # numbers are made and travel, not their value (tests of the values set 400 back).
    raw["evaluation"].update(samples=100, splits=2, batch_size=50, two_sample_steps=20)
    raw["classifier"].update(steps=20, batch_size=32, width=4)
    raw["figures"].update(grid_rows=2, tsne_points=60)
    raw["experiments"]["fig08"]["code_size"] = 4
    raw["experiments"]["fig09"]["code_size"] = 8
    raw["experiments"]["code_size_sweep"]["code_sizes"] = [4, 8]
    for key, value in overrides.items():
        section, _, name = key.partition(".")
        if name:
            raw[section][name] = value
        else:
            raw[section] = value
    return raw


def write_prepared_data(workdir: Path, raw: dict) -> None:
    """The prepared train and test splits where the DAG's prepare_data jobs would write them, so
    a test that needs a later level of the DAG does not pay for the first one."""
    from lpaae.data import load_dataset, save_prepared

    data = lconf.from_dict(raw).data
    for split in ("train", "test"):
        save_prepared(load_dataset(data, split),
                      workdir / f"results/{data.dataset}/data/{split}-{data.image_size}px.pt")


@pytest.fixture
def tiny_config():
    return lconf.from_dict(tiny_raw())


@pytest.fixture(autouse=True)
def _single_thread():
    torch.set_num_threads(1)
    yield


def clone_params(module: torch.nn.Module) -> dict[str, torch.Tensor]:
    return {k: v.detach().clone() for k, v in module.named_parameters()}


def changed(module: torch.nn.Module, before: dict[str, torch.Tensor]) -> bool:
    """True if any parameter differs from ``before``; False if all are bit-identical."""
    return any(not torch.equal(p, before[k]) for k, p in module.named_parameters())


def modules_loaded_by(sources, modules: tuple[str, ...]) -> list[str]:
    """Which of ``modules`` the lpaae import lines of the ``sources`` files load, run in a fresh
    interpreter from the checkout (how a DAG build or a job script starts)."""
    imports = sorted({line.strip() for path in sources for line in Path(path).read_text()
                      .splitlines() if re.match(r"\s*(from|import) \S*lpaae", line)})
    assert imports, f"no lpaae import in {sources}"
    probe = "\n".join([*imports, "import json, sys",
                       f"print(json.dumps([m for m in {modules!r} if m in sys.modules]))"])
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True,
                         cwd=ROOT, check=True).stdout
    return json.loads(out)
