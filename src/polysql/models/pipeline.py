"""The generate stage as functions (the workflow script only calls these).

``generate_predictions``: prompts for a set of prepared examples (k shots from the train split)
-> completions -> prediction records (the example's fields + "prediction" + "completion").
Scoring them is :func:`polysql.sql.evaluate.evaluate_predictions`.
"""

from __future__ import annotations

import logging
import time
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
