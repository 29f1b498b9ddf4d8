"""Side by side, per run: the shipped D_C (folder A) against D_C with the minibatch feature
(folder B), run folders named alike in both (e.g. digits-aae-code100-seed0), with the columns of
../gaussian-posterior-2026-12-02/compare.py and the codes' effective dimensions of B (the
digits' A runs predate the diagnostic; Fashion-MNIST's A numbers are in runs/fashion-plain).

    python table.py ../gaussian-posterior-2026-12-02/runs/deterministic runs/feature > digits-table.md
"""
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "gaussian-posterior-2026-12-02"))
from compare import COLUMNS, cell, read  # noqa: E402


def main(a: str, b: str) -> None:
    labels = [label for *_, label in COLUMNS] + ["effective dims (B), encoder / prior"]
    print("| run | " + " | ".join(labels) + " |")
    print("|---|" + "---|" * len(labels))
    for run in sorted(p.name for p in Path(b).iterdir() if (Path(a) / p.name).exists()):
        cells = []
        for name, key, _ in COLUMNS:
            va, vb = read(Path(a) / run, name, key), read(Path(b) / run, name, key)
            cells.append("" if va is None and vb is None else f"{cell(va)} → {cell(vb)}")
        d = json.loads((Path(b) / run / "diagnostics.json").read_text())
        cells.append(f"{d['encoder_effective_dimensions']:.1f} / {d['prior_effective_dimensions']:.1f}")
        print(f"| {run} | " + " | ".join(cells) + " |")


if __name__ == "__main__":
    main(*sys.argv[1:3])
