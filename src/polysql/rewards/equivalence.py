"""Meaning-preserving rewrites of a SQL query, and the execution check that keeps only true equivalents.

The reward-validity audit (:mod:`polysql.rewards.audit`) and the encoder's SQL-to-SQL training pairs
(:mod:`polysql.encoder.pairs`) need *correct but differently written* SQL: a query whose text
differs from the gold's while its meaning does not. Re-printing the gold (sqlglot's layout, keyword
case, renamed table aliases) is not that: a reprint scores about 1.0 against the gold by construction,
so :func:`canonical` identifies reprints and they are never counted as equivalents.

Transformations (:data:`TRANSFORMS`), each applied to the first place it fits:

* ``commute_and``: ``a AND b`` -> ``b AND a`` (also OR);
* ``commute_comparison``: ``col = 'x'`` -> ``'x' = col``, ``a > 3`` -> ``3 < a`` (also join conditions);
* ``reorder_select``: the SELECT list reversed (execution accuracy compares columns as a set);
  refused when ORDER BY or GROUP BY use column positions;
* ``reorder_in``: ``x IN (a, b)`` -> ``x IN (b, a)``;
* ``between_range``: ``x BETWEEN a AND b`` <-> ``x >= a AND x <= b``;
* ``or_to_in``: ``x = a OR x = b`` -> ``x IN (a, b)``; ``x IN (a)`` -> ``x = a``;
* ``negate_comparison``: ``a > b`` -> ``NOT a <= b`` (``NULL`` filters the same either way);
* ``count_pk``: ``COUNT(*)`` -> ``COUNT(<primary key>)`` (a NOT NULL primary key of the single table read);
* ``commute_join``: ``A JOIN B ON c`` -> ``B JOIN A ON c`` (inner joins of two tables);
* ``join_to_in``: ``SELECT cols of A FROM A JOIN B ON A.x = B.y WHERE <on B only>`` -> ``... FROM A WHERE
  A.x IN (SELECT B.y FROM B WHERE ...)`` (only without aggregates, GROUP BY, ORDER BY, LIMIT or DISTINCT,
  where a join could repeat rows: the execution check drops the cases where it does);
* ``wrap_cte``: ``WITH q AS (<query>) SELECT * FROM q``.

A rewrite is only a *candidate*: :func:`verify` runs it against the gold on the database and on every
test-suite variant (the other ``.sqlite`` files of its folder). Verdicts (:class:`Verdict`):
``equivalent`` (equal everywhere), ``not_equivalent`` (differs somewhere: the transform is not safe for
this query), ``not_comparable`` (the gold itself fails on a variant: never counted as correct),
``failed`` (the rewrite does not parse or does not run: dropped and counted).
"""

from __future__ import annotations

import logging
import os
import sqlite3
from dataclasses import dataclass
from typing import Callable, Mapping, Sequence

import sqlglot
from sqlglot import expressions as exp
from sqlglot.errors import SqlglotError

log = logging.getLogger(__name__)

VERDICTS = ("equivalent", "not_equivalent", "not_comparable", "failed", "reprint")


def parse(sql: str):
    """One sqlglot tree (SQLite dialect), or ``None`` when ``sql`` does not parse."""
    try:
        return sqlglot.parse_one(sql, read="sqlite")
    except (SqlglotError, ValueError, RecursionError):
        return None


def render(tree) -> str | None:
    """SQLite text of a tree, or ``None`` when sqlglot cannot print it."""
    try:
        return tree.sql(dialect="sqlite")
    except (SqlglotError, ValueError, RecursionError):
        return None


def rename_aliases(tree, prefix: str):
    """A copy of ``tree`` with its table aliases renamed ``<prefix>1``, ``<prefix>2``... in order of first
    appearance (case-insensitively), in their definitions and in the columns that use them."""
    aliases: dict[str, str] = {}
    for table in tree.find_all(exp.Table):
        if table.alias and table.alias.lower() not in aliases:
            aliases[table.alias.lower()] = f"{prefix}{len(aliases) + 1}"

    def rename(node):
        if isinstance(node, exp.TableAlias) and node.name.lower() in aliases:
            node.set("this", exp.to_identifier(aliases[node.name.lower()]))
        elif isinstance(node, exp.Column) and node.table and node.table.lower() in aliases:
            node.set("table", exp.to_identifier(aliases[node.table.lower()]))
        return node

    return tree.transform(rename, copy=True)


def canonical(sql: str) -> str:
    """The spelling-free form of a query: sqlglot's normalised printing, lower-cased, with table
    aliases renamed in order of appearance (``t1``, ``t2``...). Two queries with the same canonical
    form are reprints of each other. Unparsable SQL: its lower-cased, whitespace-collapsed text."""
    tree = parse(sql)
    if tree is None:
        return " ".join(sql.lower().split())
    try:
        text = rename_aliases(tree, "t").sql(dialect="sqlite", normalize=True)
    except (SqlglotError, ValueError, RecursionError):
        return " ".join(sql.lower().split())
    return " ".join(text.lower().split())


