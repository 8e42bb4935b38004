"""One trainer per run folder: an OS-level lock beside the checkpoints, and a lock file naming its holder.

Snakemake's own lock can be lifted (``--unlock``, as its message suggests) while a job still trains;
a second trainer on the same run would then share the checkpoint folder and mix two train logs. So
``train_run`` takes :class:`RunLock` before it touches the folder:

* an exclusive ``fcntl.lockf`` lock (POSIX record lock: NFS with a lock manager carries it between hosts)
  on ``<checkpoints_dir>.lock``, a file beside the checkpoint folder (not inside it: a changed run
  definition moves the folder aside, and the lock must stay where the next trainer looks);
* the file holds the holder's host, PID, start time and a heartbeat time, rewritten in place every
  ``heartbeat_s`` seconds by a daemon thread. On NFS mounted without locking (``nolock``) every host
  gets the OS lock; the file then decides: another live holder (same host: its PID runs; other host:
  its heartbeat is younger than ``stale_after_s``) refuses the lock, an older one is stale and taken
  over with a warning.

A refused trainer stops at once with :class:`RunLockedError`, naming the holder and the lock file.
The lock goes when the holder exits, however it exits (the OS drops it with the process).
"""

from __future__ import annotations

import errno
import fcntl
import json
import logging
import os
import socket
import threading
import time
import weakref
from pathlib import Path
from typing import IO

log = logging.getLogger(__name__)

LOCK_SUFFIX = ".lock"
STALE_AFTER_S = float(os.environ.get("POLYSQL_RUN_LOCK_STALE_S", 600))
"""A holder on another host whose heartbeat is older than this is taken for dead (env POLYSQL_RUN_LOCK_STALE_S)."""
HEARTBEAT_S = float(os.environ.get("POLYSQL_RUN_LOCK_HEARTBEAT_S", 30))
"""How often the holder rewrites its heartbeat (env POLYSQL_RUN_LOCK_HEARTBEAT_S)."""


RECORD_BYTES = 512
"""The holder record is padded to this length, so a rewrite never leaves a tail of the previous one."""
_HELD: dict[str, "weakref.ref[RunLock]"] = {}
"""The RunLock this process holds, by lock file (POSIX locks are per process, not per file handle)."""


class RunLockedError(RuntimeError):
    """Another trainer holds the run; the message names it (host, PID, since when) and the lock file."""


def lock_path(checkpoints_dir: str | os.PathLike) -> Path:
    """``<checkpoints_dir>.lock``: the run's lock file, beside its checkpoint folder."""
    root = Path(checkpoints_dir)
    return root.with_name(root.name + LOCK_SUFFIX)


def _describe(holder: dict | None, path: Path) -> str:
    if not holder:
        return f"another process (lock file {path})"
    age = time.time() - float(holder.get("heartbeat", holder.get("since", 0)) or 0)
    return (
        f"PID {holder.get('pid')} on host {holder.get('host')} since {holder.get('since_utc')} "
        f"(heartbeat {age:.0f} s ago; lock file {path})"
    )


def _pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # runs, as another user
        return True
    return True


def _read_holder(handle) -> dict | None:
    handle.seek(0)
    text = handle.read()
    try:
        holder = json.loads(text) if text.strip() else None
    except ValueError:
        return None
    return holder if isinstance(holder, dict) else None


