"""Database schemas: tables with ordered columns, primary and foreign keys.

A :class:`Schema` is read either from a SQLite file (read-only) or from one entry of a Spider
``tables.json`` (MultiSpider's ``tables_<lang>.json`` has the same shape). Names are lowercased,
because Spider's evaluation compares lowercased identifiers.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Mapping

from polysql.io import DataError, read_json
from polysql.sql.sqlite_schema import read_tables

ColumnRef = tuple[str, str]  # (table, column), lowercased


@dataclass
class Schema:
    """A database schema with lowercased names.

    Attributes:
        tables: table -> its columns, both in declaration order.
        primary_keys: table -> primary-key columns (empty list when none).
        foreign_keys: (table, column, referenced_table, referenced_column) in source order.
        column_order: every (table, column) in the source's global column order (Spider's
            column index minus one; index 0 is ``*`` there). The foreign-key map of the
            exact-match evaluation depends on this order.
        db_id: the database id when known.
    """

    tables: dict[str, list[str]]
    primary_keys: dict[str, list[str]] = field(default_factory=dict)
    foreign_keys: list[tuple[str, str, str, str]] = field(default_factory=list)
    column_order: list[ColumnRef] = field(default_factory=list)
    db_id: str | None = None

    def __post_init__(self) -> None:
        if not self.column_order:
            self.column_order = [(t, c) for t, cols in self.tables.items() for c in cols]

    # ------------------------------------------------------------------ constructors
    @classmethod
    def from_sqlite(cls, path: str | os.PathLike, db_id: str | None = None) -> "Schema":
        """Read the schema of a SQLite database without ever writing or creating it.

        Args:
            path: the ``.sqlite`` file.
            db_id: optional id; defaults to the file name without extension.

        Raises:
            FileNotFoundError: the file does not exist (the message names it).
        """
        path = Path(path)
        tables: dict[str, list[str]] = {}
        primary: dict[str, list[str]] = {}
        fks: list[tuple[str, str, str, str]] = []
        for table in read_tables(path, include_internal=True):  # as the reference evaluator reads it
            name = table.name.lower()
            tables[name] = [column.name.lower() for column in table.columns]
            primary[name] = [column.lower() for column in table.primary_key]
            fks.extend(
                (name, key.column.lower(), key.ref_table.lower(), key.target.lower())
                for key in table.foreign_keys
                if key.target is not None
            )
        return cls(
            tables=tables, primary_keys=primary, foreign_keys=fks, db_id=db_id if db_id is not None else path.stem
        )

    @classmethod
    def from_spider_tables(cls, entry: Mapping[str, Any]) -> "Schema":
        """Build a schema from one entry of Spider's ``tables.json``.

        Uses ``table_names_original`` and ``column_names_original`` (the names in the SQL).

        Raises:
            DataError: a required key is missing or a column index is out of range.
        """
        db_id = entry.get("db_id", "?")
        try:
            table_names = [str(t).lower() for t in entry["table_names_original"]]
            columns = entry["column_names_original"]
        except KeyError as exc:
            raise DataError(f"tables.json entry {db_id!r}: missing key {exc.args[0]!r}") from None
        tables: dict[str, list[str]] = {t: [] for t in table_names}
        order: list[ColumnRef] = []
        index_to_ref: dict[int, ColumnRef] = {}
        for index, (table_index, column) in enumerate(columns):
            if table_index < 0:
                continue  # the "*" pseudo-column
            if table_index >= len(table_names):
                raise DataError(
                    f"tables.json entry {db_id!r}: column {index} names table "
                    f"{table_index}, but there are {len(table_names)} tables"
                )
            ref = (table_names[table_index], str(column).lower())
            tables[ref[0]].append(ref[1])
            order.append(ref)
            index_to_ref[index] = ref

        def ref_of(index: int) -> ColumnRef:
            if index not in index_to_ref:
                raise DataError(f"tables.json entry {db_id!r}: bad column index {index}")
            return index_to_ref[index]

        primary: dict[str, list[str]] = {t: [] for t in table_names}
        for key in entry.get("primary_keys", []):
            for index in key if isinstance(key, list) else [key]:
                table, col = ref_of(index)
                primary[table].append(col)
        fks = []
        for pair in entry.get("foreign_keys", []):
            (t1, c1), (t2, c2) = ref_of(pair[0]), ref_of(pair[1])
            fks.append((t1, c1, t2, c2))
        return cls(tables=tables, primary_keys=primary, foreign_keys=fks, column_order=order, db_id=str(db_id))

    # ------------------------------------------------------------------ queries
    def columns(self, table: str) -> list[str]:
        """The columns of ``table`` (lowercase name); KeyError when it does not exist."""
        return self.tables[table.lower()]

    def has_column(self, table: str, column: str) -> bool:
        """Whether ``table.column`` exists (case-insensitive)."""
        return column.lower() in self.tables.get(table.lower(), ())

    def foreign_key_map(self) -> dict[str, str]:
        """Spider's foreign-key map: ``__t.c__`` -> the ``__t.c__`` standing for its key group.

        Columns joined by foreign keys are grouped and every member maps to the member with the
        smallest column index. Grouping follows the reference evaluator exactly: a key pair joins
        the first existing group holding either column (groups are never merged).
        """
        index = {ref: i + 1 for i, ref in enumerate(self.column_order)}
        names = {i: f"__{t}.{c}__" for (t, c), i in index.items()}
        groups: list[set[int]] = []
        for t1, c1, t2, c2 in self.foreign_keys:
            if (t1, c1) not in index or (t2, c2) not in index:
                continue
            k1, k2 = index[(t1, c1)], index[(t2, c2)]
            group = next((g for g in groups if k1 in g or k2 in g), None)
            if group is None:
                group = set()
                groups.append(group)
            group.update((k1, k2))
        mapping: dict[str, str] = {}
        for group in groups:
            first = min(group)
            for member in sorted(group):
                mapping[names[member]] = names[first]
        return mapping

    def with_foreign_keys_of(self, other: "Schema") -> "Schema":
        """This schema's tables with ``other``'s keys and column order (e.g. sqlite + tables.json)."""
        return Schema(
            tables=self.tables,
            primary_keys=other.primary_keys,
            foreign_keys=other.foreign_keys,
            column_order=other.column_order,
            db_id=self.db_id or other.db_id,
        )


def load_tables_json(path: str | os.PathLike) -> dict[str, Schema]:
    """Read a Spider/MultiSpider ``tables.json`` into ``{db_id: Schema}``.

    Raises:
        DataError: the file is not a list of entries, an entry lacks ``db_id``, or an id repeats.
    """
    data = read_json(path)
    if not isinstance(data, list):
        raise DataError(f"{path}: expected a JSON list of database entries")
    schemas: dict[str, Schema] = {}
    for number, entry in enumerate(data):
        if not isinstance(entry, dict) or "db_id" not in entry:
            raise DataError(f"{path}: entry {number} has no 'db_id'")
        try:
            schema = Schema.from_spider_tables(entry)
        except DataError as exc:
            raise DataError(f"{path}: {exc}") from None
        if schema.db_id in schemas:
            raise DataError(f"{path}: db_id {schema.db_id!r} appears twice")
        schemas[str(schema.db_id)] = schema
    return schemas
