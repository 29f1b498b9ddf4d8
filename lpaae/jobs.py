"""The DAG's jobs as plain functions of paths and config, so they run (and are tested) without
Snakemake; ``workflow/scripts/*.py`` only unpack Snakemake's arguments and call them.

These are the jobs that run networks (and import torch); the tables and the scoreboard, which only
read result files, are in :mod:`lpaae.result_jobs`."""

from __future__ import annotations

import logging
import math
import time
from pathlib import Path

import torch

from lpaae import files as lio
from lpaae.classifier import save_classifier, train_classifier
from lpaae.config import Config
from lpaae.data import ImageData, load_dataset, load_prepared, save_prepared
from lpaae.devices import resolve_device
from lpaae.joblog import setup_logging
from lpaae.provenance import record, upstream
from lpaae.sampling import generate
from lpaae.training import load_trained, train_run

log = logging.getLogger("lpaae")

#: Offset between a run's training seed and its sampling seed, so evaluation noise differs
#: from every training draw while depending on the seed alone.
SAMPLING_SEED_OFFSET = 10_000
#: An Inception Score below this is flagged: 1 is its minimum, reached when every sample gets
#: the same class distribution (a collapsed or diverged model).
IS_FLOOR = 1.1


def start(log_file: str | Path | None, threads: int) -> None:
    """Log to the job's log file, use exactly the cores the scheduler gave the job, and
    deterministic algorithms (warning where an operation has none)."""
    setup_logging(log_file)
    torch.set_num_threads(threads)
    # The flag of torch.use_deterministic_algorithms(True, warn_only=True) without what that
    # call adds for torch.compile, Inductor's own flag, whose import (torch._inductor.config
    # brings torch._dynamo) took 2 of a sampling job's 5 CPU-seconds on a 2-core VM (measured
    # 2026-12-02). No job compiles anything.
    torch.set_deterministic_debug_mode("warn")


def prepare_data_job(config: Config, split: str, out: str | Path) -> None:
    started = time.perf_counter()
    data = load_dataset(config.data, split)
    save_prepared(data, out)
    log.info("prepared %s %s: %d images of %s in %.1f s", config.data.dataset, split, len(data),
             tuple(data.images.shape[1:]), time.perf_counter() - started)


def train_classifier_job(config: Config, train_path: str | Path, test_path: str | Path,
                         classifier_path: str | Path) -> None:
    started = time.perf_counter()
    device = resolve_device(config.device)
    train, test = load_prepared(train_path), load_prepared(test_path)
    model, test_accuracy = train_classifier(train, test, config.classifier, seed=config.seed,
                                            device=device)
    log.info("classifier test accuracy on %d held-out images: %.4f", len(test), test_accuracy)
    provenance = record(job="train_classifier", seed=config.seed, device=str(device),
                        settings={"classifier": config.raw.get("classifier"),
                                  "data": config.raw.get("data")},
                        wall_time_s=time.perf_counter() - started)
    save_classifier(model.cpu(), test_accuracy, classifier_path, provenance)


def train_job(config: Config, method: str, code_size: int, data_path: str | Path,
              model_path: str | Path, heldout_path: str | Path | None = None) -> None:
    data = load_prepared(data_path)
    heldout = load_prepared(heldout_path) if heldout_path else None
    provenance = train_run(config, method, data, Path(model_path).parent, model_path, code_size,
                           heldout)
    log.info("trained %s (%d-D code) in %.1f s", method, code_size, provenance["wall_time_s"])


def sample_job(model_path: str | Path, samples_path: str | Path, grid_path: str | Path, *,
               samples: int, grid_images: int, latent_seed: int, device: str) -> None:
    started = time.perf_counter()
    training = lio.load_torch(model_path)["provenance"]
    run_on = resolve_device(device)
    model = load_trained(model_path, run_on)
    seed = training["seed"] + SAMPLING_SEED_OFFSET
    images = generate(model, samples, seed=seed)
    method = training["settings"]["method"]
    log.info("drew %d samples from %s", samples, method)
    provenance = record(job="sample", seed=seed, device=str(run_on),
                        settings={"method": method, "model": model.name,
                                  "code_size": model.net_config.code_size, "samples": samples},
                        wall_time_s=time.perf_counter() - started, inputs={"model": training})
    lio.save_torch({"images": images, "provenance": provenance}, samples_path)
    # Figure 6: every model decodes the same fixed latent batch.
    lio.save_torch({"images": generate(model, grid_images, seed=latent_seed,
                                       batch_size=grid_images),
                    "method": method, "code_size": model.net_config.code_size,
                    "latent_seed": latent_seed}, grid_path)


