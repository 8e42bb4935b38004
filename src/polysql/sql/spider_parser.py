"""Parse SQL into Spider's structured form (the form its exact-set-match evaluation compares).

The structured form (tuples and dicts, so that Python equality is the comparison)::

    col_unit   = (agg_id, col_id, is_distinct)        col_id like "__singer.name__" or "__all__"
    val_unit   = (unit_op, col_unit1, col_unit2 | None)
    cond_unit  = (not_op, op_id, val_unit, val1, val2)   val: float | '"str"' | col_unit | sql
    condition  = [cond_unit, "and" | "or", cond_unit, ...]
    table_unit = ("table_unit", "__table__") | ("sql", sql)
    sql = {"select": (is_distinct, [(agg_id, val_unit), ...]),
           "from": {"table_units": [...], "conds": condition},
           "where": condition, "groupBy": [col_unit, ...], "having": condition,
           "orderBy": [] | ("asc" | "desc", [val_unit, ...]), "limit": None | 1,
           "intersect": sql | None, "union": sql | None, "except": sql | None}

The accepted language is deliberately the one of Spider's reference parser (``process_sql.py``),
so that predictions it cannot parse are unparsable here too and per-example labels agree: only
``AS`` aliases (resolved globally, the last one wins), ``JOIN ... ON`` (no LEFT/comma joins), the
aggregates max/min/count/sum/avg, one arithmetic operator per expression, and the operators
``not between = > < >= <= != in like is exists``. Tokenization follows the reference too
(quotes normalised to ``"``, values kept whole, NLTK-style word splitting, lowercasing). The code
is written for this project; the reference only defines the behaviour.
"""

from __future__ import annotations

import re
from typing import Any

CLAUSE_KEYWORDS = ("select", "from", "where", "group", "order", "limit", "intersect", "union", "except")
JOIN_KEYWORDS = ("join", "on", "as")
WHERE_OPS = ("not", "between", "=", ">", "<", ">=", "<=", "!=", "in", "like", "is", "exists")
UNIT_OPS = ("none", "-", "+", "*", "/")
AGG_OPS = ("none", "max", "min", "count", "sum", "avg")
COND_OPS = ("and", "or")
SQL_OPS = ("intersect", "union", "except")
ORDER_OPS = ("desc", "asc")

_STOP = CLAUSE_KEYWORDS + (")", ";")
_AFTER_TABLE = _STOP + JOIN_KEYWORDS


class SpiderParseError(ValueError):
    """The SQL is outside the language of Spider's reference parser (or names unknown columns)."""


#: Longest query text (characters) the parser reads; longer text is refused at once, like the
#: SQL runner's 1 MB statement limit (``SQLITE_LIMIT_SQL_LENGTH`` in :mod:`polysql.sql.executor`).
MAX_SQL_CHARS = 1_000_000


def empty_sql() -> dict[str, Any]:
    """The structured form the reference scores an unparsable prediction as."""
    return {
        "except": None,
        "from": {"conds": [], "table_units": []},
        "groupBy": [],
        "having": [],
        "intersect": None,
        "limit": None,
        "orderBy": [],
        "select": (False, []),
        "union": None,
        "where": [],
    }


# ---------------------------------------------------------------------------- tokenizer
# NLTK's word tokenizer rules that can fire on SQL text once string values are masked.
_WORD_RULES = [
    (re.compile(r"([«“‘„]|[`]+)"), r" \1 "),
    (re.compile(r'([^\.])(\.)([\]\)}>"\'»”’ ]*)\s*$'), r"\1 \2 \3 "),
    (re.compile(r"([:,])([^\d])"), r" \1 \2"),
    (re.compile(r"([:,])$"), r" \1 "),
    (re.compile(r"\.{2,}"), r" \g<0> "),
    (re.compile(r"[;@#$%&]"), r" \g<0> "),
    (re.compile(r"[\u2012-\u2015]"), r" \g<0> "),
    (re.compile(r'([^\.])(\.)([\]\)}>"\']*)\s*$'), r"\1 \2\3 "),
    (re.compile(r"[?!]"), r" \g<0> "),
    (re.compile(r"[*]"), r" \g<0> "),
    (re.compile(r"[\]\[\(\)\{\}\<\>]"), r" \g<0> "),
    (re.compile(r"--"), r" -- "),
    (re.compile(r"([»”’])"), r" \1 "),
]
# Word splits NLTK applies to a few English contractions (they can hit identifiers).
_CONTRACTIONS = [
    re.compile(p, re.IGNORECASE)
    for p in (
        r"\b(can)(not)\b",
        r"\b(d)('ye)\b",
        r"\b(gim)(me)\b",
        r"\b(gon)(na)\b",
        r"\b(got)(ta)\b",
        r"\b(lem)(me)\b",
        r"\b(more)('n)\b",
        r"\b(wan)(na)(?=\s)",
    )
]


