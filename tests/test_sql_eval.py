"""Execution accuracy, exact-set match, schemas and the evaluate CLI on Spider-style pairs."""

from __future__ import annotations

import json

import pytest

from polysql.cli import main as cli_main
from polysql.io import DataError, read_json, read_jsonl, write_jsonl
from demo_db import build_concert_singer, build_pets
from polysql.sql.evaluate import evaluate_records, summarize
from polysql.sql.exact_match import COMPONENTS, GoldParseError, exact_match
from polysql.sql.exec_eval import execution_match, order_matters, remove_distinct, results_equal
from polysql.sql.executor import GoldQueryError, SafeExecutor
from polysql.sql.schema import Schema, load_tables_json
from polysql.sql.sqlite_schema import tables_json_entry


@pytest.fixture(scope="module")
def bench(tmp_path_factory):
    root = tmp_path_factory.mktemp("spider")
    dbs = {
        "concert_singer": build_concert_singer(root / "database/concert_singer/concert_singer.sqlite"),
        "pets": build_pets(root / "database/pets/pets.sqlite"),
    }
    tables = root / "tables.json"
    tables.write_text(json.dumps([tables_json_entry(p, k) for k, p in dbs.items()]))
    return root, dbs, tables


@pytest.fixture(scope="module")
def ex():
    with SafeExecutor(timeout_s=2.0) as executor:
        yield executor


@pytest.fixture(scope="module")
def schema(bench):
    return Schema.from_sqlite(bench[1]["concert_singer"])


def both(ex, db, schema, pred, gold):
    return execution_match(ex, db, pred, gold).correct, exact_match(pred, gold, schema).match


# ---------------------------------------------------------------------------- schema
def test_schema_from_sqlite_and_tables_json_agree(bench, schema):
    _, dbs, tables = bench
    assert list(schema.tables) == ["stadium", "singer", "concert", "singer_in_concert"]
    assert schema.tables["singer"][:3] == ["singer_id", "name", "country"]
    assert schema.primary_keys["singer_in_concert"] == ["concert_id", "singer_id"]
    assert ("concert", "stadium_id", "stadium", "stadium_id") in schema.foreign_keys
    from_json = load_tables_json(tables)
    assert set(from_json) == {"concert_singer", "pets"}
    assert from_json["concert_singer"].tables == schema.tables
    fk_map = from_json["concert_singer"].foreign_key_map()
    assert fk_map["__concert.stadium_id__"] == "__stadium.stadium_id__"
    assert fk_map["__singer_in_concert.singer_id__"] == "__singer.singer_id__"


def test_tables_json_errors_name_the_file(tmp_path):
    bad = tmp_path / "tables.json"
    bad.write_text(json.dumps([{"db_id": "x", "table_names_original": ["t"]}]))
    with pytest.raises(DataError, match="tables.json.*column_names_original"):
        load_tables_json(bad)


# ---------------------------------------------------------------------------- execution
def test_ex_right_but_sem_wrong(bench, ex, schema):
    db = bench[1]["concert_singer"]
    gold = "SELECT max(capacity) FROM stadium"
    pred = "SELECT capacity FROM stadium ORDER BY capacity DESC LIMIT 1"
    assert both(ex, db, schema, pred, gold) == (True, False)


def test_ex_wrong_but_sem_right_values_ignored(bench, ex, schema):
    db = bench[1]["concert_singer"]
    gold = "SELECT name FROM singer WHERE country = 'France'"
    pred = "SELECT name FROM singer WHERE country = 'Atlantis'"
    assert both(ex, db, schema, pred, gold) == (False, True)


def test_aliases_resolve_to_the_same_columns(bench, ex, schema):
    db = bench[1]["concert_singer"]
    gold = "SELECT T2.name FROM concert AS T1 JOIN stadium AS T2 ON T1.stadium_id = T2.stadium_id WHERE T1.year = 2014"
    pred = "SELECT stadium.name FROM concert JOIN stadium ON concert.stadium_id = stadium.stadium_id WHERE year = 2014"
    assert both(ex, db, schema, pred, gold) == (True, True)
    # a foreign-key column stands for its key group
    assert exact_match(
        "SELECT T1.stadium_id FROM concert AS T1 JOIN stadium AS T2 ON T1.stadium_id = T2.stadium_id",
        "SELECT T2.stadium_id FROM concert AS T1 JOIN stadium AS T2 ON T1.stadium_id = T2.stadium_id",
        schema,
    ).match


def test_order_by_matters_only_when_gold_orders(bench, ex):
    db = bench[1]["concert_singer"]
    ordered_gold = "SELECT name FROM singer ORDER BY age, singer_id"
    assert not execution_match(ex, db, "SELECT name FROM singer ORDER BY singer_id DESC", ordered_gold).correct
    assert execution_match(ex, db, "SELECT name FROM singer ORDER BY age, singer_id", ordered_gold).correct
    assert execution_match(ex, db, "SELECT name FROM singer ORDER BY singer_id DESC", "SELECT name FROM singer").correct
    assert order_matters("select a from t where b in (select b from u order by c)")
    assert not order_matters("select a from t where b in (select b from u order by c)", "top_level")


