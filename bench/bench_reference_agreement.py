"""Per-example agreement of polysql's EX and test-suite EX with the reference evaluator.

    .venv/bin/python bench/bench_reference_agreement.py --reference DIR [PREDICTIONS_DIR] [--timeout 20]

DIR is a checkout of the reference test-suite evaluator (``taoyds/test-suite-sql-eval``: its
``exec_eval.py`` and ``parse.py``, with ``sqlparse`` and ``tqdm`` importable, e.g. installed with
``pip install --target DIR/lib sqlparse tqdm``). polysql does not ship or install it; this script only
imports ``exec_eval.eval_exec_match`` from DIR, in a child process, to label the same pairs.

The pairs, all on the mini benchmark (``resources/mini/database/<db_id>/``: the database and its 4
variants, the reference's folder convention):

* every distinct gold query as its own prediction (both must say correct);
* near misses of every gold query, as the reward audit builds them (another column, another value,
  another aggregate, a dropped condition), which separate EX from TS;
* the predictions of a finished workflow run under PREDICTIONS_DIR (default ``results/predictions``),
  if there are any.

Each pair is labelled twice by each evaluator: on the database alone (EX; the reference is pointed at
a folder holding only a copy of that database) and on the folder with its variants (TS). The reference's
``eval_exec_match`` is called as its ``evaluation.py`` calls it without ``--plug_value`` and
``--keep_distinct``, on the prediction as given: ``evaluation.py`` first replaces every ``value`` in the
prediction text by ``1``, which breaks any column whose name contains "value" (``market_value``);
polysql replaces only the placeholder `` value ``, a deliberate difference left out of this comparison.
A pair the reference does not finish within ``--timeout`` seconds (it has no effective deadline of its
own) is counted apart, as is every pair polysql does not run by design (refused statements, its 2 s
deadline, its size caps; see the README's deliberate differences). Prints the agreement per source
and every disagreement.
"""

from __future__ import annotations

import argparse
import multiprocessing as mp
import os
import shutil
import sys
import tempfile
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from bench_test_suite import load, near_misses  # noqa: E402  (bench/ is the script's own folder)
from polysql.sql import SafeExecutor  # noqa: E402
from polysql.sql.exec_eval import execution_match_many, suite_match_many  # noqa: E402

# polysql's deliberate differences: refused statements, its 2 s deadline, its size caps.
BY_DESIGN = {"forbidden", "timeout", "too_large"}


def _reference_worker(reference: str, conn) -> None:
    """Child process: label (folder_db, pred, gold) triples with the reference's eval_exec_match."""
    sys.path[:0] = [reference, os.path.join(reference, "lib")]
    import contextlib
    import io

    from exec_eval import eval_exec_match  # the reference evaluator, from DIR

    while True:
        item = conn.recv()
        if item is None:
            return
        db, pred, gold = item
        try:
            with contextlib.redirect_stdout(io.StringIO()):
                label = eval_exec_match(
                    db=db,
                    p_str=pred,
                    g_str=gold,
                    plug_value=False,
                    keep_distinct=False,
                    progress_bar_for_each_datapoint=False,
                )
            conn.send(("ok", int(label)))
        except Exception as exc:  # the reference asserts that the gold runs on every variant
            conn.send(("error", f"{type(exc).__name__}: {exc}"))


class Reference:
    """The reference evaluator in a child process that is replaced when a pair outlasts the timeout."""

    def __init__(self, reference: str, timeout: float):
        self.reference, self.timeout, self.proc = reference, timeout, None

    def _start(self) -> None:
        self.conn, child = mp.Pipe()
        self.proc = mp.get_context("fork").Process(target=_reference_worker, args=(self.reference, child), daemon=True)
        self.proc.start()

    def label(self, db: str, pred: str, gold: str) -> tuple[str, object]:
        if self.proc is None or not self.proc.is_alive():
            self._start()
        self.conn.send((db, pred, gold))
        if self.conn.poll(self.timeout):
            return self.conn.recv()
        self.proc.kill()
        self.proc.join()
        self.proc = None
        return ("timeout", None)

    def close(self) -> None:
        if self.proc is not None and self.proc.is_alive():
            self.conn.send(None)
            self.proc.join(5)


