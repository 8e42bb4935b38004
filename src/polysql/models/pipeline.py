"""The generate stage as functions (the workflow script only calls these).

``generate_predictions``: prompts for a set of prepared examples (k shots from the train split)
-> completions -> prediction records (the example's fields + "prediction" + "completion").
``generate_by_language``: the same for every evaluation language of a system in one pass (one model
load, and batches filled across languages), split back per language.
Scoring them is :func:`polysql.sql.evaluate.evaluate_predictions`.
"""

from __future__ import annotations

import logging
import time
from typing import Any, Mapping, Sequence

from polysql.models.prompts import build_prompt
from polysql.rewards.extract import extract_sql

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
        log.info(
            "%d prompts, %d-%d characters (mean %.0f)",
            len(prompts),
            min(lengths),
            max(lengths),
            sum(lengths) / len(lengths),
        )
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


def generate_by_language(
    eval_sets: Mapping[str, Sequence[Mapping[str, Any]]],
    generator,
    *,
    pool: Sequence[Mapping[str, Any]] = (),
    prompt_config: Mapping[str, Any] | None = None,
    seed: int = 0,
) -> dict[str, list[dict[str, Any]]]:
    """:func:`generate_predictions` for several languages' evaluation sets at once.

    One call to the generator for all of them: the model loads once and its length-sorted batches
    fill up across languages (7 sets of 20 prompts make 9 batches of 16 instead of 14). Shots are
    drawn per example, in its own language first (:func:`polysql.models.prompts.select_shots`), so a
    pool holding every language's train split gives each example the same shots as its own
    language's split would.

    Args:
        eval_sets: language -> its evaluation examples.
        generator, pool, prompt_config, seed: as for :func:`generate_predictions`.

    Returns:
        language -> its prediction records, in the order of its evaluation set.

    Raises:
        ValueError: an example's "lang" is not the language of the set it is in.
    """
    for lang, examples in eval_sets.items():
        stray = next((ex for ex in examples if ex.get("lang") != lang), None)
        if stray is not None:
            raise ValueError(
                f"evaluation set {lang!r} holds example {stray.get('id')!r} of language {stray.get('lang')!r}"
            )
    examples = [ex for lang in eval_sets for ex in eval_sets[lang]]
    records = generate_predictions(examples, generator, pool=pool, prompt_config=prompt_config, seed=seed)
    by_lang: dict[str, list[dict[str, Any]]] = {lang: [] for lang in eval_sets}
    for record in records:
        by_lang[record["lang"]].append(record)
    return by_lang
