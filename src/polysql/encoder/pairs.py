"""Contrastive training examples for the semantic encoder.

Three kinds of examples, each kept in its own dataset so that a batch never mixes them (a batch of
question -> SQL pairs must not use an English question as an in-batch negative, nor the reverse):

* ``question_sql``: (question in language L, gold SQL) from the GRPO training sample.
* ``question_sql_hard``: (question, gold SQL, hard negative) where the negative is another gold SQL
  of the same database with a different structure (only with ``hard_negatives=True``).
* ``cross_lingual``: (question in L != en, the same intent's English question), joined on ``intent``
  against the English train split, so that all languages share one embedding space.
* ``sql_sql``: (gold SQL, an execution-verified equivalent rewrite, an execution-verified near miss),
  from the train split's databases only (only with ``sql_pairs=True``, see :func:`sql_sql_triplets`):
  what the gold-SQL-anchored reward needs, a rewrite close to its gold and a near miss far from it.
"""

from __future__ import annotations

import random
from collections import defaultdict
from typing import Any, Iterable, Mapping, Sequence

from polysql.io import DataError

REQUIRED_FIELDS = ("intent", "lang", "db_id", "question", "gold_sql")


def check_records(records: Sequence[Mapping[str, Any]], source: str) -> None:
    """Raise DataError naming ``source`` and the record index if a record lacks a needed field."""
    for index, record in enumerate(records):
        for key in REQUIRED_FIELDS:
            value = record.get(key)
            if not isinstance(value, str) or not value.strip():
                raise DataError(f"{source}: record {index} (id={record.get('id')!r}): missing or empty {key!r}")


def sql_skeleton(sql: str) -> str:
    """The structure of a query: literals replaced by ``?``, keywords and spacing normalised.

    Two queries with the same skeleton differ only in their values. A query that sqlglot cannot
    parse falls back to a lower-cased, whitespace-collapsed text (gold SQL normally parses).
    """
    import sqlglot
    from sqlglot import exp

    try:
        tree = sqlglot.parse_one(sql, read="sqlite")
    except Exception:  # noqa: BLE001 - any parser failure: use the plain text
        return " ".join(sql.lower().split())
    tree = tree.transform(lambda node: exp.Placeholder() if isinstance(node, exp.Literal) else node)
    return tree.sql(dialect="sqlite", normalize=True).lower()


def question_sql_pairs(records: Sequence[Mapping[str, Any]]) -> list[dict[str, str]]:
    """(question, gold SQL) pairs as ``{"anchor", "positive"}`` rows, in input order."""
    return [{"anchor": record["question"], "positive": record["gold_sql"]} for record in records]


def hard_negative_triplets(
    records: Sequence[Mapping[str, Any]],
    sql_pool: Iterable[Mapping[str, Any]],
    *,
    seed: int,
) -> tuple[list[dict[str, str]], list[dict[str, str]]]:
    """Split records into (anchor, positive, negative) triplets and plain pairs.

    The negative of a record is drawn (seeded) among the distinct gold SQL of the same database in
    ``records`` + ``sql_pool`` whose skeleton (:func:`sql_skeleton`) differs from the record's own.
    Records whose database offers no such query stay plain pairs, so nothing is dropped.

    Returns:
        ``(triplets, pairs)``.
    """
    by_db: dict[str, dict[str, str]] = defaultdict(dict)  # db_id -> {sql: skeleton}
    for record in [*records, *sql_pool]:
        sqls = by_db[record["db_id"]]
        if record["gold_sql"] not in sqls:
            sqls[record["gold_sql"]] = sql_skeleton(record["gold_sql"])
    rng = random.Random(seed)
    triplets, pairs = [], []
    for record in records:
        sqls = by_db[record["db_id"]]
        own = sqls[record["gold_sql"]]
        candidates = sorted(sql for sql, skeleton in sqls.items() if skeleton != own)
        row = {"anchor": record["question"], "positive": record["gold_sql"]}
        if candidates:
            triplets.append({**row, "negative": rng.choice(candidates)})
        else:
            pairs.append(row)
    return triplets, pairs


def cross_lingual_pairs(
    records: Sequence[Mapping[str, Any]],
    english_records: Sequence[Mapping[str, Any]],
    *,
    source: str = "English records",
) -> list[dict[str, str]]:
    """(question in L, same intent's English question) pairs for every non-English record.

    Raises:
        DataError: a non-English record's intent has no English question in ``english_records``.
    """
    english = {record["intent"]: record["question"] for record in english_records}
    rows = []
    for record in records:
        if record["lang"] == "en":
            continue
        if record["intent"] not in english:
            raise DataError(
                f"{source}: no English question for intent {record['intent']!r} (record {record.get('id')!r})"
            )
        rows.append({"anchor": record["question"], "positive": english[record["intent"]]})
    return rows


