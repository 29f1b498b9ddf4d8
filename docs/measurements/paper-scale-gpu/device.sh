# The one command for a lent GPU (the `device` tool's run, from the checkout's root, carrying
# .gpudata and .whl made by pack_data.sh; COMMIT names the code in the summary, since the copy
# that travels has no git history):
#   COMMIT=<short hash> bash docs/measurements/paper-scale-gpu/device.sh
# Ours on seeds 0 and 1 share the GPU and train until DEADLINE (seconds after the data are ready,
# default 360); then each run's diagnostics are computed at its last checkpoint. About 7 minutes
# in all (README.md). Results: $OUT/summary.md, $OUT/console.log, $OUT/runs.tar.gz (each run's
# log, losses.csv and diagnostics.json).
set -eu -o pipefail
if ! python3 -c "import jsonschema" 2>/dev/null; then  # the machine's image lacks it
    python3 -m pip install -q --no-index --no-deps --no-compile --no-cache-dir --upgrade \
        --target /tmp/site .whl/*.whl
    export PYTHONPATH=/tmp/site
fi
# Deterministic cuBLAS (lpaae.jobs.start asks for deterministic algorithms, warning otherwise).
export PYTHONUNBUFFERED=1 CUBLAS_WORKSPACE_CONFIG=:4096:8
OUT=${OUT:-/tmp/out}
rm -rf /tmp/work /tmp/data && mkdir -p /tmp/data "$OUT" && tar -xzf .gpudata/cifar10.tar.gz -C /tmp/data
{
nvidia-smi --query-gpu=name,memory.total --format=csv,noheader || true
python3 -c "import torch; print('torch', torch.__version__, torch.cuda.is_available())"
python3 docs/measurements/paper-scale-gpu/collapse.py --data /tmp/data/cifar10 --work /tmp/work \
    --out "$OUT" --deadline "${DEADLINE:-360}" --device "${DEVICE:-cuda}" --threads 4 \
    --commit "${COMMIT:-unknown}" learned_prior:0 learned_prior:1
} 2>&1 | tee "$OUT/console.log"
