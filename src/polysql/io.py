"""Small, safe file helpers shared by every stage: JSON/JSONL read, safe atomic write, input checks."""

from __future__ import annotations

import json
import os
import sqlite3
import stat
import tempfile
from pathlib import Path
from typing import Any, Iterable, Iterator

from polysql.disk import guarded_write


class DataError(ValueError):
    """Bad input data; the message names the file, the line or the key."""


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def _atomic_write_text(path: str | os.PathLike, text: str) -> None:
    """Write ``text`` to ``path`` so that a crash never leaves half a file, and nothing is replaced
    that is not a regular file.

    * A new file gets the mode the umask gives (``0o666 & ~umask``); an existing regular file is
      replaced atomically (temporary file + rename) and keeps its mode.
    * A symbolic link is never replaced: the file it points to is written (atomically when that
      is a regular file).
    * A FIFO, character device or socket (``/dev/null``, a named pipe), and a path that is or
      links to a process's open file (``/dev/stdout``, ``/proc/self/fd/1``), is written
      through, in place.
    * A directory or a block device is refused with :class:`DataError`.
    * A full disk raises :class:`polysql.disk.DiskFullError` ("no space left", the path, the bytes
      needed and free); the temporary file is removed, the old file stays.
    """
    path = Path(path)
    try:
        status = os.stat(path)
    except FileNotFoundError:
        status = None
    if status is not None and stat.S_ISDIR(status.st_mode):
        raise DataError(f"{path}: is a directory, not a file to write")
    if status is not None and stat.S_ISBLK(status.st_mode):
        raise DataError(f"{path}: is a block device; refusing to write to it")
    needed = len(text.encode("utf-8"))  # a full disk names the path and these bytes (polysql.disk)
    if _is_stream(path) or (status is not None and not stat.S_ISREG(status.st_mode)):
        with guarded_write(path, "file", needed), open(path, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)  # FIFO, tty, /dev/stdout
        return
    if path.is_symlink():  # replace the file it points to, never the link
        path = Path(os.path.realpath(path))
    path.parent.mkdir(parents=True, exist_ok=True)
    mode = stat.S_IMODE(status.st_mode) if status is not None else 0o666 & ~_umask()
    with guarded_write(path, "file", needed):
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with guarded_write(path, "file", needed), os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
            os.fchmod(handle.fileno(), mode)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _is_stream(path: str | os.PathLike) -> bool:
    """Whether ``path`` is, or links to, an open file of a process (``/dev/stdout``,
    ``/dev/fd/1``, ``/proc/self/fd/1``): written through in place, whatever file is behind it."""
    current = os.path.abspath(path)
    for _ in range(40):
        current = os.path.join(os.path.realpath(os.path.dirname(current)), os.path.basename(current))
        if current.startswith("/proc/"):
            return True
        if not os.path.islink(current):
            return False
        current = os.path.abspath(os.path.join(os.path.dirname(current), os.readlink(current)))
    return False


def _same_file(a: str | os.PathLike, b: str | os.PathLike) -> bool:
    try:
        return os.path.samefile(a, b)
    except OSError:
        return os.path.realpath(a) == os.path.realpath(b)


def check_output_path(
    path: str | os.PathLike,
    *,
    inputs: Iterable[str | os.PathLike | None] = (),
    force: bool = False,
    option: str = "output",
) -> None:
    """Refuse an output path that would destroy something (before any work is done).

    Raises:
        DataError: ``path`` is one of ``inputs`` (also through a link), a directory, a block
            device, or an existing regular file while ``force`` is false. FIFOs, character
            devices, sockets and a process's open files (``/dev/stdout``) are allowed: they are
            written through.
    """
    for source in inputs:
        if source and os.path.exists(source) and os.path.exists(path) and _same_file(path, source):
            raise DataError(f"{option} {path} is the input {source}; refusing to overwrite an input")
    if not os.path.lexists(path):
        parent = Path(path).parent
        if parent.exists() and not parent.is_dir():
            raise DataError(f"{option} {path}: {parent} is not a directory")
        return
    try:
        status = os.stat(path)
    except FileNotFoundError:  # a dangling symbolic link: its target is created
        return
    if stat.S_ISDIR(status.st_mode):
        raise DataError(f"{option} {path} is a directory; give a file name")
    if stat.S_ISBLK(status.st_mode):
        raise DataError(f"{option} {path} is a block device; refusing to write to it")
    if stat.S_ISREG(status.st_mode) and not force and not _is_stream(path):
        raise DataError(f"{option} {path} already exists; pass --force to replace it")


