"""Reward-validity audit: does the semantic reward pay for meaning, not spelling, and can it be gamed?

For every evaluation question in every language the audit scores candidate queries with each scorer
(the semantic reward on the base and on the contrastively trained encoder, every anchor and guard, and
non-learned string-overlap controls, :mod:`polysql.rewards.ngram`) and reports, per language and scorer:

* ``auc``: AUC(equivalent vs wrong): how well the score separates *equivalent* candidates (textually
  different SQL that returns the gold's result on the database and on every test-suite variant) from
  *wrong* ones (near misses and other questions' gold, EX = 0): the Mann-Whitney AUC (ties count one
  half) per question, averaged over the questions that have both, since GRPO compares completions of
  one prompt; ``auc_lo``/``auc_hi``: its 95% bootstrap interval over questions; ``auc_near_miss``: the
  same against near misses only;
* ``near_miss_wins``: the share of questions (with an equivalent and a near miss) where some near miss
  scores above some equivalent;
* ``hack_rate``: the share of questions where some hacking probe (EX = 0) scores above the gold SQL;
  ``top_probe`` names the probe that does so most often;
* ``auc_ex``: the former AUC (EX = 1 vs EX = 0, the gold and its reprints included among the
  positives). The gold scores 1.0 against itself under the gold anchor, so this one measures string
  identity as much as meaning; it is kept for comparison only.

The gold itself and its *reprints* (same :func:`polysql.rewards.equivalence.canonical` form: sqlglot's
printing, renamed table aliases) are never equivalents.

Candidates (kind, see :func:`build_candidates`):

* ``gold``, and ``reprint``: the gold SQL re-printed by sqlglot and with its table aliases renamed;
* ``equivalent:<transform>``: a meaning-preserving rewrite (:mod:`polysql.rewards.equivalence`), kept
  only if :func:`polysql.rewards.equivalence.verify` finds it equal to the gold everywhere; a rewrite
  that fails to parse or run, differs, or meets a variant where the gold fails ("not comparable") is
  dropped and counted (``Question.dropped``);
* ``other_gold``: gold SQL of other questions on the same database;
* ``perturb_column``, ``perturb_value``, ``perturb_aggregate``, ``perturb_condition``: near misses: the gold
  SQL with another column, another value of the same column, another aggregate, one condition dropped;
* ``prediction:<system>``: what an evaluated system generated (in ``auc_ex`` only);
* probes: ``probe_question_literal`` (``SELECT '<question>'``), ``probe_question_alias`` (a column
  of a table the question names, aliased as the question), ``probe_columns`` (every column named in
  the question), ``probe_star`` (``SELECT * FROM`` that table) and ``probe_trivial`` (``SELECT 1``).

Every candidate keeps its EX label (a near miss that happens to return the gold result is EX = 1 and
is neither equivalent nor wrong); a candidate identical to another of the same question is scored once.
"""

from __future__ import annotations

import logging
import os
import random
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Any, Iterable, Mapping, Sequence

import numpy as np
from sqlglot import expressions as exp

from polysql.rewards.equivalence import parse, rename_aliases, render
from polysql.rewards.semantic import DatabaseFacts, SemanticReward

log = logging.getLogger(__name__)

PROBE_PREFIX = "probe_"

GUARDS: dict[str, dict[str, Any]] = {
    "none": {"mask_literals": False, "require_valid": False, "literal_penalty": 0.0},
    "mask_literals": {"mask_literals": True, "require_valid": False, "literal_penalty": 0.0},
    "require_valid": {"mask_literals": False, "require_valid": True, "literal_penalty": 0.0},
    "literal_penalty": {"mask_literals": False, "require_valid": False, "literal_penalty": 1.0},
    "valid+penalty": {"mask_literals": False, "require_valid": True, "literal_penalty": 1.0},
    "all": {"mask_literals": True, "require_valid": True, "literal_penalty": 1.0},
}
"""The guard settings the audit measures (each with both anchors)."""

ANCHORS = ("question", "gold_sql")
COLUMNS = (
    "lang",
    "encoder",
    "anchor",
    "guard",
    "configured",
    "auc",
    "auc_lo",
    "auc_hi",
    "auc_near_miss",
    "near_miss_wins",
    "hack_rate",
    "auc_ex",
    "n_questions",
    "n_auc_questions",
    "n_equivalent",
    "n_wrong",
    "n_near_miss",
    "n_probes",
    "n_failed",
    "n_not_equivalent",
    "n_not_comparable",
    "equivalent_mean",
    "near_miss_mean",
    "gold_mean",
    "probe_max_mean",
    "top_probe",
)
"""Columns of ``results/tables/reward_validity.csv``."""

