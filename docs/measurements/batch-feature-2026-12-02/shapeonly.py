"""D_C's minibatch feature made batch-wide and blind to scale, patched in for a probe run: every
code of a batch gets d * mean_{i != j} (z_i . z_j)^2 / (mean_i |z_i|^2)^2, which is 1 for
N(0, I_d) in expectation (up to 1/n), d / k for codes spread evenly over k directions, and does
not change when all codes are scaled. (The shipped per-code feature, and batchwide.py's mean of
it, fall when the codes shrink, so the encoder can answer D_C by shrinking instead of spreading.)

    python shapeonly.py ../code-regulariser-2026-11-26/probe.py METHOD STEPS OUT opt_code_batch_similarity=True [key=value ...]
"""
import sys, runpy
import lpaae.networks as N

per_code = N.batch_similarity


def shape_only(codes):
    d = codes.shape[1]
    return (d * per_code(codes).mean() * d / codes.pow(2).sum(1).mean().pow(2)).expand(len(codes))


N.batch_similarity = shape_only
sys.argv = sys.argv[1:]
runpy.run_path(sys.argv[0], run_name='__main__')
