"""Bad configuration is rejected with a message naming the key, before any work starts."""

import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from lpaae import config as lconf
from lpaae.data import DataError, load_dataset
from lpaae.registry import build_model, registered_models
from lpaae.runs import resolve

from conftest import tiny_raw

ROOT = Path(__file__).resolve().parents[1]


def test_default_config_is_valid():
    lconf.load()


@pytest.mark.parametrize("key, value, named", [
    ("experiments.table1", {"models": ["aae"]}, "experiments.table1"),
    ("data.dataset", "svhm", "data.dataset"),
    ("evaluation.extractor", "fid", "evaluation.extractor"),
    ("training.steps", 0, "training.steps"),
    ("data.image_size", 28, "data.image_size"),
    ("network.colour", 3, "network"),
])
def test_bad_value_is_rejected_naming_the_key(key, value, named):
    raw = tiny_raw(**{key: value})
    with pytest.raises(lconf.ConfigError, match=f"'{named}'"):
        lconf.from_dict(raw)


def test_unknown_model_section_is_rejected():
    raw = tiny_raw()
    raw["models"]["gan"] = {}
    with pytest.raises(lconf.ConfigError, match="'models'.*gan"):
        lconf.from_dict(raw)


def test_schema_model_names_match_the_registry():
    schema = lconf._schema()
    assert set(schema["properties"]["models"]["properties"]) == set(registered_models())
    assert set(schema["$defs"]["model_name"]["enum"]) == set(registered_models())


def test_schema_dataset_names_match_the_loaders():
    from lpaae.data import DATASETS
    assert set(lconf._schema()["properties"]["data"]["properties"]["dataset"]["enum"]) == set(DATASETS)


def test_every_model_option_in_the_schema_is_an_option_of_the_model():
    schema = lconf._schema()["properties"]["models"]["properties"]
    defs = lconf._schema()["$defs"]
    for name, cls in registered_models().items():
        options = set(cls.Options.__dataclass_fields__)
        section = schema[name]
        section = defs[section["$ref"].rsplit("/", 1)[1]] if "$ref" in section else section
        assert set(section["properties"]) == options, name


def test_unknown_method_in_an_experiment_is_named():
    raw = tiny_raw()
    raw["experiments"]["fig08"]["methods"] = ["learned_prior", "glow"]
    with pytest.raises(lconf.ConfigError, match="'glow'.*variants"):
        resolve(lconf.from_dict(raw), "glow")


def test_unknown_option_of_a_variant_is_named():
    raw = tiny_raw()
    raw["variants"]["learned_prior_mse"]["options"]["perceptual"] = False
    with pytest.raises(lconf.ConfigError, match="variants.learned_prior_mse.options.perceptual"):
        resolve(lconf.from_dict(raw), "learned_prior_mse")


def test_missing_model_section_is_named():
    raw = tiny_raw()
    del raw["models"]["vae"]
    with pytest.raises(lconf.ConfigError, match="models.vae"):
        build_model(lconf.from_dict(raw), "vae")


def test_missing_data_path_names_the_path(tmp_path):
    raw = tiny_raw()
    raw["data"].update(dataset="mnist", root=str(tmp_path / "nowhere"), image_size=32)
    with pytest.raises(DataError, match="nowhere") as err:
        load_dataset(lconf.from_dict(raw).data, "train")
    assert "data.root" in str(err.value) and "mnist" in str(err.value)


def without_table3_row(raw):
    raw["experiments"]["table3"]["methods"].remove("learned_prior_perceptual")
    return raw


def with_unknown_method(raw):
    raw["experiments"]["fig09"]["methods"] = ["learned_prior", "aae_reparametrised"]
    return raw


@pytest.mark.parametrize("break_config, named", [
    (lambda raw: tiny_raw(**{"evaluation.extractor": "fid"}), "evaluation.extractor"),
    (without_table3_row, "Table 3 needs the ablation with A (learned prior) + B (perceptual loss)"),
    (with_unknown_method, "aae_reparametrised"),
])
def test_snakemake_rejects_bad_config_before_running_any_job(tmp_path, break_config, named):
    bad = tmp_path / "bad.yaml"
    bad.write_text(yaml.safe_dump(break_config(tiny_raw())))
    result = subprocess.run(
        [sys.executable, "-m", "snakemake", "-s", str(ROOT / "Snakefile"), "-d", str(tmp_path),
         "--configfile", str(bad), "--cores", "1", "all_tables"],
        capture_output=True, text=True, cwd=ROOT)
    assert result.returncode != 0
    assert named in result.stdout + result.stderr
    assert not (tmp_path / "results").exists()


@pytest.mark.parametrize("files", [
    ["config/config.yaml"], ["config/paper.yaml"], ["config/cpu.yaml"],
    *[["config/cpu.yaml", f"config/datasets/{name}.yaml"]
      for name in ["mnist", "fashion-mnist", "svhn", "cifar10-jpeg"]],
])
def test_shipped_configurations_are_valid(files):
    raw = {}
    for path in files:  # later files override earlier ones, section by section, as in Snakemake
        for key, value in yaml.safe_load((ROOT / path).read_text()).items():
            raw[key] = {**raw[key], **value} if isinstance(value, dict) and key in raw else value
    config = lconf.from_dict(raw)
    for experiment in config.experiments.values():
        for method in experiment["methods"]:
            resolve(config, method)


@pytest.mark.parametrize("section, key, value", [("aae", "regularization", "both"),
                                                 ("learned_prior", "regularization", "literal"),
                                                 ("vae", "pixel_likelihood", "bernoulli")])
def test_unknown_mechanism_choices_are_rejected_naming_the_key(section, key, value):
    raw = tiny_raw()
    raw["models"][section][key] = value
    with pytest.raises(lconf.ConfigError, match=f"models.{section}.{key}"):
        lconf.from_dict(raw)
