#!/usr/bin/env bash
# Make reproduction/NAME/ from scratch: run the DAG's `all` on the given overlays in runs/NAME/
# (resumed if it is there), then ship its scoreboard, tables, figures and report with their
# provenance into reproduction/NAME/ (lpaae ship; the old copy is replaced only once the new one
# is complete).
#   bash reproduction/reproduce.sh mnist-cpu config/mnist-cpu.yaml [local-data.yaml]
# CORES (default 2) and RUN_DIR (default runs/NAME) change where and how wide it runs.
set -euo pipefail
if [ $# -lt 2 ]; then
    echo "usage: $0 NAME OVERLAY [OVERLAY...]   (e.g. mnist-cpu config/mnist-cpu.yaml)" >&2
    exit 2
fi
name=$1
shift
root=$(cd "$(dirname "$0")/.." && pwd)
overlays=()
for overlay in "$@"; do
    [ -f "$overlay" ] || { echo "$0: config file not found: $overlay" >&2; exit 2; }
    overlays+=("$(realpath "$overlay")")
done
run_dir=$(realpath -m "${RUN_DIR:-$root/runs/$name}")
cores=${CORES:-2}
mkdir -p "$run_dir"
run=(snakemake --snakefile "$root/Snakefile" --directory "$run_dir" --configfile "${overlays[@]}"
     --cores "$cores" -- all)
(cd "$root" && "${run[@]}")
lpaae ship "$run_dir" "$root/reproduction/$name" --configfile "${overlays[@]}" \
    --command "bash reproduction/reproduce.sh $name $* (ran: ${run[*]})"
