"""Build the bundled multilingual mini benchmark from the domain modules.

Command::

    polysql build-mini --out resources/mini --seed 0
    # or: python -m polysql.data.mini --out resources/mini

Every module in :mod:`polysql.data.mini.domains` defines ``DOMAIN = Domain(...)`` (see
:mod:`polysql.data.mini.template`). For each domain (sorted by module name) the builder creates
``database/<db_id>/<db_id>.sqlite`` from ``schema_sql`` + ``populate`` (seeded per domain, so adding a
domain never changes another), checks the database (3-6 tables, a primary key on every table, at
least one foreign key, referential integrity, >= 20 rows per table), then instantiates every template
with slot values drawn from the built database and one phrasing per language. Every gold query must
execute and return at least one row; a slot combination with an empty result is re-drawn.

The output follows MultiSpider's layout: ``{train,dev}_<lang>.json`` (lists of
``{"db_id", "question", "query"}``, parallel across languages), ``tables.json`` (Spider's schema
format, introspected from the SQLite files) and ``database/<db_id>/<db_id>.sqlite``. The JSON bytes
depend only on the domain modules and the seed.

Beside every database the builder writes ``--variants`` (default 3) test-suite variants,
``database/<db_id>/<db_id>_ts<i>.sqlite``, and ``test_suite.json`` (what was built, gold queries
empty on most variants); see :mod:`polysql.data.mini.variants`.
"""

from __future__ import annotations

import argparse
import importlib
import json
import math
import pkgutil
import random
import re
import sqlite3
import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Sequence

from polysql import LANGUAGES
from polysql.data.mini.template import Domain, check_template
from polysql.data.mini.variants import DEFAULT_VARIANTS, PERTURBATIONS, build_variants
from polysql.io import connect_readonly

SPLITS = ("train", "dev")
MIN_TABLES, MAX_TABLES = 3, 6
MIN_ROWS_PER_TABLE = 20
MIN_PHRASINGS = 2  # per language and template, so questions vary in every language
# How many slot combinations may be tried per wanted instantiation before giving up
# (combinations whose gold query returns no row are re-drawn).
DRAWS_PER_INSTANCE = 20
HARDNESS_LEVELS = ("easy", "medium", "hard", "extra")


@dataclass
class Intent:
    """One instantiated template: a gold query and its question in every language."""

    db_id: str
    query: str
    questions: dict[str, str]


@dataclass
class BuildSummary:
    """What :func:`build` wrote.

    Attributes:
        out_dir: the benchmark directory.
        databases: split -> db_ids (sorted).
        pairs: split -> language -> number of question/SQL pairs.
        hardness: split -> level -> number of intents, or ``None`` when
            ``polysql.sql.hardness`` is not importable.
        hardness_errors: number of gold queries the hardness classifier failed on (counted as "error").
    """

    out_dir: Path
    databases: dict[str, list[str]] = field(default_factory=dict)
    pairs: dict[str, dict[str, int]] = field(default_factory=dict)
    hardness: dict[str, dict[str, int]] | None = None
    hardness_errors: int = 0
    variants: int = 0
    empty_on_most: int = 0

    def format(self) -> str:
        """A human-readable multi-line report."""
        lines = [f"mini benchmark written to {self.out_dir}"]
        for split in SPLITS:
            dbs = self.databases.get(split, [])
            lines.append(f"{split}: {len(dbs)} databases ({', '.join(dbs)})")
            counts = self.pairs.get(split, {})
            lines.append("  pairs: " + ", ".join(f"{lang}={counts.get(lang, 0)}" for lang in LANGUAGES))
            if self.hardness is None:
                lines.append("  hardness: unavailable")
            else:
                levels = self.hardness.get(split, {})
                total = sum(levels.values()) or 1
                shown = [*HARDNESS_LEVELS, *sorted(set(levels) - set(HARDNESS_LEVELS))]
                lines.append(
                    "  hardness: "
                    + ", ".join(f"{h}={levels.get(h, 0)} ({100 * levels.get(h, 0) / total:.1f}%)" for h in shown)
                )
        if self.variants:
            lines.append(f"test suite: {self.variants} variant(s) per database ({', '.join(PERTURBATIONS)}); "
                         f"{self.empty_on_most} gold queries empty on most variants (flagged in test_suite.json)")
        if self.hardness_errors:
            lines.append(f"hardness classifier failed on {self.hardness_errors} queries (counted as 'error')")
        return "\n".join(lines)


