"""Test-suite EX against EX on finished predictions: lucky queries per language, and the time it costs.

    .venv/bin/python bench/bench_test_suite.py [PREDICTIONS_DIR] [--repeat 3] [--show 10]

PREDICTIONS_DIR (default ``results/predictions``) holds ``<system>/<lang>.jsonl`` files as the
workflow's generate stage writes them (``db_path``, ``gold_sql``, ``prediction``, ``lang``...); a
relative ``db_path`` is read from the repository root, so the mini benchmark's variants in
``resources/mini/database/<db_id>/`` are the ones used. Prints, per evaluation language and pooled
over every system: the examples, EX- and TS-correct counts, and the share that EX calls correct but TS
calls wrong (of all examples and of the EX-correct ones); then the wall time of the whole evaluation
(EX + Sem + hardness, cold caches, best of ``--repeat``) with and without the test suite, and the ratio,
for the predictions and for the worst case (the gold queries as predictions: all EX-correct, so every
one runs on every variant).
``--show`` prints that many of the examples EX accepts and TS rejects.

Then, because a weak system gets few answers right by any measure, the same question is asked of
*near misses*: every distinct gold query of the mini benchmark (train and dev) perturbed as the
reward audit does (:mod:`polysql.rewards.audit`: another column, another value of the same column,
another aggregate, one condition dropped). Printed per kind: how many perturbations EX accepts on
the original database, and how many of those TS rejects (a perturbation can be equivalent to the
gold, e.g. a redundant condition dropped, so not every acceptance is a false positive).
``--no-mutants`` skips this part.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from polysql.io import read_jsonl  # noqa: E402
from polysql.sql import SafeExecutor, evaluate_records  # noqa: E402


def load(pred_dir: Path) -> list[tuple[str, list[dict]]]:
    """(system, records) per prediction file, db paths made absolute against the repository root."""
    batches = []
    for path in sorted(pred_dir.rglob("*.jsonl")):
        system = str(path.parent.relative_to(pred_dir))
        records = []
        for record in read_jsonl(path):
            db_path = Path(record["db_path"])
            records.append({**record, "db_path": str(db_path if db_path.is_absolute() else ROOT / db_path)})
        if records:
            batches.append((f"{system}/{path.stem}", records))
    return batches


def evaluate_all(batches, test_suite: bool) -> tuple[float, list[tuple[str, dict]]]:
    start = time.perf_counter()
    out = []
    with SafeExecutor() as executor:  # a fresh executor: cold gold cache
        for name, records in batches:
            per_example, _ = evaluate_records(records, executor=executor, test_suite=test_suite)
            out.extend((name, {**e, "gold_sql": r["gold_sql"]}) for e, r in zip(per_example, records))
    return time.perf_counter() - start, out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("pred_dir", nargs="?", default=str(ROOT / "results" / "predictions"))
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--show", type=int, default=10)
    parser.add_argument("--no-mutants", action="store_true")
    args = parser.parse_args()
    batches = load(Path(args.pred_dir))
    if not batches:
        print(f"no prediction files under {args.pred_dir}", file=sys.stderr)
        return 2
    n_examples = sum(len(r) for _, r in batches)
    print(f"{len(batches)} prediction files, {n_examples} examples, from {args.pred_dir}")

    with_ts = [evaluate_all(batches, True) for _ in range(args.repeat)]
    without = [evaluate_all(batches, False) for _ in range(args.repeat)]
    examples = with_ts[0][1]

    counts: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    flipped = []
    for name, example in examples:
        for scope in (example.get("lang") or "?", "all"):
            cell = counts[scope]
            cell["n"] += 1
            cell["ex"] += example.get("exec") == 1
            if example.get("ts") is None:
                cell["ts_na"] += 1
                continue
            cell["ts"] += example["ts"] == 1
            cell["lucky"] += example.get("exec") == 1 and example["ts"] == 0
        if example.get("exec") == 1 and example.get("ts") == 0:
            flipped.append((name, example))

    print("\nEX correct but TS wrong, per evaluation language (all systems pooled)")
    print(f"{'lang':6}{'n':>6}{'EX':>6}{'TS':>6}{'TS n/a':>8}{'EX-not-TS':>11}{'% of n':>8}{'% of EX':>9}")
    for scope in sorted(k for k in counts if k != "all") + ["all"]:
        c = counts[scope]
        share_n = 100 * c["lucky"] / c["n"] if c["n"] else float("nan")
        share_ex = 100 * c["lucky"] / c["ex"] if c["ex"] else float("nan")
        print(
            f"{scope:6}{c['n']:>6}{c['ex']:>6}{c['ts']:>6}{c['ts_na']:>8}{c['lucky']:>11}"
            f"{share_n:>8.1f}{share_ex:>9.1f}"
        )

    by_system: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for name, example in examples:
        system = name.rsplit("/", 1)[0]
        by_system[system]["n"] += 1
        by_system[system]["ex"] += example.get("exec") == 1
        by_system[system]["ts"] += example.get("ts") == 1
    print("\nper system (all languages)")
    for system, c in sorted(by_system.items()):
        print(f"  {system:40} n={c['n']:4} EX={100 * c['ex'] / c['n']:5.1f}% TS={100 * c['ts'] / c['n']:5.1f}%")

    best_with = min(t for t, _ in with_ts)
    best_without = min(t for t, _ in without)
    print(
        f"\nevaluation time (EX + Sem + hardness, cold caches, best of {args.repeat}): "
        f"with test suite {best_with:.3f} s, without {best_without:.3f} s, ratio {best_with / best_without:.2f}x"
    )
    # An EX-wrong prediction is TS-wrong without running on the variants, so the cost grows with EX;
    # the worst case is every prediction right: the gold queries themselves as predictions.
    golden = [(name, [{**r, "prediction": r["gold_sql"]} for r in records]) for name, records in batches]
    gold_with = min(evaluate_all(golden, True)[0] for _ in range(args.repeat))
    gold_without = min(evaluate_all(golden, False)[0] for _ in range(args.repeat))
    print(
        f"worst case (gold queries as predictions, all EX-correct): with test suite {gold_with:.3f} s, "
        f"without {gold_without:.3f} s, ratio {gold_with / gold_without:.2f}x"
    )

    if args.show and flipped:
        print(f"\nexamples EX accepts and TS rejects (first {min(args.show, len(flipped))} of {len(flipped)}):")
        for name, example in flipped[: args.show]:
            print(f"  [{name} {example.get('id')}]\n    gold: {example['gold_sql']}\n    pred: {example['prediction']}")
    if not args.no_mutants:
        mutants(args.show)
    return 0


def near_misses(executor) -> tuple[list[tuple[str, str]], list[tuple[str, str, str, str]]]:
    """``(db_path, gold)`` for every distinct mini gold query (train + dev), and ``(kind, db_path, sql, gold)``
    for each of their perturbations (:func:`polysql.rewards.audit.perturbations`) that differs from its gold."""
    import json

    from polysql.rewards.audit import perturbations
    from polysql.rewards.semantic import DatabaseFacts

    mini = ROOT / "resources" / "mini"
    golds = sorted(
        {
            (r["db_id"], r["query"])
            for split in ("train", "dev")
            for r in json.loads((mini / f"{split}_en.json").read_text(encoding="utf-8"))
        }
    )
    facts = DatabaseFacts(executor)
    golds = [(str(mini / "database" / db_id / f"{db_id}.sqlite"), gold) for db_id, gold in golds]
    misses = []
    for db_path, gold in golds:
        for kind, sql in perturbations(gold, db_path, facts.tables(db_path), executor):
            if " ".join(sql.split()) != " ".join(gold.split()):
                misses.append((kind, db_path, sql, gold))
    return golds, misses


def mutants(show: int) -> None:
    """EX vs TS on perturbed gold queries of the mini benchmark (see the module docstring)."""
    from polysql.sql.exec_eval import execution_match_many, suite_match_many

    with SafeExecutor() as executor:
        golds, misses = near_misses(executor)
        kinds = [kind for kind, *_ in misses]
        items = [(db_path, sql, gold) for _, db_path, sql, gold in misses]
        ex = execution_match_many(executor, items)
        ts = suite_match_many(executor, items, ex)
    print(f"\nnear misses of {len(golds)} distinct mini gold queries (train + dev)")
    print(f"{'kind':11}{'n':>6}{'EX accepts':>12}{'TS accepts':>12}{'TS rejects of EX':>18}")
    rows = defaultdict(lambda: [0, 0, 0])
    for kind, e, t in zip(kinds, ex, ts):
        for scope in (kind, "all"):
            rows[scope][0] += 1
            rows[scope][1] += e.correct
            rows[scope][2] += bool(t)
    for kind in ["column", "value", "aggregate", "condition", "all"]:
        n, e, t = rows[kind]
        share = f"{e - t} ({100 * (e - t) / e:.0f}%)" if e else "-"
        print(f"{kind:11}{n:>6}{e:>12}{t:>12}{share:>18}")
    kept = [(k, i) for k, i, e, t in zip(kinds, items, ex, ts) if e.correct and t]
    if show and kept:
        print(f"near misses TS still accepts (first {min(show, len(kept))} of {len(kept)}):")
        for kind, (db_path, sql, gold) in kept[:show]:
            print(f"  [{kind}] gold: {gold}\n           pred: {sql}")


if __name__ == "__main__":
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    raise SystemExit(main())