def read_text_lines(path: str | os.PathLike) -> list[str]:
    """The lines of a UTF-8 text file without their line ends (``\\n`` or ``\\r\\n``).

    Raises:
        DataError: a line is not valid UTF-8 (names the file, line and byte).
    """
    lines = []
    with open(path, "rb") as handle:
        for number, raw in enumerate(handle, start=1):
            lines.append(_decode_line(path, number, raw).rstrip("\r\n"))
    return lines


def _decode_line(path: str | os.PathLike, number: int, raw: bytes) -> str:
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise DataError(
            f"{path}:{number}: not valid UTF-8 (byte 0x{raw[exc.start]:02x} at column {exc.start + 1})"
        ) from None


def database_problem(db_path: str | os.PathLike) -> str | None:
    """What is wrong with a SQLite database file, or ``None`` when it opens and has tables.

    Checks, in order: the file exists (and its folder), is not empty (0 bytes), starts with the
    SQLite header, and its schema can be read (a corrupt file says ``malformed``). The file is
    opened read-only, never created.
    """
    path = Path(db_path)
    if not path.exists():
        if not path.parent.exists():
            return f"database not found: {path} (folder {path.parent} does not exist)"
        return f"database not found: {path}"
    if not path.is_file():
        return f"database path is not a file: {path}"
    size = path.stat().st_size
    if size == 0:
        return f"database file is empty (0 bytes): {path}"
    with open(path, "rb") as handle:
        header = handle.read(16)
    if header != b"SQLite format 3\x00":
        return f"not a SQLite database (no SQLite header, {size} bytes): {path}"
    try:
        conn = connect_readonly(path)
        try:
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
            for (name,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'"):
                conn.execute(f'PRAGMA table_info("{name.replace(chr(34), chr(34) * 2)}")').fetchall()
        finally:
            conn.close()
    except sqlite3.Error as exc:
        return f"corrupt SQLite database ({exc}): {path}"
    return None


def iter_jsonl(path: str | os.PathLike) -> Iterator[dict[str, Any]]:
    """Yield one dict per non-empty line; a malformed line (bad JSON, not an object, invalid UTF-8)
    raises DataError naming file and line."""
    with open(path, "rb") as handle:
        for number, raw in enumerate(handle, start=1):
            line = _decode_line(path, number, raw)
            if not line.strip():
                continue
            try:
                record = json.loads(line)
            except json.JSONDecodeError as exc:
                raise DataError(f"{path}:{number}: not valid JSON ({exc.msg})") from None
            if not isinstance(record, dict):
                raise DataError(f"{path}:{number}: expected a JSON object, got {type(record).__name__}")
            yield record


def read_jsonl(path: str | os.PathLike) -> list[dict[str, Any]]:
    """Read a whole JSONL file (see :func:`iter_jsonl`)."""
    return list(iter_jsonl(path))


def write_jsonl(path: str | os.PathLike, records: Iterable[dict[str, Any]]) -> int:
    """Atomically write records as JSONL (UTF-8, one object a line); returns the count."""
    lines = [json.dumps(record, ensure_ascii=False, sort_keys=False) for record in records]
    _atomic_write_text(path, "".join(line + "\n" for line in lines))
    return len(lines)


def read_json(path: str | os.PathLike) -> Any:
    """Read a JSON file; a syntax error or invalid UTF-8 raises DataError naming the file and line."""
    with open(path, "rb") as handle:
        data = handle.read()
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise DataError(
            f"{path}:{line}: not valid UTF-8 (byte 0x{data[exc.start]:02x} at offset {exc.start})"
        ) from None
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise DataError(f"{path}:{exc.lineno}: not valid JSON ({exc.msg})") from None


def write_json(path: str | os.PathLike, obj: Any, *, indent: int | None = 2) -> None:
    """Atomically write ``obj`` as JSON (UTF-8, keys in insertion order, trailing newline)."""
    _atomic_write_text(path, json.dumps(obj, ensure_ascii=False, indent=indent) + "\n")


def connect_readonly(db_path: str | os.PathLike) -> sqlite3.Connection:
    """Open an existing SQLite file read-only (``mode=ro`` URI, so it is never created).

    The path is URI-escaped, so spaces, ``?`` or ``#`` in it are safe.

    Raises:
        FileNotFoundError: the file does not exist (the message names it).
    """
    path = Path(db_path)
    if not path.is_file():
        raise FileNotFoundError(f"SQLite database not found: {path}")
    return sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)


def file_sha256(path: str | os.PathLike, chunk: int = 1 << 20) -> str:
    """Hex SHA-256 of a file's bytes, read in chunks (model checksums, checkpoint markers, run fingerprints)."""
    import hashlib

    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        while block := handle.read(chunk):
            digest.update(block)
    return digest.hexdigest()