def sql_sql_triplets(
    train_records: Sequence[Mapping[str, Any]],
    executor,
    *,
    seed: int = 0,
    per_gold: int = 4,
    kinds: Sequence[str] | None = None,
) -> list[dict[str, str]]:
    """SQL-to-SQL triplets ``{"anchor": gold, "positive": equivalent, "negative": near miss}``.

    For every distinct gold SQL of ``train_records`` (which need ``db_path``): its meaning-preserving
    rewrites that return the gold's result on the database and every test-suite variant
    (:func:`polysql.rewards.audit.verified_equivalents`), and its near misses
    (:func:`polysql.rewards.audit.perturbations`) that do not (EX = 0). Up to ``per_gold`` triplets per
    gold, pairing each equivalent with a near miss in turn (seeded order). A gold without either side
    gives no triplet. Only pass train-split records: the dev databases stay unseen. ``kinds`` restricts
    the rewrites to these transforms (e.g. to audit transforms the encoder never saw); None: all.
    """
    from polysql.rewards.audit import perturbations, verified_equivalents
    from polysql.rewards.semantic import DatabaseFacts
    from polysql.sql.exec_eval import execution_match_many

    unique: dict[tuple[str, str], Mapping[str, Any]] = {}
    for record in train_records:
        if not record.get("db_path"):
            raise DataError(f"train split: record {record.get('id')!r} has no db_path (needed for SQL pairs)")
        unique.setdefault((str(record["db_path"]), record["gold_sql"]), record)
    records = [unique[key] for key in sorted(unique)]
    kept, _ = verified_equivalents(records, executor, kinds=kinds)
    facts = DatabaseFacts(executor)
    misses, items = [], []
    for record in records:
        db_path = str(record["db_path"])
        found = [sql for _, sql in perturbations(record["gold_sql"], db_path, facts.tables(db_path), executor)]
        misses.append(found)
        items += [(db_path, sql, record["gold_sql"]) for sql in found]
    verdicts = execution_match_many(executor, items)
    for (db_path, _, gold), verdict in zip(items, verdicts):
        if verdict.gold_error:
            raise DataError(f"train split: gold query fails on {db_path}: {gold!r}: {verdict.gold_error}")
    verdicts = iter(verdicts)
    rng = random.Random(seed)
    rows = []
    for record, equivalents, found in zip(records, kept, misses):
        wrong = [sql for sql in found if not next(verdicts).correct]
        if not equivalents or not wrong:
            continue
        positives = [sql for _, sql in equivalents]
        rng.shuffle(positives)
        rng.shuffle(wrong)
        for i in range(min(per_gold, len(positives))):
            rows.append({"anchor": record["gold_sql"], "positive": positives[i], "negative": wrong[i % len(wrong)]})
    return rows


def build_training_sets(
    grpo_records: Sequence[Mapping[str, Any]],
    train_records: Sequence[Mapping[str, Any]],
    *,
    cross_lingual: bool = True,
    hard_negatives: bool = False,
    sql_pairs: bool = False,
    sql_pairs_per_gold: int = 4,
    sql_pairs_kinds: Sequence[str] | None = None,
    executor=None,
    seed: int = 0,
) -> dict[str, list[dict[str, str]]]:
    """All contrastive training sets, by name (empty sets left out).

    Args:
        grpo_records: The GRPO training sample (every language).
        train_records: The train split of every language (source of the English questions for the
            cross-lingual pairs, and of extra gold SQL for hard negatives).
        cross_lingual: Add the ``cross_lingual`` set.
        hard_negatives: Turn question -> SQL pairs into triplets where a hard negative exists.
        sql_pairs: Add the ``sql_sql`` set (:func:`sql_sql_triplets` on ``train_records``).
        sql_pairs_per_gold: Triplets per distinct gold SQL, at most.
        sql_pairs_kinds: The rewrites the ``sql_sql`` set may use (None: all).
        executor: The SQL executor of the ``sql_sql`` set (default: a new SafeExecutor).
        seed: Seed for the choice of hard negatives.

    Returns:
        ``{"question_sql": [...], "question_sql_hard": [...], "cross_lingual": [...]}`` with rows
        ``{"anchor", "positive"[, "negative"]}``.
    """
    if hard_negatives:
        triplets, pairs = hard_negative_triplets(grpo_records, train_records, seed=seed)
        sets = {"question_sql": pairs, "question_sql_hard": triplets}
    else:
        sets = {"question_sql": question_sql_pairs(grpo_records)}
    if cross_lingual:
        english = [record for record in train_records if record["lang"] == "en"]
        sets["cross_lingual"] = cross_lingual_pairs(grpo_records, english, source="train split (en)")
    if sql_pairs:
        if executor is None:
            from polysql.sql.executor import SafeExecutor

            executor = SafeExecutor()
        sets["sql_sql"] = sql_sql_triplets(train_records, executor, seed=seed, per_gold=sql_pairs_per_gold,
                                            kinds=sql_pairs_kinds)
    return {name: rows for name, rows in sets.items() if rows}
