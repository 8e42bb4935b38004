"""Evaluate predictions: execution accuracy (EX) and Spider exact-set match (Sem), per hardness.

Command line (``polysql evaluate``), either with the reference evaluator's own inputs::

    polysql evaluate --gold dev_gold.sql --pred pred.txt --db database/ --table tables.json \\
        --etype all --out examples.jsonl --summary metrics.json

(``--gold``: lines ``SQL<TAB>db_id``; ``--pred``: one SQL a line; databases at
``DIR/<db_id>/<db_id>.sqlite``) or with the workflow's prediction JSONL::

    polysql evaluate --records results/predictions/sys/de.jsonl --summary metrics.json

whose lines hold ``db_path``, ``gold_sql``, ``prediction`` and optionally ``id``, ``intent``,
``lang``, ``db_id``, ``hardness``. ``--out`` gets one object per example in input order
(``exec``, ``match``, ``hardness``, ``error`` ...), ``--summary`` the metrics summary, and a table
is printed (overall, per hardness, per language when known).

Columns are resolved with the schema read from each SQLite file, as the reference does; when a
``tables.json`` is given its foreign keys define the key groups of the exact match.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import Any, Iterable, Mapping

from polysql.io import DataError, iter_jsonl, write_json, write_jsonl
from polysql.sql.exact_match import COMPONENTS, GoldParseError, exact_match
from polysql.sql.exec_eval import execution_match_many
from polysql.sql.executor import GoldQueryError, SafeExecutor
from polysql.sql.hardness import LEVELS, spider_hardness
from polysql.sql.schema import Schema, load_tables_json

ETYPES = ("all", "exec", "match")


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
        return self._by_path[key]

    def key_schema(self, db_id: str | None) -> Schema | None:
        return self.key_schemas.get(db_id or "")


def _db_id_of(record: Mapping[str, Any]) -> str:
    return record.get("db_id") or Path(record["db_path"]).stem


def evaluate_records(records: Iterable[Mapping[str, Any]], *, executor: SafeExecutor,
                     schemas: Mapping[str, Schema] | None = None, etype: str = "all",
                     workers: int = 0, strict_gold: bool = True, keep_distinct: bool = False,
                     order_rule: str = "reference") -> tuple[list[dict[str, Any]], dict[str, Any]]:
    """Score predictions against gold queries.

    Args:
        records: dicts with ``db_path``, ``gold_sql``, ``prediction`` and optionally ``id``,
            ``intent``, ``lang``, ``db_id``, ``hardness`` (computed when absent).
        executor: the safe executor.
        schemas: ``{db_id: Schema}`` from tables.json (foreign-key groups of the exact match;
            also the parse schema when a database file is missing).
        etype: ``"all"``, ``"exec"`` (EX only) or ``"match"`` (Sem only).
        workers: processes for running predictions (0 = in-process).
        strict_gold: raise on a failing gold query (:class:`GoldQueryError`, naming the
            example); ``False`` records it as the example's error and counts it in the summary.
        keep_distinct, order_rule: see :func:`polysql.sql.exec_eval.execution_match`.

    Returns:
        ``(per_example, summary)``: one dict per record in input order, and :func:`summarize`.
    """
    if etype not in ETYPES:
        raise ValueError(f"etype must be one of {ETYPES}, not {etype!r}")
    records = list(records)
    for number, record in enumerate(records, start=1):
        for key in ("db_path", "gold_sql", "prediction"):
            if key not in record:
                raise DataError(f"record {number} ({record.get('id', 'no id')}): missing {key!r}")
    cache = _SchemaCache(schemas)

    def where(number: int, record: Mapping[str, Any]) -> str:
        return f"record {number} (id {record.get('id', '?')}, db {record['db_path']})"

    exec_results = [None] * len(records)
    if etype in ("all", "exec"):
        items = [(r["db_path"], r["prediction"] or "", r["gold_sql"]) for r in records]
        exec_results = execution_match_many(executor, items, workers=workers,
                                            keep_distinct=keep_distinct, order_rule=order_rule)

    per_example: list[dict[str, Any]] = []
    for number, (record, verdict) in enumerate(zip(records, exec_results), start=1):
        db_id = _db_id_of(record)
        schema = cache.parse_schema(record["db_path"], db_id)
        out: dict[str, Any] = {"id": record.get("id"), "intent": record.get("intent"),
                               "lang": record.get("lang"), "db_id": db_id}
        error = error_kind = parse_error = None
        hardness = record.get("hardness")
        if not hardness:
            hardness = spider_hardness(record["gold_sql"], schema)
        out["hardness"] = hardness
        out["exec"] = None
        if verdict is not None:
            if verdict.gold_error:
                if strict_gold:
                    raise GoldQueryError(record["db_path"], record["gold_sql"],
                                         f"{where(number, record)}: {verdict.gold_error}")
                error, error_kind = verdict.gold_error, "gold_error"
            elif verdict.pred_error:
                error, error_kind = verdict.pred_error, verdict.pred_error_kind
            out["exec"] = int(verdict.correct)
        out["match"] = None
        partial = None
        if etype in ("all", "match"):
            if schema is None:
                raise DataError(f"{where(number, record)}: no database file and no tables.json "
                                f"schema for {db_id!r}")
            try:
                result = exact_match(record["prediction"] or "", record["gold_sql"], schema,
                                     foreign_keys=cache.key_schema(db_id))
            except GoldParseError as exc:
                if strict_gold:
                    raise GoldParseError(record["gold_sql"], f"{where(number, record)}: "
                                         f"{exc.message}") from None
                error = error or str(exc)
                error_kind = error_kind or "gold_error"
                out["match"] = 0
            else:
                out["match"] = int(result.match)
                parse_error = result.error
                error = error or parse_error
                partial = {name: {"f1": c.f1, "pred_total": c.pred_total,
                                  "label_total": c.label_total}
                           for name, c in result.components.items()}
        out.update(error=error, error_kind=error_kind, parse_error=parse_error, partial=partial)
        per_example.append(out)
    return per_example, summarize(per_example)


def _mean(values: list[int]) -> float | None:
    return sum(values) / len(values) if values else None


def _rates(examples: list[dict[str, Any]]) -> dict[str, Any]:
    ex = [e["exec"] for e in examples if e.get("exec") is not None]
    sem = [e["match"] for e in examples if e.get("match") is not None]
    return {"n": len(examples), "ex": _mean(ex), "sem": _mean(sem)}


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


def summarize(per_example: list[dict[str, Any]], *, system: str | None = None,
              lang: str | None = None) -> dict[str, Any]:
    """The metrics summary of per-example results (fractions in [0, 1]).

    Returns:
        ``{"system", "lang", "n", "ex", "sem", "by_hardness": {level: {"n", "ex", "sem"}},
        "errors": {"pred_error", "timeout", "gold_error", "unparsable"},
        "partial": {component: f1}, "by_lang": {lang: {"n", "ex", "sem"}}}`` (``by_lang`` only
        when the examples carry languages). ``ex``/``sem`` are ``None`` when not evaluated.
    """
    langs = sorted({e["lang"] for e in per_example if e.get("lang")})
    if lang is None and len(langs) == 1:
        lang = langs[0]
    summary: dict[str, Any] = {"system": system, "lang": lang, **_rates(per_example)}
    summary["by_hardness"] = {level: _rates([e for e in per_example if e.get("hardness") == level])
                              for level in LEVELS}
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
        summary["by_lang"] = {code: _rates([e for e in per_example if e.get("lang") == code])
                              for code in langs}
    return summary


# ---------------------------------------------------------------------------- reference inputs
def read_gold_file(path: str | os.PathLike, db_dir: str | os.PathLike) -> list[dict[str, Any]]:
    """Read ``SQL<TAB>db_id`` lines (blank lines skipped) into records without predictions."""
    records = []
    with open(path, encoding="utf-8") as handle:
        for number, line in enumerate(handle, start=1):
            line = line.strip()
            if not line:
                continue
            if "\t" not in line:
                raise DataError(f"{path}:{number}: expected 'SQL<TAB>db_id'")
            sql, db_id = line.rsplit("\t", 1)
            db_id = db_id.strip()
            records.append({"id": f"{len(records)}", "db_id": db_id, "gold_sql": sql.strip(),
                            "db_path": os.path.join(db_dir, db_id, f"{db_id}.sqlite")})
    return records


def read_pred_file(path: str | os.PathLike, expected: int) -> list[str]:
    """Read one prediction a line (first tab field, like the reference).

    Empty lines count as empty predictions when that makes the counts agree; otherwise they
    are skipped.

    Raises:
        DataError: the number of predictions differs from ``expected``.
    """
    with open(path, encoding="utf-8") as handle:
        lines = [line.rstrip("\n").strip().split("\t")[0] for line in handle]
    while lines and not lines[-1] and len(lines) > expected:
        lines.pop()
    if len(lines) != expected:
        non_empty = [line for line in lines if line]
        if len(non_empty) != expected:
            raise DataError(f"{path}: {len(non_empty)} predictions ({len(lines)} lines) but "
                            f"{expected} gold queries")
        lines = non_empty
    return lines


def format_table(summary: dict[str, Any], etype: str = "all") -> str:
    """A fixed-width table like the reference's: counts, EX and exact match per level."""
    columns = list(LEVELS) + ["all"]
    cells = {level: summary["by_hardness"][level] for level in LEVELS}
    cells["all"] = summary
    for code, rates in (summary.get("by_lang") or {}).items():
        if len(summary.get("by_lang") or {}) > 1:
            columns.append(code)
            cells[code] = rates

    def fmt(value: Any) -> str:
        return "-" if value is None else (f"{value:.3f}" if isinstance(value, float) else str(value))

    lines = ["{:20}".format("") + "".join(f"{c:>10}" for c in columns),
             "{:20}".format("count") + "".join(f"{cells[c]['n']:>10}" for c in columns)]
    if etype in ("all", "exec"):
        lines.append("{:20}".format("execution") + "".join(f"{fmt(cells[c]['ex']):>10}" for c in columns))
    if etype in ("all", "match"):
        lines.append("{:20}".format("exact match") + "".join(f"{fmt(cells[c]['sem']):>10}" for c in columns))
        if summary.get("partial"):
            lines.append("partial match F1 (all)")
        for name, f1 in summary.get("partial", {}).items():
            lines.append(f"  {name:18}{f1:>10.3f}")
    errors = summary["errors"]
    lines.append("errors: " + ", ".join(f"{k}={v}" for k, v in errors.items()))
    return "\n".join(lines)