def pairs_to_compare(executor: SafeExecutor, pred_dir: Path) -> list[tuple[str, str, str, str]]:
    """(source, db_path, prediction, gold): every distinct mini gold query against itself, its near
    misses, and the workflow predictions under ``pred_dir``."""
    golds, misses = near_misses(executor)
    pairs = [("gold", db_path, gold, gold) for db_path, gold in golds]
    pairs += [(f"near miss: {kind}", db_path, sql, gold) for kind, db_path, sql, gold in misses]
    pairs += [
        ("workflow predictions", r["db_path"], r.get("prediction") or "", r["gold_sql"])
        for _, records in load(pred_dir)
        for r in records
    ]
    return pairs


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("pred_dir", nargs="?", default=str(ROOT / "results" / "predictions"))
    parser.add_argument("--reference", required=True, help="checkout of taoyds/test-suite-sql-eval")
    parser.add_argument("--timeout", type=float, default=20.0, help="seconds per pair for the reference")
    parser.add_argument("--show", type=int, default=10)
    args = parser.parse_args()
    if not (Path(args.reference) / "exec_eval.py").is_file():
        print(f"--reference {args.reference}: no exec_eval.py there", file=sys.stderr)
        return 2

    with SafeExecutor() as executor:
        pairs = pairs_to_compare(executor, Path(args.pred_dir))
        items = [(db, pred, gold) for _, db, pred, gold in pairs]
        ex = execution_match_many(executor, items)
        ts = suite_match_many(executor, items, ex)

    reference = Reference(args.reference, args.timeout)
    counts: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    disagreements = []
    with tempfile.TemporaryDirectory() as single_root:
        for (source, db, pred, gold), e, t in zip(pairs, ex, ts):
            # EX by the reference: a folder that holds only this database.
            single = Path(single_root) / Path(db).parent.name / Path(db).name
            if not single.exists():
                single.parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(db, single)
            ours = {"EX": int(e.correct), "TS": int(bool(t))}
            theirs = {"EX": reference.label(str(single), pred, gold), "TS": reference.label(db, pred, gold)}
            for metric in ("EX", "TS"):
                status, label = theirs[metric]
                if e.pred_error_kind in BY_DESIGN:
                    outcome = {f"{metric} polysql {e.pred_error_kind}": 1}
                elif status != "ok":  # "timeout", or the reference's exception type
                    what = status if status == "timeout" else str(label).split(":")[0]
                    outcome = {f"{metric} reference {what}{' (empty prediction)' if not pred.strip() else ''}": 1}
                else:
                    outcome = {f"{metric} compared": 1, f"{metric} agree": int(label == ours[metric])}
                    if label != ours[metric]:
                        disagreements.append((source, metric, ours[metric], label, db, pred, gold, e.pred_error))
                for scope in (source, "all"):
                    for key, value in outcome.items():
                        counts[scope][key] += value
            for scope in (source, "all"):
                counts[scope]["n"] += 1
    reference.close()

    print(f"{'source':24}{'pairs':>7}  {'EX agree':>16}  {'TS agree':>16}  not compared")
    for source in sorted(k for k in counts if k != "all") + ["all"]:
        c = counts[source]
        cols = []
        for metric in ("EX", "TS"):
            compared = c[f"{metric} compared"]
            share = (
                f"{c[f'{metric} agree']}/{compared} ({100 * c[f'{metric} agree'] / compared:.1f}%)" if compared else "-"
            )
            cols.append(f"{share:>16}")
        skipped = {k: v for k, v in c.items() if "polysql" in k or "reference" in k}
        print(f"{source:24}{c['n']:>7}  {cols[0]}  {cols[1]}  {skipped or ''}")
    print(f"\n{len(disagreements)} disagreements")
    for source, metric, ours, theirs, db, pred, gold, err in disagreements[: args.show]:
        print(
            f"  [{source}] {metric}: polysql {ours}, reference {theirs} on {Path(db).name}"
            f"{' (' + err + ')' if err else ''}\n    gold: {gold}\n    pred: {pred}"
        )
    return 0


if __name__ == "__main__":
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    raise SystemExit(main())
