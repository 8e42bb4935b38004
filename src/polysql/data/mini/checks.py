"""What every mini-benchmark database must satisfy (the builder and the test-suite variants check it)."""

from __future__ import annotations

import sqlite3

from polysql.sql.sqlite_schema import read_tables

MIN_TABLES, MAX_TABLES = 3, 6
MIN_ROWS_PER_TABLE = 20


def check_database(conn: sqlite3.Connection, db_id: str) -> None:
    """Raise ValueError unless the database has 3-6 tables, PKs, a FK, integrity and >= 20 rows a table."""
    tables = read_tables(conn)
    if not MIN_TABLES <= len(tables) <= MAX_TABLES:
        raise ValueError(f"domain {db_id}: {len(tables)} tables, expected {MIN_TABLES}-{MAX_TABLES}")
    for table in tables:
        if not table.primary_key:
            raise ValueError(f"domain {db_id}: table {table.name} has no primary key")
        (rows,) = conn.execute(f'SELECT count(*) FROM "{table.name}"').fetchone()
        if rows < MIN_ROWS_PER_TABLE:
            raise ValueError(f"domain {db_id}: table {table.name} has {rows} rows, expected >= {MIN_ROWS_PER_TABLE}")
    if not any(table.foreign_keys for table in tables):
        raise ValueError(f"domain {db_id}: no foreign key")
    broken = conn.execute("PRAGMA foreign_key_check").fetchall()
    if broken:
        table, rowid, parent, _ = broken[0]
        raise ValueError(
            f"domain {db_id}: {len(broken)} rows break a foreign key, e.g. {table} rowid {rowid} -> {parent}"
        )
