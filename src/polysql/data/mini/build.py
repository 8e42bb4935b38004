"""Build the bundled multilingual mini benchmark from the domain modules and their data files.

Command::

    polysql build-mini --out resources/mini --seed 0
    # or: python -m polysql.data.mini --out resources/mini [--languages en de]

Every module in :mod:`polysql.data.mini.domains` defines ``DOMAIN = Domain(...)`` (the schema from
``content/<db_id>/schema.json`` and the data generator, see :mod:`polysql.data.mini.template`); its
templates and phrasings are read from ``content/<db_id>/`` (see :mod:`polysql.data.mini.content_files`).
For each domain (sorted by module name) the builder creates ``database/<db_id>/<db_id>.sqlite`` from
``schema_sql`` + ``populate`` (seeded per domain, so adding a domain never changes another), checks the
database (3-6 tables, a primary key on every table, at least one foreign key, referential integrity,
>= 20 rows per table), then instantiates every template with slot values drawn from the built database
and one phrasing per language. Every gold query must
execute and return at least one row; a slot combination with an empty result is re-drawn.

The output follows MultiSpider's layout: ``{train,dev}_<lang>.json`` (lists of
``{"db_id", "question", "query"}``, parallel across languages), ``tables.json`` (Spider's schema
format, introspected from the SQLite files) and ``database/<db_id>/<db_id>.sqlite``. The JSON bytes
depend only on the domain modules, their data files and the seed.

``--languages`` picks the question files to write (default: every language in :data:`polysql.LANGUAGES`).
The phrasings of :data:`SHARED_RNG_LANGUAGES` are drawn from each template's seeded stream in that
order, as the committed benchmark was built, so their files are always read; any other language draws
from its own stream. Building a subset, or adding a language, therefore never changes another
language's questions.

Beside every database the builder writes ``--variants`` (default 4) test-suite variants,
``database/<db_id>/<db_id>_ts<i>.sqlite``, and ``test_suite.json`` (what was built, gold queries
empty on most variants); see :mod:`polysql.data.mini.variants`.
"""

from __future__ import annotations

import argparse
import dataclasses
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
from polysql.data.mini.checks import check_database
from polysql.data.mini.content_files import content_domains, load_templates
from polysql.data.mini.template import Domain, check_template
from polysql.data.mini.variants import DEFAULT_VARIANTS, PERTURBATIONS, build_variants
from polysql.io import connect_readonly
from polysql.sql.hardness import (
    LEVELS,  # Spider's hardness levels, easiest first
    spider_hardness,
)
from polysql.sql.schema import Schema
from polysql.sql.sqlite_schema import tables_json_entry

