"""Spider's hardness levels (easy / medium / hard / extra) of a gold query.

The rules are those of Spider's ``eval_hardness``, computed on the structured form:

* component1 = WHERE + GROUP BY + ORDER BY + LIMIT + (tables in FROM - 1) + ORs + LIKEs
* component2 = nested queries in conditions + INTERSECT/UNION/EXCEPT branches
* others = [aggregates > 1] + [select columns > 1] + [where conditions > 1] + [group columns > 1]

and, as in the reference, the aggregate count also counts negated conditions in WHERE/HAVING and
the AND/OR connectors of HAVING (the reference's ``has_agg`` reads the first field of whatever
unit it is given). Queries outside the reference parser's language fall back to a lenient parse,
then to an approximation from sqlglot's syntax tree, so that every query gets a level.
"""

from __future__ import annotations

from typing import Any

from polysql.sql.schema import Schema
from polysql.sql.spider_parser import WHERE_OPS, SpiderParseError, parse_sql

LEVELS = ("easy", "medium", "hard", "extra")


def _first_is_set(units: list) -> int:
    # Reference quirk: counts any unit whose first field is truthy and not 0 (agg ids, True
    # negations, and the strings 'and'/'or').
    return sum(1 for unit in units if unit[0] != 0)


def component1(sql: dict[str, Any]) -> int:
    """Spider's count_component1 of a parsed query."""
    count = int(bool(sql["where"])) + int(bool(sql["groupBy"])) + int(bool(sql["orderBy"]))
    count += int(sql["limit"] is not None)
    if sql["from"]["table_units"]:
        count += len(sql["from"]["table_units"]) - 1
    connectors = sql["from"]["conds"][1::2] + sql["where"][1::2] + sql["having"][1::2]
    count += sum(1 for c in connectors if c == "or")
    units = sql["from"]["conds"][::2] + sql["where"][::2] + sql["having"][::2]
    count += sum(1 for u in units if u[1] == WHERE_OPS.index("like"))
    return count


def component2(sql: dict[str, Any]) -> int:
    """Spider's count_component2: nested queries in conditions plus set-operation branches."""
    nested = 0
    for unit in sql["from"]["conds"][::2] + sql["where"][::2] + sql["having"][::2]:
        nested += isinstance(unit[3], dict) + isinstance(unit[4], dict)
    return nested + sum(sql[op] is not None for op in ("intersect", "except", "union"))


def others(sql: dict[str, Any]) -> int:
    """Spider's count_others (see the module docstring for the aggregate-count quirk)."""
    aggs = _first_is_set(sql["select"][1]) + _first_is_set(sql["where"][::2])
    aggs += _first_is_set(sql["groupBy"])
    if sql["orderBy"]:
        units = sql["orderBy"][1]
        aggs += _first_is_set([u[1] for u in units if u[1]] + [u[2] for u in units if u[2]])
    aggs += _first_is_set(sql["having"])
    count = int(aggs > 1)
    count += int(len(sql["select"][1]) > 1)
    count += int(len(sql["where"]) > 1)
    count += int(len(sql["groupBy"]) > 1)
    return count


def level_from_counts(comp1: int, comp2: int, other: int) -> str:
    """Spider's decision table from the three counts."""
    if comp1 <= 1 and other == 0 and comp2 == 0:
        return "easy"
    if (other <= 2 and comp1 <= 1 and comp2 == 0) or (comp1 <= 2 and other < 2 and comp2 == 0):
        return "medium"
    if (
        (other > 2 and comp1 <= 2 and comp2 == 0)
        or (2 < comp1 <= 3 and other <= 2 and comp2 == 0)
        or (comp1 <= 1 and other == 0 and comp2 <= 1)
    ):
        return "hard"
    return "extra"


def hardness_of_parsed(sql: dict[str, Any]) -> str:
    """Hardness of a query already in Spider's structured form."""
    return level_from_counts(component1(sql), component2(sql), others(sql))


def spider_hardness(sql: str, schema: Schema | None = None) -> str:
    """Spider hardness of ``sql``: one of ``easy``, ``medium``, ``hard``, ``extra``.

    Args:
        sql: the (gold) query.
        schema: the database schema; only used to resolve names exactly like the reference.
            Levels depend on the query's structure only, so ``None`` gives the same level for
            queries in the reference's language.

    Raises:
        ValueError: the query cannot be parsed at all (not even by sqlglot).
    """
    text = sql.replace(" value ", " 1 ")
    for tables in ((schema.tables,) if schema is not None else ()) + (None,):
        try:
            return hardness_of_parsed(parse_sql(text, tables))
        except SpiderParseError:
            continue
    return _hardness_from_syntax_tree(text)


def _hardness_from_syntax_tree(sql: str) -> str:
    """Approximate the counts from sqlglot's tree for SQL outside the reference grammar."""
    import sqlglot
    from sqlglot import exp

    try:
        tree = sqlglot.parse_one(sql, read="sqlite")
    except sqlglot.errors.ParseError as exc:
        raise ValueError(f"cannot parse SQL to grade its hardness: {exc}") from None
    if tree is None:
        raise ValueError(f"cannot parse SQL to grade its hardness: {sql!r}")
    branches = 0
    while isinstance(tree, exp.SetOperation):
        branches += 1
        tree = tree.left
    if not isinstance(tree, exp.Select):
        raise ValueError(f"not a SELECT query: {sql!r}")

    def own(node: exp.Expression | None, kind: Any) -> list[Any]:
        if node is None:
            return []
        found: list[Any] = [
            n for n in node.find_all(kind) if n.find_ancestor(exp.Select, exp.Subquery) in (tree, None) or n is node
        ]
        return found

    where, having = tree.args.get("where"), tree.args.get("having")
    joins = tree.args.get("joins") or []
    conditions = [c for c in [where, having] + [j.args.get("on") for j in joins] if c is not None]
    comp1 = sum(bool(tree.args.get(k)) for k in ("where", "group", "order", "limit"))
    comp1 += len(joins) + sum(len(own(c, exp.Or)) + len(own(c, exp.Like)) for c in conditions)
    comp2 = branches + sum(1 for c in conditions for s in c.find_all(exp.Select) if s.find_ancestor(exp.Select) is tree)
    aggs = sum(len(own(e, exp.AggFunc)) for e in tree.expressions)
    aggs += sum(len(own(c, exp.Not)) for c in ([where] if where is not None else []))
    group = tree.args.get("group")
    group_cols = len(group.expressions) if group is not None else 0
    if tree.args.get("order") is not None:
        aggs += len(own(tree.args["order"], exp.AggFunc))
    where_conds = 0
    if where is not None:
        where_conds = len(own(where, exp.And)) + len(own(where, exp.Or)) + 1
    other = int(aggs > 1) + int(len(tree.expressions) > 1) + int(where_conds > 1) + int(group_cols > 1)
    return level_from_counts(comp1, comp2, other)


__all__ = ["LEVELS", "component1", "component2", "hardness_of_parsed", "level_from_counts", "others", "spider_hardness"]