def add_parser(subparsers: Any) -> argparse.ArgumentParser:
    """Register ``polysql evaluate``."""
    parser = subparsers.add_parser(
        "evaluate", help="execution accuracy and exact-set match of predicted SQL",
        description=__doc__.split("\n\n")[0], formatter_class=argparse.RawDescriptionHelpFormatter)
    source = parser.add_argument_group("inputs (either --gold/--pred/--db or --records)")
    source.add_argument("--gold", help="gold file: one 'SQL<TAB>db_id' a line")
    source.add_argument("--pred", help="predictions: one SQL a line, in gold order")
    source.add_argument("--db", help="database dir: DIR/<db_id>/<db_id>.sqlite")
    source.add_argument("--records", help="prediction JSONL (db_path, gold_sql, prediction, ...)")
    parser.add_argument("--table", help="Spider tables.json (foreign keys for exact match)")
    parser.add_argument("--etype", choices=ETYPES, default="all")
    parser.add_argument("--out", help="per-example JSONL output")
    parser.add_argument("--summary", help="metrics summary JSON output")
    parser.add_argument("--system", help="system name written into the summary")
    parser.add_argument("--lang", help="language written into the summary")
    parser.add_argument("--timeout", type=float, default=2.0, help="seconds per prediction")
    parser.add_argument("--workers", type=int, default=0, help="worker processes (0: in-process)")
    parser.add_argument("--keep-distinct", action="store_true",
                        help="keep DISTINCT when comparing results (reference --keep_distinct)")
    parser.add_argument("--order-rule", choices=("reference", "top_level"), default="reference",
                        help="when row order matters: 'order by' anywhere in the gold "
                             "(reference) or a top-level ORDER BY")
    parser.add_argument("--allow-gold-errors", action="store_true",
                        help="record failing gold queries instead of stopping")
    parser.set_defaults(func=run_cli)
    return parser


