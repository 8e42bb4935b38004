"""Seeded, stratified samples: the GRPO training sample and the per-language evaluation sets.

* GRPO sample (``grpo_train_{train_lang}.jsonl``): ``size`` examples split evenly across the
  training languages, and within each language allocated to Spider hardness levels in proportion
  to the pool (largest remainder), then drawn without replacement.
* Evaluation sets (``eval_{lang}.jsonl``): the same ``n`` intents in every language (drawn among the
  intents present in all languages, stratified by hardness), so languages are compared on identical
  questions.
* In-domain evaluation sets (``results/in_domain/data/eval_{lang}.jsonl``, config ``data.in_domain_eval``):
  drawn the same way from the train split; their intents are then kept out of every training input
  (:func:`without_intents` with :func:`in_domain_intents`).

Shortfalls (a request larger than the pool) are never silent: they are returned in the summary.
"""

from __future__ import annotations

import logging
import random
from collections import defaultdict
from pathlib import Path
from typing import Any, Hashable, Iterable, Sequence

from polysql.io import DataError, read_json
from polysql.sql.hardness import LEVELS  # Spider's hardness levels, easiest first

log = logging.getLogger(__name__)

HARDNESS_ORDER = LEVELS


def proportional_allocation(sizes: dict[Hashable, int], total: int) -> dict[Hashable, int]:
    """Split ``total`` across strata in proportion to ``sizes`` (largest remainder), capped by each size.

    Capacity left by a stratum that is too small is handed to the others, so the result sums to
    ``min(total, sum(sizes))``.
    """
    total = min(total, sum(sizes.values()))
    alloc = {key: 0 for key in sizes}
    remaining = total
    open_keys = [key for key, size in sizes.items() if size > 0]
    while remaining > 0 and open_keys:
        weight = sum(sizes[key] - alloc[key] for key in open_keys)
        shares = {key: remaining * (sizes[key] - alloc[key]) / weight for key in open_keys}
        floors = {key: min(int(shares[key]), sizes[key] - alloc[key]) for key in open_keys}
        given = sum(floors.values())
        # Hand out the rest by largest fractional part (ties broken by key order for determinism).
        order = sorted(open_keys, key=lambda k: (-(shares[k] - int(shares[k])), str(k)))
        for key in order:
            if given >= remaining:
                break
            if floors[key] < sizes[key] - alloc[key]:
                floors[key] += 1
                given += 1
        for key in open_keys:
            alloc[key] += floors[key]
        remaining -= given
        open_keys = [key for key in open_keys if alloc[key] < sizes[key]]
        if given == 0:
            break
    return alloc


def _by_hardness(records: Sequence[dict[str, Any]]) -> dict[str, list[dict[str, Any]]]:
    groups: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for record in records:
        groups[record.get("hardness", "unknown")].append(record)
    return dict(sorted(groups.items(), key=lambda item: (HARDNESS_ORDER + (item[0],)).index(item[0])))


def stratified_sample(records: Sequence[dict[str, Any]], size: int, rng: random.Random) -> list[dict[str, Any]]:
    """Draw ``size`` records stratified by hardness, without replacement, in a seeded order."""
    groups = _by_hardness(records)
    alloc = proportional_allocation({h: len(group) for h, group in groups.items()}, size)
    chosen = []
    for hardness, group in groups.items():
        chosen.extend(rng.sample(group, alloc[hardness]))
    rng.shuffle(chosen)
    return chosen


def grpo_sample(
    pools: dict[str, Sequence[dict[str, Any]]], size: int, seed: int
) -> tuple[list[dict[str, Any]], dict[str, Any]]:
    """The GRPO training sample over the languages of ``pools`` (language -> train records).

    Returns the shuffled sample and a summary {requested, drawn, per_language, per_hardness}.
    """
    languages = list(pools)
    base, extra = divmod(size, len(languages))
    per_lang_target = {lang: base + (1 if i < extra else 0) for i, lang in enumerate(languages)}
    sample: list[dict[str, Any]] = []
    summary: dict[str, Any] = {"requested": size, "per_language": {}, "per_hardness": defaultdict(int)}
    for lang in languages:
        rng = random.Random(f"grpo:{seed}:{lang}")
        drawn = stratified_sample(pools[lang], per_lang_target[lang], rng)
        summary["per_language"][lang] = {
            "requested": per_lang_target[lang],
            "drawn": len(drawn),
            "pool": len(pools[lang]),
        }
        for record in drawn:
            summary["per_hardness"][record["hardness"]] += 1
        sample.extend(drawn)
    random.Random(f"grpo-order:{seed}").shuffle(sample)
    summary["drawn"] = len(sample)
    summary["per_hardness"] = dict(summary["per_hardness"])
    return sample, summary


