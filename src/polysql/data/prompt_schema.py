"""A database's schema rendered for prompts: compact CREATE TABLE statements (and example rows),
built from the SQLite file's own schema (:func:`polysql.sql.sqlite_schema.read_tables`)."""

from __future__ import annotations

from contextlib import closing
from functools import lru_cache
from pathlib import Path

from polysql.io import connect_readonly
from polysql.sql.sqlite_schema import Table, read_tables


def _quote(value) -> str:
    if value is None:
        return "NULL"
    if isinstance(value, str):
        text = value if len(value) <= 40 else value[:37] + "..."
        return "'" + text.replace("'", "''") + "'"
    return str(value)


def _create_statement(table: Table) -> str:
    """A compact, uniform CREATE TABLE (no NOT NULL/DEFAULT noise: fewer prompt tokens)."""
    foreign = {key.column: key for key in table.foreign_keys}  # a column's last key wins
    primary = table.primary_key
    parts = []
    for column in table.columns:
        part = f"{column.name} {column.declared_type}".strip()
        if column.pk_position and len(primary) == 1:
            part += " PRIMARY KEY"
        key = foreign.get(column.name)
        if key is not None:
            part += (
                f" REFERENCES {key.ref_table}({key.ref_column})" if key.ref_column else f" REFERENCES {key.ref_table}"
            )
        parts.append(part)
    if len(primary) > 1:
        parts.append(f"PRIMARY KEY ({', '.join(primary)})")
    return f"CREATE TABLE {table.name} ({', '.join(parts)});"


@lru_cache(maxsize=256)
def _serialize(db_path: str, sample_rows: int, tables: tuple[str, ...] | None) -> str:
    with closing(connect_readonly(db_path)) as conn:
        wanted = None if tables is None else {name.lower() for name in tables}
        blocks = []
        for table in read_tables(conn):
            name = table.name
            if wanted is not None and name.lower() not in wanted:
                continue
            block = _create_statement(table)
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
