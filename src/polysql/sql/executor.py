"""A safe executor for model-written SQL over SQLite databases.

SQL written by a model is hostile input. Every query here runs

* on a read-only connection that can never create a database (``file:...?mode=ro``),
  with ``PRAGMA query_only`` and extension loading off;
* under an authorizer that allows reads only (SELECT, column reads, ordinary functions,
  recursive CTEs) and refuses writes, DDL, ATTACH/DETACH, PRAGMA, transactions and
  ``load_extension``;
* as exactly one statement (a trailing semicolon and comments are fine);
* under a deadline that really interrupts SQLite (a progress handler checked every few
  thousand VM instructions) and with SQLite's length limit lowered, so giant strings and blobs
  fail with "string or blob too big" instead of exhausting memory;
* with a cap on returned rows and bytes.

``execute_many(items, workers=N)`` runs a batch in a pool of worker processes that keep their
connections; a worker that hangs past the deadline (e.g. stuck inside C code) is killed and
replaced. Gold queries are cached per ``(db_path, sql)``; a gold query that fails raises
:class:`GoldQueryError`, because it is an error in the data, never a wrong prediction.
"""

from __future__ import annotations

import atexit
import multiprocessing
import os
import re
import sqlite3
import sys
import threading
import time
from collections import OrderedDict, deque
from dataclasses import dataclass, field
from multiprocessing.connection import wait as wait_connections
from pathlib import Path
from typing import Any, Iterable, Sequence

from polysql.sql.text import is_blank, split_statements, strip_comments

ERROR_KINDS = (None, "timeout", "forbidden", "syntax", "runtime", "too_large", "missing_db", "multiple_statements")


@dataclass
class ExecResult:
    """The outcome of one query.

    Attributes:
        ok: whether the query ran and its rows were fetched.
        rows: result rows (``None`` when not ok).
        columns: result column names (``None`` when not ok).
        error: the error message, ``None`` when ok.
        error_kind: one of :data:`ERROR_KINDS`.
        elapsed_s: wall time spent, including the fetch.
        truncated: rows were cut at the row cap (only when the caller asked to truncate).
    """

    ok: bool
    rows: list[tuple] | None = None
    columns: list[str] | None = None
    error: str | None = None
    error_kind: str | None = None
    elapsed_s: float = 0.0
    truncated: bool = False


class GoldQueryError(RuntimeError):
    """A gold (reference) query failed: an error in the data, never scored as a silent zero."""

    def __init__(self, db_path: str, sql: str, message: str, kind: str | None = None):
        super().__init__(f"gold query failed on {db_path} ({kind or 'error'}): {message} -- SQL: {sql}")
        self.db_path = db_path
        self.sql = sql
        self.message = message
        self.kind = kind


# ---------------------------------------------------------------------------- statement check
_LEAD_FORBIDDEN = {
    "insert",
    "update",
    "delete",
    "replace",
    "upsert",
    "create",
    "drop",
    "alter",
    "attach",
    "detach",
    "pragma",
    "vacuum",
    "reindex",
    "analyze",
    "begin",
    "commit",
    "end",
    "rollback",
    "savepoint",
    "release",
    "explain",
}
_WORD = re.compile(r"[A-Za-z_]+")


def check_statement(sql: str) -> tuple[str, str | None, str | None]:
    """Check that ``sql`` is exactly one statement and does not start with a write keyword.

    Quotes ('...', "...", `...`, [...]) and comments are skipped when looking for ``;``
    (see :mod:`polysql.sql.text`).

    Returns:
        ``(statement, error_kind, message)``: the statement without its trailing semicolon and
        ``(None, None)`` when acceptable, else an error kind and message.
    """
    if not isinstance(sql, str):
        return "", "syntax", f"query is not a string: {type(sql).__name__}"
    statement, *rest = split_statements(sql)
    if not all(is_blank(piece) for piece in rest):
        return statement, "multiple_statements", "only one SQL statement is allowed"
    body = strip_comments(statement).lstrip(" \t\r\n(")
    if not body.strip():
        return statement, "syntax", "empty query"
    match = _WORD.match(body)
    if match and match.group(0).lower() in _LEAD_FORBIDDEN:
        return statement, "forbidden", f"only read queries are allowed, not {match.group(0).upper()}"
    return statement, None, None


