"""The report's training-curves figure (:func:`lpaae.plots.training_curves_figure`) for runs of this
folder, one column each: losses on top; below, the discriminators' accuracies and, new in 7432f59,
the share of the code's dimensions the encoder's and the prior's codes fill
(``encoder_effective_share``, ``prior_effective_share``).

    python curves.py OUT.png TITLE LABEL=LOSSES.csv [LABEL=LOSSES.csv ...]

Each column is titled by its LABEL (the figure titles a column by the folder three levels above
its losses.csv, so the files are linked into such a layout in a temporary folder).
"""
import sys
import tempfile
from pathlib import Path

from lpaae.plots import training_curves_figure


def main(out: str, title: str, *runs: str) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        paths = []
        for label, losses in (r.split("=", 1) for r in runs):
            path = Path(tmp, label, "code", "seed", "losses.csv")
            path.parent.mkdir(parents=True)
            path.symlink_to(Path(losses).resolve())
            paths.append(path)
        training_curves_figure(paths, out, title=title)


if __name__ == "__main__":
    main(*sys.argv[1:])