def test_column_permutation_is_allowed(bench, ex, schema):
    db = bench[1]["concert_singer"]
    gold = "SELECT name, country, age FROM singer"
    pred = "SELECT age, name, country FROM singer"
    # EX permutes result columns; Sem compares the select list as a bag
    assert both(ex, db, schema, pred, gold) == (True, True)
    assert both(ex, db, schema, "SELECT age, name FROM singer", gold) == (False, False)


def test_set_operations(bench, ex, schema):
    db = bench[1]["concert_singer"]
    gold = "SELECT country FROM singer WHERE age > 40 INTERSECT SELECT country FROM singer WHERE age < 30"
    union = gold.replace("INTERSECT", "UNION")
    assert both(ex, db, schema, gold, gold) == (True, True)
    ex_ok, sem_ok = both(ex, db, schema, union, gold)
    assert not sem_ok
    assert ex_ok == (sorted(ex.execute(db, union).rows) == sorted(ex.execute(db, gold).rows))
    match = exact_match(union, gold, schema)
    assert match.partial["IUEN"] == 0 and match.partial["select"] == 1


def test_distinct_is_ignored_like_the_reference(bench, ex, schema):
    db = bench[1]["concert_singer"]
    assert both(ex, db, schema, "SELECT country FROM singer", "SELECT DISTINCT country FROM singer") == (True, True)
    assert not execution_match(
        ex, db, "SELECT country FROM singer", "SELECT DISTINCT country FROM singer", keep_distinct=True
    ).correct
    assert remove_distinct("SELECT DISTINCT a, 'distinct' FROM t") == "SELECT  a, 'distinct' FROM t"


def test_unparsable_prediction_scores_zero(bench, ex, schema):
    gold = "SELECT name FROM singer"
    for pred in (
        "SELECT name FROM singer s",
        "SELECT name FROM singer LEFT JOIN concert",
        "this is not sql",
        "",
        "SELECT name AS n FROM singer",
    ):
        result = exact_match(pred, gold, schema)
        assert not result.match and result.error and set(result.partial) == set(COMPONENTS)
    # executable though outside Spider's grammar: EX still counts it
    assert execution_match(ex, bench[1]["concert_singer"], "SELECT s.name FROM singer s", gold).correct


def test_prediction_errors_are_wrong(bench, ex):
    db = bench[1]["concert_singer"]
    bad = execution_match(ex, db, "SELECT nope FROM singer", "SELECT name FROM singer")
    assert not bad.correct and bad.pred_error_kind == "runtime" and bad.gold_error is None
    writes = execution_match(ex, db, "DELETE FROM singer", "SELECT name FROM singer WHERE 0")
    assert not writes.correct and writes.pred_error_kind == "forbidden"


def test_failing_gold_is_recorded_or_raised(bench, ex, schema):
    db = bench[1]["concert_singer"]
    result = execution_match(ex, db, "SELECT 1", "SELECT * FROM no_such_table")
    assert not result.correct and "no_such_table" in result.gold_error
    with pytest.raises(GoldQueryError):
        execution_match(ex, db, "SELECT 1", "SELECT * FROM no_such_table", raise_gold_errors=True)
    with pytest.raises(GoldParseError):
        exact_match("SELECT 1", "SELECT nope FROM singer", schema)
    record = {"db_path": str(db), "gold_sql": "SELECT * FROM no_such_table", "prediction": "SELECT 1"}
    with pytest.raises(GoldQueryError, match="record 1"):
        evaluate_records([record], executor=ex)
    rows, summary = evaluate_records([record], executor=ex, etype="exec", strict_gold=False)
    # excluded, never a silent zero
    assert rows[0]["exec"] is None and summary["errors"]["gold_error"] == 1
    assert summary["n"] == 0 and summary["ex"] is None


def test_results_equal_semantics():
    assert results_equal([(1, "a"), (2, "b")], [("b", 2), ("a", 1)], ordered=False)
    assert not results_equal([(1, "a"), (2, "b")], [("b", 2), ("a", 1)], ordered=True)
    assert results_equal([(1,), (1,), (2,)], [(2,), (1,), (1,)], ordered=False)
    assert not results_equal([(1,), (1,), (2,)], [(2,), (2,), (1,)], ordered=False)
    assert results_equal([(1,)], [(1.0,)], ordered=True)
    assert results_equal([], [], ordered=False)
    assert not results_equal([(1, 2)], [(1,)], ordered=False)
    # same column value bags but rows pair differently: no permutation works
    assert not results_equal([(1, 1), (2, 2)], [(1, 2), (2, 1)], False)
    assert results_equal([(1, 1, 2, 2), (2, 2, 1, 1)], [(1, 2, 1, 2), (2, 1, 2, 1)], False)
    assert results_equal([(1, 2, 3, 4), (5, 6, 7, 8)], [(4, 3, 2, 1), (8, 7, 6, 5)], True)


