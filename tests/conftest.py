"""Shared test set-up: offline, single-threaded, and the repository root at hand."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
os.environ.setdefault("OMP_NUM_THREADS", "1")
os.environ.setdefault("MPLBACKEND", "Agg")

REPO = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="session")
def repo_root() -> Path:
    """The repository root (where the Snakefile is)."""
    return REPO


@pytest.fixture(autouse=True, scope="session")
def _single_threaded_torch():
    try:
        import torch
    except ImportError:  # pragma: no cover - torch is a dependency
        return
    torch.set_num_threads(1)


@pytest.fixture(scope="session")
def tiny_llama_path(tmp_path_factory) -> Path:
    """A tiny Llama (tokenizer trained in-process, chat template) saved once per test session."""
    from tiny_llama import build_tiny_llama

    return build_tiny_llama(tmp_path_factory.mktemp("models") / "tiny-llama")


@pytest.fixture(scope="module")
def executor():
    """A safe SQLite executor with its default limits (a module may define its own with other limits)."""
    from polysql.sql.executor import SafeExecutor

    return SafeExecutor()
