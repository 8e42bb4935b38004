"""Retrieval evaluation of a semantic encoder, per language, before and after fine-tuning.

Two tasks on the evaluation sets (``results/data/eval_{lang}.jsonl``):

* **SQL retrieval**: the question (language L) must retrieve its gold SQL among all distinct gold
  SQL of the same database in the language's evaluation set.
* **Cross-lingual retrieval**: the question (language L) must retrieve the same intent's English
  question among the distinct English questions of the same database. For English itself this is
  the identity task, so its values are ``None`` and it is left out of the averages.

Scores are cosine similarities. The rank of the right candidate counts every candidate scoring at
least as high (ties count against the model), so a collapsed encoder cannot score well.
Metrics: accuracy@1 (rank 1) and MRR (mean of 1/rank).
"""

from __future__ import annotations

import os
from collections import defaultdict
from typing import Any, Mapping, Sequence

import numpy as np

from polysql.encoder.model import load_encoder
from polysql.encoder.pairs import check_records
from polysql.io import DataError

METRICS = ("sql_acc@1", "sql_mrr", "xling_acc@1", "xling_mrr")


def embed_texts(model, texts: Sequence[str], *, batch_size: int = 64) -> dict[str, np.ndarray]:
    """Unit-normalised embeddings of the distinct ``texts``, keyed by text."""
    distinct = list(dict.fromkeys(texts))
    if not distinct:
        return {}
    vectors = model.encode(
        distinct,
        batch_size=batch_size,
        normalize_embeddings=True,
        convert_to_numpy=True,
        show_progress_bar=False,
    )
    return dict(zip(distinct, np.asarray(vectors, dtype=np.float32)))


def rank_of(query: np.ndarray, candidates: np.ndarray, gold: int) -> int:
    """1-based rank of candidate ``gold`` by cosine with ``query``; ties count against it."""
    scores = candidates @ query
    return int(np.sum(scores >= scores[gold]))


def _retrieval(pairs: Sequence[tuple[str, str, str]], candidates_by_db: Mapping[str, list[str]], vectors) -> dict:
    """acc@1 and MRR of (query, target, db_id) triples against the db's candidate texts."""
    ranks: list[int] = []
    matrices = {db: np.stack([vectors[text] for text in texts]) for db, texts in candidates_by_db.items()}
    for query, target, db_id in pairs:
        texts = candidates_by_db[db_id]
        ranks.append(rank_of(vectors[query], matrices[db_id], texts.index(target)))
    positions = np.asarray(ranks, dtype=np.float64)
    return {"acc@1": float(np.mean(positions == 1)), "mrr": float(np.mean(1.0 / positions))}


def _candidates(records: Sequence[Mapping[str, Any]], field: str) -> dict[str, list[str]]:
    by_db: dict[str, dict[str, None]] = defaultdict(dict)
    for record in records:
        by_db[record["db_id"]][record[field]] = None
    return {db: sorted(texts) for db, texts in by_db.items()}


def retrieval_metrics(
    model,
    records: Sequence[Mapping[str, Any]],
    english_records: Sequence[Mapping[str, Any]] | None,
    *,
    batch_size: int = 64,
) -> dict[str, Any]:
    """SQL and cross-lingual retrieval metrics of one language's evaluation set.

    Args:
        model: A loaded sentence-transformers model.
        records: The language's evaluation records (one language).
        english_records: The English evaluation records (None: no cross-lingual metrics).
        batch_size: Encoding batch size.

    Returns:
        ``{"sql_acc@1", "sql_mrr", "xling_acc@1", "xling_mrr", "n", "sql_candidates"}``
        (``sql_candidates``: mean number of candidates per question; cross-lingual values are None
        for English or without English records).

    Raises:
        DataError: an intent has no English question.
    """
    if not records:
        raise DataError("retrieval_metrics: no evaluation records")
    langs = {record["lang"] for record in records}
    if len(langs) != 1:
        raise DataError(f"retrieval_metrics: records of several languages {sorted(langs)}; evaluate one at a time")
    lang = langs.pop()
    sql_candidates = _candidates(records, "gold_sql")
    texts = [record["question"] for record in records] + [sql for sqls in sql_candidates.values() for sql in sqls]
    xling_pairs, xling_candidates = [], {}
    if english_records and lang != "en":
        english = {record["intent"]: record for record in english_records}
        xling_candidates = _candidates(english_records, "question")
        for record in records:
            target = english.get(record["intent"])
            if target is None:
                raise DataError(
                    f"English evaluation set: no question for intent {record['intent']!r} ({record.get('id')!r})"
                )
            xling_pairs.append((record["question"], target["question"], target["db_id"]))
        texts += [text for questions in xling_candidates.values() for text in questions]
    vectors = embed_texts(model, texts, batch_size=batch_size)

    sql = _retrieval([(r["question"], r["gold_sql"], r["db_id"]) for r in records], sql_candidates, vectors)
    xling = _retrieval(xling_pairs, xling_candidates, vectors) if xling_pairs else {"acc@1": None, "mrr": None}
    return {
        "sql_acc@1": sql["acc@1"],
        "sql_mrr": sql["mrr"],
        "xling_acc@1": xling["acc@1"],
        "xling_mrr": xling["mrr"],
        "n": len(records),
        "sql_candidates": float(np.mean([len(sql_candidates[r["db_id"]]) for r in records])),
    }


def average_metrics(per_lang: Mapping[str, Mapping[str, Any]]) -> dict[str, float | None]:
    """Unweighted mean over languages of each metric (None values, e.g. English x-ling, skipped)."""
    averages: dict[str, float | None] = {}
    for metric in METRICS:
        values = [m[metric] for m in per_lang.values() if m.get(metric) is not None]
        averages[metric] = float(np.mean(values)) if values else None
    return averages


def evaluate_encoder(
    before_model: str | os.PathLike,
    after_model: str | os.PathLike,
    eval_records: Mapping[str, Sequence[Mapping[str, Any]]],
    *,
    max_seq_length: int | None = None,
    batch_size: int = 64,
    device: str | None = None,
) -> dict[str, Any]:
    """Retrieval metrics of the base model ("before") and the fine-tuned model ("after").

    Args:
        before_model: Folder of the base sentence-transformers model.
        after_model: Folder of the fine-tuned model.
        eval_records: Evaluation records by language (English needed for cross-lingual metrics).
        max_seq_length: Input length for both models (the training length, for a fair comparison).
        batch_size: Encoding batch size.
        device: Torch device (default: CUDA if available, else CPU).

    Returns:
        ``{"before": {lang: metrics}, "after": {lang: metrics}, "average": {"before": ...,
        "after": ...}, "models": {"before": path, "after": path}}``.
    """
    for lang, records in eval_records.items():
        check_records(records, f"evaluation set {lang}")
    english = eval_records.get("en")
    result: dict[str, Any] = {}
    for stage, path in (("before", before_model), ("after", after_model)):
        model = load_encoder(path, device=device, max_seq_length=max_seq_length)
        result[stage] = {
            lang: retrieval_metrics(model, records, english, batch_size=batch_size)
            for lang, records in eval_records.items()
        }
        del model
    result["average"] = {stage: average_metrics(result[stage]) for stage in ("before", "after")}
    result["models"] = {"before": str(before_model), "after": str(after_model)}
    return result
