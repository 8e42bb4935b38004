"""Evaluate predictions: execution accuracy (EX) and Spider exact-set match, per hardness.

Exact-set match is the paper's "Sem" column; in records and summaries its key is ``exact_match``.
Test-suite EX (``ts``) is scored too when a database has variants: other ``.sqlite`` files in its
folder ``<db_id>/`` (the reference test-suite layout; see
:func:`polysql.sql.exec_eval.suite_databases`). A prediction is TS-correct when it matches the gold
on the original and on every variant. Without variants ``ts`` is ``None`` and the summary has no
``ts`` key.

A failing gold query stops the run, or with ``allow_gold_errors`` its example is excluded from EX and exact
match (counted, never a zero). A prediction longer than 1,000,000 characters is scored wrong at once
(``too_large``). Columns are resolved with the schema read from each SQLite file, as the reference does; when a
``tables.json`` is given its foreign keys define the key groups of the exact match.

The workflow's evaluate stage calls :func:`evaluate_predictions` (config ``sql`` limits, labels); the command
line is :mod:`polysql.sql.evaluate_cli` (``polysql evaluate``).
"""

from __future__ import annotations

import logging
import os
import sqlite3
from pathlib import Path
from typing import Any, Iterable, Mapping

from polysql.io import (
    DataError,
    database_problem,
)
from polysql.sql.exact_match import COMPONENTS, GoldParseError, exact_match
from polysql.sql.exec_eval import (
    ExecMatch,
    execution_match_many,
    normalize_prediction,
    prepare_for_execution,
    suite_match_many,
)
from polysql.sql.executor import GoldQueryError, SafeExecutor
from polysql.sql.hardness import LEVELS, spider_hardness
from polysql.sql.schema import Schema, load_tables_json
from polysql.sql.spider_parser import MAX_SQL_CHARS

ETYPES = ("all", "exec", "match")

log = logging.getLogger(__name__)


class GoldRecordError(GoldQueryError):
    """A gold query of one record failed or cannot be read; the message names the record once."""

    def __init__(self, where: str, db_path: str, sql: str, message: str, kind: str | None = None):
        RuntimeError.__init__(self, f"{where}: gold query failed ({kind or 'error'}): {message} -- SQL: {sql}")
        self.db_path, self.sql, self.message, self.kind = db_path, sql, message, kind


class _SchemaCache:
    """SQLite schemas per path (the reference parses with them) and tables.json key schemas."""

    def __init__(self, key_schemas: Mapping[str, Schema] | None):
        self.key_schemas = dict(key_schemas or {})
        self._by_path: dict[str, Schema | None] = {}

    def parse_schema(self, db_path: str, db_id: str | None) -> Schema | None:
        key = os.path.abspath(db_path)
        if key not in self._by_path:
            try:
                self._by_path[key] = Schema.from_sqlite(db_path)
            except FileNotFoundError:
                self._by_path[key] = self.key_schemas.get(db_id or "")
            except sqlite3.Error as exc:
                raise DataError(f"corrupt SQLite database ({exc}): {db_path}") from None
        return self._by_path[key]

    def key_schema(self, db_id: str | None) -> Schema | None:
        return self.key_schemas.get(db_id or "")


def _db_id_of(record: Mapping[str, Any]) -> str:
    return record.get("db_id") or Path(record["db_path"]).stem


def _check_databases(records: list[Mapping[str, Any]], cache: _SchemaCache, *, needs_file: bool) -> None:
    """Check every database once before any query runs (missing, empty, corrupt).

    A database file the evaluation needs must be usable: a problem is raised once, naming the
    file, the first record using it and how many use it. With ``needs_file`` false (exact match
    only), a missing file is fine when tables.json describes the database.
    """
    users: dict[str, list[int]] = {}
    for number, record in enumerate(records, start=1):
        users.setdefault(os.fspath(record["db_path"]), []).append(number)
    warned: set[str] = set()
    for db_path, numbers in users.items():
        record = records[numbers[0] - 1]
        db_id = _db_id_of(record)
        problem = database_problem(db_path)
        if problem and not (
            problem.startswith("database not found") and not needs_file and cache.key_schema(db_id) is not None
        ):
            count = f"; {len(numbers)} records use it" if len(numbers) > 1 else ""
            source = f", {record['source']}" if record.get("source") else ""
            raise DataError(f"record {numbers[0]} (id {record.get('id', '?')}{source}): {problem}{count}")
        if cache.key_schemas and cache.key_schema(db_id) is None and db_id not in warned:
            warned.add(db_id)
            log.warning(
                "tables.json has no entry for database %r (%d records): its foreign keys "
                "are read from the SQLite file instead",
                db_id,
                len(numbers),
            )