# ------------------------------------------------------------------------------------ transforms
def _first(tree, kinds, where: Callable = lambda node: True):
    for node in tree.find_all(kinds):
        if where(node):
            return node
    return None


def commute_and(tree, facts=None) -> bool:
    """Swap the operands of the first AND/OR."""
    node = _first(tree, (exp.And, exp.Or))
    if node is None:
        return False
    left, right = node.this, node.expression
    node.set("this", right.copy())
    node.set("expression", left.copy())
    return True


_MIRROR = {exp.EQ: exp.EQ, exp.NEQ: exp.NEQ, exp.GT: exp.LT, exp.LT: exp.GT, exp.GTE: exp.LTE, exp.LTE: exp.GTE}


def commute_comparison(tree, facts=None) -> bool:
    """``a op b`` -> ``b op' a`` for the first comparison (``=``, ``!=``, ``<``, ``>``, ``<=``, ``>=``)."""
    node = _first(tree, tuple(_MIRROR))
    if node is None:
        return False
    node.replace(_MIRROR[type(node)](this=node.expression.copy(), expression=node.this.copy()))
    return True


_NEGATION = {exp.GT: exp.LTE, exp.LT: exp.GTE, exp.GTE: exp.LT, exp.LTE: exp.GT}


def negate_comparison(tree, facts=None) -> bool:
    """``a > b`` -> ``NOT a <= b`` for the first ordering comparison."""
    node = _first(tree, tuple(_NEGATION))
    if node is None:
        return False
    node.replace(
        exp.Not(this=exp.Paren(this=_NEGATION[type(node)](this=node.this.copy(), expression=node.expression.copy())))
    )
    return True


def _positional(select) -> bool:
    for key in ("order", "group"):
        clause = select.args.get(key)
        if clause is not None and any(
            isinstance(e, exp.Literal) or isinstance(getattr(e, "this", None), exp.Literal) for e in clause.expressions
        ):
            return True
    return False


def reorder_select(tree, facts=None) -> bool:
    """Reverse the outermost SELECT list (at least two items, no positional ORDER/GROUP BY)."""
    select = tree if isinstance(tree, exp.Select) else None
    if select is None or len(select.expressions) < 2 or _positional(select):
        return False
    if any(isinstance(e, exp.Star) for e in select.expressions):
        return False
    select.set("expressions", [e.copy() for e in reversed(select.expressions)])
    return True


def reorder_in(tree, facts=None) -> bool:
    """Reverse the value list of the first ``IN (...)`` with at least two values."""
    node = _first(tree, exp.In, lambda n: len(n.expressions) >= 2)
    if node is None:
        return False
    node.set("expressions", [e.copy() for e in reversed(node.expressions)])
    return True


def _range_pair(node):
    """``(column, low, high)`` when ``node`` is ``x >= a AND x <= b`` (either order), else None."""
    if not isinstance(node, exp.And):
        return None
    left, right = node.this, node.expression
    if isinstance(left, exp.LTE) and isinstance(right, exp.GTE):
        left, right = right, left
    if isinstance(left, exp.GTE) and isinstance(right, exp.LTE) and left.this == right.this:
        return left.this, left.expression, right.expression
    return None


def between_range(tree, facts=None) -> bool:
    """``x BETWEEN a AND b`` -> ``(x >= a AND x <= b)``, or the reverse."""
    node = _first(tree, exp.Between)
    if node is not None:
        column = node.this
        node.replace(
            exp.Paren(
                this=exp.And(
                    this=exp.GTE(this=column.copy(), expression=node.args["low"].copy()),
                    expression=exp.LTE(this=column.copy(), expression=node.args["high"].copy()),
                )
            )
        )
        return True
    node = _first(tree, exp.And, lambda n: _range_pair(n) is not None)
    if node is None:
        return False
    column, low, high = _range_pair(node)
    node.replace(exp.Between(this=column.copy(), low=low.copy(), high=high.copy()))
    return True


def _or_equalities(node):
    """``(column, [values])`` when ``node`` is ``x = a OR x = b [OR ...]`` on one column, else None."""
    terms, stack = [], [node]
    while stack:
        item = stack.pop()
        if isinstance(item, exp.Paren):
            stack.append(item.this)
        elif isinstance(item, exp.Or):
            stack += [item.expression, item.this]
        else:
            terms.append(item)
    if len(terms) < 2 or not all(isinstance(t, exp.EQ) and isinstance(t.expression, exp.Literal) for t in terms):
        return None
    column = terms[0].this
    if not isinstance(column, exp.Column) or any(t.this != column for t in terms):
        return None
    return column, [t.expression for t in terms]