# ---------------------------------------------------------------------------- authorizer
_SQLITE_RECURSIVE = getattr(sqlite3, "SQLITE_RECURSIVE", 33)
_ALLOWED_ACTIONS = frozenset({sqlite3.SQLITE_SELECT, sqlite3.SQLITE_READ, _SQLITE_RECURSIVE})
# printf/format: '%.*c' with a huge precision loops inside one C call for seconds, out of the
# progress handler's reach (memory stays bounded). Spider's gold SQL never uses them.
_DENIED_FUNCTIONS = frozenset(
    {"load_extension", "fts3_tokenizer", "readfile", "writefile", "edit", "sqlite_dbpage", "printf", "format"}
)


def _authorize(action: int, arg1: Any, arg2: Any, dbname: Any, source: Any) -> int:
    if action in _ALLOWED_ACTIONS:
        return sqlite3.SQLITE_OK
    if action == sqlite3.SQLITE_FUNCTION:
        return sqlite3.SQLITE_DENY if str(arg2).lower() in _DENIED_FUNCTIONS else sqlite3.SQLITE_OK
    return sqlite3.SQLITE_DENY


def _decode_text(data: bytes) -> str:
    # Spider's reference decodes text this way; some Spider databases hold invalid UTF-8.
    return data.decode(errors="ignore")


def classify_error(exc: BaseException) -> str:
    """Map an exception raised while running a query to an error kind."""
    message = str(exc).lower()
    if isinstance(exc, MemoryError):
        return "too_large"
    if "interrupted" in message:
        return "timeout"
    if "not authorized" in message or "prohibited" in message or "readonly database" in message:
        return "forbidden"
    if "too big" in message or "too many columns" in message or "too long" in message:
        return "too_large"
    if "one statement at a time" in message:
        return "multiple_statements"
    if "syntax error" in message or "incomplete input" in message or "unrecognized token" in message:
        return "syntax"
    return "runtime"


class _Deadline:
    """Mutable deadline read by a connection's progress handler."""

    __slots__ = ("at",)

    def __init__(self) -> None:
        self.at = float("inf")

    def expired(self) -> int:
        return 1 if time.monotonic() > self.at else 0


def _value_size(value: Any) -> int:
    if isinstance(value, (str, bytes)):
        return len(value) + 16
    return 16


