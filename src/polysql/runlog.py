"""Logging set-up for workflow scripts: everything goes to the rule's log file (and stderr)."""

from __future__ import annotations

import logging
import os
import sys
from pathlib import Path


def setup_logging(log_path: str | os.PathLike | None = None, level: int = logging.INFO) -> logging.Logger:
    """Send log records (and warnings) to ``log_path`` and stderr; returns the root logger.

    Also sets ``HF_HUB_OFFLINE=1`` unless the caller set it: workflow jobs never reach a hub.
    """
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    handlers: list[logging.Handler] = [logging.StreamHandler(sys.stderr)]
    if log_path:
        Path(log_path).parent.mkdir(parents=True, exist_ok=True)
        handlers.append(logging.FileHandler(log_path, mode="w", encoding="utf-8"))
    logging.basicConfig(level=level, format="%(asctime)s %(levelname)s %(name)s: %(message)s", handlers=handlers, force=True)
    logging.captureWarnings(True)
    return logging.getLogger()


def snakemake_log(snakemake) -> str | None:
    """The first log file of a Snakemake job, or None."""
    return str(snakemake.log[0]) if len(snakemake.log) else None
