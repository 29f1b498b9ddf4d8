"""D_C's minibatch feature in a batch-wide form, patched in for a probe run: every code of a batch
gets the same input, the batch's mean of lpaae.networks.batch_similarity (the mean squared inner
product over all pairs of distinct codes, over d), instead of its own value. Run with the option
on, so that D_C reads the (patched) feature:

    python batchwide.py ../code-regulariser-2026-11-26/probe.py METHOD STEPS OUT opt_code_batch_similarity=True [key=value ...]
"""
import sys, runpy
import lpaae.networks as N

per_code = N.batch_similarity


def batch_wide(codes):
    return per_code(codes).mean().expand(len(codes))


N.batch_similarity = batch_wide
sys.argv = sys.argv[1:]
runpy.run_path(sys.argv[0], run_name='__main__')
