"""Throughput of the SQL reward path against a bare sqlite3 loop, measured in the same run.

    python bench/bench_sql.py [--n 512] [--workers 2] [--pairs 1000]

Completions are Spider-style predictions (right, wrong values, wrong columns, unordered, broken)
for gold queries on a concert_singer-shaped database (or the databases and dev questions of
``resources/mini`` when present). Figures printed:

* completions scored per second by ``execution_match_many`` (SafeExecutor with every safety on:
  read-only connection, authorizer, progress-handler deadline, length limits, row caps) at batch
  sizes 1 and 64, in-process and with a worker pool, beside a bare sqlite3 loop (execute the
  prediction, fetch, compare sorted rows with the cached gold rows) over the same completions;
* seconds to evaluate 1,000 pairs end to end (EX + Sem + hardness) with ``evaluate_records``.
"""

from __future__ import annotations

import argparse
import json
import random
import sqlite3
import tempfile
import time
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))  # the demo databases are a test helper
from demo_db import SAMPLE_GOLD, build_concert_singer, build_pets  # noqa: E402
from polysql.sql.evaluate import evaluate_records
from polysql.sql.exec_eval import execution_match_many
from polysql.sql.executor import SafeExecutor

MINI = Path(__file__).resolve().parents[1] / "resources" / "mini"


def _mutations(gold: str) -> list[str]:
    return [
        gold,
        gold.replace("2014", "2013").replace("'France'", "'Japan'"),
        gold.replace("DESC", "ASC"),
        gold.replace("count(*)", "count(*) + 1"),
        gold.replace("SELECT", "SELECT DISTINCT", 1),
        gold.replace("FROM", "FRM", 1),
    ]


def load_pairs(workdir: Path) -> list[tuple[str, str]]:
    """(db_path, gold_sql) pairs: the mini benchmark's dev set if present, else demo databases."""
    pairs: list[tuple[str, str]] = []
    dev = sorted(MINI.glob("dev_en.json")) if MINI.exists() else []
    if dev and (MINI / "database").is_dir():
        for item in json.loads(dev[0].read_text()):
            db = MINI / "database" / item["db_id"] / f"{item['db_id']}.sqlite"
            if db.exists():
                pairs.append((str(db), item["query"]))
    if pairs:
        print(f"data: {len(pairs)} dev questions of {MINI}")
        return pairs
    dbs = {
        "concert_singer": build_concert_singer(workdir / "concert_singer.sqlite", scale=10),
        "pets": build_pets(workdir / "pets.sqlite"),
    }
    print("data: demo databases (concert_singer x10 rows, pets) and Spider-style gold queries")
    return [(str(dbs[db_id]), gold) for db_id, golds in SAMPLE_GOLD.items() for gold in golds]


def bare_loop(items: list[tuple[str, str, str]]) -> tuple[float, int]:
    """Baseline: plain sqlite3, cached gold rows, sorted-row comparison, no safety."""
    conns: dict[str, sqlite3.Connection] = {}
    gold_rows: dict[tuple[str, str], list] = {}
    start = time.perf_counter()
    correct = 0
    for db, pred, gold in items:
        conn = conns.get(db) or conns.setdefault(db, sqlite3.connect(db))
        key = (db, gold)
        if key not in gold_rows:
            gold_rows[key] = sorted(map(repr, conn.execute(gold).fetchall()))
        try:
            rows = sorted(map(repr, conn.execute(pred).fetchall()))
        except sqlite3.Error:
            continue
        correct += rows == gold_rows[key]
    return time.perf_counter() - start, correct


def reward_path(
    executor: SafeExecutor, items: list[tuple[str, str, str]], batch: int, workers: int
) -> tuple[float, int]:
    start = time.perf_counter()
    correct = 0
    for i in range(0, len(items), batch):
        verdicts = execution_match_many(executor, items[i : i + batch], workers=workers)
        correct += sum(v.correct for v in verdicts)
    return time.perf_counter() - start, correct


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=512, help="completions per measurement")
    parser.add_argument("--workers", type=int, default=2, help="pool size")
    parser.add_argument("--pairs", type=int, default=1000, help="pairs for the end-to-end run")
    args = parser.parse_args()
    rng = random.Random(0)
    with tempfile.TemporaryDirectory() as tmp:
        pairs = load_pairs(Path(tmp))
        completions = [(db, pred, gold) for db, gold in pairs for pred in _mutations(gold)]
        rng.shuffle(completions)
        items = (completions * (args.n // len(completions) + 1))[: args.n]

        with SafeExecutor(timeout_s=2.0) as executor:
            execution_match_many(executor, items, workers=0)  # warm gold cache and connections
            bare_s, _ = bare_loop(items)
            print(f"\n{'path':56}{'completions/s':>15}{'x bare':>9}")
            print(f"{'bare sqlite3 loop (no safety)':56}{len(items) / bare_s:>15.0f}{1.0:>9.2f}")
            for workers in (0, args.workers):
                for batch in (1, 64):
                    if workers:
                        execution_match_many(executor, items[:8], workers=workers)  # start pool
                    elapsed, _ = reward_path(executor, items, batch, workers)
                    where = "in-process" if workers == 0 else f"pool of {workers}"
                    label = f"SafeExecutor + execution_match, batch {batch}, {where}"
                    print(f"{label:56}{len(items) / elapsed:>15.0f}{bare_s / elapsed:>9.2f}")

        records = [
            {"db_path": db, "gold_sql": gold, "prediction": pred}
            for db, pred, gold in (completions * (args.pairs // len(completions) + 1))[: args.pairs]
        ]
        with SafeExecutor(timeout_s=2.0) as executor:
            start = time.perf_counter()
            _, summary = evaluate_records(records, executor=executor, etype="all")
            elapsed = time.perf_counter() - start
        print(
            f"\nend to end, {len(records)} pairs (EX + Sem + hardness, cold caches): "
            f"{elapsed:.2f} s  (EX {summary['ex']:.3f}, exact match {summary['exact_match']:.3f})"
        )


if __name__ == "__main__":
    main()
