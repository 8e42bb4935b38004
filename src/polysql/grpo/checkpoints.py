"""TRL checkpoints of a GRPO run: which one to resume from, the step it reached, and whether it is whole.

A checkpoint counts only once it is complete. :class:`CompletionMarker` (a TrainerCallback) writes
``checkpoint_complete.json`` into ``checkpoint-<step>/`` after the trainer saved its last file; it lists
every file with its size and SHA-256. On resume, :func:`discard_damaged` checks the newest checkpoints
(:func:`checkpoint_problem`): a missing or mismatching marker, a truncated safetensors file, a torch
archive (``optimizer.pt``, ``scheduler.pt``, ``rng_state.pth``, ``training_args.bin``) whose zip records
fail their CRC, or a ``trainer_state.json`` that does not parse. A damaged one is moved aside to
``<checkpoints_dir>.damaged/`` with a log line naming the file and the error, and the run resumes from
the previous good one (or from step 0). A checkpoint written before markers existed is accepted when
every file passes those content checks.
"""

from __future__ import annotations

import json
import logging
import os
import struct
import time
import zipfile
from pathlib import Path

from transformers import TrainerCallback as _Callback

from polysql.io import file_sha256

log = logging.getLogger(__name__)

COMPLETE_MARKER = "checkpoint_complete.json"
"""Written into a checkpoint folder after its last file (the manifest of what the folder holds)."""
DAMAGED_SUFFIX = ".damaged"
"""Damaged checkpoints go to ``<checkpoints_dir>.damaged/<checkpoint>-<UTC stamp>``."""
PREFIX = "checkpoint-"


def _step_of(folder: Path) -> int | None:
    suffix = folder.name[len(PREFIX) :]
    return int(suffix) if folder.name.startswith(PREFIX) and suffix.isdigit() else None


def checkpoint_folders(checkpoints_dir: str | os.PathLike) -> list[Path]:
    """Every ``checkpoint-<step>`` folder, newest (highest step) first."""
    root = Path(checkpoints_dir)
    if not root.is_dir():
        return []
    found = [(step, child) for child in root.iterdir() if child.is_dir() and (step := _step_of(child)) is not None]
    return [child for _, child in sorted(found, reverse=True)]


def find_resumable_checkpoint(checkpoints_dir: str | os.PathLike) -> str | None:
    """The newest complete ``checkpoint-<step>`` folder (one with trainer_state.json), or None."""
    for child in checkpoint_folders(checkpoints_dir):
        if (child / "trainer_state.json").is_file():
            return str(child)
        log.warning("ignoring incomplete checkpoint %s (no trainer_state.json)", child)
    return None


def checkpoint_step(checkpoint: str | os.PathLike) -> int:
    """``global_step`` recorded in a checkpoint's trainer_state.json."""
    with open(Path(checkpoint) / "trainer_state.json", encoding="utf-8") as handle:
        return int(json.load(handle)["global_step"])


# ---------------------------------------------------------------------------- completeness marker
def _files(folder: Path) -> list[Path]:
    return sorted(
        p
        for p in folder.rglob("*")
        if p.is_file() and p.name != COMPLETE_MARKER and not p.name.startswith(f".{COMPLETE_MARKER}")
    )


def write_complete_marker(checkpoint: str | os.PathLike) -> Path:
    """Write ``checkpoint_complete.json`` (every file's size and SHA-256) atomically, after the last file."""
    folder = Path(checkpoint)
    manifest = {
        "files": {
            p.relative_to(folder).as_posix(): {"size": p.stat().st_size, "sha256": file_sha256(p)}
            for p in _files(folder)
        },
        "written_utc": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
    }
    from polysql.disk import guarded_write

    target = folder / COMPLETE_MARKER
    tmp = folder / f".{COMPLETE_MARKER}.{os.getpid()}.tmp"
    with guarded_write(tmp, "checkpoint completeness marker"):
        with open(tmp, "w", encoding="utf-8") as handle:
            json.dump(manifest, handle, indent=1, sort_keys=True)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, target)
    return target


class CompletionMarker(_Callback):
    """Marks each checkpoint complete once the trainer saved it (``on_save`` runs after the last file)."""

    def on_save(self, args, state, control, **kwargs):
        if state.is_world_process_zero:
            folder = Path(args.output_dir) / f"{PREFIX}{state.global_step}"
            if folder.is_dir():
                write_complete_marker(folder)
        return control


