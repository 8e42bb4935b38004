"""TRL checkpoints of a GRPO run: which one to resume from, and the step it reached."""

from __future__ import annotations

import json
import logging
import os
from pathlib import Path

log = logging.getLogger(__name__)


def find_resumable_checkpoint(checkpoints_dir: str | os.PathLike) -> str | None:
    """The newest complete ``checkpoint-<step>`` folder (one with trainer_state.json), or None."""
    root = Path(checkpoints_dir)
    if not root.is_dir():
        return None
    candidates = []
    for child in root.iterdir():
        if child.is_dir() and child.name.startswith("checkpoint-") and child.name[len("checkpoint-") :].isdigit():
            if (child / "trainer_state.json").is_file():
                candidates.append((int(child.name[len("checkpoint-") :]), child))
            else:
                log.warning("ignoring incomplete checkpoint %s (no trainer_state.json)", child)
    return str(max(candidates)[1]) if candidates else None


def checkpoint_step(checkpoint: str | os.PathLike) -> int:
    """``global_step`` recorded in a checkpoint's trainer_state.json."""
    with open(Path(checkpoint) / "trainer_state.json", encoding="utf-8") as handle:
        return int(json.load(handle)["global_step"])
