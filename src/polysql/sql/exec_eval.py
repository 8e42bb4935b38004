"""Execution accuracy with the semantics of Spider's test-suite evaluation (classical EX).

Semantics (matching the reference ``exec_eval.py`` with its defaults):

* both queries get the same clean-up: ``" value "`` -> ``" 1 "``, ``"> ="``/``"< ="``/``"! ="``
  joined, ``YEAR(CURDATE())`` -> 2020, and every ``DISTINCT`` keyword removed (``keep_distinct``
  is off by default in the reference, so ``SELECT DISTINCT a`` and ``SELECT a`` are equal);
* results are bags (multisets) of rows; row order matters only when the gold query contains
  ``order by`` (the reference tests the text, anywhere in the query; ``order_rule="top_level"``
  looks at the outermost query only);
* result columns may be permuted: the prediction is right when some permutation of its columns
  gives the gold bag (or list) of rows;
* a prediction that fails (error, timeout, refused) is wrong; a gold query that fails is a
  :class:`~polysql.sql.executor.GoldQueryError` (reported, never scored as a zero).

Test-suite execution accuracy (TS, Zhong et al. 2020) applies the same comparison to the original
database and to every *variant* beside it: as in the reference ``eval_exec_match``, the variants are
the other ``.sqlite`` files in the database's folder ``database/<db_id>/`` (see
:func:`suite_databases`; polysql's mini benchmark writes ``<db_id>_ts<i>.sqlite``, and the
reference's distilled test-suite folders can be dropped in). A prediction is TS-correct only if it
matches on all of them; without variants TS is not available (``None``), never equal to EX.
"""

from __future__ import annotations

import logging
import os
import re
from collections import Counter
from dataclasses import dataclass
from typing import Any, Sequence

from polysql.sql.executor import ExecResult, GoldQueryError, SafeExecutor
from polysql.sql.text import map_spans

_DISTINCT = re.compile(r"\bdistinct\b", re.IGNORECASE)
logger = logging.getLogger(__name__)
_CUR_YEAR = re.compile(r"YEAR\s*\(\s*CURDATE\s*\(\s*\)\s*\)\s*", re.IGNORECASE)


@dataclass
class ExecMatch:
    """Execution-match verdict for one (prediction, gold) pair.

    Attributes:
        correct: the prediction's result equals the gold result.
        pred_error: why the prediction failed to run, else ``None``.
        pred_error_kind: the executor's error kind for the prediction.
        gold_error: why the gold query failed (an error in the data), else ``None``.
    """

    correct: bool
    pred_error: str | None = None
    pred_error_kind: str | None = None
    gold_error: str | None = None


def normalize_prediction(sql: str) -> str:
    """The reference's clean-up of a prediction: ``" value "`` placeholders become ``" 1 "``."""
    return sql.replace(" value ", " 1 ")


def remove_distinct(sql: str) -> str:
    """Remove every ``DISTINCT`` keyword in code, not in quotes or comments (the reference's default)."""
    return map_spans(sql, code=lambda code: _DISTINCT.sub("", code))


def prepare_for_execution(sql: str, *, keep_distinct: bool = False) -> str:
    """Apply the reference's textual clean-up before execution."""
    sql = sql.replace("> =", ">=").replace("< =", "<=").replace("! =", "!=")
    if not keep_distinct:
        sql = remove_distinct(sql)
    return _CUR_YEAR.sub("2020", sql)


def order_matters(gold_sql: str, rule: str = "reference") -> bool:
    """Whether row order is significant for this gold query.

    Args:
        gold_sql: the (prepared) gold query.
        rule: ``"reference"`` -- ``order by`` anywhere in the text (Spider's test-suite rule);
            ``"top_level"`` -- an ORDER BY of the outermost query only.
    """
    if rule == "reference":
        return "order by" in gold_sql.lower()
    if rule == "top_level":
        return _has_top_level_order_by(gold_sql)
    raise ValueError(f"order_rule must be 'reference' or 'top_level', not {rule!r}")


def _has_top_level_order_by(sql: str) -> bool:
    text = map_spans(sql, literal=lambda _: "''", comment=lambda _: " ").lower()
    depth = 0
    for match in re.finditer(r"[()]|\border\s+by\b", text):
        token = match.group(0)
        if token == "(":
            depth += 1
        elif token == ")":
            depth -= 1
        elif depth == 0:
            return True
    return False