def run_cli(args: argparse.Namespace) -> int:
    """Run ``polysql evaluate``; returns the exit code."""
    try:
        if args.records:
            if args.gold or args.pred:
                raise DataError("use either --records or --gold/--pred/--db, not both")
            records = list(iter_jsonl(args.records))
        else:
            if not (args.gold and args.pred and args.db):
                raise DataError("--gold, --pred and --db are required (or use --records)")
            records = read_gold_file(args.gold, args.db)
            for record, prediction in zip(records, read_pred_file(args.pred, len(records))):
                record["prediction"] = prediction
        schemas = load_tables_json(args.table) if args.table else None
        with SafeExecutor(timeout_s=args.timeout) as executor:
            per_example, summary = evaluate_records(
                records, executor=executor, schemas=schemas, etype=args.etype,
                workers=args.workers, strict_gold=not args.allow_gold_errors,
                keep_distinct=args.keep_distinct, order_rule=args.order_rule)
    except (DataError, GoldQueryError, FileNotFoundError) as exc:
        print(f"polysql evaluate: error: {exc}", file=sys.stderr)
        return 2
    summary = summarize(per_example, system=args.system, lang=args.lang)
    if args.out:
        write_jsonl(args.out, per_example)
    if args.summary:
        write_json(args.summary, summary)
    print(format_table(summary, args.etype))
    return 0