# ---------------------------------------------------------------------------------------------
# discovery and static validation


def discover_domains() -> list[Domain]:
    """Import every module of :mod:`polysql.data.mini.domains` (sorted by name) and return its ``DOMAIN``.

    Raises:
        ValueError: a module has no ``DOMAIN`` or its ``db_id`` differs from the module name.
    """
    package = importlib.import_module("polysql.data.mini.domains")
    names = sorted(info.name for info in pkgutil.iter_modules(package.__path__) if not info.name.startswith("_"))
    domains = []
    for name in names:
        module = importlib.import_module(f"{package.__name__}.{name}")
        domain = getattr(module, "DOMAIN", None)
        if not isinstance(domain, Domain):
            raise ValueError(f"{module.__name__}: no module-level DOMAIN = Domain(...)")
        if domain.db_id != name:
            raise ValueError(f"{module.__name__}: DOMAIN.db_id {domain.db_id!r} differs from the module name {name!r}")
        domains.append(domain)
    return domains


def validate_domain(domain: Domain) -> None:
    """Check what can be checked without building the database (raises ValueError naming the domain)."""
    if not re.fullmatch(r"[a-z][a-z0-9_]*", domain.db_id):
        raise ValueError(f"domain {domain.db_id!r}: db_id must be lowercase snake_case")
    if domain.split not in SPLITS:
        raise ValueError(f"domain {domain.db_id}: split {domain.split!r} not in {SPLITS}")
    if not domain.templates:
        raise ValueError(f"domain {domain.db_id}: no templates")
    for index, template in enumerate(domain.templates):
        where = f"domain {domain.db_id} template {index}"
        check_template(template, where)
        if template.n < 1:
            raise ValueError(f"{where}: n must be >= 1, got {template.n}")
        for lang, phrasings in template.questions.items():
            if len(set(phrasings)) != len(phrasings):
                raise ValueError(f"{where} [{lang}]: duplicate phrasings")
            if len(phrasings) < MIN_PHRASINGS:
                raise ValueError(f"{where} [{lang}]: {len(phrasings)} phrasing(s), expected >= {MIN_PHRASINGS}")


# ---------------------------------------------------------------------------------------------
# databases


