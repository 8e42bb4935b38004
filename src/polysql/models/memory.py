"""How much memory a job that loads a model asks the scheduler for.

A job's ``mem_mb`` is computed from its model's weights in the job's dtype, with a margin and a floor,
unless config sets it. The parameter count comes from the model's safetensors headers when its files
are there (a prefetched hub model, a converted GGUF, a local folder), else from ``models.<name>.params``
(a hub model before prefetch). Only file headers are read: planning a DAG never loads weights.
"""

from __future__ import annotations

import json
import math
import struct
from pathlib import Path
from typing import Any, Mapping

FLOOR_MB = 8000
# Bytes per parameter of a dtype name. "bfloat16-if-native" is sized as float32: where the CPU lacks
# native bf16 the job loads float32 weights (polysql.models.sources.resolve_dtype).
DTYPE_BYTES = {"float32": 4, "bfloat16": 2, "float16": 2, "bfloat16-if-native": 4, "auto": 4}


def safetensors_params(folder: str | Path) -> int | None:
    """The number of parameters in a folder's ``*.safetensors`` files, read from their headers only.

    Returns:
        the count, or None when the folder holds no safetensors file.

    Raises:
        ValueError: a file whose header is not safetensors (names the file).
    """
    files = sorted(Path(folder).glob("*.safetensors"))
    if not files:
        return None
    total = 0
    for path in files:
        with open(path, "rb") as handle:
            raw = handle.read(8)
            if len(raw) != 8:
                raise ValueError(f"{path}: not a safetensors file (shorter than its 8-byte header length)")
            (length,) = struct.unpack("<Q", raw)
            try:
                header = json.loads(handle.read(length))
            except (json.JSONDecodeError, UnicodeDecodeError) as exc:
                raise ValueError(f"{path}: unreadable safetensors header ({exc})") from exc
        for name, entry in header.items():
            if name != "__metadata__":
                total += math.prod(entry.get("shape", []))
    return total


def model_params(folder: str | Path | None, spec: Mapping[str, Any]) -> float | None:
    """A model's parameter count: from its weight files when present, else the spec's ``params``."""
    if folder is not None and Path(folder).is_dir():
        counted = safetensors_params(folder)
        if counted:
            return float(counted)
    params = spec.get("params")
    return float(params) if params else None


def configured_model_params(name: str, models: Mapping[str, Mapping[str, Any]]) -> float | None:
    """The parameter count of config model ``name``: its folder's weights, else its spec's ``params``;
    a warm-started model not yet trained counts as its ``base``."""
    from polysql.models.sources import model_dir

    spec = models[name]
    params = model_params(model_dir(name, spec), spec)
    if params is None and spec.get("source") == "warm_start" and spec.get("base") in models:
        return configured_model_params(spec["base"], models)
    return params


def job_mem_mb(
    params: float | None,
    dtype: str,
    *,
    factor: float = 1.5,
    extra_mb: int = 4000,
    floor_mb: int = FLOOR_MB,
) -> int:
    """Memory (MB) for a job holding ``params`` weights of ``dtype``: factor x weights + extra, at least floor.

    Args:
        params: the parameter count (None: unknown, the floor is returned).
        dtype: a dtype name of the config (unknown names are sized as float32).
        factor: weights are held this many times over (loading, the merged adapter, buffers).
        extra_mb: the interpreter, torch, tokenizer, data and activations.
        floor_mb: the least a job asks for.
    """
    if not params:
        return floor_mb
    weights_mb = params * DTYPE_BYTES.get(dtype, 4) / 1e6
    return max(floor_mb, int(math.ceil(factor * weights_mb + extra_mb)))