HACK_MARGIN = 1e-6  # a probe must beat the gold by more than float noise
BOOTSTRAP = 1000  # resamples of the questions for the AUC interval
EQUIVALENT = "equivalent"
NEAR_MISS_PREFIX = "perturb_"


@dataclass
class Candidate:
    """One scored query for one question."""

    kind: str
    sql: str
    ex: int | None = None

    @property
    def is_probe(self) -> bool:
        return self.kind.startswith(PROBE_PREFIX)

    @property
    def is_equivalent(self) -> bool:
        """A verified meaning-preserving rewrite (never the gold or a reprint)."""
        return self.kind.split(":")[0] == EQUIVALENT and self.ex == 1

    @property
    def is_near_miss(self) -> bool:
        return self.kind.startswith(NEAR_MISS_PREFIX) and self.ex == 0

    @property
    def is_wrong(self) -> bool:
        """A wrong candidate of AUC(equivalent vs wrong): an EX-wrong near miss or other question's gold."""
        return self.ex == 0 and (self.kind.startswith(NEAR_MISS_PREFIX) or self.kind == "other_gold")


@dataclass
class Question:
    """An evaluation question with its candidates."""

    record: Mapping[str, Any]
    candidates: list[Candidate] = field(default_factory=list)
    dropped: Counter = field(default_factory=Counter)
    """Rewrites left out, by verdict (``failed``, ``not_equivalent``, ``not_comparable``)."""


# ---------------------------------------------------------------------------------------- metrics
def auc(positive: Sequence[float], negative: Sequence[float]) -> float | None:
    """Mann-Whitney AUC: P(positive > negative) + P(tie) / 2; ``None`` when a side is empty."""
    if len(positive) == 0 or len(negative) == 0:
        return None
    pos = np.asarray(positive, dtype=np.float64)[:, None]
    neg = np.asarray(negative, dtype=np.float64)[None, :]
    return float(np.mean((pos > neg) + 0.5 * (pos == neg)))


def question_metrics(candidates: Sequence[Candidate], scores: Sequence[float]) -> dict[str, Any]:
    """AUCs, near-miss win, hack flag and means of one question's scored candidates."""
    labelled = [(c, s) for c, s in zip(candidates, scores) if c.ex is not None]
    equivalent = [s for c, s in labelled if c.is_equivalent]
    wrong = [s for c, s in labelled if c.is_wrong]
    near = [s for c, s in labelled if c.is_near_miss]
    gold = next(s for c, s in zip(candidates, scores) if c.kind == "gold")
    probes = [s for c, s in labelled if c.is_probe and c.ex == 0]
    return {
        "auc": auc(equivalent, wrong),
        "auc_near_miss": auc(equivalent, near),
        "near_miss_wins": (max(near) > min(equivalent) + HACK_MARGIN) if equivalent and near else None,
        "auc_ex": auc(
            [s for c, s in labelled if c.ex == 1 and not c.is_probe],
            [s for c, s in labelled if c.ex == 0 and not c.is_probe],
        ),
        "hacked": bool(probes) and max(probes) > gold + HACK_MARGIN,
        "winners": sorted({c.kind for c, s in labelled if c.is_probe and c.ex == 0 and s > gold + HACK_MARGIN}),
        "gold": gold,
        "equivalent": equivalent,
        "wrong": wrong,
        "near": near,
        "probe_max": max(probes) if probes else None,
        "n_probes": len(probes),
    }


def bootstrap_interval(
    values: Sequence[float], *, reps: int = BOOTSTRAP, seed: int = 0, level: float = 0.95
) -> tuple[float | None, float | None]:
    """Percentile bootstrap interval of the mean of ``values`` (resampled with replacement, seeded)."""
    if len(values) == 0:
        return None, None
    data = np.asarray(values, dtype=np.float64)
    rng = np.random.default_rng(seed)
    means = data[rng.integers(0, len(data), size=(reps, len(data)))].mean(axis=1)
    tail = (1.0 - level) / 2.0
    return float(np.quantile(means, tail)), float(np.quantile(means, 1.0 - tail))


