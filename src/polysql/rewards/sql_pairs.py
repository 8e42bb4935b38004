"""SQL-to-SQL training triplets for the contrastive encoder: a gold query, a verified equivalent rewrite and a
verified near miss, built on the train split's databases only (the dev databases stay unseen).

They live in the reward layer because they are made of the audit's rewrites and near misses; the encoder
package receives them through :func:`polysql.encoder.pairs.build_training_sets`'s ``sql_triplets``.
"""

from __future__ import annotations

import random
from functools import partial
from typing import Any, Callable, Mapping, Sequence

from polysql.io import DataError


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
    checked = execution_match_many(executor, items)
    for (db_path, _, gold), verdict in zip(items, checked):
        if verdict.gold_error:
            raise DataError(f"train split: gold query fails on {db_path}: {gold!r}: {verdict.gold_error}")
    verdicts = iter(checked)
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


def sql_pair_builder(
    *, per_gold: int = 4, seed: int = 0, kinds: Sequence[str] | None = None, executor=None
) -> Callable[..., list[dict[str, str]]]:
    """``sql_triplets`` for :func:`polysql.encoder.train.train_encoder`: :func:`sql_sql_triplets` with these
    settings (``kinds``: the rewrites allowed, None: all), on ``executor`` (default: a new
    :class:`~polysql.sql.executor.SafeExecutor`)."""
    if executor is None:
        from polysql.sql.executor import SafeExecutor

        executor = SafeExecutor()
    return partial(sql_sql_triplets, executor=executor, seed=seed, per_gold=per_gold, kinds=kinds)
