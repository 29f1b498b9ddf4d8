"""Imported first by every rule's script: puts this checkout's packages (lpaae, baselines) at
the front of the import path, so a rule runs the code of the workflow that launched it, also
inside the conda environment of workflow/envs/lpaae.yaml, which holds the third-party packages
only. (Snakemake puts this folder on a script's import path; the checkout is two levels up.)"""

import sys
from pathlib import Path

CHECKOUT = str(Path(__file__).resolve().parents[2])
if CHECKOUT not in sys.path:
    sys.path.insert(0, CHECKOUT)
