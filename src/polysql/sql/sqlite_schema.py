"""The schema of a SQLite file as SQLite declares it, and its Spider ``tables.json`` entry.

:func:`read_tables` is the one reader of ``PRAGMA table_info`` / ``foreign_key_list``: the
evaluation's :class:`~polysql.sql.schema.Schema`, the prompts' ``CREATE TABLE`` text and the
``tables.json`` writer (:func:`tables_json_entry`, used by the mini benchmark and the demo databases)
all start from it. Names keep their original case here; consumers lowercase where they compare.
"""

from __future__ import annotations

import os
import re
import sqlite3
from contextlib import closing, nullcontext
from dataclasses import dataclass, field
from typing import Any

from polysql.io import connect_readonly


@dataclass(frozen=True)
class Column:
    """One column: its name, declared type ("" when none) and place in the primary key (0: not in it)."""

    name: str
    declared_type: str
    pk_position: int


@dataclass(frozen=True)
class ForeignKey:
    """``column REFERENCES ref_table(ref_column)`` of one table.

    Attributes:
        column: the referencing column.
        ref_table: the referenced table, as written.
        ref_column: the referenced column as written; ``None`` for ``REFERENCES ref_table``.
        target: the referenced column: ``ref_column``, or for ``REFERENCES ref_table`` the column of
            ref_table's primary key at this key's position (SQLite's rule); ``None`` when there is none.
    """

    column: str
    ref_table: str
    ref_column: str | None
    target: str | None


@dataclass(frozen=True)
class Table:
    """One table: its columns in declaration order and its foreign keys in PRAGMA order."""

    name: str
    columns: tuple[Column, ...]
    foreign_keys: tuple[ForeignKey, ...] = field(default=())

    @property
    def primary_key(self) -> list[str]:
        """The primary-key columns in key order ([] when the table has none)."""
        return [c.name for c in sorted(self.columns, key=lambda c: c.pk_position) if c.pk_position > 0]


def read_tables(source: sqlite3.Connection | str | os.PathLike, *, include_internal: bool = False) -> list[Table]:
    """The tables of a SQLite database in creation order.

    Args:
        source: an open connection, or a database file (opened read-only, never created).
        include_internal: also SQLite's own tables (``sqlite_sequence`` ...), as Spider's reference
            evaluator reads them.

    Raises:
        FileNotFoundError: ``source`` is a path that does not exist.
    """
    opened = source if isinstance(source, sqlite3.Connection) else None
    with nullcontext(opened) if opened is not None else closing(connect_readonly(source)) as conn:  # type: ignore[arg-type]  # a path here
        internal = "" if include_internal else " AND name NOT LIKE 'sqlite_%'"
        names = [
            row[0]
            for row in conn.execute(f"SELECT name FROM sqlite_master WHERE type = 'table'{internal} ORDER BY rowid")
        ]
        raw = []
        for name in names:
            columns = tuple(
                Column(str(row[1]), row[2] or "", int(row[5] or 0))
                for row in conn.execute(f"PRAGMA table_info({quote_identifier(name)})")
            )
            # row: id, seq, table, from, to, on_update, on_delete, match
            keys = [
                (row[1], str(row[3]), str(row[2]), None if row[4] is None else str(row[4]))
                for row in conn.execute(f"PRAGMA foreign_key_list({quote_identifier(name)})")
            ]
            raw.append((name, columns, keys))
    primary = {name.lower(): Table(name, columns).primary_key for name, columns, _ in raw}

    def target(seq: int, ref_table: str, ref_column: str | None) -> str | None:
        if ref_column is not None:
            return ref_column
        key = primary.get(ref_table.lower()) or []
        return key[seq] if seq < len(key) else None

    return [
        Table(
            name,
            columns,
            tuple(
                ForeignKey(column, ref_table, ref_column, target(seq, ref_table, ref_column))
                for seq, column, ref_table, ref_column in keys
            ),
        )
        for name, columns, keys in raw
    ]


def quote_identifier(name: str) -> str:
    """``name`` as a double-quoted SQL identifier."""
    return '"' + name.replace('"', '""') + '"'


# ---------------------------------------------------------------------------- tables.json
_NUMBER_TYPES = ("INT", "REAL", "FLOA", "DOUB", "NUM", "DEC")


def spider_column_type(declared: str) -> str:
    """Map a declared SQLite type to Spider's column types (text/number/time/boolean/others)."""
    upper = declared.upper()
    if "BOOL" in upper:
        return "boolean"
    if "DATE" in upper or "TIME" in upper or "YEAR" in upper:
        return "time"
    if "CHAR" in upper or "TEXT" in upper or "CLOB" in upper:
        return "text"
    if any(key in upper for key in _NUMBER_TYPES):
        return "number"
    return "others"


def readable(name: str) -> str:
    """``snake_case`` (or camelCase) identifier -> lowercase words, as Spider's readable names."""
    spaced = re.sub(r"(?<=[a-z0-9])(?=[A-Z])", " ", name)
    return " ".join(part for part in re.split(r"[_\s]+", spaced) if part).lower()


def tables_json_entry(db_path: str | os.PathLike, db_id: str) -> dict[str, Any]:
    """The Spider ``tables.json`` entry of a SQLite file (original names kept, readable names derived).

    ``REFERENCES t`` without a column refers to t's primary key.

    Raises:
        ValueError: a foreign key refers to a table or column the database does not have.
    """
    tables = read_tables(db_path)
    column_names: list[list[Any]] = [[-1, "*"]]
    column_names_original: list[list[Any]] = [[-1, "*"]]
    column_types = ["text"]
    index_of: dict[tuple[str, str], int] = {}
    primary_keys: list[int] = []
    for t_index, table in enumerate(tables):
        for column in table.columns:
            index_of[(table.name.lower(), column.name.lower())] = len(column_names)
            column_names.append([t_index, readable(column.name)])
            column_names_original.append([t_index, column.name])
            column_types.append(spider_column_type(column.declared_type))
        primary_keys.extend(index_of[(table.name.lower(), name.lower())] for name in table.primary_key)
    foreign_keys: list[list[int]] = []
    for table in tables:
        for key in table.foreign_keys:
            source = (table.name.lower(), key.column.lower())
            target = (key.ref_table.lower(), (key.target or "").lower())
            if source not in index_of or target not in index_of:
                raise ValueError(
                    f"{db_path}: foreign key {table.name}.{key.column} -> {key.ref_table}"
                    f"({key.ref_column or 'its primary key'}) names no existing column"
                )
            foreign_keys.append([index_of[source], index_of[target]])
    return {
        "db_id": db_id,
        "table_names": [readable(t.name) for t in tables],
        "table_names_original": [t.name for t in tables],
        "column_names": column_names,
        "column_names_original": column_names_original,
        "column_types": column_types,
        "primary_keys": primary_keys,
        "foreign_keys": foreign_keys,
    }
