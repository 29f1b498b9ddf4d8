"""Figure helpers, and what the jobs that only read result files import."""

import re
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
import torch
from torchvision.utils import make_grid

from lpaae.plots import image_grid

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.parametrize("channels, images, columns", [(1, 16, 4), (3, 10, 4), (1, 30, 10),
                                                        (3, 5, 8)])
def test_image_grid_has_torchvisions_layout(channels, images, columns):
    """The paper's 2-px white padding, ``columns`` images a row, a partial last row, grey
    images made RGB: exactly what torchvision's make_grid draws."""
    batch = torch.randint(0, 256, (images, channels, 7, 5), dtype=torch.uint8)
    expected = make_grid(batch, nrow=columns, padding=2, pad_value=255).permute(1, 2, 0).numpy()
    assert np.array_equal(image_grid(batch, columns), expected)


def test_jobs_that_read_result_files_start_without_torch():
    """Every script that does not run networks (tables, the scoreboard, figures, the report)
    imports neither torch nor torchvision: each would pay two to five seconds of start-up for
    nothing, and the default DAG runs two dozen of them. (Figures of saved samples load torch
    when they read a .pt file, after start-up.)"""
    light = [path for path in sorted((ROOT / "workflow/scripts").glob("*.py"))
             if "result_jobs" in path.read_text()]
    assert {"table.py", "claims.py", "report.py", "sample_figure.py"} <= {p.name for p in light}
    imports = sorted({line for path in light for line in path.read_text().splitlines()
                      if re.match(r"(from|import) \S*lpaae", line)})
    probe = "\n".join([*imports, "import sys",
                       "print(sorted(m for m in ('torch', 'torchvision') if m in sys.modules))"])
    loaded = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True,
                            cwd=ROOT, check=True).stdout.strip()
    assert loaded == "[]", f"the result-file jobs import {loaded}"