def or_to_in(tree, facts=None) -> bool:
    """``x = a OR x = b`` -> ``x IN (a, b)``; else ``x IN (a)`` -> ``x = a``."""
    node = _first(tree, exp.Or, lambda n: _or_equalities(n) is not None)
    if node is not None:
        column, values = _or_equalities(node)
        target = node.parent if isinstance(node.parent, exp.Paren) else node
        target.replace(exp.In(this=column.copy(), expressions=[v.copy() for v in values]))
        return True
    node = _first(tree, exp.In, lambda n: len(n.expressions) == 1 and not n.args.get("query"))
    if node is None:
        return False
    node.replace(exp.EQ(this=node.this.copy(), expression=node.expressions[0].copy()))
    return True


def count_pk(tree, facts=None) -> bool:
    """``COUNT(*)`` -> ``COUNT(pk)`` in a query reading one table whose single-column primary key is NOT NULL."""
    if facts is None:
        return False
    node = _first(tree, exp.Count, lambda n: isinstance(n.this, exp.Star))
    if node is None:
        return False
    select = node.find_ancestor(exp.Select)
    tables = [t for t in select.find_all(exp.Table) if t.find_ancestor(exp.Select) is select] if select else []
    if len(tables) != 1:
        return False
    pk = facts.get(tables[0].name.lower())
    if not pk:
        return False
    column = exp.column(pk, table=tables[0].alias or None, quoted=False)
    node.set("this", column)
    return True


def _two_table_join(select):
    joins = select.args.get("joins") or []
    source = select.args.get("from") or select.args.get("from_")
    if len(joins) != 1 or source is None or not isinstance(source.this, exp.Table):
        return None
    join = joins[0]
    if join.args.get("kind") or join.side or not isinstance(join.this, exp.Table) or join.args.get("on") is None:
        return None
    return source, join


def commute_join(tree, facts=None) -> bool:
    """``FROM A JOIN B ON c`` -> ``FROM B JOIN A ON c`` (an inner join of exactly two tables)."""
    found = _two_table_join(tree) if isinstance(tree, exp.Select) else None
    if found is None:
        return False
    source, join = found
    left, right = source.this.copy(), join.this.copy()
    source.set("this", right)
    join.set("this", left)
    return True


def join_to_in(tree, facts=None) -> bool:
    """``SELECT <A's columns> FROM A JOIN B ON A.x = B.y [WHERE <B only>]`` -> ``SELECT ... FROM A
    WHERE A.x IN (SELECT B.y FROM B [WHERE ...])`` (see the module doc for when it is tried)."""
    if not isinstance(tree, exp.Select):
        return False
    select, found = tree, _two_table_join(tree)
    if found is None:
        return False
    if any(select.args.get(k) for k in ("group", "order", "limit", "distinct", "having")) or select.find(exp.AggFunc):
        return False
    source, join = found
    a, b = source.this, join.this
    a_name, b_name = (a.alias or a.name).lower(), (b.alias or b.name).lower()
    on = join.args["on"]
    if not isinstance(on, exp.EQ) or not all(isinstance(s, exp.Column) for s in (on.this, on.expression)):
        return False
    sides = {on.this.table.lower(): on.this, on.expression.table.lower(): on.expression}
    if set(sides) != {a_name, b_name}:
        return False
    if any(c.table.lower() != a_name for e in select.expressions for c in e.find_all(exp.Column)):
        return False
    if any(isinstance(e, exp.Star) for e in select.expressions):
        return False
    where = select.args.get("where")
    if where is not None and any(c.table.lower() != b_name for c in where.find_all(exp.Column)):
        return False
    inner = exp.select(sides[b_name].copy()).from_(b.copy())
    if where is not None:
        inner = inner.where(where.this.copy())
    select.set("joins", None)
    select.set("where", exp.Where(this=exp.In(this=sides[a_name].copy(), query=exp.Subquery(this=inner))))
    return True


TRANSFORMS: dict[str, Callable] = {
    "commute_and": commute_and,
    "commute_comparison": commute_comparison,
    "reorder_select": reorder_select,
    "reorder_in": reorder_in,
    "between_range": between_range,
    "or_to_in": or_to_in,
    "negate_comparison": negate_comparison,
    "count_pk": count_pk,
    "commute_join": commute_join,
    "join_to_in": join_to_in,
}
"""Name -> in-place transform ``f(tree, primary_keys) -> applied``; see the module doc."""


