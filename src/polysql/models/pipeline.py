"""The generate and evaluate stages as functions (the workflow scripts only call these).

``generate_predictions``: prompts for a set of prepared examples (k shots from the train split)
-> completions -> prediction records (the example's fields + "prediction" + "completion").
``evaluate_predictions``: prediction records -> (per-example rows, summary) with the SQL engine.
"""

from __future__ import annotations

import logging
import os
import time
from pathlib import Path
from typing import Any, Mapping, Sequence

from polysql.models.extract import extract_sql
from polysql.models.prompts import build_prompt

log = logging.getLogger(__name__)


def build_prompts(
    examples: Sequence[Mapping[str, Any]],
    tokenizer,
    *,
    pool: Sequence[Mapping[str, Any]] = (),
    prompt_config: Mapping[str, Any] | None = None,
    seed: int = 0,
) -> list[str]:
    """Rendered prompts for ``examples`` (see :func:`polysql.models.prompts.build_prompt`)."""
    return [build_prompt(ex, tokenizer, pool=pool, prompt_config=prompt_config, seed=seed) for ex in examples]


def generate_predictions(
    examples: Sequence[Mapping[str, Any]],
    generator,
    *,
    pool: Sequence[Mapping[str, Any]] = (),
    prompt_config: Mapping[str, Any] | None = None,
    seed: int = 0,
) -> list[dict[str, Any]]:
    """Generate SQL for every example.

    Args:
        examples: prepared examples (data contract: id, lang, db_id, db_path, question, gold_sql, ...).
        generator: a :class:`polysql.models.generate.Generator` (has ``tokenizer`` and ``generate``).
        pool: the shot pool (train split records).
        prompt_config: config ``prompt:``.
        seed: the data seed (shot selection).

    Returns:
        One record per example, in order: its fields plus "prediction" (extracted SQL) and
        "completion" (raw model text).
    """
    prompts = build_prompts(examples, generator.tokenizer, pool=pool, prompt_config=prompt_config, seed=seed)
    if prompts:
        lengths = [len(p) for p in prompts]
        log.info("%d prompts, %d-%d characters (mean %.0f)", len(prompts), min(lengths), max(lengths), sum(lengths) / len(lengths))
    start = time.perf_counter()
    completions = generator.generate(prompts)
    elapsed = time.perf_counter() - start
    if len(completions) != len(prompts):
        raise RuntimeError(f"generator returned {len(completions)} completions for {len(prompts)} prompts")
    log.info("generated %d completions in %.1f s", len(completions), elapsed)
    records = []
    for example, completion in zip(examples, completions):
        record = dict(example)
        record["prediction"] = extract_sql(completion)
        record["completion"] = completion
        records.append(record)
    empty = sum(1 for r in records if not r["prediction"])
    if empty:
        log.warning("%d of %d completions hold no SQL", empty, len(records))
    return records


def load_key_schemas(tables_json: str | os.PathLike | None) -> dict:
    """Spider ``tables.json`` schemas by db_id ({} when there is none): the exact-set match takes
    its foreign-key groups from them; the SQLite files give the rest."""
    from polysql.sql.schema import load_tables_json

    return dict(load_tables_json(tables_json)) if tables_json and Path(tables_json).is_file() else {}


def evaluate_predictions(
    records: Sequence[Mapping[str, Any]],
    *,
    sql_config: Mapping[str, Any] | None = None,
    tables_json: str | os.PathLike | None = None,
    system: str | None = None,
    lang: str | None = None,
) -> tuple[list[dict[str, Any]], dict[str, Any]]:
    """Score prediction records with execution accuracy and exact-set match.

    Args:
        records: prediction records (``generate_predictions`` output).
        sql_config: config ``sql:`` (timeout_s, max_rows, max_result_bytes, workers).
        tables_json: the benchmark's tables.json (optional).
        system, lang: labels put first in the summary.

    Returns:
        (per-example rows in input order, summary dict {"system", "lang", "n", "ex", "sem", ...}).

    Raises:
        polysql.sql.executor.GoldQueryError: a gold query fails (an error in the data, not a zero).
    """
    from polysql.sql.evaluate import evaluate_records
    from polysql.sql.executor import SafeExecutor

    cfg = dict(sql_config or {})
    executor = SafeExecutor(
        timeout_s=float(cfg.get("timeout_s", 2.0)),
        max_rows=int(cfg.get("max_rows", 10000)),
        max_result_bytes=int(cfg.get("max_result_bytes", 10_000_000)),
    )
    with executor:
        per_example, summary = evaluate_records(
            list(records),
            executor=executor,
            schemas=load_key_schemas(tables_json),
            etype="all",
            workers=int(cfg.get("workers", 0)),
        )
    labelled = {"system": system, "lang": lang}
    labelled.update({k: v for k, v in summary.items() if k not in labelled})
    return per_example, labelled