def test_partial_components_of_a_near_miss(schema):
    gold = (
        "SELECT T2.name, count(*) FROM concert AS T1 JOIN stadium AS T2 ON T1.stadium_id = "
        "T2.stadium_id GROUP BY T1.stadium_id"
    )
    pred = (
        "SELECT T2.name, max(T2.capacity) FROM concert AS T1 JOIN stadium AS T2 ON "
        "T1.stadium_id = T2.stadium_id GROUP BY T1.stadium_id"
    )
    result = exact_match(pred, gold, schema)
    assert not result.match
    assert result.partial["select"] == 0 and result.partial["group(no Having)"] == 1
    assert result.partial["group"] == 1 and result.partial["keywords"] == 1


# ---------------------------------------------------------------------------- evaluate + CLI
def test_evaluate_records_summary_per_language(bench, ex):
    db = str(bench[1]["pets"])
    gold = "SELECT count(*) FROM student WHERE age > 20"
    records = [
        {
            "id": "1-en",
            "intent": "1",
            "lang": "en",
            "db_id": "pets",
            "db_path": db,
            "gold_sql": gold,
            "prediction": gold,
        },
        {
            "id": "1-de",
            "intent": "1",
            "lang": "de",
            "db_id": "pets",
            "db_path": db,
            "gold_sql": gold,
            "prediction": "SELECT count(*) FROM student WHERE age > 21",
        },
        {
            "id": "1-ja",
            "intent": "1",
            "lang": "ja",
            "db_id": "pets",
            "db_path": db,
            "gold_sql": gold,
            "prediction": "SELECT count(* FROM student",
            "hardness": "medium",
        },
    ]
    rows, summary = evaluate_records(records, executor=ex)
    assert [r["exec"] for r in rows] == [1, 0, 0]
    assert [r["executable"] for r in rows] == [1, 1, 0]  # the second runs (wrong rows), the third fails
    assert [r["exact_match"] for r in rows] == [1, 1, 0]
    assert [r["hardness"] for r in rows] == ["easy", "easy", "medium"]
    assert rows[2]["error"] and rows[0]["error"] is None
    assert summary["n"] == 3 and summary["ex"] == pytest.approx(1 / 3)
    assert summary["exact_match"] == pytest.approx(2 / 3) and summary["executable"] == pytest.approx(2 / 3)
    assert summary["by_hardness"]["easy"] == {"n": 2, "ex": 0.5, "exact_match": 1.0, "executable": 1.0}
    assert summary["errors"] == {"pred_error": 1, "timeout": 0, "gold_error": 0, "unparsable": 1}
    assert set(summary["by_lang"]) == {"en", "de", "ja"}
    assert summarize(rows, system="s")["system"] == "s"
    assert set(summary["partial"]) == set(COMPONENTS)


def test_cli_with_reference_inputs(bench, tmp_path, capsys):
    root, _, tables = bench
    gold = tmp_path / "gold.sql"
    pred = tmp_path / "pred.txt"
    gold.write_text(
        "SELECT count(*) FROM singer\tconcert_singer\n"
        "SELECT name FROM singer WHERE age > 30\tconcert_singer\n"
        "SELECT count(*) FROM pets\tpets\n"
    )
    pred.write_text(
        "SELECT count(*) FROM singer\nSELECT name FROM singer WHERE age > 40\nSELECT count(*) FROM pets WHERE oops\n"
    )
    out, summary = tmp_path / "out.jsonl", tmp_path / "summary.json"
    code = cli_main(
        [
            "evaluate",
            "--gold",
            str(gold),
            "--pred",
            str(pred),
            "--db",
            str(root / "database"),
            "--table",
            str(tables),
            "--etype",
            "all",
            "--out",
            str(out),
            "--summary",
            str(summary),
            "--system",
            "demo",
        ]
    )
    assert code == 0
    rows = read_jsonl(out)
    assert [(r["exec"], r["exact_match"]) for r in rows] == [(1, 1), (0, 1), (0, 0)]
    assert rows[2]["error"] and rows[0]["hardness"] == "easy"
    metrics = read_json(summary)
    assert metrics["system"] == "demo" and metrics["n"] == 3
    assert metrics["ex"] == pytest.approx(1 / 3) and metrics["exact_match"] == pytest.approx(2 / 3)
    printed = capsys.readouterr().out
    assert "execution" in printed and "exact match" in printed

    pred.write_text("SELECT 1\n")
    assert cli_main(["evaluate", "--gold", str(gold), "--pred", str(pred), "--db", str(root / "database")]) == 2
    assert "1 predictions" in capsys.readouterr().err


def test_cli_with_records(bench, tmp_path):
    db = str(bench[1]["concert_singer"])
    records = tmp_path / "pred.jsonl"
    write_jsonl(
        records,
        [
            {
                "id": "a",
                "lang": "fr",
                "db_path": db,
                "gold_sql": "SELECT name FROM singer",
                "prediction": "SELECT name FROM singer",
            }
        ],
    )
    summary = tmp_path / "m.json"
    assert cli_main(["evaluate", "--records", str(records), "--summary", str(summary), "--etype", "exec"]) == 0
    metrics = read_json(summary)
    assert metrics["lang"] == "fr" and metrics["ex"] == 1.0 and metrics["exact_match"] is None