def evaluate_records(
    records: Iterable[Mapping[str, Any]],
    *,
    executor: SafeExecutor,
    schemas: Mapping[str, Schema] | None = None,
    etype: str = "all",
    workers: int = 0,
    strict_gold: bool = True,
    keep_distinct: bool = False,
    order_rule: str = "reference",
    test_suite: bool = True,
) -> tuple[list[dict[str, Any]], dict[str, Any]]:
    """Score predictions against gold queries.

    Args:
        records: dicts with ``db_path``, ``gold_sql``, ``prediction`` and optionally ``id``,
            ``intent``, ``lang``, ``db_id``, ``hardness`` (computed when absent).
        executor: the safe executor.
        schemas: ``{db_id: Schema}`` from tables.json (foreign-key groups of the exact match;
            also the parse schema when a database file is missing).
        etype: ``"all"``, ``"exec"`` (EX only) or ``"match"`` (exact match only; the reference's names).
        workers: processes for running predictions (0 = in-process).
        strict_gold: raise on a failing or unreadable gold query (:class:`GoldQueryError`,
            naming the record); ``False`` excludes that example from EX and exact match (``exec``
            and ``exact_match`` are ``None``, ``error_kind`` is ``"gold_error"``) and counts it in the
            summary's ``errors.gold_error``, never as a zero.
        keep_distinct, order_rule: see :func:`polysql.sql.exec_eval.execution_match`.
        test_suite: also score test-suite EX (``ts``) where a database has variants (see
            :func:`polysql.sql.exec_eval.suite_match_many`); ``ts`` is ``None`` elsewhere.

    Returns:
        ``(per_example, summary)``: one dict per record in input order, and :func:`summarize`.
    """
    if etype not in ETYPES:
        raise ValueError(f"etype must be one of {ETYPES}, not {etype!r}")
    records = list(records)
    if not records:
        raise DataError("no records to evaluate")

    def where(number: int, record: Mapping[str, Any]) -> str:
        source = f", {record['source']}" if record.get("source") else ""
        return f"record {number} (id {record.get('id', '?')}, db {record['db_path']}{source})"

    for number, record in enumerate(records, start=1):
        for key in ("db_path", "gold_sql", "prediction"):
            if key not in record:
                raise DataError(f"record {number} ({record.get('id', 'no id')}): missing {key!r}")
        if not isinstance(record["gold_sql"], str) or not record["gold_sql"].strip():
            raise DataError(f"{where(number, record)}: the gold query is empty or not a string")
        if "\x00" in record["gold_sql"]:
            raise DataError(f"{where(number, record)}: the gold query contains a NUL byte")
        if record["prediction"] is not None and not isinstance(record["prediction"], str):
            raise DataError(
                f"{where(number, record)}: 'prediction' is a {type(record['prediction']).__name__}, not a string"
            )
    cache = _SchemaCache(schemas)
    _check_databases(records, cache, needs_file=etype in ("all", "exec"))

    # Gold queries first (cached by the executor, so the batch below does not run them again):
    # a failing one stops the evaluation (strict) or excludes its example from EX and exact match.
    gold_errors: dict[int, tuple[str, str]] = {}
    if etype in ("all", "exec"):
        for index, record in enumerate(records):
            gold = prepare_for_execution(normalize_prediction(record["gold_sql"]), keep_distinct=keep_distinct)
            try:
                executor.execute_gold(record["db_path"], gold)
            except GoldQueryError as exc:
                if strict_gold:
                    raise GoldRecordError(
                        where(index + 1, record),
                        os.fspath(record["db_path"]),
                        record["gold_sql"],
                        exc.message,
                        exc.kind,
                    ) from None
                gold_errors[index] = (f"gold query failed ({exc.kind or 'error'}): {exc.message}", "gold_error")

    exec_results: list[Any] = [None] * len(records)
    if etype in ("all", "exec"):
        scored = []
        for i in range(len(records)):
            size = len(records[i]["prediction"] or "")
            if i in gold_errors:
                continue
            if size > MAX_SQL_CHARS:  # wrong at once, as the SQL runner's 1 MB limit would say
                exec_results[i] = ExecMatch(
                    False,
                    pred_error=f"prediction too long ({size:,} characters; the limit is {MAX_SQL_CHARS:,})",
                    pred_error_kind="too_large",
                )
            else:
                scored.append(i)
        items = [(records[i]["db_path"], records[i]["prediction"] or "", records[i]["gold_sql"]) for i in scored]
        verdicts = execution_match_many(
            executor, items, workers=workers, keep_distinct=keep_distinct, order_rule=order_rule
        )
        for i, verdict in zip(scored, verdicts):
            exec_results[i] = verdict

    ts_results: list[bool | None] = [None] * len(records)
    if etype in ("all", "exec") and test_suite:
        ts_results = suite_match_many(
            executor,
            [(r["db_path"], r["prediction"] or "", r["gold_sql"]) for r in records],
            exec_results,
            workers=workers,
            keep_distinct=keep_distinct,
            order_rule=order_rule,
        )

    per_example: list[dict[str, Any]] = []
    for number, (record, verdict) in enumerate(zip(records, exec_results), start=1):
        index = number - 1
        db_id = _db_id_of(record)
        prediction = record["prediction"] or ""
        out: dict[str, Any] = {
            "id": record.get("id"),
            "intent": record.get("intent"),
            "lang": record.get("lang"),
            "db_id": db_id,
            "prediction": prediction,
        }
        error = error_kind = parse_error = None
        partial = None
        out["hardness"] = record.get("hardness") or None
        out["exec"] = out["exact_match"] = out["ts"] = None
        schema = None
        if index not in gold_errors:
            schema = cache.parse_schema(record["db_path"], db_id)
            if not out["hardness"]:
                try:
                    out["hardness"] = spider_hardness(record["gold_sql"], schema)
                except ValueError as exc:
                    if strict_gold:
                        raise GoldRecordError(
                            where(number, record),
                            os.fspath(record["db_path"]),
                            record["gold_sql"],
                            str(exc).splitlines()[0],
                            "unparsable",
                        ) from None
                    gold_errors[index] = (f"gold query unreadable: {str(exc).splitlines()[0]}", "gold_error")
        if index in gold_errors:
            error, error_kind = gold_errors[index]
            out.update(error=error, error_kind=error_kind, parse_error=None, partial=None)
            per_example.append(out)
            continue
        if verdict is not None:
            if verdict.pred_error:
                error, error_kind = verdict.pred_error, verdict.pred_error_kind
            out["exec"] = int(verdict.correct)
            ts = ts_results[index]
            out["ts"] = None if ts is None else int(ts)
            out["executable"] = int(not verdict.pred_error)  # ran without error (right or wrong)
        if etype in ("all", "match"):
            if schema is None:
                raise DataError(f"{where(number, record)}: no database file and no tables.json schema for {db_id!r}")
            try:
                result = exact_match(prediction, record["gold_sql"], schema, foreign_keys=cache.key_schema(db_id))
            except GoldParseError as exc:
                if strict_gold:
                    raise GoldParseError(record["gold_sql"], f"{where(number, record)}: {exc.message}") from None
                out.update(
                    exec=None,
                    executable=None,
                    ts=None,
                    error=f"gold query unreadable: {exc.message}",
                    error_kind="gold_error",
                    parse_error=None,
                    partial=None,
                )
                per_example.append(out)
                continue
            out["exact_match"] = int(result.match)
            parse_error = result.error
            error = error or parse_error
            partial = {
                name: {"f1": c.f1, "pred_total": c.pred_total, "label_total": c.label_total}
                for name, c in result.components.items()
            }
        out.update(error=error, error_kind=error_kind, parse_error=parse_error, partial=partial)
        per_example.append(out)
    return per_example, summarize(per_example)