# ---------------------------------------------------------------------------- executor
class SafeExecutor:
    """Run untrusted SELECT queries on SQLite files, safely and fast.

    Args:
        timeout_s: deadline per query (prediction), in seconds.
        max_rows: rows returned at most; more is an error of kind ``too_large`` (or a truncated
            result when a caller asks for ``truncate=True``).
        max_result_bytes: approximate bytes of returned values at most.
        max_value_bytes: SQLite's length limit (largest string or blob any expression may build).
        progress_steps: VM instructions between two deadline checks.
        gold_timeout_s, gold_max_rows, gold_max_result_bytes: limits for gold queries.
        gold_cache_size: gold results kept (LRU).
        start_method: multiprocessing start method of the worker pool ("spawn" is safe in
            processes that hold threads, such as a trainer).
        hang_grace_s: seconds past the deadline after which a pool worker counts as hung.
    """

    def __init__(
        self,
        timeout_s: float = 2.0,
        max_rows: int = 10000,
        max_result_bytes: int = 10_000_000,
        *,
        max_value_bytes: int = 1_000_000,
        progress_steps: int = 4000,
        gold_timeout_s: float = 30.0,
        gold_max_rows: int = 1_000_000,
        gold_max_result_bytes: int = 500_000_000,
        gold_cache_size: int = 4096,
        start_method: str = "spawn",
        hang_grace_s: float = 2.0,
    ):
        self.timeout_s = float(timeout_s)
        self.max_rows = int(max_rows)
        self.max_result_bytes = int(max_result_bytes)
        self.max_value_bytes = int(max_value_bytes)
        self.progress_steps = int(progress_steps)
        self.gold_timeout_s = float(gold_timeout_s)
        self.gold_max_rows = int(gold_max_rows)
        self.gold_max_result_bytes = int(gold_max_result_bytes)
        self.gold_cache_size = int(gold_cache_size)
        self.start_method = start_method
        self.hang_grace_s = float(hang_grace_s)
        self._local = threading.local()
        self._gold_cache: OrderedDict[tuple[str, str], ExecResult] = OrderedDict()
        self._gold_lock = threading.Lock()
        self._pool: _WorkerPool | None = None

    # -- settings shipped to pool workers
    def _settings(self) -> dict[str, Any]:
        return dict(
            timeout_s=self.timeout_s,
            max_rows=self.max_rows,
            max_result_bytes=self.max_result_bytes,
            max_value_bytes=self.max_value_bytes,
            progress_steps=self.progress_steps,
            gold_timeout_s=self.gold_timeout_s,
            gold_max_rows=self.gold_max_rows,
            gold_max_result_bytes=self.gold_max_result_bytes,
        )

    # -- connections
    def _connection(self, db_path: str) -> tuple[sqlite3.Connection, _Deadline]:
        cache = self._local.__dict__.setdefault("connections", {})
        key = os.path.abspath(db_path)
        entry = cache.get(key)
        if entry is not None:
            return entry
        if not os.path.isfile(key):
            raise FileNotFoundError(f"database not found: {db_path}")
        conn = sqlite3.connect(
            f"{Path(key).as_uri()}?mode=ro",
            uri=True,
            isolation_level=None,
            check_same_thread=True,
            cached_statements=256,
        )
        conn.text_factory = _decode_text
        conn.setlimit(sqlite3.SQLITE_LIMIT_LENGTH, self.max_value_bytes)
        conn.setlimit(sqlite3.SQLITE_LIMIT_SQL_LENGTH, 1_000_000)
        conn.setlimit(sqlite3.SQLITE_LIMIT_ATTACHED, 0)
        conn.setlimit(sqlite3.SQLITE_LIMIT_COLUMN, 1000)
        conn.execute("PRAGMA query_only = ON")
        conn.execute("PRAGMA trusted_schema = OFF")
        if hasattr(conn, "enable_load_extension"):
            conn.enable_load_extension(False)
        conn.set_authorizer(_authorize)
        deadline = _Deadline()
        conn.set_progress_handler(deadline.expired, self.progress_steps)
        cache[key] = (conn, deadline)
        return cache[key]

    def close(self) -> None:
        """Close this thread's cached connections and stop the worker pool."""
        cache = self._local.__dict__.get("connections", {})
        for conn, _ in cache.values():
            conn.close()
        cache.clear()
        if self._pool is not None:
            self._pool.close()
            self._pool = None

    def __enter__(self) -> "SafeExecutor":
        return self

    def __exit__(self, *exc: Any) -> None:
        self.close()

    # -- one query
    def execute(
        self,
        db_path: str | os.PathLike,
        sql: str,
        *,
        timeout_s: float | None = None,
        max_rows: int | None = None,
        max_result_bytes: int | None = None,
        truncate: bool = False,
    ) -> ExecResult:
        """Run one read-only query.

        Args:
            db_path: the SQLite file (never created).
            sql: one SELECT statement (model-written; anything else is refused).
            timeout_s, max_rows, max_result_bytes: override the executor's limits.
            truncate: when the row cap is hit, return the first rows with ``truncated=True``
                instead of a ``too_large`` error.

        Returns:
            An :class:`ExecResult`; this never raises for a bad query.
        """
        start = time.monotonic()
        db_path = os.fspath(db_path)
        timeout_s = self.timeout_s if timeout_s is None else timeout_s
        max_rows = self.max_rows if max_rows is None else max_rows
        max_bytes = self.max_result_bytes if max_result_bytes is None else max_result_bytes
        statement, kind, message = check_statement(sql)
        if kind is not None:
            return ExecResult(False, error=message, error_kind=kind, elapsed_s=time.monotonic() - start)
        try:
            conn, deadline = self._connection(db_path)
        except FileNotFoundError as exc:
            return ExecResult(False, error=str(exc), error_kind="missing_db", elapsed_s=time.monotonic() - start)
        except sqlite3.Error as exc:
            return ExecResult(
                False,
                error=f"cannot open {db_path}: {exc}",
                error_kind="missing_db",
                elapsed_s=time.monotonic() - start,
            )
        deadline.at = start + timeout_s
        cursor = None
        try:
            cursor = conn.execute(statement)
            columns = [d[0] for d in cursor.description] if cursor.description else []
            rows: list[tuple] = []
            size = 0
            truncated = False
            for row in cursor:
                if len(rows) >= max_rows:
                    if truncate:
                        truncated = True
                        break
                    return ExecResult(
                        False,
                        error=f"more than {max_rows} result rows",
                        error_kind="too_large",
                        elapsed_s=time.monotonic() - start,
                    )
                size += sum(map(_value_size, row))
                if size > max_bytes:
                    return ExecResult(
                        False,
                        error=f"result larger than {max_bytes} bytes",
                        error_kind="too_large",
                        elapsed_s=time.monotonic() - start,
                    )
                rows.append(row)
            return ExecResult(True, rows=rows, columns=columns, elapsed_s=time.monotonic() - start, truncated=truncated)
        except (sqlite3.Error, sqlite3.Warning, ValueError, OverflowError, MemoryError) as exc:
            if isinstance(exc, sqlite3.OperationalError) and "interrupted" in str(exc):
                message = f"query interrupted after its {timeout_s:g} s deadline"
            else:
                message = f"{type(exc).__name__}: {exc}"
            return ExecResult(False, error=message, error_kind=classify_error(exc), elapsed_s=time.monotonic() - start)
        finally:
            deadline.at = float("inf")
            if cursor is not None:
                try:
                    cursor.close()
                except sqlite3.Error:
                    pass

    # -- gold queries
    def execute_gold(self, db_path: str | os.PathLike, sql: str) -> ExecResult:
        """Run a gold query (cached per ``(db_path, sql)``, LRU).

        Raises:
            GoldQueryError: the gold query failed, timed out or was refused.
        """
        key = (os.path.abspath(os.fspath(db_path)), sql)
        with self._gold_lock:
            cached = self._gold_cache.get(key)
            if cached is not None:
                self._gold_cache.move_to_end(key)
                return cached
        result = self.execute(
            db_path,
            sql,
            timeout_s=self.gold_timeout_s,
            max_rows=self.gold_max_rows,
            max_result_bytes=self.gold_max_result_bytes,
        )
        if not result.ok:
            raise GoldQueryError(os.fspath(db_path), sql, result.error or "", result.error_kind)
        with self._gold_lock:
            self._gold_cache[key] = result
            while len(self._gold_cache) > self.gold_cache_size:
                self._gold_cache.popitem(last=False)
        return result

    # -- batches
    def execute_many(self, items: Iterable[Sequence[Any]], workers: int = 0) -> list[ExecResult]:
        """Run a batch of queries, in order.

        Args:
            items: ``(db_path, sql)`` or ``(db_path, sql, options)`` where options are keyword
                arguments of :meth:`execute` (e.g. ``{"max_rows": 5, "truncate": True}``).
            workers: 0 runs in this process; N > 0 uses a persistent pool of N processes (kept
                between calls; a hung worker is killed and replaced).
        """
        jobs = [(os.fspath(item[0]), item[1], dict(item[2]) if len(item) > 2 and item[2] else {}) for item in items]
        if workers <= 0:
            return [self.execute(db, sql, **options) for db, sql, options in jobs]
        if self._pool is None or self._pool.size != workers:
            if self._pool is not None:
                self._pool.close()
            self._pool = _WorkerPool(workers, self._settings(), self.start_method)
        return self._pool.run(jobs, self.timeout_s + self.hang_grace_s)


