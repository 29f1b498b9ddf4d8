# The one command for a lent GPU (the `device` tool's run, from the checkout's root, carrying
# .gpudata and .whl made by pack_data.sh):
#   bash docs/measurements/paper-scale-gpu/device.sh
# Three runs share the GPU: ours on seeds 0 and 1, Table 3's A + B on seed 0. STEPS (default
# 5000) and DEADLINE (seconds, default 360) size it to a 7-minute call (README.md); runs still
# going at the deadline are stopped and keep what they logged. Results: $OUT/summary.md
# and $OUT/runs.tar.gz (each run's log, losses.csv and, if it finished, diagnostics.json).
set -eu
if ! python3 -c "import jsonschema" 2>/dev/null; then  # the machine's image lacks it
    python3 -m pip install -q --no-index --no-deps --no-compile --no-cache-dir --target /tmp/site .whl/*.whl
    export PYTHONPATH=/tmp/site
fi
export PYTHONUNBUFFERED=1
mkdir -p /tmp/data && tar -xzf .gpudata/cifar10.tar.gz -C /tmp/data
nvidia-smi --query-gpu=name,memory.total --format=csv,noheader || true
python3 -c "import torch; print('torch', torch.__version__, torch.cuda.is_available())"
python3 docs/measurements/paper-scale-gpu/collapse.py --data /tmp/data/cifar10 --work /tmp/work \
    --out "${OUT:-/tmp/out}" --steps "${STEPS:-5000}" --deadline "${DEADLINE:-360}" \
    --device "${DEVICE:-cuda}" --threads 3 \
    learned_prior:0 learned_prior:1 learned_prior_perceptual:0
