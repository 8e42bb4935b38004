"""Test-suite variants of the mini benchmark's databases (distilled-test-suite style).

Command (part of the benchmark build; ``--variants 0`` skips them)::

    python -m polysql.data.mini --out resources/mini --variants 3

For every database ``database/<db_id>/<db_id>.sqlite`` the builder writes ``k`` variants beside it,
``database/<db_id>/<db_id>_ts<i>.sqlite`` (i = 1..k), all with the same schema. Variant 1 keeps the
original rows (so every value a question names is still there) and variants 2..k hold rows drawn by
the domain's own ``populate`` with another seed (``"<seed>:<db_id>:ts<i>:<attempt>"``); then every
variant gets four targeted perturbations, seeded and schema-driven (no domain needs to know about them):

* **near-duplicates** (a missing condition becomes visible): for every table with one integer primary
  key, about 8% of its rows are copied under a new key with one categorical text column switched to
  another value of that column; the other text and foreign-key columns are kept, numeric columns get
  fresh values and dates move by a few days (so no copy creates a tie). A query that drops the
  condition on the switched column returns the copy too.
* **ties**: in numeric columns that no gold ``ORDER BY`` of the database names, one row gets the
  column's maximum and one its minimum, so ``ORDER BY x DESC LIMIT 1`` and ``x = (SELECT max(x) ...)``
  disagree.
* **boundaries**: for every numeric literal a gold query compares a column with (``price > 20``),
  rows of every table with a numeric column of that name get the values literal - 1, literal and
  literal + 1, so ``>`` against ``>=`` or an off-by-one threshold shows.
* **NULLs**: in nullable, non-key columns, about 15% of the values become NULL.

Every gold query of the database (train and dev, every language share the same SQL) must execute on
every variant, or the build fails naming the query. A variant on which a gold query with an ORDER BY
is *tie-ambiguous* (its result changes when the tied rows are ordered the other way, checked by
appending the result columns to the ORDER BY ascending and descending) is drawn again with the next
attempt seed, so test-suite EX does not depend on SQLite's order of tied rows more than EX does
(gold queries already ambiguous on the original database are tolerated and listed). Gold queries whose result
is empty on most variants are flagged (they test little there) and counted. What was built is written
to ``test_suite.json`` next to ``tables.json``.

Evaluators find the variants as the reference test-suite evaluator does: every ``.sqlite`` file in
the database's folder other than ``<db_id>.sqlite`` itself. Nothing else reads them: the data stage,
prompts and schemas open ``database/<db_id>/<db_id>.sqlite`` only.
"""

from __future__ import annotations

import random
import re
import sqlite3
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Any, Sequence

from polysql.data.mini.checks import check_database
from polysql.data.mini.template import Domain
from polysql.io import connect_readonly

DEFAULT_VARIANTS = 4
MAX_ATTEMPTS = 12  # seeds tried per variant before the build gives up on tie-free golds
NEAR_DUPLICATE_SHARE = 0.08
NULL_SHARE = 0.15
PERTURBATIONS = ("near_duplicates", "ties", "boundaries", "nulls")
VARIANT_NAME = re.compile(r"^(?P<db_id>.+)_ts(?P<index>\d+)\.sqlite$")
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_QUOTED = re.compile(r"""'(?:[^']|'')*'|"(?:[^"]|"")*\"""")
_COMPARISON = re.compile(r"([a-z_][a-z0-9_]*)\s*(?:<=|>=|!=|<>|<|>|=)\s*(-?\d+(?:\.\d+)?)(?![\w.])")


def variant_path(db_dir: Path, db_id: str, index: int) -> Path:
    """``db_dir/<db_id>_ts<index>.sqlite``."""
    return Path(db_dir) / f"{db_id}_ts{index}.sqlite"


@dataclass
class VariantReport:
    """What was built for one database."""

    db_id: str
    variants: list[str] = field(default_factory=list)
    attempts: list[int] = field(default_factory=list)
    empty_on_most: list[str] = field(default_factory=list)
    ambiguous_on_original: list[str] = field(default_factory=list)
    n_gold: int = 0

    def as_json(self) -> dict[str, Any]:
        return {
            "variants": self.variants,
            "attempts": self.attempts,
            "n_gold": self.n_gold,
            "empty_on_most": self.empty_on_most,
            "ambiguous_on_original": self.ambiguous_on_original,
        }


