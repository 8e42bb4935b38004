"""SQL reward functions for GRPO: execution (graded), syntax and format (the semantic reward is
:mod:`polysql.rewards.semantic`).

Every reward is built by a factory and is a pure function with TRL's reward signature::

    reward(prompts, completions, **columns) -> list[float | None]

``columns`` holds every dataset column as a list aligned with ``completions`` (``db_path``, ``gold_sql``,
``question``, ``lang`` ...) plus TRL extras (``completion_ids``, ``trainer_state``, ``log_metric`` ...),
which the rewards ignore unless they need them. Completions are plain strings or chat message lists
(``[{"role": "assistant", "content": "..."}]``).
"""

from __future__ import annotations

import logging
from typing import Any, Callable, Mapping, Sequence

from polysql.config_schema import section_defaults
from polysql.rewards.completions import completion_text, is_sql_only, parses_as_one_query

logger = logging.getLogger(__name__)

RewardFn = Callable[..., list]

EXECUTION_DEFAULTS = section_defaults("rewards", "execution")
"""Config ``rewards.execution``'s keys and defaults, from the config schema."""


def _extractor() -> Callable[[str], str]:
    from polysql.rewards.extract import extract_sql

    return extract_sql


def _check_section(name: str, section: Mapping | None, allowed: Mapping[str, Any]) -> dict:
    section = dict(section or {})
    unknown = sorted(set(section) - set(allowed))
    if unknown:
        raise ValueError(f"rewards.{name}: unknown key(s) {unknown}; allowed keys: {sorted(allowed) or 'none'}")
    return {**allowed, **section}


def _require_columns(name: str, columns: Mapping[str, Any], wanted: Sequence[str], n: int) -> None:
    for key in wanted:
        if key not in columns:
            raise KeyError(f"reward '{name}' needs the dataset column '{key}' (got columns: {sorted(columns)})")
        if len(columns[key]) != n:
            raise ValueError(f"reward '{name}': column '{key}' has {len(columns[key])} values for {n} completions")


def make_execution_reward(section: Mapping | None, *, context) -> RewardFn:
    """Graded execution reward: run the extracted SQL and the gold SQL on the example's database.

    Scores come from config ``rewards.execution``: ``match`` (same result as gold, default 1.0),
    ``wrong`` (executes but a different result, default 0.1), ``error`` (fails, times out, or no SQL
    could be extracted, default 0.0). With ``test_suite: true`` a match must hold on the example's
    database *and* on every test-suite variant beside it (the other ``.sqlite`` files in
    ``database/<db_id>/``, as test-suite EX scores it); a query right on the original only scores
    ``wrong``. A database without variants falls back to the single-database match, logged once per
    database and counted as the metric ``rewards/execution/no_test_suite``. Predictions of a batch
    run in one call, in-process or in ``sql.workers`` worker processes. A gold query that fails is a data
    error: the reward is None
    (TRL leaves that function out for that row), a warning is logged, and the count is reported as the
    metric ``rewards/execution/gold_errors`` — never a silent 0.

    Args:
        section: The ``rewards.execution`` config section.
        context: A :class:`~polysql.rewards.registry.RewardContext` (gives the SQL executor).

    Returns:
        The reward function ``execution(prompts, completions, *, db_path, gold_sql, **_)``.
    """
    scores = _check_section("execution", section, EXECUTION_DEFAULTS)
    test_suite = scores.pop("test_suite")
    if not isinstance(test_suite, bool):
        raise ValueError(f"rewards.execution.test_suite must be true or false, got {test_suite!r}")
    for key, value in scores.items():
        if not isinstance(value, (int, float)) or isinstance(value, bool):
            raise ValueError(f"rewards.execution.{key} must be a number, got {value!r}")
    match_score, wrong_score, error_score = (float(scores[k]) for k in ("match", "wrong", "error"))
    executor = context.executor()
    workers = int(context.sql_config.get("workers", 0) or 0)
    extract_sql = _extractor()
    from polysql.sql.exec_eval import execution_match_many, suite_match_many

    variants: dict[str, list[str]] = {}  # database -> its test-suite variants (cached)
    warned: set[str] = set()

    def execution(prompts, completions, **columns) -> list[float | None]:
        _require_columns("execution", columns, ("db_path", "gold_sql"), len(completions))
        predictions = [extract_sql(completion_text(completion)) for completion in completions]
        items = list(zip(columns["db_path"], predictions, columns["gold_sql"]))
        verdicts = execution_match_many(executor, items, workers=workers)
        suite: list[bool | None] = [None] * len(items)
        no_suite = 0
        if test_suite:
            suite = suite_match_many(executor, items, verdicts, workers=workers, variants=variants)
            for (db_path, _, _), verdict, on_all in zip(items, verdicts, suite):
                if on_all is None and not verdict.gold_error:
                    no_suite += 1
                    if str(db_path) not in warned:
                        warned.add(str(db_path))
                        logger.warning(
                            "rewards.execution.test_suite: no usable test-suite variants for %s; "
                            "the reward matches on that database alone",
                            db_path,
                        )
        rewards: list[float | None] = []
        gold_errors = 0
        for (db_path, pred_sql, gold_sql), verdict, on_all in zip(items, verdicts, suite):
            if verdict.gold_error:
                gold_errors += 1
                logger.warning("gold query fails on %s (reward left out): %s", db_path, verdict.gold_error)
                rewards.append(None)
            elif verdict.correct and on_all is False:
                rewards.append(wrong_score)  # right on the original only: a lucky query
            elif verdict.correct:
                rewards.append(match_score)
            elif verdict.pred_error or not pred_sql.strip():
                rewards.append(error_score)
            else:
                rewards.append(wrong_score)
        log_metric = columns.get("log_metric")
        if callable(log_metric):
            log_metric("rewards/execution/gold_errors", float(gold_errors))
            if test_suite:
                log_metric("rewards/execution/no_test_suite", float(no_suite))
        return rewards

    return execution


def make_syntax_reward(section: Mapping | None, *, context) -> RewardFn:
    """1.0 if the SQL extracted from the completion parses (sqlglot, SQLite) as exactly one query, else 0.0.

    A query is a SELECT, a set operation (UNION/INTERSECT/EXCEPT) or a CTE (``WITH ... SELECT``).
    """
    _check_section("syntax", section, {})
    extract_sql = _extractor()

    def syntax(prompts, completions, **columns) -> list[float]:
        return [1.0 if parses_as_one_query(extract_sql(completion_text(c))) else 0.0 for c in completions]

    return syntax


def make_format_reward(section: Mapping | None, *, context) -> RewardFn:
    """1.0 if the whole completion is one SQL query and nothing else (an optional code fence allowed), else 0.0."""
    _check_section("format", section, {})

    def format(prompts, completions, **columns) -> list[float]:  # noqa: A001 - TRL logs rewards/format/mean
        return [1.0 if is_sql_only(completion_text(c)) else 0.0 for c in completions]

    return format
