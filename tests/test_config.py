"""Bad configuration is rejected with a message naming the key, before any work starts."""

import pytest
import yaml

from lpaae import config as lconf
from lpaae.data import DataError, load_dataset
from lpaae.registry import registered_models
from lpaae.runs import check_experiments, resolve

from conftest import ROOT, run_snakemake, tiny_raw


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


@pytest.mark.parametrize("edit, named", [
    (lambda raw: raw["models"].update(gan={}), "'models.gan'.*registered"),
    (lambda raw: raw["variants"]["learned_prior_mse"].update(model="lp"),
     "'variants.learned_prior_mse.model'.*'lp'"),
    (lambda raw: raw["models"]["vae"].update(warmup_steps="ten"),
     "'models.vae.warmup_steps'.*not of type 'integer'"),
], ids=["a models section", "a variant's model", "an option's type"])
def test_unknown_model_or_bad_option_is_named_at_dag_build(edit, named):
    raw = tiny_raw()
    edit(raw)
    with pytest.raises(lconf.ConfigError, match=named):
        check_experiments(lconf.from_dict(raw))


def test_a_model_without_a_config_section_trains_with_its_defaults():
    raw = tiny_raw()
    del raw["models"]["vae"]
    config = lconf.from_dict(raw)
    check_experiments(config)
    assert resolve(config, "vae").model_options() == registered_models()["vae"].Options()


def test_schema_dataset_names_match_the_loaders():
    from lpaae.data import DATASETS
    assert set(lconf._schema()["properties"]["data"]["properties"]["dataset"]["enum"]) == set(DATASETS)


def test_every_model_section_of_the_schema_names_exactly_its_models_options():
    schema = lconf._schema()
    for name, section in schema["properties"]["models"]["properties"].items():
        if "$ref" in section:
            section = schema["$defs"][section["$ref"].rsplit("/", 1)[1]]
        assert name in registered_models(), name
        options = set(registered_models()[name].Options.__dataclass_fields__)
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


def with_too_small_supervised_code(raw):
    raw["experiments"]["supervised"]["code_size"] = 8  # s alone takes 10 dimensions
    return raw


BAD_CONFIGS = [
    (lambda raw: tiny_raw(**{"evaluation.extractor": "fid"}), "evaluation.extractor"),
    (with_too_small_supervised_code, "config key 'experiments.supervised': method "
                                     "'learned_prior_supervised' at code size 8"),
    (without_table3_row, "Table 3 needs the ablation with A (learned prior) + B (perceptual loss)"),
    (with_unknown_method, "aae_reparametrised"),
]


@pytest.mark.parametrize("break_config, named", BAD_CONFIGS)
def test_check_config_rejects_what_the_dag_would_reject(tmp_path, capsys, break_config, named):
    from lpaae.cli import main

    bad = tmp_path / "bad.yaml"
    bad.write_text(yaml.safe_dump(break_config(tiny_raw())))
    assert main(["check-config", str(bad)]) == 2
    assert named in capsys.readouterr().err


def test_snakemake_rejects_bad_config_before_running_any_job(tmp_path):
    # The DAG runs the same checks as check-config (common.smk); one case shows they stop it.
    bad = tmp_path / "bad.yaml"
    bad.write_text(yaml.safe_dump(with_too_small_supervised_code(tiny_raw())))
    result = run_snakemake(tmp_path, "--configfile", str(bad), "--cores", "1", "all_tables")
    assert result.returncode != 0
    assert BAD_CONFIGS[1][1] in result.stdout + result.stderr
    assert not (tmp_path / "results").exists()


@pytest.mark.parametrize("files", [
    ["config/config.yaml"], ["config/paper.yaml"], ["config/cpu.yaml"],
    *[["config/cpu.yaml", f"config/datasets/{name}.yaml"]
      for name in ["mnist", "fashion-mnist", "svhn", "cifar10-jpeg"]],
    ["config/cpu.yaml", "config/datasets/mnist.yaml", "config/conditional-mnist.yaml"],
    ["config/mnist-cpu.yaml"], ["config/cifar-cpu.yaml"],
])
def test_shipped_configurations_are_valid(files):
    # Overlays on the default, merged key by key as Snakemake merges --configfile files.
    check_experiments(lconf.load(*(ROOT / path for path in files)))


def test_overlays_change_only_what_they_name():
    base, cpu = lconf.load(), lconf.load(ROOT / "config/cpu.yaml")
    assert cpu.models["vae"]["warmup_steps"] == 300 and cpu.network.width == 32
    assert cpu.training.batch_size == base.training.batch_size  # kept from the default
    sweep = cpu.experiments["code_size_sweep"]  # the overlay names its code sizes only
    assert sweep["methods"] == base.experiments["code_size_sweep"]["methods"]
    assert sweep["code_sizes"] != base.experiments["code_size_sweep"]["code_sizes"]
    assert cpu.variants == base.variants


def test_more_inception_score_splits_than_samples_is_rejected_naming_both_keys():
    with pytest.raises(lconf.ConfigError, match="'evaluation.splits' \\(20\\) exceeds "
                                                "'evaluation.samples' \\(10\\)"):
        lconf.from_dict(tiny_raw(**{"evaluation.samples": 10, "evaluation.splits": 20}))


def test_check_config_names_the_file_and_line_of_a_yaml_error(tmp_path, capsys):
    from lpaae.cli import main

    bad = tmp_path / "mine.yaml"
    bad.write_text("seeds: [0\ndata:\n  dataset: digits\n")
    assert main(["check-config", str(bad)]) == 2
    err = capsys.readouterr().err
    assert "mine.yaml" in err and "line" in err
    good = tmp_path / "good.yaml"
    good.write_text(yaml.safe_dump(tiny_raw()))
    assert main(["check-config", str(good)]) == 0
    invalid = tmp_path / "invalid.yaml"
    invalid.write_text(yaml.safe_dump(tiny_raw(**{"evaluation.splits": 0})))
    assert main(["check-config", str(invalid)]) == 2
    assert "evaluation.splits" in capsys.readouterr().err


@pytest.mark.parametrize("section, key, value", [("aae", "regularization", "both"),
                                                 ("learned_prior", "regularization", "literal"),
                                                 ("vae", "pixel_likelihood", "bernoulli")])
def test_unknown_mechanism_choices_are_rejected_naming_the_key(section, key, value):
    raw = tiny_raw()
    raw["models"].setdefault(section, {})[key] = value
    with pytest.raises(lconf.ConfigError, match=f"models.{section}.{key}"):
        lconf.from_dict(raw)
