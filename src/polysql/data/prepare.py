"""Prepare a benchmark: one JSONL per split and language with stable ids, executed gold SQL and hardness.

Every gold query is executed read-only through the safe executor. A gold query that fails is an
error in the data: it is listed in the log and the summary and excluded, never dropped silently.
Questions of different languages that share an index (and database) share an ``intent`` id, as
MultiSpider's files are parallel.

Command: ``python -m polysql.data.prepare --bench resources/mini --out results/data``
(the workflow's ``prepare`` rule calls :func:`prepare_benchmark`).
"""

from __future__ import annotations

import argparse
import logging
import re
import sqlite3
from collections import Counter
from difflib import SequenceMatcher
from pathlib import Path
from typing import Any

from polysql.data.spider import database_path, load_split, load_tables, tables_file
from polysql.io import DataError, database_problem, write_json, write_jsonl

log = logging.getLogger(__name__)


_QUOTED = re.compile(r"'(?:[^']|'')*'|\"(?:[^\"]|\"\")*\"")
_NUMBER = re.compile(r"\b\d+(?:\.\d+)?\b")


def _alignment_key(example) -> tuple[str, str]:
    """What identifies an intent across languages: the database and the gold query with its
    values masked (MultiSpider's ``with_original_value`` translates the values)."""
    text = _NUMBER.sub("0", _QUOTED.sub("'v'", example.query.lower()))
    return example.db_id, " ".join(text.split())


def _intent_ids(split: str, per_lang: dict[str, list]) -> tuple[dict[str, list[str]], dict[str, Any]]:
    """Intent ids per language, and what could not be aligned.

    Parallel files (same length, same database at every index) share ids by index. Otherwise
    every language is aligned to the first one by its sequence of (database, gold query with
    values masked), as a diff would: an entry missing in one language leaves the other intents
    shared. Entries that cannot be aligned get ids of their own language (``{split}-{lang}-i``),
    so they are never taken for another language's intent; the evaluation sets then drop them,
    counted.
    """
    lengths = {len(examples) for examples in per_lang.values()}
    parallel = len(lengths) == 1 and all(
        len({per_lang[lang][i].db_id for lang in per_lang}) == 1 for i in range(next(iter(lengths)))
    )
    if parallel:
        return {lang: [f"{split}-{i:05d}" for i in range(len(examples))] for lang, examples in per_lang.items()}, {}
    languages = list(per_lang)
    reference = languages[0]
    reference_keys = [_alignment_key(e) for e in per_lang[reference]]
    ids = {reference: [f"{split}-{i:05d}" for i in range(len(reference_keys))]}
    report: dict[str, Any] = {
        "reference": reference,
        "lengths": {lang: len(per_lang[lang]) for lang in languages},
        "unaligned": {reference: 0},
        "missing_from_reference": {},
    }
    for lang in languages[1:]:
        keys = [_alignment_key(e) for e in per_lang[lang]]
        matcher = SequenceMatcher(None, reference_keys, keys, autojunk=False)
        lang_ids: list[str | None] = [None] * len(keys)
        matched = 0
        for block in matcher.get_matching_blocks():
            for k in range(block.size):
                lang_ids[block.b + k] = f"{split}-{block.a + k:05d}"
            matched += block.size
        ids[lang] = [intent or f"{split}-{lang}-{i:05d}" for i, intent in enumerate(lang_ids)]
        report["unaligned"][lang] = len(keys) - matched
        report["missing_from_reference"][lang] = len(reference_keys) - matched
    log.warning(
        "%s: language files are not parallel (entries per language %s); aligned to '%s' by database "
        "and gold query: entries of each language without a counterpart in '%s': %s; '%s' entries "
        "missing in each language: %s (intents not in every language are left out of the "
        "evaluation sets)",
        split,
        report["lengths"],
        reference,
        reference,
        {lang: n for lang, n in report["unaligned"].items() if lang != reference},
        reference,
        report["missing_from_reference"],
    )
    return ids, report