def _split_words(text: str) -> list[str]:
    for pattern, replacement in _WORD_RULES:
        text = pattern.sub(replacement, text)
    text = " " + text + " "
    for pattern in _CONTRACTIONS:
        text = pattern.sub(r" \1 \2 ", text)
    return text.split()


def tokenize(sql: str) -> list[str]:
    """Split SQL into the reference parser's tokens.

    String values (single or double quoted; single quotes become double) stay whole tokens with
    their quotes; everything else is lowercased; ``! > <`` followed by ``=`` are joined.

    Raises:
        SpiderParseError: an odd number of quote characters.
    """
    text = str(sql).replace("'", '"')
    quotes = [i for i, ch in enumerate(text) if ch == '"']
    if len(quotes) % 2:
        raise SpiderParseError("unbalanced quotes")
    values: dict[str, str] = {}
    pieces: list[str] = []
    previous = 0
    for k in range(0, len(quotes), 2):  # built in one pass: linear in the length of the text
        start, end = quotes[k], quotes[k + 1]
        key = f"__val_{start}_{end}__"
        values[key] = text[start : end + 1]
        pieces += [text[previous:start], key]
        previous = end + 1
    text = "".join(pieces) + text[previous:]
    tokens = [values.get(word.lower(), word.lower()) for word in _split_words(text)]
    for position in reversed([i for i, tok in enumerate(tokens) if tok == "="]):
        before = tokens[position - 1]
        if before in ("!", ">", "<"):
            tokens[position - 1 : position + 1] = [before + "="]
    return tokens


# ---------------------------------------------------------------------------- parser
_IDENT = re.compile(r"^[a-z_][a-z0-9_$]*$")