# ---------------------------------------------------------------------------- worker pool
def _worker_main(conn: Any, settings: dict[str, Any]) -> None:
    """Worker loop: receive ``(db, sql, options)``, send back an ExecResult, until ``None``."""
    executor = SafeExecutor(**settings)
    conn.send("ready")
    while True:
        try:
            job = conn.recv()
        except (EOFError, OSError):
            break
        if job is None:
            break
        db, sql, options = job
        hang_s = options.pop("_simulate_hang_s", None)  # test hook: a worker stuck in C code
        if hang_s:
            time.sleep(hang_s)
        conn.send(executor.execute(db, sql, **options))
    executor.close()


@dataclass
class _Worker:
    process: Any
    conn: Any
    job: int | None = None
    started: float = 0.0
    limit: float = 0.0


class _MainScriptHidden:
    """Hide ``__main__.__file__`` while a worker starts, so "spawn" does not re-run the parent's script.

    A spawned child re-executes a ``__main__`` that was started as a file path (not ``-m``). In a
    Snakemake ``script:`` job that file is the rule's script, which needs the ``snakemake`` object
    and failed with a NameError in every worker. The workers need nothing from ``__main__``.
    """

    def __enter__(self):
        self.main = sys.modules.get("__main__")
        self.file = None
        if self.main is not None and getattr(self.main, "__spec__", None) is None and hasattr(self.main, "__file__"):
            self.file = self.main.__file__
            del self.main.__file__
        return self

    def __exit__(self, *exc):
        if self.file is not None:
            self.main.__file__ = self.file


