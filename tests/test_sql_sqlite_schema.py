"""polysql.sql.sqlite_schema: the one reader of SQLite schemas and the one tables.json writer."""

import sqlite3

import pytest

from polysql.data.prompt_schema import serialize_schema
from polysql.sql.schema import Schema
from polysql.sql.sqlite_schema import read_tables, tables_json_entry

DDL = """
CREATE TABLE Team (team_id INTEGER PRIMARY KEY, Name TEXT);
CREATE TABLE Season (year INTEGER, league TEXT, PRIMARY KEY (year, league));
CREATE TABLE Player (player_id INTEGER PRIMARY KEY, teamId INTEGER REFERENCES Team,
                     year INTEGER, league TEXT, joined DATE, active BOOLEAN, blob_col,
                     FOREIGN KEY (year, league) REFERENCES Season);
"""


@pytest.fixture()
def db(tmp_path):
    path = tmp_path / "league.sqlite"
    with sqlite3.connect(path) as conn:
        conn.executescript(DDL)
    return path


def test_references_without_a_column_point_at_the_primary_key(db):
    player = {t.name: t for t in read_tables(db)}["Player"]
    keys = {key.column: key for key in player.foreign_keys}
    assert keys["teamId"].ref_column is None and keys["teamId"].target == "team_id"
    # a composite key without columns: each column refers to the key column at its position
    assert (keys["year"].target, keys["league"].target) == ("year", "league")


def test_tables_json_entry_of_references_without_a_column(db):
    entry = tables_json_entry(db, "league")
    names = entry["column_names_original"]

    def ref(index):
        return entry["table_names_original"][names[index][0]], names[index][1]

    assert [(ref(a), ref(b)) for a, b in entry["foreign_keys"]] == [  # in PRAGMA order
        (("Player", "year"), ("Season", "year")),
        (("Player", "league"), ("Season", "league")),
        (("Player", "teamId"), ("Team", "team_id")),
    ]
    assert [ref(i) for i in entry["primary_keys"]] == [
        ("Team", "team_id"),
        ("Season", "year"),
        ("Season", "league"),
        ("Player", "player_id"),
    ]
    assert entry["table_names"] == ["team", "season", "player"]
    player_columns = [(name, kind) for (t, name), kind in zip(entry["column_names"], entry["column_types"]) if t == 2]
    assert player_columns == [
        ("player id", "number"),
        ("team id", "number"),
        ("year", "number"),
        ("league", "text"),
        ("joined", "time"),
        ("active", "boolean"),
        ("blob col", "others"),
    ]


def test_the_evaluation_schema_and_the_prompt_read_the_same_keys(db):
    schema = Schema.from_sqlite(db)
    assert ("player", "teamid", "team", "team_id") in schema.foreign_keys
    assert schema.primary_keys["season"] == ["year", "league"]
    text = serialize_schema(db)
    assert "teamId INTEGER REFERENCES Team," in text  # the prompt shows the key as declared
    assert "CREATE TABLE Season (year INTEGER, league TEXT, PRIMARY KEY (year, league));" in text


def test_a_foreign_key_to_a_missing_column_is_an_error_naming_it(tmp_path):
    path = tmp_path / "broken.sqlite"
    with sqlite3.connect(path) as conn:
        conn.executescript(
            "CREATE TABLE a (id INTEGER PRIMARY KEY);"
            "CREATE TABLE b (id INTEGER PRIMARY KEY, a_id INTEGER REFERENCES a(nope));"
        )
    with pytest.raises(ValueError, match=r"b\.a_id -> a\(nope\)"):
        tables_json_entry(path, "broken")
    assert ("b", "a_id", "a", "nope") in Schema.from_sqlite(path).foreign_keys  # ignored by the key map


def test_sqlite_internal_tables_only_on_request(tmp_path):
    path = tmp_path / "auto.sqlite"
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE t (id INTEGER PRIMARY KEY AUTOINCREMENT, x TEXT)")
    assert [t.name for t in read_tables(path)] == ["t"]
    assert [t.name for t in read_tables(path, include_internal=True)] == ["t", "sqlite_sequence"]
