"""Continue a run's checkpoint under a longer budget: copy SRC (a checkpoint.pt written under the
overlays OLD) to DST with its settings digest rewritten to the same run's settings under NEW.


Nothing in training reads the total step count (`training.steps` only bounds the loop, and the
last row and the BatchNorm recalibration come after it), so a run resumed from this copy takes
the same steps as one trained from scratch to the longer budget. The script refuses unless SRC's
digest is the run's digest under OLD and the two settings differ in `training.steps` alone.

    python extend.py SRC DST METHOD CODE SEED OLD.yaml[,...] NEW.yaml[,...]
"""
import dataclasses
import sys

from lpaae import files as lio
from lpaae.config import load
from lpaae.provenance import config_digest
from lpaae.runs import run_settings


def settings(overlays: str, method: str, code: int, seed: int) -> dict:
    config = dataclasses.replace(load(*overlays.split(",")), seed=seed)
    return run_settings(config, method, code)


def main(src, dst, method, code, seed, old, new):
    before, after = (settings(o, method, int(code), int(seed)) for o in (old, new))
    differ = {k for k in before if before[k] != after[k]}
    differ |= {f"training.{k}" for k in before["training"] if before["training"][k] != after["training"][k]}
    if differ != {"training", "training.steps"}:
        sys.exit(f"refused: the settings must differ in training.steps alone, not {sorted(differ)}")
    checkpoint = lio.load_torch(src)
    if checkpoint["settings_digest"] != config_digest(before):
        sys.exit(f"refused: {src} was not written under {old}")
    checkpoint["settings_digest"] = config_digest(after)
    lio.save_torch(checkpoint, dst)
    print(f"{src} (step {checkpoint['step']}) -> {dst}: digest {config_digest(before)} -> {config_digest(after)}")


if __name__ == "__main__":
    main(*sys.argv[1:])
