"""The safe executor against an adversarial corpus, on a real SQLite database."""

from __future__ import annotations

import hashlib
import time
from pathlib import Path

import pytest

from demo_db import build_concert_singer
from polysql.sql.executor import GoldQueryError, SafeExecutor, check_statement

TIMEOUT = 1.0

ADVERSARIAL = [
    ("insert", "INSERT INTO singer (Singer_ID, Name) VALUES (999, 'x')", "forbidden"),
    ("update", "UPDATE singer SET Age = 0", "forbidden"),
    ("delete", "DELETE FROM singer", "forbidden"),
    ("cte_delete", "WITH x AS (SELECT 1) DELETE FROM singer", "forbidden"),
    ("drop", "DROP TABLE singer", "forbidden"),
    ("create", "CREATE TABLE evil (a)", "forbidden"),
    ("create_temp", "CREATE TEMP TABLE evil AS SELECT * FROM singer", "forbidden"),
    ("alter", "ALTER TABLE singer ADD COLUMN evil TEXT", "forbidden"),
    ("attach", "ATTACH DATABASE '/tmp/polysql-evil.db' AS evil", "forbidden"),
    ("detach", "DETACH DATABASE main", "forbidden"),
    ("pragma_journal", "PRAGMA journal_mode=delete", "forbidden"),
    ("pragma_writable_schema", "PRAGMA writable_schema=ON", "forbidden"),
    ("pragma_func", "SELECT * FROM pragma_table_info('singer')", "forbidden"),
    ("load_extension", "SELECT load_extension('/tmp/evil.so')", "forbidden"),
    ("vacuum_into", "VACUUM INTO '/tmp/polysql-evil-copy.db'", "forbidden"),
    ("begin", "BEGIN IMMEDIATE", "forbidden"),
    ("multiple", "SELECT 1; DROP TABLE singer", "multiple_statements"),
    ("multiple_selects", "SELECT 1; SELECT 2", "multiple_statements"),
    (
        "infinite_cte",
        "WITH RECURSIVE r(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM r) SELECT count(*) FROM r",
        "timeout",
    ),
    (
        "infinite_cte_rows",
        "WITH RECURSIVE r(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM r) SELECT x FROM r",
        "too_large",
    ),
    ("cartesian", "SELECT count(*) FROM singer a, singer b, singer c, singer d, singer e, singer f", "timeout"),
    (
        "cartesian_sort",
        "SELECT a.name FROM singer a, singer b, singer c, singer d, singer e ORDER BY random()",
        "timeout",
    ),
    ("zeroblob", "SELECT zeroblob(1e9)", "too_large"),
    ("randomblob", "SELECT randomblob(500000000)", "too_large"),
    ("printf_huge", "SELECT printf('%.*c', 1000000000, 'x')", "forbidden"),
    (
        "doubling_cte",
        "WITH RECURSIVE r(s) AS (SELECT 'x' UNION ALL SELECT s || s FROM r) SELECT length(s) FROM r",
        "too_large",
    ),
    (
        "replicate_cte",
        "WITH RECURSIVE r(n, s) AS (SELECT 0, '' UNION ALL SELECT n + 1, "
        "s || hex(randomblob(1000)) FROM r) SELECT max(length(s)) FROM r",
        "too_large",
    ),
    ("group_concat", "SELECT group_concat(hex(randomblob(1000))) FROM singer a, singer b, singer c", "too_large"),
]


