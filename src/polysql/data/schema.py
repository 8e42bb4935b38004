"""Schema serialisation for prompts: CREATE TABLE statements read from the SQLite file itself."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from functools import lru_cache
from pathlib import Path

from polysql.io import connect_readonly


def _quote(value) -> str:
    if value is None:
        return "NULL"
    if isinstance(value, str):
        text = value if len(value) <= 40 else value[:37] + "..."
        return "'" + text.replace("'", "''") + "'"
    return str(value)


def _create_statement(conn: sqlite3.Connection, table: str) -> str:
    """A compact, uniform CREATE TABLE built from PRAGMA info (no NOT NULL/DEFAULT noise: fewer prompt tokens)."""
    columns = conn.execute(f'PRAGMA table_info("{table}")').fetchall()  # cid, name, type, notnull, default, pk
    foreign = {row[3]: (row[2], row[4]) for row in conn.execute(f'PRAGMA foreign_key_list("{table}")')}
    primary = [c[1] for c in sorted(columns, key=lambda c: c[5]) if c[5] > 0]
    parts = []
    for _, name, col_type, _, _, pk in columns:
        part = f"{name} {col_type}".strip()
        if pk and len(primary) == 1:
            part += " PRIMARY KEY"
        if name in foreign:
            ref_table, ref_col = foreign[name]
            part += f" REFERENCES {ref_table}({ref_col})" if ref_col else f" REFERENCES {ref_table}"
        parts.append(part)
    if len(primary) > 1:
        parts.append(f"PRIMARY KEY ({', '.join(primary)})")
    return f"CREATE TABLE {table} ({', '.join(parts)});"


@lru_cache(maxsize=256)
def _serialize(db_path: str, sample_rows: int, tables: tuple[str, ...] | None) -> str:
    with closing(connect_readonly(db_path)) as conn:
        names = [row[0] for row in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY rowid"
        )]
        wanted = None if tables is None else {name.lower() for name in tables}
        blocks = []
        for name in names:
            if wanted is not None and name.lower() not in wanted:
                continue
            block = _create_statement(conn, name)
            if sample_rows > 0:
                sample = conn.execute(f'SELECT * FROM "{name}" LIMIT {int(sample_rows)}').fetchall()
                if sample:
                    lines = ["/* " + str(len(sample)) + f" example rows of {name}:"]
                    lines += ["   " + ", ".join(_quote(v) for v in row) for row in sample]
                    block += "\n" + "\n".join(lines) + " */"
            blocks.append(block)
    return "\n".join(blocks)


def serialize_schema(db_path: str | Path, sample_rows: int = 0, tables: list[str] | None = None) -> str:
    """Return the database schema as compact ``CREATE TABLE`` statements, one per line.

    Statements are rebuilt from ``PRAGMA table_info``/``foreign_key_list`` rather than copied from
    ``sqlite_master``, so every benchmark gets the same terse form (types, primary and foreign keys).

    Args:
        db_path: the SQLite file (opened read-only).
        sample_rows: if > 0, append that many example rows per table as an SQL comment.
        tables: restrict to these table names (case-insensitive); all tables when None.
    """
    return _serialize(str(Path(db_path).resolve()), int(sample_rows), tuple(tables) if tables else None)