def create_database(domain: Domain, path: Path, seed: int) -> None:
    """Create ``path`` afresh from the domain's schema and seeded ``populate``, then check it.

    Raises:
        ValueError: the database breaks a benchmark rule (names the domain and the table).
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    path.unlink(missing_ok=True)
    conn = sqlite3.connect(path)
    try:
        conn.executescript(domain.schema_sql)
        domain.populate(conn, random.Random(f"{seed}:{domain.db_id}"))
        conn.commit()
        check_database(conn, domain.db_id)
        conn.execute("VACUUM")
    finally:
        conn.close()


def table_names(conn: sqlite3.Connection) -> list[str]:
    """User tables in creation order."""
    rows = conn.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY rowid"
    ).fetchall()
    return [name for (name,) in rows]


def check_database(conn: sqlite3.Connection, db_id: str) -> None:
    """Raise ValueError unless the database has 3-6 tables, PKs, a FK, integrity and >= 20 rows a table."""
    tables = table_names(conn)
    if not MIN_TABLES <= len(tables) <= MAX_TABLES:
        raise ValueError(f"domain {db_id}: {len(tables)} tables, expected {MIN_TABLES}-{MAX_TABLES}")
    n_foreign_keys = 0
    for table in tables:
        columns = conn.execute(f'PRAGMA table_info("{table}")').fetchall()
        if not any(col[5] for col in columns):
            raise ValueError(f"domain {db_id}: table {table} has no primary key")
        n_foreign_keys += len(conn.execute(f'PRAGMA foreign_key_list("{table}")').fetchall())
        (rows,) = conn.execute(f'SELECT count(*) FROM "{table}"').fetchone()
        if rows < MIN_ROWS_PER_TABLE:
            raise ValueError(f"domain {db_id}: table {table} has {rows} rows, expected >= {MIN_ROWS_PER_TABLE}")
    if n_foreign_keys == 0:
        raise ValueError(f"domain {db_id}: no foreign key")
    broken = conn.execute("PRAGMA foreign_key_check").fetchall()
    if broken:
        table, rowid, parent, _ = broken[0]
        raise ValueError(
            f"domain {db_id}: {len(broken)} rows break a foreign key, e.g. {table} rowid {rowid} -> {parent}"
        )


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


def spider_schema(db_id: str, db_path: Path) -> dict[str, Any]:
    """Introspect a SQLite file into one entry of Spider's ``tables.json``."""
    conn = connect_readonly(db_path)
    try:
        tables = table_names(conn)
        column_names: list[list[Any]] = [[-1, "*"]]
        column_names_original: list[list[Any]] = [[-1, "*"]]
        column_types = ["text"]
        index_of: dict[tuple[str, str], int] = {}
        pk_columns: dict[str, list[str]] = {}
        primary_keys: list[int] = []
        for t_index, table in enumerate(tables):
            info = conn.execute(f'PRAGMA table_info("{table}")').fetchall()
            for _cid, name, declared, _notnull, _default, _pk in info:
                index_of[(table.lower(), name.lower())] = len(column_names)
                column_names.append([t_index, readable(name)])
                column_names_original.append([t_index, name])
                column_types.append(spider_column_type(declared or ""))
            keyed = sorted((col for col in info if col[5]), key=lambda col: col[5])
            pk_columns[table.lower()] = [col[1] for col in keyed]
            primary_keys.extend(index_of[(table.lower(), col[1].lower())] for col in keyed)
        foreign_keys: list[list[int]] = []
        for table in tables:
            for fk in conn.execute(f'PRAGMA foreign_key_list("{table}")').fetchall():
                _id, seq, parent, source, target = fk[:5]
                if target is None:  # REFERENCES parent without a column: the parent's primary key
                    target = pk_columns[parent.lower()][seq]
                foreign_keys.append([index_of[(table.lower(), source.lower())], index_of[(parent.lower(), target.lower())]])
    finally:
        conn.close()
    return {
        "db_id": db_id,
        "table_names": [readable(t) for t in tables],
        "table_names_original": tables,
        "column_names": column_names,
        "column_names_original": column_names_original,
        "column_types": column_types,
        "primary_keys": primary_keys,
        "foreign_keys": foreign_keys,
    }


# ---------------------------------------------------------------------------------------------
# templates


def _sort_key(value: Any) -> tuple[int, Any]:
    return (0, value) if isinstance(value, (int, float)) else (1, str(value))


def slot_values(conn: sqlite3.Connection, query: str, where: str) -> list[str]:
    """Candidate values of one slot: the query's first column, None dropped, deduplicated, sorted."""
    try:
        rows = conn.execute(query).fetchall()
    except sqlite3.Error as exc:
        raise ValueError(f"{where}: slot query failed ({exc}): {query}") from None
    values = sorted({row[0] for row in rows if row[0] is not None}, key=_sort_key)
    texts = []
    for value in values:
        text = repr(value) if isinstance(value, float) else str(value)
        if "'" in text or "{" in text or "}" in text:
            raise ValueError(f"{where}: slot value {text!r} contains a quote or brace; choose other data")
        texts.append(text)
    if not texts:
        raise ValueError(f"{where}: slot query returned no values: {query}")
    return texts


