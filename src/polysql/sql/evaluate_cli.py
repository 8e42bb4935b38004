"""The ``polysql evaluate`` command: the reference evaluator's inputs or the workflow's JSONL, scored by
:mod:`polysql.sql.evaluate`.

Exact-set match is the paper's "Sem" column; in records and summaries its key is ``exact_match``.

Command line (``polysql evaluate``), either with the reference evaluator's own inputs::

    polysql evaluate --gold dev_gold.sql --pred pred.txt --db database/ --table tables.json \
        --etype all --out examples.jsonl --summary metrics.json

(``--gold``: lines ``SQL<TAB>db_id``; ``--pred``: one SQL a line, the whole line, so a tab inside
the SQL is kept and a blank line is an empty prediction; databases at
``DIR/<db_id>/<db_id>.sqlite``) or with the workflow's prediction JSONL::

    polysql evaluate --records results/predictions/sys/de.jsonl --summary metrics.json

whose lines hold ``db_path``, ``gold_sql``, ``prediction`` and optionally ``id``, ``intent``,
``lang``, ``db_id``, ``hardness``. ``--out`` gets one object per example in input order
(``prediction`` as scored, ``exec``, ``exact_match``, ``ts``, ``hardness``, ``error`` ...), ``--summary`` the
metrics summary, and a table is printed (overall, per hardness, per language when known).

Test-suite EX (``ts``) is scored too when a database has variants: other ``.sqlite`` files in its
folder ``<db_id>/`` (the reference test-suite layout; see
:func:`polysql.sql.exec_eval.suite_databases`). A prediction is TS-correct when it matches the gold
on the original and on every variant. Without variants ``ts`` is ``None`` and the summary has no
``ts`` key; ``--no-test-suite`` skips it.

Bad input stops the command with exit code 2 and one message naming the file, line, record or
option, before anything is written: inputs that are not UTF-8, a missing, empty (0-byte) or
corrupt database, a NUL byte in a gold query, an empty gold file, a prediction count that differs
from the gold count, ``--timeout <= 0``, ``--workers < 0``, a ``db_id`` that is not one plain name
(``..``, ``/``, an absolute path) or whose database resolves outside ``--db`` (symbolic links
followed; with ``--records`` and ``--db`` every ``db_path`` must lie inside ``--db``). Outputs are never an input and
never
replace anything but a regular file: an existing ``--out``/``--summary`` file is replaced only
with ``--force``; a FIFO, ``/dev/stdout`` or another device is written through; a directory is
refused; new files get the mode the umask gives. A failing gold query stops the run, or with
``--allow-gold-errors`` its example is excluded from EX and exact match (counted, never a zero). A
prediction longer than 1,000,000 characters is scored wrong at once (``too_large``).

Columns are resolved with the schema read from each SQLite file, as the reference does; when a
``tables.json`` is given its foreign keys define the key groups of the exact match.

The scoring itself is :mod:`polysql.sql.evaluate` (the workflow's evaluate stage calls its
:func:`~polysql.sql.evaluate.evaluate_predictions`).
"""

from __future__ import annotations

import argparse
import logging
import math
import os
import sys
from typing import Any

from polysql.io import (
    DataError,
    check_output_path,
    iter_jsonl,
    read_text_lines,
    write_json,
    write_jsonl,
)
from polysql.paths import UnsafePathError, check_component, confined_path
from polysql.sql.evaluate import ETYPES, evaluate_records, summarize
from polysql.sql.executor import GoldQueryError, SafeExecutor
from polysql.sql.hardness import LEVELS
from polysql.sql.schema import load_tables_json

log = logging.getLogger(__name__)


def read_gold_file(path: str | os.PathLike, db_dir: str | os.PathLike) -> list[dict[str, Any]]:
    """Read ``SQL<TAB>db_id`` lines (blank lines skipped) into records without predictions.

    Raises:
        DataError: a line without a tab or db_id, a NUL byte, invalid UTF-8 (file and line named).
    """
    records: list[dict[str, Any]] = []
    for number, line in enumerate(read_text_lines(path), start=1):
        line = line.strip()
        if not line:
            continue
        if "\t" not in line:
            raise DataError(f"{path}:{number}: expected 'SQL<TAB>db_id'")
        sql, db_id = line.rsplit("\t", 1)
        sql, db_id = sql.strip(), db_id.strip()
        if "\x00" in line:
            raise DataError(f"{path}:{number}: the gold line contains a NUL byte")
        if not sql or not db_id:
            raise DataError(f"{path}:{number}: empty {'SQL' if not sql else 'db_id'} in 'SQL<TAB>db_id'")
        db_path = confined_path(db_dir, db_id, f"{db_id}.sqlite", kind="db_id", source=f"{path}:{number}")
        records.append(
            {
                "id": f"{len(records)}",
                "db_id": db_id,
                "gold_sql": sql,
                "db_path": str(db_path),
                "source": f"{path}:{number}",
            }
        )
    return records


