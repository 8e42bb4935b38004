"""A SIGTERM to the snakemake process reaches the jobs it runs.

Snakemake 9 answers SIGTERM with a graceful stop: it waits for its running jobs and forwards nothing,
so a GRPO job kept training past any grace period and the checkpoint it could have saved was lost with
the SIGKILL that followed. :func:`forward_sigterm_to_jobs` (called from the workflow's ``onstart``, in the
snakemake process, after Snakemake installed its own handler) wraps that handler: it first sends SIGTERM
to every descendant process (the local executor's job processes, the training Python among them: it
saves a checkpoint at the end of its step and stops, see :mod:`polysql.grpo.preemption`), then lets
Snakemake's graceful stop run. The job then fails (it stopped early), Snakemake exits 1 and says so, and
the next run resumes from the checkpoint. Local execution only: with a cluster executor the jobs are
not descendants (SLURM signals them itself, ``--signal``).

This module imports nothing from polysql.
"""

from __future__ import annotations

import logging
import os
import signal
import threading

log = logging.getLogger(__name__)


def descendants(pid: int) -> list[int]:
    """Every process below ``pid`` (children first), from ``/proc`` (Linux); [] where there is none."""
    children: dict[int, list[int]] = {}
    try:
        entries = os.listdir("/proc")
    except OSError:
        return []
    for entry in entries:
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat", "rb") as handle:
                stat = handle.read().decode("utf-8", "replace")
        except OSError:  # ended meanwhile
            continue
        fields = stat.rsplit(")", 1)[-1].split()
        if len(fields) > 1 and fields[1].isdigit():
            children.setdefault(int(fields[1]), []).append(int(entry))
    found, queue = [], [pid]
    while queue:
        for child in children.get(queue.pop(0), []):
            found.append(child)
            queue.append(child)
    return found


def forward_sigterm_to_jobs(*, local: bool = True) -> bool:
    """Make a SIGTERM to this process reach its descendants before the current handler runs.

    Args:
        local: Whether jobs run as descendants (Snakemake's local executor); False: nothing is installed.

    Returns:
        Whether the forwarding handler was installed (only from the main thread, on local execution).
    """
    if not local or threading.current_thread() is not threading.main_thread():
        return False
    previous = signal.getsignal(signal.SIGTERM)

    def forward(signum, frame):
        pids = descendants(os.getpid())
        for pid in pids:
            try:
                os.kill(pid, signal.SIGTERM)
            except OSError:
                pass
        log.warning("SIGTERM: forwarded to %d job process(es); running GRPO jobs save a checkpoint and stop", len(pids))
        if callable(previous):
            previous(signum, frame)
        elif previous == signal.SIG_DFL:
            signal.signal(signal.SIGTERM, signal.SIG_DFL)
            os.kill(os.getpid(), signal.SIGTERM)

    signal.signal(signal.SIGTERM, forward)
    return True