def instantiate(domain: Domain, conn: sqlite3.Connection, seed: int) -> list[Intent]:
    """Instantiate every template of a built domain (see the module docstring).

    Raises:
        ValueError: a gold query fails, or too few slot combinations give a non-empty result
            (names the db_id and the template index).
    """
    intents: list[Intent] = []
    for index, template in enumerate(domain.templates):
        where = f"domain {domain.db_id} template {index}"
        rng = random.Random(f"{seed}:{domain.db_id}:{index}")
        names = sorted(template.slots)
        candidates = [slot_values(conn, template.slots[name], f"{where} slot {name}") for name in names]
        total = math.prod(len(values) for values in candidates)
        if total < template.n:
            raise ValueError(f"{where}: only {total} slot combinations for n={template.n}")
        tries = min(total, template.n * DRAWS_PER_INSTANCE)
        found = 0
        for flat in rng.sample(range(total), tries):
            combo = _unflatten(flat, candidates)
            values = dict(zip(names, combo))
            query = template.sql.format(**values)
            try:
                rows = conn.execute(query).fetchmany(1)
            except sqlite3.Error as exc:
                raise ValueError(f"{where}: gold query fails ({exc}): {query}") from None
            if not rows:
                continue
            questions = {lang: rng.choice(template.questions[lang]).format(**values) for lang in LANGUAGES}
            intents.append(Intent(domain.db_id, query, questions))
            found += 1
            if found == template.n:
                break
        if found < template.n:
            raise ValueError(
                f"{where}: only {found} of {tries} slot combinations give a non-empty result, wanted n={template.n}: "
                f"{template.sql}"
            )
    return intents


def _unflatten(flat: int, candidates: Sequence[Sequence[str]]) -> tuple[str, ...]:
    """Mixed-radix decoding of a combination number into one value per slot."""
    picked = []
    for values in reversed(candidates):
        flat, rest = divmod(flat, len(values))
        picked.append(values[rest])
    return tuple(reversed(picked))


# ---------------------------------------------------------------------------------------------
# hardness (optional: written by another module)


def _hardness_counter(out_dir: Path, intents: Sequence[Intent]) -> tuple[Counter[str] | None, int]:
    try:
        from polysql.sql.hardness import spider_hardness
        from polysql.sql.schema import Schema
    except ImportError:
        return None, 0
    schemas: dict[str, Any] = {}
    counter: Counter[str] = Counter()
    errors = 0
    for intent in intents:
        if intent.db_id not in schemas:
            schemas[intent.db_id] = Schema.from_sqlite(out_dir / "database" / intent.db_id / f"{intent.db_id}.sqlite")
        try:
            counter[spider_hardness(intent.query, schemas[intent.db_id])] += 1
        except Exception as exc:  # a classifier bug must not block the build; it is counted and shown
            errors += 1
            counter["error"] += 1
            if errors == 1:
                print(f"hardness failed on {intent.query!r}: {exc}", file=sys.stderr)
    return counter, errors


# ---------------------------------------------------------------------------------------------
# the build


def _dump(obj: Any) -> str:
    return json.dumps(obj, ensure_ascii=False, indent=2) + "\n"