def real_images(test: ImageData, train: ImageData, samples: int, splits: int) -> tuple[torch.Tensor, int, dict]:
    """Real images for the calibration row, and how many splits to score them in: as many
    images per split as the models' ``samples / splits`` (the Inception Score's value depends on
    the split size), drawn from the held-out split first and topped up from the training split;
    fewer splits where the dataset holds fewer than ``samples`` images in all."""
    per_split = samples // splits
    available = len(test) + len(train)
    if available < per_split:
        raise ValueError(f"the calibration row needs {per_split} real images per split "
                         f"(evaluation.samples / evaluation.splits), but the dataset has only "
                         f"{available}")
    splits = min(splits, available // per_split)
    n = splits * per_split
    g = torch.Generator().manual_seed(0)
    held_out = test.images[torch.randperm(len(test), generator=g)[:n]]
    extra = train.images[torch.randperm(len(train), generator=g)[:n - len(held_out)]]
    return torch.cat([held_out, extra]), splits, {"from_test": len(held_out), "from_train": len(extra)}


def score_job(config: Config, score_path: str | Path, *, samples_path: str | Path | None,
              classifier_path: str | Path | None, reference_path: str | Path,
              real_paths: tuple[str | Path, str | Path] | None = None) -> None:
    """The Inception Score, FID, KID and precision/recall of a model's samples, or
    (``samples_path=None``) of real images from the (test, train) splits prepared at
    ``real_paths`` (see :func:`real_images`), from one pass of the extractor; FID, KID and
    precision/recall against the training images' features at ``reference_path``."""
    # torch-fidelity pulls in torchvision's model zoo (a second of import time): only the
    # evaluation jobs need it, so the training and sampling jobs do not pay for it.
    from lpaae.metrics import LOGITS, POOL_FEATURES, extract_features, extractor_arguments, \
        fidelity, inception_score_of

    started = time.perf_counter()
    extractor = extractor_arguments(config.evaluation, classifier_path)
    reference = lio.load_torch(reference_path)
    images, splits, scored, inputs, compared = _scored_images(config, samples_path, real_paths)
    device = resolve_device(config.device)
    # The shuffle of the IS protocol: the training seed (the real images have none).
    seed = upstream(inputs.get("samples", {}), "train").get("seed", 0)
    features = extract_features(images, extractor=extractor, device=device,
                                batch_size=config.evaluation.batch_size)
    score = inception_score_of(features[LOGITS], splits=splits, seed=seed)
    score |= fidelity(features[POOL_FEATURES[extractor["feature_extractor"]]][:compared],
                      reference["features"], seed=seed, device=device)
    _refuse_or_flag(score, score_path, scored["method"])
    if config.evaluation.extractor == "classifier":
        score["classifier_test_accuracy"] = lio.load_torch(classifier_path)["test_accuracy"]
    log.info("%s (%s extractor): IS %.3f +- %.3f over %d images; FID %.3f, KID %.4f, precision "
             "%.3f, recall %.3f over %d against %d training images", scored["method"],
             config.evaluation.extractor, score["is_mean"], score["is_std"], score["samples"],
             score["fid"], score["kid_mean"], score["precision"], score["recall"],
             score["fidelity_samples"], score["reference_images"])
    lio.write_json({
        **score,
        "method": scored["method"],
        "model": scored["model"],
        "dataset": config.data.dataset,
        "image_size": config.data.image_size,
        "code_size": scored["code_size"],
        "extractor": config.evaluation.extractor,
        "provenance": record(job="score", seed=seed, device=str(device),
                             settings={"evaluation": config.raw.get("evaluation"),
                                       "scored": scored},
                             wall_time_s=time.perf_counter() - started, inputs=inputs),
    }, score_path)


def _scored_images(config: Config, samples_path: str | Path | None,
                   real_paths: tuple[str | Path, str | Path] | None):
    """The images to score, their IS splits, what they are (method, model, code size; for the
    real calibration row also where its images come from), the records of the jobs that made
    them, and how many of the first ones the fidelity metrics compare with the training images:
    all samples of a model; of the real calibration row only its held-out images (its top-up
    comes from the training split, the reference itself)."""
    if samples_path is None:
        test, train = (load_prepared(p) for p in real_paths)
        images, splits, counts = real_images(test, train, config.evaluation.samples,
                                             config.evaluation.splits)
        scored = {"method": "real", "model": "real", "code_size": None, "split": "test+train",
                  **counts}
        return images, splits, scored, {}, counts["from_test"]
    saved = lio.load_torch(samples_path)
    sampled = saved["provenance"]["settings"]
    scored = {key: sampled[key] for key in ("method", "model", "code_size")}
    return (saved["images"], config.evaluation.splits, scored, {"samples": saved["provenance"]},
            len(saved["images"]))


def _refuse_or_flag(score: dict, score_path: str | Path, method: str) -> None:
    """Stop on a score that is not finite; flag an Inception Score at its floor."""
    bad = {k: score[k] for k in ("is_mean", "is_std", "fid", "kid_mean", "precision", "recall")
           if not math.isfinite(score[k])}
    if bad:
        raise FloatingPointError(
            f"{score_path}: scores of {method} are not finite ({bad}; IS over {score['samples']} "
            f"images in {score['splits']} splits); nothing was written")
    if score["is_mean"] < IS_FLOOR:
        score["warning"] = (f"IS {score['is_mean']:.3f} is at its floor of 1: every sample gets "
                            "the same class distribution (a collapsed or diverged run?)")
        log.warning("%s: %s", score_path, score["warning"])


def reference_features_job(config: Config, train_path: str | Path,
                           classifier_path: str | Path | None, out_path: str | Path) -> None:
    """The pool features of up to ``evaluation.samples`` training images (a fixed random
    subset), extracted once per dataset and extractor for every score's FID, KID and
    precision/recall."""
    from lpaae.metrics import POOL_FEATURES, extract_features, extractor_arguments

    started = time.perf_counter()
    extractor = extractor_arguments(config.evaluation, classifier_path)
    layer = POOL_FEATURES[extractor["feature_extractor"]]
    train = load_prepared(train_path)
    n = min(config.evaluation.samples, len(train))
    chosen = torch.randperm(len(train), generator=torch.Generator().manual_seed(0))[:n]
    device = resolve_device(config.device)
    features = extract_features(train.images[chosen], extractor=extractor, device=device,
                                batch_size=config.evaluation.batch_size, layers=(layer,))
    log.info("features (%s) of %d training images of %s", layer, n, config.data.dataset)
    lio.save_torch({"features": features[layer], "layer": layer, "split": "train", "images": n,
                    "extractor": config.evaluation.extractor,
                    "provenance": record(job="reference_features", seed=0, device=str(device),
                                         settings={"evaluation": config.raw.get("evaluation")},
                                         wall_time_s=time.perf_counter() - started)}, out_path)


def conditional_job(config: Config, model_path: str | Path, test_path: str | Path,
                    classifier_path: str | Path | None, metrics_path: str | Path,
                    codes_path: str | Path, grid_path: str | Path) -> None:
    """Codes, metrics and the label-by-noise sample grid of a conditional model."""
    from lpaae.classifier import load_classifier
    from lpaae.conditional import conditional_grid, evaluate_conditional

    started = time.perf_counter()
    saved = lio.load_torch(model_path)["provenance"]
    model = load_trained(model_path, resolve_device(config.device))
    classifier = load_classifier(classifier_path)[0] if classifier_path else None
    codes, metrics = evaluate_conditional(model, load_prepared(test_path), classifier,
                                          points=config.figures.tsne_points, seed=saved["seed"])
    method = saved["settings"]["method"]
    log.info("%s: %s", method, " ".join(f"{k}={v:.4g}" for k, v in metrics.items()
                                         if isinstance(v, float)))
    lio.save_torch(codes, codes_path)
    lio.save_torch({"images": conditional_grid(model, model.categories, config.figures.latent_seed),
                    "method": method, "categories": model.categories,
                    "code_size": model.net_config.code_size}, grid_path)
    # The regulariser's diagnostics of this run (computed after training), beside its metrics.
    diagnostics = {k: v for k, v in (saved.get("diagnostics") or {}).items()
                   if k in ("two_sample_accuracy", "z_part_two_sample_accuracy",
                            "code_d_real_own_label", "code_d_real_shuffled_label")}
    lio.write_json({**metrics, **diagnostics, "method": method, "code_size": model.net_config.code_size,
                    "dataset": config.data.dataset, "seed": saved["seed"],
                    "provenance": record(job="conditional", seed=saved["seed"],
                                         device=str(model.device),
                                         settings={"figures": config.raw.get("figures")},
                                         wall_time_s=time.perf_counter() - started,
                                         inputs={"model": saved})}, metrics_path)


def tsne_job(codes_path: str | Path, out: str | Path, seed: int) -> None:
    """2-D t-SNE maps of a conditional model's codes: the prior's codes alone (Figure 11) and the
    encoder's codes together with the prior's (Figure 13), with a fixed seed."""
    from sklearn.manifold import TSNE

    codes = lio.load_torch(codes_path)
    prior, encoder = codes["prior_codes"].numpy(), codes["encoder_codes"].numpy()

    def embed(points):
        perplexity = min(30.0, (len(points) - 1) / 3)
        return torch.from_numpy(TSNE(2, perplexity=perplexity, init="pca", random_state=seed)
                                .fit_transform(points))

    started = time.perf_counter()
    joint = embed(torch.cat([torch.from_numpy(encoder), torch.from_numpy(prior)]).numpy())
    lio.save_torch({"prior": embed(prior), "joint_encoder": joint[:len(encoder)],
                    "joint_prior": joint[len(encoder):], "seed": seed}, out)
    log.info("t-SNE of %d + %d codes in %.1f s", len(prior), len(encoder),
             time.perf_counter() - started)
