#!/usr/bin/env bash
# The GPU measurements of the README's "Speed" section, in one call on a machine with one CUDA
# GPU (about 8 minutes on an H100):
#   bash bench/gpu.sh [OUT]        # default OUT: results/bench-gpu
# 1. `python -m bench` at the paper's scale: every model's step, the reference, bf16, the
#    fractions of the measured fp32/bf16 matrix peaks, the Inception Score over 50,000 samples
#    (classifier extractor), and the whole training loop (projected to 78,000 steps), alone and
#    four runs at once; 2. the same steps under torch.compile (fusion; CUDA graphs).
# Each stage's tables are packed into OUT/bench-gpu.tar.gz as soon as the stage ends.
# Packages the GPU machine lacks (torch-fidelity, jsonschema) may come as wheels in .whl/.
set -uo pipefail
OUT=${1:-${OUT:-results/bench-gpu}}
WORK=$(mktemp -d)
mkdir -p "$OUT"
if compgen -G ".whl/*.whl" >/dev/null; then
  python3 -m pip install -q --no-index --no-deps --no-compile --no-cache-dir --upgrade \
    --target /tmp/site .whl/*.whl && export PYTHONPATH=/tmp/site || exit 1
fi
export PYTHONPATH=$PWD${PYTHONPATH:+:$PYTHONPATH} PYTHONUNBUFFERED=1
pack() { tar czf "$OUT/bench-gpu.tar.gz" -C "$WORK" .; }
{
  nvidia-smi --query-gpu=name,memory.total,driver_version,clocks.max.sm --format=csv
  python3 -c "import torch; print('torch', torch.__version__, torch.cuda.get_device_name())"
  python3 -m bench --device cuda --scales paper --repeats 20 --is-samples 50000 \
    --train-steps 400 --concurrent 4 --out "$WORK/eager"
  pack
  python3 -m bench --device cuda --scales paper --repeats 20 --is-samples 1000 --compile \
    --out "$WORK/compiled"
  pack
} 2>&1 | tee "$OUT/log.txt"