# ---------------------------------------------------------------------------- content checks
def _safetensors_problem(path: Path) -> str | None:
    """A safetensors file must hold its 8-byte header length, a JSON header and every tensor's bytes."""
    size = path.stat().st_size
    with open(path, "rb") as handle:
        head = handle.read(8)
        if len(head) < 8:
            return f"{size} bytes, shorter than the 8-byte header length"
        (length,) = struct.unpack("<Q", head)
        if 8 + length > size:
            return f"header of {length} bytes runs past the end of the file ({size} bytes)"
        try:
            header = json.loads(handle.read(length))
        except ValueError as error:
            return f"header is not valid JSON ({error})"
    end = max((int(t["data_offsets"][1]) for k, t in header.items() if k != "__metadata__"), default=0)
    if 8 + length + end != size:
        return f"truncated: the tensors need {8 + length + end} bytes, the file has {size}"
    return None


def _zip_problem(path: Path) -> str | None:
    """A torch archive (``torch.save``'s zip format): every record present and its CRC right."""
    try:
        with zipfile.ZipFile(path) as archive:
            bad = archive.testzip()
    except (zipfile.BadZipFile, OSError, EOFError) as error:
        return f"not a readable torch archive ({type(error).__name__}: {error})"
    return f"record {bad} fails its CRC check" if bad else None


def _json_problem(path: Path) -> str | None:
    try:
        json.loads(path.read_text(encoding="utf-8"))
    except (ValueError, UnicodeDecodeError) as error:
        return f"not valid JSON ({error})"
    return None


def _content_problem(path: Path) -> str | None:
    if path.suffix == ".safetensors":
        return _safetensors_problem(path)
    if path.suffix in (".pt", ".pth", ".bin"):
        return _zip_problem(path)
    if path.suffix == ".json":
        return _json_problem(path)
    return None


def checkpoint_problem(checkpoint: str | os.PathLike) -> tuple[str, str] | None:
    """``(file, what is wrong)`` for a damaged checkpoint, or None when it is whole.

    With a completeness marker every listed file must exist with its size and SHA-256; without one
    (a checkpoint of an older version, or one whose save never finished) ``trainer_state.json`` must
    exist and every file must pass its content check.
    """
    folder = Path(checkpoint)
    marker = folder / COMPLETE_MARKER
    if marker.is_file():
        try:
            listed = json.loads(marker.read_text(encoding="utf-8"))["files"]
        except (ValueError, KeyError, TypeError, UnicodeDecodeError) as error:
            return str(marker), f"completeness marker unreadable ({error})"
        for name, expected in sorted(listed.items()):
            path = folder / name
            if not path.is_file():
                return str(path), "missing (listed in the completeness marker)"
            if path.stat().st_size != expected["size"]:
                return str(
                    path
                ), f"{path.stat().st_size} bytes, {expected['size']} when the checkpoint was saved (truncated?)"
            if file_sha256(path) != expected["sha256"]:
                return str(path), "content changed since the checkpoint was saved (SHA-256 differs)"
        for path in _files(folder):  # belt and braces: a parse check of what is listed too
            if (problem := _content_problem(path)) is not None:
                return str(path), problem
        return None
    state = folder / "trainer_state.json"
    if not state.is_file():
        return str(state), "missing: the save never finished"
    for path in _files(folder):
        if (problem := _content_problem(path)) is not None:
            return str(path), problem
    return None


def move_damaged(checkpoint: str | os.PathLike) -> Path:
    """Move a checkpoint folder to ``<checkpoints_dir>.damaged/<name>-<UTC stamp>`` (kept for a post-mortem)."""
    folder = Path(checkpoint)
    target_dir = folder.parent.with_name(folder.parent.name + DAMAGED_SUFFIX)
    target_dir.mkdir(parents=True, exist_ok=True)
    stamp = time.strftime("%Y%m%dT%H%M%SZ", time.gmtime())
    target = target_dir / f"{folder.name}-{stamp}"
    counter = 1
    while target.exists():
        target = target_dir / f"{folder.name}-{stamp}-{counter}"
        counter += 1
    os.replace(folder, target)
    return target


def discard_damaged(checkpoints_dir: str | os.PathLike) -> list[tuple[str, str, str]]:
    """Move damaged checkpoints aside, newest first, until a whole one is found (main process only).

    Returns:
        ``(file, problem, moved to)`` for each checkpoint moved aside (each also logged as a warning).
    """
    moved: list[tuple[str, str, str]] = []
    for folder in checkpoint_folders(checkpoints_dir):
        found = checkpoint_problem(folder)
        if found is None:
            if moved:
                log.warning("resuming from the previous good checkpoint %s", folder)
            break
        path, problem = found
        target = move_damaged(folder)
        log.warning("checkpoint %s is damaged: %s: %s; moved to %s", folder, path, problem, target)
        moved.append((path, problem, str(target)))
    return moved
