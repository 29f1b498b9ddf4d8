"""The training loop every model shares: progress bar, log, loss curve, atomic checkpoints and
exact resumption.

A run is fully determined by its seed: the mini-batch order comes from
:class:`~lpaae.data.BatchSchedule` and every random draw inside a step from one CPU generator whose
state is checkpointed with the networks and optimisers, so a run interrupted after a checkpoint and
resumed ends bit-identical (on the same device and thread count) to an uninterrupted one.
"""

from __future__ import annotations

import csv
import dataclasses
import io
import logging
import random
import sys
import time
from pathlib import Path
from typing import Any, Mapping, NamedTuple

import numpy as np
import torch
from tqdm import tqdm

from lpaae import files as lio
from lpaae.config import Config, NetworkConfig, TrainingConfig
from lpaae.data import BatchSchedule, ImageData
from lpaae.devices import resolve_device, to_device
from lpaae.diagnostics import code_diagnostics, heldout_batch, monitor
from lpaae.model import GenerativeModel, evaluating
from lpaae.provenance import config_digest, record
from lpaae.registry import registered_models
from lpaae.runs import resolve, run_settings

log = logging.getLogger("lpaae")


def seed_everything(seed: int) -> None:
    random.seed(seed)
    np.random.seed(seed)
    torch.manual_seed(seed)


def _write_losses(history: list[dict[str, float]], path: Path) -> None:
    if not history:
        return
    buffer = io.StringIO()
    # Every column any row has, in first-seen order: a run resumed under a newer code version
    # may log a column its checkpointed rows lack (they get an empty cell).
    columns = list(dict.fromkeys(key for row in history for key in row))
    writer = csv.DictWriter(buffer, fieldnames=columns, restval="")
    writer.writeheader()
    writer.writerows(history)
    lio.write_text(buffer.getvalue(), path)


def autocast(precision: str, device: torch.device):
    """Mixed precision for ``bf16`` (no loss scaling needed: bf16 has fp32's exponent range)."""
    return torch.autocast(device_type=device.type, dtype=torch.bfloat16,
                          enabled=precision == "bf16")


def channels_last(module_or_images: torch.nn.Module | torch.Tensor):
    """Convolutions run 1.2-1.5x faster on channels-last tensors (oneDNN on the CPU, cuDNN on
    GPUs; measured by ``python -m bench``). Same maths, up to the order of summation."""
    return module_or_images.to(memory_format=torch.channels_last)


#: Held-out images whose codes are compared with prior codes (at log steps and after training).
DIAGNOSTIC_POINTS = 500
#: Training batches over which batch-norm statistics are recomputed after training
#: (:meth:`lpaae.model.GenerativeModel.recalibrate`).
RECALIBRATION_BATCHES = 20


def _code_sample(model: GenerativeModel, heldout: tuple[torch.Tensor, torch.Tensor], seed: int):
    """The model's held-out codes and prior codes, in eval mode, from a generator of their own
    (the training stream is untouched, so monitoring does not change the run)."""
    with evaluating(model), torch.no_grad():
        return model.code_sample(*heldout, torch.Generator().manual_seed(seed + 1))


class Trained(NamedTuple):
    """What :func:`train` returns: the logged loss history and the wall time that earlier,
    interrupted attempts spent on the steps this run resumed from."""

    history: list[dict[str, float]]
    earlier_wall_time_s: float