# ---------------------------------------------------------------------------- result comparison
def _unordered_row(row: tuple) -> tuple:
    # The reference's necessary condition sorts each row's values by str(value)+str(type).
    return tuple(sorted(row, key=lambda value: str(value) + str(type(value))))


def results_equal(gold: Sequence[tuple], pred: Sequence[tuple], ordered: bool) -> bool:
    """Whether two query results are equal up to a column permutation (and row order if not ``ordered``).

    Values compare with Python equality (``1 == 1.0``), as in the reference.
    """
    if not gold and not pred:
        return True
    if len(gold) != len(pred):
        return False
    width = len(gold[0])
    if len(pred[0]) != width:
        return False
    gold_loose = [_unordered_row(r) for r in gold]
    pred_loose = [_unordered_row(r) for r in pred]
    if ordered:
        if gold_loose != pred_loose:
            return False
    elif set(gold_loose) != set(pred_loose):
        return False
    if width == 1:
        return list(gold) == list(pred) if ordered else Counter(gold) == Counter(pred)
    # Column j of the prediction can stand for gold column i only if both hold the same bag
    # of values: a necessary condition that prunes the permutations to try.
    gold_columns = [Counter(r[i] for r in gold) for i in range(width)]
    pred_columns = [Counter(r[j] for r in pred) for j in range(width)]
    candidates = [[j for j in range(width) if pred_columns[j] == gold_columns[i]] for i in range(width)]
    if any(not c for c in candidates):
        return False
    gold_bag = None if ordered else Counter(gold)
    gold_list = list(gold)

    def search(i: int, perm: list[int], used: set[int]) -> bool:
        if i == width:
            permuted = [tuple(row[j] for j in perm) for row in pred]
            return permuted == gold_list if ordered else Counter(permuted) == gold_bag
        for j in candidates[i]:
            if j not in used:
                perm.append(j)
                used.add(j)
                if search(i + 1, perm, used):
                    return True
                perm.pop()
                used.discard(j)
        return False

    return search(0, [], set())


# ---------------------------------------------------------------------------- test suite
def suite_databases(db_path: str | os.PathLike) -> list[str]:
    """The test-suite variants of ``db_path``: the other ``.sqlite`` files in its folder, sorted.

    Only the reference layout counts: ``<dir>/<db_id>/<db_id>.sqlite``. A database whose folder is
    not named after it (e.g. several databases side by side in one folder) has no variants, so
    unrelated databases are never taken for variants.
    """
    path = os.path.abspath(os.fspath(db_path))
    folder, name = os.path.split(path)
    stem, suffix = os.path.splitext(name)
    if suffix != ".sqlite" or os.path.basename(folder) != stem:
        return []
    try:
        names = os.listdir(folder)
    except OSError:
        return []
    return [
        os.path.join(folder, other)
        for other in sorted(names)
        if other.endswith(".sqlite") and other != name and os.path.isfile(os.path.join(folder, other))
    ]


def suite_match_many(
    executor: SafeExecutor,
    items: Sequence[tuple[str | os.PathLike, str, str]],
    ex_verdicts: Sequence[ExecMatch | None],
    *,
    workers: int = 0,
    keep_distinct: bool = False,
    order_rule: str = "reference",
    variants: dict[str, list[str]] | None = None,
) -> list[bool | None]:
    """Test-suite verdicts for a batch of ``(db_path, pred_sql, gold_sql)`` already scored by EX.

    Args:
        executor, workers, keep_distinct, order_rule: as for :func:`execution_match_many`.
        items: the pairs, aligned with ``ex_verdicts``.
        ex_verdicts: the EX verdict on the original database of each pair (``None``: not scored).
        variants: a cache ``{abspath: variant paths}`` shared between calls (optional).

    Returns:
        per pair: ``None`` when the database has no variants, the pair was not scored, or its gold
        query fails on a variant (an error in the variants, logged, never a zero); otherwise
        ``True`` when the prediction matches on the original and on every variant. An EX-wrong
        prediction is TS-wrong without running it on the variants.
    """
    cache = variants if variants is not None else {}
    verdicts: list[bool | None] = [None] * len(items)
    jobs: list[tuple[str, str, str]] = []
    owners: list[int] = []
    for index, ((db_path, pred_sql, gold_sql), ex) in enumerate(zip(items, ex_verdicts)):
        if ex is None or ex.gold_error:
            continue
        key = os.path.abspath(os.fspath(db_path))
        if key not in cache:
            cache[key] = suite_databases(key)
        if not cache[key]:
            continue
        verdicts[index] = bool(ex.correct)
        if ex.correct:
            for variant in cache[key]:
                jobs.append((variant, pred_sql, gold_sql))
                owners.append(index)
    failed_gold: set[int] = set()
    for index, match in zip(
        owners,
        execution_match_many(executor, jobs, workers=workers, keep_distinct=keep_distinct, order_rule=order_rule),
    ):
        if match.gold_error:
            failed_gold.add(index)
        elif not match.correct:
            verdicts[index] = False
    if failed_gold:
        logger.warning("%d gold queries fail on a test-suite variant: their TS is not available", len(failed_gold))
        for index in failed_gold:
            verdicts[index] = None
    return verdicts


