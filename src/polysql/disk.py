"""A write that fails for space says so: "no space left", the path, and the bytes it needed.

Python raises ``OSError(ENOSPC)`` ("No space left on device") without the size, and torch's
``torch.save`` hides it behind ``RuntimeError: [enforce fail at inline_container.cc:...] . unexpected pos
112128 vs 112016`` (or "PytorchStreamWriter failed writing file"), which names neither the cause nor the
path. :func:`guarded_write` turns both (and ``EDQUOT``, a full quota) into :class:`DiskFullError`, whose
message names the path, the bytes needed (given, or the size of what was being written) and the bytes
free on that file system. Used by every writer of :mod:`polysql.io`, by GRPO checkpoints and adapters.

This module imports nothing from polysql.
"""

from __future__ import annotations

import errno
import os
import re
import shutil
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

SPACE_ERRNOS = frozenset({errno.ENOSPC, errno.EDQUOT})
"""``errno`` values that mean the disk (or the user's quota) is full."""
TORCH_WRITE_FAILURES = ("unexpected pos", "PytorchStreamWriter failed writing", "inline_container")
"""How torch's zip writer reports a write that the file system refused (a full disk, as a rule)."""
SPACE_TEXTS = ("No space left on device", "StorageFull", "Disk quota exceeded")
"""How other writers (safetensors' Rust I/O, tokenizers) word a full disk in their own exception types."""


class DiskFullError(OSError):
    """A write failed for lack of space; the message names the path, the bytes needed and free."""


def free_bytes(path: str | os.PathLike) -> int | None:
    """Bytes free to this user on the file system holding ``path`` (its nearest existing parent), or None."""
    current = Path(os.path.abspath(path))
    while not current.exists() and current != current.parent:
        current = current.parent
    try:
        return shutil.disk_usage(current).free
    except OSError:
        return None


def _size(path: Path) -> int:
    if path.is_file():
        return path.stat().st_size
    if path.is_dir():
        return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())
    return 0


def is_space_error(error: BaseException) -> bool:
    """Whether ``error`` is a failed write for lack of space (ENOSPC/EDQUOT, or torch's zip-writer failure)."""
    if isinstance(error, DiskFullError):
        return True
    if isinstance(error, OSError) and error.errno in SPACE_ERRNOS:
        return True
    if isinstance(error, RuntimeError) and any(text in str(error) for text in TORCH_WRITE_FAILURES):
        return True
    if any(text in str(error) for text in SPACE_TEXTS):  # e.g. safetensors' SafetensorError (Rust io::Error)
        return True
    cause = error.__cause__ or error.__context__
    return cause is not None and cause is not error and is_space_error(cause)


def space_message(
    path: str | os.PathLike, what: str, needed: int | None, error: BaseException, *, written: int | None = None
) -> str:
    """The one message of a full disk: what, the path, bytes needed and free, and the original error.

    ``needed`` is what the write needs when known; else torch's write position, else ``written`` (the
    bytes already under ``path``: it needs more than those).
    """
    path = Path(path)
    if needed is None:
        numbers = re.search(r"unexpected pos (\d+) vs (\d+)", str(error))
        needed = int(numbers.group(1)) if numbers else None
    if needed:
        need = f"needs {needed:,} bytes"
    elif written:
        need = f"needs more than the {written:,} bytes written so far"
    else:
        need = "needs more space"
    free = free_bytes(path)
    have = f", {free:,} bytes free there" if free is not None else ""
    first_line = str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
    return f"no space left on device writing {what} {path}: {need}{have} ({type(error).__name__}: {first_line[:200]})"


@contextmanager
def guarded_write(path: str | os.PathLike, what: str = "file", needed: int | None = None) -> Iterator[None]:
    """Run a write; a failure for lack of space becomes :class:`DiskFullError` naming ``path`` and the bytes.

    Args:
        path: What is being written (a file or a folder).
        what: What it is, for the message (``"checkpoint"``, ``"LoRA adapter"``, ``"file"``).
        needed: Bytes the write needs, when known; else torch's position, or what was written so far.
    """
    try:
        yield
    except DiskFullError:
        raise
    except Exception as error:  # noqa: BLE001 - only a space error is converted, anything else re-raised
        if not is_space_error(error):
            raise
        written = _size(Path(path)) if needed is None else None
        raise DiskFullError(errno.ENOSPC, space_message(path, what, needed, error, written=written)) from error
