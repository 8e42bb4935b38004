"""Read a mini-benchmark domain's data files: its schema, the values it draws from, its templates.

A domain is a data folder plus a generator. The folder, ``content/<db_id>/``, holds everything
hand-written about the domain::

    content/<db_id>/schema.json            the tables: CREATE TABLE statements as data (:func:`load_schema`)
    content/<db_id>/values.json            the values the generator draws from: names, places, catalogues
                                           (:func:`load_values`)
    content/<db_id>/templates.json         the question templates, in build order (a list)
    content/<db_id>/questions.<lang>.json  one file per language: template id -> phrasings

The generator is the Python module ``polysql/data/mini/domains/<db_id>.py``: its ``populate`` inserts
the rows, drawing from ``values.json`` with a seeded random stream; what shapes the draws (row
counts, weights, and the few category names the code refers to) stays in the module beside the code.

``schema.json`` is a list of tables, each an object with ``name``, ``columns`` (one column
definition a string, e.g. ``"name TEXT NOT NULL"``) and optionally ``constraints`` (table
constraints, e.g. ``"FOREIGN KEY (a_id) REFERENCES a (a_id)"``). :func:`render_schema` writes each
table as ``CREATE TABLE <name> (`` then one line a column and constraint, indented four spaces,
then ``);``: SQLite keeps that text in ``sqlite_master`` and prompts show it, so it is part of the
benchmark.

``values.json`` is an object; each key (lowercase snake_case) holds either a list of distinct values
of one type (strings, integers or reals), or a table: an object with ``columns`` (the column names),
``rows`` (lists with one cell a column, each column of one type: string, integer, real or list) and an
optional ``comment``. :func:`load_values` returns lists and rows as tuples (nested lists too); the
order of lists and rows is part of the benchmark (the generator draws from them in order).

A template in ``templates.json`` is an object with the keys ``id`` (lowercase snake_case, unique in the
domain), ``level`` (the Spider hardness the template was written for: easy, medium, hard or extra;
informational, the build reports the classifier's counts), ``sql`` (gold SQL with ``{slot}``
placeholders), ``slots`` (slot name -> SELECT of candidate values; omitted when there are none), ``n``
(instantiations; omitted when 1) and an optional ``comment``. A question file maps every template id
to a list of phrasings that use exactly the template's slots. The order of the templates and of the
phrasings is part of the benchmark (both select seeded random draws); the order of the keys in a
question file is not.

Every problem is reported as a ValueError naming the file and the key, e.g.
``.../content/library/questions.de.json: "count_books": ...`` or
``.../content/library/values.json: 'authors' row [3]: ...``.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any, Sequence

from polysql.data.mini.template import Template, slot_names
from polysql.sql.hardness import LEVELS  # Spider's hardness levels, easiest first

CONTENT_DIR = Path(__file__).resolve().parent / "content"
TEMPLATES_FILE = "templates.json"
SCHEMA_FILE = "schema.json"
VALUES_FILE = "values.json"
_TEMPLATE_KEYS = {"id", "level", "comment", "sql", "slots", "n"}
_ID = re.compile(r"[a-z][a-z0-9_]*")
_LANGUAGE = re.compile(r"[a-z]{2,3}(?:-[A-Za-z0-9]+)*")


def questions_file(db_id: str, lang: str, content_dir: Path | None = None) -> Path:
    """``content/<db_id>/questions.<lang>.json``."""
    return (content_dir or CONTENT_DIR) / db_id / f"questions.{lang}.json"


def content_domains(content_dir: Path | None = None) -> list[str]:
    """The db_ids that have a ``templates.json`` (sorted)."""
    root = content_dir or CONTENT_DIR
    return sorted(p.parent.name for p in root.glob(f"*/{TEMPLATES_FILE}"))


def available_languages(db_id: str, content_dir: Path | None = None) -> list[str]:
    """The languages with a question file for ``db_id`` (sorted)."""
    folder = (content_dir or CONTENT_DIR) / db_id
    return sorted(p.name[len("questions.") : -len(".json")] for p in folder.glob("questions.*.json"))


def load_templates(db_id: str, languages: Sequence[str], content_dir: Path | None = None) -> tuple[Template, ...]:
    """The templates of ``db_id`` with their phrasings in ``languages``.

    Raises:
        ValueError: a file is missing or malformed, a template id has no phrasings in a language file
            (or a language file names an id that is not a template), or a phrasing or the SQL uses a
            slot the template does not declare (the message names the file and the key).
    """
    folder = (content_dir or CONTENT_DIR) / db_id
    specs = _read_templates(folder / TEMPLATES_FILE)
    phrasings: dict[str, dict[str, list[str]]] = {}
    for lang in languages:
        if not _LANGUAGE.fullmatch(lang):
            raise ValueError(f"{folder}: {lang!r} is not a language code (e.g. 'de', 'zh')")
        phrasings[lang] = _read_questions(questions_file(db_id, lang, content_dir), specs)
    return tuple(
        Template(
            sql=spec["sql"],
            questions={lang: tuple(phrasings[lang][spec["id"]]) for lang in languages},
            slots=dict(spec.get("slots", {})),
            n=spec.get("n", 1),
            id=spec["id"],
        )
        for spec in specs
    )


def _read_json(path: Path) -> Any:
    if not path.is_file():
        raise ValueError(f"{path}: no such file")
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as exc:
        raise ValueError(f"{path}: invalid JSON at line {exc.lineno} column {exc.colno}: {exc.msg}") from None


def _slots(text: str, where: str) -> set[str]:
    try:
        return slot_names(text)
    except ValueError as exc:  # an unmatched brace
        raise ValueError(f"{where}: {exc}: {text!r}") from None


def _named_objects(path: Path, kind: str, id_key: str, keys: set[str]) -> list[tuple[str, dict[str, Any]]]:
    """The objects of a JSON list file (templates, tables), each with the ``where`` of its messages.

    Checks what every such file shares: a non-empty list of objects, each with a unique lowercase
    snake_case ``id_key`` and no key outside ``keys``.
    """
    data = _read_json(path)
    if not isinstance(data, list) or not data:
        raise ValueError(f"{path}: expected a non-empty list of {kind}s")
    checked: list[tuple[str, dict[str, Any]]] = []
    seen: set[str] = set()
    for index, spec in enumerate(data):
        where = f"{path}: {kind} [{index}]"
        if not isinstance(spec, dict):
            raise ValueError(f"{where}: expected an object, got {type(spec).__name__}")
        name = spec.get(id_key)
        if not isinstance(name, str) or not _ID.fullmatch(name):
            raise ValueError(f'{where}: "{id_key}" must be lowercase snake_case, got {name!r}')
        where = f"{path}: {kind} {name!r}"
        if name in seen:
            raise ValueError(f"{where}: duplicate {id_key}")
        seen.add(name)
        unknown = sorted(set(spec) - keys)
        if unknown:
            raise ValueError(f"{where}: unknown key(s) {unknown}; expected some of {sorted(keys)}")
        checked.append((where, spec))
    return checked


def _read_templates(path: Path) -> list[dict[str, Any]]:
    specs = _named_objects(path, "template", "id", _TEMPLATE_KEYS)
    for where, spec in specs:
        if spec.get("level") not in LEVELS:
            raise ValueError(f'{where}: "level" must be one of {list(LEVELS)}, got {spec.get("level")!r}')
        if not isinstance(spec.get("sql"), str) or not spec["sql"].strip():
            raise ValueError(f'{where}: "sql" must be a non-empty string')
        slots = spec.get("slots", {})
        if not isinstance(slots, dict) or not all(isinstance(k, str) and isinstance(v, str) for k, v in slots.items()):
            raise ValueError(f'{where}: "slots" must map slot names to SELECT strings')
        n = spec.get("n", 1)
        if not isinstance(n, int) or isinstance(n, bool) or n < 1:
            raise ValueError(f'{where}: "n" must be an integer >= 1, got {n!r}')
        if not isinstance(spec.get("comment", ""), str):
            raise ValueError(f'{where}: "comment" must be a string')
        in_sql = _slots(spec["sql"], f'{where}: "sql"')
        if in_sql - set(slots):
            raise ValueError(
                f'{where}: "sql" uses unknown slot(s) {sorted(in_sql - set(slots))}; "slots" declares {sorted(slots)}'
            )
        if set(slots) - in_sql:
            raise ValueError(f'{where}: slot(s) {sorted(set(slots) - in_sql)} declared but not used in "sql"')
    return [spec for _, spec in specs]


def _read_questions(path: Path, specs: Sequence[dict[str, Any]]) -> dict[str, list[str]]:
    data = _read_json(path)
    if not isinstance(data, dict):
        raise ValueError(f"{path}: expected an object mapping template ids to lists of phrasings")
    ids = [spec["id"] for spec in specs]
    missing = [template_id for template_id in ids if template_id not in data]
    if missing:
        raise ValueError(f"{path}: no phrasings for template id(s) {missing} (declared in {TEMPLATES_FILE})")
    extra = sorted(set(data) - set(ids))
    if extra:
        raise ValueError(f"{path}: key(s) {extra} are not template ids in {TEMPLATES_FILE}")
    for spec in specs:
        template_id, declared = spec["id"], set(spec.get("slots", {}))
        phrasings = data[template_id]
        if not isinstance(phrasings, list) or not all(isinstance(p, str) for p in phrasings):
            raise ValueError(f"{path}: {template_id!r}: expected a list of strings")
        for index, phrasing in enumerate(phrasings):
            used = _slots(phrasing, f"{path}: {template_id!r} [{index}]")
            if used - declared:
                raise ValueError(
                    f"{path}: {template_id!r} [{index}]: unknown slot(s) {sorted(used - declared)} "
                    f"(the template declares {sorted(declared)}): {phrasing!r}"
                )
            if declared - used:
                raise ValueError(
                    f"{path}: {template_id!r} [{index}]: phrasing does not use slot(s) "
                    f"{sorted(declared - used)}: {phrasing!r}"
                )
    return data


# ---------------------------------------------------------------------------------------------
# schema.json

_TABLE_KEYS = {"name", "columns", "constraints"}
# One column definition ("name TEXT NOT NULL") or one table constraint ("FOREIGN KEY (a) REFERENCES b (a)").
_COLUMN = re.compile(r"[a-z][a-z0-9_]* (?:INTEGER|TEXT|REAL)(?: [^,;\n]*[^,;\s])?")
_CONSTRAINT = re.compile(r"(?:PRIMARY KEY|FOREIGN KEY|UNIQUE|CHECK) ?\([^;\n]*[^,;\s]")


def load_schema(db_id: str, content_dir: Path | None = None) -> str:
    """The ``CREATE TABLE`` statements of ``content/<db_id>/schema.json`` (see :func:`render_schema`).

    Raises:
        ValueError: the file is missing or malformed: not a non-empty list of tables, a table with an
            unknown or missing key, a name that is not lowercase snake_case or is used twice, or a
            column or constraint line that is not one SQL definition (the message names the file and
            the table).
    """
    path = (content_dir or CONTENT_DIR) / db_id / SCHEMA_FILE
    return render_schema(_read_schema(path))


def render_schema(tables: Sequence[dict[str, Any]]) -> str:
    """``CREATE TABLE`` statements, one a table, one line a column or constraint (four spaces in)."""
    return "".join(
        f"CREATE TABLE {table['name']} (\n"
        + ",\n".join(f"    {line}" for line in [*table["columns"], *table.get("constraints", [])])
        + "\n);\n"
        for table in tables
    )


def _read_schema(path: Path) -> list[dict[str, Any]]:
    tables = _named_objects(path, "table", "name", _TABLE_KEYS)
    for where, table in tables:
        columns = _lines(table.get("columns"), f'{where}: "columns"', _COLUMN, "a column definition")
        if not columns:
            raise ValueError(f'{where}: "columns" must not be empty')
        column_names = [line.split(" ", 1)[0] for line in columns]
        twice = sorted({c for c in column_names if column_names.count(c) > 1})
        if twice:
            raise ValueError(f'{where}: "columns" defines {twice} more than once')
        _lines(table.get("constraints", []), f'{where}: "constraints"', _CONSTRAINT, "a table constraint")
    return [table for _, table in tables]


def _lines(value: Any, where: str, pattern: re.Pattern[str], what: str) -> list[str]:
    if not isinstance(value, list) or not all(isinstance(line, str) for line in value):
        raise ValueError(f"{where}: expected a list of strings")
    for index, line in enumerate(value):
        if not pattern.fullmatch(line):
            raise ValueError(
                f"{where} [{index}]: {line!r} is not {what} (one line, no surrounding spaces, no trailing , or ;)"
            )
    return value


# ---------------------------------------------------------------------------------------------
# values.json

_TABLE_SPEC_KEYS = {"columns", "rows", "comment"}


class DomainValues:
    """The values of one ``values.json``: ``values["first_names"]`` is a tuple of values or of rows.

    Indexing with a key the file lacks raises ValueError naming the file and the key (not KeyError).
    """

    def __init__(self, path: Path, values: dict[str, tuple[Any, ...]]) -> None:
        self.path = path
        self._values = values

    def __getitem__(self, key: str) -> tuple[Any, ...]:
        try:
            return self._values[key]
        except KeyError:
            raise ValueError(f"{self.path}: no key {key!r} (the file has {sorted(self._values)})") from None

    def __contains__(self, key: object) -> bool:
        return key in self._values

    def keys(self) -> list[str]:
        """The keys, in file order."""
        return list(self._values)


def load_values(db_id: str, content_dir: Path | None = None) -> DomainValues:
    """The values of ``content/<db_id>/values.json`` (lists and table rows as tuples).

    Raises:
        ValueError: the file is missing or malformed: not an object, a key that is not lowercase
            snake_case, a list that is empty, mixes types or repeats a value, a table with an unknown
            key, a row with the wrong number of cells, or a column whose cells differ in type (the
            message names the file, the key and the row).
    """
    path = (content_dir or CONTENT_DIR) / db_id / VALUES_FILE
    data = _read_json(path)
    if not isinstance(data, dict) or not data:
        raise ValueError(f"{path}: expected a non-empty object mapping names to lists or tables")
    values: dict[str, tuple[Any, ...]] = {}
    for key, value in data.items():
        where = f"{path}: {key!r}"
        if not _ID.fullmatch(key):
            raise ValueError(f"{where}: keys must be lowercase snake_case")
        if isinstance(value, list):
            values[key] = _value_list(value, where)
        elif isinstance(value, dict):
            values[key] = _table(value, where)
        else:
            raise ValueError(f'{where}: expected a list or a table {{"columns": [...], "rows": [...]}}')
    return DomainValues(path, values)


def _kind(value: Any) -> str:
    """``string``, ``integer``, ``real`` or ``list`` (a list of such values); ValueError for anything else."""
    if isinstance(value, str):
        return "string"
    if isinstance(value, int) and not isinstance(value, bool):
        return "integer"
    if isinstance(value, float):
        return "real"
    if isinstance(value, list):
        for item in value:
            _kind(item)
        return "list"
    raise ValueError(f"{value!r} is not a string, integer, real or list")


def _frozen(value: Any) -> Any:
    return tuple(_frozen(item) for item in value) if isinstance(value, list) else value


def _value_list(value: list[Any], where: str) -> tuple[Any, ...]:
    if not value:
        raise ValueError(f"{where}: the list is empty")
    for index, item in enumerate(value):
        try:
            kind = _kind(item)
        except ValueError as exc:
            raise ValueError(f"{where} [{index}]: {exc}") from None
        if kind == "list":
            raise ValueError(f"{where} [{index}]: a list holds strings, integers or reals; rows belong in a table")
        if kind != _kind(value[0]):
            raise ValueError(f"{where} [{index}]: {kind} in a list of {_kind(value[0])}s")
    items = _frozen(value)
    repeated = sorted({item for item in items if items.count(item) > 1}, key=str)
    if repeated:
        raise ValueError(f"{where}: value(s) {repeated} stand more than once")
    return items


def _table(value: dict[str, Any], where: str) -> tuple[Any, ...]:
    unknown = sorted(set(value) - _TABLE_SPEC_KEYS)
    if unknown or "columns" not in value or "rows" not in value:
        raise ValueError(f'{where}: a table has "columns", "rows" and optionally "comment"; got {sorted(value)}')
    columns, rows = value["columns"], value["rows"]
    if (
        not isinstance(columns, list)
        or not columns
        or not all(isinstance(c, str) and _ID.fullmatch(c) for c in columns)
        or len(set(columns)) != len(columns)
    ):
        raise ValueError(f'{where}: "columns" must be distinct lowercase snake_case names, got {columns!r}')
    if not isinstance(value.get("comment", ""), str):
        raise ValueError(f'{where}: "comment" must be a string')
    if not isinstance(rows, list) or not rows:
        raise ValueError(f'{where}: "rows" must be a non-empty list of rows')
    kinds: list[str] = []
    for index, row in enumerate(rows):
        if not isinstance(row, list) or len(row) != len(columns):
            raise ValueError(f"{where} row [{index}]: expected a list of {len(columns)} cells {columns}, got {row!r}")
        try:
            row_kinds = [_kind(cell) for cell in row]
        except ValueError as exc:
            raise ValueError(f"{where} row [{index}]: {exc}") from None
        kinds = kinds or row_kinds
        for column, kind, first in zip(columns, row_kinds, kinds):
            if kind != first:
                raise ValueError(f"{where} row [{index}]: column {column!r} holds {kind}, row [0] holds {first}")
    return tuple(_frozen(row) for row in rows)