def primary_keys(db_path: str | os.PathLike) -> dict[str, str]:
    """Lower-cased table -> its single-column primary key, for tables whose key is declared NOT NULL or
    INTEGER PRIMARY KEY (a rowid alias, never NULL). Read-only; ``{}`` when the file cannot be read."""
    uri = "file:" + os.path.abspath(os.fspath(db_path)) + "?mode=ro"
    try:
        connection = sqlite3.connect(uri, uri=True)
    except sqlite3.Error:
        return {}
    try:
        tables = [row[0] for row in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
        keys = {}
        for table in tables:
            info = connection.execute(f'PRAGMA table_info("{table.replace(chr(34), chr(34) * 2)}")').fetchall()
            pk = [row for row in info if row[5]]
            if len(pk) == 1 and (pk[0][3] or (pk[0][2] or "").upper() == "INTEGER"):
                keys[table.lower()] = pk[0][1]
        return keys
    except sqlite3.Error:
        return {}
    finally:
        connection.close()


def rewrites(
    gold: str, keys: Mapping[str, str] | None = None, *, combined: bool = True, kinds: Sequence[str] | None = None
) -> list[tuple[str, str]]:
    """``(kind, sql)`` rewrites of ``gold``: each transform that applies, the CTE wrap, and (``combined``)
    every applicable transform at once. Reprints of the gold (same :func:`canonical`) and duplicates
    are left out; nothing here is verified yet (see :func:`verify`).

    ``kinds`` restricts the rewrites to these names (of :data:`TRANSFORMS`, ``wrap_cte``, ``combined``;
    the combination then uses the allowed transforms only), e.g. to hold transforms out of training."""
    tree = parse(gold)
    if tree is None:
        return []
    allowed = set(kinds) if kinds is not None else None
    found: list[tuple[str, str]] = []
    applied = []
    for name, transform in TRANSFORMS.items():
        if allowed is not None and name not in allowed:
            continue
        copy = tree.copy()
        try:
            if not transform(copy, keys):
                continue
        except (SqlglotError, ValueError, AttributeError, KeyError, TypeError):
            continue
        text = render(copy)
        if text:
            found.append((name, text))
            applied.append(name)
    if combined and len(applied) > 1 and (allowed is None or "combined" in allowed):
        copy = tree.copy()
        for name in applied:
            try:
                TRANSFORMS[name](copy, keys)
            except (SqlglotError, ValueError, AttributeError, KeyError, TypeError):
                pass
        text = render(copy)
        if text:
            found.append(("combined", text))
    if (
        isinstance(tree, (exp.Select, exp.Union, exp.Intersect, exp.Except))
        and not tree.args.get("with")
        and (allowed is None or "wrap_cte" in allowed)
    ):
        found.append(("wrap_cte", f"WITH q AS ({render(tree)}) SELECT * FROM q"))
    seen, out = {canonical(gold)}, []
    for kind, sql in found:
        form = canonical(sql)
        if form in seen:
            continue
        seen.add(form)
        out.append((kind, sql))
    return out


# ------------------------------------------------------------------------------------ verification
@dataclass
class Verdict:
    """The execution check of one rewrite against its gold."""

    kind: str
    sql: str
    verdict: str
    detail: str = ""


def verify(
    items: Sequence[tuple[str | os.PathLike, str, str, str]], executor, *, variants: dict | None = None
) -> list[Verdict]:
    """Check rewrites against their gold on the database and every test-suite variant.

    Args:
        items: ``(db_path, kind, rewrite_sql, gold_sql)``.
        executor: A :class:`~polysql.sql.executor.SafeExecutor`.
        variants: Cache ``{abspath: variant paths}`` shared between calls.

    Returns:
        One :class:`Verdict` per item, in order. A database without variants is judged on itself only.

    Raises:
        ValueError: a gold query fails on its own database (an error in the data).
    """
    from polysql.sql.exec_eval import execution_match_many, suite_databases, suite_match_many

    cache = variants if variants is not None else {}
    triples = [(os.fspath(db), sql, gold) for db, _, sql, gold in items]
    ex = execution_match_many(executor, triples)
    ts = suite_match_many(executor, triples, ex, variants=cache)
    out = []
    for (db, kind, sql, gold), match, suite in zip(items, ex, ts):
        if match.gold_error:
            raise ValueError(f"gold query fails on {db}: {gold!r}: {match.gold_error}")
        if match.pred_error:
            out.append(Verdict(kind, sql, "failed", match.pred_error))
        elif not match.correct:
            out.append(Verdict(kind, sql, "not_equivalent", "database"))
        else:
            key = os.path.abspath(os.fspath(db))
            has_variants = bool(cache.get(key, suite_databases(key)))
            if suite is None and has_variants:
                out.append(Verdict(kind, sql, "not_comparable", "gold fails on a test-suite variant"))
            elif suite is False:
                out.append(Verdict(kind, sql, "not_equivalent", "test-suite variant"))
            else:
                out.append(Verdict(kind, sql, "equivalent"))
    return out