def read_pred_file(path: str | os.PathLike, expected: int, db_ids: list[str] | None = None) -> list[str]:
    """Read one prediction a line, in gold order.

    * The whole line is the prediction: a tab inside the SQL is kept (SQLite reads it as a
      space). Only a last tab field equal to the line's gold ``db_id`` (the ``SQL<TAB>db_id``
      form some tools write) is removed.
    * A blank line is an empty prediction (scored wrong, never dropped); blank lines after the
      last prediction are ignored.

    Raises:
        DataError: the number of predictions differs from ``expected`` (the blank lines are
            named), or a line is not valid UTF-8.
    """
    lines = [line.strip() for line in read_text_lines(path)]
    while lines and not lines[-1] and len(lines) > expected:
        lines.pop()
    blank = [number for number, line in enumerate(lines, start=1) if not line]
    if len(lines) != expected:
        note = ""
        if blank:
            shown = ", ".join(map(str, blank[:10])) + (", ..." if len(blank) > 10 else "")
            note = f"; blank lines ({shown}) count as empty predictions"
        raise DataError(
            f"{path}: {len(lines) - len(blank)} predictions ({len(lines)} lines) but {expected} gold queries{note}"
        )
    predictions = []
    for index, line in enumerate(lines):
        if db_ids is not None and "\t" in line:
            sql, last = line.rsplit("\t", 1)
            if last.strip() == db_ids[index]:
                line = sql.strip()
        predictions.append(line)
    if blank:
        log.warning(
            "%s: %d blank line(s) scored as empty predictions (line %s)",
            path,
            len(blank),
            ", ".join(map(str, blank[:10])) + (", ..." if len(blank) > 10 else ""),
        )
    return predictions


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

    lines = [
        "{:20}".format("") + "".join(f"{c:>10}" for c in columns),
        "{:20}".format("count") + "".join(f"{cells[c]['n']:>10}" for c in columns),
    ]
    if etype in ("all", "exec"):
        lines.append("{:20}".format("execution") + "".join(f"{fmt(cells[c]['ex']):>10}" for c in columns))
        if "ts" in summary:
            lines.append("{:20}".format("test-suite exec") + "".join(f"{fmt(cells[c].get('ts')):>10}" for c in columns))
    if etype in ("all", "match"):
        lines.append("{:20}".format("exact match") + "".join(f"{fmt(cells[c]['exact_match']):>10}" for c in columns))
        if summary.get("partial"):
            lines.append("partial match F1 (all)")
        for name, f1 in summary.get("partial", {}).items():
            lines.append(f"  {name:18}{f1:>10.3f}")
    errors = summary["errors"]
    lines.append("errors: " + ", ".join(f"{k}={v}" for k, v in errors.items()))
    return "\n".join(lines)