class _Parser:
    """Recursive descent over the token list, one method per grammar rule."""

    def __init__(self, tokens: list[str], tables: dict[str, list[str]] | None):
        self.toks = tokens
        self.n = len(tokens)
        self.tables = tables  # None: lenient mode (any identifier is a table or column)
        aliases: dict[str, str] = {}
        for i, tok in enumerate(tokens):
            if tok == "as":
                if i + 1 >= self.n:
                    raise SpiderParseError("'as' at the end of the query")
                aliases[tokens[i + 1]] = tokens[i - 1]
        for table in tables or ():
            if table in aliases:
                raise SpiderParseError(f"alias {table!r} is also a table name")
            aliases[table] = table
        self.aliases = aliases

    # -- helpers
    def tok(self, i: int) -> str:
        if i >= self.n:
            raise SpiderParseError("unexpected end of query")
        return self.toks[i]

    def expect(self, i: int, want: str) -> int:
        if self.tok(i) != want:
            raise SpiderParseError(f"expected {want!r} at token {i}, found {self.toks[i]!r}")
        return i + 1

    def table_of(self, alias: str) -> str:
        if alias in self.aliases:
            return self.aliases[alias]
        if self.tables is None and _IDENT.match(alias):
            return alias
        raise SpiderParseError(f"unknown table or alias {alias!r}")

    def column_id(self, table: str, column: str) -> str:
        if self.tables is not None and column not in self.tables.get(table, ()):
            raise SpiderParseError(f"unknown column {table}.{column}")
        if self.tables is None and not _IDENT.match(column):
            raise SpiderParseError(f"not a column name: {column!r}")
        return f"__{table}.{column}__"

    # -- columns and values
    def col(self, i: int, default_tables: list[str] | None) -> tuple[int, str]:
        tok = self.tok(i)
        if tok == "*":
            return i + 1, "__all__"
        if "." in tok:
            parts = tok.split(".")
            if len(parts) != 2:
                raise SpiderParseError(f"bad column reference {tok!r}")
            return i + 1, self.column_id(self.table_of(parts[0]), parts[1])
        if not default_tables:
            raise SpiderParseError(f"column {tok!r} without FROM tables")
        for alias in default_tables:
            table = self.table_of(alias)
            if self.tables is None or tok in self.tables.get(table, ()):
                return i + 1, self.column_id(table, tok)
        raise SpiderParseError(f"unknown column {tok!r}")

    def col_unit(
        self,
        i: int,
        default_tables: list[str] | None,
    ) -> tuple[int, tuple[int, str, bool]]:
        block = self.tok(i) == "("
        if block:
            i += 1
        distinct = False
        if self.tok(i) in AGG_OPS:
            agg = AGG_OPS.index(self.toks[i])
            i = self.expect(i + 1, "(")
            if self.tok(i) == "distinct":
                i, distinct = i + 1, True
            i, column = self.col(i, default_tables)
            i = self.expect(i, ")")
            return i, (agg, column, distinct)  # the reference leaves a block's ')' here
        if self.toks[i] == "distinct":
            i, distinct = i + 1, True
        i, column = self.col(i, default_tables)
        if block:
            i = self.expect(i, ")")
        return i, (0, column, distinct)

    def val_unit(self, i: int, default_tables: list[str] | None) -> tuple[int, tuple]:
        block = self.tok(i) == "("
        if block:
            i += 1
        i, first = self.col_unit(i, default_tables)
        op, second = 0, None
        if i < self.n and self.toks[i] in UNIT_OPS:
            op = UNIT_OPS.index(self.toks[i])
            i, second = self.col_unit(i + 1, default_tables)
        if block:
            i = self.expect(i, ")")
        return i, (op, first, second)

    def value(self, i: int, default_tables: list[str] | None) -> tuple[int, Any]:
        start = i
        block = self.tok(i) == "("
        if block:
            i += 1
        tok = self.tok(i)
        val: Any  # a nested query, a string, a number or a column unit, as the reference parses it
        if tok == "select":
            i, val = self.sql(i)
        elif '"' in tok:
            val, i = tok, i + 1
        else:
            try:
                val, i = float(tok), i + 1
            except ValueError:
                end = i
                while (
                    end < self.n
                    and self.toks[end] not in (",", ")", "and")
                    and self.toks[end] not in CLAUSE_KEYWORDS
                    and self.toks[end] not in JOIN_KEYWORDS
                ):
                    end += 1
                # The reference parses the span from the value's first token (a '(' included).
                sub = _Parser.__new__(_Parser)
                sub.__dict__.update(self.__dict__, toks=self.toks[start:end], n=end - start)
                _, val = sub.col_unit(0, default_tables)
                i = end
        if block:
            i = self.expect(i, ")")
        return i, val

    def condition(self, i: int, default_tables: list[str] | None) -> tuple[int, list]:
        conds: list[Any] = []
        while i < self.n:
            i, unit = self.val_unit(i, default_tables)
            negated = False
            if self.tok(i) == "not":
                i, negated = i + 1, True
            if self.tok(i) not in WHERE_OPS:
                raise SpiderParseError(f"expected a comparison at {self.toks[i]!r}")
            op = WHERE_OPS.index(self.toks[i])
            i += 1
            if op == WHERE_OPS.index("between"):
                i, val1 = self.value(i, default_tables)
                i = self.expect(i, "and")
                i, val2 = self.value(i, default_tables)
            else:
                i, val1 = self.value(i, default_tables)
                val2 = None
            conds.append((negated, op, unit, val1, val2))
            if i < self.n and (self.toks[i] in _STOP or self.toks[i] in JOIN_KEYWORDS):
                break
            if i < self.n and self.toks[i] in COND_OPS:
                conds.append(self.toks[i])
                i += 1
        return i, conds

    # -- clauses
    def select(self, i: int, default_tables: list[str]) -> tuple[int, tuple]:
        i = self.expect(i, "select")
        distinct = False
        if i < self.n and self.toks[i] == "distinct":
            i, distinct = i + 1, True
        items = []
        while i < self.n and self.toks[i] not in CLAUSE_KEYWORDS:
            agg = 0
            if self.toks[i] in AGG_OPS:
                agg = AGG_OPS.index(self.toks[i])
                i += 1
            i, unit = self.val_unit(i, default_tables)
            items.append((agg, unit))
            if i < self.n and self.toks[i] == ",":
                i += 1
        return i, (distinct, items)

    def table_unit(self, i: int) -> tuple[int, str, str]:
        table = self.table_of(self.tok(i))
        if self.tables is not None and table not in self.tables:
            raise SpiderParseError(f"unknown table {table!r}")
        if self.tables is None and i + 1 < self.n and self.toks[i + 1] not in _AFTER_TABLE:
            # lenient mode: refuse what would make implicit aliases or LEFT/comma joins tables
            raise SpiderParseError(f"unexpected {self.toks[i + 1]!r} after table {table!r}")
        i = i + 3 if i + 1 < self.n and self.toks[i + 1] == "as" else i + 1
        return i, f"__{table}__", table

    def from_(self, start: int) -> tuple[int, list, list, list[str]]:
        if "from" not in self.toks[start:]:
            raise SpiderParseError("no FROM clause")
        i = self.toks.index("from", start) + 1
        default_tables: list[str] = []
        units: list[tuple] = []
        conds: list[Any] = []
        while i < self.n:
            block = self.tok(i) == "("
            if block:
                i += 1
            if self.tok(i) == "select":
                i, sub = self.sql(i)
                units.append(("sql", sub))
            else:
                if self.toks[i] == "join":
                    i += 1
                i, unit, table = self.table_unit(i)
                units.append(("table_unit", unit))
                default_tables.append(table)
            if i < self.n and self.toks[i] == "on":
                i, more = self.condition(i + 1, default_tables)
                if conds:
                    conds.append("and")
                conds.extend(more)
            if block:
                i = self.expect(i, ")")
            if i < self.n and self.toks[i] in _STOP:
                break
        return i, units, conds, default_tables

    def where_like(self, i: int, keyword: str, default_tables: list[str]) -> tuple[int, list]:
        if i >= self.n or self.toks[i] != keyword:
            return i, []
        return self.condition(i + 1, default_tables)

    def group_by(self, i: int, default_tables: list[str]) -> tuple[int, list]:
        units: list[tuple] = []
        if i >= self.n or self.toks[i] != "group":
            return i, units
        i = self.expect(i + 1, "by")
        while i < self.n and self.toks[i] not in _STOP:
            i, unit = self.col_unit(i, default_tables)
            units.append(unit)
            if i < self.n and self.toks[i] == ",":
                i += 1
            else:
                break
        return i, units

    def order_by(self, i: int, default_tables: list[str]) -> tuple[int, Any]:
        if i >= self.n or self.toks[i] != "order":
            return i, []
        i = self.expect(i + 1, "by")
        units: list[tuple] = []
        direction = "asc"
        while i < self.n and self.toks[i] not in _STOP:
            i, unit = self.val_unit(i, default_tables)
            units.append(unit)
            if i < self.n and self.toks[i] in ORDER_OPS:
                direction = self.toks[i]
                i += 1
            if i < self.n and self.toks[i] == ",":
                i += 1
            else:
                break
        return i, (direction, units)

    def sql(self, i: int) -> tuple[int, dict[str, Any]]:
        start = i
        block = self.tok(i) == "("
        if block:
            i += 1
        from_end, units, conds, default_tables = self.from_(start)
        _, select = self.select(i, default_tables)
        out: dict[str, Any] = {"from": {"table_units": units, "conds": conds}, "select": select}
        i = from_end
        i, out["where"] = self.where_like(i, "where", default_tables)
        i, out["groupBy"] = self.group_by(i, default_tables)
        i, out["having"] = self.where_like(i, "having", default_tables)
        i, out["orderBy"] = self.order_by(i, default_tables)
        out["limit"] = None
        if i < self.n and self.toks[i] == "limit":
            i += 2
            out["limit"] = 1  # the reference keeps only the presence of LIMIT
        i = self._skip_semicolons(i)
        if block:
            i = self.expect(i, ")")
        i = self._skip_semicolons(i)
        for op in SQL_OPS:
            out[op] = None
        if i < self.n and self.toks[i] in SQL_OPS:
            op = self.toks[i]
            i, out[op] = self.sql(i + 1)
        return i, out

    def _skip_semicolons(self, i: int) -> int:
        while i < self.n and self.toks[i] == ";":
            i += 1
        return i


def parse_sql(sql: str, tables: dict[str, list[str]] | None) -> dict[str, Any]:
    """Parse ``sql`` into Spider's structured form.

    Args:
        sql: the query.
        tables: lowercased table -> columns used to resolve columns (``None``: lenient mode,
            any identifier is accepted; the column ids are then only structural).

    Raises:
        SpiderParseError: the query is outside the reference parser's language, or longer than
            :data:`MAX_SQL_CHARS`.
    """
    if isinstance(sql, str) and len(sql) > MAX_SQL_CHARS:
        raise SpiderParseError(f"query too long ({len(sql):,} characters; the limit is {MAX_SQL_CHARS:,})")
    try:
        tokens = tokenize(sql)
        if not tokens:
            raise SpiderParseError("empty query")
        return _Parser(tokens, tables).sql(0)[1]
    except SpiderParseError:
        raise
    except (ValueError, IndexError, KeyError, RecursionError) as exc:
        raise SpiderParseError(f"{type(exc).__name__}: {exc}") from None
