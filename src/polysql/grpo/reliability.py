"""The hooks :mod:`polysql.grpo.train` calls for the faults a cluster user meets, in one place.

* :func:`reliability_callbacks`: the TrainerCallbacks every run gets (a completeness marker after each
  checkpoint, :class:`polysql.grpo.checkpoints.CompletionMarker`; a checkpoint and a stop on SIGTERM,
  :class:`polysql.grpo.preemption.PreemptionCallback`).
* :func:`hold_run_lock`: one trainer per run folder (:mod:`polysql.grpo.run_lock`).
* :func:`install_resumable_sampler`: a resumed run sees the prompts an uninterrupted one sees
  (:mod:`polysql.grpo.resume`).
* :func:`check_sample_gold`: every gold query of the sample executed before the model loads
  (:mod:`polysql.grpo.sample_check`; config ``reliability.gold_failures_allowed``).
* :func:`checkpoint_space_guard`: a full disk while training (a checkpoint, the live log) or saving the
  adapter says "no space left", the path and the bytes needed (:mod:`polysql.disk`).

Logic lives in :mod:`polysql.grpo.checkpoints`, :mod:`polysql.disk` and :mod:`polysql.grpo.run_lock`;
this module only wires it, so train.py keeps one call per concern.
"""

from __future__ import annotations

import os
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Iterator, Mapping

from polysql.grpo.resume import install_resumable_sampler  # noqa: F401  (re-exported)
from polysql.grpo.run_lock import hold_run_lock  # noqa: F401  (re-exported: train.py's one import)
from polysql.grpo.sample_check import check_sample_gold  # noqa: F401  (re-exported)


def gold_failures_allowed(reliability: Mapping[str, Any] | None) -> int:
    """Config ``reliability.gold_failures_allowed`` (schema default 0 when the section or key is absent)."""
    from polysql.config_schema import with_defaults

    return int(with_defaults(reliability, "reliability")["gold_failures_allowed"])


def reliability_callbacks() -> list:
    """TrainerCallbacks of every GRPO run: mark each checkpoint complete after its last file; on SIGTERM save
    a checkpoint and stop (:mod:`polysql.grpo.preemption`)."""
    from polysql.grpo.checkpoints import CompletionMarker
    from polysql.grpo.preemption import PreemptionCallback

    return [CompletionMarker(), PreemptionCallback()]


def _newest_checkpoint_bytes(checkpoints_dir: Path) -> int | None:
    from polysql.grpo.checkpoints import checkpoint_folders

    for folder in checkpoint_folders(checkpoints_dir):
        size = sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())
        if size:
            return size
    return None


@contextmanager
def checkpoint_space_guard(path: str | os.PathLike, what: str = "checkpoint") -> Iterator[None]:
    """Training (or saving) under ``path``: a write refused for space becomes a DiskFullError naming it.

    The bytes needed are the size of the newest checkpoint in ``path`` (what the next one takes),
    or torch's own write position when it reports one.
    """
    from polysql.disk import guarded_write

    root = Path(path)
    needed = _newest_checkpoint_bytes(root) if root.is_dir() else None
    with guarded_write(root, what, needed=needed):
        yield