@dataclass
class _WorkerPool:
    size: int
    settings: dict[str, Any]
    start_method: str
    workers: list[_Worker] = field(default_factory=list)

    def __post_init__(self) -> None:
        self._context = multiprocessing.get_context(self.start_method)
        self.workers = [self._spawn(wait=False) for _ in range(self.size)]
        for worker in self.workers:
            self._await_ready(worker)
        atexit.register(self.close)

    def _spawn(self, wait: bool = True) -> _Worker:
        parent, child = self._context.Pipe()
        # A concrete start-method context has Process; mypy sees the abstract BaseContext.
        process = self._context.Process(  # type: ignore[attr-defined]
            target=_worker_main,
            args=(child, self.settings),
            daemon=True,
            name="polysql-sql-worker",
        )
        with _MainScriptHidden():
            process.start()
        child.close()
        worker = _Worker(process, parent)
        if wait:
            self._await_ready(worker)
        return worker

    @staticmethod
    def _await_ready(worker: _Worker, timeout_s: float = 120.0) -> None:
        # Start-up time must not count against the first query's deadline.
        if not worker.conn.poll(timeout_s) or worker.conn.recv() != "ready":
            worker.process.kill()
            raise RuntimeError(f"SQL worker process did not start within {timeout_s:g} s")

    def _replace(self, worker: _Worker) -> _Worker:
        worker.process.kill()
        worker.process.join(timeout=5)
        worker.conn.close()
        fresh = self._spawn()
        self.workers[self.workers.index(worker)] = fresh
        return fresh

    def run(self, jobs: list[tuple[str, str, dict]], hang_after_s: float) -> list[ExecResult]:
        results: list[ExecResult | None] = [None] * len(jobs)
        pending = deque(range(len(jobs)))
        while pending or any(w.job is not None for w in self.workers):
            for worker in self.workers:
                if worker.job is None and pending:
                    index = pending.popleft()
                    options = jobs[index][2]
                    worker.job, worker.started = index, time.monotonic()
                    worker.limit = (
                        options.get("timeout_s", self.settings["timeout_s"]) + hang_after_s - self.settings["timeout_s"]
                    )
                    worker.conn.send(jobs[index])
            busy = [w for w in self.workers if w.job is not None]
            now = time.monotonic()
            wait_s = max(0.0, min(w.started + w.limit for w in busy) - now)
            ready = wait_connections([w.conn for w in busy], timeout=wait_s)
            for worker in busy:
                assert worker.job is not None  # busy workers hold a job
                if worker.conn in ready:
                    try:
                        results[worker.job] = worker.conn.recv()
                        worker.job = None
                    except (EOFError, OSError) as exc:
                        assert worker.job is not None
                        results[worker.job] = ExecResult(False, error=f"SQL worker died: {exc!r}", error_kind="runtime")
                        self._replace(worker)
                elif time.monotonic() > worker.started + worker.limit:
                    results[worker.job] = ExecResult(
                        False,
                        error=f"SQL worker hung past its deadline ({worker.limit:g} s); killed",
                        error_kind="timeout",
                        elapsed_s=time.monotonic() - worker.started,
                    )
                    self._replace(worker)
        return results  # type: ignore[return-value]

    def close(self) -> None:
        for worker in self.workers:
            try:
                if worker.job is None:
                    worker.conn.send(None)
            except (OSError, BrokenPipeError):
                pass
        for worker in self.workers:
            worker.process.join(timeout=1)
            if worker.process.is_alive():
                worker.process.kill()
                worker.process.join(timeout=1)
            worker.conn.close()
        self.workers = []
