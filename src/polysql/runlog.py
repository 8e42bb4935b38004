"""Logging set-up for workflow scripts: everything goes to the rule's log file (and stderr)."""

from __future__ import annotations

import logging
import os
import sys
from pathlib import Path


def setup_logging(
    log_path: str | os.PathLike | None = None, level: int = logging.INFO, *, keep_attempts: bool = False
) -> logging.Logger:
    """Send log records (and warnings) to ``log_path`` and stderr; returns the root logger.

    Snakemake deletes a job's log before each attempt, so a preempted or killed attempt's log would be
    lost when the job runs again. With ``keep_attempts`` (long, resumable jobs: GRPO) every record also
    goes to ``<log_path>.attempts/attempt-<N>.log``, numbered per attempt and never removed by Snakemake
    (:func:`attempt_log_path`); the first line of both says which attempt this is.

    Also installs :func:`log_uncaught_exception` as ``sys.excepthook``, so the error that fails
    a job is written to the rule's log file as well as to stderr.
    """
    handlers: list[logging.Handler] = [logging.StreamHandler(sys.stderr)]
    if log_path:
        Path(log_path).parent.mkdir(parents=True, exist_ok=True)
        handlers.append(logging.FileHandler(log_path, mode="w", encoding="utf-8"))
    logging.basicConfig(level=level, format=LOG_FORMAT, handlers=handlers, force=True)
    logging.captureWarnings(True)
    sys.excepthook = log_uncaught_exception
    if log_path and keep_attempts:
        keep_attempt_log(log_path)
    return logging.getLogger()


LOG_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"


def keep_attempt_log(log_path: str | os.PathLike) -> Path:
    """Also send every log record to this attempt's own ``<log_path>.attempts/attempt-<N>.log`` (see
    :func:`setup_logging`), and say so in the first line; returns that file."""
    import socket

    attempt = attempt_log_path(log_path)
    handler = logging.FileHandler(attempt, mode="a", encoding="utf-8")
    handler.setFormatter(logging.Formatter(LOG_FORMAT))
    logging.getLogger().addHandler(handler)
    logging.getLogger("polysql.runlog").info(
        "attempt %s of this job (PID %d on %s); every attempt's log is kept in %s",
        attempt.stem.rsplit("-", 1)[-1],
        os.getpid(),
        socket.gethostname(),
        attempt.parent,
    )
    return attempt


def attempt_log_path(log_path: str | os.PathLike) -> Path:
    """The next free ``<log_path>.attempts/attempt-<N>.log`` (N from 1), created empty so no other attempt takes it."""
    folder = Path(f"{log_path}.attempts")
    folder.mkdir(parents=True, exist_ok=True)
    taken = [
        int(p.stem.rsplit("-", 1)[-1]) for p in folder.glob("attempt-*.log") if p.stem.rsplit("-", 1)[-1].isdigit()
    ]
    number = max(taken, default=0) + 1
    while True:
        path = folder / f"attempt-{number}.log"
        try:
            with open(path, "x", encoding="utf-8"):
                return path
        except FileExistsError:
            number += 1


# Errors whose message already names the file, line or key: logged without a traceback.
_CLEAR_ERRORS = ("DataError", "GoldQueryError", "ConfigError", "DiskFullError", "RunLockedError", "PreemptedError")


def log_uncaught_exception(exc_type, exc, tb) -> None:
    """``sys.excepthook`` of workflow scripts: the error that ends the job goes to the log too.

    Without it, the rule's log file holds only the INFO lines and the error appears only on
    Snakemake's terminal. Errors that name their problem (:class:`polysql.io.DataError`, a
    failing gold query, a full disk, a run held by another trainer) are logged as one line; a write
    refused for space that no guard named still says "no space left"; anything else with its traceback. The exit code
    stays 1. Ctrl-C keeps Python's own handling.
    """
    if issubclass(exc_type, KeyboardInterrupt):
        sys.__excepthook__(exc_type, exc, tb)
        return
    logger = logging.getLogger("polysql")
    from polysql.disk import DiskFullError, free_bytes, is_space_error

    if is_space_error(exc) and not isinstance(exc, DiskFullError):  # a writer without its own guard
        free = free_bytes(os.getcwd())
        logger.error(
            "job failed: no space left on device (%s: %s); %s bytes free in %s",
            exc_type.__name__,
            str(exc).strip().splitlines()[0] if str(exc).strip() else "",
            f"{free:,}" if free is not None else "unknown",
            os.getcwd(),
            exc_info=(exc_type, exc, tb),
        )
    elif any(cls.__name__ in _CLEAR_ERRORS for cls in exc_type.__mro__):
        logger.error("job failed: %s: %s", exc_type.__name__, exc)
    else:
        logger.error("job failed: %s: %s", exc_type.__name__, exc, exc_info=(exc_type, exc, tb))
    for handler in logging.getLogger().handlers:
        handler.flush()


def snakemake_log(snakemake) -> str | None:
    """The first log file of a Snakemake job, or None."""
    return str(snakemake.log[0]) if len(snakemake.log) else None
