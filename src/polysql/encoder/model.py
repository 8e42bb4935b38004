"""Loading a sentence-transformers encoder from a local folder, offline."""

from __future__ import annotations

import os
from pathlib import Path


def pick_device(device: str | None = None) -> str:
    """``device`` if given, else ``"cuda"`` when a GPU is visible, else ``"cpu"``."""
    if device:
        return device
    import torch

    return "cuda" if torch.cuda.is_available() else "cpu"


def load_encoder(path: str | os.PathLike, *, device: str | None = None, max_seq_length: int | None = None):
    """Load a sentence-transformers folder without touching a model hub.

    Args:
        path: A sentence-transformers model folder (``modules.json`` inside).
        device: Torch device; default: CUDA if available, else CPU.
        max_seq_length: Override the model's maximum input length (tokens).

    Raises:
        FileNotFoundError: ``path`` is not a sentence-transformers folder.
    """
    from sentence_transformers import SentenceTransformer

    path = Path(path)
    if not (path / "modules.json").is_file():
        raise FileNotFoundError(f"{path}: not a sentence-transformers model folder (no modules.json)")
    model = SentenceTransformer(str(path), device=pick_device(device), local_files_only=True)
    if max_seq_length:
        model.max_seq_length = int(max_seq_length)
    return model
