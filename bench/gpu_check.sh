#!/usr/bin/env bash
# GPU readiness of polysql in one call (at most 10 minutes) on a GPU machine without internet.
#
#   bash bench/gpu_check.sh download     # here, with PyPI: wheels of trl, datasets, snakemake, sqlglot and
#                                        # their missing dependencies for CPython 3.12 into build/gpu_wheels/
#                                        # (git-ignored; checks that repository + wheels fit in 64 MiB)
#   bash bench/gpu_check.sh              # on the GPU machine (the repository with build/gpu_wheels/ beside it):
#                                        # installs only what is missing into build/gpu/site-packages/, runs the gpu tests
#                                        # and the tiny workflow with the GPU options on, prints a summary
#   bash bench/gpu_check.sh check --cpu-workflow   # without CUDA: also run the tiny workflow on CPU
#
# Exit status 0 when nothing failed. Logs: build/gpu_check/. See bench/gpu_check.py for the details.
set -uo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
PYTHON=${PYTHON:-}
if [[ -z "$PYTHON" ]]; then
    if [[ -x .venv/bin/python ]]; then PYTHON=.venv/bin/python; else PYTHON=python3; fi
fi
export HF_HUB_OFFLINE=1
cmd=${1:-check}
[[ $# -gt 0 ]] && shift
case "$cmd" in
    download) "$PYTHON" bench/gpu_check.py download "$@" && "$PYTHON" bench/gpu_check.py size ;;
    check|install|size) timeout 595 "$PYTHON" bench/gpu_check.py "$cmd" "$@" ;;
    *) echo "usage: bash bench/gpu_check.sh [download|check|install|size] [options]" >&2; exit 2 ;;
esac