def heldout_databases(records: Sequence[dict[str, Any]], n: int, seed: int) -> list[str]:
    """``n`` databases of the train split (seeded), sorted: kept out of every GRPO sample for held-out checks.

    Raises:
        DataError: ``n`` leaves no database to train on.
    """
    databases = sorted({record["db_id"] for record in records})
    if n >= len(databases):
        raise DataError(
            f"data.heldout_databases is {n}, but the train split has only {len(databases)} "
            "databases: at least one must be left to train on"
        )
    return sorted(random.Random(f"heldout-databases:{seed}").sample(databases, n))


def read_heldout_databases(path: str | Path | None) -> frozenset[str]:
    """The database ids of a ``heldout_databases.json`` (written from :func:`heldout_databases`); none for
    no file."""
    return frozenset(read_json(path)["databases"]) if path else frozenset()


def eval_sets(
    pools: dict[str, Sequence[dict[str, Any]]], n: int | None, seed: int
) -> tuple[dict[str, list[dict[str, Any]]], dict[str, Any]]:
    """Per-language evaluation sets sharing the same intents (all of them when ``n`` is None).

    Intents are drawn among those present in every language, stratified by the hardness of their
    gold SQL; each language's set keeps the benchmark's order. Intents missing from some language
    are dropped, counted in the summary's ``dropped_not_parallel`` and logged.

    Raises:
        DataError: no intent is present in every language (nothing would be evaluated).
    """
    by_lang = {lang: {record["intent"]: record for record in records} for lang, records in pools.items()}
    common = set.intersection(*(set(index) for index in by_lang.values())) if by_lang else set()
    dropped = {lang: len(index) - len(common) for lang, index in by_lang.items()}
    if by_lang and not common:
        counts = ", ".join(f"{lang}: {len(index)}" for lang, index in by_lang.items())
        raise DataError(
            f"no intent is present in every language (intents per language: {counts}); nothing left to evaluate"
        )
    if any(dropped.values()):
        log.warning(
            "evaluation sets: %d intents are in every language; intents missing from some "
            "language are dropped (per language: %s)",
            len(common),
            dropped,
        )
    first = next(iter(by_lang.values()), {})
    candidates = [first[intent] for intent in sorted(common)]
    if n is None or n >= len(candidates):
        chosen = {record["intent"] for record in candidates}
    else:
        chosen = {record["intent"] for record in stratified_sample(candidates, n, random.Random(f"eval:{seed}"))}
    sets = {lang: [record for record in pools[lang] if record["intent"] in chosen] for lang in pools}
    summary = {
        "requested": n,
        "intents_in_all_languages": len(common),
        "per_language": {lang: len(records) for lang, records in sets.items()},
        "dropped_not_parallel": dropped,
        "intents": sorted(chosen),
    }
    return sets, summary


def in_domain_intents(summary_file: str | Path | None) -> frozenset[str]:
    """The intents of the in-domain evaluation set, from its summary (empty when there is none).

    Raises:
        DataError: the summary has no ``intents`` list.
    """
    if not summary_file:
        return frozenset()
    intents = read_json(summary_file).get("intents")
    if not isinstance(intents, list):
        raise DataError(f"{summary_file}: no 'intents' list (rebuild it with the sample_in_domain rule)")
    return frozenset(intents)


def without_intents(records: Iterable[dict[str, Any]], intents: frozenset[str]) -> list[dict[str, Any]]:
    """``records`` without those of ``intents`` (a record without an intent is its own)."""
    return [record for record in records if record.get("intent", record["id"]) not in intents]
