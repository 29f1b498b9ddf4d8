"""Where a conditional AAE's codes are told from its prior codes [one-hot s, z]: the two-sample
accuracy (mean of ten splits) on the whole code, on its label part and on z, as
:func:`lpaae.diagnostics.code_diagnostics` records them for runs trained since b1fbafd
(``label_part_two_sample_accuracy``, ``z_part_two_sample_accuracy``), for runs trained before.

    python code_parts.py TEST.pt SEED MODEL.pt [MODEL.pt ...]     models the DAG trained
    python code_parts.py --probe K SEED CODES.pt [CODES.pt ...]   codes probe.py saved; K label dimensions

TEST.pt is the DAG's prepared held-out split (results/<dataset>/data/test-<size>px.pt); SEED the
runs' seed (it picks the same 500 held-out images and prior codes as the run's diagnostics, and
the same classifier seeds). A model without a label part (ours: CG([s, z]) is continuous) gets
the whole code's accuracy only. The last column is a control: the whole code again, with the
encoder's label part replaced by the one-hot of its largest entry (what an encoder with an exact
one-hot output would give, the same z).
"""
import sys

import torch

from lpaae.data import load_prepared
from lpaae.diagnostics import CodeSample, code_diagnostics, heldout_batch, two_sample_accuracies
from lpaae.training import DIAGNOSTIC_POINTS, _code_sample, load_trained


def samples_of_models(test_path: str, seed: int, paths: list[str]):
    test = load_prepared(test_path)
    for path in paths:
        model = load_trained(path)
        yield path, _code_sample(model, heldout_batch(test, DIAGNOSTIC_POINTS, seed, model.device), seed)


def samples_of_probes(label_dimensions: int, paths: list[str]):
    for path in paths:
        codes = torch.load(path)
        yield path, CodeSample(codes["enc"], codes["prior"], codes["labels"],
                               label_dimensions=label_dimensions)


def snapped(sample: CodeSample, seed: int) -> str:
    """The whole code's ten-split mean with the encoder's label part snapped to one-hot."""
    k = sample.label_dimensions
    if not k:
        return "–"
    label = torch.nn.functional.one_hot(sample.encoder[:, :k].argmax(1), k).to(sample.encoder.dtype)
    accuracies = two_sample_accuracies(torch.cat([label, sample.encoder[:, k:]], 1), sample.prior, seed)
    return f"{sum(accuracies) / len(accuracies):.3f}"


def main(argv: list[str]) -> None:
    torch.set_num_threads(1)
    if argv[0] == "--probe":
        seed, samples = int(argv[2]), samples_of_probes(int(argv[1]), argv[3:])
    else:
        seed, samples = int(argv[1]), samples_of_models(argv[0], int(argv[1]), argv[2:])
    print("| run | whole code | label part | z | label part's std, encoder / prior | whole code, label part snapped |")
    print("|---|---|---|---|---|---|")
    for path, sample in samples:
        d = code_diagnostics(sample, seed)
        k = sample.label_dimensions
        std = (f"{sample.encoder[:, :k].std(0).mean():.2f} / {sample.prior[:, :k].std(0).mean():.2f}"
               if k else "–")
        parts = [f"{d[key]:.3f}" if key in d else "–"
                 for key in ("label_part_two_sample_accuracy", "z_part_two_sample_accuracy")]
        print(f"| {path} | {d['two_sample_accuracy_splits_mean']:.3f} | " + " | ".join(parts)
              + f" | {std} | {snapped(sample, seed)} |")


if __name__ == "__main__":
    main(sys.argv[1:])