SPLITS = ("train", "dev")
MIN_PHRASINGS = 2  # per language and template, so questions vary in every language
# How many slot combinations may be tried per wanted instantiation before giving up
# (combinations whose gold query returns no row are re-drawn).
DRAWS_PER_INSTANCE = 20
HARDNESS_LEVELS = LEVELS
# Languages whose phrasings are drawn, in this order, from the template's stream that also draws the
# slot values (how the committed benchmark was built; changing this tuple changes every question).
SHARED_RNG_LANGUAGES = ("en", "de", "es", "fr", "ja", "vi", "zh")


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
        languages: the languages written.
        databases: split -> db_ids (sorted).
        pairs: split -> language -> number of question/SQL pairs.
        hardness: split -> level -> number of intents.
        hardness_errors: number of gold queries the hardness classifier failed on (counted as "error").
    """

    out_dir: Path
    languages: tuple[str, ...] = LANGUAGES
    databases: dict[str, list[str]] = field(default_factory=dict)
    pairs: dict[str, dict[str, int]] = field(default_factory=dict)
    hardness: dict[str, dict[str, int]] = field(default_factory=dict)
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
            lines.append("  pairs: " + ", ".join(f"{lang}={counts.get(lang, 0)}" for lang in self.languages))
            levels = self.hardness.get(split, {})
            total = sum(levels.values()) or 1
            shown = [*HARDNESS_LEVELS, *sorted(set(levels) - set(HARDNESS_LEVELS))]
            lines.append(
                "  hardness: "
                + ", ".join(f"{h}={levels.get(h, 0)} ({100 * levels.get(h, 0) / total:.1f}%)" for h in shown)
            )
        if self.variants:
            lines.append(
                f"test suite: {self.variants} variant(s) per database ({', '.join(PERTURBATIONS)}); "
                f"{self.empty_on_most} gold queries empty on most variants (flagged in test_suite.json)"
            )
        if self.hardness_errors:
            lines.append(f"hardness classifier failed on {self.hardness_errors} queries (counted as 'error')")
        return "\n".join(lines)


# ---------------------------------------------------------------------------------------------
# discovery and static validation


def languages_to_load(languages: Sequence[str]) -> tuple[str, ...]:
    """:data:`SHARED_RNG_LANGUAGES` followed by the other requested languages (the phrasings a build needs)."""
    return tuple(dict.fromkeys([*SHARED_RNG_LANGUAGES, *languages]))


def discover_domains(languages: Sequence[str] = LANGUAGES, content_dir: Path | None = None) -> list[Domain]:
    """Every domain of :mod:`polysql.data.mini.domains` (sorted by name) with its templates from the data files.

    Args:
        languages: languages to read phrasings for (:data:`SHARED_RNG_LANGUAGES` are always read).
        content_dir: the folder of the data files (default: the package's ``content/``).

    Raises:
        ValueError: a module has no ``DOMAIN``, its ``db_id`` differs from the module name, it defines
            templates in Python, a module has no data folder or a data folder no module, or a data file
            is malformed (see :func:`polysql.data.mini.content_files.load_templates`).
    """
    package = importlib.import_module("polysql.data.mini.domains")
    names = sorted(info.name for info in pkgutil.iter_modules(package.__path__) if not info.name.startswith("_"))
    in_content = content_domains(content_dir)
    if names != in_content:
        raise ValueError(
            f"domain modules {sorted(set(names) - set(in_content))} have no data folder and data folders "
            f"{sorted(set(in_content) - set(names))} no domain module (content: {content_dir or 'package'})"
        )
    domains = []
    for name in names:
        module = importlib.import_module(f"{package.__name__}.{name}")
        domain = getattr(module, "DOMAIN", None)
        if not isinstance(domain, Domain):
            raise ValueError(f"{module.__name__}: no module-level DOMAIN = Domain(...)")
        if domain.db_id != name:
            raise ValueError(f"{module.__name__}: DOMAIN.db_id {domain.db_id!r} differs from the module name {name!r}")
        if domain.templates:
            raise ValueError(f"{module.__name__}: templates belong in the data files, not in DOMAIN")
        templates = load_templates(name, languages_to_load(languages), content_dir)
        domains.append(dataclasses.replace(domain, templates=templates))
    return domains


def _where(domain: Domain, index: int) -> str:
    template_id = domain.templates[index].id
    return f"domain {domain.db_id} template {index}" + (f" ({template_id})" if template_id else "")


def validate_domain(domain: Domain, languages: Sequence[str] = LANGUAGES) -> None:
    """Check what can be checked without building the database (raises ValueError naming the domain).

    Every template needs phrasings in ``languages`` and :data:`SHARED_RNG_LANGUAGES`.
    """
    if not re.fullmatch(r"[a-z][a-z0-9_]*", domain.db_id):
        raise ValueError(f"domain {domain.db_id!r}: db_id must be lowercase snake_case")
    if domain.split not in SPLITS:
        raise ValueError(f"domain {domain.db_id}: split {domain.split!r} not in {SPLITS}")
    if not domain.templates:
        raise ValueError(f"domain {domain.db_id}: no templates")
    for index, template in enumerate(domain.templates):
        where = _where(domain, index)
        check_template(template, where, languages_to_load(languages))
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

    Every intent gets a question in each language the templates have phrasings for.

    Raises:
        ValueError: a gold query fails, or too few slot combinations give a non-empty result
            (names the db_id and the template index).
    """
    intents: list[Intent] = []
    for index, template in enumerate(domain.templates):
        where = _where(domain, index)
        rng = random.Random(f"{seed}:{domain.db_id}:{index}")
        own_rngs = {
            lang: random.Random(f"{seed}:{domain.db_id}:{index}:{lang}")
            for lang in template.questions
            if lang not in SHARED_RNG_LANGUAGES
        }
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
            questions = {lang: rng.choice(template.questions[lang]).format(**values) for lang in SHARED_RNG_LANGUAGES}
            for lang, own in own_rngs.items():
                questions[lang] = own.choice(template.questions[lang]).format(**values)
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
# hardness


def _hardness_counter(out_dir: Path, intents: Sequence[Intent]) -> tuple[Counter[str], int]:
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


def build(
    out_dir: Path,
    seed: int = 0,
    *,
    domains: Sequence[Domain] | None = None,
    variants: int = DEFAULT_VARIANTS,
    languages: Sequence[str] = LANGUAGES,
) -> BuildSummary:
    """Build the mini benchmark into ``out_dir``.

    Args:
        out_dir: target directory (created); existing files of the same names are replaced.
        seed: the seed of every random choice (data, slot values, phrasings).
        domains: the domains to build; by default every module in :mod:`polysql.data.mini.domains`
            with its templates from the data files.
        variants: test-suite variants per database (0: none; see :mod:`polysql.data.mini.variants`).
        languages: the languages whose ``{split}_<lang>.json`` are written (see the module docstring).

    Returns:
        counts of what was written (see :class:`BuildSummary`).

    Raises:
        ValueError: a domain breaks a rule (the message names it and, for templates, the index).
    """
    out_dir = Path(out_dir)
    languages = tuple(languages)
    if not languages or len(set(languages)) != len(languages):
        raise ValueError(f"languages must be distinct and at least one, got {list(languages)}")
    domains = sorted(discover_domains(languages) if domains is None else domains, key=lambda d: d.db_id)
    seen = Counter(d.db_id for d in domains)
    duplicates = sorted(db_id for db_id, count in seen.items() if count > 1)
    if duplicates:
        raise ValueError(f"duplicate db_ids: {duplicates}")
    for domain in domains:
        validate_domain(domain, languages)
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
        tables.append(tables_json_entry(db_path, domain.db_id))

    summary = BuildSummary(out_dir=out_dir, languages=languages)
    for split in SPLITS:
        summary.databases[split] = sorted(d.db_id for d in domains if d.split == split)
        summary.pairs[split] = {}
        for lang in languages:
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

    stale = (
        sorted(
            p.name for p in (out_dir / "database").iterdir() if p.is_dir() and p.name not in {d.db_id for d in domains}
        )
        if (out_dir / "database").is_dir()
        else []
    )
    if stale:
        print(f"warning: {out_dir / 'database'} holds databases of no current domain: {stale}", file=sys.stderr)

    for split in SPLITS:
        counter, errors = _hardness_counter(out_dir, intents[split])
        summary.hardness[split] = dict(counter)
        summary.hardness_errors += errors
    return summary


# ---------------------------------------------------------------------------------------------
# command line


def _configure(parser: argparse.ArgumentParser) -> argparse.ArgumentParser:
    parser.add_argument(
        "--out", type=Path, default=Path("resources/mini"), help="output directory (default: %(default)s)"
    )
    parser.add_argument("--seed", type=int, default=0, help="seed of every random choice (default: %(default)s)")
    parser.add_argument(
        "--variants",
        type=int,
        default=DEFAULT_VARIANTS,
        help="test-suite variant databases per database (0: none; default: %(default)s)",
    )
    parser.add_argument(
        "--languages",
        nargs="+",
        default=list(LANGUAGES),
        metavar="LANG",
        help="languages to write; each needs content/<db_id>/questions.<LANG>.json in every domain "
        f"(default: {' '.join(LANGUAGES)})",
    )
    parser.set_defaults(func=run)
    return parser


def add_parser(subparsers: Any) -> argparse.ArgumentParser:
    """Register ``polysql build-mini``."""
    return _configure(subparsers.add_parser("build-mini", help="build the bundled multilingual mini benchmark"))


def run(args: argparse.Namespace) -> int:
    """Build and print the summary; returns the exit code."""
    summary = build(args.out, seed=args.seed, variants=args.variants, languages=args.languages)
    print(summary.format())
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    """``python -m polysql.data.mini``."""
    parser = _configure(
        argparse.ArgumentParser(prog="python -m polysql.data.mini", description=__doc__.splitlines()[0])
    )
    args = parser.parse_args(argv)
    return args.func(args)