# --------------------------------------------------------------------------------- schema facts
@dataclass
class _Column:
    name: str
    declared: str
    notnull: bool
    pk: bool
    fk: bool

    @property
    def numeric(self) -> bool:
        upper = self.declared.upper()
        return any(key in upper for key in ("INT", "REAL", "FLOA", "DOUB", "NUM", "DEC"))


def _columns(conn: sqlite3.Connection, table: str) -> list[_Column]:
    fks = {row[3] for row in conn.execute(f'PRAGMA foreign_key_list("{table}")')}
    return [
        _Column(name, declared or "", bool(notnull), bool(pk), name in fks)
        for _cid, name, declared, notnull, _default, pk in conn.execute(f'PRAGMA table_info("{table}")')
    ]


def _tables(conn: sqlite3.Connection) -> list[str]:
    return [
        name
        for (name,) in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY rowid"
        )
    ]


def order_by_words(queries: Sequence[str]) -> set[str]:
    """Lower-case identifiers named in any ORDER BY clause of ``queries`` (conservative, by name)."""
    words: set[str] = set()
    for query in queries:
        text = _QUOTED.sub("''", query).lower()
        for match in re.finditer(r"\border\s+by\b", text):
            depth, end = 0, len(text)
            for token in re.finditer(r"[()]|\blimit\b", text[match.end() :]):
                depth += {"(": 1, ")": -1}.get(token.group(0), 0)
                if depth < 0 or (depth == 0 and token.group(0) == "limit"):
                    end = match.end() + token.start()
                    break
            words.update(re.findall(r"[a-z_][a-z0-9_]*", text[match.end() : end]))
    return words


def literal_boundaries(queries: Sequence[str]) -> dict[str, set[float]]:
    """Lower-case column name -> the numeric literals gold queries compare it with."""
    found: dict[str, set[float]] = {}
    for query in queries:
        for column, literal in _COMPARISON.findall(_QUOTED.sub("''", query).lower()):
            found.setdefault(column, set()).add(float(literal))
    return found


# --------------------------------------------------------------------------------- perturbations
def _fresh_number(value: Any, used: set[Any], rng: random.Random, integer: bool) -> Any:
    for _ in range(50):
        delta = rng.uniform(0.03, 0.25) * (abs(value) or 10) * rng.choice((-1, 1))
        candidate = int(round(value + delta)) if integer else round(value + delta, 2)
        if integer and candidate < 0 <= value:
            candidate = value + rng.randint(1, 9)
        if candidate not in used and candidate != value:
            return candidate
    return value