def _sha256(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    return build_concert_singer(tmp_path_factory.mktemp("db") / "concert_singer.sqlite")


@pytest.fixture(scope="module")
def executor():
    with SafeExecutor(timeout_s=TIMEOUT) as ex:
        yield ex


@pytest.mark.parametrize("name,sql,kind", ADVERSARIAL, ids=[a[0] for a in ADVERSARIAL])
def test_adversarial_query_is_refused_quickly_and_changes_nothing(db, executor, name, sql, kind):
    before = _sha256(db)
    start = time.monotonic()
    result = executor.execute(db, sql)
    elapsed = time.monotonic() - start
    assert not result.ok and result.rows is None
    assert result.error_kind == kind, result.error
    assert elapsed < TIMEOUT + 1.0
    assert _sha256(db) == before
    after = executor.execute(db, "SELECT count(*) FROM singer")
    assert after.ok and after.rows == [(30,)]


def _resident_mb() -> float:
    """This process's resident memory now (not its peak, which earlier tests may have raised)."""
    with open("/proc/self/status", encoding="utf-8") as handle:
        kib = next(int(line.split()[1]) for line in handle if line.startswith("VmRSS:"))
    return kib / 1024


def test_memory_stays_bounded_across_the_corpus(db):
    with SafeExecutor(timeout_s=0.5) as ex:
        ex.execute(db, "SELECT 1")
        before = _resident_mb()
        for _, sql, _ in ADVERSARIAL:
            ex.execute(db, sql)
        grown_mb = _resident_mb() - before
    assert grown_mb < 200


def test_the_corpus_creates_no_side_files(db):
    """Run alone or after the others: the attacks that would write a file are run here, then checked."""
    side_files = [Path("/tmp/polysql-evil.db"), Path("/tmp/polysql-evil-copy.db")]
    for path in side_files:
        path.unlink(missing_ok=True)
    writers = [sql for _, sql, _ in ADVERSARIAL if "polysql-evil" in sql]
    assert writers  # the corpus still holds the attacks this test is about
    with SafeExecutor(timeout_s=0.5) as ex:
        for sql in writers:
            assert not ex.execute(db, sql).ok
    assert not any(path.exists() for path in side_files)


def test_normal_queries_and_columns(db, executor):
    result = executor.execute(db, "SELECT Name, Age FROM singer WHERE Singer_ID <= 2 ORDER BY 1;")
    assert result.ok and result.error is None and result.error_kind is None
    assert result.columns == ["Name", "Age"]
    assert [r[0] for r in result.rows] == ["Singer 1", "Singer 2"]
    assert executor.execute(db, "SELECT ';' -- trailing; comment").rows == [(";",)]
    assert executor.execute(db, "SELECT 1;;").ok


@pytest.mark.parametrize(
    "sql,kind",
    [
        ("SELEC name FROM singer", "syntax"),
        ("SELECT nope FROM singer", "runtime"),
        ("SELECT * FROM no_table", "runtime"),
        ("", "syntax"),
        ("   -- only a comment", "syntax"),
    ],
)
def test_error_kinds(db, executor, sql, kind):
    result = executor.execute(db, sql)
    assert not result.ok and result.error_kind == kind and result.error


def test_missing_database_is_an_error_and_never_created(tmp_path, executor):
    path = tmp_path / "absent" / "nothing.sqlite"
    result = executor.execute(path, "SELECT 1")
    assert result.error_kind == "missing_db" and str(path) in result.error
    assert not path.exists()


def test_row_cap_and_truncation(db):
    with SafeExecutor(max_rows=10) as ex:
        assert ex.execute(db, "SELECT * FROM singer").error_kind == "too_large"
        cut = ex.execute(db, "SELECT * FROM singer", truncate=True)
        assert cut.ok and cut.truncated and len(cut.rows) == 10
        assert ex.execute(db, "SELECT * FROM singer LIMIT 10").ok


def test_result_byte_cap(db):
    with SafeExecutor(max_result_bytes=1000) as ex:
        assert ex.execute(db, "SELECT * FROM singer").error_kind == "too_large"


def test_check_statement_ignores_semicolons_in_quotes_and_comments():
    assert check_statement("SELECT 'a;b', \"c;d\" /* ; */ FROM t -- ;")[1] is None
    assert check_statement("SELECT 1; /* x */ SELECT 2")[1] == "multiple_statements"
    assert check_statement("  (SELECT 1)")[1] is None
    assert check_statement("explain select 1")[1] == "forbidden"


def test_gold_cache_and_gold_errors(db):
    with SafeExecutor() as ex:
        first = ex.execute_gold(db, "SELECT count(*) FROM singer")
        assert ex.execute_gold(db, "SELECT count(*) FROM singer") is first
        with pytest.raises(GoldQueryError, match="no such table"):
            ex.execute_gold(db, "SELECT * FROM missing_table")
        with SafeExecutor(gold_cache_size=1) as small:
            small.execute_gold(db, "SELECT 1")
            small.execute_gold(db, "SELECT 2")
            assert len(small._gold_cache) == 1


def test_execute_many_in_process_and_pool_agree_and_hung_worker_is_replaced(db):
    items = [
        (db, "SELECT count(*) FROM singer"),
        (db, "DROP TABLE singer"),
        (db, "SELECT Name FROM singer WHERE Age > 30 ORDER BY Name"),
        (db, "WITH RECURSIVE r(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM r) SELECT count(*) FROM r"),
    ]
    with SafeExecutor(timeout_s=0.5, hang_grace_s=0.5) as ex:
        local = ex.execute_many(items, workers=0)
        pooled = ex.execute_many(items, workers=2)
        assert [(r.ok, r.error_kind, r.rows) for r in local] == [(r.ok, r.error_kind, r.rows) for r in pooled]
        assert [r.error_kind for r in pooled] == [None, "forbidden", None, "timeout"]
        old_pids = {w.process.pid for w in ex._pool.workers}
        start = time.monotonic()
        hung = ex.execute_many([(db, "SELECT 1", {"_simulate_hang_s": 30}), (db, "SELECT 2")], workers=2)
        assert time.monotonic() - start < 10
        assert hung[0].error_kind == "timeout" and "killed" in hung[0].error
        assert hung[1].rows == [(2,)]
        assert {w.process.pid for w in ex._pool.workers} != old_pids
        again = ex.execute_many([(db, "SELECT count(*) FROM singer")] * 3, workers=2)
        assert all(r.rows == [(30,)] for r in again)