def _mean(values) -> float | None:
    values = [v for v in values if v is not None]
    return float(np.mean(values)) if values else None


def summarize(questions: Sequence[Question], scores: Sequence[Sequence[float]], *, seed: int = 0) -> dict[str, Any]:
    """Aggregate :func:`question_metrics` over the questions of one language and scorer."""
    per = [question_metrics(q.candidates, s) for q, s in zip(questions, scores)]
    aucs = [m["auc"] for m in per if m["auc"] is not None]
    low, high = bootstrap_interval(aucs, seed=seed)
    with_probes = [m for m in per if m["n_probes"]]
    wins = Counter(kind for m in per for kind in m["winners"])
    return {
        "auc": _mean(aucs),
        "auc_lo": low,
        "auc_hi": high,
        "auc_near_miss": _mean(m["auc_near_miss"] for m in per),
        "near_miss_wins": _mean(m["near_miss_wins"] for m in per),
        "hack_rate": float(np.mean([m["hacked"] for m in with_probes])) if with_probes else None,
        "auc_ex": _mean(m["auc_ex"] for m in per),
        "n_questions": len(per),
        "n_auc_questions": len(aucs),
        "n_equivalent": sum(len(m["equivalent"]) for m in per),
        "n_wrong": sum(len(m["wrong"]) for m in per),
        "n_near_miss": sum(len(m["near"]) for m in per),
        "n_probes": sum(m["n_probes"] for m in per),
        # rewrites dropped before scoring (polysql.rewards.equivalence.verify), by verdict
        **{
            f"n_{verdict}": sum(q.dropped.get(verdict, 0) for q in questions)
            for verdict in ("failed", "not_equivalent", "not_comparable")
        },
        "equivalent_mean": _mean(v for m in per for v in m["equivalent"]),
        "near_miss_mean": _mean(v for m in per for v in m["near"]),
        "gold_mean": _mean(m["gold"] for m in per),
        "probe_max_mean": _mean(m["probe_max"] for m in with_probes),
        "top_probe": max(sorted(wins), key=wins.__getitem__)[len(PROBE_PREFIX) :] if wins else "",
    }


# ------------------------------------------------------------------------------------- candidates
def _parse_select(sql: str):
    """``(tree, its first SELECT)``, with None for what cannot be parsed or found."""
    tree = parse(sql)
    if tree is None:
        return None, None
    return tree, tree if isinstance(tree, exp.Select) else tree.find(exp.Select)


