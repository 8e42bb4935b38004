"""Downloading a pinned hub snapshot: only the files a job loads, with a token, and a clear word on refusals.

A hub repository holds more than a run loads: Meta's Llama repositories carry the original checkpoint
again under ``original/`` (16 GB more for 8B), XLM-R carries TensorFlow, Flax, Rust and ONNX weights
beside its PyTorch ones. :func:`files_to_fetch` keeps the configuration, tokenizer and chat-template files,
the sentence-transformers module files, and one weight format: safetensors, or ``.bin`` only where a
repository has no safetensors.
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Iterable

TOKEN_VARIABLE = "HF_TOKEN"
# Folders of other frameworks or of the original (non-transformers) checkpoint: never loaded.
SKIPPED_FOLDERS = ("original/", "onnx/", "openvino/", "coreml/", "tflite/", "gguf/")
# Top-level files a transformers/sentence-transformers load reads, besides the weights.
_SMALL_FILE = re.compile(r"[^/]+\.(json|model|txt|jinja|tiktoken)$|(LICENSE|USE_POLICY)[^/]*$")
# sentence-transformers module folders (1_Pooling/config.json, 2_Normalize/, ...).
_MODULE_FILE = re.compile(r"\d+_[A-Za-z]+/[^/]+\.json$")


def files_to_fetch(repo_files: Iterable[str]) -> list[str]:
    """The files of a repository that a job loads, sorted (see the module docstring).

    Args:
        repo_files: every path of the repository at the pinned revision (``HfApi.list_repo_files``).
    """
    files = [path for path in repo_files if not path.startswith(SKIPPED_FOLDERS)]
    top = [path for path in files if "/" not in path]
    has_safetensors = any(path.endswith(".safetensors") for path in top)
    keep = []
    for path in files:
        if "/" in path:
            if _MODULE_FILE.fullmatch(path):
                keep.append(path)
        elif path.endswith(".safetensors") or (path.endswith(".bin") and not has_safetensors):
            keep.append(path)
        elif path.endswith(".bin.index.json"):
            if not has_safetensors:
                keep.append(path)
        elif _SMALL_FILE.fullmatch(path):
            keep.append(path)
    return sorted(keep)


class HubRefusal(RuntimeError):
    """The hub refused a download (gated repository, bad or missing token); the message says what to do."""


def hub_token() -> str | None:
    """The token in ``HF_TOKEN`` (None when unset or empty: huggingface_hub then uses a stored login)."""
    return os.environ.get(TOKEN_VARIABLE) or None


def refusal_message(repo_id: str, error: Exception) -> str | None:
    """What to do about a refused download, or None when ``error`` is no refusal (a network error, ...)."""
    from huggingface_hub.errors import GatedRepoError, RepositoryNotFoundError

    status = getattr(getattr(error, "response", None), "status_code", None)
    token_state = f"{TOKEN_VARIABLE} is set" if hub_token() else f"{TOKEN_VARIABLE} is not set"
    if isinstance(error, GatedRepoError) or status == 403:
        return (
            f"{repo_id} is a gated repository and the hub refused this account ({token_state}): accept the "
            f"licence on https://huggingface.co/{repo_id} while logged in, create a read token at "
            f"https://huggingface.co/settings/tokens, `export {TOKEN_VARIABLE}=<token>` and run prefetch again"
        )
    if isinstance(error, RepositoryNotFoundError) or status == 401:
        return (
            f"the hub answered 'not found or not authorised' for {repo_id} ({token_state}): check repo_id, "
            f"and for a gated repository (Meta's Llama) `export {TOKEN_VARIABLE}=<a read token of an account "
            "that accepted the licence>` and run prefetch again"
        )
    return None


def download_snapshot(repo_id: str, revision: str | None, out_dir: str | os.PathLike, *, api=None) -> list[str]:
    """Download the files a job loads of ``repo_id@revision`` into ``out_dir``; returns their paths.

    Raises:
        HubRefusal: the repository is gated or the token is refused (the message says what to do).
        Exception: anything else huggingface_hub raises (network errors, a missing revision).
    """
    from huggingface_hub import HfApi, snapshot_download

    api = api or HfApi()
    token = hub_token()
    try:
        wanted = files_to_fetch(api.list_repo_files(repo_id, revision=revision, token=token))
        if not wanted:
            raise HubRefusal(f"{repo_id}@{revision} holds no config, tokenizer or weight file polysql can load")
        snapshot_download(
            repo_id=repo_id, revision=revision, local_dir=str(out_dir), allow_patterns=wanted, token=token
        )
    except HubRefusal:
        raise
    except Exception as error:  # noqa: BLE001 - classified below, re-raised when not a refusal
        message = refusal_message(repo_id, error)
        if message:
            raise HubRefusal(message) from error
        raise
    return [str(Path(out_dir) / path) for path in wanted]