def _mean(values: list[int]) -> float | None:
    return sum(values) / len(values) if values else None


def _rates(examples: list[dict[str, Any]], with_ts: bool = False) -> dict[str, Any]:
    # Examples whose gold query failed are excluded: not in n, not a zero in EX or exact match.
    scored = [e for e in examples if e.get("error_kind") != "gold_error"]
    ex = [e["exec"] for e in scored if e.get("exec") is not None]
    exact = [e["exact_match"] for e in scored if e.get("exact_match") is not None]
    executable = [e["executable"] for e in scored if e.get("executable") is not None]
    rates = {"n": len(scored), "ex": _mean(ex), "exact_match": _mean(exact), "executable": _mean(executable)}
    if with_ts:  # test-suite EX over the examples whose database has variants
        ts = [e["ts"] for e in scored if e.get("ts") is not None]
        rates.update(ts=_mean(ts), ts_n=len(ts))
    return rates


def _partial_f1(examples: list[dict[str, Any]]) -> dict[str, float]:
    """Aggregate component scores as the reference does (mean acc over predictions having the
    component, mean recall over golds having it, F1 of the two; 1 when both are 0)."""
    scores = {}
    for name in COMPONENTS:
        acc, acc_n, rec, rec_n = 0.0, 0, 0.0, 0
        for example in examples:
            component = (example.get("partial") or {}).get(name)
            if component is None:
                continue
            if component["pred_total"] > 0:
                acc, acc_n = acc + component["f1"], acc_n + 1
            if component["label_total"] > 0:
                rec, rec_n = rec + component["f1"], rec_n + 1
        acc = acc / acc_n if acc_n else 0.0
        rec = rec / rec_n if rec_n else 0.0
        scores[name] = 1.0 if acc == 0 and rec == 0 else 2.0 * acc * rec / (acc + rec)
    return scores


