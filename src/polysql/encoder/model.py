"""Loading a sentence encoder from a local folder, offline: a sentence-transformers folder, or a plain
transformers checkpoint (transformer + mean pooling)."""

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
    """Load a sentence encoder from a local folder without touching a model hub.

    Args:
        path: a sentence-transformers folder (``modules.json`` inside), or a plain transformers folder
            (``config.json`` and weights, as a hub repository such as ``FacebookAI/xlm-roberta-base``
            ships), which becomes the transformer followed by mean pooling over the tokens, as
            sentence-transformers builds an encoder from a plain checkpoint.
        device: Torch device; default: CUDA if available, else CPU.
        max_seq_length: Override the model's maximum input length (tokens).

    Raises:
        FileNotFoundError: ``path`` is neither kind of folder.
    """
    from sentence_transformers import SentenceTransformer, models  # type: ignore[attr-defined]  # a lazy submodule

    path = Path(path)
    device = pick_device(device)
    if (path / "modules.json").is_file():
        model = SentenceTransformer(str(path), device=device, local_files_only=True)
    elif (path / "config.json").is_file():
        transformer = models.Transformer(
            str(path),
            max_seq_length=max_seq_length,
            model_args={"local_files_only": True},
            tokenizer_args={"local_files_only": True},
            config_args={"local_files_only": True},
        )
        pooling = models.Pooling(transformer.get_embedding_dimension(), pooling_mode="mean")
        model = SentenceTransformer(modules=[transformer, pooling], device=device)
    else:
        raise FileNotFoundError(
            f"{path}: not an encoder folder (neither modules.json of sentence-transformers nor the "
            "config.json of a transformers checkpoint)"
        )
    if max_seq_length:
        model.max_seq_length = int(max_seq_length)
    return model