# ---------------------------------------------------------------------------- public API
def execution_match(
    executor: SafeExecutor,
    db_path: str | os.PathLike,
    pred_sql: str,
    gold_sql: str,
    *,
    keep_distinct: bool = False,
    order_rule: str = "reference",
    raise_gold_errors: bool = False,
) -> ExecMatch:
    """Execution match of one prediction against its gold query on ``db_path``.

    Args:
        executor: the safe executor (its gold cache is used for the gold query).
        db_path: the SQLite database.
        pred_sql: model-written SQL.
        gold_sql: the reference SQL.
        keep_distinct: keep DISTINCT keywords (the reference's ``--keep_distinct``).
        order_rule: see :func:`order_matters`.
        raise_gold_errors: raise :class:`GoldQueryError` instead of recording it.

    Returns:
        An :class:`ExecMatch`; a failing prediction is simply wrong.
    """
    return execution_match_many(
        executor,
        [(db_path, pred_sql, gold_sql)],
        workers=0,
        keep_distinct=keep_distinct,
        order_rule=order_rule,
        raise_gold_errors=raise_gold_errors,
    )[0]


def execution_match_many(
    executor: SafeExecutor,
    items: Sequence[tuple[str | os.PathLike, str, str]],
    *,
    workers: int = 0,
    keep_distinct: bool = False,
    order_rule: str = "reference",
    raise_gold_errors: bool = False,
) -> list[ExecMatch]:
    """Execution match for a batch of ``(db_path, pred_sql, gold_sql)``.

    Gold queries run in this process through the executor's cache; predictions run in one
    :meth:`SafeExecutor.execute_many` call (``workers`` processes, 0 = in-process). A prediction
    returning more rows than its gold result is wrong, so its fetch stops there.
    """
    verdicts: list[ExecMatch | None] = [None] * len(items)
    golds: list[tuple[ExecResult, bool] | None] = [None] * len(items)
    jobs: list[tuple[str, str, dict[str, Any]]] = []
    job_index: list[int] = []
    for index, (db_path, pred_sql, gold_sql) in enumerate(items):
        gold = prepare_for_execution(normalize_prediction(gold_sql), keep_distinct=keep_distinct)
        try:
            gold_result = executor.execute_gold(db_path, gold)
        except GoldQueryError as exc:
            if raise_gold_errors:
                raise
            verdicts[index] = ExecMatch(False, gold_error=str(exc))
            continue
        golds[index] = (gold_result, order_matters(gold, order_rule))
        pred = prepare_for_execution(normalize_prediction(pred_sql or ""), keep_distinct=keep_distinct)
        rows_needed = len(gold_result.rows or ())
        jobs.append(
            (
                os.fspath(db_path),
                pred,
                {
                    "max_rows": rows_needed + 1,
                    "truncate": True,
                    "max_result_bytes": max(executor.max_result_bytes, _result_bytes(gold_result.rows) + 1),
                },
            )
        )
        job_index.append(index)
    results = executor.execute_many(jobs, workers=workers)
    for index, result in zip(job_index, results):
        gold_result, ordered = golds[index]  # type: ignore[misc]
        if not result.ok:
            verdicts[index] = ExecMatch(False, pred_error=result.error, pred_error_kind=result.error_kind)
        elif result.truncated:
            verdicts[index] = ExecMatch(False)  # more rows than the gold result
        else:
            verdicts[index] = ExecMatch(results_equal(gold_result.rows or [], result.rows or [], ordered))
    return verdicts  # type: ignore[return-value]


def _result_bytes(rows: Sequence[tuple] | None) -> int:
    total = 0
    for row in rows or ():
        for value in row:
            total += len(value) + 16 if isinstance(value, (str, bytes)) else 16
    return total