def prepare_benchmark(
    bench_dir: str | Path,
    out_dir: str | Path,
    *,
    splits: list[str],
    languages: list[str],
    timeout_s: float = 10.0,
    max_rows: int = 100_000,
    max_result_bytes: int = 100_000_000,
) -> dict[str, Any]:
    """Write ``out_dir/{split}_{lang}.jsonl`` for every split and language; return the summary.

    The summary (also written to ``out_dir/prepare_summary.json``) holds the example counts per
    split/language/hardness and every excluded gold query with its error.

    Language files that are not parallel are aligned by database and gold query (the summary's
    ``not_parallel`` counts what could not be aligned); databases missing from tables.json are
    listed in ``missing_from_tables_json`` and logged.

    Raises:
        DataError: a data file is missing or malformed, or a database file is missing, empty or
            corrupt (the database, the split, language and entry are named).
    """
    from polysql.sql.executor import SafeExecutor
    from polysql.sql.hardness import spider_hardness
    from polysql.sql.schema import Schema

    bench_dir, out_dir = Path(bench_dir), Path(out_dir)
    executor = SafeExecutor(timeout_s=timeout_s, max_rows=max_rows, max_result_bytes=max_result_bytes)
    schemas: dict[str, Any] = {}
    gold_status: dict[tuple[str, str], str | None] = {}
    hardness_cache: dict[tuple[str, str], str] = {}
    summary: dict[str, Any] = {
        "benchmark": str(bench_dir),
        "counts": {},
        "hardness": {},
        "gold_failures": [],
        "missing_from_tables_json": [],
    }
    try:  # tables.json is optional here; when present, every database should be in it
        tables_path = tables_file(bench_dir)
    except DataError:
        tables_path = None
    tables = load_tables(bench_dir) if tables_path is not None else None

    for split in splits:
        per_lang = {lang: load_split(bench_dir, split, lang) for lang in languages}
        intents, alignment = _intent_ids(split, per_lang)
        if alignment:
            summary.setdefault("not_parallel", {})[split] = alignment
        summary["counts"][split], summary["hardness"][split] = {}, {}
        for lang in languages:
            records = []
            for example, intent in zip(per_lang[lang], intents[lang]):
                where = f"{split}/{lang} entry {example.index}"
                db_path = database_path(bench_dir, example.db_id, source=f"{bench_dir}: {where}")
                if example.db_id not in schemas:
                    problem = database_problem(db_path)
                    if problem:
                        raise DataError(f"database of '{example.db_id}' ({where}): {problem}")
                    try:
                        schemas[example.db_id] = Schema.from_sqlite(db_path)
                    except sqlite3.Error as exc:
                        raise DataError(
                            f"database of '{example.db_id}' ({where}): corrupt SQLite database ({exc}): {db_path}"
                        ) from None
                    if tables is not None and example.db_id not in tables:
                        summary["missing_from_tables_json"].append(example.db_id)
                        log.warning(
                            "%s has no entry for database '%s' (%s): exact match will read "
                            "its foreign keys from the SQLite file",
                            tables_path,
                            example.db_id,
                            where,
                        )
                key = (example.db_id, example.query)
                if key not in gold_status:
                    result = executor.execute(db_path, example.query)
                    gold_status[key] = None if result.ok else f"{result.error_kind}: {result.error}"
                    if not result.ok and (
                        "malformed" in (result.error or "") or "not a database" in (result.error or "")
                    ):
                        raise DataError(
                            f"database of '{example.db_id}' ({where}): corrupt SQLite "
                            f"database ({result.error}): {db_path}"
                        )
                if gold_status[key] is not None:
                    failure = {
                        "split": split,
                        "lang": lang,
                        "index": example.index,
                        "db_id": example.db_id,
                        "query": example.query,
                        "error": gold_status[key],
                    }
                    summary["gold_failures"].append(failure)
                    log.error("gold query fails, example excluded: %s", failure)
                    continue
                if key not in hardness_cache:
                    hardness_cache[key] = spider_hardness(example.query, schemas[example.db_id])
                records.append(
                    {
                        "id": f"{intent}-{lang}",
                        "intent": intent,
                        "lang": lang,
                        "split": split,
                        "db_id": example.db_id,
                        "db_path": str(db_path),
                        "question": example.question,
                        "gold_sql": example.query,
                        "hardness": hardness_cache[key],
                    }
                )
            write_jsonl(out_dir / f"{split}_{lang}.jsonl", records)
            summary["counts"][split][lang] = len(records)
            summary["hardness"][split][lang] = dict(sorted(Counter(r["hardness"] for r in records).items()))
            log.info(
                "%s/%s: %d examples written, hardness %s", split, lang, len(records), summary["hardness"][split][lang]
            )
    log.info("%d gold queries failed and were excluded", len(summary["gold_failures"]))
    write_json(out_dir / "prepare_summary.json", summary)
    return summary


def main(argv: list[str] | None = None) -> int:
    """CLI: prepare a benchmark directory outside the workflow."""
    from polysql import LANGUAGES

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bench", required=True, help="Spider/MultiSpider-format directory")
    parser.add_argument("--out", required=True, help="output directory for the JSONL files")
    parser.add_argument("--splits", nargs="+", default=["train", "dev"])
    parser.add_argument("--languages", nargs="+", default=list(LANGUAGES))
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(levelname)s %(message)s")
    summary = prepare_benchmark(args.bench, args.out, splits=args.splits, languages=args.languages)
    print({split: counts for split, counts in summary["counts"].items()})
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