class RunLock:
    """The exclusive right to train one run (see the module docstring). Use as a context manager or
    call :meth:`release`; the OS releases it when the process ends."""

    def __init__(
        self,
        checkpoints_dir: str | os.PathLike,
        *,
        stale_after_s: float = STALE_AFTER_S,
        heartbeat_s: float = HEARTBEAT_S,
    ):
        self.path = lock_path(checkpoints_dir)
        self.stale_after_s = float(stale_after_s)
        self.heartbeat_s = float(heartbeat_s)
        self._handle: IO[str] | None = None
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._acquire()

    # -- taking the lock
    def _acquire(self) -> None:
        key = os.path.realpath(self.path)
        reference = _HELD.get(key)
        earlier = reference() if reference is not None else None
        if earlier is not None:  # POSIX locks belong to the process: an earlier RunLock here (a train_run that
            earlier.release()  # raised) would drop ours when it is collected, so it goes first
        self.path.parent.mkdir(parents=True, exist_ok=True)
        # read-write without O_APPEND (with it, Linux's pwrite appends whatever the offset)
        handle = open(os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644), "r+", encoding="utf-8")
        try:
            fcntl.lockf(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError as error:
            if error.errno not in (errno.EACCES, errno.EAGAIN):
                handle.close()
                raise
            holder = _read_holder(handle)
            handle.close()
            raise RunLockedError(
                f"another trainer is training this run: {_describe(holder, self.path)}; "
                "stopping (two trainers would mix one checkpoint folder)"
            ) from None
        holder = _read_holder(handle)  # we hold the OS lock; on NFS without locking the file still decides
        if holder and not self._is_stale(holder):
            handle.close()
            raise RunLockedError(
                f"another trainer is training this run: {_describe(holder, self.path)} "
                "(its OS lock is not visible here, e.g. NFS mounted without locking); stopping"
            )
        if holder:
            log.warning("taking over a stale run lock: %s", _describe(holder, self.path))
        self._handle = handle
        _HELD[key] = weakref.ref(self)
        self._since = time.time()
        self._write()
        log.info("run lock taken: %s (PID %d on %s)", self.path, os.getpid(), socket.gethostname())
        if self.heartbeat_s > 0:  # the thread holds a weak reference: a dropped RunLock is released
            self._thread = threading.Thread(
                target=_beat,
                args=(weakref.ref(self), self._stop, self.heartbeat_s),
                name="run-lock-heartbeat",
                daemon=True,
            )
            self._thread.start()

    def _is_stale(self, holder: dict) -> bool:
        if holder.get("pid") == os.getpid() and holder.get("host") == socket.gethostname():
            return True  # our own earlier lock (a retried train_run in this process)
        if holder.get("host") == socket.gethostname():
            return not _pid_alive(int(holder.get("pid") or 0))
        age = time.time() - float(holder.get("heartbeat") or 0)
        return age > self.stale_after_s

    # -- holding it
    def _write(self) -> None:
        now = time.time()
        record = {
            "host": socket.gethostname(),
            "pid": os.getpid(),
            "since": self._since,
            "since_utc": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(self._since)),
            "heartbeat": now,
        }
        data = json.dumps(record).ljust(RECORD_BYTES).encode("utf-8")  # one length: a reader never sees a mix
        assert self._handle is not None  # held
        fd = self._handle.fileno()
        os.pwrite(fd, data, 0)  # in place: a rename would swap the locked file
        os.ftruncate(fd, len(data))
        os.fsync(fd)

    def release(self) -> None:
        """Give the run up: empty the lock file and drop the OS lock."""
        if self._handle is None:
            return
        self._stop.set()
        if self._thread is not None and self._thread is not threading.current_thread():
            self._thread.join(timeout=5)
        try:
            os.ftruncate(self._handle.fileno(), 0)
            fcntl.lockf(self._handle, fcntl.LOCK_UN)
        finally:
            self._handle.close()
            self._handle = None

    def __enter__(self) -> "RunLock":
        return self

    def __exit__(self, *exc) -> None:
        self.release()

    def __del__(self) -> None:  # the lock of a train_run that returned or raised goes with it
        try:
            self.release()
        except Exception:  # noqa: BLE001 - interpreter shutdown
            pass


def _beat(ref: "weakref.ref[RunLock]", stop: threading.Event, every: float) -> None:
    """Rewrite the heartbeat every ``every`` seconds while the lock lives."""
    while not stop.wait(every):
        lock = ref()
        if lock is None or lock._handle is None:
            return
        try:
            lock._write()
        except (OSError, ValueError):  # closed under us, or a full disk: the OS lock still holds
            return
        del lock


def hold_run_lock(checkpoints_dir: str | os.PathLike) -> RunLock | None:
    """Take the run's lock in the main process (RANK 0 or no RANK); other ranks of a multi-process run get None."""
    if int(os.environ.get("RANK", "0")) != 0:
        return None
    return RunLock(checkpoints_dir)
