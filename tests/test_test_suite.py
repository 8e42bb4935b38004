"""Test-suite execution accuracy: the mini benchmark's variant databases, TS scoring and its report column.

The committed variants are checked against a fresh build (SQL dumps, test_suite.json bytes), every
gold query is run on every variant, and TS is scored on hand-made databases where a lucky query
passes EX and fails TS. Extra ``.sqlite`` files in a database's folder change nothing but TS.
"""

from __future__ import annotations

import json
import shutil
import sqlite3
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from polysql.data.mini.build import build
from polysql.data.mini.variants import DEFAULT_VARIANTS, literal_boundaries, order_by_words, tie_ambiguous, variant_path
from polysql.io import read_jsonl
from polysql.sql import SafeExecutor, evaluate_records
from polysql.sql.evaluate_cli import add_parser
from polysql.sql.exec_eval import suite_databases, suite_match_many, execution_match_many

ROOT = Path(__file__).resolve().parents[1]
MINI = ROOT / "resources" / "mini"


def _dump(path: Path) -> list[str]:
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return list(conn.iterdump())
    finally:
        conn.close()


def _schema(path: Path) -> list[tuple]:
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return conn.execute("SELECT type, name, sql FROM sqlite_master ORDER BY name").fetchall()
    finally:
        conn.close()


def _db_ids() -> list[str]:
    return sorted(p.name for p in (MINI / "database").iterdir() if p.is_dir())


