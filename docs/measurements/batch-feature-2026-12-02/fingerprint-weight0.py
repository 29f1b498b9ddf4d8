"""../code-spread-2026-12-02/fingerprint.py with the spread head off (code_spread_weight 0 for
every AAE-family model), to check that the head-less D_C trains exactly as the form before it:

    cd CHECKOUT && python docs/measurements/batch-feature-2026-12-02/fingerprint-weight0.py > OUT
    diff OUT docs/measurements/code-spread-2026-12-02/fingerprint-option-off.txt   # no output
"""
import runpy, sys
from pathlib import Path

sys.path[:0] = [".", "tests"]  # the checkout's lpaae, as fingerprint.py reads it
import conftest  # noqa: E402

with_head = conftest.tiny_raw


def without_head(*args, **kwargs):
    raw = with_head(*args, **kwargs)
    for model in ("aae", "learned_prior"):
        raw["models"].setdefault(model, {})["code_spread_weight"] = 0.0
    return raw


conftest.tiny_raw = without_head
runpy.run_path(str(Path(__file__).parent.parent / "code-spread-2026-12-02" / "fingerprint.py"), run_name="__main__")