def _positive_seconds(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number: {text!r}") from None
    if not math.isfinite(value) or value <= 0:
        raise argparse.ArgumentTypeError(f"must be a finite number of seconds > 0, not {text}")
    return value


def _non_negative_int(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not an integer: {text!r}") from None
    if value < 0:
        raise argparse.ArgumentTypeError(f"must be 0 (in-process) or more, not {value}")
    return value


def add_parser(subparsers: Any) -> argparse.ArgumentParser:
    """Register ``polysql evaluate``."""
    parser = subparsers.add_parser(
        "evaluate",
        help="execution accuracy and exact-set match of predicted SQL",
        description=__doc__.split("\n\n")[0],
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    source = parser.add_argument_group("inputs (either --gold/--pred/--db or --records)")
    source.add_argument("--gold", help="gold file: one 'SQL<TAB>db_id' a line")
    source.add_argument(
        "--pred",
        help="predictions: one SQL a line, in gold order (the whole line; a blank line is an empty prediction)",
    )
    source.add_argument(
        "--db", help="database dir: DIR/<db_id>/<db_id>.sqlite (with --records: every db_path must lie inside it)"
    )
    source.add_argument("--records", help="prediction JSONL (db_path, gold_sql, prediction, ...)")
    parser.add_argument("--table", help="Spider tables.json (foreign keys for exact match)")
    parser.add_argument("--etype", choices=ETYPES, default="all")
    parser.add_argument(
        "--out", help="per-example JSONL output (never an input; a FIFO or /dev/stdout is written through)"
    )
    parser.add_argument("--summary", help="metrics summary JSON output")
    parser.add_argument(
        "--force", action="store_true", help="replace an existing --out/--summary file (refused otherwise)"
    )
    parser.add_argument("--system", help="system name written into the summary")
    parser.add_argument("--lang", help="language written into the summary")
    parser.add_argument("--timeout", type=_positive_seconds, default=2.0, help="seconds per prediction (> 0)")
    parser.add_argument("--workers", type=_non_negative_int, default=0, help="worker processes (0: in-process)")
    parser.add_argument(
        "--keep-distinct", action="store_true", help="keep DISTINCT when comparing results (reference --keep_distinct)"
    )
    parser.add_argument(
        "--order-rule",
        choices=("reference", "top_level"),
        default="reference",
        help="when row order matters: 'order by' anywhere in the gold (reference) or a top-level ORDER BY",
    )
    parser.add_argument(
        "--no-test-suite", action="store_true", help="skip test-suite EX (the other .sqlite files in DIR/<db_id>/)"
    )
    parser.add_argument(
        "--allow-gold-errors",
        action="store_true",
        help="exclude examples whose gold query fails (counted, never scored 0) instead of stopping",
    )
    parser.set_defaults(func=run_cli)
    return parser


def _check_outputs(args: argparse.Namespace) -> None:
    """Refuse outputs that would destroy an input or a non-file, before any work is done."""
    inputs = [args.gold, args.pred, args.records, args.table]
    if args.out and args.summary and os.path.abspath(args.out) == os.path.abspath(args.summary):
        raise DataError(f"--out and --summary are the same file: {args.out}")
    for option, path in (("--out", args.out), ("--summary", args.summary)):
        if path:
            check_output_path(path, inputs=inputs, force=args.force, option=option)


def _read_inputs(args: argparse.Namespace) -> list[dict[str, Any]]:
    if args.records:
        if args.gold or args.pred:
            raise DataError("use either --records or --gold/--pred/--db, not both")
        records = list(iter_jsonl(args.records))
        if not records:
            raise DataError(f"--records {args.records}: no records (the file is empty)")
        _confine_records(records, args.records, args.db)
        return records
    if not (args.gold and args.pred and args.db):
        raise DataError("--gold, --pred and --db are required (or use --records)")
    if not os.path.isdir(args.db):
        raise DataError(
            f"--db folder not found: {args.db}" if not os.path.exists(args.db) else f"--db {args.db} is not a folder"
        )
    records = read_gold_file(args.gold, args.db)
    if not records:
        raise DataError(f"--gold {args.gold}: no gold queries (the file is empty)")
    predictions = read_pred_file(args.pred, len(records), [r["db_id"] for r in records])
    for record, prediction, number in zip(records, predictions, range(1, len(records) + 1)):
        record["prediction"] = prediction
        record["source"] += f", {args.pred}:{number}"
    return records


def _confine_records(records: list[dict[str, Any]], path: str, db_dir: str | None) -> None:
    """Check each record's ``db_id`` is one plain name and, with ``--db``, that its ``db_path`` lies in that folder.

    Raises:
        UnsafePathError: naming the record and the file (nothing is read from the database first).
    """
    for number, record in enumerate(records, start=1):
        where = f"{path} record {number}"
        if record.get("db_id") is not None:
            check_component(record["db_id"], "db_id", source=where)
        if db_dir and record.get("db_path"):
            real_root, real = os.path.realpath(db_dir), os.path.realpath(record["db_path"])
            if not real.startswith(real_root.rstrip(os.sep) + os.sep):
                raise UnsafePathError(
                    f"db_path {record['db_path']!r} ({where}) resolves to {real}, outside --db "
                    f"{db_dir}; refusing to read it"
                )


def run_cli(args: argparse.Namespace) -> int:
    """Run ``polysql evaluate``; returns the exit code (2 on bad input, nothing written then)."""
    handler = logging.StreamHandler(sys.stderr)  # warnings (blank lines, tables.json) to stderr
    handler.setFormatter(logging.Formatter("polysql evaluate: warning: %(message)s"))
    handler.setLevel(logging.WARNING)
    scoring = logging.getLogger("polysql.sql")  # this command's and the scoring's (polysql.sql.evaluate) loggers
    scoring.addHandler(handler)
    try:
        return _run(args)
    finally:
        scoring.removeHandler(handler)


def _run(args: argparse.Namespace) -> int:
    try:
        _check_outputs(args)
        records = _read_inputs(args)
        schemas = load_tables_json(args.table) if args.table else None
        with SafeExecutor(timeout_s=args.timeout) as executor:
            per_example, summary = evaluate_records(
                records,
                executor=executor,
                schemas=schemas,
                etype=args.etype,
                workers=args.workers,
                strict_gold=not args.allow_gold_errors,
                keep_distinct=args.keep_distinct,
                order_rule=args.order_rule,
                test_suite=not args.no_test_suite,
            )
        summary = summarize(per_example, system=args.system, lang=args.lang)
        if args.out:
            write_jsonl(args.out, per_example)
        if args.summary:
            write_json(args.summary, summary)
    except (DataError, GoldQueryError, OSError) as exc:
        print(f"polysql evaluate: error: {exc}", file=sys.stderr)
        return 2
    if summary["errors"]["gold_error"]:
        print(
            f"polysql evaluate: warning: {summary['errors']['gold_error']} example(s) with a "
            f"failing gold query excluded from EX and exact match (see 'error' in --out)",
            file=sys.stderr,
        )
    print(format_table(summary, args.etype))
    return 0
