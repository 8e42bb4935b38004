"""A tiny Spider/MultiSpider-format benchmark written by tests (two databases, parallel languages)."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

SCHEMAS = {
    "shop": (
        "CREATE TABLE customer (id INTEGER PRIMARY KEY, name TEXT, city TEXT);"
        "CREATE TABLE purchase (id INTEGER PRIMARY KEY, customer_id INTEGER REFERENCES customer(id), amount REAL);",
        [
            "INSERT INTO customer VALUES (1, 'Ann', 'Paris')",
            "INSERT INTO customer VALUES (2, 'Bob', 'Rome')",
            "INSERT INTO customer VALUES (3, 'Cid', 'Paris')",
            "INSERT INTO purchase VALUES (1, 1, 10.5)",
            "INSERT INTO purchase VALUES (2, 1, 3.0)",
            "INSERT INTO purchase VALUES (3, 2, 7.25)",
        ],
    ),
    "zoo": (
        "CREATE TABLE keeper (id INTEGER PRIMARY KEY, name TEXT);"
        "CREATE TABLE animal (id INTEGER PRIMARY KEY, species TEXT, age INTEGER, keeper_id INTEGER REFERENCES keeper(id));",
        [
            "INSERT INTO keeper VALUES (1, 'Kim')",
            "INSERT INTO keeper VALUES (2, 'Lee')",
            "INSERT INTO animal VALUES (1, 'lion', 4, 1)",
            "INSERT INTO animal VALUES (2, 'zebra', 2, 2)",
            "INSERT INTO animal VALUES (3, 'lion', 9, 2)",
        ],
    ),
}

# (db_id, gold SQL, {lang: question}) -- the English question doubles for languages not listed.
EXAMPLES = {
    "train": [
        (
            "shop",
            "SELECT count(*) FROM customer",
            {"en": "How many customers are there?", "de": "Wie viele Kunden gibt es?"},
        ),
        (
            "shop",
            "SELECT name FROM customer WHERE city = 'Paris'",
            {"en": "Which customers live in Paris?", "de": "Welche Kunden wohnen in Paris?"},
        ),
        (
            "shop",
            "SELECT T1.name, sum(T2.amount) FROM customer AS T1 JOIN purchase AS T2 ON T1.id = T2.customer_id GROUP BY T1.name",
            {"en": "Total purchase amount per customer name?", "de": "Gesamtbetrag der Käufe je Kundenname?"},
        ),
        (
            "shop",
            "SELECT name FROM customer WHERE id NOT IN (SELECT customer_id FROM purchase)",
            {"en": "Customers without purchases?", "de": "Kunden ohne Käufe?"},
        ),
    ],
    "dev": [
        ("zoo", "SELECT count(*) FROM animal", {"en": "How many animals are there?", "de": "Wie viele Tiere gibt es?"}),
        (
            "zoo",
            "SELECT species FROM animal WHERE age > 3",
            {"en": "Species of animals older than 3?", "de": "Arten der Tiere älter als 3?"},
        ),
        (
            "zoo",
            "SELECT T2.name FROM animal AS T1 JOIN keeper AS T2 ON T1.keeper_id = T2.id WHERE T1.species = 'lion'",
            {"en": "Keepers of lions?", "de": "Pfleger der Löwen?"},
        ),
        (
            "zoo",
            "SELECT name FROM keeper WHERE id NOT IN (SELECT keeper_id FROM animal WHERE species = 'zebra')",
            {"en": "Keepers who do not keep zebras?", "de": "Pfleger, die keine Zebras betreuen?"},
        ),
    ],
}


def write_tiny_benchmark(root: Path, languages=("en", "de"), layout: str = "flat", broken_gold: bool = False) -> Path:
    """Write the tiny benchmark under ``root`` in ``layout`` 'flat' ({split}_{lang}.json) or 'per_lang' ({lang}/{split}.json)."""
    root = Path(root)
    for db_id, (ddl, inserts) in SCHEMAS.items():
        path = root / "database" / db_id / f"{db_id}.sqlite"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.unlink(missing_ok=True)
        with sqlite3.connect(path) as conn:
            conn.executescript(ddl)
            for statement in inserts:
                conn.execute(statement)
        conn.close()
    for split, examples in EXAMPLES.items():
        for lang in languages:
            entries = [
                {"db_id": db_id, "query": sql, "question": questions.get(lang, questions["en"])}
                for db_id, sql, questions in examples
            ]
            if broken_gold and split == "dev":
                entries.append({"db_id": "zoo", "query": "SELECT nope FROM animal", "question": "broken"})
            target = root / f"{split}_{lang}.json" if layout == "flat" else root / lang / f"{split}.json"
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(json.dumps(entries, ensure_ascii=False, indent=1), encoding="utf-8")
    tables = [{"db_id": db_id} for db_id in SCHEMAS]
    (root / "tables.json").write_text(json.dumps(tables), encoding="utf-8")
    return root