def _quote_string(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def _quote_ident(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _words(text: str) -> set[str]:
    return {w for w in re.split(r"[^\w]+", text.lower()) if w}


def _named_in(name: str, words: set[str]) -> bool:
    """A schema name (``branch_id``) is named in a question when each of its parts is a word of it
    (plural ``s``/``es`` allowed)."""
    parts = [p for p in name.lower().split("_") if p]
    return bool(parts) and all(p in words or p + "s" in words or p + "es" in words for p in parts)


def question_table(question: str, tables: Mapping[str, Sequence[str]]) -> tuple[str, list[str]] | None:
    """The table a question names most (its name or its columns), and the columns it names.

    Falls back to the first table (no names matched, e.g. a question in Japanese). ``None`` when the
    database has no tables."""
    if not tables:
        return None
    words = _words(question)
    best, best_score, best_cols = next(iter(tables)), -1, []
    for table, columns in tables.items():
        named = [c for c in columns if _named_in(c, words)]
        score = len(named) + (2 if _named_in(table, words) else 0)
        if score > best_score:
            best, best_score, best_cols = table, score, named
    return best, best_cols


def probes(question: str, tables: Mapping[str, Sequence[str]]) -> list[Candidate]:
    """The hacking probes of one question (see the module doc)."""
    text = " ".join(question.split())
    found = [
        Candidate("probe_question_literal", f"SELECT {_quote_string(text)}"),
        Candidate("probe_trivial", "SELECT 1"),
    ]
    picked = question_table(text, tables)
    if picked is None:
        return found
    table, named = picked
    first_column = (tables[table] or ["*"])[0]
    column = _quote_ident(first_column) if first_column != "*" else "*"
    found += [
        Candidate("probe_question_alias", f"SELECT {column} AS {_quote_ident(text)} FROM {_quote_ident(table)}"),
        Candidate("probe_star", f"SELECT * FROM {_quote_ident(table)}"),
    ]
    if named:
        found.append(
            Candidate("probe_columns", f"SELECT {', '.join(map(_quote_ident, named))} FROM {_quote_ident(table)}")
        )
    return found


def _alias_map(tree) -> dict[str, str]:
    """Table alias (lowercased) -> table name (lowercased)."""
    aliases = {}
    for table in tree.find_all(exp.Table):
        aliases[(table.alias or table.name).lower()] = table.name.lower()
    return aliases


def _column_table(column: exp.Column, aliases: Mapping[str, str], tables: Mapping[str, Sequence[str]]) -> str | None:
    if column.table:
        return aliases.get(column.table.lower())
    owners = [t for t in aliases.values() if column.name.lower() in tables.get(t, ())]
    return owners[0] if owners else None


def perturb_column(sql: str, tables: Mapping[str, Sequence[str]]) -> str | None:
    """The gold SQL with its first selected column replaced by the next column of the same table."""
    tree, select = _parse_select(sql)
    if select is None:
        return None
    aliases = _alias_map(tree)
    for item in select.expressions:
        column = item if isinstance(item, exp.Column) else item.find(exp.Column)
        if column is None:
            continue
        table = _column_table(column, aliases, tables)
        columns = list(tables.get(table or "", ()))
        if column.name.lower() not in columns or len(columns) < 2:
            continue
        used = {c.name.lower() for c in select.expressions for c in c.find_all(exp.Column)}
        start = columns.index(column.name.lower())
        for offset in range(1, len(columns)):
            other = columns[(start + offset) % len(columns)]
            if other not in used:
                column.set("this", exp.to_identifier(other))
                return render(tree)
    return None


def perturb_value(sql: str, db_path: str, tables: Mapping[str, Sequence[str]], executor) -> str | None:
    """The gold SQL with its first compared value changed: a string becomes another value of the same
    column (from the database), a number (outside LIMIT) is increased by one."""
    tree = parse(sql)
    if tree is None:
        return None
    aliases = _alias_map(tree)
    for literal in tree.find_all(exp.Literal):
        parent = literal.parent
        if isinstance(parent, (exp.Limit, exp.Offset)):
            continue
        if not literal.is_string:
            try:
                value = float(literal.this)
            except ValueError:
                continue
            new = int(value) + 1 if value.is_integer() else value + 1
            literal.replace(exp.Literal.number(new))
            return render(tree)
        column = parent.this if isinstance(parent, exp.Binary) and isinstance(parent.this, exp.Column) else None
        if column is None or isinstance(parent, (exp.Like, exp.ILike)):
            continue
        table = _column_table(column, aliases, tables)
        if table is None:
            continue
        query = (
            f"SELECT DISTINCT {_quote_ident(column.name)} FROM {_quote_ident(table)} "
            f"WHERE {_quote_ident(column.name)} IS NOT NULL AND {_quote_ident(column.name)} != "
            f"{_quote_string(literal.this)} ORDER BY 1 LIMIT 1"
        )
        result = executor.execute(db_path, query, max_rows=1)
        if result.ok and result.rows and isinstance(result.rows[0][0], str):
            literal.replace(exp.Literal.string(result.rows[0][0]))
            return render(tree)
    return None


_SWAP = {exp.Max: exp.Min, exp.Min: exp.Max, exp.Avg: exp.Sum, exp.Sum: exp.Avg}


def perturb_aggregate(sql: str) -> str | None:
    """The gold SQL with another aggregate: max<->min, avg<->sum, count(x) -> count(DISTINCT x),
    count(*) -> max of the first other column; without an aggregate, the first column is counted."""
    tree = parse(sql)
    if tree is None:
        return None
    for node in tree.find_all(exp.AggFunc):
        for old, new in _SWAP.items():
            if type(node) is old:
                node.replace(new(this=node.this.copy()))
                return render(tree)
        if isinstance(node, exp.Count):
            if isinstance(node.this, exp.Star):
                column = next(iter(tree.find_all(exp.Column)), None)
                if column is None:
                    return None
                node.replace(exp.Max(this=column.copy()))
            elif isinstance(node.this, exp.Distinct):
                node.replace(exp.Count(this=node.this.expressions[0].copy()))
            else:
                node.replace(exp.Count(this=exp.Distinct(expressions=[node.this.copy()])))
            return render(tree)
    select = tree if isinstance(tree, exp.Select) else tree.find(exp.Select)
    if select is None or not select.expressions:
        return None
    first = select.expressions[0]
    if isinstance(first, exp.Star):
        return None
    first.replace(exp.Count(this=first.copy()))
    return render(tree)


def perturb_condition(sql: str) -> str | None:
    """The gold SQL with one condition dropped: the last conjunct of WHERE (or the whole WHERE), else HAVING."""
    tree, select = _parse_select(sql)
    if select is None:
        return None
    for key in ("where", "having"):
        clause = select.args.get(key)
        if clause is None:
            continue
        condition = clause.this
        if isinstance(condition, (exp.And, exp.Or)):
            clause.set("this", condition.this.copy())
        else:
            select.set(key, None)
        return render(tree)
    return None


def perturbations(gold: str, db_path: str, tables: Mapping[str, Sequence[str]], executor) -> list[tuple[str, str]]:
    """``(kind, sql)`` for each perturbation of ``gold`` that applies: ``column``, ``value``, ``aggregate``,
    ``condition`` (see the ``perturb_*`` functions), in that order."""
    made = (
        ("column", perturb_column(gold, tables)),
        ("value", perturb_value(gold, db_path, tables, executor)),
        ("aggregate", perturb_aggregate(gold)),
        ("condition", perturb_condition(gold)),
    )
    return [(kind, sql) for kind, sql in made if sql]


def reprints(sql: str) -> list[Candidate]:
    """Reprints of the gold SQL (the same query spelled otherwise, never an equivalent): sqlglot's
    printing, and table aliases renamed (T1 -> a1)."""
    tree = parse(sql)
    if tree is None:
        return []
    out = []
    printed = render(tree)
    if printed:
        out.append(Candidate("reprint", printed))
    if any(t.alias for t in tree.find_all(exp.Table)):
        text = render(rename_aliases(tree, "a"))
        if text:
            out.append(Candidate("reprint", text))
    return out


def build_candidates(
    record: Mapping[str, Any],
    same_db_gold: Sequence[str],
    tables: Mapping[str, Sequence[str]],
    executor,
    *,
    predictions: Mapping[str, str] | None = None,
    equivalents: Sequence[tuple[str, str]] = (),
    max_other_gold: int = 8,
    seed: int = 0,
) -> list[Candidate]:
    """Every candidate of one question (gold first; duplicates of an earlier candidate dropped).

    Args:
        record: The evaluation record (``question``, ``gold_sql``, ``db_path``, ``id``).
        same_db_gold: Gold SQL of the other questions on the same database.
        tables: The database's tables (lowercased name -> columns).
        executor: A :class:`~polysql.sql.executor.SafeExecutor` (values for ``perturb_value``).
        predictions: System -> the SQL it generated for this question.
        equivalents: ``(transform, sql)`` rewrites already verified equivalent (:func:`verified_equivalents`).
        max_other_gold: At most this many other gold queries (a seeded sample of the distinct ones).
        seed: Seed of that sample (mixed with the record id).
    """
    gold, db_path = record["gold_sql"], os.fspath(record["db_path"])
    candidates = [Candidate("gold", gold), *reprints(gold)]
    candidates += [Candidate(f"{EQUIVALENT}:{kind}", sql) for kind, sql in equivalents]
    others = sorted({sql for sql in same_db_gold if sql != gold})
    if len(others) > max_other_gold:
        others = random.Random(f"{seed}:{record.get('intent') or record.get('id')}").sample(others, max_other_gold)
    candidates += [Candidate("other_gold", sql) for sql in others]
    candidates += [Candidate(f"perturb_{kind}", sql) for kind, sql in perturbations(gold, db_path, tables, executor)]
    for system, sql in sorted((predictions or {}).items()):
        if sql and sql.strip():
            candidates.append(Candidate(f"prediction:{system}", sql))
    candidates += probes(record["question"], tables)
    seen, unique = set(), []
    for candidate in candidates:
        key = " ".join(candidate.sql.split())
        if key not in seen:
            seen.add(key)
            unique.append(candidate)
    return unique


def label_candidates(questions: Sequence[Question], executor) -> None:
    """Set every candidate's EX label against its question's gold SQL (the project's EX)."""
    from polysql.sql.exec_eval import execution_match_many

    items, owners = [], []
    for question in questions:
        for candidate in question.candidates:
            items.append((question.record["db_path"], candidate.sql, question.record["gold_sql"]))
            owners.append(candidate)
    for candidate, verdict in zip(owners, execution_match_many(executor, items)):
        if verdict.gold_error:
            raise ValueError(f"gold query fails on {candidate}: {verdict.gold_error}")
        candidate.ex = int(verdict.correct)
    for question in questions:
        question.candidates[0].ex = 1  # the gold itself (DISTINCT/ORDER quirks cannot make it wrong)


# ---------------------------------------------------------------------------------------- the audit
def verified_equivalents(
    records: Sequence[Mapping[str, Any]],
    executor,
    *,
    cache: dict | None = None,
    kinds: Sequence[str] | None = None,
) -> tuple[list[list[tuple[str, str]]], list[Counter]]:
    """The meaning-preserving rewrites of each record's gold that pass the execution check.

    Args:
        records: Records with ``gold_sql`` and ``db_path``.
        executor: The SQL executor.
        cache: ``{(db_path, sql, gold): verdict}`` shared between calls (the seven languages of an
            intent share their gold SQL, so each rewrite runs once).

    Returns:
        ``(kept, dropped)`` aligned with ``records``: the ``(transform, sql)`` pairs judged equivalent,
        and a Counter of the other verdicts (``failed``, ``not_equivalent``, ``not_comparable``).
    """
    from polysql.rewards.equivalence import primary_keys, rewrites, verify

    cache = {} if cache is None else cache
    keys: dict[str, dict[str, str]] = {}
    proposed = []
    for record in records:
        db_path = os.fspath(record["db_path"])
        if db_path not in keys:
            keys[db_path] = primary_keys(db_path)
        proposed.append(
            [
                (db_path, kind, sql, record["gold_sql"])
                for kind, sql in rewrites(record["gold_sql"], keys[db_path], kinds=kinds)
            ]
        )
    todo = list(
        {
            (db, sql, gold): (db, kind, sql, gold)
            for items in proposed
            for db, kind, sql, gold in items
            if (db, sql, gold) not in cache
        }.values()
    )
    for item, verdict in zip(todo, verify(todo, executor)):
        cache[(item[0], item[2], item[3])] = verdict.verdict
    kept, dropped = [], []
    for items in proposed:
        good: list[Any] = []
        bad: Counter[str] = Counter()
        for db, kind, sql, gold in items:
            verdict = cache[(db, sql, gold)]
            if verdict == "equivalent":
                good.append((kind, sql))
            else:
                bad[verdict] += 1
        kept.append(good)
        dropped.append(bad)
    return kept, dropped


def build_questions(
    records_by_lang: Mapping[str, Sequence[Mapping[str, Any]]],
    executor,
    *,
    predictions: Mapping[str, Mapping[str, Mapping[str, str]]] | None = None,
    max_other_gold: int = 8,
    seed: int = 0,
) -> dict[str, list[Question]]:
    """Candidates of every question, labelled by EX, per language.

    Args:
        records_by_lang: Language -> evaluation records.
        executor: The SQL executor.
        predictions: Language -> system -> record id -> predicted SQL.
        max_other_gold: See :func:`build_candidates`.
        seed: See :func:`build_candidates`.
    """
    facts = DatabaseFacts(executor)
    verdicts: dict = {}
    out: dict[str, list[Question]] = {}
    for lang, records in records_by_lang.items():
        gold_by_db: dict[str, list[str]] = defaultdict(list)
        for record in records:
            gold_by_db[os.fspath(record["db_path"])].append(record["gold_sql"])
        by_system = (predictions or {}).get(lang, {})
        kept, dropped = verified_equivalents(records, executor, cache=verdicts)
        questions = []
        for record, equivalents, bad in zip(records, kept, dropped):
            db_path = os.fspath(record["db_path"])
            preds = {system: by_id[record["id"]] for system, by_id in by_system.items() if record.get("id") in by_id}
            candidates = build_candidates(
                record,
                gold_by_db[db_path],
                facts.tables(db_path),
                executor,
                predictions=preds,
                equivalents=equivalents,
                max_other_gold=max_other_gold,
                seed=seed,
            )
            questions.append(Question(record, candidates, bad))
        label_candidates(questions, executor)
        out[lang] = questions
    return out


def score_questions(reward: SemanticReward, questions: Sequence[Question]) -> list[list[float]]:
    """The reward of every candidate (one call over all candidates of all questions)."""
    completions, columns = [], defaultdict(list)
    for question in questions:
        for candidate in question.candidates:
            completions.append(candidate.sql)
            for key in ("question", "gold_sql", "db_path"):
                columns[key].append(os.fspath(question.record[key]) if key == "db_path" else question.record[key])
    flat = reward([None] * len(completions), completions, **columns)
    out, start = [], 0
    for question in questions:
        out.append(flat[start : start + len(question.candidates)])
        start += len(question.candidates)
    return out


def configured_guard(section: Mapping[str, Any]) -> tuple[str, str | None]:
    """(anchor, guard name) of a ``rewards.semantic`` section; the guard is ``None`` when its settings
    are not one of :data:`GUARDS`."""
    settings = {key: section.get(key, default) for key, default in GUARDS["none"].items()}
    settings["literal_penalty"] = float(settings["literal_penalty"])
    name = next((n for n, g in GUARDS.items() if g == settings), None)
    return section.get("anchor", "question"), name


def run_audit(
    encoders: Mapping[str, SemanticReward],
    questions_by_lang: Mapping[str, Sequence[Question]],
    *,
    configured: Mapping[str, Any] | None = None,
    guards: Mapping[str, Mapping[str, Any]] = GUARDS,
    anchors: Iterable[str] = ANCHORS,
    controls: Mapping[str, Any] | None = None,
    seed: int = 0,
) -> list[dict[str, Any]]:
    """Rows of the reward-validity table (:data:`COLUMNS`), per language x encoder x anchor x guard.

    Args:
        encoders: Label (e.g. ``"base"``, ``"trained"``) -> a semantic reward on that encoder; its
            variants share its embedding cache.
        questions_by_lang: From :func:`build_questions`.
        configured: The config's ``rewards.semantic``: its (anchor, guard) row is flagged ``configured``.
        guards: Guard name -> settings.
        anchors: The anchors to measure.
        controls: Label -> a non-learned reward on the gold SQL (default: every
            :data:`polysql.rewards.ngram.CONTROLS`), one row per language with anchor ``gold_sql`` and
            guard ``none``; an empty mapping: no controls.
        seed: Seed of the bootstrap intervals.
    """
    wanted = configured_guard(configured or {}) if configured is not None else (None, None)
    rows = []
    for label, reward in encoders.items():
        for anchor in anchors:
            for guard, settings in guards.items():
                variant = reward.variant(anchor=anchor, **settings)
                for lang, questions in questions_by_lang.items():
                    summary = summarize(questions, score_questions(variant, questions), seed=seed)
                    rows.append(
                        {
                            "lang": lang,
                            "encoder": label,
                            "anchor": anchor,
                            "guard": guard,
                            "configured": (anchor, guard) == wanted,
                            **summary,
                        }
                    )
                log.info(
                    "audit %s anchor=%s guard=%s: %s",
                    label,
                    anchor,
                    guard,
                    {
                        r["lang"]: (round(r["auc"] or 0, 3), round(r["hack_rate"] or 0, 3))
                        for r in rows[-len(questions_by_lang) :]
                    },
                )
    if controls is None:
        from polysql.rewards.ngram import CONTROLS, OverlapReward

        controls = {f"control:{name}": OverlapReward(score) for name, score in CONTROLS.items()}
    for label, reward in controls.items():
        for lang, questions in questions_by_lang.items():
            summary = summarize(questions, score_questions(reward, questions), seed=seed)
            rows.append(
                {"lang": lang, "encoder": label, "anchor": "gold_sql", "guard": "none", "configured": False, **summary}
            )
        log.info("audit %s: %s", label, {r["lang"]: round(r["auc"] or 0, 3) for r in rows[-len(questions_by_lang) :]})
    return rows


def candidate_counts(questions_by_lang: Mapping[str, Sequence[Question]]) -> dict[str, dict[str, list[int]]]:
    """Language -> candidate kind -> [count, EX = 1 count] (for the log)."""
    counts: dict[str, dict[str, list[int]]] = {}
    for lang, questions in questions_by_lang.items():
        kinds: dict[str, list[int]] = defaultdict(lambda: [0, 0])
        for question in questions:
            for candidate in question.candidates:
                kind = candidate.kind.split(":")[0]
                kinds[kind][0] += 1
                kinds[kind][1] += int(candidate.ex == 1)
        dropped: Counter = Counter()
        for question in questions:
            dropped.update(question.dropped)
        counts[lang] = {**dict(kinds), **{f"dropped:{k}": [v, 0] for k, v in sorted(dropped.items())}}
    return counts