def _write_text(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8", newline="\n")


def build(out_dir: Path, seed: int = 0, *, domains: Sequence[Domain] | None = None,
          variants: int = DEFAULT_VARIANTS) -> BuildSummary:
    """Build the mini benchmark into ``out_dir``.

    Args:
        out_dir: target directory (created); existing files of the same names are replaced.
        seed: the seed of every random choice (data, slot values, phrasings).
        domains: the domains to build; by default every module in :mod:`polysql.data.mini.domains`.
        variants: test-suite variants per database (0: none; see :mod:`polysql.data.mini.variants`).

    Returns:
        counts of what was written (see :class:`BuildSummary`).

    Raises:
        ValueError: a domain breaks a rule (the message names it and, for templates, the index).
    """
    out_dir = Path(out_dir)
    domains = sorted(discover_domains() if domains is None else domains, key=lambda d: d.db_id)
    seen = Counter(d.db_id for d in domains)
    duplicates = sorted(db_id for db_id, count in seen.items() if count > 1)
    if duplicates:
        raise ValueError(f"duplicate db_ids: {duplicates}")
    for domain in domains:
        validate_domain(domain)
    if variants < 0:
        raise ValueError(f"variants must be >= 0, got {variants}")

    intents: dict[str, list[Intent]] = {split: [] for split in SPLITS}
    tables = []
    for domain in domains:
        db_path = out_dir / "database" / domain.db_id / f"{domain.db_id}.sqlite"
        create_database(domain, db_path, seed)
        conn = connect_readonly(db_path)
        try:
            intents[domain.split].extend(instantiate(domain, conn, seed))
        finally:
            conn.close()
        tables.append(spider_schema(domain.db_id, db_path))

    summary = BuildSummary(out_dir=out_dir)
    for split in SPLITS:
        summary.databases[split] = sorted(d.db_id for d in domains if d.split == split)
        summary.pairs[split] = {}
        for lang in LANGUAGES:
            records = [{"db_id": i.db_id, "question": i.questions[lang], "query": i.query} for i in intents[split]]
            _write_text(out_dir / f"{split}_{lang}.json", _dump(records))
            summary.pairs[split][lang] = len(records)
    _write_text(out_dir / "tables.json", _dump(tables))

    suite: dict[str, Any] = {"k": variants, "seed": seed, "perturbations": list(PERTURBATIONS), "databases": {}}
    for domain in domains:
        queries = [i.query for i in intents[domain.split] if i.db_id == domain.db_id]
        report = build_variants(domain, out_dir / "database" / domain.db_id, queries, k=variants, seed=seed)
        suite["databases"][domain.db_id] = report.as_json()
        summary.empty_on_most += len(report.empty_on_most)
    summary.variants = variants
    suite["empty_on_most"] = summary.empty_on_most
    _write_text(out_dir / "test_suite.json", _dump(suite))

    stale = sorted(
        p.name for p in (out_dir / "database").iterdir() if p.is_dir() and p.name not in {d.db_id for d in domains}
    ) if (out_dir / "database").is_dir() else []
    if stale:
        print(f"warning: {out_dir / 'database'} holds databases of no current domain: {stale}", file=sys.stderr)

    hardness: dict[str, dict[str, int]] = {}
    for split in SPLITS:
        counter, errors = _hardness_counter(out_dir, intents[split])
        if counter is None:
            break
        hardness[split] = dict(counter)
        summary.hardness_errors += errors
    else:
        summary.hardness = hardness
    return summary


# ---------------------------------------------------------------------------------------------
# command line


def _configure(parser: argparse.ArgumentParser) -> argparse.ArgumentParser:
    parser.add_argument("--out", type=Path, default=Path("resources/mini"), help="output directory (default: %(default)s)")
    parser.add_argument("--seed", type=int, default=0, help="seed of every random choice (default: %(default)s)")
    parser.add_argument("--variants", type=int, default=DEFAULT_VARIANTS,
                        help="test-suite variant databases per database (0: none; default: %(default)s)")
    parser.set_defaults(func=run)
    return parser


def add_parser(subparsers: Any) -> argparse.ArgumentParser:
    """Register ``polysql build-mini``."""
    return _configure(subparsers.add_parser("build-mini", help="build the bundled multilingual mini benchmark"))


def run(args: argparse.Namespace) -> int:
    """Build and print the summary; returns the exit code."""
    summary = build(args.out, seed=args.seed, variants=args.variants)
    print(summary.format())
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    """``python -m polysql.data.mini``."""
    parser = _configure(argparse.ArgumentParser(prog="python -m polysql.data.mini", description=__doc__.splitlines()[0]))
    args = parser.parse_args(argv)
    return args.func(args)
