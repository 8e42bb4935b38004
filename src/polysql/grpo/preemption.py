"""Preemption within a grace period: SIGTERM saves a checkpoint at the end of the current step and stops.

SLURM sends SIGTERM before it kills a job (``--signal=TERM@<seconds>``, see profiles/slurm/README.md);
so does ``scancel`` and a local ``kill``. :class:`PreemptionCallback` (one of every run's callbacks)
catches SIGTERM (and SIGUSR1, SLURM's other usual choice) while training: the step under way finishes,
a checkpoint is saved (marked complete), and training stops with :class:`PreemptedError`, so the job
exits non-zero and writes no adapter. The requeued or rerun job resumes from that checkpoint. The time
it takes is bounded by one step plus one checkpoint save (the run's ``time/step_s`` in its train log);
give SLURM's ``--signal`` at least that much. A second SIGTERM while saving is ignored; SIGKILL at the
deadline leaves the previous checkpoint (a half-written one is moved aside on resume).

Under several processes the ranks agree at the end of every step (an all-reduce of the flag), so one rank's
signal stops them all after the same step; the launcher (torchrun, ``accelerate launch``) forwards a SIGTERM it
receives to every rank.
"""

from __future__ import annotations

import logging
import signal
import threading
import time

from transformers import TrainerCallback as _Callback

log = logging.getLogger(__name__)

SIGNALS = tuple(s for s in (getattr(signal, "SIGTERM", None), getattr(signal, "SIGUSR1", None)) if s is not None)


class PreemptedError(RuntimeError):
    """Training stopped on a signal after saving a checkpoint; rerun the job to resume from it."""


class PreemptionCallback(_Callback):
    """On SIGTERM/SIGUSR1: finish the step, save a checkpoint, stop with :class:`PreemptedError`."""

    def __init__(self) -> None:
        self.signalled: int | None = None
        self.signalled_at: float | None = None
        self._previous: dict[int, object] = {}

    def _handle(self, signum, frame) -> None:
        if self.signalled is None:
            self.signalled, self.signalled_at = signum, time.monotonic()
            log.warning(
                "%s received: saving a checkpoint at the end of this step, then stopping", signal.Signals(signum).name
            )

    def on_train_begin(self, args, state, control, **kwargs):
        if threading.current_thread() is threading.main_thread():
            for signum in SIGNALS:
                self._previous[signum] = signal.signal(signum, self._handle)
        return control

    def on_step_end(self, args, state, control, **kwargs):
        if _any_rank(self.signalled is not None):
            control.should_save = True
            control.should_training_stop = True
            if self.signalled is None:  # another rank was signalled: stop with it
                self.signalled, self.signalled_at = SIGNALS[0], time.monotonic()
        return control

    def on_train_end(self, args, state, control, **kwargs):
        for signum, handler in self._previous.items():
            signal.signal(signum, handler)
        self._previous.clear()
        if self.signalled is not None:
            waited = time.monotonic() - (self.signalled_at or time.monotonic())
            raise PreemptedError(
                f"preempted by {signal.Signals(self.signalled).name} at step {state.global_step}: checkpoint "
                f"{args.output_dir}/checkpoint-{state.global_step} saved {waited:.1f} s after the signal; "
                "rerun the job to resume from it (no adapter written)"
            )
        return control


def _any_rank(flag: bool) -> bool:
    """Whether ``flag`` holds on any rank (itself outside torch.distributed): every rank stops after the same step."""
    import torch.distributed as dist

    if not (dist.is_available() and dist.is_initialized()) or dist.get_world_size() == 1:
        return flag
    import torch

    device = "cuda" if dist.get_backend() == "nccl" else "cpu"
    value = torch.tensor([1 if flag else 0], device=device)
    dist.all_reduce(value, op=dist.ReduceOp.MAX)
    return bool(value.item())
