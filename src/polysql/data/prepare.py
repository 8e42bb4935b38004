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
from collections import Counter
from pathlib import Path
from typing import Any

from polysql.data.spider import database_path, load_split
from polysql.io import DataError, write_json, write_jsonl

log = logging.getLogger(__name__)


def _intent_ids(split: str, per_lang: dict[str, list]) -> dict[str, list[str]]:
    """Intent ids per language: shared by index when the files are parallel, else per language."""
    lengths = {len(examples) for examples in per_lang.values()}
    parallel = len(lengths) == 1 and all(
        len({per_lang[lang][i].db_id for lang in per_lang}) == 1 for i in range(next(iter(lengths)))
    )
    if not parallel:
        log.warning("%s: language files are not parallel (lengths %s); intents are per language", split, sorted(lengths))
    return {
        lang: [f"{split}-{i:05d}" if parallel else f"{split}-{lang}-{i:05d}" for i in range(len(examples))]
        for lang, examples in per_lang.items()
    }


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

    Raises:
        DataError: a data file is missing or malformed, or a database file is missing.
    """
    from polysql.sql.executor import SafeExecutor
    from polysql.sql.hardness import spider_hardness
    from polysql.sql.schema import Schema

    bench_dir, out_dir = Path(bench_dir), Path(out_dir)
    executor = SafeExecutor(timeout_s=timeout_s, max_rows=max_rows, max_result_bytes=max_result_bytes)
    schemas: dict[str, Any] = {}
    gold_status: dict[tuple[str, str], str | None] = {}
    hardness_cache: dict[tuple[str, str], str] = {}
    summary: dict[str, Any] = {"benchmark": str(bench_dir), "counts": {}, "hardness": {}, "gold_failures": []}

    for split in splits:
        per_lang = {lang: load_split(bench_dir, split, lang) for lang in languages}
        intents = _intent_ids(split, per_lang)
        summary["counts"][split], summary["hardness"][split] = {}, {}
        for lang in languages:
            records = []
            for example, intent in zip(per_lang[lang], intents[lang]):
                db_path = database_path(bench_dir, example.db_id)
                if example.db_id not in schemas:
                    if not db_path.is_file():
                        raise DataError(f"database of '{example.db_id}' not found: {db_path}")
                    schemas[example.db_id] = Schema.from_sqlite(db_path)
                key = (example.db_id, example.query)
                if key not in gold_status:
                    result = executor.execute(db_path, example.query)
                    gold_status[key] = None if result.ok else f"{result.error_kind}: {result.error}"
                if gold_status[key] is not None:
                    failure = {"split": split, "lang": lang, "index": example.index, "db_id": example.db_id,
                               "query": example.query, "error": gold_status[key]}
                    summary["gold_failures"].append(failure)
                    log.error("gold query fails, example excluded: %s", failure)
                    continue
                if key not in hardness_cache:
                    hardness_cache[key] = spider_hardness(example.query, schemas[example.db_id])
                records.append({
                    "id": f"{intent}-{lang}", "intent": intent, "lang": lang, "split": split,
                    "db_id": example.db_id, "db_path": str(db_path), "question": example.question,
                    "gold_sql": example.query, "hardness": hardness_cache[key],
                })
            write_jsonl(out_dir / f"{split}_{lang}.jsonl", records)
            summary["counts"][split][lang] = len(records)
            summary["hardness"][split][lang] = dict(sorted(Counter(r["hardness"] for r in records).items()))
            log.info("%s/%s: %d examples written, hardness %s", split, lang, len(records), summary["hardness"][split][lang])
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
