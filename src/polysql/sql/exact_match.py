"""Spider's exact-set match ("Sem"): component-wise comparison of parsed queries, values ignored.

Both queries are parsed into Spider's structured form (:mod:`polysql.sql.spider_parser`), then
normalised as the reference ``evaluation.py`` does by default: condition values are dropped
(nested queries kept), DISTINCT flags dropped at the top level and in set-operation branches,
and columns linked by foreign keys replaced by one representative of their key group. The
components then compare as bags:

``select``, ``select(no AGG)``, ``where``, ``where(no OP)``, ``group(no Having)`` (column names
only), ``group`` (group columns + HAVING), ``order`` (ORDER BY + presence of LIMIT), ``and/or``,
``IUEN`` (INTERSECT/UNION/EXCEPT/nested branches, recursively exact) and ``keywords``.
A pair matches when every component scores 1 and the FROM clause lists the same tables (join
conditions are not compared). An unparsable prediction scores as an empty query (no match).
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field
from typing import Any

from polysql.sql.executor import GoldQueryError
from polysql.sql.schema import Schema
from polysql.sql.spider_parser import AGG_OPS, WHERE_OPS, SpiderParseError, empty_sql, parse_sql

COMPONENTS = (
    "select",
    "select(no AGG)",
    "where",
    "where(no OP)",
    "group(no Having)",
    "group",
    "order",
    "and/or",
    "IUEN",
    "keywords",
)


class GoldParseError(GoldQueryError):
    """The gold query cannot be parsed for exact matching: an error in the data."""

    def __init__(self, sql: str, message: str):
        RuntimeError.__init__(self, f"gold query cannot be parsed for exact match: {message} -- SQL: {sql}")
        self.db_path = ""
        self.sql = sql
        self.message = message
        self.kind = "unparsable"


@dataclass
class ComponentScore:
    """Score of one component for one pair (acc = rec = f1 for a single example)."""

    f1: float
    pred_total: int
    label_total: int


@dataclass
class MatchResult:
    """Exact-set match of one pair.

    Attributes:
        match: all components match and the FROM tables are equal.
        partial: component -> F1 for this pair (0 or 1).
        error: why the prediction could not be parsed, else ``None``.
        components: component -> :class:`ComponentScore` (with the totals that the aggregated
            partial accuracy and recall need).
    """

    match: bool
    partial: dict[str, float]
    error: str | None = None
    components: dict[str, ComponentScore] = field(default_factory=dict)


# ---------------------------------------------------------------------------- normalisation
def _drop_values(sql: dict[str, Any] | None) -> dict[str, Any] | None:
    """Replace non-query condition values with None, recursively through nested conditions."""
    if sql is None:
        return None

    def condition(conds: list) -> list:
        out = []
        for k, item in enumerate(conds):
            if k % 2:
                out.append(item)
                continue
            negated, op, unit, val1, val2 = item
            val1 = _drop_values(val1) if isinstance(val1, dict) else None
            val2 = _drop_values(val2) if isinstance(val2, dict) else None
            out.append((negated, op, unit, val1, val2))
        return out

    sql["from"]["conds"] = condition(sql["from"]["conds"])
    sql["having"] = condition(sql["having"])
    sql["where"] = condition(sql["where"])
    for op in ("intersect", "except", "union"):
        sql[op] = _drop_values(sql[op])
    return sql


def _valid_columns(sql: dict[str, Any], tables: dict[str, list[str]]) -> set[str]:
    """Column ids of the tables named in the (top-level) FROM clause."""
    names = {unit[1][2:-2] for unit in sql["from"]["table_units"] if unit[0] == "table_unit"}
    return {f"__{t}.{c}__" for t in names if t in tables for c in tables[t]}


def _map_columns(sql: dict[str, Any] | None, valid: set[str], fk_map: dict[str, str]):
    """Foreign-key representatives for columns of FROM tables; DISTINCT flags dropped."""
    if sql is None:
        return None

    def col_unit(unit):
        if unit is None:
            return None
        agg, col, _distinct = unit
        if col in fk_map and col in valid:
            col = fk_map[col]
        return (agg, col, None)

    def val_unit(unit):
        if unit is None:
            return None
        op, first, second = unit
        return (op, col_unit(first), col_unit(second))

    def condition(conds):
        return [
            item if k % 2 else (item[0], item[1], val_unit(item[2]), item[3], item[4]) for k, item in enumerate(conds)
        ]

    sql["select"] = (None, [(agg, val_unit(unit)) for agg, unit in sql["select"][1]])
    sql["from"]["table_units"] = [
        (kind, col_unit(unit) if isinstance(unit, tuple) else unit) for kind, unit in sql["from"]["table_units"]
    ]
    sql["from"]["conds"] = condition(sql["from"]["conds"])
    sql["where"] = condition(sql["where"])
    sql["groupBy"] = [col_unit(unit) for unit in sql["groupBy"]]
    if sql["orderBy"]:
        direction, units = sql["orderBy"]
        sql["orderBy"] = (direction, [val_unit(unit) for unit in units])
    sql["having"] = condition(sql["having"])
    for op in ("intersect", "except", "union"):
        sql[op] = _map_columns(sql[op], valid, fk_map)
    return sql


def normalize(sql: dict[str, Any], schema_tables: dict[str, list[str]], fk_map: dict[str, str]) -> dict[str, Any]:
    """Return a normalised copy of a parsed query, as the reference compares it."""
    sql = copy.deepcopy(sql)
    valid = _valid_columns(sql, schema_tables)
    return _map_columns(_drop_values(sql), valid, fk_map)


# ---------------------------------------------------------------------------- components
def _score(count: int, pred_total: int, label_total: int) -> float:
    if pred_total != label_total:
        return 0.0
    return 1.0 if count == pred_total else 0.0


def _bag_count(pred_items: list, label_items: list) -> int:
    remaining = list(label_items)
    count = 0
    for item in pred_items:
        if item in remaining:
            count += 1
            remaining.remove(item)
    return count


def _select(pred, label) -> tuple[ComponentScore, ComponentScore]:
    p, g = pred["select"][1], label["select"][1]
    with_agg = _bag_count(p, g)
    without = _bag_count([u[1] for u in p], [u[1] for u in g])
    return (
        ComponentScore(_score(with_agg, len(p), len(g)), len(p), len(g)),
        ComponentScore(_score(without, len(p), len(g)), len(p), len(g)),
    )


def _where(pred, label) -> tuple[ComponentScore, ComponentScore]:
    p, g = pred["where"][::2], label["where"][::2]
    with_op = _bag_count(p, g)
    without = _bag_count([u[2] for u in p], [u[2] for u in g])
    return (
        ComponentScore(_score(with_op, len(p), len(g)), len(p), len(g)),
        ComponentScore(_score(without, len(p), len(g)), len(p), len(g)),
    )


def _group_no_having(pred, label) -> ComponentScore:
    def names(sql):  # the reference compares bare column names here (table dropped)
        return [u[1].split(".")[1] if "." in u[1] else u[1] for u in sql["groupBy"]]

    p, g = names(pred), names(label)
    return ComponentScore(_score(_bag_count(p, g), len(p), len(g)), len(p), len(g))


def _group(pred, label) -> ComponentScore:
    p_total = 1 if pred["groupBy"] else 0
    g_total = 1 if label["groupBy"] else 0
    same = (
        p_total == g_total == 1
        and [u[1] for u in pred["groupBy"]] == [u[1] for u in label["groupBy"]]
        and pred["having"] == label["having"]
    )
    return ComponentScore(_score(int(same), p_total, g_total), p_total, g_total)


def _order(pred, label) -> ComponentScore:
    p_total = 1 if pred["orderBy"] else 0
    g_total = 1 if label["orderBy"] else 0
    same = (
        bool(label["orderBy"])
        and pred["orderBy"] == label["orderBy"]
        and (pred["limit"] is None) == (label["limit"] is None)
    )
    return ComponentScore(_score(int(same), p_total, g_total), p_total, g_total)


def _and_or(pred, label) -> ComponentScore:
    p, g = set(pred["where"][1::2]), set(label["where"][1::2])
    if p == g:
        return ComponentScore(1.0, 1, 1)
    # The reference returns its totals swapped here; kept for identical aggregates.
    return ComponentScore(_score(0, len(g), len(p)), len(g), len(p))


def _iuen(pred, label) -> ComponentScore:
    p_total = g_total = count = 0
    for op in ("intersect", "except", "union"):
        if pred[op] is not None:
            p_total += 1
        if label[op] is not None:
            g_total += 1
        if pred[op] is not None and label[op] is not None:
            count += int(_exact(pred[op], label[op])[0])
    return ComponentScore(_score(count, p_total, g_total), p_total, g_total)


def keywords(sql: dict[str, Any]) -> set[str]:
    """The SQL keywords the ``keywords`` component compares."""
    found: set[str] = set()
    if sql["where"]:
        found.add("where")
    if sql["groupBy"]:
        found.add("group")
    if sql["having"]:
        found.add("having")
    if sql["orderBy"]:
        found.update((sql["orderBy"][0], "order"))
    if sql["limit"] is not None:
        found.add("limit")
    for op in ("except", "union", "intersect"):
        if sql[op] is not None:
            found.add(op)
    connectors = sql["from"]["conds"][1::2] + sql["where"][1::2] + sql["having"][1::2]
    if "or" in connectors:
        found.add("or")
    units = sql["from"]["conds"][::2] + sql["where"][::2] + sql["having"][::2]
    if any(u[0] for u in units):
        found.add("not")
    if any(u[1] == WHERE_OPS.index("in") for u in units):
        found.add("in")
    if any(u[1] == WHERE_OPS.index("like") for u in units):
        found.add("like")
    return found


def _keywords(pred, label) -> ComponentScore:
    p, g = keywords(pred), keywords(label)
    return ComponentScore(_score(len(p & g), len(p), len(g)), len(p), len(g))


def _components(pred, label) -> dict[str, ComponentScore]:
    select, select_no_agg = _select(pred, label)
    where, where_no_op = _where(pred, label)
    return {
        "select": select,
        "select(no AGG)": select_no_agg,
        "where": where,
        "where(no OP)": where_no_op,
        "group(no Having)": _group_no_having(pred, label),
        "group": _group(pred, label),
        "order": _order(pred, label),
        "and/or": _and_or(pred, label),
        "IUEN": _iuen(pred, label),
        "keywords": _keywords(pred, label),
    }


def _table_key(unit: tuple) -> tuple:
    # Sort table units like the reference; query units (dicts) keep their relative order.
    return (unit[0], unit[1] if isinstance(unit[1], str) else "")


def _exact(pred, label) -> tuple[bool, dict[str, ComponentScore]]:
    components = _components(pred, label)
    if any(c.f1 != 1 for c in components.values()):
        return False, components
    label_tables = sorted(label["from"]["table_units"], key=_table_key)
    pred_tables = sorted(pred["from"]["table_units"], key=_table_key)
    if label_tables:
        return label_tables == pred_tables, components
    return True, components


# ---------------------------------------------------------------------------- public API
def parse_for_match(sql: str, schema: Schema | None) -> dict[str, Any]:
    """Parse ``sql`` (after the reference's ``" value "`` clean-up) into Spider's form.

    Raises:
        SpiderParseError: outside the reference parser's language or unknown names.
    """
    return parse_sql(sql.replace(" value ", " 1 "), schema.tables if schema is not None else None)


def exact_match(pred_sql: str, gold_sql: str, schema: Schema, *, foreign_keys: Schema | None = None) -> MatchResult:
    """Spider exact-set match of a prediction against its gold query.

    Args:
        pred_sql: model-written SQL.
        gold_sql: the reference SQL.
        schema: the database schema used to resolve columns (the reference reads it from the
            SQLite file).
        foreign_keys: schema whose foreign keys and column order define the key groups (the
            reference takes them from tables.json); defaults to ``schema``.

    Returns:
        A :class:`MatchResult`; an unparsable prediction gives ``match=False`` with ``error``.

    Raises:
        GoldParseError: the gold query cannot be parsed (an error in the data).
    """
    try:
        gold = parse_for_match(gold_sql, schema)
    except SpiderParseError as exc:
        raise GoldParseError(gold_sql, str(exc)) from None
    error = None
    try:
        pred = parse_for_match(pred_sql or "", schema)
    except SpiderParseError as exc:
        pred, error = empty_sql(), f"unparsable prediction: {exc}"
    fk_map = (foreign_keys or schema).foreign_key_map()
    gold_n = normalize(gold, schema.tables, fk_map)
    pred_n = normalize(pred, schema.tables, fk_map)
    matched, components = _exact(pred_n, gold_n)
    return MatchResult(
        match=bool(matched) and error is None,
        partial={name: c.f1 for name, c in components.items()},
        error=error,
        components=components,
    )


__all__ = [
    "COMPONENTS",
    "AGG_OPS",
    "ComponentScore",
    "GoldParseError",
    "MatchResult",
    "exact_match",
    "keywords",
    "normalize",
    "parse_for_match",
]