def _near_duplicates(conn: sqlite3.Connection, rng: random.Random) -> None:
    for table in _tables(conn):
        columns = _columns(conn, table)
        pks = [c for c in columns if c.pk]
        if len(pks) != 1 or not pks[0].numeric:
            continue
        names = [c.name for c in columns]
        rows = conn.execute(f'SELECT * FROM "{table}" ORDER BY 1').fetchall()
        distinct = {c.name: sorted({r[i] for r in rows if r[i] is not None}, key=str) for i, c in enumerate(columns)}
        categorical = [
            i
            for i, c in enumerate(columns)
            if not (c.pk or c.fk or c.numeric)
            and 2 <= len(distinct[c.name]) <= max(2, len(rows) // 3)
            and not any(isinstance(v, str) and _DATE.match(v) for v in distinct[c.name])
        ]
        if not categorical:
            continue
        next_key = max(r[names.index(pks[0].name)] for r in rows) + 1
        for source in rng.sample(rows, max(1, round(NEAR_DUPLICATE_SHARE * len(rows)))):
            copy = list(source)
            switched = rng.choice(categorical)
            others = [v for v in distinct[names[switched]] if v != source[switched]]
            copy[switched] = rng.choice(others)
            for i, column in enumerate(columns):
                value = source[i]
                if column.pk:
                    copy[i] = next_key
                elif value is None or column.fk or i == switched:
                    continue
                elif column.numeric and isinstance(value, (int, float)):
                    used = set(distinct[column.name])
                    copy[i] = _fresh_number(value, used, rng, isinstance(value, int))
                    distinct[column.name].append(copy[i])
                elif isinstance(value, str) and _DATE.match(value):
                    shifted = (date.fromisoformat(value) + timedelta(days=rng.randint(1, 20))).isoformat()
                    copy[i] = shifted
            try:
                conn.execute(f'INSERT INTO "{table}" VALUES ({", ".join("?" * len(copy))})', copy)
                next_key += 1
            except sqlite3.IntegrityError:  # a UNIQUE or CHECK constraint: skip this copy
                continue


def _ties(conn: sqlite3.Connection, rng: random.Random, protected: set[str]) -> None:
    for table in _tables(conn):
        for column in _columns(conn, table):
            if column.pk or column.fk or not column.numeric or column.name.lower() in protected:
                continue
            quoted = f'"{column.name}"'
            rowids = [
                r for (r,) in conn.execute(f'SELECT rowid FROM "{table}" WHERE {quoted} IS NOT NULL ORDER BY rowid')
            ]
            if len(rowids) < 4:
                continue
            high, low = conn.execute(f'SELECT max({quoted}), min({quoted}) FROM "{table}"').fetchone()
            top, bottom = rng.sample(rowids, 2)
            conn.execute(f'UPDATE "{table}" SET {quoted} = ? WHERE rowid = ?', (high, top))
            conn.execute(f'UPDATE "{table}" SET {quoted} = ? WHERE rowid = ?', (low, bottom))


def _boundaries(conn: sqlite3.Connection, rng: random.Random, literals: dict[str, set[float]]) -> None:
    for table in _tables(conn):
        for column in _columns(conn, table):
            if column.pk or column.fk or not column.numeric or column.name.lower() not in literals:
                continue
            integer = "INT" in column.declared.upper()
            rowids = [r for (r,) in conn.execute(f'SELECT rowid FROM "{table}" ORDER BY rowid')]
            for literal in sorted(literals[column.name.lower()]):
                values = [literal - 1, literal, literal + 1]
                for rowid, value in zip(rng.sample(rowids, min(len(values), len(rowids))), values):
                    value = int(value) if integer and float(value).is_integer() else value
                    conn.execute(f'UPDATE "{table}" SET "{column.name}" = ? WHERE rowid = ?', (value, rowid))


def _nulls(conn: sqlite3.Connection, rng: random.Random) -> None:
    for table in _tables(conn):
        for column in _columns(conn, table):
            if column.pk or column.fk or column.notnull:
                continue
            rowids = [r for (r,) in conn.execute(f'SELECT rowid FROM "{table}" ORDER BY rowid')]
            for rowid in rng.sample(rowids, round(NULL_SHARE * len(rowids))):
                conn.execute(f'UPDATE "{table}" SET "{column.name}" = NULL WHERE rowid = ?', (rowid,))


# --------------------------------------------------------------------------------- gold checks
def _top_level_order_by(sql: str) -> tuple[int, int] | None:
    """(start of the last top-level ORDER BY, start of its top-level LIMIT or len) or None."""
    masked = _QUOTED.sub(lambda m: "'" + "x" * (len(m.group(0)) - 2) + "'", sql).lower()
    depth, order_at, limit_at = 0, None, None
    for match in re.finditer(r"[()]|\border\s+by\b|\blimit\b", masked):
        token = match.group(0)
        if token == "(":
            depth += 1
        elif token == ")":
            depth -= 1
        elif depth == 0 and token.startswith("order"):
            order_at, limit_at = match.start(), None
        elif depth == 0 and token == "limit" and order_at is not None:
            limit_at = match.start()
    if order_at is None:
        return None
    return order_at, limit_at if limit_at is not None else len(sql.rstrip().rstrip(";").rstrip())


def tie_ambiguous(conn: sqlite3.Connection, sql: str) -> bool:
    """Whether the gold's ordered (or LIMITed) result depends on how SQLite orders tied rows."""
    sql = sql.strip().rstrip(";").strip()
    span = _top_level_order_by(sql)
    if span is None:
        return False
    rows = conn.execute(sql).fetchall()
    if not rows:
        return False
    width = len(rows[0])
    _, cut = span
    results = []
    for direction in ("ASC", "DESC"):
        breakers = ", ".join(f"{i} {direction}" for i in range(1, width + 1))
        results.append(conn.execute(f"{sql[:cut].rstrip()}, {breakers} {sql[cut:]}").fetchall())
    return results[0] != results[1]


def _check_golds(
    conn: sqlite3.Connection, db_id: str, where: str, queries: Sequence[str]
) -> tuple[list[str], set[str]]:
    """(ambiguous gold queries, golds with an empty result); raises when a gold fails."""
    ambiguous, empty = [], set()
    for query in queries:
        try:
            if not conn.execute(query).fetchmany(1):
                empty.add(query)
            elif tie_ambiguous(conn, query):
                ambiguous.append(query)
        except sqlite3.Error as exc:
            raise ValueError(f"domain {db_id}: gold query fails on {where} ({exc}): {query}") from None
    return ambiguous, empty


# --------------------------------------------------------------------------------- the build
def _create_variant(
    domain: Domain, path: Path, data_seed: str, seed: str, protected: set[str], literals: dict[str, set[float]]
) -> None:
    path.unlink(missing_ok=True)
    conn = sqlite3.connect(path)
    try:
        conn.executescript(domain.schema_sql)
        domain.populate(conn, random.Random(data_seed))
        perturb = random.Random(f"{seed}:perturb")
        _near_duplicates(conn, perturb)
        _ties(conn, perturb, protected)
        _boundaries(conn, perturb, literals)
        _nulls(conn, perturb)
        conn.commit()
        check_database(conn, domain.db_id)
        conn.execute("VACUUM")
    finally:
        conn.close()


def build_variants(domain: Domain, db_dir: Path, queries: Sequence[str], *, k: int, seed: int = 0) -> VariantReport:
    """Write ``k`` variants of ``domain`` into ``db_dir`` (see the module docstring).

    Args:
        domain: the domain (its schema and ``populate``).
        db_dir: ``database/<db_id>/`` (holds the original; stale ``<db_id>_ts<i>.sqlite`` beyond
            ``k`` are removed, other files are left alone).
        queries: every gold query of the database (deduplicated here).
        k: how many variants (0: none, and stale ones are removed).
        seed: the benchmark seed.

    Raises:
        ValueError: a gold query fails on a variant, or no attempt gives tie-free golds.
    """
    db_dir = Path(db_dir)
    queries = sorted(set(queries))
    report = VariantReport(domain.db_id, n_gold=len(queries))
    for stale in sorted(db_dir.glob(f"{domain.db_id}_ts*.sqlite")):
        match = VARIANT_NAME.match(stale.name)
        if match and match.group("db_id") == domain.db_id and int(match.group("index")) > k:
            stale.unlink()
    protected = order_by_words(queries)
    literals = literal_boundaries(queries)
    original = connect_readonly(db_dir / f"{domain.db_id}.sqlite")
    try:  # already tie-ambiguous on the original (EX has the same problem): tolerated, listed
        known, _ = _check_golds(original, domain.db_id, "the original", queries)
    finally:
        original.close()
    report.ambiguous_on_original = sorted(known)
    empty_count: Counter[str] = Counter()
    for index in range(1, k + 1):
        path = variant_path(db_dir, domain.db_id, index)
        failures = []
        for attempt in range(MAX_ATTEMPTS):
            variant_seed = f"{seed}:{domain.db_id}:ts{index}:{attempt}"
            # variant 1: the original rows (the builder's own data seed), perturbed
            data_seed = f"{seed}:{domain.db_id}" if index == 1 else variant_seed
            _create_variant(domain, path, data_seed, variant_seed, protected, literals)
            conn = connect_readonly(path)
            try:
                ambiguous, empty = _check_golds(conn, domain.db_id, path.name, queries)
            finally:
                conn.close()
            ambiguous = [q for q in ambiguous if q not in known]
            if not ambiguous:
                break
            failures.append(ambiguous[0])
        else:
            path.unlink(missing_ok=True)
            raise ValueError(
                f"domain {domain.db_id}: variant {index}: every one of {MAX_ATTEMPTS} attempts "
                f"leaves a gold query tie-ambiguous, e.g. {failures[-1]}"
            )
        empty_count.update(empty)
        report.variants.append(path.name)
        report.attempts.append(attempt + 1)
    report.empty_on_most = sorted(q for q, n in empty_count.items() if n > k / 2)
    return report