# ------------------------------------------------------------------------------ the variant build
@pytest.fixture(scope="module")
def rebuilt(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("mini_ts")
    build(out, seed=0)
    return out


def test_committed_variants_equal_a_fresh_build(rebuilt):
    assert (rebuilt / "test_suite.json").read_bytes() == (MINI / "test_suite.json").read_bytes()
    for db_id in _db_ids():
        built = sorted(p.name for p in (rebuilt / "database" / db_id).glob("*.sqlite"))
        committed = sorted(p.name for p in (MINI / "database" / db_id).glob("*.sqlite"))
        assert (
            built
            == committed
            == sorted([f"{db_id}.sqlite"] + [f"{db_id}_ts{i}.sqlite" for i in range(1, DEFAULT_VARIANTS + 1)])
        )
        for name in built:
            assert _dump(rebuilt / "database" / db_id / name) == _dump(MINI / "database" / db_id / name), (
                f"{db_id}/{name} differs from a fresh build; rerun `python -m polysql.data.mini --out resources/mini`"
            )


def test_variants_keep_the_schema_and_change_the_rows():
    for db_id in _db_ids():
        original = MINI / "database" / db_id / f"{db_id}.sqlite"
        dumps = {_dump(original).__repr__()}
        for index in range(1, DEFAULT_VARIANTS + 1):
            variant = variant_path(original.parent, db_id, index)
            assert _schema(variant) == _schema(original), f"{variant.name}: schema differs"
            dumps.add(_dump(variant).__repr__())
        assert len(dumps) == DEFAULT_VARIANTS + 1, f"{db_id}: two databases of the suite are equal"
    # the perturbations are there: near-duplicate rows and NULLs (library.loan.return_date is nullable)
    conn = sqlite3.connect(f"file:{variant_path(MINI / 'database' / 'library', 'library', 1)}?mode=ro", uri=True)
    original = sqlite3.connect(f"file:{MINI / 'database' / 'library' / 'library.sqlite'}?mode=ro", uri=True)
    try:
        assert (
            conn.execute("SELECT count(*) FROM book").fetchone()
            > original.execute("SELECT count(*) FROM book").fetchone()
        )
        nulls = "SELECT count(*) FROM loan WHERE return_date IS NULL"
        assert conn.execute(nulls).fetchone()[0] > original.execute(nulls).fetchone()[0]
    finally:
        conn.close()
        original.close()


def test_every_gold_query_runs_on_every_variant_and_empty_ones_are_counted():
    suite = json.loads((MINI / "test_suite.json").read_text(encoding="utf-8"))
    assert suite["k"] == DEFAULT_VARIANTS
    queries: dict[str, set[str]] = {}
    for split in ("train", "dev"):
        for lang_file in sorted(MINI.glob(f"{split}_*.json")):
            for record in json.loads(lang_file.read_text(encoding="utf-8")):
                queries.setdefault(record["db_id"], set()).add(record["query"])
    flagged = 0
    for db_id, golds in sorted(queries.items()):
        empty = {query: 0 for query in golds}
        for index in range(1, DEFAULT_VARIANTS + 1):
            path = variant_path(MINI / "database" / db_id, db_id, index)
            conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
            try:
                for query in golds:
                    empty[query] += not conn.execute(query).fetchmany(1)  # raises if it fails
            finally:
                conn.close()
        expected = sorted(q for q, n in empty.items() if n > DEFAULT_VARIANTS / 2)
        assert suite["databases"][db_id]["empty_on_most"] == expected
        flagged += len(expected)
    assert suite["empty_on_most"] == flagged
    assert flagged < 0.1 * sum(len(g) for g in queries.values()), "most gold queries must test something"


def test_no_gold_query_is_tie_ambiguous_on_a_variant_unless_on_the_original():
    suite = json.loads((MINI / "test_suite.json").read_text(encoding="utf-8"))
    dev = json.loads((MINI / "dev_en.json").read_text(encoding="utf-8"))
    for db_id in sorted({r["db_id"] for r in dev}):
        known = set(suite["databases"][db_id]["ambiguous_on_original"])
        for index in range(1, DEFAULT_VARIANTS + 1):
            conn = sqlite3.connect(f"file:{variant_path(MINI / 'database' / db_id, db_id, index)}?mode=ro", uri=True)
            try:
                for query in {r["query"] for r in dev if r["db_id"] == db_id} - known:
                    assert not tie_ambiguous(conn, query), (db_id, index, query)
            finally:
                conn.close()


def test_variants_zero_and_stale_variants_removed(tmp_path):
    from polysql.data.mini.build import discover_domains

    library = next(d for d in discover_domains() if d.db_id == "library")
    build(tmp_path, domains=[library], variants=2)
    folder = tmp_path / "database" / "library"
    (folder / "dropped_in.sqlite").write_bytes((folder / "library.sqlite").read_bytes())
    build(tmp_path, domains=[library], variants=0)
    assert sorted(p.name for p in folder.iterdir()) == ["dropped_in.sqlite", "library.sqlite"]
    assert json.loads((tmp_path / "test_suite.json").read_text())["k"] == 0


def test_helpers_on_gold_text():
    assert order_by_words(
        ["SELECT a FROM t ORDER BY count(*) DESC, T1.price LIMIT 1", "SELECT b FROM t WHERE x = 'order by zzz'"]
    ) >= {"count", "price", "t1"}
    assert "zzz" not in order_by_words(["SELECT b FROM t WHERE x = 'order by zzz'"])
    assert literal_boundaries(["SELECT a FROM t WHERE T1.price > 20 AND year <= 1999.5 AND name = '7'"]) == {
        "price": {20.0},
        "year": {1999.5},
    }
    conn = sqlite3.connect(":memory:")
    conn.executescript("CREATE TABLE t (name TEXT, score INT); INSERT INTO t VALUES ('a', 5), ('b', 5), ('c', 1);")
    assert tie_ambiguous(conn, "SELECT name FROM t ORDER BY score DESC LIMIT 1")
    assert not tie_ambiguous(conn, "SELECT name FROM t ORDER BY score LIMIT 1")
    assert not tie_ambiguous(conn, "SELECT name FROM t WHERE score = (SELECT max(score) FROM t)")


# ------------------------------------------------------------------------------ TS scoring
def _db(path: Path, rows: list[tuple]) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    with sqlite3.connect(path) as conn:
        conn.executescript("CREATE TABLE singer (id INTEGER PRIMARY KEY, name TEXT, country TEXT, age INT);")
        conn.executemany("INSERT INTO singer VALUES (?, ?, ?, ?)", rows)
    conn.close()
    return path


ORIGINAL = [(1, "Ann", "France", 30), (2, "Bob", "France", 40), (3, "Cid", "Spain", 50)]
VARIANT = [(1, "Ann", "France", 30), (2, "Bob", "France", 60), (3, "Cid", "Spain", 50), (4, "Dan", "France", 70)]
GOLD = "SELECT name FROM singer WHERE country = 'France' AND age < 45"
LUCKY = "SELECT name FROM singer WHERE country = 'France'"  # right on the original only


@pytest.fixture
def suite(tmp_path) -> Path:
    db = _db(tmp_path / "database" / "concert" / "concert.sqlite", ORIGINAL)
    _db(db.parent / "concert_ts1.sqlite", VARIANT)
    return db


def _records(db: Path, predictions: list[str], gold: str = GOLD) -> list[dict]:
    return [
        {"id": str(i), "db_path": str(db), "gold_sql": gold, "prediction": p, "lang": "en"}
        for i, p in enumerate(predictions)
    ]


def test_suite_databases_follow_the_reference_layout(suite, tmp_path):
    assert suite_databases(suite) == [str(suite.parent / "concert_ts1.sqlite")]
    (suite.parent / "notes.txt").write_text("not a database")
    assert suite_databases(suite) == [str(suite.parent / "concert_ts1.sqlite")]
    # several databases side by side in one folder are not variants of one another
    flat_a = _db(tmp_path / "flat" / "a.sqlite", ORIGINAL)
    _db(tmp_path / "flat" / "b.sqlite", VARIANT)
    assert suite_databases(flat_a) == []


def test_lucky_query_passes_ex_and_fails_ts(suite):
    with SafeExecutor() as executor:
        rows, summary = evaluate_records(_records(suite, [GOLD, LUCKY, "SELECT nope"]), executor=executor)
    assert [(r["exec"], r["ts"]) for r in rows] == [(1, 1), (1, 0), (0, 0)]
    assert summary["ex"] == pytest.approx(2 / 3) and summary["ts"] == pytest.approx(1 / 3)
    assert summary["ts_n"] == 3 and summary["by_lang"]["en"]["ts"] == pytest.approx(1 / 3)
    assert summary["by_hardness"]["medium"]["ts"] == pytest.approx(1 / 3)


def test_no_variants_means_ts_not_available(tmp_path):
    db = _db(tmp_path / "database" / "concert" / "concert.sqlite", ORIGINAL)
    with SafeExecutor() as executor:
        rows, summary = evaluate_records(_records(db, [GOLD, LUCKY]), executor=executor)
    assert [r["ts"] for r in rows] == [None, None]
    assert "ts" not in summary and "ts" not in summary["by_hardness"]["easy"]


def test_variants_change_nothing_but_ts(suite):
    records = _records(suite, [GOLD, LUCKY, "SELECT name FROM singer", "SELECT name FROM singer WHERE age < 45"])
    with SafeExecutor() as executor:
        with_ts, summary = evaluate_records(records, executor=executor)
    alone = suite.parent.parent / "alone" / "concert.sqlite"
    alone.parent.mkdir()
    shutil.copyfile(suite, alone)
    with SafeExecutor() as executor:
        without, plain = evaluate_records([{**r, "db_path": str(alone)} for r in records], executor=executor)
    for a, b in zip(with_ts, without):
        assert {k: v for k, v in a.items() if k != "ts"} == {k: v for k, v in b.items() if k != "ts"}
    assert {k: v for k, v in summary.items() if k not in ("ts", "ts_n", "by_hardness", "by_lang")} == {
        k: v for k, v in plain.items() if k not in ("by_hardness", "by_lang")
    }
    with SafeExecutor() as executor:
        skipped, summary = evaluate_records(records, executor=executor, test_suite=False)
    assert all(r["ts"] is None for r in skipped) and "ts" not in summary


def test_gold_failing_on_a_variant_leaves_ts_not_available(suite):
    broken = suite.parent / "concert_ts2.sqlite"
    with sqlite3.connect(broken) as conn:
        conn.execute("CREATE TABLE other (x INT)")
    conn.close()
    with SafeExecutor() as executor:
        ex = execution_match_many(executor, [(suite, GOLD, GOLD), (suite, LUCKY, GOLD)])
        verdicts = suite_match_many(executor, [(suite, GOLD, GOLD), (suite, LUCKY, GOLD)], ex)
    assert verdicts == [None, None]  # a broken suite for this gold: not available, never a zero


def test_ts_matches_exact_results_on_every_database(suite):
    ordered = "SELECT name FROM singer WHERE country = 'France' ORDER BY age DESC"
    with SafeExecutor() as executor:
        rows, _ = evaluate_records(
            _records(
                suite,
                [
                    "SELECT name FROM singer WHERE country = 'France' ORDER BY age",
                    "SELECT DISTINCT name FROM singer WHERE country = 'France' ORDER BY age DESC",
                ],
                gold=ordered,
            ),
            executor=executor,
        )
    assert [(r["exec"], r["ts"]) for r in rows] == [(0, 0), (1, 1)]


def test_cli_prints_the_test_suite_line(suite, tmp_path, capsys):
    import argparse

    gold = tmp_path / "gold.sql"
    pred = tmp_path / "pred.txt"
    gold.write_text(f"{GOLD}\tconcert\n{GOLD}\tconcert\n")
    pred.write_text(f"{GOLD}\n{LUCKY}\n")
    parser = argparse.ArgumentParser()
    add_parser(parser.add_subparsers())
    out = tmp_path / "out.jsonl"
    args = parser.parse_args(
        [
            "evaluate",
            "--gold",
            str(gold),
            "--pred",
            str(pred),
            "--db",
            str(suite.parent.parent),
            "--etype",
            "exec",
            "--out",
            str(out),
        ]
    )
    assert args.func(args) == 0
    printed = capsys.readouterr().out
    assert "test-suite exec" in printed and "0.500" in printed
    assert [r["ts"] for r in read_jsonl(out)] == [1, 0]
    args = parser.parse_args(
        [
            "evaluate",
            "--gold",
            str(gold),
            "--pred",
            str(pred),
            "--db",
            str(suite.parent.parent),
            "--etype",
            "exec",
            "--no-test-suite",
        ]
    )
    assert args.func(args) == 0
    assert "test-suite" not in capsys.readouterr().out


def test_extra_sqlite_files_change_nothing_for_prepare_and_prompts(tmp_path):
    from polysql.data.prepare import prepare_benchmark
    from polysql.data.prompt_schema import serialize_schema
    from tiny_bench import write_tiny_benchmark

    root = write_tiny_benchmark(tmp_path / "bench")
    prepare_benchmark(root, tmp_path / "before", splits=["train", "dev"], languages=["en", "de"])
    schemas = {p: serialize_schema(p, sample_rows=2) for p in sorted((root / "database").glob("*/*.sqlite"))}
    for folder in (root / "database").iterdir():
        variant = folder / f"{folder.name}_ts1.sqlite"
        with sqlite3.connect(variant) as conn:  # another schema and other rows: must never be read
            conn.execute("CREATE TABLE unrelated (x INT)")
        conn.close()
    prepare_benchmark(root, tmp_path / "after", splits=["train", "dev"], languages=["en", "de"])
    for before in sorted((tmp_path / "before").iterdir()):
        assert before.read_bytes() == (tmp_path / "after" / before.name).read_bytes(), before.name
    for path, text in schemas.items():
        assert serialize_schema(path, sample_rows=2) == text


# ------------------------------------------------------------------------------ the report column
def _frame(ts_values) -> pd.DataFrame:
    rows = []
    for lang in ("en", "de"):
        for i, ts in enumerate(ts_values):
            rows.append(
                {
                    "system": "s",
                    "lang": lang,
                    "intent": f"i{i}",
                    "hardness": "easy",
                    "exec": 1,
                    "exact_match": 0,
                    "executable": 1,
                    "ts": ts,
                }
            )
    return pd.DataFrame(rows)


def test_report_ts_column_present_absent_or_na(tmp_path):
    from polysql.report.plots import main_bars
    from polysql.report.tables import RowSpec, StatsConfig, main_table, to_markdown

    rows, stats, langs = [RowSpec("sys", ("s",))], StatsConfig(n_boot=50), ["en", "de"]
    with_ts = main_table(_frame([1, 0, 1, 0]), rows, langs, stats)
    assert with_ts.loc[0, "avg_TS"] == 50.0 and with_ts.loc[0, "avg_EX"] == 100.0
    assert "**TS**" in to_markdown(with_ts, langs)
    main_bars(with_ts, langs, tmp_path / "bars.png")

    none = main_table(_frame([None] * 4), rows, langs, stats)
    assert not any(c.endswith("_TS") or "_TS_" in c for c in none.columns)
    assert "TS" not in to_markdown(none, langs)
    main_bars(none, langs, tmp_path / "bars_none.png")

    partial = _frame([1, 1, 1, 1])
    partial.loc[partial["lang"] == "de", "ts"] = None
    table = main_table(partial, rows, langs, stats)
    assert table.loc[0, "en_TS"] == 100.0 and np.isnan(table.loc[0, "de_TS"]) and np.isnan(table.loc[0, "avg_TS"])
    markdown = to_markdown(table, langs)
    assert "| sys | 100.0 [100.0, 100.0] | n/a | n/a |" in markdown
    main_bars(table, langs, tmp_path / "bars_partial.png")


def test_old_metrics_files_without_ts_load(tmp_path):  # and with exact match under its old key "match"
    from polysql.report.tables import load_examples

    path = tmp_path / "s" / "en.examples.jsonl"
    path.parent.mkdir()
    path.write_text(json.dumps({"intent": "i0", "hardness": "easy", "exec": 1, "match": 1, "executable": 1}) + "\n")
    frame = load_examples(tmp_path, ["s"], ["en"])
    assert frame["ts"].isna().all() and frame["exact_match"].tolist() == [1]


# ------------------------------------------------------------------------------ the stricter execution reward
def test_execution_reward_on_the_test_suite(suite, tmp_path, caplog):
    from polysql.rewards.registry import REWARD_FACTORIES, RewardContext, build_reward_funcs

    context = RewardContext(sql_config={"timeout_s": 2.0, "max_rows": 1000, "max_result_bytes": 1_000_000})
    completions = [GOLD, LUCKY, "SELECT name FROM singer WHERE age > 100", "SELECT nope"]
    lonely = _db(tmp_path / "lonely" / "lonely.sqlite", ORIGINAL)  # no variants

    def score(func, db):
        n = len(completions)
        logged = {}
        out = func(
            prompts=["p"] * n,
            completions=completions,
            db_path=[str(db)] * n,
            gold_sql=[GOLD] * n,
            log_metric=lambda key, value: logged.__setitem__(key, value),
        )
        return out, logged

    plain = REWARD_FACTORIES["execution"]({}, context=context)
    strict = REWARD_FACTORIES["execution"]({"test_suite": True}, context=context)
    assert score(plain, suite)[0] == [1.0, 1.0, 0.1, 0.0]
    assert score(strict, suite) == (
        [1.0, 0.1, 0.1, 0.0],
        {"rewards/execution/gold_errors": 0.0, "rewards/execution/no_test_suite": 0.0},
    )
    with caplog.at_level("WARNING"):
        scores, logged = score(strict, lonely)
    assert scores == [1.0, 1.0, 0.1, 0.0] and logged["rewards/execution/no_test_suite"] == 4.0
    assert "no usable test-suite variants" in caplog.text
    funcs, weights = build_reward_funcs({"execution": {"weight": 1.0, "test_suite": True}}, {}, context=context)
    assert weights == [1.0] and score(funcs[0], suite)[0] == [1.0, 0.1, 0.1, 0.0]
    with pytest.raises(ValueError, match="test_suite must be true or false"):
        REWARD_FACTORIES["execution"]({"test_suite": "yes"}, context=context)


def test_schema_accepts_the_test_suite_reward_option():
    import yaml

    from polysql.workflow_config import load_validated_config

    schema = ROOT / "workflow" / "schemas" / "config.schema.yaml"
    paper = load_validated_config(yaml.safe_load((ROOT / "config" / "paper.yaml").read_text()), schema)
    assert paper["reward_sets"]["exec_ts"] == {"execution": {"weight": 1.0, "test_suite": True}}
    assert any("exec_ts" in block["reward_sets"] for block in paper["grid"])
    default = load_validated_config(yaml.safe_load((ROOT / "config" / "config.yaml").read_text()), schema)
    assert default["rewards"]["execution"]["test_suite"] is False
    bad = yaml.safe_load((ROOT / "config" / "config.yaml").read_text())
    bad["reward_sets"]["exec_ts"] = {"execution": {"weight": 1.0, "test_suite": "yes"}}
    with pytest.raises(Exception, match="reward_sets"):
        load_validated_config(bad, schema)