def train(model: GenerativeModel, data: ImageData, cfg: TrainingConfig, run_dir: str | Path, *,
          seed: int, settings: Mapping[str, Any], precision: str = "fp32",
          heldout: ImageData | None = None) -> Trained:
    """Train ``model`` for ``cfg.steps`` mini-batches, resuming from ``run_dir/checkpoint.pt``
    when it holds a checkpoint of the same ``settings``. Returns the logged loss history, also
    written to ``run_dir/losses.csv``; with ``heldout`` images, each logged row also holds
    :func:`lpaae.diagnostics.monitor` of the model's codes of them."""
    run_dir = Path(run_dir)
    checkpoint_path, losses_path = run_dir / "checkpoint.pt", run_dir / "losses.csv"
    digest = config_digest(settings)
    schedule = BatchSchedule(len(data), cfg.batch_size * model.batches_per_step, seed)
    generator = torch.Generator().manual_seed(seed)
    start, history, earlier = 0, [], 0.0

    # Its own generator: a data-dependent initialisation leaves the run's random stream alone.
    model.initialize(data, torch.Generator().manual_seed(seed + 2))
    checkpoint = _read_checkpoint(checkpoint_path)
    if checkpoint is not None:
        if checkpoint.get("settings_digest") == digest:
            model.load_checkpoint_state(checkpoint["model"])
            generator.set_state(checkpoint["generator"])
            start, history = checkpoint["step"], checkpoint["history"]
            earlier = checkpoint.get("wall_time_s", 0.0)
            log.info("resuming from %s at step %d of %d", checkpoint_path, start, cfg.steps)
        else:
            log.warning("ignoring %s: it was written for other settings", checkpoint_path)

    started = time.perf_counter()
    channels_last(model).train()
    device = model.device
    monitored = heldout_batch(heldout, DIAGNOSTIC_POINTS, seed, device) if heldout else None
    progress = tqdm(range(start, cfg.steps), initial=start, total=cfg.steps,
                    desc=f"train {model.name}", unit="step", file=sys.stderr,
                    mininterval=2.0, disable=None)
    for step in progress:
        indices = schedule.indices(step)
        x, labels = channels_last(data.batch(indices, device)), to_device(data.labels[indices], device)
        with autocast(precision, device):
            losses = model.training_step(x, labels, step, generator)
        done = step + 1
        if done % cfg.log_every == 0 or done == cfg.steps:
            row = {"step": done, **{k: float(v) for k, v in losses.items()}}
            if monitored is not None and (sample := _code_sample(model, monitored, seed)):
                row |= monitor(sample)
            if not all(np.isfinite(v) for v in row.values()):
                raise FloatingPointError(f"{run_dir}: non-finite loss at step {done} (the run "
                                         f"diverged; try a lower learning rate): {row}")
            history.append(row)
            progress.set_postfix({k: f"{v:.3g}" for k, v in row.items() if k != "step"})
            log.info("step %d/%d %s", done, cfg.steps,
                     " ".join(f"{k}={v:.4g}" for k, v in row.items() if k != "step"))
        if done % cfg.checkpoint_every == 0 and done < cfg.steps:
            lio.save_torch({"settings_digest": digest, "step": done, "history": history,
                            "generator": generator.get_state(),
                            "wall_time_s": earlier + time.perf_counter() - started,
                            "model": model.checkpoint_state()}, checkpoint_path)
            _write_losses(history, losses_path)
    progress.close()
    _write_losses(history, losses_path)
    model.recalibrate([channels_last(data.batch(schedule.indices(i), device))
                       for i in range(RECALIBRATION_BATCHES)], torch.Generator().manual_seed(seed))
    return Trained(history, earlier)


def _read_checkpoint(path: Path) -> dict[str, Any] | None:
    """The checkpoint at ``path``; ``None`` when there is none, or when it cannot be read (a
    crash of the machine mid-write, a full disk): it is then moved aside, with a warning, and the
    run starts again from step 0 rather than failing on every rerun."""
    if not path.exists():
        return None
    try:
        return lio.load_torch(path)
    except lio.UnreadableFileError as err:
        aside = path.with_name(f"{path.name}.corrupt-{time.strftime('%Y%m%dT%H%M%S')}")
        path.rename(aside)
        log.warning("%s; moved it to %s and training from the start", err, aside)
        return None


