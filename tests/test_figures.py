"""Figure helpers, and what the jobs that only read result files import."""

import numpy as np
import pytest
import torch
from torchvision.utils import make_grid

from conftest import ROOT, modules_loaded_by
from lpaae.plots import image_grid


@pytest.mark.parametrize("channels, images, columns", [(1, 16, 4), (3, 10, 4), (1, 30, 10),
                                                        (3, 5, 8)])
def test_image_grid_has_torchvisions_layout(channels, images, columns):
    """The paper's 2-px white padding, ``columns`` images a row, a partial last row, grey
    images made RGB: exactly what torchvision's make_grid draws."""
    batch = torch.randint(0, 256, (images, channels, 7, 5), dtype=torch.uint8)
    expected = make_grid(batch, nrow=columns, padding=2, pad_value=255).permute(1, 2, 0).numpy()
    assert np.array_equal(image_grid(batch, columns), expected)


def test_jobs_that_read_result_files_start_without_torch():
    """The scripts that run no network (tables, the scoreboard, figures, the report) import
    neither torch nor torchvision: each would pay two to five seconds of start-up for nothing,
    and the default DAG runs two dozen of them. Figures and the report do not load pandas' and
    scipy's statistics either. (Figures of saved samples load torch when they read a .pt file;
    the table jobs when they read the config, whose dataset registry holds torch loaders.)"""
    scripts = sorted((ROOT / "workflow/scripts").glob("*.py"))
    light = [p for p in scripts if "lpaae.joblog" in p.read_text()]
    assert {"table.py", "claims.py", "report.py", "sample_figure.py"} <= {p.name for p in light}
    assert all("import jobs" not in p.read_text() for p in light)
    assert modules_loaded_by(light, ("torch", "torchvision")) == []
    drawing = [p for p in light if "result_jobs" not in p.read_text()]
    assert {"sample_figure.py", "report.py"} <= {p.name for p in drawing}
    assert modules_loaded_by(drawing, ("scipy.stats",)) == []