def summarize(
    per_example: list[dict[str, Any]], *, system: str | None = None, lang: str | None = None
) -> dict[str, Any]:
    """The metrics summary of per-example results (fractions in [0, 1]).

    ``n`` counts the scored examples: those whose gold query failed (``--allow-gold-errors``)
    are left out of ``n``, ``ex`` and ``exact_match`` and counted in ``errors.gold_error``.

    Returns:
        ``{"system", "lang", "n", "ex", "exact_match", "executable",
        "by_hardness": {level: {"n", "ex", "exact_match", "executable"}},
        "errors": {"pred_error", "timeout", "gold_error", "unparsable"},
        "partial": {component: f1}, "by_lang": {lang: {"n", "ex", "exact_match", "executable"}}}``
        (``by_lang`` only when the examples carry languages). ``ex``/``exact_match`` are ``None``
        when not evaluated.
        When any example has a test-suite verdict, every scope also has ``ts`` (test-suite EX
        over the examples with one) and ``ts_n``; otherwise these keys are absent (not available).
    """
    langs = sorted({e["lang"] for e in per_example if e.get("lang")})
    if lang is None and len(langs) == 1:
        lang = langs[0]
    with_ts = any(e.get("ts") is not None for e in per_example)
    summary: dict[str, Any] = {"system": system, "lang": lang, **_rates(per_example, with_ts)}
    summary["by_hardness"] = {
        level: _rates([e for e in per_example if e.get("hardness") == level], with_ts) for level in LEVELS
    }
    kinds = [e.get("error_kind") for e in per_example]
    summary["errors"] = {
        "pred_error": sum(1 for k in kinds if k not in (None, "timeout", "gold_error")),
        "timeout": sum(1 for k in kinds if k == "timeout"),
        "gold_error": sum(1 for k in kinds if k == "gold_error"),
        "unparsable": sum(1 for e in per_example if e.get("parse_error")),
    }
    has_partial = any(e.get("partial") for e in per_example)
    summary["partial"] = _partial_f1(per_example) if has_partial else {}
    if langs:
        summary["by_lang"] = {
            code: _rates([e for e in per_example if e.get("lang") == code], with_ts) for code in langs
        }
    return summary


def load_key_schemas(tables_json: str | os.PathLike | None) -> dict:
    """Spider ``tables.json`` schemas by db_id ({} when there is none): the exact-set match takes
    its foreign-key groups from them; the SQLite files give the rest."""
    return dict(load_tables_json(tables_json)) if tables_json and Path(tables_json).is_file() else {}


def evaluate_predictions(
    records: Iterable[Mapping[str, Any]],
    *,
    sql_config: Mapping[str, Any] | None = None,
    tables_json: str | os.PathLike | None = None,
    system: str | None = None,
    lang: str | None = None,
) -> tuple[list[dict[str, Any]], dict[str, Any]]:
    """Score prediction records with execution accuracy and exact-set match.

    Args:
        records: prediction records (:func:`polysql.models.pipeline.generate_predictions` output).
        sql_config: config ``sql:`` (timeout_s, max_rows, max_result_bytes, workers).
        tables_json: the benchmark's tables.json (optional).
        system, lang: labels put first in the summary.

    Returns:
        (per-example rows in input order, summary dict {"system", "lang", "n", "ex", "exact_match", ...}).

    Raises:
        polysql.sql.executor.GoldQueryError: a gold query fails (an error in the data, not a zero).
    """
    from polysql.config_schema import with_defaults

    cfg = with_defaults(sql_config, "sql")  # the schema's limits where the section leaves one out
    executor = SafeExecutor(
        timeout_s=float(cfg["timeout_s"]),
        max_rows=int(cfg["max_rows"]),
        max_result_bytes=int(cfg["max_result_bytes"]),
    )
    with executor:
        per_example, summary = evaluate_records(
            list(records),
            executor=executor,
            schemas=load_key_schemas(tables_json),
            etype="all",
            workers=int(cfg["workers"]),
        )
    labelled = {"system": system, "lang": lang}
    labelled.update({k: v for k, v in summary.items() if k not in labelled})
    return per_example, labelled


# ---------------------------------------------------------------------------- reference inputs