def save_trained(model: GenerativeModel, path: str | Path, provenance: Mapping[str, Any]) -> None:
    lio.save_torch({
        "model": model.name,
        "network": dataclasses.asdict(model.net_config),
        "options": dataclasses.asdict(model.options),
        "networks": model.state_dict(),
        "provenance": dict(provenance),
    }, path)


def load_trained(path: str | Path, device: torch.device | str = "cpu") -> GenerativeModel:
    """Rebuild a model saved by :func:`save_trained`, in eval mode."""
    saved = lio.load_torch(path)
    cls = registered_models()[saved["model"]]
    net = NetworkConfig(**{k: tuple(v) if isinstance(v, list) else v
                           for k, v in saved["network"].items()})
    model = cls(net, cls.Options(**_renamed_options(saved["options"], cls.Options)))
    model.load_state_dict(saved["networks"])
    return model.to(device).eval()


def _renamed_options(options: dict[str, Any], options_class: type) -> dict[str, Any]:
    """Options saved before 9ad33e5, under today's names: D_I learned at ``lr_discriminator``
    then (the GANs' only discriminator rate; ours shared it with D_C), now at
    ``lr_image_discriminator``."""
    names = {f.name for f in dataclasses.fields(options_class)}
    if "lr_image_discriminator" in names and "lr_image_discriminator" not in options:
        options = dict(options, lr_image_discriminator=options["lr_discriminator"])
        if "lr_discriminator" not in names:
            options.pop("lr_discriminator", None)
    return options


def run_diagnostics(model: GenerativeModel, heldout: ImageData, seed: int,
                    two_sample_steps: int) -> dict[str, Any]:
    """:func:`lpaae.diagnostics.code_diagnostics` of the trained model on held-out images;
    ``{"applicable": False}`` for models without an encoder."""
    sample = _code_sample(model, heldout_batch(heldout, DIAGNOSTIC_POINTS, seed, model.device), seed)
    if sample is None:
        return {"applicable": False}
    return {"applicable": True, **code_diagnostics(sample, seed, two_sample_steps)}


def train_run(config: Config, method: str, data: ImageData, run_dir: str | Path,
              model_path: str | Path, code_size: int | None = None,
              heldout: ImageData | None = None) -> dict[str, Any]:
    """Build, train and save one run of ``method``; returns the run's provenance record. With
    ``heldout`` images, the record holds the run's code diagnostics (and the loss curve the
    monitored ones)."""
    started = time.perf_counter()
    device = resolve_device(config.device)
    seed_everything(config.seed)
    model = resolve(config, method, code_size).build().to(device)
    settings = run_settings(config, method, code_size)
    log.info("training %s (%s, %d parameters, %d-D code) on %s: %d steps of %d images, seed %d, "
             "device %s", method, model.name, sum(p.numel() for p in model.parameters()),
             model.net_config.code_size, data.name, config.training.steps,
             config.training.batch_size, config.seed, device)
    history, earlier = train(model, data, config.training, run_dir, seed=config.seed,
                             settings=settings, precision=config.precision, heldout=heldout)
    # The run's wall time includes the stretches of earlier attempts that it resumed from.
    provenance = record(job="train", seed=config.seed, settings=settings, device=str(device),
                        wall_time_s=earlier + time.perf_counter() - started)
    provenance["final_losses"] = history[-1] if history else {}
    if heldout is not None:
        diagnostics = run_diagnostics(model, heldout, config.seed,
                                      config.evaluation.two_sample_steps)
        lio.write_json(diagnostics, Path(run_dir) / "diagnostics.json")
        # The scalar numbers travel with the model into every score (and so into the tables).
        provenance["diagnostics"] = {k: v for k, v in diagnostics.items() if not isinstance(v, list)}
        log.info("code diagnostics on %s held-out images: %s", diagnostics.get("points", 0),
                 provenance["diagnostics"])
    save_trained(model, model_path, provenance)
    (Path(run_dir) / "checkpoint.pt").unlink(missing_ok=True)  # the trained model supersedes it
    return provenance
